"""The API side of workflow steps: two routes per workflow, mounted by the app's api.py.

    step_routes(router, ITEM, "/manage/items")

This module's own `router` (found like every app's api.py) lists the declared workflows.

adds `GET /manage/items/{pk}/steps` (what the caller may do now) and
`POST /manage/items/{pk}/steps/{name}` (take a step; body `{"data": {...}}`, validated by the
step's schema or form). Every declared step, including one declared later, is reachable.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import Http404, HttpRequest
from ninja import Router, Schema, Status
from pydantic_core import core_schema

from gongkai.agencies.scope import Capability, get_scoped_or_404
from gongkai.api.auth import staff_auth
from gongkai.api.errors import ErrorOut as StepErrorOut  # the API's one error shape
from gongkai.workflow.steps import StepError, UnknownStep, Workflow, workflows

router = Router(tags=["办理流程"])


class StepIn(Schema):
    data: dict[str, Any] = {}


class StepOut(Schema):
    name: str
    label: str
    letter: str


class StepDone(Schema):
    id: int
    step: str
    state: str
    detail: str


class StepInfoOut(Schema):
    name: str
    label: str
    capability: str | dict[str, str]  # one, or one per state
    states: list[str] | None
    action: str
    letter: str


class WorkflowOut(Schema):
    name: str
    label: str
    steps: list[StepInfoOut]


@router.get(
    "/manage/workflows",
    auth=staff_auth,
    response=list[WorkflowOut],
    summary="工作人员：各模块声明的流程及其操作",
    operation_id="workflow_list",
)
def list_workflows(request: HttpRequest):
    return [
        {"name": name, "label": wf.label, "steps": [s.describe() for s in wf.steps]}
        for name, wf in sorted(workflows().items())
    ]


def _step_name(workflow: Workflow) -> type:
    """The type of the `{name}` path parameter: any text (an unknown step is a 404 from the
    view), documented in the OpenAPI schema as one of the workflow's steps. The list is read
    when the schema is made, so a step declared after the routes were mounted is in it too."""

    class StepName(str):
        @classmethod
        def __get_pydantic_core_schema__(cls, source, handler):
            return core_schema.str_schema()

        @classmethod
        def __get_pydantic_json_schema__(cls, schema, handler):
            return {**handler(schema), "enum": [step.name for step in workflow.steps]}

    return StepName


def step_routes(
    router: Router,
    workflow: Workflow,
    path: str,
    *,
    tags: list[str] | None = None,
    serialize: Callable[[Any], dict] | None = None,
    response: type | None = None,
) -> None:
    """Mount the step routes of `workflow` under `path` ("/manage/items" → "/manage/items/{pk}/…").

    `serialize`/`response` let the app answer with its own view of the record after the step."""
    what = workflow.label or workflow.name
    slug = workflow.name.replace(".", "_")
    step_name = _step_name(workflow)

    def record(request: HttpRequest, pk: int) -> Any:
        return get_scoped_or_404(
            workflow.queryset(), request.user, Capability.VIEW, workflow.agency_field, pk=pk
        )

    @router.get(
        f"{path}/{{pk}}/steps",
        auth=staff_auth,
        response=list[StepOut],
        tags=tags,
        summary=f"工作人员：{what}当前可以进行的操作",
        operation_id=f"{slug}_steps",
    )
    def available(request: HttpRequest, pk: int):
        obj = record(request, pk)
        return [
            {"name": s.name, "label": s.label, "letter": s.letter}
            for s in workflow.available(obj, request.user)
        ]

    def take(request: HttpRequest, pk: int, name: str, payload: StepIn):
        try:
            step = workflow[name]
        except UnknownStep:
            raise Http404("未知操作") from None
        obj = record(request, pk)
        try:
            result = workflow.run(name, obj, payload.data, actor=request.user)
        except StepError as exc:
            return Status(400, {"detail": "；".join(exc.messages), "errors": exc.errors})
        obj.refresh_from_db()
        if serialize is not None:
            return Status(200, serialize(obj))
        detail = step.done_message(result)
        return Status(
            200,
            {
                "id": obj.pk,
                "step": name,
                "state": str(getattr(obj, workflow.state_field)),
                "detail": detail,
            },
        )

    # Mounted after the definition: the annotation of `name` is a local class, which a string
    # annotation (from __future__) could not name.
    take.__annotations__["name"] = step_name
    router.post(
        f"{path}/{{pk}}/steps/{{name}}",
        auth=staff_auth,
        response={200: response or StepDone, 400: StepErrorOut},
        tags=tags,
        summary=f"工作人员：对{what}执行一项操作",
        operation_id=f"{slug}_step",
    )(take)
