"""Every ledger action is a declared `<app>.<object>.<verb>` with a Chinese label, and every
record() names its actor explicitly: checked in the source (every call) and in the ledger (every
event a representative flow writes)."""

import ast
import importlib
from pathlib import Path

import pytest

from gongkai.audit.actions import GRAMMAR, declared, label_for, legacy_codes

SOURCE = Path(__file__).resolve().parents[2] / "gongkai"


def _record_calls():
    for path in sorted(SOURCE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imported = any(
            isinstance(node, ast.ImportFrom)
            and node.module == "gongkai.audit.services"
            and any(alias.name == "record" for alias in node.names)
            for node in ast.walk(tree)
        )
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            direct = imported and isinstance(func, ast.Name) and func.id == "record"
            via_module = (
                isinstance(func, ast.Attribute)
                and func.attr == "record"
                and isinstance(func.value, ast.Name)
                and func.value.id in ("audit", "audit_services")
            )
            if direct or via_module:
                yield path.relative_to(SOURCE.parent), node


def test_every_record_call_names_a_declared_action_and_its_actor():
    calls = list(_record_calls())
    assert len(calls) > 30  # the scan sees the app code
    problems = []
    for path, call in calls:
        where = f"{path}:{call.lineno}"
        if not call.args:
            problems.append(f"{where}: no action")
        elif isinstance(call.args[0], ast.Constant | ast.JoinedStr):
            problems.append(f"{where}: a literal action; use a constant from the app's actions.py")
        if not any(k.arg == "actor" for k in call.keywords):
            problems.append(f"{where}: no actor=")
    assert problems == []


def _functions():
    for path in sorted(SOURCE.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                yield path.relative_to(SOURCE.parent), node


def _defaults(fn: ast.FunctionDef) -> dict[str, ast.expr]:
    positional = fn.args.posonlyargs + fn.args.args
    named = [a.arg for a in positional][len(positional) - len(fn.args.defaults) :]
    out = dict(zip(named, fn.args.defaults, strict=True))
    for arg, default in zip(fn.args.kwonlyargs, fn.args.kw_defaults, strict=True):
        if default is not None:
            out[arg.arg] = default
    return out


def _required(default: ast.expr) -> bool:
    # typer.Option(..., "--as"): a CLI option that must be given
    return (
        isinstance(default, ast.Call)
        and bool(default.args)
        and isinstance(default.args[0], ast.Constant)
        and default.args[0].value is Ellipsis
    )


def test_every_function_that_changes_state_takes_its_actor_explicitly():
    """No `actor=None` default anywhere in gongkai/: the caller always says who acts (None is
    written out where the platform or an anonymous member of the public acts). And whatever a
    function hands to the ledger or a step as `actor=` is not a parameter with a default."""
    problems, functions = [], 0
    for path, fn in _functions():
        defaults = _defaults(fn)
        if "actor" in defaults and not _required(defaults["actor"]):
            problems.append(f"{path}:{fn.lineno} {fn.name}(): actor has a default")
        for call in ast.walk(fn):
            if not isinstance(call, ast.Call):
                continue
            for kw in call.keywords:
                name = kw.value.id if isinstance(kw.value, ast.Name) else None
                if kw.arg == "actor" and name in defaults and not _required(defaults[name]):
                    problems.append(f"{path}:{call.lineno} {fn.name}(): actor={name} defaulted")
        functions += 1
    assert functions > 500  # the scan sees the app code
    assert problems == []


def test_every_declared_action_follows_the_grammar_and_legacy_codes_keep_a_label():
    for module in sorted(SOURCE.glob("*/actions.py")):
        importlib.import_module(f"gongkai.{module.parent.name}.actions")
    actions = declared()
    assert {a.split(".")[0] for a in actions} >= {
        "publishing",
        "applications",
        "reports",
        "agencies",
        "workdays",
        "accounts",
    }
    for code, action in actions.items():
        assert GRAMMAR.match(code) and action.label and action.label != code
    for old, action in legacy_codes().items():
        assert label_for(old) == action.label != "其他操作"


@pytest.mark.django_db
def test_a_whole_flow_writes_only_declared_actions(agency_a, officer_a, reviewer_a, leader_a):
    from gongkai.audit.models import Event
    from gongkai.publishing import services as publishing
    from gongkai.reports import services as reports
    from tests.applications.factories import make_application
    from tests.publishing.helpers import draft

    item = draft(agency_a, officer_a)
    publishing.submit(item, officer_a)
    publishing.approve(item, reviewer_a, "同意")
    publishing.reject(item, leader_a, "请修改")
    app = make_application(agency_a).application
    from gongkai.applications.steps import APPLICATION

    APPLICATION.run("withdraw", app, {"text": "撤回"}, actor=officer_a)
    report = reports.get_or_create_report(agency_a, 2017, actor=officer_a)
    reports.transition(report, "submit", officer_a)
    written = set(Event.objects.values_list("action", flat=True))
    assert written and written <= set(declared())
    named = Event.objects.exclude(actor_name="系统").values_list("actor_name", flat=True)
    assert set(named) >= {"officer_a", "reviewer_a", "leader_a"}
