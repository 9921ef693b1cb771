"""Helpers that make requests the way the platform does (through the services)."""

from __future__ import annotations

import io
from datetime import date, datetime, time

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from stdnum.cn import ric, uscc

from gongkai.applications import services
from gongkai.applications.choices import ApplicationChannel


def resident_id(seq: int = 1, birth: str = "19800101") -> str:
    body = f"370303{birth}{seq % 1000:03d}"
    return body + ric.calc_check_digit(body + "0")


def uscc_code(seq: int = 1) -> str:
    body = f"91370303MA3{seq:06d}"[:17]
    return body + uscc.calc_check_digit(body)


def person_data(**overrides) -> dict:
    data = {
        "applicant_type": "person",
        "name": "张三",
        "id_type": "resident_id",
        "id_number": resident_id(),
        "phone": "0533-1234567",
        "email": "zhangsan@example.com",
        "address": "山东省淄博市周村区某路1号",
        "postcode": "255300",
        "description": "2024年度本机关国有土地使用权出让计划文件",
        "purpose": "",
        "info_form": "electronic",
        "delivery": "email",
    }
    data.update(overrides)
    return data


def org_data(kind: str = "business", **overrides) -> dict:
    data = person_data(
        applicant_type=kind,
        org_name="淄博某某有限公司",
        uscc=uscc_code(),
        legal_rep="李四",
        contact_person="王五",
    )
    data.update(overrides)
    return data


def pdf_file(name: str = "身份证明.pdf", size: int = 2000) -> SimpleUploadedFile:
    body = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n" + b"0" * max(0, size - 20) + b"\n%%EOF\n"
    return SimpleUploadedFile(name, body, content_type="application/pdf")


def html_as_pdf(name: str = "伪装.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(
        name, b"<!doctype html><html><body>not a pdf</body></html>", content_type="application/pdf"
    )


def png_file(name: str = "scan.png") -> SimpleUploadedFile:
    buf = io.BytesIO(b"\x89PNG\r\n\x1a\n" + b"\x00" * 100)
    return SimpleUploadedFile(name, buf.getvalue(), content_type="image/png")


def make_application(
    agency,
    received: date | None = None,
    channel: str = ApplicationChannel.ONLINE,
    data: dict | None = None,
    files=(),
    **kwargs,
):
    arrived = None
    if received is not None:
        arrived = timezone.make_aware(datetime.combine(received, time(10, 0)))
    confirmed = (
        received
        if channel in ApplicationChannel.needing_confirmation()
        and channel != ApplicationChannel.ONLINE
        else None
    )
    return services.submit(
        agency,
        data or person_data(),
        files,
        channel=channel,
        arrived_at=arrived,
        confirmed_on=confirmed,
        **{"actor": None, **kwargs},  # the public applies, unless the test names a clerk
    )
