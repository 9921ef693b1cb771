"""The report's long texts: editors sized for what they hold, a refused save keeping everything
typed, and the lines typed by the officer reaching the published report as paragraphs."""

import pytest
from django.test import Client

from gongkai.core.editor import rows_for
from gongkai.reports import services
from gongkai.reports.models import Report

pytestmark = pytest.mark.django_db
LONG = "本年度，本机关坚持以公开为常态、不公开为例外。" * 30  # about 700 characters


def test_editor_rows_follow_the_length_of_the_text():
    assert rows_for("") == 6
    assert rows_for("\n".join(["一段"] * 12)) == 15
    assert rows_for(LONG) > rows_for("短") and rows_for(LONG * 10) == 40


def _post_sections(client, report, texts, **figures):
    headings = [
        h
        for h, _ in report.sections
        or services.build(report.agency, report.year, report.format).data.sections
    ]
    data = {
        "section_heading": headings,
        "section_text": texts + [""] * (len(headings) - len(texts)),
    }
    data.update({f"f:{k}": v for k, v in figures.items()})
    return client.post(f"/manage/reports/{report.pk}/", data)


def test_typed_paragraphs_reach_the_published_report(client_for, agency_a, officer_a, leader_a):
    report = services.get_or_create_report(agency_a, 2017, actor=officer_a)
    text = "第一段：主动公开情况。\r\n第二段：依申请公开情况。\r\n\r\n第三段：存在的问题。"
    response = _post_sections(client_for(officer_a), report, [text, LONG])
    assert response.status_code == 302
    page = client_for(officer_a).get(f"/manage/reports/{report.pk}/").content.decode()
    assert 'class="editor"' in page and f'rows="{rows_for(LONG)}"' in page
    assert 'for="section-1"' in page  # each editor has a visible label: its heading
    report = Report.objects.get(pk=report.pk)
    for action, user in (("submit", officer_a), ("review", leader_a), ("approve", leader_a)):
        report = services.transition(report, action, user)
    services.transition(report, "publish", leader_a)
    public = Client().get(f"/xxgk/{agency_a.code}/ndbg/2017/").content.decode()
    for para in ("第一段：主动公开情况。", "第二段：依申请公开情况。", "第三段：存在的问题。"):
        assert f"<p>{para}</p>" in public


def test_a_refused_figure_keeps_the_typed_sections_and_saves_nothing(
    client_for, agency_a, officer_a
):
    report = services.get_or_create_report(agency_a, 2017, actor=officer_a)
    before = list(Report.objects.get(pk=report.pk).sections or [])
    response = _post_sections(
        client_for(officer_a), report, ["刚刚写好的正文"], **{"archive.total": "十二"}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "error-summary" in page and "刚刚写好的正文" in page and 'value="十二"' in page
    assert list(Report.objects.get(pk=report.pk).sections or []) == before
