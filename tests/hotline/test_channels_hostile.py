"""Hostile values through the hotline's machine channels (issue 15, point 1): the WeChat push
XML and the Open311 POST. Never a 500; at most one ticket per message; what is stored reads back."""

import re

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.hotline.models import PartnerSystem, Ticket
from tests.hotline.test_open311 import REQUEST
from tests.hotline.test_wechat import TOKEN, FakeWeChat

pytestmark = pytest.mark.django_db

HYPOTHESIS = settings(
    max_examples=25, deadline=None, suppress_health_check=list(HealthCheck), database=None
)
hostile = st.one_of(
    st.text(max_size=200),
    st.sampled_from(
        ["\x00", "1" * 40, str(2**63), "-1", "a" * 20000, "\u202eمرحبا😀", "]]></Content>", ""]
    ),
)


@HYPOTHESIS
@given(content=hostile, msg_id=hostile)
def test_a_wechat_push_answers_any_content(agency_a, settings, content, msg_id):
    settings.GONGKAI_WECHAT_TOKEN = TOKEN
    before = Ticket.objects.count()
    response = FakeWeChat(Client(), f"/hotline/wechat/{agency_a.code}/").text(content, msg_id)
    assert response.status_code < 500
    assert Ticket.objects.count() - before in (0, 1)
    list(Ticket.objects.values_list("content", "phone"))


@HYPOTHESIS
@given(body=st.one_of(st.binary(max_size=300), hostile.map(str.encode)))
def test_a_wechat_push_answers_any_body(agency_a, settings, body):
    settings.GONGKAI_WECHAT_TOKEN = TOKEN
    fake = FakeWeChat(Client(), f"/hotline/wechat/{agency_a.code}/")
    response = fake.client.post(f"{fake.url}?{fake.query()}", body, content_type="text/xml")
    assert response.status_code < 500
    assert not Ticket.objects.exists()


@HYPOTHESIS
@given(
    field=st.sampled_from(
        ["service_code", "attribute[type]", "description", "first_name", "phone",
         "address_string", "lat", "long", "email"]
    ),
    value=hostile,
    fmt=st.sampled_from(["json", "xml"]),
)  # fmt: skip
def test_an_open311_request_answers_any_value(agency_a, field, value, fmt):
    key = PartnerSystem.issue(agency_a, "市级平台", PartnerSystem.Kind.OPEN311)[1]
    data = {"api_key": key, **REQUEST, field: value}
    before = Ticket.objects.count()
    response = Client().post(f"/open311/v2/requests.{fmt}", data)
    assert response.status_code < 500
    assert Ticket.objects.count() - before in (0, 1)
    list(Ticket.objects.values_list("content", "phone", "address"))


@HYPOTHESIS
@given(
    raw=st.one_of(
        st.binary(max_size=400),
        st.builds(
            lambda subject, sender, body, date: (
                f"From: {sender}\r\nSubject: {subject}\r\nDate: {date}\r\n"
                f"Message-ID: <{abs(hash(body))}@x>\r\n\r\n{body}"
            ).encode("utf-8", "surrogatepass"),
            hostile,
            hostile,
            hostile,
            st.sampled_from(["Mon, 31 Dec 9999 23:59:59 +0800", "0", "", "Tue, 1 Jan 0000 00:00"]),
        ),
    )
)
def test_an_eml_file_of_any_content_is_imported_or_refused_in_chinese(
    agency_a, officer_a, tmp_path_factory, raw
):
    from gongkai.core.errors import BadInput
    from gongkai.hotline.channels.mail import import_mail

    path = tmp_path_factory.mktemp("mail") / "m.eml"
    path.write_bytes(raw)
    before = Ticket.objects.count()
    try:
        import_mail(agency_a, path, officer_a)
    except BadInput as exc:
        assert re.search(r"[\u4e00-\u9fff]", str(exc))
    assert Ticket.objects.count() - before in (0, 1)
    list(Ticket.objects.values_list("content", "name"))
