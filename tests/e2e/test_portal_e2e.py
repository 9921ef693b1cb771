"""The public column in chromium, on a desktop and on a 390-px phone: every public page type
passes axe-core (WCAG 2.1 A and AA) with no violation and shows no internal name; the metadata
table fits the phone also in 大字版; the body filter suggests names as one types; the kiosk keeps
its visitor inside. Screenshots of each page are saved for the user guide and review."""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings as django_settings
from django.utils import timezone

from gongkai.agencies.models import ReadingPoint
from gongkai.publishing.models import KioskEntry, Term
from gongkai.publishing.vocab import default_terms
from gongkai.reports.models import Report, ReportStatus
from tests.publishing.helpers import published

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ARTIFACTS = Path(
    os.environ.get("GONGKAI_E2E_ARTIFACTS", django_settings.BASE_DIR / "var" / "e2e-artifacts")
)
WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "mobile": {"width": 390, "height": 844}}
# `app.model.action` (not a domain name) and untranslated Django defaults.
INTERNAL_NAME = re.compile(r"(?<![\w@/.-])[a-z_]+\.[a-z_]+\.[a-z_]+(?![\w.-])")
DOMAIN_END = (".cn", ".com", ".net", ".org")
DJANGO_DEFAULTS = ("This field", "Enter a valid", "该变量", "This value", "Ensure this value")

_axe = Axe()


@pytest.fixture
def column(agency_parent, agency_a, agency_b, officer_a, leader_a):
    agency_a.uscc = "11370306999999998N"
    agency_a.address = "测试路8号"
    agency_a.save(update_fields=["uscc", "address"])
    ReadingPoint.objects.create(agency=agency_a, name="政务大厅查阅点", address="测试路8号")
    KioskEntry.objects.create(
        agency=agency_a, kind="guide", title="营业执照办理", detail="带身份证"
    )
    KioskEntry.objects.create(agency=agency_a, kind="phone", title="综合窗口", phone="0533-6000009")
    # An earlier transactional test emptied the tables, migration data included.
    if not Term.objects.exists():
        Term.objects.bulk_create(
            Term(scheme=scheme, code=code, name=name, order=order)
            for scheme, code, name, order in default_terms()
        )
    category = Term.objects.get(scheme="category", code="20-01")
    item = published(
        agency_a,
        officer_a,
        leader_a,
        title="关于做好政务公开工作的通知",
        document_number="周政办发〔2026〕7号",
        kind="normative",
        category=category,
        keywords="政务公开；通知",
        summary="部署年度政务公开重点工作。",
    )
    Report.objects.create(
        agency=agency_a,
        year=2025,
        format="2021",
        status=ReportStatus.PUBLISHED,
        published_at=timezone.now() - dt.timedelta(days=1),
    )
    return item


def public_pages(item) -> dict[str, str]:
    code = item.agency.code
    return {
        "column-root": "/xxgk/",
        "body-home": f"/xxgk/{code}/",
        "body-overview": f"/xxgk/{code}/gk/",
        "guide": f"/xxgk/{code}/zn/",
        "rules": f"/xxgk/{code}/zd/",
        "catalogue": f"/xxgk/{code}/fdzdgknr/",
        "category": f"/xxgk/{code}/fdzdgknr/20-01/",
        "item": item.get_absolute_url(),
        "search": "/xxgk/search/?q=政务公开",
        "search-number": "/xxgk/search/?q=周政办发[2026]7号",
        "reports": f"/xxgk/{code}/ndbg/",
        "report": f"/xxgk/{code}/ndbg/2025/",
        "region-reports": "/xxgk/parent/ndbg/gdw/2025/",
        "apply": f"/xxgk/{code}/ysqgk/",
        "track": f"/xxgk/{code}/ysqgk/cx/",
        "site-map": "/xxgk/wzdt/",
        "contact": "/xxgk/lxwm/",
        "kiosk": f"/xxgk/{code}/kiosk/",
        "kiosk-item": f"/xxgk/{code}/kiosk/art/{item.pk}/",
        "not-found": "/xxgk/no-such-body/",
    }


def _context(browser, live_server, viewport: str):
    # bypass_csp: axe is injected by the test, not by the page.
    return browser.new_context(
        base_url=live_server.url, locale="zh-CN", viewport=VIEWPORTS[viewport], bypass_csp=True
    )


def internal_names(text: str) -> list[str]:
    found = [m for m in INTERNAL_NAME.findall(text) if not m.endswith(DOMAIN_END)]
    found += [d for d in DJANGO_DEFAULTS if d in text]
    found += re.findall(r"^#\d+\b", text, flags=re.M)
    return found


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_every_public_page_type_passes_axe_and_shows_no_internal_name(
    browser, live_server, column, viewport
):
    context = _context(browser, live_server, viewport)
    page = context.new_page()
    out = ARTIFACTS / viewport
    out.mkdir(parents=True, exist_ok=True)
    failures = {}
    for name, url in public_pages(column).items():
        page.goto(url)
        page.screenshot(path=str(out / f"{name}.png"), full_page=True)
        results = _axe.run(page, options=WCAG)
        if results.violations_count:
            failures[name] = results.generate_report()
        names = internal_names(page.inner_text("body") + "\n" + page.title())
        assert not names, (name, names)
        if viewport == "mobile":
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= VIEWPORTS["mobile"]["width"], (name, width)
    context.close()
    assert not failures, "\n\n".join(f"{k}:\n{v}" for k, v in failures.items())


def test_the_metadata_table_fits_a_phone_in_large_text(browser, live_server, column):
    context = _context(browser, live_server, "mobile")
    page = context.new_page()
    page.goto(column.get_absolute_url())
    page.get_by_role("button", name="大字版").click()
    assert page.evaluate("document.documentElement.classList.contains('large-text')")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    box = page.locator("table.pub-meta").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    # Label and value sit side by side, not squeezed into four columns.
    label = page.locator("table.pub-meta th", has_text="索引号").bounding_box()
    value = page.locator("table.pub-meta td.index-number").bounding_box()
    assert value["x"] > label["x"] and value["width"] > 150
    page.screenshot(path=str(ARTIFACTS / "mobile" / "item-large-text.png"), full_page=True)
    context.close()


def test_the_body_filter_suggests_names_and_finds_by_document_number(browser, live_server, column):
    context = _context(browser, live_server, "desktop")
    page = context.new_page()
    page.goto("/xxgk/search/")
    field = page.get_by_label("发布机关")
    field.press_sequentially("甲局", delay=50)
    options = page.locator("#s-agency-options option")
    options.first.wait_for(state="attached")
    assert options.evaluate_all("os => os.map(o => o.value)") == ["测试区甲局"]
    field.fill("测试区甲局")
    page.get_by_label("关键词、索引号或文号").fill("周政办发[2026]7号")
    page.get_by_role("button", name="检索").click()
    exact = page.locator("section.exact")
    assert "关于做好政务公开工作的通知" in exact.inner_text()
    exact.get_by_role("link").first.click()
    assert page.locator("h1").inner_text() == "关于做好政务公开工作的通知"
    context.close()


def test_the_kiosk_keeps_its_visitor_inside_and_returns_home_when_idle(
    browser, live_server, column
):
    context = _context(browser, live_server, "desktop")
    page = context.new_page()
    page.clock.install()
    home = f"/xxgk/{column.agency.code}/kiosk/"
    page.goto(home)
    assert page.get_by_text("工作人员").count() == 0
    page.get_by_role("link", name="关于做好政务公开工作的通知").click()
    page.wait_for_url(f"**{home}art/{column.pk}/")
    page.get_by_role("button", name="‹ 返回").click()
    page.wait_for_url(f"**{home}")
    page.get_by_role("link", name="全部公开信息").click()
    page.wait_for_url(f"**{home}list/")
    page.clock.run_for(91_000)
    page.wait_for_url(f"**{home}")
    assert page.locator("a[href^='/manage']").count() == 0
    context.close()
