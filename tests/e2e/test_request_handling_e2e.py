"""Handling a request as offices do, in chromium, on a desktop and a 390-px phone: the citizen
applies (the code shown once), the officer finds it in the worklist and drafts the reply with
the disclosed file, the leader finds it in the sign-off queue and signs, the citizen opens the
bookmarked status link, gives the code, reads the notice and downloads the file. Screenshots of
each main screen go to var/e2e-artifacts/<viewport>/ (GONGKAI_E2E_ARTIFACTS)."""

import os
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from playwright.sync_api import expect

from gongkai.applications.models import Reason
from gongkai.applications.reasons import ensure_default_reasons

pytestmark = pytest.mark.e2e
PASSWORD = "gongkai-demo-2026"
ARTIFACTS = Path(
    os.environ.get("GONGKAI_E2E_ARTIFACTS", django_settings.BASE_DIR / "var" / "e2e-artifacts")
)
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "mobile": {"width": 390, "height": 844}}


def shot(page, viewport: str, name: str) -> None:
    out = ARTIFACTS / viewport
    out.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(out / f"applications-{name}.png"), full_page=True)


def staff(browser, live_server, username, size):
    page = browser.new_context(viewport=size).new_page()
    page.goto(f"{live_server.url}/manage/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    return page


@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
def test_receipt_to_signed_reply(browser, live_server, demo_data, settings, tmp_path, viewport):
    from gongkai.workdays.services import seed_bundled

    settings.GONGKAI_REPLY_SIGN_OFF = True
    seed_bundled()
    ensure_default_reasons(Reason)
    size = VIEWPORTS[viewport]
    base = f"{live_server.url}/xxgk/zb-zrzyj/ysqgk/"

    # The citizen applies; the done page shows the code once.
    citizen = browser.new_context(viewport=size).new_page()
    citizen.goto(base)
    citizen.get_by_label("申请人类型").select_option(label="自然人")
    citizen.get_by_label("申请人姓名").fill("赵六")
    citizen.get_by_label("身份证明类型").select_option(label="居民身份证")
    citizen.get_by_label("证件号码").fill("11010519491231002X")
    citizen.get_by_label("联系电话").fill("13800138000")
    citizen.get_by_label("电子邮箱").fill("zhaoliu@example.com")
    citizen.get_by_label("所需信息的名称、文号或其他特征描述").fill(
        "2025年马尚街道征地补偿安置方案"
    )
    citizen.get_by_label("信息的提供形式").select_option(label="电子文档")
    citizen.get_by_label("获取信息的方式").select_option(label="网上查看")
    citizen.get_by_role("button", name="提交申请").click()
    expect(citizen.get_by_role("heading", level=1)).to_have_text("申请已登记")
    receipt_no = citizen.locator("#receipt-no").inner_text()
    code = citizen.locator("#verification-code").inner_text()
    assert len(code) == 8
    shot(citizen, viewport, "1-done")
    citizen.reload()
    expect(citizen.locator("#verification-code")).not_to_contain_text(code)

    # The officer finds it by search in the worklist and drafts the reply with the file.
    officer = staff(browser, live_server, "zrzy_officer", size)
    officer.goto(f"{live_server.url}/manage/applications/")
    officer.get_by_label("申请渠道").select_option(label="网络申请")
    officer.get_by_label("检索").fill("征地 补偿")
    officer.get_by_role("button", name="筛选").click()
    row = officer.locator("tr", has=officer.get_by_role("link", name=receipt_no))
    expect(row).to_contain_text("赵*")
    expect(row).not_to_contain_text("赵六")
    expect(row.locator(".days-left")).to_contain_text("个工作日")
    shot(officer, viewport, "2-worklist")
    officer.get_by_role("link", name=receipt_no).click()
    box = officer.locator("#action-draft-reply")
    box.locator("summary").click()
    box.get_by_label("办理结果").select_option(label="部分公开")
    visible = box.get_by_label("理由").locator("option:not([hidden])[data-outcome]")
    assert visible.count() > 0
    assert all(o.get_attribute("data-outcome") == "partial" for o in visible.all())
    box.get_by_label("理由").select_option(value=visible.first.get_attribute("value"))
    box.get_by_label("答复内容").fill("经审查，现提供可以公开的部分，见附件。")
    pdf = tmp_path / "安置方案.pdf"
    pdf.write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n" + b"0" * 2000 + b"\n%%EOF\n")
    box.get_by_label("公开的政府信息（附件，选填）").set_input_files(str(pdf))
    box.get_by_role("button", name="确定").click()
    expect(officer.locator(".messages")).to_contain_text("答复已送负责人签发")
    expect(officer.locator("#drafts-heading")).to_be_visible()
    expect(officer.locator("#action-sign-reply")).to_have_count(0)  # the officer cannot sign
    shot(officer, viewport, "3-drafted")

    # The leader finds it in the sign-off queue and signs.
    leader = staff(browser, live_server, "zrzy_leader", size)
    leader.goto(f"{live_server.url}/manage/applications/?sign=1")
    queue_row = leader.locator("tr", has=leader.get_by_role("link", name=receipt_no))
    expect(queue_row).to_contain_text("待签发答复")
    shot(leader, viewport, "4-sign-queue")
    leader.get_by_role("link", name=receipt_no).click()
    expect(leader.locator(".drafts")).to_contain_text("安置方案.pdf")
    sign = leader.locator("#action-sign-reply")
    sign.locator("summary").click()
    sign.get_by_role("button", name="确定").click()
    expect(leader.locator(".messages")).to_contain_text("答复已签发")
    expect(leader.locator("#status")).to_contain_text("已办结")
    expect(leader.locator(".letter-no")).to_contain_text("〔")
    shot(leader, viewport, "5-signed")

    # The citizen's bookmarked status link, in a new browser: it asks for the code.
    later = browser.new_context(viewport=size).new_page()
    later.goto(f"{base}cx/{receipt_no}/")
    expect(later.get_by_label("受理编号")).to_have_value(receipt_no)
    shot(later, viewport, "6-asks-code")
    later.get_by_label("查询码").fill(code)
    later.get_by_role("button", name="查询").click()
    expect(later.locator("#status")).to_contain_text("已办结")
    expect(later.locator(".notices")).to_contain_text("已作出答复")
    with later.expect_download() as download:
        later.get_by_role("link", name="安置方案.pdf").click()
    assert Path(download.value.path()).read_bytes().startswith(b"%PDF")
    shot(later, viewport, "7-tracking")
