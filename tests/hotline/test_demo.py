"""The seed body's 2017 hotline demo: 18,628 tickets, 2,560 topics, and the seed's table still
builds exactly with resp.total / resp.other computed from records."""

import json

import pytest

from gongkai.hotline.stats import period, stats

pytestmark = pytest.mark.django_db


def test_the_2017_demo_feeds_the_seed_report(capsys):
    from gongkai.agencies import demo as agencies_demo
    from gongkai.agencies.models import Agency
    from gongkai.cli import main
    from gongkai.hotline import demo as hotline_demo
    from gongkai.reports import demo as reports_demo
    from gongkai.reports.models import Provenance, Report
    from tests.reports.test_seed import SEED_FIGURES

    agencies_demo.load(lambda s: None)
    hotline_demo.load(lambda s: None)
    hotline_demo.load(lambda s: None)  # idempotent
    reports_demo.load(lambda s: None)
    centre = Agency.objects.get(code="zbzc-zwfw")
    s = stats([centre.pk], *period(2017))
    assert s["received"] == 18628
    assert sum(s["by_channel"].values()) == sum(s["by_type"].values()) == 18628
    assert 0.3 < s["direct_rate"] < 0.5 and 0.95 < s["on_time_sign_rate"] < 1
    assert 0.9 < s["satisfaction_rate"] < 1 and 0.9 < s["on_time_close_rate"] < 1
    with pytest.raises(SystemExit) as exc:
        main(
            [
                "report",
                "build",
                "--agency",
                "周村区政务服务中心管理办公室",
                "--year",
                "2017",
                "--format",
                "2014",
                "--json",
            ]
        )
    assert exc.value.code == 0
    data = json.loads(capsys.readouterr().out)
    assert data["figures"] == SEED_FIGURES and data["problems"] == []
    kinds = dict(
        Report.objects.get(agency=centre, year=2017).figures.values_list("key", "provenance")
    )
    assert kinds["resp.total"] == kinds["resp.other"] == Provenance.COMPUTED
    assert kinds["resp.press"] == Provenance.ENTERED  # never used: the seed's blank is kept
