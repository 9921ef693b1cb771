from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from gongkai.agencies.forms import MemberForm
from gongkai.agencies.models import Agency, Membership
from gongkai.agencies.scope import Capability, get_scoped_or_404, staff_required
from gongkai.agencies.services import add_member, remove_member


@staff_required
def member_add(request, code: str):
    agency = get_scoped_or_404(
        Agency.objects.all(), request.user, Capability.ADMIN, field="", code=code
    )
    form = MemberForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        add_member(agency, actor=request.user, **form.cleaned_data)
        messages.success(request, "已添加角色。")
        return redirect("agencies_manage:detail", code=agency.code)
    return render(request, "agencies/member_form.html", {"form": form, "agency": agency})


@staff_required
@require_POST
def member_remove(request, code: str, pk: int):
    membership = get_scoped_or_404(
        Membership.objects.all(), request.user, Capability.ADMIN, agency__code=code, pk=pk
    )
    remove_member(membership, actor=request.user)
    messages.success(request, "已移除角色。")
    return redirect("agencies_manage:detail", code=code)
