"""Granting the 三权分立 roles (gongkai.agencies.models.SystemRole): one per person, never to
oneself, and the audit and security administrators hold no administrator powers besides."""

from __future__ import annotations

from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.db import transaction

from gongkai.accounts.actions import ROLE_GRANT, ROLE_REVOKE
from gongkai.accounts.signals import recorded_by_service
from gongkai.agencies.models import Role, SystemRole
from gongkai.agencies.scope import system_roles
from gongkai.audit.services import record


class RoleConflict(ValueError):
    """A grant that would join powers 三权分立 keeps apart; message in Chinese."""


def may_grant(actor) -> bool:
    return bool(actor.is_superuser or SystemRole.SYSTEM_ADMIN in system_roles(actor))


def _group(role: SystemRole) -> Group:
    group, _ = Group.objects.get_or_create(name=role.label)
    return group


def grant(user, role: SystemRole, *, actor) -> None:
    if not may_grant(actor):
        raise PermissionDenied("只有系统管理员可以授予三权分立角色")
    if actor.pk == user.pk:
        raise RoleConflict("不能给自己授予角色")
    held = system_roles(user) - {role}
    if held:
        names = "、".join(SystemRole(r).label for r in sorted(held))
        raise RoleConflict(f"“{user.get_username()}”已是{names}，三权分立要求由不同的人担任")
    is_admin = user.is_superuser or user.memberships.filter(role=Role.ADMIN).exists()
    if role != SystemRole.SYSTEM_ADMIN and is_admin:
        raise RoleConflict(f"“{user.get_username()}”拥有管理员权限，不能同时担任{role.label}")
    with transaction.atomic(), recorded_by_service():
        user.groups.add(_group(role))
        record(ROLE_GRANT, user, actor=actor, after={"role": role.value})
    user.__dict__.pop("_gongkai_system_roles", None)


def revoke(user, role: SystemRole, *, actor) -> None:
    if not may_grant(actor):
        raise PermissionDenied("只有系统管理员可以撤销三权分立角色")
    with transaction.atomic(), recorded_by_service():
        user.groups.remove(_group(role))
        record(ROLE_REVOKE, user, actor=actor, before={"role": role.value})
    user.__dict__.pop("_gongkai_system_roles", None)
