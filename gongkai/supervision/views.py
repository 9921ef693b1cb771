"""Staff pages of the supervising office: the console, self-check results, notices."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.agencies.models import AgencyLevel

from . import console, notices, selfcheck
from .access import node_for, supervised_roots, supervises, supervisor_required
from .export import to_xlsx
from .models import CheckRun, Finding, Notice, NoticeKind
from .render import render_docx, render_pdf

PER_PAGE = 50
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _year(request) -> int:
    raw = request.GET.get("year") or request.POST.get("year") or ""
    today = timezone.localdate()
    try:
        year = int(raw)
    except ValueError:
        return today.year - 1
    return year if 2008 <= year <= today.year else today.year - 1


def _number(raw) -> int:
    """The page number shown to the reader (keyset paging does not need it)."""
    try:
        return max(1, int(raw or 1))
    except ValueError:
        return 1


def _query(request) -> console.Query:
    node = node_for(request.user, request.GET.get("under"))
    q = console.Query(
        node=node,
        year=_year(request),
        today=timezone.localdate(),
        level=request.GET.get("level", ""),
        status=request.GET.get("status", ""),
        sort=request.GET.get("sort", "name"),
    )
    q.clean()
    return q


@supervisor_required
def console_view(request):
    q = _query(request)
    qs = console.rows(q)
    if request.GET.get("export") == "xlsx":
        rows = console.materialise(qs, q.today)
        body = to_xlsx(f"{q.node.name}所辖单位 {q.year} 年度政务公开情况", rows)
        response = HttpResponse(body, content_type=XLSX)
        response["Content-Disposition"] = (
            f'attachment; filename="supervision-{q.node.code}-{q.year}.xlsx"'
        )
        return response
    page, agencies = console.page_of(
        qs,
        q,
        PER_PAGE,
        after=request.GET.get("after", ""),
        before=request.GET.get("before", ""),
        last=request.GET.get("last") == "1",
        number=_number(request.GET.get("n")),
    )
    page_rows = console.materialise(agencies, q.today)
    regions, regions_at = console.cached_regions(q)
    return render(
        request,
        "supervision/console.html",
        {
            "q": q,
            "page": page,
            "rows": page_rows,
            "regions": regions,
            "regions_at": regions_at,
            "trail": list(q.node.ancestors().filter(pk__in=_visible_ancestors(request, q)))
            + [q.node],
            "levels": AgencyLevel.choices,
            "statuses": console.STATUS_FILTERS.items(),
            "last_run": CheckRun.objects.filter(finished_at__isnull=False).first(),
            "hotline": console.hotline_provider() is not None,
            "notices": Notice.objects.filter(issuer=q.node, kind=NoticeKind.BULLETIN)[:5],
        },
    )


def _visible_ancestors(request, q: console.Query) -> list[int]:
    roots = supervised_roots(request.user)
    return [a.pk for a in q.node.ancestors() if any(a.path.startswith(r.path) for r in roots)]


@supervisor_required
def findings_view(request, code: str):
    agency = node_for(request.user, code)
    findings = Finding.objects.filter(agency=agency).order_by("-veto", "indicator", "id")
    return render(request, "supervision/findings.html", {"agency": agency, "findings": findings})


@supervisor_required
@require_POST
def check_view(request):
    node = node_for(request.user, request.POST.get("under"))
    run = selfcheck.run(node, _year(request), actor=request.user)
    messages.success(request, f"自查完成：检查 {run.bodies} 个机关，发现 {run.findings} 个问题。")
    return redirect(f"/manage/supervision/?under={node.code}&year={run.year}")


@supervisor_required
@require_POST
def bulletin_view(request):
    node = node_for(request.user, request.POST.get("under"))
    try:
        notice = notices.issue_bulletin(
            node, _year(request), request.POST.get("number", ""), request.user
        )
    except notices.NoticeError as exc:
        messages.error(request, str(exc))
        return redirect(f"/manage/supervision/?under={node.code}")
    messages.success(request, f"已生成通报，涉及 {len(notice.bodies)} 项问题。")
    return redirect("supervision:notice", pk=notice.pk)


@supervisor_required
@require_POST
def reminders_view(request):
    node = node_for(request.user, request.POST.get("under"))
    year = _year(request)
    sent = notices.send_reminders(node, year, request.user)
    messages.success(request, f"已向 {len(sent)} 个逾期单位发送督办提醒。")
    return redirect(f"/manage/supervision/?under={node.code}&year={year}")


def _notice_or_404(request, pk: int) -> Notice:
    notice = get_object_or_404(Notice.objects.select_related("issuer"), pk=pk)
    if not supervises(request.user, notice.issuer):
        raise Http404("未找到")
    return notice


@supervisor_required
def notice_view(request, pk: int):
    notice = _notice_or_404(request, pk)
    return render(
        request,
        "supervision/notice.html",
        {"notice": notice, "lines": notice.text.splitlines()},
    )


@supervisor_required
def notice_download(request, pk: int, kind: str):
    notice = _notice_or_404(request, pk)
    if kind == "docx":
        body, ctype = (
            render_docx(notice),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        )
    elif kind == "pdf":
        body, ctype = render_pdf(notice), "application/pdf"
    else:
        raise Http404("不支持的格式")
    response = HttpResponse(body, content_type=ctype)
    response["Content-Disposition"] = f'attachment; filename="tongbao-{notice.pk}.{kind}"'
    return response


@supervisor_required
def rollup_view(request):
    from gongkai.reports.formats import FORMATS, format_for_year
    from gongkai.reports.render import render as render_doc

    from . import rollup

    node = node_for(request.user, request.GET.get("under"))
    year = _year(request)
    fid = request.GET.get("format") or format_for_year(year).id
    if fid not in FORMATS:
        fid = format_for_year(year).id
    data, rolled = rollup.document(node, year, fid)
    if request.GET.get("export") == "xlsx":
        response = HttpResponse(render_doc(data, "xlsx"), content_type=XLSX)
        response["Content-Disposition"] = f'attachment; filename="huizong-{node.code}-{year}.xlsx"'
        return response
    key = request.GET.get("cell", "")
    cell = None
    if key and key in FORMATS[fid].cell_keys():
        cell = {
            "key": key,
            "label": rollup.label(fid, key),
            "page": Paginator(rollup.contributions(node, year, fid, key), PER_PAGE).get_page(
                request.GET.get("page")
            ),
        }
    return render(
        request,
        "supervision/rollup.html",
        {
            "node": node,
            "year": year,
            "fid": fid,
            "formats": FORMATS.values(),
            "rolled": rolled,
            "tables": rollup.tables(data),
            "left_out": rollup.left_out(node, year, fid, rolled),
            "cell": cell,
        },
    )
