"""The write generation: database triggers raise it for every committed transaction that
writes bodies, reports or figures, and a roll-up kept at the current generation is read
without touching the reports or figures below it."""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from gongkai.reports import rollup_cache, services
from gongkai.reports.models import Figure, Report, RollupCache, RollupGeneration
from tests.factories import AgencyFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)
KEY = "archive.total"


@pytest.fixture
def tree(monkeypatch):
    monkeypatch.setattr(rollup_cache, "MIN_REPORTS", 1)
    # A flush between transactional tests empties the table the migration seeded.
    RollupGeneration.objects.get_or_create(pk=1)
    root = AgencyFactory(code="root", name="测试市人民政府")
    bodies = [AgencyFactory(code=f"b{i}", name=f"测试市{i}局", parent=root) for i in range(3)]
    for i, body in enumerate(bodies):
        r = Report.objects.create(agency=body, year=2017, format="2014")
        Figure.objects.create(report=r, key=KEY, value=i + 1, provenance="entered")
    return root, bodies


def _gen() -> int:
    return RollupGeneration.objects.get(pk=1).value


def test_each_committed_writing_transaction_raises_the_generation(tree):
    root, bodies = tree
    before = _gen()
    with transaction.atomic():
        r = Report.objects.get(agency=bodies[0])
        Figure.objects.filter(report=r).update(value=10)
        Figure.objects.create(report=r, key="meetings.count", value=1, provenance="entered")
        if connection.vendor == "postgresql":
            assert _gen() == before  # raised at COMMIT, not before
    after = _gen()
    # PostgreSQL bumps once per transaction; SQLite at every row written (figures and the
    # report revisions they raise).
    if connection.vendor == "postgresql":
        assert after == before + 1
    else:
        assert after > before
    with transaction.atomic():
        Report.objects.filter(pk=r.pk).update(revision=0)
        transaction.set_rollback(True)
    assert _gen() == after  # a rolled-back write raises nothing


def test_a_roll_up_kept_at_this_generation_reads_no_report_and_no_figure(tree):
    root, _ = tree
    assert services.rollup(root, 2017).figures[KEY] == 6
    kept = RollupCache.objects.get(agency=root)
    assert kept.generation == _gen()
    with CaptureQueriesContext(connection) as queries:
        again = services.rollup(root, 2017)
    assert (again.figures[KEY], again.bodies, again.reported) == (6, 4, 3)
    touched = [q["sql"] for q in queries if "reports_report" in q["sql"]]
    touched += [q["sql"] for q in queries if "reports_figure" in q["sql"]]
    assert not touched
    assert len(queries) == 2  # the generation and the kept row


def test_writes_committed_later_are_seen_whoever_made_them(tree):
    root, bodies = tree
    services.rollup(root, 2017)
    r = Report.objects.get(agency=bodies[1])
    services.enter_figures(r, {KEY: 20}, UserFactory(username="officer"))
    assert services.rollup(root, 2017).figures[KEY] == 24
    with connection.cursor() as cursor:  # a script, outside every service
        cursor.execute("UPDATE reports_figure SET value = value + 100 WHERE key = %s", [KEY])
    assert services.rollup(root, 2017).figures[KEY] == 324
    moved = bodies[2]
    moved.parent = None
    moved.save()
    rolled = services.rollup(root, 2017)
    assert (rolled.figures[KEY], rolled.bodies) == (221, 3)


def test_a_transaction_sees_its_own_writes_before_it_commits(tree):
    root, bodies = tree
    services.rollup(root, 2017)
    with transaction.atomic():
        Figure.objects.filter(report__agency=bodies[0], key=KEY).update(value=50)
        assert services.rollup(root, 2017).figures[KEY] == 55
    assert services.rollup(root, 2017).figures[KEY] == 55


def test_a_basis_that_still_holds_is_stamped_with_the_new_generation(tree):
    root, _ = tree
    services.rollup(root, 2017)
    AgencyFactory(code="other", name="另一市人民政府")  # a write outside the subtree
    assert RollupCache.objects.get(agency=root).generation < _gen()
    with CaptureQueriesContext(connection) as queries:
        services.rollup(root, 2017)
    assert not [q for q in queries if "reports_figure" in q["sql"]]  # the basis held
    assert RollupCache.objects.get(agency=root).generation == _gen()
