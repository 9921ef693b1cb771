"""Operations on reports: compute and store figures, enter by hand, import, the workflow
(draft → submitted → 保密审查 → approved → published), roll-up over a subtree. Each change is one
transaction with an audit event."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from gongkai.agencies.models import Agency, AgencyKind
from gongkai.agencies.scope import Capability
from gongkai.audit.services import record
from gongkai.core.bounds import decimal_message
from gongkai.workflow.steps import StepError, Workflow

from . import actions, rollup_cache
from .compute import compute
from .document import ReportData
from .formats import Format, format_for_year, get
from .models import DeadlineRule, Figure, Provenance, Report, ReportStatus
from .validate import has_errors, validate

ReportError = StepError  # the one step error of every workflow

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


def get_or_create_report(
    agency: Agency, year: int, format_id: str | None = None, *, actor
) -> Report:
    fid = format_id or format_for_year(year).id
    get(fid)
    with transaction.atomic():
        report, created = Report.objects.get_or_create(
            agency=agency, year=year, defaults={"format": fid}
        )
        if created:
            record(actions.REPORT_CREATE, report, actor=actor, after={"year": year, "format": fid})
    return report


def _upsert(report: Report, values: dict, provenance: str, source: str, user) -> dict:
    """Store values; returns {key: (before, after)} of the cells that changed."""
    fmt = get(report.format)
    existing = {f.key: f for f in report.figures.all()}
    changed = {}
    column = Figure._meta.get_field("value")
    for key, value in values.items():
        # before coerce: int(round(inf)) would raise, and a 40-digit figure would be stored
        # and then break every read of the report
        problem = decimal_message(value, column.max_digits, column.decimal_places)
        if value is not None and problem:
            raise ReportError(f"“{fmt.label_of(key)}”：{problem}")
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
                actions.FIGURES_ENTER,
                report,
                before={k: b for k, (b, _) in changed.items()},
                after={k: a for k, (_, a) in changed.items()},
                actor=user,
            )
    return changed


def import_figures(report: Report, figures: dict, source: str, user) -> dict:
    with transaction.atomic():
        report = Report.objects.select_for_update().get(pk=report.pk)
        _check_editable(report)
        changed = _upsert(report, figures, Provenance.IMPORTED, source[:300], user)
        record(
            actions.FIGURES_IMPORT,
            report,
            after={"source": source, "changed": len(changed)},
            actor=user,
        )
    return changed


def refresh_computed(report: Report, actor) -> dict:
    """Store the computed keys (so roll-ups and the portal see them); no-op once frozen.
    `actor` is the user whose step made the refresh (none when the platform does it)."""
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
                actions.FIGURES_COMPUTE,
                report,
                actor=actor,
                before={k: b for k, (b, _) in changed.items()},
                after={k: a for k, (_, a) in changed.items()},
            )
    return changed


REPORT = Workflow("reports.report", Report, label="年度报告", final={ReportStatus.PUBLISHED})


def _move(report: Report, to: str, **changes) -> Report:
    for name, value in changes.items():
        setattr(report, name, value)
    report.status = to
    report.save()
    return report


@REPORT.step(
    "submit",
    "提交审核",
    capability=Capability.EDIT,
    action=actions.REPORT_SUBMIT,
    states={ReportStatus.DRAFT},
    wrong_state="只有草稿可以提交审核。",
    done="已提交审核。",
)
def _submit(report: Report, *, actor) -> Report:
    refresh_computed(report, actor)
    with REPORT.change("submit", report, actor=actor) as step:
        return _move(step.obj, ReportStatus.SUBMITTED, submitted_at=timezone.now())


@REPORT.step(
    "reopen",
    "退回修改",
    capability=Capability.REVIEW,
    action=actions.REPORT_REOPEN,
    states={ReportStatus.SUBMITTED, ReportStatus.REVIEWED},
    wrong_state="只有已提交审核的年报可以退回修改。",
    done="已退回修改。",
)
def _reopen(report: Report, *, actor) -> Report:
    with REPORT.change("reopen", report, actor=actor) as step:
        return _move(step.obj, ReportStatus.DRAFT)


@REPORT.step(
    "review",
    "保密审查通过",
    capability=Capability.REVIEW,
    action=actions.REPORT_REVIEW,
    states={ReportStatus.SUBMITTED},
    wrong_state="只有已提交审核的年报可以进行保密审查。",
    done="保密审查已通过，请领导审定。",
)
def _review(report: Report, *, actor) -> Report:
    """保密审查 before publication (条例第十七条), as for every item: a reviewer confirms the
    report discloses no state secret, work secret or personal information."""
    with REPORT.change("review", report, actor=actor) as step:
        return _move(step.obj, ReportStatus.REVIEWED, reviewed_at=timezone.now(), reviewed_by=actor)


@REPORT.step(
    "approve",
    "领导审定",
    capability=Capability.SIGN_OFF,
    action=actions.REPORT_APPROVE,
    states={ReportStatus.REVIEWED},
    wrong_state="年报须先通过保密审查，才能审定。",
    done="已审定，统计数已冻结。",
)
def _approve(report: Report, *, actor) -> Report:
    refresh_computed(report, actor)
    with REPORT.change("approve", report, actor=actor) as step:
        report = step.obj
        data = build(report.agency, report.year, report.format).data
        problems = validate(report.format, data.complete_figures())
        if has_errors(problems):
            raise StepError(
                f"统计表有 {sum(p.severity == 'error' for p in problems)} 处勾稽关系错误，不能审定："
                + problems[0].message
            )
        # freeze: every key stored as it stands now, blanks included
        stored = set(report.figures.values_list("key", flat=True))
        blanks = [
            Figure(
                report=report,
                key=key,
                value=_decimal(value),
                provenance=Provenance.ENTERED,
                source="审定时为空白",
            )
            for key, value in data.complete_figures().items()
            if key not in stored
        ]
        Figure.objects.bulk_create(blanks)
        return _move(report, ReportStatus.APPROVED, approved_at=timezone.now(), approved_by=actor)


@REPORT.step(
    "publish",
    "发布到公开专栏",
    capability=Capability.SIGN_OFF,
    action=actions.REPORT_PUBLISH,
    states={ReportStatus.APPROVED},
    wrong_state="只有领导已审定的年报可以发布。",
    done="已在政府信息公开专栏发布。",
)
def _publish(report: Report, *, actor) -> Report:
    with REPORT.change("publish", report, actor=actor) as step:
        return _move(step.obj, ReportStatus.PUBLISHED, published_at=timezone.now())


def transition(report: Report, action: str, user) -> Report:
    """Take the step `action` as `user` (for Python callers: the same checks as the pages)."""
    fresh = Report.objects.select_related("agency").get(pk=report.pk)
    return REPORT.run(action, fresh, actor=user)


def save_sections(report: Report, sections: list[tuple[str, str]], user) -> None:
    with transaction.atomic():
        report = Report.objects.select_for_update().get(pk=report.pk)
        if report.status not in (ReportStatus.DRAFT,):
            raise ReportError("只有草稿可以修改正文。")
        before = report.sections
        # Browsers send line breaks as CRLF; each stored line is one paragraph of the report.
        report.sections = [[h, t.replace("\r\n", "\n").replace("\r", "\n")] for h, t in sections]
        report.save(update_fields=["sections", "updated_at"])
        record(
            actions.SECTIONS_SAVE,
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
    subtree: QuerySet = field(repr=False)
    reports: QuerySet = field(repr=False)

    # The lists are read only where they are shown: the sums and counts stay one aggregate over
    # the subtree's reports, and a province's thousands of names are not fetched for nothing.
    @cached_property
    def missing(self) -> list[Agency]:
        """Bodies without a report for the year (in any format)."""
        return list(self.subtree.exclude(pk__in=self.reports.values("agency_id")).order_by("path"))

    @cached_property
    def not_approved(self) -> list[Agency]:
        """Bodies whose report is counted but may still change."""
        pending = self.reports.filter(status__in=ReportStatus.not_approved())
        return list(Agency.objects.filter(pk__in=pending.values("agency_id")).order_by("path"))


def rollup(agency: Agency, year: int, format_id: str | None = None) -> Rollup:
    """The body's figures plus those of its whole subtree, per key, from stored figures; lists
    bodies without a report and bodies whose report is not approved yet."""
    fid = format_id or format_for_year(year).id
    fmt = get(fid)
    subtree = Agency.objects.subtree_of(agency).filter(is_active=True)
    reports = Report.objects.filter(agency__in=subtree.values("pk"), year=year)
    bodies, reported, sums = rollup_cache.sums(agency, year, fid, subtree, reports)
    figures = {k: _plain(fmt, k, sums.get(k)) for k in fmt.cell_keys()}
    return Rollup(agency, year, fid, figures, bodies, reported, subtree, reports)


def load_figures(code_or_name: str, year: int) -> tuple[str, str, dict]:
    agency = resolve_agency(code_or_name)
    built = build(agency, year)
    return f"{agency.name} {year}", built.data.format, built.data.complete_figures()
