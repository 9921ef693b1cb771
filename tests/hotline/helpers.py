"""Helpers: tickets made through the services, like the platform makes them."""

from __future__ import annotations

from gongkai.hotline import intake
from gongkai.hotline.choices import TicketChannel
from gongkai.hotline.models import Category


def _category(code: str) -> Category:
    """A default category; a transactional test's flush earlier on this worker removes the
    rows the migration made, so they are made again when missing."""
    if not Category.objects.filter(code=code).exists():
        from gongkai.hotline.defaults import load_categories

        load_categories(Category)
    return Category.objects.get(code=code)


def caller_data(**overrides) -> dict:
    data = {
        "name": "李四",
        "phone": "13805331234",
        "type": "complaint",
        "category": _category("housing-property"),
        "content": "小区物业长期不清运垃圾，影响居民生活。",
        "address": "周村区某小区3号楼",
        "area": "丝绸路街道",
        "public_consent": False,
    }
    data.update(overrides)
    return data


def agent_call(centre) -> dict:
    """What an agent types into the phone form (/manage/hotline/new/) for a plausible call."""
    return {
        "centre": centre.code,
        "channel": "phone",
        "phone": "13805331234",
        "name": "李四",
        "type": "help",
        "category": "urban-roads",
        "content": "门口路灯坏了一周没人修。",
    }


def new_ticket(centre, *, actor=None, channel=TicketChannel.PHONE, **overrides):
    return intake.intake(centre, caller_data(**overrides), channel=channel, actor=actor)
