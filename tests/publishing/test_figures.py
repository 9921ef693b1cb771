import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from gongkai.publishing import figures, services
from gongkai.publishing.models import ChannelPost, Item, ItemStatus
from tests.publishing.factories import ItemFactory

pytestmark = pytest.mark.django_db

TZ = timezone.get_current_timezone()


def _pub(agency, when, **kw):
    item = ItemFactory(agency=agency, status=ItemStatus.PUBLISHED, published_at=when, **kw)
    ChannelPost.objects.create(item=item, channel="website", posted_at=when)
    return item


def test_an_item_counts_once_however_many_channels_carried_it(agency_a):
    when = dt.datetime(2017, 5, 1, 10, tzinfo=TZ)
    item = _pub(agency_a, when)
    for ch in ("wechat", "weibo", "led", "board"):
        ChannelPost.objects.create(item=item, channel=ch, posted_at=when)
    ChannelPost.objects.create(item=item, channel="wechat", posted_at=when)
    f = figures.contribute([agency_a.pk], 2017, "2014")
    assert f["pub.total"] == 1
    assert (f["pub.website"], f["pub.weibo"], f["pub.wechat"], f["pub.other"]) == (1, 1, 1, 1)


def test_year_bounds_follow_local_time_and_other_years_are_excluded(agency_a):
    _pub(agency_a, dt.datetime(2017, 12, 31, 23, 30, tzinfo=TZ))
    _pub(agency_a, dt.datetime(2018, 1, 1, 0, 10, tzinfo=TZ))
    assert figures.contribute([agency_a.pk], 2017, "2014")["pub.total"] == 1
    assert figures.contribute([agency_a.pk], 2018, "2014")["pub.total"] == 1


def test_drafts_and_other_bodies_do_not_count(agency_a, agency_b):
    when = dt.datetime(2017, 5, 1, tzinfo=TZ)
    _pub(agency_a, when)
    _pub(agency_b, when)
    ItemFactory(agency=agency_a)
    assert figures.contribute([agency_a.pk], 2017, "2014")["pub.total"] == 1
    assert figures.contribute([agency_a.pk, agency_b.pk], 2017, "2014")["pub.total"] == 2


def test_normative_published_and_issued_are_different_things(agency_a):
    when = dt.datetime(2017, 5, 1, tzinfo=TZ)
    _pub(agency_a, when, kind="normative", own_document=False)
    _pub(agency_a, when, kind="normative", own_document=True, formed_on=dt.date(2017, 4, 1))
    _pub(agency_a, when, kind="interpretation")
    f = figures.contribute([agency_a.pk], 2017, "2014")
    assert (f["pub.normative"], f["pub.normative_issued"], f["resp.interpretation"]) == (2, 1, 1)


def test_2021_issued_repealed_and_in_force(agency_a):
    tz = TZ
    _pub(
        agency_a,
        dt.datetime(2019, 3, 1, tzinfo=tz),
        kind="normative",
        formed_on=dt.date(2019, 2, 1),
    )
    _pub(
        agency_a,
        dt.datetime(2018, 3, 1, tzinfo=tz),
        kind="normative",
        formed_on=dt.date(2018, 2, 1),
        validity="repealed",
        repealed_on=dt.date(2021, 6, 1),
    )
    _pub(
        agency_a,
        dt.datetime(2021, 3, 1, tzinfo=tz),
        kind="normative",
        formed_on=dt.date(2021, 2, 1),
    )
    _pub(agency_a, dt.datetime(2021, 3, 1, tzinfo=tz), kind="rule", formed_on=dt.date(2021, 2, 1))
    f = figures.contribute([agency_a.pk], 2021, "2021")
    assert (
        f["pub.normative.issued"],
        f["pub.normative.repealed"],
        f["pub.normative.in_force"],
    ) == (1, 1, 2)
    assert (f["pub.rules.issued"], f["pub.rules.in_force"]) == (1, 1)
    assert "pub.license.decisions" not in f and "pub.fees.amount" not in f


def test_section_two_entries_sum_by_month_and_stay_decimal(agency_a, officer_a):
    services.set_section_two(agency_a, officer_a, 2021, 1, "license.decisions", "12")
    services.set_section_two(agency_a, officer_a, 2021, 2, "license.decisions", "30")
    services.set_section_two(agency_a, officer_a, 2021, 2, "fees.amount", "1.25")
    services.set_section_two(agency_a, officer_a, 2021, 3, "fees.amount", "0.5")
    f = figures.contribute([agency_a.pk], 2021, "2021")
    assert f["pub.license.decisions"] == 42
    assert f["pub.fees.amount"] == Decimal("1.75")
    assert "pub.penalty.decisions" not in f


def test_trial_format_change_may_be_negative_but_counts_may_not(agency_a, officer_a):
    services.set_section_two(agency_a, officer_a, 2019, 0, "license.change", "-8")
    with pytest.raises(services.WorkflowError):
        services.set_section_two(agency_a, officer_a, 2019, 1, "license.decisions", "-1")
    with pytest.raises(services.WorkflowError):
        services.set_section_two(agency_a, officer_a, 2019, 1, "license.decisions", "abc")
    assert figures.contribute([agency_a.pk], 2019, "2019")["pub.license.change"] == -8


def test_it_returns_every_key_once_there_are_records(agency_a, officer_a):
    _pub(agency_a, dt.datetime(2020, 5, 1, tzinfo=TZ), kind="interpretation")
    for key in figures.KEYS["2019"] + figures.KEYS["2021"]:
        if not key.startswith(("pub.rules", "pub.normative")):
            services.set_section_two(agency_a, officer_a, 2020, 0, key.removeprefix("pub."), "1")
    for fmt, keys in figures.KEYS.items():
        assert set(figures.contribute([agency_a.pk], 2020, fmt)) == set(keys)


def test_it_leaves_out_what_it_cannot_know(agency_a):
    assert figures.contribute([agency_a.pk], 2017, "2014") == {}
    _pub(agency_a, dt.datetime(2017, 5, 1, tzinfo=TZ))
    f = figures.contribute([agency_a.pk], 2017, "2014")
    assert f["pub.weibo"] == 0 and "resp.interpretation" not in f


def test_figures_are_one_query_per_source(agency_a, django_assert_max_num_queries):
    for _ in range(5):
        _pub(agency_a, dt.datetime(2017, 5, 1, tzinfo=TZ))
    with django_assert_max_num_queries(2):
        figures.contribute([agency_a.pk], 2017, "2014")


def test_workflow_published_items_count(agency_a, officer_a, leader_a):
    from tests.publishing.helpers import published

    item = published(agency_a, officer_a, leader_a)
    year = timezone.localdate(item.published_at).year
    assert figures.contribute([agency_a.pk], year, "2014")["pub.total"] == Item.objects.count()
