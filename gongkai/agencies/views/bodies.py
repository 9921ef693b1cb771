from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import redirect, render

from gongkai.agencies.forms import AgencyAdminForm, AgencyGuideForm
from gongkai.agencies.models import Agency
from gongkai.agencies.scope import (
    Capability,
    admin_required,
    agencies_for,
    get_scoped_or_404,
    has_capability,
    is_admin,
    scope_queryset,
    staff_required,
)
from gongkai.agencies.services import save_agency


@staff_required
def agency_list(request):
    qs = scope_queryset(Agency.objects.select_related("parent"), request.user, field="")
    q = request.GET.get("q", "").strip()
    if q:
        qs = qs.filter(Q(name__contains=q) | Q(short_name__contains=q) | Q(code__contains=q))
    page = Paginator(qs.order_by("path"), 50).get_page(request.GET.get("page"))
    return render(
        request, "agencies/list.html", {"page": page, "q": q, "can_create": is_admin(request.user)}
    )


@staff_required
def agency_detail(request, code: str):
    agency = get_scoped_or_404(
        Agency.objects.select_related("parent"), request.user, field="", code=code
    )
    context = {
        "agency": agency,
        "reading_points": agency.reading_points.all(),
        "members": agency.memberships.select_related("user").order_by("role", "user__username"),
        "can_edit": has_capability(request.user, Capability.EDIT, agency),
        "is_admin": is_admin(request.user),
        "org_code_warning": agency.org_code_warning(),
    }
    return render(request, "agencies/detail.html", context)


@staff_required
def agency_edit(request, code: str):
    agency = get_scoped_or_404(
        Agency.objects.all(), request.user, Capability.EDIT, field="", code=code
    )
    if has_capability(request.user, Capability.ADMIN, agency):
        form = AgencyAdminForm(
            request.POST or None,
            instance=agency,
            parent_choices=agencies_for(request.user, Capability.ADMIN),
        )
    else:
        form = AgencyGuideForm(request.POST or None, instance=agency)
    if request.method == "POST" and form.is_valid():
        save_agency(form.save(commit=False), created=False, actor=request.user)
        _warn_about_org_code(request, agency)
        messages.success(request, "已保存。")
        return redirect("agencies_manage:detail", code=agency.code)
    return render(request, "agencies/form.html", {"form": form, "agency": agency})


@admin_required
def agency_create(request):
    form = AgencyAdminForm(
        request.POST or None, parent_choices=agencies_for(request.user, Capability.ADMIN)
    )
    if request.method == "POST" and form.is_valid():
        agency = save_agency(form.save(commit=False), created=True, actor=request.user)
        _warn_about_org_code(request, agency)
        messages.success(request, f"已创建机关“{agency.name}”。")
        return redirect("agencies_manage:detail", code=agency.code)
    return render(request, "agencies/form.html", {"form": form, "agency": None})


def _warn_about_org_code(request, agency: Agency) -> None:
    warning = agency.org_code_warning()
    if warning:
        messages.warning(
            request, f"提示：{warning}。地方自编代码可能无法通过国标校验，已照常保存。"
        )
