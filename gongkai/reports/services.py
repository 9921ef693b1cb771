"""Operations on reports: compute and store figures, enter by hand, import, the workflow
(draft → submitted → approved → published), roll-up over a subtree. Each change is one
transaction with an audit event."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.db.models import Count, Sum
from django.utils import timezone

from gongkai.agencies.models import Agency, AgencyKind
from gongkai.audit.services import record

from .compute import compute
from .document import ReportData
from .formats import Format, format_for_year, get
from .models import DeadlineRule, Figure, Provenance, Report, ReportStatus
from .validate import has_errors, validate


class ReportError(Exception):
    """A workflow step that is not allowed now; the message is Chinese and shown to the user."""


STATUTORY = {AgencyKind.GOVERNMENT: (3, 31)}  # everyone else: departments, 1月31日
DEFAULT_DEADLINE = (1, 31)


def deadline_for(agency: Agency, year: int) -> dt.date:
    """Publication deadline of the report on `year`: the nearest jurisdiction rule above the
    body, else the statutory date (条例 Art. 49)."""
    ancestors = list(agency.ancestors()) if hasattr(agency, "ancestors") else []
    chain = [agency, *reversed(ancestors)]
    ids = [a.pk for a in chain]
    rules = {
        (r.agency_id, r.kind): (r.month, r.day)
        for r in DeadlineRule.objects.filter(agency_id__in=ids)
    }
    for a in chain:
        for kind in (agency.kind, ""):
            if (a.pk, kind) in rules:
                m, d = rules[(a.pk, kind)]
                return dt.date(year + 1, m, d)
    m, d = STATUTORY.get(agency.kind, DEFAULT_DEADLINE)
    return dt.date(year + 1, m, d)


def resolve_agency(code_or_name: str) -> Agency:
    try:
        return Agency.objects.resolve(code_or_name)
    except Agency.DoesNotExist as exc:
        raise ReportError(str(exc.args[0]) if exc.args else f"找不到机关“{code_or_name}”") from None


def _plain(fmt: Format, key: str, value) -> float | int | None:
    if value is None:
        return None
    if isinstance(value, Decimal):
        value = float(value)
    return fmt.coerce(key, value)


def _decimal(value) -> Decimal | None:
    return None if value is None else Decimal(str(value))


@dataclass
class Built:
    data: ReportData
    provenance: dict[str, tuple[str, str]] = field(default_factory=dict)  # key → (kind, source)
    report: Report | None = None


def build(agency: Agency, year: int, format_id: str | None = None) -> Built:
    """The report as it stands: frozen figures of an approved report, otherwise computed keys
    over stored (entered/imported) ones. Writes nothing."""
    report = Report.objects.filter(agency=agency, year=year).first()
    fid = format_id or (report.format if report else format_for_year(year).id)
    fmt = get(fid)
    figures: dict[str, float | int | None] = {}
    prov: dict[str, tuple[str, str]] = {}
    if report is not None and report.format == fid:
        for key, value, kind, source in report.figures.values_list(
            "key", "value", "provenance", "source"
        ):
            figures[key] = _plain(fmt, key, value)
            prov[key] = (kind, source)
    if report is None or not report.is_frozen:
        for key, (value, module) in compute([agency.pk], year, fid).items():
            figures[key] = _plain(fmt, key, value)
            prov[key] = (Provenance.COMPUTED, module)
    last = Report.objects.filter(agency=agency, year=year - 1).first()
    last_figures = None
    if last is not None:
        lf = get(last.format)
        last_figures = {k: _plain(lf, k, v) for k, v in last.figures.values_list("key", "value")}
    sections = [tuple(s) for s in report.sections] if report and report.sections else []
    data = ReportData(fid, year, agency.name, figures, sections, last_year=last_figures)
    data.with_default_sections()
    return Built(data, prov, report)


def get_or_create_report(agency: Agency, year: int, format_id: str | None = None) -> Report:
    fid = format_id or format_for_year(year).id
    get(fid)
    with transaction.atomic():
        report, created = Report.objects.get_or_create(
            agency=agency, year=year, defaults={"format": fid}
        )
        if created:
            record("reports.create", report, after={"year": year, "format": fid})
    return report


def _upsert(report: Report, values: dict, provenance: str, source: str, user) -> dict:
    """Store values; returns {key: (before, after)} of the cells that changed."""
    fmt = get(report.format)
    existing = {f.key: f for f in report.figures.all()}
    changed = {}
    for key, value in values.items():
        value = fmt.coerce(key, value)
        f = existing.get(key)
        before = _plain(fmt, key, f.value) if f else None
        if f is not None and before == value and f.provenance == provenance:
            continue
        if f is None:
            Figure.objects.create(
                report=report,
                key=key,
                value=_decimal(value),
                provenance=provenance,
                source=source,
                entered_by=user,
            )
        else:
            f.value, f.provenance, f.source, f.entered_by = (
                _decimal(value),
                provenance,
                source,
                user,
            )
            f.save()
        changed[key] = (before, value)
    return changed


def _check_editable(report: Report) -> None:
    if report.is_frozen:
        raise ReportError("年报已审定，统计数已冻结，不能再修改。")


def enter_figures(report: Report, values: dict, user) -> dict:
    """Hand entry of keys no module computes. Unknown or computed keys are refused."""
    fmt = get(report.format)
    known = set(fmt.cell_keys())
    unknown = [k for k in values if k not in known]
    if unknown:
        raise ReportError(f"格式 {fmt.id} 没有这些统计项：{'、'.join(unknown[:5])}")
    computed = set(compute([report.agency_id], report.year, report.format))
    blocked = [k for k in values if k in computed]
    if blocked:
        raise ReportError(f"这些统计项由系统根据记录计算，不能手工录入：{'、'.join(blocked[:5])}")
    for k, v in values.items():
        if v is not None and v < 0 and k not in fmt.signed_keys:
            raise ReportError(f"“{fmt.label_of(k)}”不能为负数。")
    with transaction.atomic():
        report = Report.objects.select_for_update().get(pk=report.pk)
        _check_editable(report)
        changed = _upsert(report, values, Provenance.ENTERED, "", user)
        if changed:
            record(
                "reports.figures_entered",
                report,
                before={k: b for k, (b, _) in changed.items()},
                after={k: a for k, (_, a) in changed.items()},
                actor=user,
            )
    return changed


def import_figures(report: Report, figures: dict, source: str, user=None) -> dict:
    with transaction.atomic():
        report = Report.objects.select_for_update().get(pk=report.pk)
        _check_editable(report)
        changed = _upsert(report, figures, Provenance.IMPORTED, source[:300], user)
        record(
            "reports.figures_imported",
            report,
            after={"source": source, "changed": len(changed)},
            actor=user,
        )
    return changed


def refresh_computed(report: Report) -> dict:
    """Store the computed keys (so roll-ups and the portal see them); no-op once frozen."""
    computed = compute([report.agency_id], report.year, report.format)
    with transaction.atomic():
        report = Report.objects.select_for_update().get(pk=report.pk)
        if report.is_frozen:
            return {}
        changed = {}
        for key, (value, module) in computed.items():
            changed |= _upsert(report, {key: value}, Provenance.COMPUTED, module, None)
        if changed:
            record(
                "reports.figures_computed",
                report,
                before={k: b for k, (b, _) in changed.items()},
                after={k: a for k, (_, a) in changed.items()},
            )
    return changed


_TRANSITIONS = {
    "submit": ({ReportStatus.DRAFT}, ReportStatus.SUBMITTED, "只有草稿可以提交审核。"),
    "approve": ({ReportStatus.SUBMITTED}, ReportStatus.APPROVED, "只有已提交审核的年报可以审定。"),
    "publish": ({ReportStatus.APPROVED}, ReportStatus.PUBLISHED, "只有领导已审定的年报可以发布。"),
    "reopen": ({ReportStatus.SUBMITTED}, ReportStatus.DRAFT, "只有已提交审核的年报可以退回修改。"),
}


def transition(report: Report, action: str, user) -> Report:
    allowed, target, message = _TRANSITIONS[action]
    if action in ("submit", "approve"):
        refresh_computed(report)
    with transaction.atomic():
        report = Report.objects.select_for_update().get(pk=report.pk)
        if report.status not in allowed:
            raise ReportError(message)
        before = {"status": report.status}
        if action == "approve":
            data = build(report.agency, report.year, report.format).data
            problems = validate(report.format, data.complete_figures())
            if has_errors(problems):
                raise ReportError(
                    f"统计表有 {sum(p.severity == 'error' for p in problems)} 处勾稽关系错误，不能审定："
                    + problems[0].message
                )
            # freeze: every key stored as it stands now, blanks included
            stored = set(report.figures.values_list("key", flat=True))
            for key, value in data.complete_figures().items():
                if key not in stored:
                    Figure.objects.create(
                        report=report,
                        key=key,
                        value=_decimal(value),
                        provenance=Provenance.ENTERED,
                        source="审定时为空白",
                    )
            report.approved_at, report.approved_by = timezone.now(), user
        if action == "submit":
            report.submitted_at = timezone.now()
        if action == "publish":
            report.published_at = timezone.now()
        report.status = target
        report.save()
        record(f"reports.{action}", report, before=before, after={"status": target}, actor=user)
    return report


def save_sections(report: Report, sections: list[tuple[str, str]], user) -> None:
    with transaction.atomic():
        report = Report.objects.select_for_update().get(pk=report.pk)
        if report.status not in (ReportStatus.DRAFT,):
            raise ReportError("只有草稿可以修改正文。")
        before = report.sections
        report.sections = [list(s) for s in sections]
        report.save(update_fields=["sections", "updated_at"])
        record(
            "reports.sections_saved",
            report,
            before={"sections": before},
            after={"sections": report.sections},
            actor=user,
        )


@dataclass
class Rollup:
    agency: Agency
    year: int
    format: str
    figures: dict[str, float | int | None]
    bodies: int
    reported: int
    missing: list[Agency]
    not_approved: list[Agency]


def rollup(agency: Agency, year: int, format_id: str | None = None) -> Rollup:
    """The body's figures plus those of its whole subtree, per key, from stored figures; lists
    bodies without a report and bodies whose report is not approved yet."""
    fid = format_id or format_for_year(year).id
    fmt = get(fid)
    subtree = Agency.objects.subtree_of(agency).filter(is_active=True)
    rows = (
        Figure.objects.filter(
            report__agency__in=subtree.values("pk"), report__year=year, report__format=fid
        )
        .values("key")
        .annotate(total=Sum("value"), n=Count("value"))
    )
    sums = {r["key"]: (r["total"] if r["n"] else None) for r in rows}
    figures = {k: _plain(fmt, k, sums.get(k)) for k in fmt.cell_keys()}
    reports = Report.objects.filter(agency__in=subtree.values("pk"), year=year)
    missing = list(subtree.exclude(pk__in=reports.values("agency_id")).order_by("path"))
    not_approved = list(
        Agency.objects.filter(
            pk__in=reports.filter(status__in=[ReportStatus.DRAFT, ReportStatus.SUBMITTED]).values(
                "agency_id"
            )
        ).order_by("path")
    )
    return Rollup(
        agency, year, fid, figures, subtree.count(), reports.count(), missing, not_approved
    )


def load_figures(code_or_name: str, year: int) -> tuple[str, str, dict]:
    agency = resolve_agency(code_or_name)
    built = build(agency, year)
    return f"{agency.name} {year}", built.data.format, built.data.complete_figures()
