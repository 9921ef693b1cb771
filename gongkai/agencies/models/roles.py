from django.conf import settings
from django.db import models


class Role(models.TextChoices):
    OFFICER = "officer", "信息公开工作人员"
    REVIEWER = "reviewer", "审核人"
    LEADER = "leader", "签发领导"
    SUPERVISOR = "supervisor", "上级主管部门"
    ADMIN = "admin", "管理员"


class SystemRole(models.TextChoices):
    """三权分立 (GB/T 22239-2019 8.1.4.2): powers over the system itself, held apart. Each is an
    auth group named by its label, granted through gongkai.accounts.roles (which refuses a
    second one to the same person). The system administrator is the body's 管理员 (Role.ADMIN)
    or holds this group; the security administrator manages accounts, locks and second
    factors; the audit administrator alone reads the whole ledger."""

    SYSTEM_ADMIN = "system_admin", "系统管理员"
    SECURITY_ADMIN = "security_admin", "安全管理员"
    AUDIT_ADMIN = "audit_admin", "审计管理员"


class Membership(models.Model):
    """A user's role in a body. Supervisors' and administrators' roles reach the whole subtree."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    agency = models.ForeignKey(
        "agencies.Agency", on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField("角色", max_length=16, choices=Role.choices)

    class Meta:
        verbose_name = "角色"
        verbose_name_plural = "角色"
        constraints = [
            models.UniqueConstraint(fields=["user", "agency", "role"], name="unique_membership")
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.agency} · {self.get_role_display()}"
