from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.db.models import Count
from django.db.models.functions import ExtractYear
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from gongkai.agencies.scope import admin_required, is_admin, staff_required
from gongkai.core.bounds import MAX_YEAR, MIN_YEAR
from gongkai.rules.calendar import DayKind
from gongkai.workdays.forms import DayForm, NoticeForm
from gongkai.workdays.models import CalendarDay, OfficialYear
from gongkai.workdays.services import (
    CalendarInputError,
    current_calendar,
    current_version,
    delete_day,
    import_calendar,
    save_day,
)


@staff_required
def index(request):
    counts: dict[int, dict[str, int]] = {}
    for row in (
        CalendarDay.objects.annotate(year=ExtractYear("day"))
        .values("year", "kind")
        .annotate(n=Count("id"))
        .order_by()
    ):
        counts.setdefault(row["year"], {})[row["kind"]] = row["n"]
    official = {y.year: y for y in OfficialYear.objects.all()}
    this_year = date.today().year
    years = sorted(set(counts) | set(official) | {this_year, this_year + 1}, reverse=True)
    rows = [
        {
            "year": y,
            "official": official.get(y),
            "holidays": counts.get(y, {}).get(DayKind.HOLIDAY.value, 0),
            "workdays": counts.get(y, {}).get(DayKind.WORKDAY.value, 0),
        }
        for y in years
    ]
    check = _check(request)
    return render(
        request,
        "workdays/index.html",
        {
            "rows": rows,
            "version": current_version(),
            "is_admin": is_admin(request.user),
            "check": check,
        },
    )


def _check(request) -> dict | None:
    """The small 'count working days' tool on the index page."""
    raw_date, raw_n = request.GET.get("date", ""), request.GET.get("n", "")
    if not raw_date:
        return None
    try:
        start = date.fromisoformat(raw_date)
        n = int(raw_n or "20")
        if not 0 <= n <= 500:
            raise ValueError
    except ValueError:
        return {"error": "请输入有效的日期和 0–500 之间的工作日数"}
    result = current_calendar().add_workdays_explained(start, n)
    return {"date": start, "n": n, "result": result}


@staff_required
def year_detail(request, year: int):
    if not MIN_YEAR <= year <= MAX_YEAR:  # day__year=999999999 cannot even be queried
        raise Http404(f"年份应在{MIN_YEAR}–{MAX_YEAR}之间")
    calendar = current_calendar()
    return render(
        request,
        "workdays/year.html",
        {
            "year": year,
            "days": CalendarDay.objects.filter(day__year=year),
            "official": OfficialYear.objects.filter(year=year).first(),
            "provisional": year not in calendar.official_years,
            "is_admin": is_admin(request.user),
        },
    )


@admin_required
def day_edit(request, pk: int | None = None):
    obj = get_object_or_404(CalendarDay, pk=pk) if pk else None
    initial = (
        {"day": obj.day, "kind": obj.kind, "name": obj.name, "notice": obj.notice} if obj else {}
    )
    form = DayForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        row = form.row()
        try:
            if obj is not None and obj.day != row.day:
                delete_day(obj, actor=request.user)
            saved = save_day(row, actor=request.user)
        except CalendarInputError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"{saved} 已保存，日历版本 {current_version()}。")
            return redirect("workdays_manage:year", year=saved.day.year)
    return render(request, "workdays/day_form.html", {"form": form, "obj": obj})


@admin_required
@require_POST
def day_delete(request, pk: int):
    obj = get_object_or_404(CalendarDay, pk=pk)
    year = obj.day.year
    delete_day(obj, actor=request.user)
    messages.success(request, f"已删除，日历版本 {current_version()}。")
    return redirect("workdays_manage:year", year=year)


@admin_required
def notice_add(request):
    form = NoticeForm(request.POST or None, initial={"year": request.GET.get("year")})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            result = import_calendar(
                data["rows"],
                [data["year"]],
                replace=data["replace"],
                notice=data["notice"],
                document_number=data["document_number"],
                actor=request.user,
            )
        except CalendarInputError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, result.summary())
            return redirect("workdays_manage:year", year=data["year"])
    return render(request, "workdays/notice_form.html", {"form": form})
