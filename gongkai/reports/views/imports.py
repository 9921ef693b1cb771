"""Staff pages: upload a ZIP of published reports of the bodies below, watch its import."""

from __future__ import annotations

from collections import Counter

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render

from gongkai.agencies.scope import staff_required

from ..batch import STATUS_LABELS
from ..forms import ImportForm
from ..imports import UploadError, importable, start
from ..models import ImportBatch


def _batches(user):
    qs = ImportBatch.objects.defer("outcomes").select_related("under")
    return qs if user.is_superuser else qs.filter(created_by=user)


@staff_required
def import_page(request):
    editable = importable(request.user).order_by("path")
    if not editable.exists():
        raise PermissionDenied("您没有导入年报的权限")
    form = ImportForm(request.POST or None, request.FILES or None, agencies=editable[:500])
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        under = editable.filter(code=data["under"]).first() if data["under"] else None
        try:
            batch = start(data["file"], request.user, under, data["year"])
        except UploadError as exc:
            form.add_error("file", str(exc))
        else:
            return redirect("reports_manage:import_detail", pk=batch.pk)
    page = Paginator(_batches(request.user), 20).get_page(request.GET.get("page"))
    return render(
        request,
        "reports/import.html",
        {"form": form, "page": page},
        status=400 if form.errors else 200,
    )


@staff_required
def import_detail(request, pk: int):
    batch = get_object_or_404(_batches(request.user).defer(None), pk=pk)
    outcomes = batch.outcomes
    counts = Counter(o["status"] for o in outcomes)
    reasons = Counter(
        (STATUS_LABELS[o["status"]], o["reason"]) for o in outcomes if o["status"] != "complete"
    )
    review = [o for o in outcomes if o["status"] == "review"]
    page = Paginator(outcomes, 100).get_page(request.GET.get("page"))
    return render(
        request,
        "reports/import_detail.html",
        {
            "batch": batch,
            "running": batch.status in (ImportBatch.Status.QUEUED, ImportBatch.Status.RUNNING),
            "counts": [(STATUS_LABELS[s], counts.get(s, 0)) for s in STATUS_LABELS],
            "reasons": sorted(reasons.items()),
            "review": review,
            "page": page,
            "labels": STATUS_LABELS,
        },
    )
