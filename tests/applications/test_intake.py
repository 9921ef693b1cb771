"""Intake on the public page, the staff registration page and the API."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.applications import clock
from gongkai.applications.models import Application, ApplicationFile
from gongkai.core.codes import code_hash
from gongkai.core.uploads import APPLICATION_ATTACHMENT
from gongkai.rules import clock as rules

from .factories import html_as_pdf, org_data, pdf_file, person_data, png_file, resident_id

MAX_SIZE = APPLICATION_ATTACHMENT.max_mb * 1024 * 1024
pytestmark = pytest.mark.django_db


def files_on_disk() -> set[Path]:
    root = Path(settings.MEDIA_ROOT) / "applications"
    return {p for p in root.rglob("*") if p.is_file()} if root.exists() else set()


def apply_url(agency) -> str:
    return f"/xxgk/{agency.code}/ysqgk/"


def test_a_citizen_applies_online_and_sees_receipt_number_code_and_due_date(client, agency_a):
    response = client.post(
        apply_url(agency_a), {**person_data(), "attachments": [pdf_file(), png_file()]}
    )
    assert response.status_code == 302
    page = client.get(response["Location"])
    app = Application.objects.get()
    assert app.receipt_no in page.content.decode()
    code = page.context["code"]
    assert len(code) == 8 and code not in app.code_hash
    assert app.code_hash == code_hash(app.receipt_no, code=code)
    expected = rules.explain(clock.events_of(app), clock.current_calendar()).due_date
    assert app.due_on == expected
    assert f"{expected.year}年{expected.month}月{expected.day}日" in page.content.decode()
    assert app.attachments.count() == 2
    assert all(Path(a.file.path).is_file() for a in app.attachments.all())
    assert str(settings.STATIC_ROOT) not in app.attachments.first().file.path


def test_receipt_numbers_are_sequential_and_unique_per_agency_and_year(agency_a, agency_b):
    from .factories import make_application

    a1 = make_application(agency_a).application.receipt_no
    a2 = make_application(agency_a).application.receipt_no
    b1 = make_application(agency_b).application.receipt_no
    assert a1.endswith("-00001") and a2.endswith("-00002") and b1.endswith("-00001")
    assert len({a1, a2, b1}) == 3


def test_an_organisation_applies_with_its_credit_code(client, agency_a):
    response = client.post(apply_url(agency_a), org_data("research"))
    assert response.status_code == 302
    app = Application.objects.get()
    assert app.applicant_type == "research" and app.org_name and len(app.uscc) == 18


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("name", "", "请填写申请人姓名"),
        ("id_number", "", "请填写证件号码"),
        ("phone", "", "请填写联系电话"),
        ("description", "", "请填写所需政府信息的名称、文号或其他特征描述"),
        ("delivery", "", "请选择获取信息的方式"),
        ("info_form", "", "请选择信息的提供形式"),
        ("id_number", "370303198001010010", "居民身份证号码无效"),
        ("id_number", "12345", "居民身份证号码应为18位"),
    ],
)
def test_missing_or_invalid_article_29_content_gives_a_chinese_message_and_stores_nothing(
    client, agency_a, field, value, message
):
    data = person_data(**{field: value})
    response = client.post(apply_url(agency_a), {**data, "attachments": [pdf_file()]})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert message in " ".join(response.context["form"].errors[field])
    assert not Application.objects.exists() and not ApplicationFile.objects.exists()
    assert files_on_disk() == set()


def test_an_organisation_without_name_and_credit_code_is_told_both(client, agency_a):
    response = client.post(apply_url(agency_a), org_data(org_name="", uscc=""))
    errors = response.context["form"].errors
    assert "单位名称" in errors["org_name"][0] and "统一社会信用代码" in errors["uscc"][0]
    assert not Application.objects.exists()


def test_an_oversized_attachment_is_refused_and_nothing_is_stored(client, agency_a):
    big = SimpleUploadedFile(
        "大文件.pdf", b"%PDF-1.4\n" + b"0" * (MAX_SIZE + 1), content_type="application/pdf"
    )
    response = client.post(apply_url(agency_a), {**person_data(), "attachments": [pdf_file(), big]})
    assert response.status_code == 200
    assert "超过10MB的上限" in response.content.decode()
    assert not Application.objects.exists() and not ApplicationFile.objects.exists()
    assert files_on_disk() == set()


def test_an_html_file_renamed_pdf_is_refused(client, agency_a):
    response = client.post(apply_url(agency_a), {**person_data(), "attachments": [html_as_pdf()]})
    assert response.status_code == 200
    assert "内容与扩展名.pdf不符" in response.content.decode()
    assert not Application.objects.exists()
    assert files_on_disk() == set()


def test_a_failure_after_files_were_written_leaves_no_file_behind(agency_a, monkeypatch):
    from gongkai.applications import services

    def boom(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(services, "audit", boom)
    with pytest.raises(RuntimeError):
        services.submit(agency_a, person_data(), [pdf_file()], actor=None)
    assert not Application.objects.exists() and files_on_disk() == set()


def test_the_receipt_can_be_downloaded_as_docx_and_pdf_after_applying(client, agency_a):
    client.post(apply_url(agency_a), person_data())
    docx = client.get(f"/xxgk/{agency_a.code}/ysqgk/done/receipt.docx")
    pdf = client.get(f"/xxgk/{agency_a.code}/ysqgk/done/receipt.pdf")
    assert docx.status_code == 200 and docx.content[:2] == b"PK"
    assert pdf.status_code == 200 and pdf.content[:5] == b"%PDF-"
    from gongkai.applications.letters import docx_text

    text = docx_text(docx.content)
    app = Application.objects.get()
    assert app.receipt_no in text and "查询码" in text


def test_the_api_accepts_a_request_and_returns_iso_dates(client, agency_a):
    payload = {
        k: v for k, v in person_data().items() if k not in ("info_form", "purpose", "postcode")
    }
    response = client.post(
        "/api/v1/applications",
        {**payload, "agency": agency_a.code},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    app = Application.objects.get(receipt_no=body["receipt_no"])
    assert (
        body["received_on"] == app.received_on.isoformat()
        and body["due_on"] == app.due_on.isoformat()
    )
    assert app.check_code(body["verification_code"])
    assert "\\u" not in response.content.decode()


def test_the_api_names_each_bad_field_in_chinese(client, agency_a):
    response = client.post(
        "/api/v1/applications",
        {
            "agency": "nope",
            "applicant_type": "person",
            "id_type": "resident_id",
            "id_number": resident_id()[:17] + "0",
        },
        content_type="application/json",
    )
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert errors["agency"] == ["受理机关“nope”不存在"]
    assert errors["name"] == ["请填写申请人姓名"]
    assert "请填写所需政府信息" in errors["description"][0]
    assert not Application.objects.exists()


def test_the_api_is_in_the_openapi_document(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/applications" in schema["paths"]
    assert "/api/v1/applications/track" in schema["paths"]


def test_staff_register_an_oral_request_in_person(client_for, officer_a, agency_a):
    client = client_for(officer_a)
    data = {
        **person_data(),
        "channel": "in_person",
        "oral": "on",
        "arrived_on": "2025-03-03",
        "agency": agency_a.code,
    }
    response = client.post("/manage/applications/new/", data)
    assert response.status_code == 302, response.context and response.context["form"].errors
    app = Application.objects.get()
    assert app.channel == "in_person" and app.oral and app.received_on.isoformat() == "2025-03-03"
    assert app.registered_by == officer_a
    page = client.get(response["Location"])
    code = page.context["new_code"]
    assert code and app.check_code(code)
    from gongkai.applications.letters import docx_text

    receipt = client.get(f"/manage/applications/{app.pk}/receipt.docx")
    assert f"查询码：{code}" in docx_text(receipt.content)
    other = client_for(officer_a).get(f"/manage/applications/{app.pk}/receipt.docx")
    assert code not in docx_text(other.content)  # another session never sees it


def test_staff_must_give_the_confirmation_date_of_a_fax(client_for, officer_a, agency_a):
    client = client_for(officer_a)
    data = {**person_data(), "channel": "fax", "arrived_on": "2025-03-03", "agency": agency_a.code}
    response = client.post("/manage/applications/new/", data)
    assert response.status_code == 200
    assert "确认日期" in " ".join(response.context["form"].errors["confirmed_on"])
    assert not Application.objects.exists()
