"""The monthly analysis report for staff: preview, DOCX/PDF download, and publishing it as a
draft item (it then goes through review and sign-off like any other item)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_http_methods

from gongkai.agencies.scope import Capability, agencies_for, has_capability, staff_required
from gongkai.hotline.analysis.data import monthly
from gongkai.hotline.analysis.document import charts, render_docx, render_pdf, summary
from gongkai.hotline.analysis.publish import publish_as_item

CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


def _period(params) -> tuple[int, int]:
    today = timezone.localdate()
    last_year, last_month = (
        (today.year, today.month - 1) if today.month > 1 else (today.year - 1, 12)
    )
    try:
        year = int(params.get("year") or last_year)
        month = int(params.get("month") or last_month)
    except ValueError:
        raise Http404("年份或月份无效") from None
    if not (2000 <= year <= today.year + 1 and 1 <= month <= 12):
        raise Http404("年份或月份超出范围")
    return year, month


@staff_required
@require_http_methods(["GET", "POST"])
def analysis(request):
    centres = agencies_for(request.user, Capability.VIEW).order_by("path")
    code = request.POST.get("agency") or request.GET.get("agency") or ""
    agency = centres.filter(code=code).first() if code else centres.first()
    if agency is None:
        raise Http404("未找到该机关")
    year, month = _period(request.POST if request.method == "POST" else request.GET)
    report = monthly(agency, year, month)
    if request.method == "POST":
        if not has_capability(request.user, Capability.EDIT, agency):
            raise PermissionDenied("您没有发布信息的权限")
        item = publish_as_item(report, agency, actor=request.user)
        messages.success(request, "已生成信息草稿，附运行分析报告 PDF，请送审核、签发后发布。")
        return redirect(item.get_manage_url())
    fmt = request.GET.get("format", "")
    if fmt in CONTENT_TYPES:
        pictures = charts(report)
        data = render_docx(report, pictures) if fmt == "docx" else render_pdf(report, pictures)
        response = HttpResponse(data, content_type=CONTENT_TYPES[fmt])
        response["Content-Disposition"] = content_disposition_header(True, f"{report.title}.{fmt}")
        return response
    return render(
        request,
        "hotline/manage/analysis.html",
        {
            "a": report,
            "summary": summary(report),
            "agency": agency,
            "centres": centres[:200],
            "year": year,
            "month": month,
            "months": range(1, 13),
            "can_publish": has_capability(request.user, Capability.EDIT, agency),
        },
    )
