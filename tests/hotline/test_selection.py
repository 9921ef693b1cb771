"""留言选登: a consented, answered ticket is published on the portal only through a reviewer's
step that edits the public text; personal data never reaches the pages."""

from __future__ import annotations

import re

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gongkai.audit.models import Event
from gongkai.hotline.models import PublicReply, Ticket
from gongkai.hotline.selection import PublishForm
from gongkai.hotline.services import TICKET
from gongkai.workflow.steps import StepError
from tests.privacy import assert_no_personal_data

from .helpers import new_ticket

pytestmark = pytest.mark.django_db

CALLER = ("李四", "13805331234", "周村区某小区3号楼")
PUBLIC = {
    "title": "小区垃圾清运不及时",
    "question": "小区物业长期不清运垃圾，影响居民生活，希望有关部门督促解决。",
    "answer": "经核实，已责成物业公司每日清运，街道将定期检查。",
}


def answered(agency, officer, **overrides) -> Ticket:
    t = new_ticket(agency, type="consult", **{"public_consent": True, **overrides}).ticket
    TICKET.run("answer", t, {"answer": "已责成物业公司每日清运。李四您好"}, actor=officer)
    t.refresh_from_db()
    return t


def list_url(agency) -> str:
    return f"/xxgk/{agency.code}/rx/xd/"


def test_the_portal_form_stores_the_callers_consent(client, agency_a):
    base = {"phone": "13700002222", "type": "suggestion", "content": "建议增设公交站点。"}
    client.post(f"/xxgk/{agency_a.code}/rx/", base)
    client.post(f"/xxgk/{agency_a.code}/rx/", {**base, "public_consent": "on"})
    assert list(Ticket.objects.order_by("id").values_list("public_consent", flat=True)) == [
        False,
        True,
    ]
    page = client.get(f"/xxgk/{agency_a.code}/rx/").content.decode()
    assert 'name="public_consent"' in page and "留言选登" in page


def test_the_form_starts_from_the_recorded_text(agency_a, officer_a):
    t = answered(agency_a, officer_a)
    initial = PublishForm.initial_for(t)
    assert initial["question"] == t.content and initial["answer"] == t.reply


def test_a_reviewer_publishes_the_edited_text_and_the_portal_shows_it(
    client, agency_a, officer_a, reviewer_a
):
    t = answered(agency_a, officer_a)
    with pytest.raises(PermissionDenied):  # an officer may not approve publication
        TICKET.run("publish", t, PUBLIC, actor=officer_a)
    TICKET.run("publish", t, PUBLIC, actor=reviewer_a)
    reply = PublicReply.objects.get()
    assert (reply.title, reply.question, reply.answer) == tuple(PUBLIC.values())
    assert reply.approved_by == reviewer_a and reply.agency == agency_a
    event = Event.objects.filter(action="hotline.ticket.publish").get()
    assert event.actor == reviewer_a and event.object_id == str(t.pk)
    listing = client.get(list_url(agency_a)).content.decode()
    assert PUBLIC["title"] in listing
    detail = client.get(f"{list_url(agency_a)}{reply.pk}/")
    html = detail.content.decode()
    assert PUBLIC["question"] in html and PUBLIC["answer"] in html
    for page in (listing, html):
        assert_no_personal_data(page, list_url(agency_a))
        assert not any(secret in page for secret in CALLER)
        assert t.ticket_no not in page  # the number would let anyone link it to the caller
    # and the ticket page offers withdrawal, which takes it off the portal
    TICKET.run("unpublish", t, {"reason": "来电人撤回同意"}, actor=reviewer_a)
    assert client.get(f"{list_url(agency_a)}{reply.pk}/").status_code == 404
    assert PUBLIC["title"] not in client.get(list_url(agency_a)).content.decode()
    assert Event.objects.filter(action="hotline.ticket.unpublish").count() == 1


@pytest.mark.parametrize(
    ("field", "text", "kind"),
    [
        ("question", "我是李四，小区垃圾没人管。", "来电人姓名"),
        ("question", "请回电13805331234，谢谢。", "手机号"),
        ("answer", "已联系您（138 0533 1234）核实。", "来电人电话"),
        ("question", "身份证号370303198001011234的业主反映。", "身份证"),
        ("question", "周村区某小区3号楼门口垃圾堆积。", "来电人地址"),
        ("answer", "已到现场查看5号楼2单元门口。", "门牌号"),
    ],
)
def test_personal_data_in_the_public_text_refuses_publication(
    agency_a, officer_a, reviewer_a, field, text, kind
):
    t = answered(agency_a, officer_a)
    events = Event.objects.count()
    with pytest.raises(StepError) as exc:
        TICKET.run("publish", t, {**PUBLIC, field: text}, actor=reviewer_a)
    message = " ".join(exc.value.errors[field])
    assert "个人信息" in message and kind in message
    assert not PublicReply.objects.exists() and Event.objects.count() == events


def test_without_consent_or_before_closing_there_is_nothing_to_publish(
    agency_a, agency_b, officer_a, reviewer_a
):
    refused = answered(agency_a, officer_a, public_consent=False)
    with pytest.raises(StepError, match="未同意公开"):
        TICKET.run("publish", refused, PUBLIC, actor=reviewer_a)
    open_ = new_ticket(agency_a, public_consent=True).ticket
    TICKET.run("dispatch", open_, {"body": agency_b.pk}, actor=officer_a)
    open_.refresh_from_db()
    with pytest.raises(StepError, match="办结后"):
        TICKET.run("publish", open_, PUBLIC, actor=reviewer_a)
    assert "publish" not in [s.name for s in TICKET.available(refused, reviewer_a)]
    assert not PublicReply.objects.exists()


def test_the_list_is_paginated_in_a_constant_number_of_queries(
    client, agency_a, agency_b, officer_a, reviewer_a
):
    for i in range(23):
        t = answered(agency_a, officer_a)
        TICKET.run("publish", t, {**PUBLIC, "title": f"留言第{i}号"}, actor=reviewer_a)
    with CaptureQueriesContext(connection) as first:
        page1 = client.get(list_url(agency_a))
    with CaptureQueriesContext(connection) as second:
        page2 = client.get(list_url(agency_a), {"page": 2})
    rows = re.compile(r'href="/xxgk/[^/]+/rx/xd/\d+/"')
    assert len(rows.findall(page1.content.decode())) == 20
    assert len(rows.findall(page2.content.decode())) == 3
    assert "留言第22号" in page1.content.decode() and "留言第0号" in page2.content.decode()
    assert "第 2 / 2 页，共 23 条" in page2.content.decode()
    assert len(first) == len(second) <= 6
    assert "留言第" not in client.get(list_url(agency_b)).content.decode()
