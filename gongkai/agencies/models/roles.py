from django.conf import settings
from django.db import models


class Role(models.TextChoices):
    OFFICER = "officer", "信息公开工作人员"
    REVIEWER = "reviewer", "审核人"
    LEADER = "leader", "签发领导"
    SUPERVISOR = "supervisor", "上级主管部门"
    ADMIN = "admin", "管理员"


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
