"""Personal fields encrypted at rest (issue 15 point 5): what the database holds is ciphertext
and keyed hashes, never the applicant's or caller's name, ID or phone number; exact search works
through the hashes; a wrong key is a clear error, not garbage and not a traceback."""

from __future__ import annotations

import io
from contextlib import redirect_stderr, redirect_stdout

import pytest
from django.core.exceptions import FieldError
from django.db import connection

from gongkai.applications.models import Application
from gongkai.core import crypto
from gongkai.hotline.intake import earlier_tickets, possible_duplicates
from gongkai.hotline.models import Ticket
from gongkai.hotline.models.channel import Call
from tests.applications.factories import make_application, org_data, person_data, resident_id
from tests.hotline.helpers import new_ticket

pytestmark = pytest.mark.django_db

OTHER_KEY = "another-deployment-key-0123456789-abcdefghijklmnopqrstuvwxyz"
ID = resident_id(7)
PHONE = "13912345678"


def _raw_row(table: str, pk: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {table} WHERE id = %s", [pk])
        return " ".join(str(value) for value in cursor.fetchone())


@pytest.fixture
def app_a(agency_a):
    data = org_data(name="欧阳明", id_number=ID, phone=PHONE, legal_rep="司马光")
    return make_application(agency_a, data=data).application


# --- the primitives --------------------------------------------------------------------------


def test_a_value_round_trips_and_never_encrypts_the_same_way_twice():
    first, second = crypto.encrypt("张三"), crypto.encrypt("张三")
    assert first != second and "张三" not in first
    assert first.startswith(f"gk1:{crypto.keyring().current.kid}:")
    assert crypto.decrypt(first) == crypto.decrypt(second) == "张三"
    assert crypto.encrypt("") == "" == crypto.decrypt("")


def test_a_wrong_key_or_a_changed_byte_is_refused_in_chinese(settings):
    stored = crypto.encrypt("370303198001010011")
    settings.GONGKAI_FIELD_KEY = OTHER_KEY
    with pytest.raises(crypto.FieldKeyError, match="当前配置的密钥.*中没有它"):
        crypto.decrypt(stored)
    own = crypto.encrypt("张三")
    tampered = own[:-6] + ("A" if own[-6] != "A" else "B") + own[-5:]
    with pytest.raises(crypto.FieldKeyError, match="密文校验失败"):
        crypto.decrypt(tampered)
    with pytest.raises(crypto.FieldKeyError, match="不是本系统的密文"):
        crypto.decrypt("张三")


def test_an_older_key_kept_on_a_later_line_still_decrypts(settings):
    old = settings.GONGKAI_FIELD_KEY
    stored = crypto.encrypt("李四")
    settings.GONGKAI_FIELD_KEY = f"{OTHER_KEY}\n{old}"
    assert crypto.decrypt(stored) == "李四"
    assert crypto.key_id(crypto.encrypt("李四")) == crypto.derive(OTHER_KEY).kid


def test_a_short_key_is_refused():
    with pytest.raises(crypto.FieldKeyError, match="至少 32 个字符"):
        crypto.keyring_for("short")


def test_search_hashes_compare_normalised_values_per_kind():
    h = crypto.search_hash
    assert h("phone", "+86 139-1234-5678") == h("phone", "13912345678")
    assert h("phone", "0533-1234567") == h("phone", "05331234567")
    assert h("id_number", "37030319800101001x") == h("id_number", "37030319800101001X")
    assert h("name", "张 三") == h("name", "张三") != h("address", "张三")
    assert h("phone", "无") == h("name", "") == ""


# --- what the database holds ------------------------------------------------------------------


def test_the_database_never_holds_an_applicants_name_id_or_phone(app_a):
    row = _raw_row("applications_application", app_a.pk)
    # (Only values that cannot turn up by chance in base64, hex hashes or timestamps.)
    for secret in ("欧阳明", ID, PHONE, "zhangsan@example.com", "司马光", "某路1号"):
        assert secret not in row
    assert "淄博某某有限公司" in row  # the organisation stays plain (the worklist searches it)
    assert app_a.name_hash == crypto.search_hash("name", "欧阳明")
    fresh = Application.objects.get(pk=app_a.pk)
    assert (fresh.name, fresh.id_number, fresh.phone, fresh.legal_rep) == (
        "欧阳明",
        ID,
        PHONE,
        "司马光",
    )


def test_the_database_never_holds_a_callers_name_phone_or_address(agency_a):
    ticket = new_ticket(agency_a, name="诸葛亮", phone=PHONE, address="卧龙岗8号").ticket
    call = Call.objects.create(
        agency=agency_a, call_id="x1", caller=PHONE, started_at=ticket.received_at
    )
    row = _raw_row("hotline_ticket", ticket.pk) + _raw_row("hotline_call", call.pk)
    for secret in ("诸葛亮", PHONE, "卧龙岗"):
        assert secret not in row
    assert Ticket.objects.get(pk=ticket.pk).address == "卧龙岗8号"


def test_filtering_on_an_encrypted_value_is_refused_not_silently_empty(app_a):
    with pytest.raises(FieldError, match="search hash"):
        Application.objects.filter(phone=PHONE).count()
    with pytest.raises(FieldError, match="icontains"):
        Application.objects.filter(name__icontains="欧阳").count()
    assert Application.objects.filter(email="").count() == 0  # blank or not is allowed


def test_saving_only_the_phone_also_writes_its_hash(app_a):
    app_a.phone = "0533-7654321"
    app_a.save(update_fields=["phone"])
    app_a.refresh_from_db()
    assert app_a.phone_hash == crypto.search_hash("phone", "05337654321")


# --- search by exact value -------------------------------------------------------------------


def test_the_worklist_finds_an_applicant_by_exact_phone_id_or_name(app_a, client_for, officer_a):
    other = make_application(app_a.agency, data=person_data(name="欧阳锋")).application
    client = client_for(officer_a)

    def found(q):
        html = client.get("/manage/applications/", {"q": q}).content.decode()
        return {a.receipt_no for a in (app_a, other) if a.receipt_no in html}

    assert found("139 1234 5678") == {app_a.receipt_no}
    assert found(ID.lower()) == {app_a.receipt_no}
    assert found("欧阳明") == {app_a.receipt_no}
    assert found("欧阳") == set()  # no partial match on an encrypted name
    assert found("1391234") == set()


def test_the_agent_sees_the_callers_earlier_tickets_and_duplicates_by_hash(agency_a):
    first = new_ticket(agency_a, phone="138-0533-1234").ticket
    second = new_ticket(agency_a, phone="13805331234", address="别处").ticket
    same_place = new_ticket(agency_a, phone="13900000000").ticket  # the helper's address
    assert [t.pk for t in earlier_tickets(agency_a, "+86 13805331234")] == [second.pk, first.pk]
    assert set(possible_duplicates(second)) == {first}
    assert set(possible_duplicates(same_place)) == {first}  # same address and category


# --- a wrong key in operation ----------------------------------------------------------------


def test_with_a_wrong_key_pages_answer_503_in_chinese_without_details(
    app_a, client_for, officer_a, settings
):
    settings.GONGKAI_FIELD_KEY = OTHER_KEY
    page = client_for(officer_a).get(f"/manage/applications/{app_a.pk}/")
    body = page.content.decode()
    assert page.status_code == 503
    assert "加密密钥配置有误" in body
    assert (
        "Traceback" not in body and "gk1:" not in body and crypto.derive(OTHER_KEY).kid not in body
    )


def test_with_a_wrong_key_the_public_api_answers_503_in_its_error_shape(
    agency_a, client_for, settings
):
    receipt = make_application(agency_a)
    settings.GONGKAI_FIELD_KEY = OTHER_KEY
    api = client_for(None).get(
        "/api/v1/applications/track",
        {"receipt_no": receipt.application.receipt_no, "code": receipt.code},
    )
    assert api.status_code == 503
    assert "加密密钥" in api.json()["detail"] and api.json()["errors"] == {}


def test_gongkai_check_fails_on_a_wrong_key(app_a, settings):
    from gongkai.core.commands import check

    settings.GONGKAI_FIELD_KEY = OTHER_KEY
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        status = check()
    text = out.getvalue() + err.getvalue()
    assert status != 0
    assert "申请人个人信息无法解密" in text


# --- rotation --------------------------------------------------------------------------------


def test_rotation_rewrites_every_row_with_the_new_key_and_its_hashes(
    app_a, agency_a, settings, capsys
):
    from gongkai.cli import main
    from gongkai.core import fieldkeys

    ticket = new_ticket(agency_a, phone=PHONE).ticket
    old_key, old_kid = settings.GONGKAI_FIELD_KEY, crypto.keyring().current.kid
    settings.GONGKAI_FIELD_KEY = f"{OTHER_KEY}\n{old_key}"  # new key first, old kept
    new_kid = crypto.derive(OTHER_KEY).kid
    assert set(fieldkeys.status()["applications.Application"]) == {old_kid}

    done = fieldkeys.rotate()

    assert done["applications.Application"] == 1 and done["hotline.Ticket"] == 1
    assert set(fieldkeys.status()["applications.Application"]) == {new_kid}
    assert set(fieldkeys.status()["hotline.Ticket"]) == {new_kid}
    settings.GONGKAI_FIELD_KEY = OTHER_KEY  # the old line removed: everything still reads
    assert Application.objects.get(pk=app_a.pk).id_number == ID
    assert Application.objects.filter(id_number_hash=crypto.search_hash("id_number", ID)).get()
    assert [t.pk for t in earlier_tickets(agency_a, PHONE)] == [ticket.pk]
    with pytest.raises(SystemExit) as exit:
        main(["fieldkey", "status"])
    assert exit.value.code == 0
    assert f"当前密钥编号：{new_kid}" in capsys.readouterr().out
