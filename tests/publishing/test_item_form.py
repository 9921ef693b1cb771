"""The item form as an officer uses it: attachments in the same step (a refused file saves
nothing), the interpreted document limited to the body's 规章 and 规范性文件, typed paragraphs
kept on the portal, Chinese errors summarised at the top, 请选择 instead of dashes."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from docx import Document

from gongkai.publishing.forms import NewItemForm
from gongkai.publishing.models import Item, Kind
from gongkai.workflow.steps import StepError
from tests.applications.factories import html_as_pdf

from .helpers import draft, published

pytestmark = pytest.mark.django_db
URL = "/manage/publishing/items/new/"


def docx(name: str, text: str = "政务公开工作要点") -> SimpleUploadedFile:
    buf = io.BytesIO()
    document = Document()
    document.add_paragraph(text)
    document.save(buf)
    return SimpleUploadedFile(
        name,
        buf.getvalue(),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )


def form_data(agency, **extra) -> dict:
    return {
        "agency": agency.pk,
        "kind": Kind.GENERAL,
        "title": "关于政务公开工作的通知",
        "body": "第一段第一行\n第一段第二行\n\n第二段",
        "formed_on": "2026-11-20",
        "validity": "valid",
        "disclosure": "proactive",
        "own_document": "on",
        **extra,
    }


def test_item_and_its_attachments_in_one_step(client_for, officer_a, agency_a):
    files = [docx("要点.docx"), docx("附表.docx")]
    response = client_for(officer_a).post(URL, {**form_data(agency_a), "attachments": files})
    assert response.status_code == 302
    item = Item.objects.get()
    assert sorted(a.original_name for a in item.attachments.all()) == sorted(
        ["附表.docx", "要点.docx"]
    )
    assert item.body == "<p>第一段第一行<br>第一段第二行</p><p>第二段</p>"


def test_a_refused_attachment_saves_nothing(client_for, officer_a, agency_a):
    data = {**form_data(agency_a), "attachments": [docx("好.docx"), html_as_pdf()]}
    response = client_for(officer_a).post(URL, data)
    assert response.status_code == 200
    assert not Item.objects.exists()
    html = response.content.decode()
    assert "提交未成功" in html and 'href="#id_attachments"' in html


def files_on_disk() -> set[Path]:
    root = Path(settings.MEDIA_ROOT) / "publishing"
    return {p for p in root.rglob("*") if p.is_file()} if root.exists() else set()


def test_a_refused_attachment_leaves_no_file_on_disk(client_for, officer_a, agency_a):
    # the first file is written before the second is refused; the rollback must take it away
    data = {**form_data(agency_a), "attachments": [docx("好.docx"), html_as_pdf()]}
    assert client_for(officer_a).post(URL, data).status_code == 200
    assert not Item.objects.exists()
    assert files_on_disk() == set()


def test_a_failure_after_the_file_is_written_leaves_no_file(
    client_for, officer_a, agency_a, monkeypatch
):
    from gongkai.publishing import items

    real = items.scanning.extract_text

    def broken(*args, **kwargs):
        raise StepError("附件文字提取失败")

    monkeypatch.setattr(items.scanning, "extract_text", broken)
    data = {**form_data(agency_a), "attachments": [docx("好.docx")]}
    response = client_for(officer_a).post(URL, data)
    assert response.status_code == 200 and "附件文字提取失败" in response.content.decode()
    assert not Item.objects.exists()
    assert files_on_disk() == set()
    # and when nothing fails the file is kept
    monkeypatch.setattr(items.scanning, "extract_text", real)
    data["attachments"] = [docx("好.docx")]
    assert client_for(officer_a).post(URL, data).status_code == 302
    assert len(files_on_disk()) == 1


def test_typed_paragraphs_reach_the_portal(client_for, agency_a, officer_a, leader_a):
    item = published(agency_a, officer_a, leader_a, body="一、要求\n坚持公开\n\n二、任务")
    html = client_for(None).get(item.get_absolute_url()).content.decode()
    assert "<p>一、要求<br>坚持公开</p><p>二、任务</p>" in html


def test_interpretation_offers_only_rules_and_normative_documents_of_the_body(
    agency_a, agency_b, officer_a, officer_b
):
    rule = draft(agency_a, officer_a, kind=Kind.RULE, title="规章甲")
    normative = draft(agency_a, officer_a, kind=Kind.NORMATIVE, title="规范性文件甲")
    draft(agency_a, officer_a, kind=Kind.GENERAL, title="一般信息甲")
    draft(agency_b, officer_b, kind=Kind.NORMATIVE, title="乙局文件")
    from gongkai.agencies.models import Agency

    form = NewItemForm(agencies=Agency.objects.filter(pk=agency_a.pk))
    assert set(form.fields["interprets"].queryset) == {rule, normative}


def test_an_empty_form_is_explained_in_chinese(client_for, officer_a, agency_a):
    html = client_for(officer_a).post(URL, {"agency": agency_a.pk}).content.decode()
    assert "提交未成功" in html and "这个字段是必须的" in html
    assert "---------" not in html and "请选择" in html
    assert "标题：" in html and '<span class="req"' in html
    assert "<legend>基本信息</legend>" in html
