"""JSON API of this module; gongkai.api.router mounts `router` under /api/v1/."""

from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from ninja import Path, Router

from gongkai.core.bounds import MAX_YEAR, MIN_YEAR
from gongkai.workflow.api import step_routes

from .models import Report, ReportStatus
from .services import REPORT

router = Router(tags=["年度报告"])

# The report workflow's steps (submit, reopen, approve, publish) for staff: the same
# declaration as the report page's buttons.
step_routes(router, REPORT, "/manage/reports")


@router.get("/reports/{code}/{year}", summary="已发布年报的统计数", auth=None)
def published_report(
    request, code: str, year: int = Path(..., ge=MIN_YEAR, le=MAX_YEAR, description="年度")
):
    """一个机关某年度已发布年报的统计数（与 `gongkai report build --json` 相同的结构）；公开接口。"""
    from .services import build

    report = get_object_or_404(
        Report.objects.select_related("agency"),
        agency__code=code,
        agency__is_active=True,
        year=year,
        status=ReportStatus.PUBLISHED,
    )
    data = build(report.agency, report.year, report.format).data
    # JsonResponse with ensure_ascii=False: real Chinese characters, not \\u escapes
    return JsonResponse(data.to_json(), json_dumps_params={"ensure_ascii": False})
