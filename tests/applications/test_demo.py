"""The demo body's year of requests makes a rich, balanced 2021 report."""

import pytest

from gongkai.agencies.models import Agency
from gongkai.applications import figures
from gongkai.applications.models import Application, Dispute

from .test_figures import check_2014, check_2021

pytestmark = pytest.mark.django_db


def test_the_demo_year_covers_every_outcome_and_passes_every_rule():
    from gongkai.core.demodata import load_all

    load_all(lambda line: None)
    agency = Agency.objects.get(code="zb-zrzyj")
    f = figures.contribute([agency.pk], 2025, "2021")
    check_2021(f)
    from gongkai.reports.validate import validate

    assert validate("2021", f) == []
    assert (
        f["req.new.total"] >= 300
        and f["req.carried.total"] > 0
        and f["req.carry_forward.total"] > 0
    )
    for row in figures.OUTCOME_ROWS:
        assert f[f"req.{row}.total"] > 0, row
    for column in figures.COLUMNS:
        assert f[f"req.new.{column}"] > 0, column
    for block in figures.APPEAL_BLOCKS:
        assert f[f"appeal.{block}.total"] > 0, block
    check_2021(figures.contribute([agency.pk], 2025, "2019"), split_other=False)
    check_2014(figures.contribute([agency.pk], 2025, "2014"))
    seed = Agency.objects.get(code="zbzc-zwfw")
    assert set(figures.contribute([seed.pk], 2017, "2014").values()) == {0}
    assert Application.objects.filter(agency=agency).open().exists()  # a current worklist
    counts = (Application.objects.count(), Dispute.objects.count())
    load_all(lambda line: None)
    assert (Application.objects.count(), Dispute.objects.count()) == counts
