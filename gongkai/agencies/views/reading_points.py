from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from gongkai.agencies.forms import ReadingPointForm
from gongkai.agencies.models import Agency, ReadingPoint
from gongkai.agencies.scope import Capability, get_scoped_or_404, staff_required
from gongkai.agencies.services import delete_reading_point, save_reading_point


@staff_required
def reading_point_edit(request, code: str, pk: int | None = None):
    agency = get_scoped_or_404(
        Agency.objects.all(), request.user, Capability.EDIT, field="", code=code
    )
    point = (
        get_scoped_or_404(
            ReadingPoint.objects.all(), request.user, Capability.EDIT, agency=agency, pk=pk
        )
        if pk
        else None
    )
    form = ReadingPointForm(request.POST or None, instance=point)
    if request.method == "POST" and form.is_valid():
        point = form.save(commit=False)
        point.agency = agency
        save_reading_point(point, created=pk is None, actor=request.user)
        messages.success(request, "查阅点已保存。")
        return redirect("agencies_manage:detail", code=agency.code)
    return render(
        request,
        "agencies/reading_point_form.html",
        {"form": form, "agency": agency, "point": point},
    )


@staff_required
@require_POST
def reading_point_delete(request, code: str, pk: int):
    point = get_scoped_or_404(
        ReadingPoint.objects.all(), request.user, Capability.EDIT, agency__code=code, pk=pk
    )
    delete_reading_point(point, actor=request.user)
    messages.success(request, "查阅点已删除。")
    return redirect("agencies_manage:detail", code=code)
