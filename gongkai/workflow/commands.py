"""`gongkai step`: list the declared workflow steps, and take one as a named user."""

from __future__ import annotations

import json

import typer
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied

from gongkai.core.errors import BadInput
from gongkai.workflow.steps import StepError, UnknownStep, get, workflows

step_app = typer.Typer(help="流程操作：列出各模块声明的操作，或以某用户身份执行一项操作。")


def register(app: typer.Typer) -> None:
    app.add_typer(step_app, name="step")


@step_app.command("list")
def list_steps(as_json: bool = typer.Option(False, "--json", help="输出 JSON")) -> None:
    """列出全部流程及其操作。"""
    table = {
        name: {"label": wf.label, "steps": [s.describe() for s in wf.steps]}
        for name, wf in sorted(workflows().items())
    }
    if as_json:
        typer.echo(json.dumps(table, ensure_ascii=False, indent=2))
        return
    for name, entry in table.items():
        typer.echo(f"{name}（{entry['label']}）")
        for s in entry["steps"]:
            states = "、".join(s["states"]) if s["states"] else "任意未办结状态"
            typer.echo(f"  {s['name']}\t{s['label']}\t权限：{s['capability']}\t状态：{states}")


@step_app.command("run")
def run_step(
    workflow: str = typer.Argument(..., help="流程名，如 publishing.item"),
    pk: int = typer.Argument(..., help="记录编号"),
    name: str = typer.Argument(..., help="操作名，如 approve"),
    username: str = typer.Option(..., "--as", help="以哪个用户的身份执行（必填）"),
    data: str = typer.Option("{}", "--data", help="操作的输入，JSON 对象"),
) -> None:
    """以指定用户身份对一条记录执行一项操作。"""
    try:
        wf = get(workflow)
        step = wf[name]
    except UnknownStep as exc:
        raise BadInput(str(exc)) from None
    try:
        payload = json.loads(data)
    except json.JSONDecodeError:
        raise BadInput("--data 不是有效的 JSON") from None
    if not isinstance(payload, dict):
        raise BadInput('--data 应为 JSON 对象，例如 {"comment": "同意"}')
    user = get_user_model().objects.filter(username=username, is_active=True).first()
    if user is None:
        raise BadInput(f"用户“{username}”不存在或已停用")
    obj = wf.model._default_manager.filter(pk=pk).first()
    if obj is None:
        raise BadInput(f"{wf.label or wf.name}第 {pk} 号记录不存在")
    try:
        result = wf.run(name, obj, payload, actor=user)
    except PermissionDenied as exc:
        raise BadInput(str(exc) or "没有权限") from None
    except StepError as exc:
        raise BadInput("；".join(exc.messages)) from None
    typer.echo(step.done_message(result))
