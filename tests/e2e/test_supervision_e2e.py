"""As the supervisor of a district: a late body on the console, drill down, XLSX export, a 通报
naming exactly the failing bodies, and the late body's officer sees the reminder."""

import datetime as dt
import io
from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

YEAR = 2024


@pytest.fixture
def district(transactional_db):
    from gongkai.agencies.models import AgencyKind, AgencyLevel, Role
    from gongkai.reports.models import ReportStatus
    from tests.factories import AgencyFactory, MembershipFactory, UserFactory
    from tests.supervision.world import report

    district = AgencyFactory(
        code="qu", name="示例区人民政府", kind=AgencyKind.GOVERNMENT, level=AgencyLevel.COUNTY
    )
    good = AgencyFactory(code="ju-a", name="示例区教育局", parent=district)
    late = AgencyFactory(code="ju-b", name="示例区民政局", parent=district)
    town = AgencyFactory(
        code="zhen",
        name="示例镇人民政府",
        parent=district,
        level=AgencyLevel.TOWNSHIP,
        kind=AgencyKind.GOVERNMENT,
    )
    report(district, YEAR, ReportStatus.PUBLISHED, published=dt.date(YEAR + 1, 3, 1))
    report(good, YEAR, ReportStatus.PUBLISHED, published=dt.date(YEAR + 1, 1, 20))
    report(town, YEAR, ReportStatus.PUBLISHED, published=dt.date(YEAR + 1, 3, 20))
    report(late, YEAR, ReportStatus.DRAFT)
    MembershipFactory(user=UserFactory(username="sup"), agency=district, role=Role.SUPERVISOR)
    MembershipFactory(user=UserFactory(username="late_officer"), agency=late, role=Role.OFFICER)
    return district


def _login(page, base, username):
    from tests.factories import PASSWORD

    page.goto(f"{base}/manage/login/?next=/manage/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_role("heading", name="工作台")).to_be_visible()


def test_the_supervisor_finds_the_late_body_and_sends_a_bulletin(page, live_server, district):
    from openpyxl import load_workbook

    _login(page, live_server.url, "sup")
    page.goto(f"{live_server.url}/manage/supervision/?year={YEAR}")
    late_row = page.locator('#bodies tr[data-code="ju-b"]')
    expect(late_row).to_contain_text("草稿")
    expect(late_row).to_contain_text("逾期")
    expect(page.locator('#bodies tr[data-code="ju-a"]')).to_contain_text("按期")

    # drill down into the town and back
    page.locator("#regions").get_by_role("link", name="示例镇人民政府").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("示例镇人民政府")
    expect(page.locator('#bodies tr[data-code="ju-b"]')).to_have_count(0)
    page.get_by_role("link", name="示例区人民政府").click()

    page.get_by_label("年报状态").select_option("late")
    page.get_by_role("button", name="筛选").click()
    expect(page.locator("#bodies tbody tr")).to_have_count(1)
    with page.expect_download() as download:
        page.get_by_role("link", name="导出 XLSX").click()
    ws = load_workbook(io.BytesIO(Path(download.value.path()).read_bytes())).active
    rows = list(ws.values)
    assert rows[1][0] == "机关代码" and [r[0] for r in rows[2:]] == ["ju-b"]
    assert rows[2][3] == "草稿" and rows[2][5] > 0

    page.get_by_label("通报文号").fill("示政公开〔2025〕2号")
    page.get_by_role("button", name="生成通报").click()
    notice = page.locator("article.notice")
    expect(notice).to_contain_text("示政公开〔2025〕2号")
    expect(notice).to_contain_text("示例区民政局")
    for name in ("示例区教育局", "示例镇人民政府"):
        expect(notice).not_to_contain_text(name)
    with page.expect_download() as pdf:
        page.get_by_role("link", name="下载 PDF").click()
    assert Path(pdf.value.path()).read_bytes()[:4] == b"%PDF"

    page.goto(f"{live_server.url}/manage/supervision/?year={YEAR}")
    page.get_by_role("button", name="向逾期单位发送督办提醒").click()
    expect(page.locator(".messages")).to_contain_text("已向 1 个逾期单位发送督办提醒")

    page.context.clear_cookies()
    _login(page, live_server.url, "late_officer")
    expect(page.locator("#supervision-panel .reminder")).to_contain_text(
        f"{YEAR}年度政府信息公开工作年度报告"
    )
