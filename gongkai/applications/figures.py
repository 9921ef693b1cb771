"""Report figures of 依申请公开 (keys of shared/reference/report-keys.md), from aggregate queries.

Year Y of a body counts:
- 本年新收 (new): requests whose Art. 31 receipt date falls in Y;
- 上年结转 (carried): received before Y and not closed before Y;
- results: requests closed in Y, by outcome (a leaf row of the 2021 format);
- 结转下年度 (carry_forward): received by the end of Y and still open at the end of Y.
So new + carried = total + carry_forward holds by construction (R2021.1).
"""

from __future__ import annotations

from datetime import date

from django.db.models import Case, Count, F, Q, QuerySet, Value, When
from django.db.models.fields import CharField

from gongkai.applications.choices import (
    ApplicantType,
    ApplicationChannel,
    DisputeKind,
    DisputeResult,
    Outcome,
)
from gongkai.applications.models import Application, Dispute

COLUMNS = [t.value for t in ApplicantType]  # person business research nonprofit legal other_org
OUTCOME_ROWS = [o.value for o in Outcome]
APPEAL_BLOCKS = [k.value for k in DisputeKind if k != DisputeKind.COMPLAINT]
APPEAL_COLUMNS = ["upheld", "corrected", "other", "pending", "total"]

# Default 2014 statistics row of each outcome (format `2014`, section 三（三）). A reason in the
# managed table may override it (Reason.row_2014), e.g. 已主动公开 under 予以公开, 个人隐私 vs
# 商业秘密 under 保护第三方合法权益, 非本机关 vs 不存在 under 不掌握. `None`: closed but not a reply
# (withdrawal), so it counts in 办结 but not in 答复. Also in docs/applications-figures.md.
OUTCOME_TO_2014: dict[str, str | None] = {
    Outcome.GRANTED: "req.granted",
    Outcome.PARTIAL: "req.partial",
    Outcome.WITHHELD_STATE_SECRET: "req.refused.state_secret",
    Outcome.WITHHELD_LAW_PROHIBITED: "req.refused.other_law",
    Outcome.WITHHELD_SECURITY: "req.refused.security",
    Outcome.WITHHELD_THIRD_PARTY: "req.refused.business_secret",
    Outcome.WITHHELD_INTERNAL: "req.refused.not_gov_info",
    Outcome.WITHHELD_PROCESS: "req.refused.not_gov_info",
    Outcome.WITHHELD_ENFORCEMENT: "req.refused.other_law",
    Outcome.WITHHELD_INQUIRY: "req.other_route",
    Outcome.UNAVAILABLE_NOT_HELD: "req.nonexistent",
    Outcome.UNAVAILABLE_NEEDS_CREATION: "req.nonexistent",
    Outcome.UNAVAILABLE_UNCLEAR: "req.amend",
    Outcome.DECLINED_PETITION: "req.other_route",
    Outcome.DECLINED_REPEAT: "req.other_route",
    Outcome.DECLINED_PUBLICATION: "req.other_route",
    Outcome.DECLINED_ABUSIVE: "req.refused.other_law",
    Outcome.DECLINED_CONFIRMATION: "req.other_route",
    Outcome.OTHER_NO_SUPPLEMENT: "req.amend",
    Outcome.OTHER_UNPAID: "req.other_route",
    Outcome.OTHER_OTHER: None,
}
ROWS_2014_ANSWER = [
    "req.already_public",
    "req.granted",
    "req.partial",
    "req.refused",
    "req.not_this_agency",
    "req.nonexistent",
    "req.amend",
    "req.other_route",
]
REFUSED_2014 = [
    "req.refused.state_secret",
    "req.refused.business_secret",
    "req.refused.privacy",
    "req.refused.security",
    "req.refused.not_gov_info",
    "req.refused.other_law",
]
CHANNEL_TO_2014 = {
    ApplicationChannel.IN_PERSON: "req.in_person",
    ApplicationChannel.FAX: "req.fax",
    ApplicationChannel.ONLINE: "req.online",
    ApplicationChannel.EMAIL: "req.online",
    ApplicationChannel.REGISTERED_LETTER: "req.letter",
    ApplicationChannel.ORDINARY_LETTER: "req.letter",
    ApplicationChannel.OTHER: "req.other",
}
DISPUTE_TO_2014 = {
    DisputeKind.REVIEW: "review",
    DisputeKind.SUIT_DIRECT: "suit",
    DisputeKind.SUIT_AFTER_REVIEW: "suit",
    DisputeKind.COMPLAINT: "complaint",
}


def _bounds(year: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year, 12, 31)


def _grouped(qs, *fields) -> list[dict]:
    return list(qs.values(*fields).annotate(n=Count("id")).order_by())


def _req_section(agency_ids, year: int, split_other: bool) -> dict:
    start, end = _bounds(year)
    base = Application.objects.filter(agency_id__in=agency_ids)
    rows = (
        ["new", "carried"]
        + (
            OUTCOME_ROWS
            if split_other
            else [r for r in OUTCOME_ROWS if not r.startswith("other.")] + ["other"]
        )
        + ["total", "carry_forward"]
    )
    out = {f"req.{r}.{c}": 0 for r in rows for c in COLUMNS + ["total"]}

    def add(row: str, column: str, n: int) -> None:
        out[f"req.{row}.{column}"] += n
        out[f"req.{row}.total"] += n

    for g in _grouped(base.filter(received_on__range=(start, end)), "applicant_type"):
        add("new", g["applicant_type"], g["n"])
    carried = base.filter(received_on__lt=start).filter(
        Q(closed_on__isnull=True) | Q(closed_on__gte=start)
    )
    for g in _grouped(carried, "applicant_type"):
        add("carried", g["applicant_type"], g["n"])
    for g in _grouped(base.filter(closed_on__range=(start, end)), "outcome", "applicant_type"):
        row = g["outcome"] if split_other or not g["outcome"].startswith("other.") else "other"
        add(row, g["applicant_type"], g["n"])
        add("total", g["applicant_type"], g["n"])
    forward = base.filter(received_on__lte=end).filter(
        Q(closed_on__isnull=True) | Q(closed_on__gt=end)
    )
    for g in _grouped(forward, "applicant_type"):
        add("carry_forward", g["applicant_type"], g["n"])
    return out


def _result_as_of(end: date):
    """A case decided after the year end was still pending in that year's report."""
    return Case(
        When(
            Q(decided_on__isnull=True) | Q(decided_on__gt=end),
            then=Value(DisputeResult.PENDING.value),
        ),
        default=F("result"),
        output_field=CharField(),
    )


def _disputes(agency_ids, year: int):
    start, end = _bounds(year)
    return (
        Dispute.objects.filter(agency_id__in=agency_ids, filed_on__range=(start, end))
        .annotate(result_then=_result_as_of(end))
        .values("kind", "result_then")
        .annotate(n=Count("id"))
        .order_by()
    )


def _appeal_section(agency_ids, year: int) -> dict:
    out = {f"appeal.{b}.{c}": 0 for b in APPEAL_BLOCKS for c in APPEAL_COLUMNS}
    for g in _disputes(agency_ids, year):
        if g["kind"] == DisputeKind.COMPLAINT:
            continue
        out[f"appeal.{g['kind']}.{g['result_then']}"] += g["n"]
        out[f"appeal.{g['kind']}.total"] += g["n"]
    return out


def _format_2014(agency_ids, year: int) -> dict:
    start, end = _bounds(year)
    base = Application.objects.filter(agency_id__in=agency_ids)
    out = {
        k: 0
        for k in [
            "req.received",
            *set(CHANNEL_TO_2014.values()),
            "req.closed",
            "req.on_time",
            "req.extended",
            "req.answered",
            *ROWS_2014_ANSWER,
            *REFUSED_2014,
        ]
    }
    for g in _grouped(base.filter(received_on__range=(start, end)), "channel"):
        out[CHANNEL_TO_2014[g["channel"]]] += g["n"]
        out["req.received"] += g["n"]
    closed = base.filter(closed_on__range=(start, end))
    for g in _grouped(closed, "extended"):
        # The 2014 table knows only 按时 and 延期; a late reply without extension counts as 按时
        # there (the request page and the worklist show it as late).
        out["req.extended" if g["extended"] else "req.on_time"] += g["n"]
        out["req.closed"] += g["n"]
    for g in _grouped(closed, "outcome", "reason__row_2014"):
        row = g["reason__row_2014"] or OUTCOME_TO_2014.get(g["outcome"])
        if row is None:
            continue
        out[row] += g["n"]
        if row.startswith("req.refused."):
            out["req.refused"] += g["n"]
        out["req.answered"] += g["n"]
    for prefix in ("review", "suit", "complaint"):
        for col in ("total", "upheld", "corrected", "other"):
            out[f"{prefix}.{col}"] = 0
    for g in _disputes(agency_ids, year):
        prefix = DISPUTE_TO_2014[g["kind"]]
        col = {"upheld": "upheld", "corrected": "corrected"}.get(g["result_then"], "other")
        out[f"{prefix}.{col}"] += g["n"]
        out[f"{prefix}.total"] += g["n"]
    return out


def contribute(agency_ids, year: int, format_id: str) -> dict:
    """This module's keys for the bodies `agency_ids` (ids, or a queryset of bodies or of ids)
    in `year` in format `format_id`; the reports registry (gongkai.reports.compute) calls it."""
    if not isinstance(agency_ids, QuerySet):
        agency_ids = list(agency_ids)  # a queryset stays lazy and becomes a subquery
    if format_id == "2014":
        return _format_2014(agency_ids, year)
    if format_id in ("2019", "2021"):
        out = _req_section(agency_ids, year, split_other=(format_id == "2021"))
        out.update(_appeal_section(agency_ids, year))
        return out
    return {}
