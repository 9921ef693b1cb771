"""Staff pages of the partner directory (加盟服务企业 and 志愿服务组织) of a centre."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from gongkai.agencies.scope import (
    Capability,
    agencies_for,
    get_scoped_or_404,
    scope_queryset,
    staff_required,
)
from gongkai.hotline.models import Partner
from gongkai.hotline.partners import PartnerForm, save_partner

PAGE_SIZE = 50


@staff_required
def partner_list(request):
    qs = (
        scope_queryset(Partner.objects.select_related("agency"), request.user, Capability.VIEW)
        .annotate(referred=Count("referrals"))
        .prefetch_related("categories")
    )
    kind = request.GET.get("kind", "")
    if kind in Partner.Kind.values:
        qs = qs.filter(kind=kind)
    page = Paginator(qs.order_by("kind", "name"), PAGE_SIZE).get_page(request.GET.get("page"))
    can_edit = agencies_for(request.user, Capability.EDIT).exists()
    return render(
        request,
        "hotline/manage/partners.html",
        {"page": page, "kind": kind, "kinds": Partner.Kind.choices, "can_edit": can_edit},
    )


@staff_required
@require_http_methods(["GET", "POST"])
def partner_edit(request, pk: int | None = None):
    if pk is None:
        centres = agencies_for(request.user, Capability.EDIT).order_by("name")
        agency = centres.first()
        if agency is None:
            raise PermissionDenied("您没有维护加盟企业名录的权限")
        instance = Partner(agency=agency)
    else:
        instance = get_scoped_or_404(Partner.objects.all(), request.user, Capability.EDIT, pk=pk)
        agency = instance.agency
    form = PartnerForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        save_partner(form, agency, actor=request.user)
        return redirect("hotline_manage:partners")
    return render(request, "hotline/manage/partner_form.html", {"form": form, "partner": instance})
