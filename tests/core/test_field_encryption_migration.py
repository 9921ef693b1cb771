"""The migrations that encrypt existing rows (applications 0008, hotline 0007) work in both
directions: forward, the plain values become ciphertext with their search hashes; backward,
they are plain again. Transactional: migrations change the schema."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from gongkai.core import crypto

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [
    ("applications", "0007_supplement_event_codes"),
    ("hotline", "0006_queue_indexes"),
]
AFTER = [
    ("applications", "0008_encrypt_personal_fields"),
    ("hotline", "0007_encrypt_personal_fields"),
]
ID = "370303198001010011"


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def _raw(sql: str) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return cursor.fetchall()


def _seed(apps) -> None:
    agency = apps.get_model("agencies", "Agency").objects.create(
        code="mig", name="迁移测试局", level="county", kind="department", path="99990001"
    )
    now = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
    Application = apps.get_model("applications", "Application")
    for i in range(3):  # more than one row; one with blanks
        Application.objects.create(
            agency=agency,
            receipt_no=f"MIG-{i}",
            code_hash="x",
            applicant_type="person",
            name=f"迁移人{i}",
            id_type="resident_id",
            id_number=ID if i == 0 else "",
            phone="0533-1234567" if i < 2 else "",
            email="m@example.com",
            address="某路1号",
            description="申请内容",
            info_form="paper",
            delivery="mail",
            channel="online",
            arrived_at=now,
            received_on=now.date(),
        )
    Ticket = apps.get_model("hotline", "Ticket")
    Ticket.objects.create(
        agency=agency,
        ticket_no="RX-MIG-1",
        code_hash="x",
        channel="phone",
        type="complaint",
        name="来电人甲",
        phone="13805331234",
        address="某小区3号楼",
        content="诉求",
        received_at=now,
        received_on=now.date(),
    )
    apps.get_model("hotline", "Call").objects.create(
        agency=agency, call_id="c1", caller="13805339999", started_at=now
    )


def test_existing_rows_are_encrypted_forward_and_decrypted_backward():
    apps = _migrate(BEFORE)
    _seed(apps)

    _migrate(AFTER)
    rows = _raw(
        "SELECT name, id_number, phone, email, name_hash, id_number_hash, phone_hash "
        "FROM applications_application ORDER BY receipt_no"
    )
    first = rows[0]
    assert all(value.startswith("gk1:") for value in first[:4])
    assert crypto.decrypt(first[0]) == "迁移人0" and crypto.decrypt(first[1]) == ID
    assert first[4:] == (
        crypto.search_hash("name", "迁移人0"),
        crypto.search_hash("id_number", ID),
        crypto.search_hash("phone", "05331234567"),
    )
    assert rows[2][2] == "" and rows[2][6] == ""  # blank stays blank, no hash
    ticket = _raw("SELECT name, phone, address, phone_hash FROM hotline_ticket")[0]
    assert "来电人甲" not in str(ticket) and "13805331234" not in str(ticket)
    assert ticket[3] == crypto.search_hash("phone", "13805331234")
    assert crypto.decrypt(_raw("SELECT caller FROM hotline_call")[0][0]) == "13805339999"
    # The live models read what the migration wrote.
    from gongkai.applications.models import Application

    assert Application.objects.get(receipt_no="MIG-0").id_number == ID

    _migrate(BEFORE)
    assert _raw("SELECT name, id_number, phone FROM applications_application ORDER BY receipt_no")[
        0
    ] == ("迁移人0", ID, "0533-1234567")
    assert _raw("SELECT name, phone, address FROM hotline_ticket") == [
        ("来电人甲", "13805331234", "某小区3号楼")
    ]
    assert _raw("SELECT caller FROM hotline_call") == [("13805339999",)]

    _migrate(AFTER)  # and forward again: leave the schema as the other tests expect it
    assert _raw("SELECT phone FROM hotline_ticket")[0][0].startswith("gk1:")
