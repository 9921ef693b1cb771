"""Who may do what on which body: the one place every staff view and API asks.

A role applies to the body it is held in; a supervisor's VIEW and an administrator's
everything reach the whole subtree below the body. Objects of bodies a user cannot VIEW
are reported as missing (404), so nobody learns that they exist.
"""

from __future__ import annotations

from enum import StrEnum
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from gongkai.agencies.models import Agency, Membership, Role, SystemRole
from gongkai.agencies.models.tree import path_upper_bound


class Capability(StrEnum):
    VIEW = "view"
    EDIT = "edit"
    REVIEW = "review"
    SIGN_OFF = "sign_off"
    ADMIN = "admin"


# role -> (capabilities on the body itself, capabilities on every body below it)
ROLE_CAPABILITIES: dict[str, tuple[frozenset[Capability], frozenset[Capability]]] = {
    Role.OFFICER: (frozenset({Capability.VIEW, Capability.EDIT}), frozenset()),
    Role.REVIEWER: (frozenset({Capability.VIEW, Capability.REVIEW}), frozenset()),
    Role.LEADER: (
        frozenset({Capability.VIEW, Capability.REVIEW, Capability.SIGN_OFF}),
        frozenset(),
    ),
    Role.SUPERVISOR: (frozenset({Capability.VIEW}), frozenset({Capability.VIEW})),
    Role.ADMIN: (frozenset(Capability), frozenset(Capability)),
}


def _is_superuser(user) -> bool:
    return bool(user and user.is_authenticated and user.is_superuser)


def _memberships(user) -> list[tuple[str, str]]:
    """(role, agency path) pairs of the user, cached on the user object for one request."""
    if not (user and user.is_authenticated):
        return []
    cached = getattr(user, "_gongkai_memberships", None)
    if cached is None:
        cached = list(Membership.objects.filter(user=user).values_list("role", "agency__path"))
        user._gongkai_memberships = cached
    return cached


def agencies_for(user, capability: Capability = Capability.VIEW) -> QuerySet[Agency]:
    """Every body on which the user holds the capability, as one query."""
    if _is_superuser(user):
        return Agency.objects.all()
    condition = Q(pk__in=[])
    for role, path in _memberships(user):
        own, below = ROLE_CAPABILITIES[role]
        if capability in below:
            condition |= Q(path__gte=path, path__lt=path_upper_bound(path))
        elif capability in own:
            condition |= Q(path=path)
    return Agency.objects.filter(condition)


def has_capability(user, capability: Capability, agency: Agency | None) -> bool:
    if agency is None:
        return False
    if _is_superuser(user):
        return True
    for role, path in _memberships(user):
        own, below = ROLE_CAPABILITIES[role]
        if capability in own and agency.path == path:
            return True
        if capability in below and agency.path.startswith(path) and agency.path != path:
            return True
    return False


def holds_anywhere(user, capability: Capability) -> bool:
    """Whether the user holds the capability on some body (no query beyond the cached roles)."""
    if _is_superuser(user):
        return True
    return any(
        capability in own or capability in below
        for own, below in (ROLE_CAPABILITIES[role] for role, _ in _memberships(user))
    )


def is_staff_member(user) -> bool:
    return _is_superuser(user) or bool(_memberships(user))


def is_admin(user) -> bool:
    return _is_superuser(user) or any(role == Role.ADMIN for role, _ in _memberships(user))


def system_roles(user) -> set[str]:
    """The 三权分立 roles (SystemRole values) the user holds, cached for one request."""
    if not (user and user.is_authenticated):
        return set()
    cached = getattr(user, "_gongkai_system_roles", None)
    if cached is None:
        by_label = {role.label: role.value for role in SystemRole}
        names = user.groups.filter(name__in=by_label).values_list("name", flat=True)
        cached = {by_label[name] for name in names}
        user._gongkai_system_roles = cached
    return cached


def is_audit_admin(user) -> bool:
    """Only the audit administrator reads the whole ledger; a superuser is not one by default."""
    return SystemRole.AUDIT_ADMIN in system_roles(user)


def is_security_admin(user) -> bool:
    return SystemRole.SECURITY_ADMIN in system_roles(user)


def scope_queryset(
    qs: QuerySet, user, capability: Capability = Capability.VIEW, field: str = "agency"
) -> QuerySet:
    """The part of `qs` whose body (reached through `field`) the user holds the capability on."""
    visible = agencies_for(user, capability)
    if field == "":
        return qs.filter(pk__in=visible.values("pk"))
    return qs.filter(**{f"{field}__in": visible.values("pk")})


def get_scoped_or_404(
    qs: QuerySet, user, capability: Capability = Capability.VIEW, field: str = "agency", **lookup
):
    """The object, or 404 when its body is invisible to the user, or 403 when the user can see
    it but lacks the capability."""
    obj = scope_queryset(qs, user, Capability.VIEW, field).filter(**lookup).first()
    if obj is None:
        raise Http404("未找到")
    if capability != Capability.VIEW:
        agency = obj if field == "" else _follow(obj, field)
        if not has_capability(user, capability, agency):
            raise PermissionDenied("您没有执行此操作的权限")
    return obj


def _follow(obj, field: str):
    for part in field.split("__"):
        obj = getattr(obj, part)
    return obj


def staff_required(view):
    """Logged in and holding at least one role (or superuser); others get 403 after login."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not is_staff_member(request.user):
            raise PermissionDenied("您没有工作人员权限")
        return view(request, *args, **kwargs)

    return wrapper


def system_role_required(role: SystemRole):
    def decorate(view):
        @login_required
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if role not in system_roles(request.user):
                raise PermissionDenied(f"仅{role.label}可以执行此操作")
            return view(request, *args, **kwargs)

        return wrapper

    return decorate


def admin_required(view):
    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not is_admin(request.user):
            raise PermissionDenied("仅管理员可以执行此操作")
        return view(request, *args, **kwargs)

    return wrapper


def require_capability(user, capability: Capability, agency: Agency | None) -> None:
    """Raise PermissionDenied unless the user holds the capability on the body (for service
    functions that are not workflow steps; steps are checked by their declaration)."""
    if not has_capability(user, capability, agency):
        raise PermissionDenied("您没有此操作的权限。")
