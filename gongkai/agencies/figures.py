"""Report figures from organisational records: 机构建设和保障经费, 会议和培训, 报送档案馆.

Only the 2014 statistics table has these rows. Aggregate queries only; a body without an
OrgYear row for the year contributes nothing, so its cells stay for hand entry.
"""

from __future__ import annotations

from django.db.models import Count, Q, Sum

from gongkai.agencies.models import (
    ArchiveSubmission,
    OrgYear,
    ReadingPoint,
    ReadingPointVisits,
    TrainingClass,
    WorkMeeting,
)


def _n(value):
    return None if value is None else (float(value) if hasattr(value, "as_tuple") else value)


def contribute(agency_ids, year: int, format_id: str) -> dict:
    if format_id != "2014":
        return {}
    org = OrgYear.objects.filter(agency_id__in=agency_ids, year=year).aggregate(
        n=Count("id"),
        units=Sum("units"),
        full=Sum("staff_full"),
        part=Sum("staff_part"),
        budget=Sum("budget"),
        full_known=Count("id", filter=Q(staff_full__isnull=False)),
        part_known=Count("id", filter=Q(staff_part__isnull=False)),
    )
    if not org["n"]:
        return {}
    staff = None
    if org["full_known"] or org["part_known"]:
        staff = (org["full"] or 0) + (org["part"] or 0)
    training = TrainingClass.objects.filter(agency_id__in=agency_ids, date__year=year).aggregate(
        classes=Count("id"), trainees=Sum("trainees")
    )
    archive = ArchiveSubmission.objects.filter(agency_id__in=agency_ids, date__year=year).aggregate(
        paper=Sum("paper"), electronic=Sum("electronic")
    )
    paper, electronic = archive["paper"] or 0, archive["electronic"] or 0
    return {
        "org.units": org["units"],
        "org.reading_points": ReadingPoint.objects.filter(agency_id__in=agency_ids).count(),
        "org.visitors": ReadingPointVisits.objects.filter(
            reading_point__agency_id__in=agency_ids, year=year
        ).aggregate(v=Sum("visitors"))["v"],
        "org.staff": staff,
        "org.staff_full": org["full"],
        "org.staff_part": org["part"],
        "org.budget": _n(org["budget"]),
        "train.meetings": WorkMeeting.objects.filter(
            agency_id__in=agency_ids, date__year=year
        ).count(),
        "train.classes": training["classes"],
        "train.trainees": training["trainees"] or 0,
        "archive.total": paper + electronic,
        "archive.paper": paper,
        "archive.electronic": electronic,
    }
