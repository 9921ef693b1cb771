"""Staff pages for section 二 counts and the hall kiosk catalogue."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from gongkai.agencies.scope import (
    Capability,
    agencies_for,
    get_scoped_or_404,
    scope_queryset,
    staff_required,
)
from gongkai.publishing import kiosk, sectiontwo
from gongkai.publishing.forms import KioskEntryForm, SectionTwoForm, SectionTwoImportForm
from gongkai.publishing.models import KioskEntry, SectionTwoEntry
from gongkai.workflow.steps import StepError


@staff_required
def section_two(request):
    user = request.user
    editable = agencies_for(user, Capability.EDIT)
    form = SectionTwoForm(request.POST or None, agencies=editable, prefix="one")
    upload = SectionTwoImportForm(agencies=editable, prefix="xlsx")
    if request.method == "POST":
        if not editable.exists():
            raise PermissionDenied("您没有录入数据的权限。")
        if form.is_valid():
            d = form.cleaned_data
            try:
                sectiontwo.set_section_two(
                    d["agency"], user, d["year"], d["month"], d["key"], d["value"]
                )
            except StepError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, "已保存。")
                return redirect("publishing_manage:section_two")
    entries = scope_queryset(
        SectionTwoEntry.objects.select_related("agency"), user, Capability.VIEW
    )
    year = request.GET.get("year", "")
    if year.isdecimal() and len(year) == 4:  # "²".isdigit() is True, int("²") fails
        entries = entries.filter(year=int(year))
    return render(
        request,
        "publishing/manage/section_two.html",
        {
            "form": form,
            "upload": upload,
            "entries": entries[:300],
            "can_edit": editable.exists(),
            "year": year,
        },
    )


@staff_required
@require_POST
def section_two_import(request):
    editable = agencies_for(request.user, Capability.EDIT)
    if not editable.exists():
        raise PermissionDenied("您没有录入数据的权限。")
    form = SectionTwoImportForm(request.POST, request.FILES, agencies=editable, prefix="xlsx")
    if not form.is_valid():
        messages.error(request, "请选择机关和 .xlsx 文件。")
        return redirect("publishing_manage:section_two")
    try:
        n = sectiontwo.import_section_two(
            form.cleaned_data["agency"], request.user, form.cleaned_data["file"]
        )
    except StepError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"已导入 {n} 行。")
    return redirect("publishing_manage:section_two")


@staff_required
def kiosk_catalogue(request):
    user = request.user
    editable = agencies_for(user, Capability.EDIT)
    form = KioskEntryForm(request.POST or None, agencies=editable)
    if request.method == "POST":
        if not editable.exists():
            raise PermissionDenied("您没有维护触摸屏目录的权限。")
        if form.is_valid():
            kiosk.save_kiosk_entry(form.save(commit=False), user)
            messages.success(request, "已保存。")
            return redirect("publishing_manage:kiosk")
    entries = scope_queryset(KioskEntry.objects.select_related("agency"), user, Capability.VIEW)
    return render(
        request,
        "publishing/manage/kiosk.html",
        {"form": form, "entries": entries, "can_edit": editable.exists()},
    )


@staff_required
@require_POST
def kiosk_delete(request, pk):
    entry = get_scoped_or_404(
        KioskEntry.objects.select_related("agency"), request.user, Capability.EDIT, pk=pk
    )
    kiosk.delete_kiosk_entry(entry, request.user)
    messages.success(request, "已删除。")
    return redirect("publishing_manage:kiosk")
