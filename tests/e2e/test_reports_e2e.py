import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e


def test_the_entry_form_shows_a_failing_rule_next_to_its_cells_as_you_type(
    page, live_server, demo_data
):
    from gongkai.reports import demo

    demo.load(lambda *_: None)
    from gongkai.reports.models import Report

    report = Report.objects.get(agency__code="zbzc-zwfw", year=2017)
    page.goto(f"{live_server.url}/manage/login/?next=/manage/reports/{report.pk}/")
    page.get_by_label("用户名").fill("zwfw_officer")
    page.get_by_label("密码").fill("gongkai-demo-2026")
    page.get_by_role("button", name="登录").click()
    expect(page.locator("#problems")).to_contain_text("所有勾稽关系成立")
    # 七、报送信息数 = 纸质 + 电子 (R2014.6); the seed body's org records are entered by hand
    report.figures.filter(key__startswith="archive.").delete()
    from gongkai.agencies.models import OrgYear

    OrgYear.objects.filter(agency=report.agency, year=2017).delete()
    page.reload()
    page.get_by_label("七、向图书馆、档案馆等查阅场所报送信息数").fill("5")
    page.get_by_label("（一）纸质文件数").fill("3")
    problems = page.locator("#problems")
    expect(problems).to_contain_text("R2014.6")
    expect(problems).to_contain_text("差 2")
    cell = page.locator('td[data-cell="archive.total"]')
    expect(cell).to_have_class("num prov-none rule-fail")
    page.get_by_label("（二）电子文件数").fill("2")
    expect(cell).not_to_have_class("num prov-none rule-fail")
    expect(problems).not_to_contain_text("R2014.6")
