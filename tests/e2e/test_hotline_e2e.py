"""A call from the agent's keyboard to the closed ticket, in chromium: dispatch, sign,
extension, reply, callback 不满意, rework, reply, callback, close; at each step the limits the
pages show equal the rules engine's; the caller tracks it on the portal with the code."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from gongkai.hotline import limits
from gongkai.hotline.models import Ticket
from tests.privacy import assert_no_personal_data

pytestmark = pytest.mark.e2e
PASSWORD = "gongkai-demo-2026"
PHONE = "13805339876"


def login(browser, live_server, username):
    page = browser.new_context().new_page()
    page.goto(f"{live_server.url}/manage/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    return page


def step(page, name: str, fill: dict | None = None, select: dict | None = None, check=()):
    form = page.locator(f"form.step-{name}")
    for label, value in (fill or {}).items():
        form.get_by_label(label).fill(value)
    for label, value in (select or {}).items():
        form.get_by_label(label).select_option(label=value)
    for label in check:
        form.get_by_label(label).check()
    with page.expect_navigation():
        form.get_by_role("button").click()
    expect(page.locator(".messages")).to_be_visible()


def due(page, selector="#ticket-due") -> str:
    return page.locator(selector).inner_text()[:10]


def test_a_call_from_keyboard_to_closed_ticket(page, browser, live_server, demo_data):
    from gongkai.hotline.defaults import load_categories
    from gongkai.hotline.models import Category
    from gongkai.workdays.services import seed_bundled

    seed_bundled()
    load_categories(Category)
    today = timezone.localdate()

    # 1. The agent takes the call on the keyboard only.
    agent = login(browser, live_server, "zwfw_officer")
    agent.goto(f"{live_server.url}/manage/hotline/new/")
    expect(agent.locator("#id_phone")).to_be_focused()
    kb = agent.keyboard
    kb.type(PHONE)
    kb.press("Tab")
    kb.type("李先生")
    kb.press("Tab")  # 诉求类型: 请选择 → 咨询 → 求助 → 投诉
    kb.press("ArrowDown")
    kb.press("ArrowDown")
    kb.press("ArrowDown")
    kb.press("Tab")
    kb.type("housing-property")
    kb.press("Tab")
    kb.type("小区物业长期不清运垃圾，楼道堆满杂物。")
    with agent.expect_navigation():
        kb.press("Control+Enter")
    expect(agent.locator(".messages")).to_contain_text("已受理")
    message = agent.locator(".messages").inner_text()
    ticket_no, code = re.search(r"工单编号 (\S+)，查询码 (\w+)", message).groups()
    t = Ticket.objects.get(ticket_no=ticket_no)
    assert (t.type, t.category.code, t.channel, t.phone) == (
        "complaint",
        "housing-property",
        "phone",
        PHONE,
    )
    assert due(agent) == limits.close_due(t.received_on, "complaint").isoformat()
    expect(agent.locator("#caller-phone")).to_contain_text("138****9876")

    # 2. Dispatch to the 区财政局.
    step(agent, "dispatch", select={"承办单位": "周村区财政局"})
    assert due(agent, "#ticket-sign-due") == limits.sign_due(today).isoformat()

    # 3. The body signs for it and asks for an extension.
    body = login(browser, live_server, "czj_officer")
    body.goto(f"{live_server.url}/manage/hotline/assignments/")
    body.get_by_role("link", name=ticket_no).click()
    step(body, "sign")
    expect(body.locator("#assignment-status")).to_have_text("办理中")
    step(body, "extend", fill={"延期工作日数": "3", "延期理由": "需会同街道现场核查"})
    expect(body.locator("#assignment-extension")).to_contain_text("申请中")

    # 4. The centre's reviewer approves it: the limit moves by the rules engine.
    before = Ticket.objects.get(pk=t.pk).due_on
    reviewer = login(browser, live_server, "zwfw_reviewer")
    reviewer.goto(f"{live_server.url}/manage/hotline/{t.pk}/")
    step(reviewer, "decide_extension", select={"审批意见": "批准"})
    assert due(reviewer) == limits.extended_due(t.received_on, before, 3).isoformat()

    # 5. The body replies; the callback is 不满意; rework; reply; callback 满意; close.
    body.reload()
    step(body, "reply", fill={"答复内容": "已联系物业公司限期清运。"})
    agent.reload()
    step(agent, "callback", select={"回访结果": "不满意"}, check=["不满意系承办单位原因"])
    step(agent, "rework", fill={"理由及依据": "来电人反映垃圾仍未清运"})
    expect(agent.locator("#ticket-status")).to_contain_text("办理中")
    assert due(agent) == limits.close_due(today, "complaint").isoformat()
    body.reload()
    step(body, "reply", fill={"答复内容": "垃圾已全部清运，物业公司已整改。"})
    agent.reload()
    step(agent, "callback", select={"回访结果": "满意"})
    step(agent, "close")
    expect(agent.locator("#ticket-status")).to_contain_text("已办结")
    # The ticket's history shows its whole life, step by step, from the ledger.
    history = agent.locator("ol.history").inner_text()
    for label in (
        "受理热线诉求",
        "派单",
        "签收工单",
        "申请延期",
        "审批延期申请",
        "重办",
        "办结归档",
    ):
        assert label in history, label
    assert history.count("答复办结") == 2 and history.count("回访") == 2

    # 6. The caller tracks it on the portal with the code, and sees no personal data.
    page.goto(f"{live_server.url}/xxgk/zbzc-zwfw/rx/cx/")
    page.get_by_label("工单编号").fill(ticket_no)
    page.get_by_label("查询码").fill(code)
    page.get_by_role("button", name="查询").click()
    expect(page.locator("#ticket-status")).to_have_text("已办结")
    expect(page.locator("#ticket-reply")).to_contain_text("垃圾已全部清运")
    html = page.content()
    assert PHONE not in html and "李先生" not in html
    assert_no_personal_data(html, "rx/cx")

    # 7. The code opens this ticket only: with another caller's number it shows nothing of theirs.
    from gongkai.hotline import intake
    from gongkai.hotline.choices import TicketChannel

    other = intake.intake(
        t.agency,
        {
            "phone": "13900001111",
            "name": "王女士",
            "type": "consult",
            "content": "公积金怎么提取？",
        },
        channel=TicketChannel.WEB,
        actor=None,  # a caller on the portal, not a user
    ).ticket
    page.get_by_label("工单编号").fill(other.ticket_no)
    page.get_by_label("查询码").fill(code)
    page.get_by_role("button", name="查询").click()
    expect(page.get_by_role("alert")).to_contain_text("工单编号或查询码不正确")
    html = page.content()
    assert "公积金" not in html and "王女士" not in html and "13900001111" not in html
