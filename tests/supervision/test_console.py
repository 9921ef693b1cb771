"""The compliance console: one row per body, lateness against the statutory deadline,
filters, sorting, drill-down with rolled-up counts, XLSX export, constant query count."""

import datetime as dt
import io

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from gongkai.agencies.models import AgencyKind, AgencyLevel
from gongkai.reports.models import DeadlineRule, ReportStatus
from gongkai.reports.services import deadline_for
from gongkai.supervision import console
from gongkai.supervision.deadlines import deadline_of
from tests.applications.factories import make_application
from tests.factories import AgencyFactory

from .world import report

YEAR = 2024
URL = "/manage/supervision/"


@pytest.fixture
def town(agency_parent):
    town = AgencyFactory(
        code="town",
        name="测试镇人民政府",
        parent=agency_parent,
        level=AgencyLevel.TOWNSHIP,
        kind=AgencyKind.GOVERNMENT,
    )
    for i in (1, 2):
        AgencyFactory(
            code=f"village-{i}", name=f"测试村{i}", parent=town, level=AgencyLevel.VILLAGE
        )
    return town


@pytest.fixture
def world(agency_parent, agency_a, agency_b, town):
    report(agency_a, YEAR, ReportStatus.PUBLISHED, published=dt.date(YEAR + 1, 1, 20))
    report(agency_parent, YEAR, ReportStatus.DRAFT)
    return agency_parent


def _row(page: str, code: str) -> str:
    start = page.index(f'data-code="{code}"')
    return page[start : page.index("</tr>", start)]


def test_the_console_shows_each_body_with_its_status_and_lateness(
    client_for, supervisor, world, agency_b
):
    page = client_for(supervisor).get(URL, {"year": YEAR}).content.decode()
    assert "按期" in _row(page, "body-a") and "已发布" in _row(page, "body-a")
    days = (timezone.localdate() - dt.date(YEAR + 1, 1, 31)).days
    assert f"逾期 {days} 天" in _row(page, "body-b") and "未开始" in _row(page, "body-b")
    # The government's deadline is 3月31日 (条例 Art. 49), the departments' 1月31日.
    assert f"{YEAR + 1}-03-31" in _row(page, "parent") and "草稿" in _row(page, "parent")


def test_the_deadline_expression_agrees_with_the_report_module(world, agency_a, agency_b, town):
    DeadlineRule.objects.create(agency=town, kind="", month=2, day=20)
    DeadlineRule.objects.create(agency=world, kind=AgencyKind.DEPARTMENT, month=1, day=26)
    for body in [world, agency_a, agency_b, town, *town.subtree(include_self=False)]:
        assert deadline_of(body, YEAR) == deadline_for(body, YEAR), body.code


def test_filters_by_status_and_level(client_for, supervisor, world):
    late = client_for(supervisor).get(URL, {"year": YEAR, "status": "late"}).content.decode()
    assert 'data-code="body-b"' in late and 'data-code="body-a"' not in late
    villages = client_for(supervisor).get(URL, {"year": YEAR, "level": "village"}).content.decode()
    assert 'data-code="village-1"' in villages and 'data-code="body-b"' not in villages


def test_sorting_by_lateness_puts_the_latest_body_first(supervisor, world):
    q = console.Query(world, YEAR, timezone.localdate(), sort="-late")
    codes = [a.code for a in console.rows(q)]
    # Departments' deadline passed 59 days before the governments'; body-a published on time.
    assert codes == ["body-b", "village-1", "village-2", "parent", "town", "body-a"]
    assert codes[-1] == "body-a"


def test_drilling_down_shows_each_regions_rolled_up_counts(client_for, supervisor, world, town):
    make_application(town.children.get(code="village-1"), received=dt.date(YEAR, 3, 1))
    page = client_for(supervisor).get(URL, {"year": YEAR}).content.decode()
    regions = page[page.index('id="regions"') : page.index("</table>", page.index('id="regions"'))]
    town_row = regions[regions.index("测试镇人民政府") :].split("</tr>")[0]
    cells = [c.split("</td>")[0] for c in town_row.split('<td class="num">')[1:]]
    # bodies, published, not started, late, overdue applications, veto findings
    assert cells == ["3", "0", "3", "3", "1", "0"]
    down = client_for(supervisor).get(URL, {"year": YEAR, "under": "town"}).content.decode()
    assert 'data-code="village-1"' in down and 'data-code="body-a"' not in down
    assert "测试区人民政府</a> ›" in down  # the trail leads back up


def test_the_export_is_a_real_workbook_of_the_filtered_rows(client_for, supervisor, world):
    from openpyxl import load_workbook

    response = client_for(supervisor).get(URL, {"year": YEAR, "status": "late", "export": "xlsx"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    ws = load_workbook(io.BytesIO(response.content)).active
    values = list(ws.values)
    assert values[1][:4] == ("机关代码", "机关名称", "层级", "年报状态")
    codes = {r[0] for r in values[2:]}
    assert "body-b" in codes and "body-a" not in codes
    b = next(r for r in values[2:] if r[0] == "body-b")
    assert b[5] == (timezone.localdate() - dt.date(YEAR + 1, 1, 31)).days


def test_overdue_applications_are_counted_per_body(client_for, supervisor, world, agency_b):
    make_application(agency_b, received=dt.date(YEAR, 3, 1))
    make_application(agency_b, received=timezone.localdate())
    q = console.Query(world, YEAR, timezone.localdate())
    row = next(
        r for r in console.materialise(console.rows(q), q.today) if r.agency.code == "body-b"
    )
    assert (row.open_applications, row.overdue_applications) == (2, 1)


def _queries(client, params) -> int:
    cache.clear()  # count the region roll-up too, not its cached copy
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(URL, params).status_code == 200
    return len(ctx.captured_queries)


def test_the_number_of_queries_does_not_grow_with_the_number_of_bodies(
    client_for, supervisor, world, town
):
    client = client_for(supervisor)
    params = {"year": YEAR, "sort": "-overdue"}
    before = _queries(client, params)
    for i in range(30):
        body = AgencyFactory(
            code=f"more-{i}", parent=town if i % 2 else world, level=AgencyLevel.VILLAGE
        )
        report(body, YEAR, ReportStatus.SUBMITTED)
    make_application(town, received=dt.date(YEAR, 3, 1))
    assert _queries(client, params) == before


def test_region_counts_are_kept_a_minute_and_the_page_says_when(
    client_for, supervisor, world, town
):
    client = client_for(supervisor)
    first = client.get(URL, {"year": YEAR}).content.decode()
    assert "区域合计为" in first and "每分钟更新一次" in first
    with CaptureQueriesContext(connection) as ctx:
        client.get(URL, {"year": YEAR})
    assert not any("SUBSTR" in q["sql"].upper() for q in ctx.captured_queries)
    cache.clear()
    with CaptureQueriesContext(connection) as ctx:
        client.get(URL, {"year": YEAR})
    assert any("SUBSTR" in q["sql"].upper() for q in ctx.captured_queries)


def _walk(q, per_page):
    """Every page forwards from the first, then backwards from the last (keyset anchors)."""
    qs = console.rows(q)
    forward, where = [], {}
    while True:
        page, agencies = console.page_of(qs, q, per_page, **where)
        forward.append([a.code for a in agencies])
        if not page.has_next:
            break
        where = {"after": page.last_code, "number": page.next_number}
    backward, where = [], {"last": True}
    while True:
        page, agencies = console.page_of(qs, q, per_page, **where)
        backward.append([a.code for a in agencies])
        if not page.has_previous:
            break
        where = {"before": page.first_code, "number": page.previous_number}
    return forward, backward[::-1], page


@pytest.mark.parametrize("sort", ["name", "-name", "-overdue", "late", "-late", "status", "code"])
def test_keyset_pages_walk_the_whole_table_in_order_both_ways(supervisor, world, town, sort):
    for i in range(7):
        body = AgencyFactory(code=f"k-{i}", parent=town, level=AgencyLevel.VILLAGE)
        if i % 2:
            report(body, YEAR, ReportStatus.SUBMITTED)
        if i % 3 == 0:
            make_application(body, received=dt.date(YEAR, 3, 1))
    q = console.Query(world, YEAR, timezone.localdate(), sort=sort)
    everything = [a.code for a in console.rows(q)]
    assert len(everything) == 13  # ties on the sort column are broken by the path
    forward, backward, first = _walk(q, 3)
    assert [c for p in forward for c in p] == everything
    assert forward == backward  # the last page holds the remainder, so pages line up
    assert [len(p) for p in forward] == [3, 3, 3, 3, 1]
    assert first.number == 1 and first.num_pages == 5


def test_an_anchor_outside_the_filter_gives_the_first_page(supervisor, world):
    q = console.Query(world, YEAR, timezone.localdate(), status="late")
    page, agencies = console.page_of(console.rows(q), q, 50, after="body-a")  # not late
    assert (
        not page.has_previous
        and [a.code for a in agencies][:1] == [a.code for a in console.rows(q)][:1]
    )


def test_the_pager_links_carry_the_edge_bodies(client_for, supervisor, world, town, monkeypatch):
    from gongkai.supervision import views

    monkeypatch.setattr(views, "PER_PAGE", 2)
    client = client_for(supervisor)
    first = client.get(URL, {"year": YEAR}).content.decode()
    codes = [a.code for a in console.rows(console.Query(world, YEAR, timezone.localdate()))]
    assert f"after={codes[1]}" in first and "第 1 / 3 页" in first
    second = client.get(URL, {"year": YEAR, "after": codes[1], "n": 2}).content.decode()
    assert f'data-code="{codes[2]}"' in second and f'data-code="{codes[0]}"' not in second
    assert f"before={codes[2]}" in second and "第 2 / 3 页" in second
    last = client.get(URL, {"year": YEAR, "last": 1}).content.decode()
    assert f'data-code="{codes[-1]}"' in last and "第 3 / 3 页" in last
