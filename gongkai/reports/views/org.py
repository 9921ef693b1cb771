"""Staff page of a body's organisational records for one year (the figures behind the 2014
table's 机构建设/会议培训/报送 rows). The records are the agencies app's: this page reads them
and writes them through gongkai.agencies.services."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render

from gongkai.agencies import services
from gongkai.agencies.models import (
    Agency,
    ArchiveSubmission,
    OrgYear,
    ReadingPointVisits,
    TrainingClass,
    WorkMeeting,
)
from gongkai.agencies.scope import Capability, get_scoped_or_404, has_capability, staff_required
from gongkai.core.bounds import int_message

from ..forms import ArchiveForm, MeetingForm, OrgYearForm, TrainingForm

_RECORD_FORMS = {"meeting": MeetingForm, "training": TrainingForm, "archive": ArchiveForm}


@staff_required
def org_records(request, code: str, year: int):
    agency = get_scoped_or_404(Agency.objects.all(), request.user, field="", code=code)
    can_edit = has_capability(request.user, Capability.EDIT, agency)
    org = OrgYear.objects.filter(agency=agency, year=year).first()
    forms = {
        "orgyear": OrgYearForm(instance=org, prefix="org"),
        **{k: f(prefix=k) for k, f in _RECORD_FORMS.items()},
    }
    if request.method != "POST":
        return _page(request, agency, year, can_edit, forms)
    if not can_edit:
        raise PermissionDenied("您没有修改本机关记录的权限")
    which = request.POST.get("form", "")
    if which == "orgyear":
        form = OrgYearForm(request.POST, instance=org, prefix="org")
        if form.is_valid():
            obj = form.save(commit=False)
            obj.agency, obj.year = agency, year
            services.save_org_year(obj, actor=request.user)
            messages.success(request, "机构与经费情况已保存。")
            return redirect("reports_manage:org", code=code, year=year)
        forms["orgyear"] = form
    elif which == "visits":
        typed, errors, visitors = {}, [], {}
        for point in agency.reading_points.all():
            raw = request.POST.get(f"visits-{point.pk}", "").strip()
            typed[point.pk] = raw
            # bounded like the column (PositiveIntegerField: 2^31 - 1 on PostgreSQL); "²" is
            # a digit to isdigit() but not to int()
            wrong = bool(raw) and (not raw.isdigit() or bool(int_message(raw, 0, 2**31 - 1)))
            if wrong:
                errors.append((point.pk, point.name, "接待人次应为非负整数，且不超过2147483647"))
            visitors[point] = int(raw) if raw and not wrong else None
        if not errors:
            services.save_reading_point_visits(year, visitors, actor=request.user)
            messages.success(request, "查阅点接待人次已保存。")
            return redirect("reports_manage:org", code=code, year=year)
        # all or nothing: one bad cell saves none, and every typed number comes back
        return _page(request, agency, year, can_edit, forms, typed=typed, errors=errors)
    elif which in _RECORD_FORMS:
        form = _RECORD_FORMS[which](request.POST, prefix=which)
        if form.is_valid() and form.cleaned_data["date"].year != year:
            form.add_error("date", f"日期应在 {year} 年内。")
        if form.is_valid():
            obj = form.save(commit=False)
            obj.agency = agency
            services.add_org_record(obj, actor=request.user)
            messages.success(request, "记录已添加。")
            return redirect("reports_manage:org", code=code, year=year)
        forms[which] = form
    else:
        return redirect("reports_manage:org", code=code, year=year)
    return _page(request, agency, year, can_edit, forms)


def _page(
    request,
    agency: Agency,
    year: int,
    can_edit: bool,
    forms: dict,
    typed: dict | None = None,
    errors: list | None = None,
) -> HttpResponse:
    """The page; a refused form (bound, with errors) or refused visit counts come back with
    status 400, the shared error summary and each error beside its field."""
    errors = errors or []
    refused = bool(errors) or any(f.is_bound and f.errors for f in forms.values())
    saved = dict(
        ReadingPointVisits.objects.filter(reading_point__agency=agency, year=year).values_list(
            "reading_point_id", "visitors"
        )
    )
    by_point = {pk: message for pk, _, message in errors}
    points = [
        (
            p,
            typed[p.pk] if typed is not None else saved.get(p.pk),
            by_point.get(p.pk, ""),
        )
        for p in agency.reading_points.all()
    ]
    context = {
        "agency": agency,
        "year": year,
        "can_edit": can_edit,
        "forms": forms,
        "points": points,
        "visit_errors": [(f"visits-{pk}", f"{name}接待人次", m) for pk, name, m in errors],
        "meetings": WorkMeeting.objects.filter(agency=agency, date__year=year),
        "trainings": TrainingClass.objects.filter(agency=agency, date__year=year),
        "archives": ArchiveSubmission.objects.filter(agency=agency, date__year=year),
    }
    return render(request, "reports/org.html", context, status=400 if refused else 200)
