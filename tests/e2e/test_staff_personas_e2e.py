"""The back office as each demo persona sees it, in chromium, on a desktop and a 390-px phone:
the officer logs in and registers an item with its attachment in one step, the reviewer passes
保密审查, the leader signs and it is public; the annual report goes through 保密审查 before the
leader approves it; the supervisor's workbench; every persona's header says who is logged in.
The screenshots (var/e2e-artifacts/guide/) are the user guide's, copied by
scripts/guide-screenshots."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from gongkai.publishing.models import Item, ItemStatus, Term
from gongkai.publishing.vocab import default_terms
from gongkai.reports import services as reports
from gongkai.reports.models import Report, ReportStatus
from tests.e2e.test_portal_e2e import ARTIFACTS, VIEWPORTS

pytestmark = pytest.mark.e2e
PASSWORD = "gongkai-demo-2026"
GUIDE = ARTIFACTS / "guide"
TITLE = "周村区政务服务中心2026年政务公开工作要点"


def login(browser, live_server, username: str, viewport: str = "desktop"):
    context = browser.new_context(
        base_url=live_server.url, locale="zh-CN", viewport=VIEWPORTS[viewport]
    )
    page = context.new_page()
    page.goto("/manage/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("工作台")
    return page


def shot(page, name: str) -> None:
    GUIDE.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(GUIDE / f"{name}.png"), full_page=True)


def todo_count(page, label: str) -> int:
    row = page.locator(".workbench li li", has_text=label)
    return int(row.locator(".todo-count").inner_text().split()[0])


@pytest.fixture
def office(demo_data, tmp_path):
    if not Term.objects.exists():  # an earlier transactional test emptied the tables
        Term.objects.bulk_create(
            Term(scheme=scheme, code=code, name=name, order=order)
            for scheme, code, name, order in default_terms()
        )
    from django.contrib.auth import get_user_model
    from docx import Document

    from gongkai.agencies.models import Agency
    from tests.publishing.helpers import draft

    agency, officer = (
        Agency.objects.get(code="zbzc-zwfw"),
        get_user_model().objects.get(username="zwfw_officer"),
    )
    for title in ("周村区政务服务事项管理办法", "周村区政务公开保密审查规定"):
        draft(agency, officer, kind="normative", title=title)
    draft(agency, officer, kind="general", title="一般信息不可被解读")

    path = tmp_path / "工作要点.docx"
    document = Document()
    document.add_paragraph("2026年政务公开工作要点：坚持以公开为常态、不公开为例外。")
    document.save(path)
    return path


def test_officer_reviewer_leader_publish_an_item(browser, live_server, office):
    officer = login(browser, live_server, "zwfw_officer")
    header = officer.locator("header")
    expect(header).to_contain_text("政务服务中心信息公开工作人员")
    expect(header).to_contain_text("退出登录")
    expect(header).not_to_contain_text("工作人员登录")
    shot(officer, "01-workbench-officer")

    officer.goto("/manage/publishing/items/new/")
    officer.get_by_label("标题").fill(TITLE)
    officer.get_by_label("正文").fill(
        "一、总体要求\n坚持以公开为常态。\n\n二、重点任务\n做好政策解读。"
    )
    officer.get_by_label("附件").set_input_files(str(office))
    # the document an interpretation explains: the body's 规章/规范性文件, narrowed by typing
    choices = officer.locator("#id_interprets option:not([hidden])")
    assert "一般信息不可被解读" not in choices.all_inner_texts()
    officer.get_by_label("按名称或文号查找").fill("保密")
    assert [t for t in choices.all_inner_texts() if t != "请选择"] == ["周村区政务公开保密审查规定"]
    officer.get_by_label("按名称或文号查找").fill("")
    shot(officer, "02-item-form")
    officer.get_by_role("button", name="保存").click()
    officer.wait_for_url(re.compile(r"/manage/publishing/items/\d+/$"))
    expect(officer.locator(".messages")).to_contain_text("附件 1 个")
    item_url = officer.url
    item = Item.objects.get(title=TITLE)
    assert item.attachments.count() == 1
    assert "<p>一、总体要求<br>坚持以公开为常态。</p><p>二、重点任务" in item.body
    officer.locator("#step-submit").click()
    expect(officer.locator("#item-status")).to_have_text("待审核")
    shot(officer, "03-item-submitted")

    reviewer = login(browser, live_server, "zwfw_reviewer")
    assert todo_count(reviewer, "待审核（保密审查）") >= 1
    shot(reviewer, "04-workbench-reviewer")
    reviewer.locator(".workbench a", has_text="待审核（保密审查）").click()
    reviewer.get_by_role("link", name=TITLE).click()
    assert reviewer.url == item_url
    reviewer.locator("#step-approve").click()
    expect(reviewer.locator("#item-status")).to_have_text("待签发")

    leader = login(browser, live_server, "zwfw_leader")
    assert todo_count(leader, "待签发") >= 1
    shot(leader, "05-workbench-leader")
    leader.goto(item_url)
    leader.locator("#step-sign_off").click()
    expect(leader.locator("#item-status")).to_have_text("已发布")
    shot(leader, "06-item-published")
    assert Item.objects.get(pk=item.pk).status == ItemStatus.PUBLISHED

    public = leader.context.new_page()
    public.goto(item.get_absolute_url())
    expect(public.locator("h1")).to_have_text(TITLE)
    expect(public.locator("header")).not_to_contain_text("工作人员登录")  # still logged in
    expect(public.locator(".pub-body p").first).to_contain_text("一、总体要求")


def test_report_goes_through_secrecy_review_before_approval(browser, live_server, office):
    from django.contrib.auth import get_user_model

    from gongkai.agencies.models import Agency

    users = get_user_model().objects
    agency = Agency.objects.get(code="zbzc-zwfw")
    report = reports.get_or_create_report(agency, 2025, actor=users.get(username="zwfw_officer"))
    reports.transition(report, "submit", users.get(username="zwfw_officer"))

    reviewer = login(browser, live_server, "zwfw_reviewer")
    assert todo_count(reviewer, "待保密审查的年报") == 1
    reviewer.goto(f"/manage/reports/{report.pk}/")
    expect(reviewer.locator("#step-approve")).to_have_count(0)  # no approval before review
    reviewer.locator("#step-review").click()
    expect(reviewer.locator("body")).to_contain_text("保密审查已通过")
    shot(reviewer, "07-report-reviewed")

    leader = login(browser, live_server, "zwfw_leader")
    assert todo_count(leader, "待领导审定的年报") == 1
    leader.goto(f"/manage/reports/{report.pk}/")
    leader.locator("#step-approve").click()
    assert Report.objects.get(pk=report.pk).status in (
        ReportStatus.APPROVED,
        ReportStatus.REVIEWED,  # figures that do not balance keep it here, with the reason shown
    )


@pytest.mark.parametrize(
    "username", ["zwfw_officer", "zwfw_reviewer", "zwfw_leader", "zbzc_supervisor"]
)
def test_each_persona_workbench_on_a_phone(browser, live_server, demo_data, username):
    page = login(browser, live_server, username, "mobile")
    expect(page.locator(".who")).to_be_visible()
    expect(page.locator("header")).not_to_contain_text("工作人员登录")
    assert page.evaluate("document.documentElement.scrollWidth") <= VIEWPORTS["mobile"]["width"]
    shot(page, f"mobile-workbench-{username}")
    if username == "zbzc_supervisor":
        expect(page.locator("#supervision-panel")).to_contain_text("进入政务公开监督")
        page.goto("/manage/password/")
        expect(page.get_by_role("heading", level=1)).to_have_text("修改密码")
        page.locator("#id_old_password").fill(PASSWORD)
        page.locator("#id_new_password1").fill("Zbzc-New-2026!")
        page.locator("#id_new_password2").fill("Zbzc-New-2026!")
        page.get_by_role("button", name="修改密码").click()
        expect(page.locator(".messages")).to_contain_text("密码已修改")
