"""The monthly 运行分析报告: its figures equal the tickets behind them, the DOCX opens in
LibreOffice, the PDF carries the same numbers, and publishing makes a draft item."""

import io
import shutil
import subprocess

import pytest
import time_machine
from django.test import Client
from docx import Document

from gongkai.hotline.analysis.data import monthly
from gongkai.hotline.analysis.document import render_docx, render_pdf
from gongkai.hotline.services import ASSIGNMENT, TICKET
from gongkai.publishing.models import Item

from .helpers import new_ticket

pytestmark = pytest.mark.django_db


@pytest.fixture
def november(agency_a, agency_b, officer_a, officer_b):
    """Four tickets in November 2026: one answered at once, three dispatched to agency_b, of
    which two replied (one caller satisfied, one not) and one still open."""
    with time_machine.travel("2026-11-03 09:00 +0800", tick=False):
        direct = new_ticket(agency_a, actor=officer_a, type="consult").ticket
        TICKET.run(
            "answer", direct, {"answer": "社保卡补办请携带身份证到服务大厅。"}, actor=officer_a
        )
        dispatched = []
        for n in range(3):
            t = new_ticket(agency_a, actor=officer_a, phone=f"1380533000{n}").ticket
            TICKET.run("dispatch", t, {"body": agency_b.pk}, actor=officer_a)
            dispatched.append(t)
    with time_machine.travel("2026-11-04 10:00 +0800", tick=False):
        for t in dispatched[:2]:
            asg = t.assignments.get()
            ASSIGNMENT.run("sign", asg, actor=officer_b)
            asg.refresh_from_db()
            ASSIGNMENT.run("reply", asg, {"reply": "已处理。"}, actor=officer_b)
    with time_machine.travel("2026-11-05 10:00 +0800", tick=False):
        for t in dispatched:
            t.refresh_from_db()
        TICKET.run("callback", dispatched[0], {"result": "satisfied"}, actor=officer_a)
        TICKET.run("callback", dispatched[1], {"result": "dissatisfied"}, actor=officer_a)
    return direct, dispatched


def test_the_figures_are_the_tickets_behind_them(november, agency_a, agency_b):
    report = monthly(agency_a, 2026, 11)
    assert report.current["received"] == 4 and report.last_month["received"] == 0
    assert report.mom is None  # nothing to compare with, never a made-up 0%
    assert report.current["direct_rate"] == 0.25
    assert report.current["reply_rate"] == round(2 / 3, 4)
    assert report.current["satisfaction_rate"] == 0.5
    (body,) = report.bodies
    assert (body.name, body.dispatched, body.replied) == (agency_b.name, 3, 2)
    (flagged, reasons) = report.flagged[0]
    assert flagged.name == agency_b.name and any("满意率 50.0%" in r for r in reasons)
    assert report.hot_spots[0]["name"] == "住房保障" and report.hot_spots[0]["count"] == 4


def test_the_docx_opens_and_the_pdf_says_the_same(november, agency_a, tmp_path):
    report = monthly(agency_a, 2026, 11)
    docx = render_docx(report)
    text = "\n".join(p.text for p in Document(io.BytesIO(docx)).paragraphs)
    assert report.title in text and "共受理群众诉求4件" in text and "满意率50.0%" in text
    assert len(Document(io.BytesIO(docx)).inline_shapes) == 3  # the three charts
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice is installed by scripts/install-system-deps"
    (tmp_path / "r.docx").write_bytes(docx)
    subprocess.run(
        [
            soffice,
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(tmp_path / "r.docx"),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    assert (tmp_path / "r.pdf").stat().st_size > 1000
    (tmp_path / "w.pdf").write_bytes(render_pdf(report))
    pdf_text = subprocess.run(
        ["pdftotext", str(tmp_path / "w.pdf"), "-"], capture_output=True, check=True, text=True
    ).stdout
    assert "共受理群众诉求4件" in pdf_text.replace("\n", "") and "需要关注的单位" in pdf_text


def test_publishing_makes_a_draft_item_with_the_pdf(november, agency_a, officer_a, reviewer_a):
    client = Client()
    client.force_login(officer_a)
    page = client.get("/manage/hotline/analysis/?year=2026&month=11")
    assert page.status_code == 200 and "共受理群众诉求4件" in page.content.decode()
    assert client.get("/manage/hotline/analysis/?year=2026&month=13").status_code == 404
    download = client.get("/manage/hotline/analysis/?year=2026&month=11&format=pdf")
    assert download.content.startswith(b"%PDF")
    reviewer = Client()
    reviewer.force_login(reviewer_a)
    assert (
        reviewer.post("/manage/hotline/analysis/", {"year": 2026, "month": 11}).status_code == 403
    )
    response = client.post("/manage/hotline/analysis/", {"year": 2026, "month": 11})
    item = Item.objects.get()
    assert response.status_code == 302 and item.status == "draft"
    assert item.title.endswith("（2026年11月）") and item.attachments.get().extension == "pdf"
