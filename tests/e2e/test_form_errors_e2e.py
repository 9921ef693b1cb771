"""Each kind of form after a bad submit, in chromium, on a desktop and on a 390-px phone: the
error summary at the top (focused, counting the errors, each linking to its field), every error
beside its field, what was typed kept, no page wider than the phone, and axe-core (WCAG 2.1 A/AA)
finds nothing. The forms: the public apply form, the officer's registration of a request, the
hotline agent's form, the report's figure grid, a workflow step form and the report creation
form. Screenshots go to the artifacts folder."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from gongkai.publishing.steps import ITEM
from gongkai.reports import services as reports
from tests.e2e.test_portal_e2e import ARTIFACTS, VIEWPORTS, WCAG, _axe
from tests.e2e.test_staff_pages_e2e import staff_context
from tests.publishing.helpers import draft

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def records(agency_a, officer_a, reviewer_a):
    item = draft(agency_a, officer_a, title="关于做好政务公开工作的通知")
    ITEM.run("submit", item, {}, actor=officer_a)
    report = reports.get_or_create_report(agency_a, 2017, actor=officer_a)  # 2014 format
    return {"item": item, "report": report}


def check_refused(page, name: str, out, viewport: str, fields: list[str]) -> list[str]:
    """The page after a refused submit; returns what is wrong with it."""
    problems = []
    summary = page.locator(".error-summary").first
    expect(summary).to_be_visible()
    expect(summary).to_contain_text("提交未成功")
    if not page.evaluate(
        "document.activeElement && document.activeElement.classList.contains('error-summary')"
    ):
        problems.append(f"{name}: the error summary does not have the focus")
    for field_id in fields:
        link = summary.locator(f'a[href="#{field_id}"]')
        if not link.count():
            problems.append(f"{name}: no summary link to #{field_id}")
        target = page.locator(f"[id='{field_id}']")
        if not target.count():
            problems.append(f"{name}: #{field_id} does not exist")
            continue
        beside = page.locator(f".has-error:has([id='{field_id}']) .error")
        if not beside.count() or not beside.first.is_visible():
            problems.append(f"{name}: no error shown beside #{field_id}")
    page.screenshot(path=str(out / f"{name}.png"), full_page=True)
    results = _axe.run(page, options=WCAG)
    if results.violations_count:
        problems.append(f"{name}: axe\n{results.generate_report()}")
    if viewport == "mobile":
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > VIEWPORTS["mobile"]["width"]:
            problems.append(f"{name}: {width}px wide on a phone")
    return problems


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_every_kind_of_form_shows_its_errors_at_the_top_and_beside_the_field(
    browser, live_server, agency_a, officer_a, reviewer_a, records, viewport
):
    out = ARTIFACTS / "form-errors" / viewport
    out.mkdir(parents=True, exist_ok=True)
    problems: list[str] = []

    # The public apply form: nothing filled in but the name.
    context = staff_context(browser, live_server, None, viewport)
    page = context.new_page()
    page.goto(f"/xxgk/{agency_a.code}/ysqgk/")
    assert page.locator("#id_phone").get_attribute("type") == "tel"
    assert page.locator("#id_phone").get_attribute("autocomplete") == "tel"
    assert page.locator("#id_email").get_attribute("type") == "email"
    assert page.locator("#id_name").get_attribute("autocomplete") == "name"
    assert page.locator("fieldset legend").count() >= 4
    expect(page.locator("#id_applicant_type option").first).to_have_text("请选择")
    page.locator("#id_name").fill("赵六")
    with page.expect_navigation():
        page.get_by_role("button", name="提交申请").click()
    problems += check_refused(
        page, "apply", out, viewport, ["id_applicant_type", "id_id_number", "id_phone"]
    )
    expect(page.locator("#id_name")).to_have_value("赵六")
    expect(page.locator(".error-summary")).to_contain_text("申请尚未保存")
    context.close()

    context = staff_context(browser, live_server, officer_a, viewport)
    page = context.new_page()
    # The officer registers a request that came by post, with nothing filled in.
    page.goto("/manage/applications/new/")
    with page.expect_navigation():
        page.get_by_role("button", name="登记").click()
    problems += check_refused(
        page, "application-register", out, viewport, ["id_channel", "id_arrived_on"]
    )
    # The hotline agent: the content too short, no type.
    page.goto("/manage/hotline/new/")
    page.locator("#id_phone").fill("13800001111")
    page.locator("#id_content").fill("垃圾")
    with page.expect_navigation():
        page.locator("#id_content").press("Control+Enter")
    problems += check_refused(page, "hotline-register", out, viewport, ["id_type", "id_content"])
    expect(page.locator("#id_phone")).to_have_value("13800001111")
    # The report's figure grid: a word where a number goes; the typed section stays.
    report = records["report"]
    page.goto(f"/manage/reports/{report.pk}/")
    cell = page.locator("input[name='f:archive.total']")
    cell.fill("三")
    page.locator("#section-1").fill("本年度主动公开政府信息。")
    with page.expect_navigation():
        page.locator("#entry").get_by_role("button", name="保存").click()
    problems += check_refused(page, "report-grid", out, viewport, ["cell-archive.total"])
    expect(page.locator("#section-1")).to_have_value("本年度主动公开政府信息。")
    # A new report without a year.
    page.goto("/manage/reports/new/")
    with page.expect_navigation():
        page.get_by_role("button", name="创建").click()
    problems += check_refused(page, "report-create", out, viewport, ["id_agency", "id_year"])
    context.close()

    # A workflow step form: the reviewer sends the item back without saying why.
    context = staff_context(browser, live_server, reviewer_a, viewport)
    page = context.new_page()
    page.goto(f"/manage/publishing/items/{records['item'].pk}/")
    with page.expect_navigation():
        page.locator("form.step-reject").get_by_role("button").click()
    problems += check_refused(page, "step-reject", out, viewport, ["id_reject_comment"])
    context.close()

    assert not problems, "\n".join(problems)
