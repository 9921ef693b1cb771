import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e


def test_a_visitor_finds_the_seed_body_and_its_contacts(page, live_server, demo_data):
    page.goto(f"{live_server.url}/xxgk/")
    page.get_by_label("机关名称").fill("政务服务中心")
    page.get_by_role("button", name="查找").click()
    page.get_by_role("link", name="周村区政务服务中心管理办公室").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("周村区政务服务中心管理办公室")
    guide = page.locator("#guide")
    expect(guide).to_contain_text("0533-6181890")
    expect(guide).to_contain_text("周村区正阳路216号")
    expect(guide).to_contain_text("区档案馆查阅点")


def test_the_large_text_switch_enlarges_text_and_is_keyboard_operable(page, live_server, demo_data):
    page.goto(f"{live_server.url}/xxgk/")
    before = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    page.keyboard.press("Tab")  # skip link first
    expect(page.get_by_text("跳到主要内容")).to_be_focused()
    page.get_by_role("button", name="大字版").focus()
    page.keyboard.press("Enter")
    after = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    assert after > before
    page.reload()
    expect(page.get_by_role("button", name="标准字号")).to_be_visible()


def test_the_seed_body_officer_logs_in(page, live_server, demo_data):
    page.goto(f"{live_server.url}/manage/")
    expect(page).to_have_url(re.compile(r"/manage/login/"))
    page.get_by_label("用户名").fill("zwfw_officer")
    page.get_by_label("密码").fill("gongkai-demo-2026")
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_role("heading", name="工作台")).to_be_visible()
    expect(page.locator("main")).to_contain_text("周村区政务服务中心管理办公室 · 信息公开工作人员")
