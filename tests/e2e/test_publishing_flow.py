"""End to end in chromium: an item with a resident ID number cannot advance until masked, the
leader signs it off, the public finds it (also by a 2-character query), and a withdrawal
removes it from lists, search and feeds."""

import re

import pytest
from django.conf import settings
from django.test import Client

from tests.privacy import assert_no_personal_data

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

RESIDENT_ID = "370302198001011232"
TITLE = "周村区政务服务中心信息公开工作要点"


def _session_page(browser, live_server, user):
    """A browser context logged in as `user` (the login form is the foundation's, tested there)."""
    client = Client()
    client.force_login(user)
    context = browser.new_context(base_url=live_server.url, locale="zh-CN")
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME,
                          "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                          "url": live_server.url}])  # fmt: skip
    return context.new_page()


def test_officer_masks_leader_signs_off_public_finds_then_withdrawal_hides(
    browser, live_server, agency_a, officer_a, reviewer_a, leader_a
):
    agency_a.uscc = "11370306999999998N"  # the 索引号 prefix
    agency_a.save(update_fields=["uscc"])
    officer = _session_page(browser, live_server, officer_a)
    officer.goto("/manage/publishing/items/new/")
    officer.fill("#id_title", TITLE)
    officer.fill("#id_formed_on", "2026-11-20")
    officer.fill("#id_body", f"<p>为做好政务公开工作，联系人身份证号{RESIDENT_ID}。</p>")
    officer.get_by_role("button", name="保存").click()
    officer.wait_for_url(re.compile(r"/manage/publishing/items/\d+/$"))
    item_url = officer.url

    officer.locator("#step-submit").click()
    assert "个人信息" in officer.content()
    assert officer.locator("#item-status").inner_text() == "草稿"

    officer.locator("button.mask").click()
    assert RESIDENT_ID not in officer.content()
    officer.locator("#step-submit").click()
    assert officer.locator("#item-status").inner_text() == "待审核"
    assert officer.locator("#step-sign_off").count() == 0  # an officer is never offered 签发

    reviewer = _session_page(browser, live_server, reviewer_a)
    reviewer.goto(item_url)
    reviewer.locator("#step-approve").click()
    assert reviewer.locator("#item-status").inner_text() == "待签发"
    assert reviewer.locator("#step-sign_off").count() == 0  # a reviewer is never offered 签发

    leader = _session_page(browser, live_server, leader_a)
    leader.goto(item_url)
    leader.fill("#id_sign_off_comment", "同意发布")
    leader.locator("#step-sign_off").click()
    assert leader.locator("#item-status").inner_text() == "已发布"
    index_number = leader.locator("#index-number").inner_text()
    assert index_number

    public = browser.new_context(base_url=live_server.url).new_page()
    public.goto(f"/xxgk/{agency_a.code}/fdzdgknr/")
    public.get_by_role("link", name=TITLE).click()
    assert public.locator(".index-number").inner_text() == index_number
    assert_no_personal_data(public.content(), public.url)
    for q in ("政务", "信息公开"):
        public.goto(f"/xxgk/search/?q={q}")
        assert public.get_by_role("link", name=TITLE).count() == 1, q
        assert public.locator("mark").first.inner_text() == q
        assert_no_personal_data(public.content(), public.url)
    public.goto(f"/xxgk/{agency_a.code}/rss.xml")
    assert TITLE in public.content()

    leader.goto(item_url)
    leader.fill("#id_withdraw_reason", "信息有误，撤回")
    leader.locator("#step-withdraw").click()
    assert leader.locator("#item-status").inner_text() == "已撤回"

    public.goto(f"/xxgk/{agency_a.code}/fdzdgknr/")
    assert TITLE not in public.content()
    public.goto("/xxgk/search/?q=政务")
    assert public.get_by_role("link", name=TITLE).count() == 0
    for feed in ("rss.xml", "atom.xml"):
        public.goto(f"/xxgk/{agency_a.code}/{feed}")
        assert TITLE not in public.content()
