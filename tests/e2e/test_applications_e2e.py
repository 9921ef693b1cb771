"""A request from the citizen's form to the reply letter, in chromium; at each step the due date
the pages show equals the rules engine's for the request's events."""

import pytest
from docx import Document
from playwright.sync_api import expect

from gongkai.applications import clock
from gongkai.applications.models import Application, Reason
from gongkai.applications.reasons import ensure_default_reasons
from gongkai.rules import clock as rules

pytestmark = pytest.mark.e2e
PASSWORD = "gongkai-demo-2026"


def engine_due(receipt_no: str):
    app = Application.objects.get(receipt_no=receipt_no)
    return rules.explain(clock.events_of(app), clock.current_calendar()).due_date


def cn(d) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def login(browser, live_server, username):
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{live_server.url}/manage/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    return page


def do_step(page, name: str, fields: dict | None = None, selects: dict | None = None):
    box = page.locator(f"#action-{name}")
    box.locator("summary").click()
    for label, value in (fields or {}).items():
        box.get_by_label(label).fill(value)
    for label, value in (selects or {}).items():
        box.get_by_label(label).select_option(label=value)
    box.get_by_role("button", name="确定").click()
    expect(page.get_by_role("status").or_(page.locator(".messages"))).to_contain_text("已保存")


def staff_due(page) -> str:
    return page.locator("#due-on").inner_text() if page.locator("#due-on").count() else ""


def test_citizen_to_reply_letter(page, browser, live_server, demo_data):
    from gongkai.workdays.services import seed_bundled

    seed_bundled()
    ensure_default_reasons(Reason)
    base = f"{live_server.url}/xxgk/zb-zrzyj/ysqgk/"

    # 1. The citizen applies online and sees the receipt number.
    page.goto(base)
    page.get_by_label("申请人类型").select_option(label="自然人")
    page.get_by_label("申请人姓名").fill("赵六")
    page.get_by_label("身份证明类型").select_option(label="居民身份证")
    page.get_by_label("证件号码").fill("11010519491231002X")
    page.get_by_label("联系电话").fill("0533-7654321")
    page.get_by_label("电子邮箱").fill("zhaoliu@example.com")
    page.get_by_label("所需信息的名称、文号或其他特征描述").fill(
        "2025年张店区马尚街道征地补偿安置方案"
    )
    page.get_by_label("信息的提供形式").select_option(label="电子文档")
    page.get_by_label("获取信息的方式").select_option(label="电子邮件")
    page.get_by_role("button", name="提交申请").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("申请已登记")
    receipt_no = page.locator("#receipt-no").inner_text()
    code = page.locator("#verification-code").inner_text()
    assert page.locator("#due-on").inner_text() == cn(engine_due(receipt_no))

    # 2. The officer sends a 补正 notice: the clock stops.
    officer = login(browser, live_server, "zrzy_officer")
    officer.goto(f"{live_server.url}/manage/applications/")
    officer.get_by_role("link", name=receipt_no).click()
    assert officer.locator("#due-on").inner_text() == engine_due(receipt_no).isoformat()
    do_step(
        officer,
        "supplement-notice",
        {"需要补正的事项": "请写明所需文件的文号", "补正期限（工作日）": "10"},
    )
    expect(officer.locator("#clock-state")).to_have_text("暂停计时")
    assert engine_due(receipt_no) is None

    # 3. The citizen supplements on the tracking page: the clock restarts.
    page.goto(f"{base}cx/")
    page.get_by_label("受理编号").fill(receipt_no)
    page.get_by_label("查询码").fill(code)
    page.get_by_role("button", name="查询").click()
    expect(page.locator("#status")).to_contain_text("待补正")
    expect(page.locator("main")).to_contain_text("请写明所需文件的文号")
    page.get_by_label("补正内容").fill("文号为淄自然资发〔2025〕12号")
    page.get_by_role("button", name="提交补正").click()
    expect(page.locator(".messages")).to_contain_text("补正材料已提交")
    assert page.locator("#due-on").inner_text() == cn(engine_due(receipt_no))

    # 4. Consultation of a third party pauses the clock; the reply resumes it.
    officer.reload()
    assert staff_due(officer) == engine_due(receipt_no).isoformat()
    do_step(
        officer,
        "consult",
        {
            "征求意见对象（第三方或其他机关）": "某置业有限公司",
            "征求意见的政府信息和事项": "出让合同",
        },
    )
    expect(officer.locator("#clock-state")).to_have_text("暂停计时")
    do_step(officer, "consult-reply")
    assert staff_due(officer) == engine_due(receipt_no).isoformat()
    before_extension = engine_due(receipt_no)

    # 5. The head of the office extends the period.
    leader = login(browser, live_server, "zrzy_leader")
    leader.goto(f"{live_server.url}/manage/applications/")
    leader.get_by_role("link", name=receipt_no).click()
    do_step(leader, "extend", {"延长工作日数": "20", "延期理由": "需要调取征地档案"})
    assert staff_due(leader) == engine_due(receipt_no).isoformat()
    assert engine_due(receipt_no) > before_extension

    # 6. The officer replies 部分公开 with its letter.
    officer.reload()
    do_step(
        officer,
        "reply",
        {"答复内容": "现提供可以公开的部分，涉及个人信息的内容已作区分处理。"},
        {
            "办理结果": "部分公开",
            "理由": "部分公开｜含有不应当公开的内容，作区分处理后提供可以公开的部分",
        },
    )
    expect(officer.locator("#status")).to_contain_text("已办结（部分公开）")

    # 7. The citizen reads the letter on the tracking page.
    page.reload()
    expect(page.locator("#status")).to_contain_text("部分公开")
    letter = page.locator(".letters li", has_text="政府信息公开申请答复书")
    with page.expect_download() as download:
        letter.get_by_role("link", name="DOCX").click()
    text = "\n".join(p.text for p in Document(str(download.value.path())).paragraphs)
    assert receipt_no in text and "部分公开" in text and "60日内" in text and "6个月内" in text
    pdf = page.request.get(
        live_server.url + letter.get_by_role("link", name="PDF").get_attribute("href")
    )
    assert pdf.status == 200 and pdf.body()[:5] == b"%PDF-"
