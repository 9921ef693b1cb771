"""The kept roll-up sums: read instead of the figures while nothing below changed, and never
served stale, whichever way the reports, their figures or the tree change."""

import zipfile
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gongkai.cli import main
from gongkai.reports import rollup_cache, services
from gongkai.reports.models import Figure, Report, ReportStatus, RollupCache
from tests.factories import AgencyFactory, UserFactory

pytestmark = pytest.mark.django_db
DEV = Path(__file__).parent / "data" / "reports-dev"
KEY = "archive.total"


@pytest.fixture(autouse=True)
def keep_every_subtree(monkeypatch):
    monkeypatch.setattr(rollup_cache, "MIN_REPORTS", 1)


@pytest.fixture
def officer():
    return UserFactory(username="officer")


def _report(agency, value, year=2017, status=ReportStatus.DRAFT):
    r = Report.objects.create(agency=agency, year=year, format="2014", status=status)
    if value is not None:
        Figure.objects.create(report=r, key=KEY, value=value, provenance="entered")
    return r


def _total(agency, year=2017, key=KEY):
    return services.rollup(agency, year).figures.get(key)


def _direct(agency, year=2017, fid="2014"):
    """The sums aggregated from the figures themselves, bypassing anything kept."""
    subtree = agency.subtree().filter(is_active=True)
    reports = Report.objects.filter(agency__in=subtree.values("pk"), year=year, format=fid)
    return rollup_cache.summed(reports)


def test_a_second_roll_up_reads_the_kept_sums_and_not_the_figures(
    agency_parent, agency_a, agency_b
):
    _report(agency_a, 3)
    _report(agency_b, 5)
    assert _total(agency_parent) == 8
    assert RollupCache.objects.filter(agency=agency_parent, year=2017, format="2014").exists()
    with CaptureQueriesContext(connection) as queries:
        again = services.rollup(agency_parent, 2017)
    assert again.figures[KEY] == 8
    assert not [q for q in queries if "reports_figure" in q["sql"]]


def test_small_subtrees_are_summed_directly_and_nothing_is_kept(
    monkeypatch, agency_parent, agency_a
):
    monkeypatch.setattr(rollup_cache, "MIN_REPORTS", 200)
    _report(agency_a, 3)
    assert _total(agency_parent) == 3
    assert not RollupCache.objects.exists()


def test_figures_entered_after_the_sums_were_kept_are_summed(
    agency_parent, agency_a, agency_b, officer
):
    r = _report(agency_a, 3)
    _report(agency_b, 5)
    assert _total(agency_parent) == 8
    services.enter_figures(r, {KEY: 10}, officer)
    assert _total(agency_parent) == 15
    services.enter_figures(r, {KEY: None}, officer)  # blanked: no longer counted
    assert _total(agency_parent) == 5


def test_figures_written_in_raw_sql_are_seen(agency_parent, agency_a):
    r = _report(agency_a, 3)
    assert _total(agency_parent) == 3
    with connection.cursor() as cursor:  # as a script or a bulk load would
        cursor.execute(
            "UPDATE reports_figure SET value = 9 WHERE report_id = %s AND key = %s", [r.pk, KEY]
        )
    assert _total(agency_parent) == 9
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM reports_figure WHERE report_id = %s", [r.pk])
    assert _total(agency_parent) is None


def test_a_stale_copy_of_the_report_saved_later_does_not_revive_the_old_sums(
    agency_parent, agency_a, officer
):
    r = _report(agency_a, 3)
    stale = Report.objects.get(pk=r.pk)
    assert _total(agency_parent) == 3
    services.enter_figures(r, {KEY: 7}, officer)
    stale.sections = [["一、总体情况", "修改正文"]]
    stale.save()  # a whole-row save of a copy read before the figures changed
    assert _total(agency_parent) == 7


def test_new_moved_deactivated_and_deleted_bodies_change_the_sums(
    agency_parent, agency_a, agency_b
):
    other = AgencyFactory(code="other", name="另一区人民政府")
    _report(agency_a, 3)
    _report(agency_b, 5)
    assert _total(agency_parent) == 8
    newcomer = AgencyFactory(code="new", name="测试区丙局", parent=agency_parent)
    late = _report(newcomer, 2)
    assert _total(agency_parent) == 10
    agency_b.parent = other
    agency_b.save()
    assert (_total(agency_parent), _total(other)) == (5, 5)
    agency_a.is_active = False
    agency_a.save()
    assert _total(agency_parent) == 2
    late.delete()
    assert _total(agency_parent) is None


def test_a_swap_of_bodies_with_equal_count_and_id_sum_is_still_seen(agency_parent):
    # Out: the reports with ids a and d; in: b and c, where a + d == b + c.
    bodies = [AgencyFactory(code=f"s{i}", name=f"测试区{i}局") for i in range(4)]
    reports = [_report(b, v) for b, v in zip(bodies, (1, 10, 100, 1000), strict=True)]
    ids = [r.pk for r in reports]
    assert ids[0] + ids[3] == ids[1] + ids[2]  # consecutive ids
    for i in (0, 3):
        bodies[i].parent = agency_parent
        bodies[i].save()
    assert _total(agency_parent) == 1001
    for i, parent in ((0, None), (3, None), (1, agency_parent), (2, agency_parent)):
        bodies[i].parent = parent
        bodies[i].save()
    assert _total(agency_parent) == 110


def test_figures_imported_from_files_are_summed(agency_parent, tmp_path, capsys):
    huaian = AgencyFactory(code="huaian", name="淮安市人民政府", parent=agency_parent)
    UserFactory(username="importer")
    Report.objects.create(agency=huaian, year=2024, format="2021")
    assert all(v is None for v in services.rollup(agency_parent, 2024).figures.values())
    path = tmp_path / "r.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("dev-01.txt", (DEV / "dev-01.txt").read_bytes())
    with pytest.raises(SystemExit):
        main(["report", "import", str(path), "--under", agency_parent.code, "--user", "importer"])
    capsys.readouterr()
    rolled = services.rollup(agency_parent, 2024).figures
    direct = _direct(agency_parent, 2024, "2021")
    assert any(v for v in direct.values())  # the import did store figures
    fmt_keys = [k for k, v in direct.items() if v is not None]
    assert all(float(rolled[k]) == float(direct[k]) for k in fmt_keys)


def test_random_changes_never_leave_a_stale_sum(agency_parent, officer):
    import random

    rng = random.Random(13)
    bodies = [
        AgencyFactory(code=f"r{i}", name=f"随机{i}局", parent=agency_parent) for i in range(6)
    ]
    reports = {}
    for step in range(40):
        body = rng.choice(bodies)
        op = rng.choice(("enter", "enter", "create", "move", "toggle"))
        if op == "create" and body.pk not in reports:
            reports[body.pk] = _report(body, rng.randint(0, 9))
        elif op == "enter" and body.pk in reports:
            services.enter_figures(reports[body.pk], {KEY: rng.randint(0, 9)}, officer)
        elif op == "move":
            body.parent = rng.choice([agency_parent, bodies[0] if body != bodies[0] else None])
            body.save()
        elif op == "toggle":
            body.is_active = not body.is_active
            body.save()
        rolled = services.rollup(agency_parent, 2017).figures[KEY]
        assert rolled == _direct(agency_parent).get(KEY), f"step {step}: {op}"
