"""Helpers: tickets made through the services, like the platform makes them."""

from __future__ import annotations

from gongkai.hotline import intake
from gongkai.hotline.choices import TicketChannel
from gongkai.hotline.models import Category


def caller_data(**overrides) -> dict:
    data = {
        "name": "李四",
        "phone": "13805331234",
        "type": "complaint",
        "category": Category.objects.get(code="housing-property"),
        "content": "小区物业长期不清运垃圾，影响居民生活。",
        "address": "周村区某小区3号楼",
        "area": "丝绸路街道",
        "public_consent": False,
    }
    data.update(overrides)
    return data


def new_ticket(centre, *, actor=None, channel=TicketChannel.PHONE, **overrides):
    return intake.intake(centre, caller_data(**overrides), channel=channel, actor=actor)
