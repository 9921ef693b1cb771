"""Hostile values in every parameter of the supervision pages (issue 15, point 1): the console's
filters, sort and paging (and its XLSX export), the roll-up's year, format, cell drill-down and
page, a body's findings, a notice's download, and the POSTed 通报 (bulletin), reminders and
self-check. Each parameter gets a plausible value or a hostile one (tests/hostile.py).

Never a 500 (the test client re-raises what a view lets escape); a 4xx answers in Chinese;
markup sent in is never echoed unescaped. A refused POST writes nothing (no notice, no ledger
event); an accepted 通报 keeps the 文号 as typed."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.contrib.messages import constants as message_levels
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from gongkai.agencies.models import AgencyLevel
from gongkai.audit.models import Event
from gongkai.reports.formats import FORMATS
from gongkai.reports.models import Figure, ReportStatus
from gongkai.supervision import actions, console
from gongkai.supervision.models import Notice
from tests.hostile import CHINESE, SCRIPT, hostile

from .world import report

pytestmark = pytest.mark.django_db

HYPOTHESIS = settings(
    max_examples=25, deadline=None, suppress_health_check=list(HealthCheck), database=None
)
YEAR = 2024
CODES = ["parent", "body-a", "body-b"]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def world(supervisor, agency_parent, agency_a, agency_b):
    """A 2024 report published late (parent), one on time (A), none (B); a 2017 roll-up cell."""
    report(agency_a, YEAR, ReportStatus.PUBLISHED, published=dt.date(YEAR + 1, 1, 20))
    report(agency_parent, YEAR, ReportStatus.PUBLISHED, published=dt.date(YEAR + 1, 3, 1))
    r = report(agency_a, 2017, ReportStatus.PUBLISHED, published=dt.date(2018, 1, 20))
    Figure.objects.create(report=r, key="archive.total", value=3, provenance="entered")
    return supervisor


def _maybe(plausible: list[str]) -> st.SearchStrategy[str]:
    return st.one_of(st.sampled_from(plausible), hostile)


CONSOLE = {
    "under": _maybe(["", *CODES]),
    "year": _maybe(["", str(YEAR), "2017"]),
    "level": _maybe(["", *AgencyLevel.values]),
    "status": _maybe(["", *console.STATUS_FILTERS]),
    "sort": _maybe([*console.SORTS, *(f"-{k}" for k in console.SORTS)]),
    "after": _maybe(["", *CODES]),
    "before": _maybe(["", *CODES]),
    "last": _maybe(["", "1"]),
    "n": _maybe(["1", "2"]),
    "export": _maybe(["", "", "xlsx"]),
}
ROLLUP = {
    "under": CONSOLE["under"],
    "year": _maybe(["2017", str(YEAR)]),
    "format": _maybe(list(FORMATS)),
    "cell": _maybe(["", "archive.total", *FORMATS["2014"].cell_keys()[:5]]),
    "page": _maybe(["1", "2"]),
    "export": CONSOLE["export"],
}


def _params(data, fields: dict) -> dict:
    """Some of the page's parameters (a link carries only a few), each plausible or hostile."""
    names = data.draw(st.sets(st.sampled_from(sorted(fields))), label="params")
    return {name: data.draw(fields[name], label=name) for name in sorted(names)}


def _answers_well(response) -> None:
    assert response.status_code in (200, 302, 400, 403, 404), response.status_code
    if response.status_code >= 400:
        assert CHINESE.search(response.content.decode()), response.content[:200]
    if response.get("Content-Type", "").startswith("text/html"):
        assert SCRIPT not in response.content.decode(), "markup sent in came back unescaped"


def _check_export(response, params: dict) -> None:
    if response.status_code == 200 and params.get("export") == "xlsx":
        from openpyxl import load_workbook

        assert response["Content-Type"] == XLSX
        assert load_workbook(io.BytesIO(response.content)).active.max_row >= 1


@pytest.mark.parametrize(
    ("url", "fields"),
    [("/manage/supervision/", CONSOLE), ("/manage/supervision/rollup/", ROLLUP)],
    ids=["console", "rollup"],
)
@HYPOTHESIS
@given(data=st.data())
def test_the_console_and_rollup_answer_any_filter_sort_cell_or_page(
    world, client_for, url, fields, data
):
    params = _params(data, fields)
    response = client_for(world).get(url, params)
    _answers_well(response)
    _check_export(response, params)


@HYPOTHESIS
@given(code=_maybe(CODES), kind=_maybe(["docx", "pdf"]), pk=st.integers(-(2**64), 2**64))
def test_findings_and_notice_downloads_answer_any_code_or_kind(world, client_for, code, kind, pk):
    client = client_for(world)
    # Path segments go as typed (percent-encoded); the URL patterns (slug, int) refuse most.
    from urllib.parse import quote

    for url in (
        f"/manage/supervision/bodies/{quote(code, safe='')}/",
        f"/manage/supervision/notices/{pk}/download.{quote(kind, safe='')}",
        f"/manage/supervision/notices/{pk}/",
    ):
        _answers_well(client.get(url))


def _written() -> tuple[int, int]:
    actions_ = (actions.NOTICE_ISSUE, actions.REMINDER_SEND, actions.CHECK_RUN)
    return Notice.objects.count(), Event.objects.filter(action__in=actions_).count()


POSTS = {
    "bulletin": {
        "under": CONSOLE["under"],
        "year": _maybe([str(YEAR)]),
        "number": _maybe(["", "测政公开〔2025〕3号"]),
    },
    "reminders": {"under": CONSOLE["under"], "year": _maybe([str(YEAR)])},
    "check": {"under": CONSOLE["under"], "year": _maybe([str(YEAR)])},
}


@pytest.mark.parametrize("target", sorted(POSTS))
@HYPOTHESIS
@given(data=st.data())
def test_bulletin_reminders_and_check_answer_any_value(world, client_for, target, data):
    params = _params(data, POSTS[target])
    before = _written()
    response = client_for(world).post(f"/manage/supervision/{target}/", params)
    _answers_well(response)
    errors = [m for m in response.wsgi_request._messages if m.level == message_levels.ERROR]
    if response.status_code != 302 or errors:
        event(f"refused {response.status_code}")
        assert _written() == before, "a refused POST wrote something"
        return
    event("taken")
    if target == "bulletin":
        notice = Notice.objects.latest("pk")
        assert response["Location"] == f"/manage/supervision/notices/{notice.pk}/"
        assert notice.number == params.get("number", "").strip()
        _answers_well(client_for(world).get(response["Location"]))
