"""Apps plug in by module name (gongkai.core.plugins): what is found, and a broken module stops
the start."""

from __future__ import annotations

import sys
import textwrap

import pytest
from django.apps import AppConfig
from django.core.exceptions import ImproperlyConfigured

from gongkai.core import jobs, plugins

# Everything the platform finds at start, per kind and app (INSTALLED_APPS order; demo in
# dependency order). A new app module shows up here, or this test tells you it did not.
EXPECTED = {
    "figures": ["agencies", "publishing", "applications", "hotline"],
    "jobs": [
        "core",
        "audit",
        "workdays",
        "publishing",
        "applications",
        "hotline",
        "reports",
        "supervision",
    ],
    "commands": [
        "core",
        "accounts",
        "audit",
        "workdays",
        "workflow",
        "publishing",
        "applications",
        "hotline",
        "reports",
        "supervision",
    ],
    "api": ["agencies", "workflow", "publishing", "applications", "hotline", "reports"],
    "demo": ["agencies", "workdays", "publishing", "applications", "hotline", "reports"],
    "checks": ["accounts", "audit", "workdays", "applications", "hotline"],
    "services": [
        "audit",
        "agencies",
        "workdays",
        "numbering",
        "publishing",
        "applications",
        "hotline",
        "reports",
    ],
    "todos": ["publishing", "applications", "hotline", "reports"],
}
# Every declared workflow (gongkai.workflow) and its steps, found through the apps' services.
WORKFLOWS: dict[str, list[str]] = {
    "hotline.ticket": [
        "answer",
        "dispatch",
        "decide_extension",
        "callback",
        "close",
        "rework",
        "supervise",
        "merge",
        "refer",
        "refer-result",
        "publish",
        "unpublish",
    ],
    "hotline.assignment": ["sign", "return", "extend", "reply"],
    "publishing.item": ["submit", "approve", "sign_off", "reject", "withdraw", "channel"],
    "reports.report": ["submit", "reopen", "review", "approve", "publish"],
    "applications.request": [
        "supplement-notice",
        "supplement",
        "supplement-lapse",
        "consult",
        "consult-reply",
        "consult-expire",
        "extend",
        "fee",
        "fee-paid",
        "fee-lapse",
        "art35",
        "reply",
        "withdraw",
        "draft-reply",
        "sign-reply",
        "return-reply",
        "request-extension",
        "approve-extension",
        "refuse-extension",
    ],
}
JOB_KINDS = {
    "core.backup",
    "audit.anchor.export",
    "workdays.recompute",
    "publishing.publish",
    "applications.reminders",
    "applications.notify",
    "applications.retention",
    "hotline.retention",
    "hotline.daily",
    "reports.import_batch",
    "supervision.selfcheck",
}


def test_every_app_module_is_discovered_at_start():
    assert {kind: [p.label for p in plugins.found(kind)] for kind in plugins.CONTRACTS} == EXPECTED


def test_every_declared_workflow_step_is_found_through_the_apps_services():
    from gongkai.workflow.steps import workflows

    declared = {
        name: [step.name for step in workflow.steps]
        for name, workflow in workflows().items()
        if not name.startswith("wftest.")  # the contract tests' throwaway workflow
    }
    assert declared == WORKFLOWS
    services = {plugin.label for plugin in plugins.found("services")}
    assert {name.split(".")[0] for name in declared} <= services


def test_each_discovered_module_keeps_its_contract():
    for kind, attribute in plugins.CONTRACTS.items():
        for plugin in plugins.found(kind):
            assert plugin.path == f"gongkai.{plugin.label}.{kind}"
            if attribute:
                assert callable(plugin.get(attribute)) or kind == "api", plugin.path
    routers = {plugin.label: plugin.get("router") for plugin in plugins.found("api")}
    from ninja import Router

    assert all(isinstance(router, Router) for router in routers.values())


def test_every_job_kind_is_registered_and_named_after_its_app():
    registered = {kind for kind in jobs.handlers() if not kind.startswith("test.")}
    assert registered == JOB_KINDS
    for kind, func in jobs.handlers().items():
        if kind in JOB_KINDS:
            assert func.__module__ == f"gongkai.{kind.split('.')[0]}.jobs"


def test_the_cli_offers_a_command_of_every_commands_module(capsys):
    from gongkai.cli import main

    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    for command in (
        "worker",
        "accounts",
        "audit",
        "calendar",
        "step",
        "publishing",
        "applications",
        "report",
    ):
        assert command in out


def test_the_api_mounts_every_router():
    from gongkai.api.router import api

    mounted = {router for _, router in api._routers}
    for plugin in plugins.found("api"):
        assert plugin.get("router") in mounted


# --- failing loudly ---------------------------------------------------------------------------


@pytest.fixture
def fake_app(tmp_path, monkeypatch):
    """A throwaway app package `gongkai_fake` whose plugin modules each test writes."""
    package = tmp_path / "gongkai_fake"
    package.mkdir()
    (package / "__init__.py").write_text("", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))

    def make(**modules: str) -> AppConfig:
        for name, source in modules.items():
            (package / f"{name}.py").write_text(textwrap.dedent(source), encoding="utf-8")
        for name in [m for m in sys.modules if m.startswith("gongkai_fake")]:
            del sys.modules[name]
        import gongkai_fake

        config = AppConfig("gongkai_fake", gongkai_fake)
        real = plugins.gongkai_apps()
        monkeypatch.setattr(plugins, "gongkai_apps", lambda: [*real, config])
        return config

    yield make
    monkeypatch.undo()
    for name in [m for m in sys.modules if m.startswith("gongkai_fake")]:
        del sys.modules[name]
    plugins.discover()  # back to the real apps


def test_a_new_app_contributes_report_figures_by_having_figures_py(db, agency_a, fake_app):
    from gongkai.reports.compute import compute

    fake_app(
        figures="""
        def contribute(agency_ids, year, format_id):
            return {"appeal.review.total": 42, "no.such.key": 1}
        """
    )
    plugins.discover()
    figures = compute([agency_a.pk], 2025, "2021")
    assert figures["appeal.review.total"] == (42, "gongkai_fake.figures")  # the later app wins
    assert "no.such.key" not in figures
    assert figures["req.new.total"] == (0, "gongkai.applications.figures")


def test_a_module_that_cannot_be_imported_stops_the_start(fake_app):
    fake_app(figures="import gongkai.no_such_module\n")
    with pytest.raises(ImproperlyConfigured, match=r"gongkai_fake\.figures cannot be imported"):
        plugins.discover()


def test_a_module_without_its_contract_stops_the_start(fake_app):
    fake_app(figures="def figures(agency_ids, year, format_id):\n    return {}\n")
    with pytest.raises(ImproperlyConfigured, match="must define `contribute`"):
        plugins.discover()


def test_a_demo_after_an_unknown_app_stops_the_start(fake_app):
    fake_app(demo='AFTER = ("nosuchapp",)\n\ndef load(out):\n    pass\n')
    with pytest.raises(ImproperlyConfigured, match="unknown app 'nosuchapp'"):
        plugins.discover()


def test_a_new_demo_runs_after_the_apps_it_names(fake_app):
    fake_app(demo='AFTER = ("reports", "agencies")\n\ndef load(out):\n    pass\n')
    plugins.discover()
    order = [plugin.label for plugin in plugins.found("demo")]
    assert order[-1] == "gongkai_fake"
    assert order.index("agencies") < order.index("reports")


def test_demo_modules_waiting_on_each_other_stop_the_start(fake_app, monkeypatch):
    fake_app(demo='AFTER = ("gongkai_fake",)\n\ndef load(out):\n    pass\n')
    with pytest.raises(ImproperlyConfigured, match="wait on each other"):
        plugins.discover()


def test_a_second_handler_for_one_job_kind_is_refused():
    with pytest.raises(ValueError, match="two handlers"):
        jobs.handler("workdays.recompute")(lambda payload: None)


def test_staff_read_the_declared_workflows_through_the_api(db, client_for, officer_a):
    from tests.workflow.throwaway import NOTE

    assert client_for(None).get("/api/v1/manage/workflows").status_code == 401
    response = client_for(officer_a).get("/api/v1/manage/workflows")
    assert response.status_code == 200
    listed = {entry["name"]: entry for entry in response.json()}
    assert [step["name"] for step in listed[NOTE.name]["steps"]] == ["note", "retitle"]
    assert listed[NOTE.name]["steps"][0]["action"] == "wftest.item.note"
