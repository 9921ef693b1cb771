"""Staff page of the notices to applicants that could not be sent, with the resend."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from gongkai.agencies.scope import Capability, holds_anywhere, staff_required
from gongkai.applications import outbox
from gongkai.core.jobs import MAX_ATTEMPTS
from gongkai.workflow.steps import StepError

PAGE_SIZE = 50


def _admin(request) -> None:
    if not holds_anywhere(request.user, Capability.ADMIN):
        raise PermissionDenied("只有本机关的管理员可以查看发送失败的通知。")


@staff_required
def failed(request):
    _admin(request)
    page = Paginator(outbox.failed(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "applications/manage/failed_notices.html",
        {"page": page, "rows": outbox.rows(page), "max_attempts": MAX_ATTEMPTS},
    )


@staff_required
@require_POST
def resend(request, pk: int):
    _admin(request)
    notice = get_object_or_404(outbox.failed(request.user), pk=pk)
    try:
        outbox.resend(notice, actor=request.user)
    except StepError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"已安排重新发送（受理编号 {notice.application.receipt_no}）。")
    return redirect("applications_manage:failed_notices")
