"""The staff page side of workflow steps: one POST view per workflow, one template include.

An app mounts `step_view(WORKFLOW, page=…)` at `<int:pk>/steps/<slug:name>/` in its manage URLs
and includes `workflow/_steps.html` on the record's page with
`step_forms(WORKFLOW, obj, request.user, **bound_steps(request))`. A step form with errors comes
back on the record's page (`page`), open, with the error summary and each error beside its field,
and what the user typed kept.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from gongkai.agencies.scope import Capability, get_scoped_or_404, staff_required
from gongkai.workflow.steps import Step, StepError, UnknownStep, Workflow

# (request, record, step, bound form with errors) -> the page shown again, with status 400
InvalidHandler = Callable[[HttpRequest, Any, Step, Any], HttpResponse]
# (request, record) -> the record's staff page (it reads `bound_steps(request)`)
PageView = Callable[[HttpRequest, Any], HttpResponse]
BOUND = "_gongkai_bound_steps"


def bound_steps(request: HttpRequest) -> dict[str, Any]:
    """The step form refused on this request ({step name: bound form}), for `step_forms`."""
    return getattr(request, BOUND, {})


def step_forms(workflow: Workflow, obj: Any, user: Any, **bound: Any) -> list[tuple[Step, Any]]:
    """(step, form or None) for each step this user can take now; `bound` overrides one step's
    form with a bound one (to show its errors)."""
    out = []
    for step in workflow.available(obj, user):
        form = bound.get(step.name)
        if form is None and step.form is not None:
            form = step.bound_form(initial=_initial(step, obj))
        out.append((step, form))
    return out


def _initial(step: Step, obj: Any) -> dict:
    initial = getattr(step.form, "initial_for", None)
    return initial(obj) if callable(initial) else {}


def step_view(
    workflow: Workflow,
    *,
    redirect_to: Callable[[Any], str] | None = None,
    invalid: InvalidHandler | None = None,
    page: PageView | None = None,
):
    """A POST view taking any declared step of `workflow` on the record `pk`. A form with errors
    goes to `invalid`, else back on the record's `page` (status 400); without either, to a
    message and a redirect."""

    def target(obj: Any) -> str:
        return redirect_to(obj) if redirect_to else obj.get_manage_url()

    @staff_required
    @require_POST
    def view(request: HttpRequest, pk: int, name: str) -> HttpResponse:
        try:
            step = workflow[name]
        except UnknownStep:
            raise Http404("未知操作") from None
        obj = get_scoped_or_404(
            workflow.queryset(), request.user, Capability.VIEW, workflow.agency_field, pk=pk
        )
        if not step.permitted(request.user, obj):
            raise PermissionDenied("您没有执行此操作的权限")
        data: dict = {}
        if step.form is not None:
            form = step.bound_form(request.POST, request.FILES)
            if not form.is_valid():
                if invalid is not None:
                    return invalid(request, obj, step, form)
                if page is not None:
                    setattr(request, BOUND, {step.name: form})
                    response = page(request, obj)
                    response.status_code = 400
                    return response
                messages.error(request, _summary(form))
                return redirect(target(obj))
            data = form.cleaned_data
        try:
            result = workflow.run(name, obj, data, actor=request.user, validated=True)
        except StepError as exc:
            messages.error(request, "；".join(exc.messages))
        else:
            messages.success(request, step.done_message(result))
        return redirect(target(obj))

    view.__name__ = f"{workflow.name.replace('.', '_')}_step"
    return view


def _summary(form: Any) -> str:
    labels = []
    for name in form.errors:
        field = form.fields.get(name)
        labels.append(str(field.label) if field is not None and field.label else "表单")
    return "请检查以下各项：" + "、".join(labels)
