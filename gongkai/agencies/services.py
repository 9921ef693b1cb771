"""Changes to bodies, reading points and roles. Each writes an audit event in its transaction."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import transaction

from gongkai.agencies import actions
from gongkai.agencies.models import Agency, Membership, ReadingPoint
from gongkai.audit.services import record, snapshot


def save_agency(agency: Agency, *, created: bool, actor) -> Agency:
    with transaction.atomic():
        before = None if created else snapshot(Agency.objects.get(pk=agency.pk))
        agency.save()
        record(
            actions.AGENCY_CREATE if created else actions.AGENCY_UPDATE,
            agency,
            actor=actor,
            before=before,
            after=snapshot(agency),
        )
    return agency


def save_reading_point(point: ReadingPoint, *, created: bool, actor) -> ReadingPoint:
    with transaction.atomic():
        before = None if created else snapshot(ReadingPoint.objects.get(pk=point.pk))
        point.save()
        record(
            actions.READING_POINT_CREATE if created else actions.READING_POINT_UPDATE,
            point,
            actor=actor,
            before=before,
            after=snapshot(point),
        )
    return point


def delete_reading_point(point: ReadingPoint, *, actor) -> None:
    with transaction.atomic():
        record(actions.READING_POINT_DELETE, point, actor=actor, before=snapshot(point))
        point.delete()


def add_member(
    agency: Agency,
    *,
    username: str,
    role: str,
    actor,
    full_name: str = "",
    password: str | None = None,
) -> Membership:
    user_model = get_user_model()
    with transaction.atomic():
        user, created = user_model.objects.get_or_create(
            username=username, defaults={"first_name": full_name}
        )
        if created:
            if password:
                user.set_password(password)
            else:
                user.set_unusable_password()
            user.save()
            record(
                actions.USER_CREATE,
                user,
                actor=actor,
                agency=agency,
                after={"username": username, "full_name": full_name},
            )
        membership, _ = Membership.objects.get_or_create(user=user, agency=agency, role=role)
        record(actions.MEMBERSHIP_CREATE, membership, actor=actor, after=snapshot(membership))
    return membership


def remove_member(membership: Membership, *, actor) -> None:
    with transaction.atomic():
        record(actions.MEMBERSHIP_DELETE, membership, actor=actor, before=snapshot(membership))
        membership.delete()
