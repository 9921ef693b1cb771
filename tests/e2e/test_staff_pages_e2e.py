"""Every staff page type in chromium, on a desktop and on a 390-px phone: axe-core (WCAG 2.1 A
and AA) finds no violation, no internal name shows, and nothing overflows the phone. One page
per type keeps it quick; screenshots go to the artifacts folder for review."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client

from gongkai.applications.models import Reason
from gongkai.applications.reasons import ensure_default_reasons
from gongkai.reports import services as reports
from tests.applications.factories import make_application
from tests.e2e.test_portal_e2e import ARTIFACTS, VIEWPORTS, WCAG, _axe, internal_names
from tests.publishing.helpers import draft

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
def office(agency_a, officer_a, reviewer_a, leader_a, supervisor, admin_user):
    ensure_default_reasons(Reason)
    item = draft(agency_a, officer_a, title="关于做好政务公开工作的通知")
    application = make_application(agency_a).application
    report = reports.get_or_create_report(agency_a, 2025, actor=officer_a)
    return {"item": item, "application": application, "report": report}


def staff_pages(office, admin_user) -> dict[str, str]:
    item, app, report = office["item"], office["application"], office["report"]
    code = item.agency.code
    return {
        "workbench": "/manage/",
        "publishing-worklist": "/manage/publishing/",
        "publishing-items": "/manage/publishing/items/?status=draft",
        "item-create": "/manage/publishing/items/new/",
        "item": f"/manage/publishing/items/{item.pk}/",
        "item-edit": f"/manage/publishing/items/{item.pk}/edit/",
        "applications": "/manage/applications/",
        "application-register": "/manage/applications/new/",
        "application": f"/manage/applications/{app.pk}/",
        "reports": "/manage/reports/",
        "report-create": "/manage/reports/new/",
        "report": f"/manage/reports/{report.pk}/",
        "hotline": "/manage/hotline/",
        "agencies": "/manage/agencies/",
        "agency": f"/manage/agencies/{code}/",
        "calendar": "/manage/calendar/",
        "supervision": "/manage/supervision/",
        "password": "/manage/password/",
        "tokens": "/manage/tokens/",
        "issue-code": f"/manage/members/{item.created_by_id}/setup-code/",
    }


ANONYMOUS_PAGES = {"login": "/manage/login/", "password-setup": "/manage/password/setup/"}


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_every_staff_page_type_passes_axe(browser, live_server, office, admin_user, viewport):
    out = ARTIFACTS / "staff" / viewport
    out.mkdir(parents=True, exist_ok=True)
    failures, problems = {}, []
    for user, pages in (
        (admin_user, staff_pages(office, admin_user)),
        (None, ANONYMOUS_PAGES),
    ):
        context = staff_context(browser, live_server, user, viewport)
        page = context.new_page()
        for name, url in pages.items():
            response = page.goto(url)
            assert response.status == 200, (name, url, response.status)
            page.screenshot(path=str(out / f"{name}.png"), full_page=True)
            results = _axe.run(page, options=WCAG)
            if results.violations_count:
                failures[name] = results.generate_report()
            names = internal_names(page.inner_text("body") + "\n" + page.title())
            if names:
                problems.append((name, names))
            if viewport == "mobile":
                width = page.evaluate("document.documentElement.scrollWidth")
                if width > VIEWPORTS["mobile"]["width"]:
                    problems.append((name, f"{width}px wide"))
        context.close()
    assert not failures, "\n\n".join(f"{k}:\n{v}" for k, v in failures.items())
    assert not problems, problems
