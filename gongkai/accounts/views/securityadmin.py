"""The security administrator's page (三权分立): every account's second factor, sessions and
lockout, with the three actions the CLI offered (reset a second factor, unlock, end sessions),
and the state of the ledger's anchors. Each action is a ledger event."""

from __future__ import annotations

from pathlib import Path

from axes.models import AccessAttempt
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST
from django_otp.plugins.otp_totp.models import TOTPDevice

from gongkai.accounts import actions, sessions, twofactor
from gongkai.agencies.models import SystemRole
from gongkai.agencies.scope import system_role_required
from gongkai.audit.services import record

security_admin_required = system_role_required(SystemRole.SECURITY_ADMIN)
PAGE_SIZE = 50


@security_admin_required
def overview(request):
    failures = (
        AccessAttempt.objects.filter(username=OuterRef("username"))
        .order_by("-attempt_time")
        .values("failures_since_start")[:1]
    )
    users = (
        get_user_model()
        .objects.annotate(
            has_2fa=Exists(TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)),
            session_count=Count("login_sessions", distinct=True),
            failures=Subquery(failures),
        )
        .order_by("username")
    )
    query = request.GET.get("q", "").strip()[:150]
    if query:
        users = users.filter(Q(username__icontains=query) | Q(last_name__icontains=query))
    page = Paginator(users, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "accounts/security_admin.html",
        {
            "page": page,
            "query": query,
            "limit": settings.AXES_FAILURE_LIMIT,
            "anchors": _anchors(),
            "required_2fa": settings.GONGKAI_2FA_REQUIRED,
        },
    )


def _anchors() -> dict:
    directory = settings.GONGKAI_AUDIT_ANCHOR_DIR
    if not directory:
        return {"directory": "", "latest": None, "count": 0}
    files = sorted(Path(directory).glob("anchor-*.json")) if Path(directory).is_dir() else []
    return {
        "directory": directory,
        "latest": files[-1].name if files else None,
        "count": len(files),
    }


def _target(request, pk: int):
    user = get_object_or_404(get_user_model(), pk=pk)
    if user.pk == request.user.pk:
        messages.error(request, "不能对自己的账号执行此操作")
        return None
    return user


@require_POST
@security_admin_required
def reset_two_factor(request, pk: int):
    user = _target(request, pk)
    if user is not None:
        count = twofactor.reset(user, actor=request.user)
        messages.success(request, f"已重置“{user.get_username()}”的两步验证（{count} 个验证器）")
    return redirect("manage:security_admin")


@require_POST
@security_admin_required
def unlock(request, pk: int):
    user = _target(request, pk)
    if user is not None:
        with transaction.atomic():
            cleared, _ = AccessAttempt.objects.filter(username=user.get_username()).delete()
            record(actions.LOCKOUT_RESET, user, actor=request.user, after={"attempts": cleared})
        messages.success(request, f"已解除“{user.get_username()}”的登录锁定")
    return redirect("manage:security_admin")


@require_POST
@security_admin_required
def end_sessions(request, pk: int):
    user = _target(request, pk)
    if user is not None:
        with transaction.atomic():
            ended = sessions.end_all(user)
            record(actions.SESSIONS_END, user, actor=request.user, after={"sessions": ended})
        messages.success(request, f"已结束“{user.get_username()}”的 {ended} 个会话")
    return redirect("manage:security_admin")
