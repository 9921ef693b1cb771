"""The nightly report checks keep each report's findings while its figures, format, last
year's report and the rules are unchanged, and never keep findings a full check would not
give."""

import random

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gongkai.reports import services
from gongkai.reports.models import Figure, Report
from gongkai.supervision import reportcheck
from gongkai.supervision.models import Indicator, ReportCheck
from tests.factories import AgencyFactory

from .world import report

pytestmark = pytest.mark.django_db
KEYS = ("archive.total", "archive.paper", "archive.electronic")


def _findings(ids: list[int], year: int) -> list[tuple]:
    return sorted(
        (f.agency_id, f.indicator, f.subject, f.detail)
        for f in reportcheck.balance_and_jumps(ids, year)
    )


def _full_check(ids: list[int], year: int) -> list[tuple]:
    """What the check says with nothing kept."""
    ReportCheck.objects.all().delete()
    return _findings(ids, year)


@pytest.fixture
def body():
    """A body whose 2017 report breaks R2014.6 and jumps from 1 to 50 since 2016."""
    agency = AgencyFactory()
    last = report(agency, 2016)
    this = report(agency, 2017)
    services.enter_figures(last, {"archive.total": 1, "archive.paper": 1}, None)
    services.enter_figures(this, {"archive.total": 50, "archive.paper": 3}, None)
    return agency


def _subjects(agency) -> set[str]:
    return {subject for _, _, subject, _ in _findings([agency.pk], 2017)}


def test_an_unchanged_report_is_not_read_again(body):
    first = _findings([body.pk], 2017)
    assert {"R2014.6", "archive.total"} <= {s for _, _, s, _ in first}
    with CaptureQueriesContext(connection) as queries:
        again = _findings([body.pk], 2017)
    assert again == first
    assert not [q for q in queries.captured_queries if "reports_figure" in q["sql"]]


def test_a_figure_written_any_way_is_checked_again(body):
    assert "archive.total" in _subjects(body)
    this = Report.objects.get(agency=body, year=2017)
    services.enter_figures(this, {"archive.total": 3}, None)
    assert _subjects(body) == set()  # 3 = 3 + blank, and 1 → 3 is no jump
    with connection.cursor() as cur:
        cur.execute(
            "UPDATE reports_figure SET value = 40 WHERE report_id = %s AND key = %s",
            [this.pk, "archive.total"],
        )
    assert _subjects(body) == {"R2014.6", "archive.total"}
    Figure.objects.filter(report=this).delete()
    assert _subjects(body) == set()


def test_a_change_to_last_years_report_redoes_the_jumps(body):
    assert "archive.total" in _subjects(body)
    last = Report.objects.get(agency=body, year=2016)
    services.enter_figures(last, {"archive.total": 45, "archive.paper": 45}, None)
    assert "archive.total" not in _subjects(body)
    last.delete()
    assert _subjects(body) == {"R2014.6"}
    replaced = report(body, 2016)
    services.enter_figures(replaced, {"archive.total": 2, "archive.paper": 2}, None)
    assert "archive.total" in _subjects(body)


def test_changed_rules_check_every_report_again(body, settings, monkeypatch):
    assert "archive.total" in _subjects(body)
    settings.GONGKAI_SUPERVISION_JUMP_FACTOR = 100.0
    assert "archive.total" not in _subjects(body)
    settings.GONGKAI_SUPERVISION_JUMP_FACTOR = 3.0
    assert "archive.total" in _subjects(body)
    # While the basis holds, the kept findings are what the check returns ...
    ReportCheck.objects.update(findings=[[Indicator.REPORT_JUMP, "planted", "planted"]])
    assert _subjects(body) == {"planted"}
    # ... and after an upgrade that changed the checks' code, they are not.
    monkeypatch.setattr(reportcheck, "_code", lambda: "the next version")
    assert _subjects(body) == {"R2014.6", "archive.total"}


def test_kept_findings_always_equal_a_full_check():
    """Random writes to figures, formats and reports of two years, each followed by a check
    with what is kept and one with nothing kept."""
    rng = random.Random(13)
    bodies = [AgencyFactory() for _ in range(4)]
    ids = [b.pk for b in bodies]
    for b in bodies:
        for year in (2016, 2017):
            services.enter_figures(report(b, year), {k: rng.randint(0, 30) for k in KEYS}, None)
    for step in range(40):
        body = rng.choice(bodies)
        year = rng.choice((2016, 2017))
        target = Report.objects.filter(agency=body, year=year).first()
        op = rng.choice(("figure", "figure", "raw", "blank", "format", "replace"))
        if target is None or op == "replace":
            Report.objects.filter(agency=body, year=year).delete()
            target = report(body, year)
            services.enter_figures(target, {k: rng.randint(0, 30) for k in KEYS}, None)
        elif op == "figure":
            # Not enter_figures: it refuses keys the report's (changed) format does not have.
            Figure.objects.update_or_create(
                report=target,
                key=rng.choice(KEYS),
                defaults={"value": rng.randint(0, 60), "provenance": "entered"},
            )
        elif op == "raw":
            with connection.cursor() as cur:
                cur.execute(
                    "UPDATE reports_figure SET value = value + 7 WHERE report_id = %s",
                    [target.pk],
                )
        elif op == "blank":
            Figure.objects.filter(report=target, key=rng.choice(KEYS)).delete()
        else:
            fid = "2021" if target.format == "2014" else "2014"
            Report.objects.filter(pk=target.pk).update(format=fid)
        kept = _findings(ids, 2017)
        assert kept == _full_check(ids, 2017), f"step {step}: {op}"
