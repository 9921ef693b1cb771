import io

import pytest

from gongkai.publishing import demo, figures
from gongkai.publishing.models import Item

pytestmark = pytest.mark.django_db


@pytest.fixture
def seed_body(db):
    from gongkai.agencies.models import Agency

    return Agency.objects.filter(code=demo.SEED_AGENCY).first() or Agency.objects.create(
        code=demo.SEED_AGENCY, name="周村区政务服务中心管理办公室"
    )


def test_the_demo_reproduces_the_seed_reports_pub_figures(seed_body):
    out = io.StringIO()
    demo.load(out)
    demo.load(out)  # idempotent
    assert Item.objects.filter(agency=seed_body).count() == 204
    f = figures.contribute([seed_body.pk], 2017, "2014")
    assert {k: v for k, v in f.items() if k.startswith("pub.")} == {
        "pub.total": 204,
        "pub.normative": 5,
        "pub.normative_issued": 0,
        "pub.website": 204,
        "pub.weibo": 0,
        "pub.wechat": 61,
        "pub.other": 0,
    }
    assert all(i.is_demo and "演示数据" in i.body for i in Item.objects.filter(agency=seed_body))
    assert "已存在" in out.getvalue()


def test_the_demo_items_are_searchable(seed_body):
    from gongkai.publishing import search

    demo.load(io.StringIO())
    assert search.search("政务服务").total > 0


def test_the_report_engine_takes_the_2017_pub_figures_from_these_records(db):
    from gongkai.agencies.models import Agency
    from gongkai.core.demodata import load_all
    from gongkai.reports.compute import compute

    load_all(lambda *_: None)
    seed = Agency.objects.get(code=demo.SEED_AGENCY)
    computed = compute([seed.pk], 2017, "2014")
    assert {
        k: v for k, (v, module) in computed.items() if module == "gongkai.publishing.figures"
    } == {
        "pub.total": 204,
        "pub.normative": 5,
        "pub.normative_issued": 0,
        "pub.website": 204,
        "pub.weibo": 0,
        "pub.wechat": 61,
        "pub.other": 0,
    }
