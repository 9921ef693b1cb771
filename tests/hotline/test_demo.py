"""The seed body's 2017 hotline demo: 18,628 tickets, 2,560 topics, and the seed's table still
builds exactly with resp.total / resp.other computed from records."""

import json

import pytest

from gongkai.hotline.stats import period, stats

pytestmark = pytest.mark.django_db


def build_seed_report(capsys) -> dict:
    from gongkai.cli import main

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
    return json.loads(capsys.readouterr().out)


def test_the_2017_demo_feeds_the_seed_report(capsys, client):
    from gongkai.agencies import demo as agencies_demo
    from gongkai.agencies.models import Agency
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
    data = build_seed_report(capsys)
    assert data["figures"] == SEED_FIGURES and data["problems"] == []
    kinds = dict(
        Report.objects.get(agency=centre, year=2017).figures.values_list("key", "provenance")
    )
    assert kinds["resp.total"] == kinds["resp.other"] == Provenance.COMPUTED
    assert kinds["resp.press"] == Provenance.ENTERED  # never used: the seed's blank is kept

    # Changing one ticket's outcome moves no cell: the seed table still matches exactly.
    from gongkai.hotline.models import Ticket

    ticket = Ticket.objects.filter(agency=centre, received_on__year=2017, dispatched=True).first()
    Ticket.objects.filter(pk=ticket.pk).update(satisfaction="dissatisfied")
    assert stats([centre.pk], *period(2017))["satisfaction_rate"] < s["satisfaction_rate"]
    assert build_seed_report(capsys)["figures"] == SEED_FIGURES

    # Every demo ticket's life is in the ledger, chained: its history page shows the steps.
    from gongkai.audit.services import history_for, verify_chain

    reworked = (
        Ticket.objects.filter(
            agency=centre, received_on__year=2017, reworks=1, extended=True
        ).first()
        or Ticket.objects.filter(agency=centre, reworks=1).first()
    )
    actions = [a.rsplit(".", 1)[1] for a in history_for(reworked).values_list("action", flat=True)]
    assert actions[:3] == ["receive", "dispatch", "sign"] and actions[-2:] == ["callback", "close"]
    assert actions.count("reply") == 2 and "rework" in actions
    direct = Ticket.objects.filter(agency=centre, received_on__year=2017, direct=True).first()
    assert [e.action for e in history_for(direct)] == [
        "hotline.ticket.receive",
        "hotline.ticket.answer",
    ]
    result = verify_chain()
    assert result.ok, result.message

    # 留言选登 of the demo: listed, paginated, and free of personal data.
    from gongkai.hotline.models import PublicReply
    from tests.privacy import assert_no_personal_data

    assert PublicReply.objects.filter(agency=centre).count() == 30
    listing = client.get("/xxgk/zbzc-zwfw/rx/xd/")
    assert listing.status_code == 200 and "第 1 / 2 页" in listing.content.decode()
    for reply in PublicReply.objects.filter(agency=centre)[:5]:
        html = client.get(f"/xxgk/zbzc-zwfw/rx/xd/{reply.pk}/").content.decode()
        assert reply.answer in html and reply.ticket.phone not in html
        assert_no_personal_data(html, "rx/xd")
