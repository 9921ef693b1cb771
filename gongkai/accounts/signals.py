"""Logins, failed logins, logouts and changes of a user's powers go to the audit ledger, with
the client's address (stamped by gongkai.core.middleware). Connected in AccountsConfig.ready."""

from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import m2m_changed, pre_save
from django.dispatch import receiver

from gongkai.accounts import actions
from gongkai.accounts.sessions import session_ended, session_started
from gongkai.audit.services import record
from gongkai.core import request_context

ANONYMOUS = "匿名"
POWER_FIELDS = ("is_active", "is_staff", "is_superuser")
# Set while a service records a change itself, with its actor; the generic hooks below are for
# changes made elsewhere (the admin site, the shell).
_recorded_by_service: ContextVar[bool] = ContextVar("recorded_by_service", default=False)


@contextmanager
def recorded_by_service():
    token = _recorded_by_service.set(True)
    try:
        yield
    finally:
        _recorded_by_service.reset(token)


@receiver(user_logged_in, dispatch_uid="gongkai.accounts.login")
def _logged_in(sender, request, user, **kwargs) -> None:
    if request is not None and hasattr(request, "session"):
        session_started(request, user)
    record(actions.LOGIN, user, actor=user)


@receiver(user_logged_out, dispatch_uid="gongkai.accounts.logout")
def _logged_out(sender, request, user, **kwargs) -> None:
    if request is not None:
        session_ended(request)
    if user is not None:
        record(actions.LOGOUT, user, actor=user)


@receiver(user_login_failed, dispatch_uid="gongkai.accounts.login_failed")
def _login_failed(sender, credentials, request=None, **kwargs) -> None:
    # Only the name tried is kept, never the password (Django already masks it in credentials).
    username = str(credentials.get("username", ""))[:150]
    user = get_user_model().objects.filter(username=username).first() if username else None
    record(
        actions.LOGIN_FAILED,
        object_type="auth.user",
        object_id=user.pk if user is not None else "",
        after={"username": username},
        actor=None,
        actor_name=ANONYMOUS,
    )


@receiver(pre_save, sender="auth.User", dispatch_uid="gongkai.accounts.powers")
def _powers_changed(sender, instance, raw=False, **kwargs) -> None:
    if raw or instance.pk is None or _recorded_by_service.get():
        return
    old = sender.objects.filter(pk=instance.pk).values(*POWER_FIELDS).first()
    if old is None:
        return
    new = {field: getattr(instance, field) for field in POWER_FIELDS}
    if old != new:
        changed = [f for f in POWER_FIELDS if old[f] != new[f]]
        record(
            actions.PERMISSION_CHANGE,
            instance,
            before={f: old[f] for f in changed},
            after={f: new[f] for f in changed},
            actor=request_user(),
        )


def _groups_changed(sender, instance, action, pk_set, model, **kwargs) -> None:
    if action not in {"post_add", "post_remove", "post_clear"} or not hasattr(instance, "username"):
        return
    if _recorded_by_service.get():
        return
    names = sorted(model.objects.filter(pk__in=pk_set or ()).values_list("name", flat=True))
    verb = {"post_add": "add", "post_remove": "remove", "post_clear": "clear"}[action]
    field = "groups" if sender is get_user_model().groups.through else "user_permissions"
    record(actions.PERMISSION_CHANGE, instance, after={field: {verb: names}}, actor=request_user())


def connect() -> None:
    user_model = get_user_model()
    for through in (user_model.groups.through, user_model.user_permissions.through):
        m2m_changed.connect(_groups_changed, sender=through, dispatch_uid=f"gongkai.{through}")


def request_user():
    """Who is making the current request (the admin site, the password page), or None for a
    change made outside a request (a script, `createadmin`): then the platform is named."""
    request = request_context.current_request()
    user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else None
