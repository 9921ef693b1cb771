"""The applicant follows the request with receipt number and code; nobody else can."""

from datetime import date

import pytest

from gongkai.applications import letters, services, tracking
from gongkai.applications.choices import ApplicationStatus, Outcome
from gongkai.applications.models import Application
from gongkai.core import codes

from .factories import make_application, person_data

pytestmark = pytest.mark.django_db


def track(client, agency, receipt_no, code, **extra):
    return client.post(
        f"/xxgk/{agency.code}/ysqgk/cx/", {"receipt_no": receipt_no, "code": code}, **extra
    )


def test_the_right_code_opens_the_status_page_with_the_letters(client, agency_a, officer_a):
    receipt = make_application(agency_a, date(2025, 3, 3))
    app = receipt.application
    services.reply(
        app,
        outcome=Outcome.GRANTED,
        text="予以公开，见附件。",
        actor=officer_a,
        on=date(2025, 3, 10),
    )
    response = track(client, agency_a, app.receipt_no.lower(), receipt.code.lower())
    assert response.status_code == 302
    page = client.get(response["Location"])
    html = page.content.decode()
    assert "已办结" in html and "政府信息公开申请答复书" in html
    det = app.determinations.get(kind="reply")
    pdf = client.get(f"/xxgk/{agency_a.code}/ysqgk/cx/{app.receipt_no}/letters/{det.pk}.pdf")
    assert pdf.status_code == 200 and pdf.content[:5] == b"%PDF-"


def test_the_status_page_shows_no_personal_data(client, agency_a):
    receipt = make_application(agency_a, date(2025, 3, 3))
    app = receipt.application
    track(client, agency_a, app.receipt_no, receipt.code)
    html = client.get(f"/xxgk/{agency_a.code}/ysqgk/cx/{app.receipt_no}/").content.decode()
    for private in (app.name, app.id_number, app.phone, app.email, app.address):
        assert private not in html


def test_a_wrong_code_and_an_unknown_number_get_the_same_answer(client, agency_a):
    receipt = make_application(agency_a)
    wrong_code = track(client, agency_a, receipt.application.receipt_no, "AAAAAAAA")
    unknown = track(client, agency_a, "YSQ-NOPE-2025-00001", receipt.code)
    assert wrong_code.status_code == unknown.status_code == 200
    assert tracking.WRONG_MESSAGE in wrong_code.content.decode()

    def strip(r):
        html = r.content.decode().replace(receipt.application.receipt_no, "X")
        return html.replace("YSQ-NOPE-2025-00001", "X")

    assert (
        strip(wrong_code).split("csrfmiddlewaretoken")[0]
        == strip(unknown).split("csrfmiddlewaretoken")[0]
    )


def test_the_status_page_cannot_be_opened_without_the_code(client, agency_a):
    app = make_application(agency_a).application
    page = client.get(f"/xxgk/{agency_a.code}/ysqgk/cx/{app.receipt_no}/")
    assert 'id="status"' not in page.content.decode() and "查询码" in page.content.decode()


def test_repeated_guessing_from_one_address_is_throttled_even_with_the_right_code(client, agency_a):
    receipt = make_application(agency_a)
    no = receipt.application.receipt_no
    for _ in range(tracking.TRACK_PER_CLIENT.limit):
        track(client, agency_a, no, "WRONG123")
    response = track(client, agency_a, no, receipt.code)
    assert response.status_code == 429
    assert "查询失败次数过多，请15分钟后再试" in response.content.decode()
    assert 0 < int(response["Retry-After"]) <= 900


def test_guessing_many_numbers_from_one_address_is_throttled(client, agency_a):
    for i in range(tracking.TRACK_PER_CLIENT.limit):
        track(client, agency_a, f"YSQ-X-2025-{i:05d}", "WRONG123")
    receipt = make_application(agency_a)
    assert track(client, agency_a, receipt.application.receipt_no, receipt.code).status_code == 429


def test_a_stranger_guessing_does_not_lock_out_the_applicant(client, agency_a):
    receipt = make_application(agency_a)
    no = receipt.application.receipt_no
    for _ in range(10):
        track(client, agency_a, no, "WRONG123", REMOTE_ADDR="203.0.113.9")
    assert track(client, agency_a, no, "WRONG123", REMOTE_ADDR="203.0.113.9").status_code == 429
    applicant = track(client, agency_a, no, receipt.code, REMOTE_ADDR="198.51.100.7")
    assert applicant.status_code == 302


def test_guessing_one_receipt_from_many_addresses_meets_a_growing_delay(agency_a):
    import time_machine

    receipt = make_application(agency_a)
    no = receipt.application.receipt_no
    rule = tracking.TRACK_PER_RECEIPT
    with time_machine.travel("2026-03-02 09:00:00 +0800", tick=False) as clock:
        for i in range(rule.delay_after):
            assert not tracking.check(no, "WRONG123", f"10.0.{i}.1").throttled
        waits = []
        for i in range(4):
            result = tracking.check(no, "WRONG123", f"10.1.{i}.1")
            assert result.throttled
            waits.append(result.retry_after)
            clock.shift(result.retry_after)
            assert not tracking.check(no, "WRONG123", f"10.2.{i}.1").throttled
        assert waits == [2, 4, 8, 16]
        # once the delay has passed, the applicant with the right code gets in
        clock.shift(60)
        assert tracking.check(no, receipt.code, "10.9.9.9").application is not None


def test_the_address_comes_from_the_trusted_proxy_header_only(client, agency_a, settings):
    settings.GONGKAI_TRUSTED_PROXIES = ["127.0.0.1"]
    settings.GONGKAI_CLIENT_IP_HEADER = "X-Forwarded-For"
    receipt = make_application(agency_a)
    no = receipt.application.receipt_no
    for _ in range(tracking.TRACK_PER_CLIENT.limit):
        track(
            client, agency_a, no, "WRONG", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="1.1.1.1"
        )
    # the same proxy, another client behind it: not throttled
    behind = track(
        client, agency_a, no, receipt.code, REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="2.2.2.2"
    )
    assert behind.status_code == 302
    # a client that is not the proxy cannot choose its address with the header
    for _ in range(tracking.TRACK_PER_CLIENT.limit):
        track(client, agency_a, no, "WRONG", REMOTE_ADDR="5.5.5.5", HTTP_X_FORWARDED_FOR="6.6.6.6")
    spoofed = track(
        client, agency_a, no, receipt.code, REMOTE_ADDR="5.5.5.5", HTTP_X_FORWARDED_FOR="7.7.7.7"
    )
    assert spoofed.status_code == 429


def test_the_check_does_one_hmac_for_unknown_numbers_too(agency_a, monkeypatch):
    receipt = make_application(agency_a)
    calls = []
    real = codes.code_hash
    monkeypatch.setattr(codes, "code_hash", lambda *p, code: calls.append(p) or real(*p, code=code))
    tracking.check("YSQ-UNKNOWN", "ABCDEFGH", "1.2.3.4")
    tracking.check(receipt.application.receipt_no, "ABCDEFGH", "1.2.3.4")
    assert calls == [("YSQ-UNKNOWN",), (receipt.application.receipt_no,)]


def test_the_applicant_supplements_on_the_tracking_page(client, agency_a, officer_a):
    receipt = make_application(agency_a)
    app = receipt.application
    services.notify_supplement(app, text="请写明文号", days=10, actor=officer_a)
    track(client, agency_a, app.receipt_no, receipt.code)
    page = client.get(f"/xxgk/{agency_a.code}/ysqgk/cx/{app.receipt_no}/")
    assert "请写明文号" in page.content.decode()
    response = client.post(
        f"/xxgk/{agency_a.code}/ysqgk/cx/{app.receipt_no}/supplement/",
        {"text": "文号为淄自然资〔2025〕1号"},
    )
    assert response.status_code == 302
    app = Application.objects.get(pk=app.pk)
    assert app.status == ApplicationStatus.OPEN and app.due_on is not None
    assert app.determinations.filter(kind="supplement_received", text__contains="淄自然资").exists()


def test_the_api_tracks_with_the_code_and_refuses_without(client, agency_a):
    receipt = make_application(agency_a, data=person_data())
    app = receipt.application
    ok = client.get(
        "/api/v1/applications/track", {"receipt_no": app.receipt_no, "code": receipt.code}
    )
    assert ok.status_code == 200
    assert ok.json()["due_on"] == app.due_on.isoformat() and ok.json()["status"] == "open"
    bad = client.get(
        "/api/v1/applications/track", {"receipt_no": app.receipt_no, "code": "XXXXXXXX"}
    )
    assert bad.status_code == 404 and bad.json()["detail"] == tracking.WRONG_MESSAGE


def test_every_public_page_of_a_request_passes_the_privacy_scanner(client, agency_a, officer_a):
    from gongkai.rules.privacy import scan_html

    data = person_data(phone="13912345678", email="someone@example.com")
    response = client.post(f"/xxgk/{agency_a.code}/ysqgk/", data)
    app = Application.objects.get()
    services.notify_supplement(app, text="请补正", days=5, actor=officer_a)
    allow = agency_a.published_contacts()
    pages = [
        f"/xxgk/{agency_a.code}/ysqgk/",
        response["Location"],
        f"/xxgk/{agency_a.code}/ysqgk/cx/",
        f"/xxgk/{agency_a.code}/ysqgk/cx/{app.receipt_no}/",
    ]
    for url in pages:
        page = client.get(url)
        assert page.status_code == 200, url
        assert scan_html(page.content.decode(), allow=allow) == [], url


def test_a_consultation_letter_goes_to_the_party_and_never_to_the_applicant(
    client, agency_a, officer_a
):
    data = person_data(description="本人张三，请公开我家隔壁化工厂2024年的排污监测数据")
    receipt = make_application(agency_a, date(2025, 3, 3), data=data)
    app = receipt.application
    det = services.start_consultation(
        app, party="淄博某某化工有限公司", text="该公司2024年排污监测数据。", actor=officer_a,
        on=date(2025, 3, 10),
    )  # fmt: skip
    text = letters.docx_text(det.letter.read())
    assert text.startswith("政府信息公开征求意见书")
    assert "淄博某某化工有限公司：" in text and "第三十二条" in text and "排污监测数据" in text
    # The party does not learn who asked: neither the name nor the applicant's own words.
    for private in ("张三", data["id_number"], "隔壁", data["address"], data["email"]):
        assert private not in text
    # The applicant's status page, letter download and API list none of it.
    response = track(client, agency_a, app.receipt_no, receipt.code)
    html = client.get(response["Location"]).content.decode()
    assert "政府信息公开征求意见书" not in html and "淄博某某化工有限公司" not in html
    url = f"/xxgk/{agency_a.code}/ysqgk/cx/{app.receipt_no}/letters/{det.pk}.pdf"
    assert client.get(url).status_code == 404
    api = client.get(
        "/api/v1/applications/track/letters/"
        f"{det.pk}?receipt_no={app.receipt_no}&code={receipt.code}"
    )
    assert api.status_code == 404


def test_a_consultation_of_another_organ_cites_article_34(agency_a, officer_a):
    app = make_application(agency_a, date(2025, 3, 3)).application
    det = services.start_consultation(
        app,
        party="淄博市生态环境局",
        party_kind="organ",
        text="两机关联合发布的通知",
        actor=officer_a,
        on=date(2025, 3, 10),
    )
    text = letters.docx_text(det.letter.read())
    assert "第三十四条" in text and "视为同意公开" in text and "第三十二条" not in text
