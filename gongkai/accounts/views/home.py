from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from gongkai.agencies.models import SystemRole
from gongkai.agencies.scope import is_staff_member, system_roles
from gongkai.core.workbench import collect


@login_required
def dashboard(request):
    roles = system_roles(request.user)
    if not (is_staff_member(request.user) or roles):
        raise PermissionDenied("您没有工作人员权限")
    memberships = request.user.memberships.select_related("agency").order_by("agency__path")
    return render(
        request,
        "accounts/dashboard.html",
        {
            "memberships": memberships,
            "system_roles": [SystemRole(r).label for r in sorted(roles)],
            "is_audit_admin": SystemRole.AUDIT_ADMIN in roles,
            "is_security_admin": SystemRole.SECURITY_ADMIN in roles,
            "has_agency_roles": is_staff_member(request.user),
            "areas": collect(request.user),
        },
    )
