"""The public column a website inspection expects: a body's home page with search and its
latest items, search by 索引号/文号 and by body name, footer facts from settings, robots.txt,
the root sitemap, favicon, kiosk pages that stay in the kiosk, dates in Asia/Shanghai."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from gongkai.publishing.models import Item
from gongkai.reports.models import Report, ReportStatus
from tests.publishing.helpers import published

pytestmark = pytest.mark.django_db


@pytest.fixture
def item(agency_a, officer_a, leader_a):
    agency_a.uscc = "11370306999999998N"  # the 索引号 prefix
    agency_a.save(update_fields=["uscc"])
    return published(
        agency_a,
        officer_a,
        leader_a,
        title="关于做好政务公开工作的通知",
        document_number="周政办发〔2026〕7号",
        kind="normative",
    )


def html(url: str, **params) -> str:
    response = Client().get(url, params)
    assert response.status_code == 200, url
    return response.content.decode()


def test_a_body_home_has_a_search_box_for_its_items_and_its_latest_items(item):
    page = html("/xxgk/body-a/")
    assert 'name="q"' in page and 'name="agency" value="body-a"' in page
    assert "最新信息" in page and item.title in page
    assert "/xxgk/body-a/zn/" in page  # the 指南 column goes to the guide page


def test_search_finds_an_item_by_its_index_number(item):
    assert item.index_number
    page = html("/xxgk/search/", q=item.index_number.lower())
    assert "按索引号或文号找到" in page and item.title in page


def test_search_finds_an_item_by_its_document_number_typed_with_square_brackets(item):
    page = html("/xxgk/search/", q="周政办发[2026]7号")
    assert "按索引号或文号找到" in page and item.title in page
    assert "按索引号或文号找到" not in html("/xxgk/search/", q="周政办发[2026]8号")


def test_search_takes_the_body_by_name_and_every_filter_has_a_visible_label(item, agency_b):
    page = html("/xxgk/search/", q="政务公开", agency="测试区甲局")
    assert f"索引号 {item.index_number}" in page
    for label in ("关键词、索引号或文号", "发布机关", "公开目录", "信息类型", "年份", "排序"):
        assert f">{label}</label>" in page
    assert item.index_number not in html("/xxgk/search/", q="政务公开", agency="测试区乙局")
    assert "未找到该机关" in html("/xxgk/search/", q="政务公开", agency="不存在的局")


def test_the_body_type_ahead_returns_names_containing_the_typed_text(agency_a, agency_b):
    data = Client().get("/xxgk/agencies.json", {"q": "甲"}).json()
    assert data == {"items": [{"code": "body-a", "name": "测试区甲局"}]}
    assert Client().get("/xxgk/agencies.json").json() == {"items": []}


def test_the_footer_shows_the_deployments_filing_numbers_and_mark(agency_a, settings):
    settings.GONGKAI_SITE_FOOTER = {
        **settings.GONGKAI_SITE_FOOTER,
        "sponsor": "周村区人民政府办公室",
        "phone": "0533-6180000",
        "site_code": "3703060001",
        "icp": "鲁ICP备05000000号",
        "psb": "鲁公网安备 37030602000001号",
        "psb_code": "37030602000001",
        "dzjg_url": "https://bszs.conac.cn/sitename?method=show&id=1",
    }
    page = html("/xxgk/body-a/")
    for text in ("主办单位：周村区人民政府办公室", "网站标识码：3703060001", "鲁ICP备05000000号",
                 "鲁公网安备 37030602000001号", 'alt="党政机关"', "网站地图", "联系我们"):  # fmt: skip
        assert text in page
    assert "0533-6180000" in html("/xxgk/lxwm/")


def test_without_a_registry_link_the_party_government_mark_is_not_shown(agency_a):
    assert "党政机关" not in html("/xxgk/body-a/")


def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_out_of_staff_pages():
    body = html("/robots.txt")
    assert "Disallow: /manage/" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body


def test_the_root_sitemap_indexes_every_kind_of_public_page(item):
    index = html("/sitemap.xml")
    for section in ("site", "agencies", "items", "reports"):
        assert f"/sitemap-{section}.xml" in index
    agencies = html("/sitemap-agencies.xml")
    for path in ("/xxgk/body-a/", "/xxgk/body-a/zn/", "/xxgk/body-a/ndbg/", "/xxgk/parent/"):
        assert f"http://testserver{path}<" in agencies
    assert f"http://testserver{item.get_absolute_url()}<" in html("/sitemap-items.xml")
    assert "http://testserver/xxgk/wzdt/<" in html("/sitemap-site.xml")


def test_the_sitemap_also_lists_category_pages_tracking_and_published_hotline_replies(
    item, agency_a, officer_a, reviewer_a
):
    from gongkai.hotline.services import TICKET
    from gongkai.publishing.models import Scheme, Term
    from tests.hotline.test_selection import PUBLIC, answered

    term = Term.objects.filter(scheme=Scheme.CATEGORY).first()
    Item.objects.filter(pk=item.pk).update(category=term)
    ticket = answered(agency_a, officer_a)
    TICKET.run("publish", ticket, PUBLIC, actor=reviewer_a)
    reply = ticket.public_reply
    index = html("/sitemap.xml")
    assert "/sitemap-categories.xml" in index and "/sitemap-hotline.xml" in index
    categories = html("/sitemap-categories.xml")
    assert f"http://testserver/xxgk/body-a/fdzdgknr/{term.code}/<" in categories
    assert categories.count("<url>") == 1  # only categories that have something published
    hotline = html("/sitemap-hotline.xml")
    assert "http://testserver/xxgk/body-a/rx/xd/<" in hotline
    assert f"http://testserver/xxgk/body-a/rx/xd/{reply.pk}/<" in hotline
    assert "http://testserver/xxgk/body-a/ysqgk/cx/<" in html("/sitemap-agencies.xml")
    reply.withdrawn = True
    reply.save(update_fields=["withdrawn"])
    assert f"/rx/xd/{reply.pk}/" not in html("/sitemap-hotline.xml")


def test_breadcrumbs_start_the_same_way_on_every_public_page_type(
    item, agency_a, officer_a, reviewer_a
):
    """政府信息公开 › the body (once) › the page, marked as the current one."""
    from selectolax.lexbor import LexborHTMLParser

    from gongkai.hotline.services import TICKET
    from tests.hotline.test_selection import PUBLIC, answered

    ticket = answered(agency_a, officer_a)
    TICKET.run("publish", ticket, PUBLIC, actor=reviewer_a)
    body = [
        "",
        "gk/",
        "zn/",
        "zd/",
        "fdzdgknr/",
        "ndbg/",
        "ysqgk/",
        "ysqgk/cx/",
        "rx/",
        "rx/cx/",
        "rx/xd/",
        f"rx/xd/{ticket.public_reply.pk}/",
        f"art/{item.pk}/",
    ]
    for url in [f"/xxgk/body-a/{p}" for p in body] + ["/xxgk/search/", "/xxgk/wzdt/"]:
        nav = LexborHTMLParser(html(url)).css_first("nav.breadcrumbs")
        words = nav.text(separator=" ").split()
        assert words[0] == "政府信息公开", (url, words)
        in_body = url.startswith("/xxgk/body-a/")
        assert words.count("测试区甲局") == (1 if in_body else 0), (url, words)
        if url != "/xxgk/body-a/":
            assert nav.css_first("[aria-current=page]") is not None, url


def test_there_is_a_favicon():
    response = Client().get("/favicon.ico")
    assert response.status_code == 200 and response["Content-Type"] == "image/x-icon"
    assert b"".join(response.streaming_content)[:4] == b"\x00\x00\x01\x00"


def test_the_site_map_page_lists_each_body_column(agency_a):
    page = html("/xxgk/wzdt/")
    assert "/xxgk/parent/zn/" in page and "/xxgk/body-a/ndbg/" in page


def test_the_kiosk_item_page_stays_in_the_kiosk(item):
    home = html("/xxgk/body-a/kiosk/")
    assert f"/xxgk/body-a/kiosk/art/{item.pk}/" in home
    page = html(f"/xxgk/body-a/kiosk/art/{item.pk}/")
    assert item.title in page and "data-kiosk-back" in page and 'data-idle-seconds="' in page
    assert "/manage/" not in page and "工作人员" not in page
    hrefs = [part.split('"', 1)[0] for part in page.split('href="')[1:]]
    assert all(h.startswith(("/xxgk/body-a/kiosk/", "/static/")) for h in hrefs), hrefs
    assert "/manage/" not in html("/xxgk/body-a/kiosk/list/")


def test_led_dates_are_local_and_carry_the_year_only_when_it_is_not_this_year(item):
    # 2025-12-31 17:30 UTC is 2026-01-01 01:30 in Asia/Shanghai.
    Item.objects.filter(pk=item.pk).update(
        published_at=dt.datetime(2025, 12, 31, 17, 30, tzinfo=dt.UTC)
    )
    from gongkai.publishing import pagecache

    with time_machine.travel(dt.datetime(2026, 6, 1, 4, tzinfo=dt.UTC)):
        pagecache.forget()
        assert html("/xxgk/body-a/led.txt").startswith("01-01 ")
        assert Client().get("/xxgk/body-a/led.json").json()["items"][0]["date"] == "2026-01-01"
    with time_machine.travel(dt.datetime(2027, 2, 1, 4, tzinfo=dt.UTC)):
        pagecache.forget()
        assert html("/xxgk/body-a/led.txt").startswith("2026-01-01 ")


def _publish_report(agency, year: int) -> Report:
    return Report.objects.create(
        agency=agency,
        year=year,
        format="2021",
        status=ReportStatus.PUBLISHED,
        published_at=timezone.now(),
    )


def test_a_published_report_appears_in_the_report_column_of_home_and_overview(agency_a):
    _publish_report(agency_a, 2025)
    title = "测试区甲局2025年政府信息公开工作年度报告"
    for url in ("/xxgk/body-a/", "/xxgk/body-a/gk/"):
        assert title in html(url) and "/xxgk/body-a/ndbg/2025/" in html(url)


def test_the_report_page_says_a_missed_deadline_is_late(agency_a):
    with time_machine.travel(dt.datetime(2026, 11, 1, 4, tzinfo=dt.UTC)):
        page = html("/xxgk/body-a/ndbg/")
    assert "2025 年度报告应于 2026年1月31日前发布，至今尚未发布，已逾期 274 天" in page
    with time_machine.travel(dt.datetime(2026, 1, 10, 4, tzinfo=dt.UTC)):
        page = html("/xxgk/body-a/ndbg/")
    assert "法定发布期限：2026年1月31日前（尚未发布）" in page and "逾期" not in page


def test_a_report_published_after_its_deadline_is_said_to_be_late(agency_a):
    report = _publish_report(agency_a, 2025)
    for published_at, today, expected in (
        (dt.datetime(2026, 1, 20, 2, tzinfo=dt.UTC), dt.datetime(2026, 3, 1, 4, tzinfo=dt.UTC), ""),
        (
            dt.datetime(2026, 3, 2, 2, tzinfo=dt.UTC),
            dt.datetime(2026, 4, 1, 4, tzinfo=dt.UTC),
            "30",
        ),
    ):
        Report.objects.filter(pk=report.pk).update(published_at=published_at)
        with time_machine.travel(today):
            page = html("/xxgk/body-a/ndbg/")
        if expected:
            assert (
                "2025 年度报告于 2026年3月2日发布，晚于法定发布期限（2026年1月31日前），"
                f"逾期 {expected} 天" in page
            )
        else:
            assert "2025 年度报告已于 2026年1月20日发布（法定发布期限：2026年1月31日前）" in page
            assert "逾期" not in page


def test_xxgk_shows_the_region_tree_with_each_regions_report_list(agency_a, agency_b):
    page = html("/xxgk/")
    assert page.index("测试区人民政府") < page.index("部门") < page.index("测试区甲局")
    assert "全区各单位" in page


def test_a_regions_report_list_covers_the_bodies_below_it(agency_a, agency_b):
    _publish_report(agency_a, 2025)
    page = html("/xxgk/parent/ndbg/gdw/2025/")
    assert "全区各单位2025年度报告" in page
    assert "测试区甲局2025年政府信息公开工作年度报告" in page
    assert "共 3 个单位，已发布 2025 年度报告 1 份" in page
    assert "测试区甲局2025年" not in html("/xxgk/body-b/ndbg/gdw/2025/")
