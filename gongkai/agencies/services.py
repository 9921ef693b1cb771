"""Changes to bodies, reading points and roles. Each writes an audit event in its transaction."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import transaction

from gongkai.agencies import actions
from gongkai.agencies.models import (
    Agency,
    ArchiveSubmission,
    Membership,
    OrgYear,
    ReadingPoint,
    ReadingPointVisits,
    TrainingClass,
    WorkMeeting,
)
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


# --- organisational records of a year (the figures behind the report's 机构建设/会议培训 rows) ---

ORG_RECORD_ACTIONS = {
    WorkMeeting: actions.MEETING_ADD,
    TrainingClass: actions.TRAINING_ADD,
    ArchiveSubmission: actions.ARCHIVE_ADD,
}


def save_org_year(org: OrgYear, *, actor) -> OrgYear:
    """Store a body's staff/funding record of one year (new or changed)."""
    with transaction.atomic():
        stored = OrgYear.objects.filter(pk=org.pk).first() if org.pk else None
        before = snapshot(stored) if stored is not None else None
        org.save()
        record(
            actions.ORG_YEAR_SAVE,
            org,
            agency=org.agency,
            before=before,
            after=snapshot(org),
            actor=actor,
        )
    return org


def save_reading_point_visits(
    year: int, visitors: dict[ReadingPoint, int | None], *, actor
) -> None:
    """Visitors of each reading point in `year`; None clears a point's figure. All or nothing."""
    with transaction.atomic():
        for point, count in visitors.items():
            if count is None:
                ReadingPointVisits.objects.filter(reading_point=point, year=year).delete()
                continue
            obj, _ = ReadingPointVisits.objects.update_or_create(
                reading_point=point, year=year, defaults={"visitors": count}
            )
            record(
                actions.VISITS_SAVE,
                obj,
                agency=point.agency,
                after=snapshot(obj),
                actor=actor,
            )


def add_org_record(obj: WorkMeeting | TrainingClass | ArchiveSubmission, *, actor):
    """Add a work meeting, training class or archive submission of a body."""
    with transaction.atomic():
        obj.save()
        record(
            ORG_RECORD_ACTIONS[type(obj)], obj, agency=obj.agency, after=snapshot(obj), actor=actor
        )
    return obj


def reminder_recipients(agency: Agency) -> list:
    """Who gets a body's deadline reminders (applications, hotline tickets): its active
    officers and leaders."""
    return [
        m.user
        for m in Membership.objects.filter(
            agency=agency, role__in=["officer", "leader"]
        ).select_related("user")
        if m.user.is_active
    ]
