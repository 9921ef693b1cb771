"""Who supervises what: a supervisor's or administrator's role reaches the subtree below it."""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404

from gongkai.agencies.models import Agency, Membership, Role

SUPERVISING_ROLES = (Role.SUPERVISOR, Role.ADMIN)


def supervised_roots(user) -> list[Agency]:
    """The topmost bodies the user supervises (a superuser: every body without a parent)."""
    if not (user and user.is_authenticated):
        return []
    if user.is_superuser:
        return list(Agency.objects.filter(parent__isnull=True, is_active=True).order_by("path"))
    held = list(
        Agency.objects.filter(
            memberships__user=user, memberships__role__in=SUPERVISING_ROLES
        ).order_by("path")
    )
    # A root inside another root adds nothing.
    roots: list[Agency] = []
    for a in held:
        if not any(a.path.startswith(r.path) for r in roots):
            roots.append(a)
    return roots


def supervises(user, agency: Agency) -> bool:
    return any(agency.path.startswith(r.path) for r in supervised_roots(user))


def node_for(user, code: str | None) -> Agency:
    """The body the supervisor asked for, or their first root; 404 outside their subtrees."""
    roots = supervised_roots(user)
    if not code:
        return roots[0]
    agency = Agency.objects.filter(code=code).first()
    if agency is None or not any(agency.path.startswith(r.path) for r in roots):
        raise Http404("未找到该机关")
    return agency


def supervisor_required(view):
    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not supervised_roots(request.user):
            raise PermissionDenied("只有上级主管部门（监督）角色可以使用政务公开监督")
        return view(request, *args, **kwargs)

    return wrapper


def is_supervisor_member(membership: Membership) -> bool:
    return membership.role in SUPERVISING_ROLES
