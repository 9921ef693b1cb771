"""Staff pages: list of reports, the entry form laid out like the official table, workflow
buttons, downloads, roll-up over a subtree."""

from __future__ import annotations

import json

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from gongkai.agencies.models import Agency
from gongkai.agencies.scope import (
    Capability,
    agencies_for,
    get_scoped_or_404,
    has_capability,
    scope_queryset,
    staff_required,
)
from gongkai.workflow.views import bound_steps, step_forms, step_view

from .. import services
from ..formats import FORMATS, get
from ..forms import CreateForm
from ..layout import build_grid
from ..models import Report, ReportStatus
from ..parse.base import number
from ..render import KINDS
from ..render import render as render_doc

CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "html": "text/html; charset=utf-8",
    "txt": "text/plain; charset=utf-8",
    "json": "application/json; charset=utf-8",
}


@staff_required
def report_list(request):
    qs = scope_queryset(Report.objects.select_related("agency"), request.user).order_by(
        "-year", "agency__path"
    )
    status = request.GET.get("status", "")
    if status in ReportStatus.values:  # the workbench's links
        qs = qs.filter(status=status)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    rows = [(report, services.deadline_for(report.agency, report.year)) for report in page]
    can_create = agencies_for(request.user, Capability.EDIT).exists()
    return render(
        request,
        "reports/list.html",
        {
            "page": page,
            "rows": rows,
            "can_create": can_create,
            "status": status,
            "statuses": ReportStatus.choices,
        },
    )


@staff_required
def report_create(request):
    editable = agencies_for(request.user, Capability.EDIT).order_by("path")
    if not editable.exists():
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied("您没有编制年报的权限")
    form = CreateForm(request.POST or None, agencies=editable, formats=FORMATS.values())
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        agency = editable.get(code=data["agency"])
        report = services.get_or_create_report(
            agency, data["year"], data["format"] or None, actor=request.user
        )
        return redirect("reports_manage:detail", pk=report.pk)
    return render(
        request, "reports/create.html", {"form": form}, status=400 if form.errors else 200
    )


def _tables(
    report: Report,
    figures: dict,
    provenance: dict,
    computed_keys: set,
    editable: bool,
    typed: dict | None = None,
    cell_errors: dict | None = None,
):
    """The official table's cells; after a refused save, what the user typed and each cell's
    error replace the stored figures."""
    fmt = get(report.format)
    typed, cell_errors = typed or {}, cell_errors or {}
    out = []
    for table in fmt.tables:
        grid = build_grid(fmt, table, figures)
        rows: dict[int, list] = {}
        for c in grid.cells:
            cell = {
                "text": c.text,
                "kind": c.kind,
                "rowspan": c.rowspan,
                "colspan": c.colspan,
                "key": c.key,
            }
            if c.key:
                kind, source = provenance.get(c.key, ("", ""))
                cell["provenance"] = kind
                cell["source"] = source
                cell["editable"] = editable and c.key not in computed_keys
                if cell["editable"] and c.key in typed:
                    cell["text"] = typed[c.key]
                cell["error"] = cell_errors.get(c.key, "")
                cell["label"] = fmt.label_of(c.key)
            rows.setdefault(c.row, []).append(cell)
        out.append(
            {"table": table, "rows": [sorted(rows[r], key=lambda x: 0) for r in sorted(rows)]}
        )
    return out


def _rules_json(report: Report) -> str:
    fmt = get(report.format)
    rules = []
    for rule in fmt.rules:
        if rule.cross_year:
            continue
        for check in rule.checks:
            rules.append(
                {
                    "rule": rule.id,
                    "severity": rule.severity,
                    "scope": check.scope,
                    "op": check.op,
                    "left": [[t.key, t.label] for t in check.left],
                    "right": [[t.key, t.label] for t in check.right],
                }
            )
    return json.dumps(rules, ensure_ascii=False)


@staff_required
def report_detail(request, pk: int):
    report = get_scoped_or_404(Report.objects.select_related("agency"), request.user, pk=pk)
    can_edit = (
        has_capability(request.user, Capability.EDIT, report.agency)
        and report.status == ReportStatus.DRAFT
    )
    if request.method == "POST":
        if not can_edit:
            from django.core.exceptions import PermissionDenied

            raise PermissionDenied("只有草稿状态下本机关的信息公开工作人员可以修改")
        return _save(request, report)
    return _page(request, report, can_edit)


def _page(request, report: Report, can_edit: bool | None = None, **extra):
    """The report's page; `extra` carries what the user typed back after a refused save."""
    if can_edit is None:
        can_edit = (
            has_capability(request.user, Capability.EDIT, report.agency)
            and report.status == ReportStatus.DRAFT
        )
    built = services.build(report.agency, report.year, report.format)
    from ..compute import compute

    computed = set(compute([report.agency_id], report.year, report.format))
    figures = built.data.complete_figures()
    context = {
        "report": report,
        "fmt": get(report.format),
        "tables": _tables(
            report,
            figures,
            built.provenance,
            computed,
            can_edit,
            extra.pop("typed", {}),
            extra.get("cell_errors", {}),
        ),
        "sections": built.data.sections,
        "problems": built.data.problems(),
        "can_edit": can_edit,
        "step_forms": step_forms(services.REPORT, report, request.user, **bound_steps(request)),
        "step_url": "reports_manage:step",
        "rules_json": _rules_json(report),
        "kinds": KINDS,
        "deadline": services.deadline_for(report.agency, report.year),
    }
    context.update(extra)
    return render(request, "reports/detail.html", context)


def _save(request, report: Report):
    """Save the grid and the sections together, or nothing: a refused cell brings the page back
    with everything typed, the error summary at the top and each error beside its cell."""
    fmt = get(report.format)
    from ..compute import compute

    computed = set(compute([report.agency_id], report.year, report.format))
    values: dict = {}
    cell_errors: dict[str, str] = {}
    for key in fmt.cell_keys():
        field = f"f:{key}"
        if field not in request.POST or key in computed:
            continue
        raw = request.POST.get(field, "").strip()
        ok, value = number(raw)
        if not ok:
            cell_errors[key] = "不是数字"
        elif value is not None and not fmt.is_money(key) and isinstance(value, float):
            cell_errors[key] = "应为整数"
        else:
            values[key] = value
    headings = request.POST.getlist("section_heading")
    texts = request.POST.getlist("section_text")
    sections = list(zip(headings, texts, strict=True)) if len(headings) == len(texts) else []
    general = ""
    if not cell_errors:
        try:
            with transaction.atomic():
                changed = services.enter_figures(report, values, request.user)
                if sections:
                    services.save_sections(report, sections, request.user)
        except services.ReportError as exc:
            general = str(exc)
        else:
            messages.success(request, f"已保存（修改 {len(changed)} 项）。")
            return redirect("reports_manage:detail", pk=report.pk)
    entries = [("", "", general)] if general else []
    entries += [(f"cell-{k}", f"“{fmt.label_of(k)}”", m) for k, m in cell_errors.items()]
    typed = {k[2:]: v for k, v in request.POST.items() if k.startswith("f:")}
    response = _page(
        request,
        report,
        entries=entries,
        typed=typed,
        cell_errors=cell_errors,
        **({"sections": sections} if sections else {}),
    )
    response.status_code = 400
    return response


report_step = step_view(
    services.REPORT,
    redirect_to=lambda r: reverse("reports_manage:detail", args=[r.pk]),
    page=_page,
)


@staff_required
def report_download(request, pk: int, kind: str):
    if kind not in KINDS:
        raise Http404("不支持的格式")
    report = get_scoped_or_404(Report.objects.select_related("agency"), request.user, pk=pk)
    data = services.build(report.agency, report.year, report.format).data
    response = HttpResponse(render_doc(data, kind), content_type=CONTENT_TYPES[kind])
    response["Content-Disposition"] = (
        f'attachment; filename="ndbg-{report.agency.code}-{report.year}.{kind}"'
    )
    return response


@staff_required
def report_rollup(request):
    visible = agencies_for(request.user, Capability.VIEW)
    code = request.GET.get("agency", "")
    year_raw = request.GET.get("year", "")
    context: dict = {"agencies": visible.order_by("path")[:500], "code": code, "year": year_raw}
    if code and year_raw:
        agency = get_scoped_or_404(Agency.objects.all(), request.user, field="", code=code)
        try:
            year = int(year_raw)
        except ValueError:
            year = 0
        if 2008 <= year <= 2100:
            r = services.rollup(agency, year)
            fmt = get(r.format)
            context["result"] = r
            context["rows"] = [(fmt.label_of(k), k, v) for k, v in r.figures.items()]
        else:
            context["error"] = "年度无效。"
    return render(request, "reports/rollup.html", context)
