"""Every staff page type in chromium, on a desktop and on a 390-px phone: axe-core (WCAG 2.1 A
and AA) finds no violation, no internal name shows, and nothing overflows the phone.

The page types come from the URLconf (tests/staffpages.py): a staff route that is neither
visited here nor listed there as not a page fails tests/test_staff_pages_listed.py, and this test
checks it visited every one. One page per type keeps it quick. On the phone, every page is
checked for overflow and internal names, and axe runs on every other page (in name order, the
other half on even days of the year, so both halves are covered over two runs) — axe's WCAG
rules do not depend on the width, and it is the slow part; GONGKAI_AXE_ALL=1 runs it on every
page. On the desktop, the create and edit forms (FORM_PAGES) are also submitted empty and the
page that comes back with its errors is checked by axe. Screenshots go to the artifacts folder."""

from __future__ import annotations

import datetime as dt
import os

import pytest
from django.conf import settings
from django.test import Client

from tests.e2e.test_portal_e2e import ARTIFACTS, VIEWPORTS, WCAG, _axe, internal_names
from tests.staffpages import FORM_PAGES, page_urls, viewer, world

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def staff_context(browser, live_server, user, viewport: str = "desktop"):
    """A browser context logged in as `user` (bypass_csp: axe is injected by the test)."""
    context = browser.new_context(
        base_url=live_server.url, locale="zh-CN", viewport=VIEWPORTS[viewport], bypass_csp=True
    )
    if user is not None:
        client = Client()
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
        context.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}]
        )
    return context


@pytest.fixture
def office(agency_parent, agency_a, agency_b, officer_a, leader_a, supervisor, admin_user):
    return world(agency_parent, agency_a, agency_b, officer_a, leader_a, supervisor, admin_user)


def axe_on_phone(index: int) -> bool:
    # GONGKAI_AXE_ALL=1 runs axe on every page on the phone too (a full check, twice as slow)
    if os.environ.get("GONGKAI_AXE_ALL"):
        return True
    return index % 2 == dt.date.today().toordinal() % 2


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_every_staff_page_type_passes_axe(browser, live_server, office, viewport):
    out = ARTIFACTS / "staff" / viewport
    out.mkdir(parents=True, exist_ok=True)
    pages = page_urls(office)
    by_user: dict = {}
    for name in sorted(pages):
        by_user.setdefault(viewer(name, office), []).append(name)
    failures, problems, visited, index = {}, [], set(), 0
    for user, names in by_user.items():
        context = staff_context(browser, live_server, user, viewport)
        page = context.new_page()
        for name in names:
            url = pages[name]
            response = page.goto(url)
            assert response.status == 200, (name, url, response.status)
            visited.add(name)
            page.screenshot(path=str(out / f"{name.replace(':', '-')}.png"), full_page=True)
            if viewport == "desktop" or axe_on_phone(index):
                results = _axe.run(page, options=WCAG)
                if results.violations_count:
                    failures[name] = results.generate_report()
            index += 1
            found = internal_names(page.inner_text("body") + "\n" + page.title())
            if found:
                problems.append((name, found))
            if viewport == "mobile":
                width = page.evaluate("document.documentElement.scrollWidth")
                if width > VIEWPORTS["mobile"]["width"]:
                    problems.append((name, f"{width}px wide"))
        context.close()
    assert visited == set(pages)
    if viewport == "desktop":
        failures |= refused_forms(browser, live_server, office, pages)
    assert not failures, "\n\n".join(f"{k}:\n{v}" for k, v in failures.items())
    assert not problems, problems


def refused_forms(browser, live_server, office, pages) -> dict[str, str]:
    """Each form of FORM_PAGES submitted with its text fields emptied and the browser's own
    validation off: the page that comes back with the errors passes axe too."""
    failures = {}
    context = staff_context(browser, live_server, office["admin"])
    page = context.new_page()
    for name in FORM_PAGES:
        page.goto(pages[name])
        form = page.locator("main form[method=post]").first
        form.evaluate(
            "f => { f.noValidate = true; f.querySelectorAll("
            "'input[type=text], input:not([type]), textarea').forEach(i => { i.value = ''; }); }"
        )
        with page.expect_navigation():
            form.locator("[type=submit]").last.click()
        assert page.locator("main").count(), name
        results = _axe.run(page, options=WCAG)
        if results.violations_count:
            failures[f"{name} (refused)"] = results.generate_report()
    context.close()
    return failures
