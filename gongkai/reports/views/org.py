"""Staff page of a body's organisational records for one year (the figures behind the 2014
table's 机构建设/会议培训/报送 rows). The records are the agencies app's: this page reads them
and writes them through gongkai.agencies.services."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
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
    if request.method == "POST":
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
            visitors: dict = {}
            for point in agency.reading_points.all():
                raw = request.POST.get(f"visits-{point.pk}", "").strip()
                if raw and not raw.isdigit():
                    messages.error(request, f"“{point.name}”的接待人次应为非负整数。")
                    return redirect("reports_manage:org", code=code, year=year)
                visitors[point] = int(raw) if raw else None
            services.save_reading_point_visits(year, visitors, actor=request.user)
            messages.success(request, "查阅点接待人次已保存。")
            return redirect("reports_manage:org", code=code, year=year)
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
    visits = dict(
        ReadingPointVisits.objects.filter(reading_point__agency=agency, year=year).values_list(
            "reading_point_id", "visitors"
        )
    )
    context = {
        "agency": agency,
        "year": year,
        "can_edit": can_edit,
        "forms": forms,
        "points": [(p, visits.get(p.pk)) for p in agency.reading_points.all()],
        "meetings": WorkMeeting.objects.filter(agency=agency, date__year=year),
        "trainings": TrainingClass.objects.filter(agency=agency, date__year=year),
        "archives": ArchiveSubmission.objects.filter(agency=agency, date__year=year),
    }
    return render(request, "reports/org.html", context)
