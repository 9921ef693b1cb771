"""Public pages: the body's 政府信息公开年报 column (published reports only)."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from gongkai.agencies.models import Agency

from .. import services
from ..models import Report, ReportStatus
from ..render import render as render_doc
from ..render.html import CSS, body_html
from .manage import CONTENT_TYPES

PUBLIC_KINDS = ("pdf", "docx", "xlsx")


def reports_list(request, code: str):
    agency = get_object_or_404(Agency, code=code, is_active=True)
    reports = Report.objects.filter(agency=agency, status=ReportStatus.PUBLISHED).order_by("-year")
    today = timezone.localdate()
    year = today.year - 1
    deadline = services.deadline_for(agency, year)
    current = reports.filter(year=year).only("published_at").first()
    published_on = timezone.localdate(current.published_at) if current else None
    return render(
        request,
        "reports/public_list.html",
        {
            "agency": agency,
            "reports": reports,
            "current_year": year,
            "deadline": deadline,
            "deadline_passed": today > deadline,
            "days_late": (today - deadline).days,
            "current_published": current is not None,
            "published_on": published_on,
            # a report published after its deadline is said to be late, not "published on time"
            "published_late": (published_on - deadline).days if published_on else 0,
        },
    )


def _published(code: str, year: int) -> Report:
    return get_object_or_404(
        Report.objects.select_related("agency"),
        agency__code=code,
        agency__is_active=True,
        year=year,
        status=ReportStatus.PUBLISHED,
    )


def report_page(request, code: str, year: int):
    report = _published(code, year)
    data = services.build(report.agency, report.year, report.format).data
    return render(
        request,
        "reports/public_detail.html",
        {
            "agency": report.agency,
            "report": report,
            "body": body_html(data),
            "kinds": PUBLIC_KINDS,
        },
    )


def report_css(request, code: str):
    """The document's stylesheet as a file: the pages' Content-Security-Policy allows no
    inline <style>."""
    response = HttpResponse(CSS, content_type="text/css; charset=utf-8")
    response["Cache-Control"] = "public, max-age=3600"
    return response


def report_file(request, code: str, year: int, kind: str):
    if kind not in PUBLIC_KINDS:
        raise Http404("不支持的格式")
    report = _published(code, year)
    data = services.build(report.agency, report.year, report.format).data
    response = HttpResponse(render_doc(data, kind), content_type=CONTENT_TYPES[kind])
    response["Content-Disposition"] = f'attachment; filename="ndbg-{code}-{year}.{kind}"'
    return response
