"""Shortcuts that drive an item through the real services."""

import datetime as dt

from gongkai.publishing import services

VALID_ID = "370302198001011232"  # passes the GB 11643 checksum


def draft(agency, officer, **fields):
    data = {
        "title": "关于政务公开工作的通知",
        "body": "<p>为进一步做好政务公开工作，特通知如下。</p>",
        "formed_on": dt.date(2026, 11, 2),
    }
    data.update(fields)
    return services.create_item(agency, officer, **data)


def reviewer_of(agency):
    """A reviewer of the body other than its leader: the one who reviews does not sign."""
    from gongkai.agencies.models import Membership, Role
    from tests.factories import MembershipFactory

    existing = Membership.objects.filter(agency=agency, role=Role.REVIEWER).first()
    if existing is not None:
        return existing.user
    return MembershipFactory(agency=agency, role=Role.REVIEWER).user


def published(agency, officer, leader, **fields):
    item = draft(agency, officer, **fields)
    services.submit(item, officer)
    services.approve(item, reviewer_of(agency), "同意")
    return services.sign_off(item, leader, "同意发布")
