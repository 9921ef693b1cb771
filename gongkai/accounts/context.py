"""Who is logged in, for the header of every page (staff and public): name, body, role."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import SimpleLazyObject

from gongkai.agencies.models import Membership, SystemRole
from gongkai.agencies.scope import system_roles


@dataclass(frozen=True)
class Who:
    name: str
    body: str  # the first body the user holds a role in ("" for system roles only)
    role: str
    more: int  # further roles held, shown as “等 N 个角色”


def who(user) -> Who | None:
    if not (user and user.is_authenticated):
        return None
    # Chinese order: family name first, no space (Django's get_full_name is "first last")
    name = f"{user.last_name}{user.first_name}".strip() or user.get_username()
    held = list(
        Membership.objects.filter(user=user)
        .select_related("agency")
        .only("role", "agency__name")
        .order_by("agency__path", "role")[:5]
    )
    if held:
        first = held[0]
        return Who(name, first.agency.name, first.get_role_display(), len(held) - 1)
    roles = sorted(system_roles(user))
    if roles:
        return Who(name, "", SystemRole(roles[0]).label, len(roles) - 1)
    return Who(name, "", "系统管理员" if user.is_superuser else "", 0)


def logged_in(request) -> dict:
    """Lazy: the query runs only on pages whose template shows the header's user block."""
    return {"WHO": SimpleLazyObject(lambda: who(getattr(request, "user", None)) or "")}
