import io

import pytest

from gongkai.publishing import demo, figures
from gongkai.publishing.models import Item
from tests.reports.test_seed import SEED_FIGURES

pytestmark = pytest.mark.django_db

# The seed report's pub.* cells for 2017, which the demo's items reproduce.
SEED_PUB = {k: v for k, v in SEED_FIGURES.items() if k.startswith("pub.")}


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
    assert {k: v for k, v in f.items() if k.startswith("pub.")} == SEED_PUB
    assert all(i.is_demo and "演示数据" in i.body for i in Item.objects.filter(agency=seed_body))
    assert "已存在" in out.getvalue()


def test_the_demo_items_are_searchable(seed_body):
    from gongkai.publishing import search

    demo.load(io.StringIO())
    assert search.search("政务服务").total > 0
