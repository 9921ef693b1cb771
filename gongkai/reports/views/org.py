"""Staff page of a body's organisational records for one year (the figures behind the 2014
table's 机构建设/会议培训/报送 rows)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect, render

from gongkai.agencies import actions as agency_actions
from gongkai.agencies.models import (
    Agency,
    ArchiveSubmission,
    OrgYear,
    ReadingPointVisits,
    TrainingClass,
    WorkMeeting,
)
from gongkai.agencies.scope import Capability, get_scoped_or_404, has_capability, staff_required
from gongkai.audit.services import record, snapshot

from ..forms import ArchiveForm, MeetingForm, OrgYearForm, TrainingForm

_RECORD_FORMS = {"meeting": MeetingForm, "training": TrainingForm, "archive": ArchiveForm}
_RECORD_ACTIONS = {
    "meeting": agency_actions.MEETING_ADD,
    "training": agency_actions.TRAINING_ADD,
    "archive": agency_actions.ARCHIVE_ADD,
}


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
                with transaction.atomic():
                    before = snapshot(org) if org else None
                    obj = form.save(commit=False)
                    obj.agency, obj.year = agency, year
                    obj.save()
                    record(
                        agency_actions.ORG_YEAR_SAVE,
                        obj,
                        actor=request.user,
                        agency=agency,
                        before=before,
                        after=snapshot(obj),
                    )
                messages.success(request, "机构与经费情况已保存。")
                return redirect("reports_manage:org", code=code, year=year)
            forms["orgyear"] = form
        elif which == "visits":
            points = {p.pk: p for p in agency.reading_points.all()}
            with transaction.atomic():
                for pk, point in points.items():
                    raw = request.POST.get(f"visits-{pk}", "").strip()
                    if raw == "":
                        ReadingPointVisits.objects.filter(reading_point=point, year=year).delete()
                        continue
                    if not raw.isdigit():
                        messages.error(request, f"“{point.name}”的接待人次应为非负整数。")
                        transaction.set_rollback(True)
                        return redirect("reports_manage:org", code=code, year=year)
                    obj, _ = ReadingPointVisits.objects.update_or_create(
                        reading_point=point, year=year, defaults={"visitors": int(raw)}
                    )
                    record(
                        agency_actions.VISITS_SAVE,
                        obj,
                        actor=request.user,
                        agency=agency,
                        after=snapshot(obj),
                    )
            messages.success(request, "查阅点接待人次已保存。")
            return redirect("reports_manage:org", code=code, year=year)
        elif which in _RECORD_FORMS:
            form = _RECORD_FORMS[which](request.POST, prefix=which)
            if form.is_valid() and form.cleaned_data["date"].year != year:
                form.add_error("date", f"日期应在 {year} 年内。")
            if form.is_valid():
                with transaction.atomic():
                    obj = form.save(commit=False)
                    obj.agency = agency
                    obj.save()
                    record(
                        _RECORD_ACTIONS[which],
                        obj,
                        actor=request.user,
                        agency=agency,
                        after=snapshot(obj),
                    )
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
