"""The telephony hook in chromium: the agent waits on the intake page; the telephony system
reports a call answered by this agent; the page opens the intake form for that caller with their
earlier tickets (numbers masked)."""

import json
import urllib.request

import pytest
from playwright.sync_api import expect

from gongkai.hotline.models import PartnerSystem

pytestmark = pytest.mark.e2e
PASSWORD = "gongkai-demo-2026"
PHONE = "13805331111"


def cti(live_server, key: str, **data) -> dict:
    request = urllib.request.Request(
        f"{live_server.url}/hotline/cti/calls",
        data=json.dumps(data).encode(),
        headers={"Content-Type": "application/json", "Authorization": f"Bearer {key}"},
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())


def test_an_answered_call_opens_the_callers_history(page, live_server, demo_data):
    from gongkai.agencies.models import Agency
    from gongkai.hotline.defaults import load_categories
    from gongkai.hotline.models import Category
    from tests.hotline.helpers import new_ticket

    load_categories(Category)
    centre = Agency.objects.get(name="周村区政务服务中心管理办公室")
    earlier = new_ticket(centre, phone=PHONE).ticket
    key = PartnerSystem.issue(centre, "话务平台", PartnerSystem.Kind.CTI)[1]

    page.goto(f"{live_server.url}/manage/login/")
    page.get_by_label("用户名").fill("zwfw_officer")
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.goto(f"{live_server.url}/manage/hotline/new/")
    cti(live_server, key, call_id="e2e-1", caller=PHONE, event="start")
    cti(live_server, key, call_id="e2e-1", event="answer", agent="zwfw_officer")
    page.wait_for_url(f"**/manage/hotline/new/?phone={PHONE}*", timeout=15_000)
    expect(page.locator("#earlier")).to_contain_text(earlier.ticket_no, timeout=10_000)
    assert PHONE not in page.locator("#earlier").inner_text()
