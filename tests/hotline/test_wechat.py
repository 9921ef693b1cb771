"""The WeChat push endpoint, driven by a local fake of WeChat's server that signs and sends the
real push XML of a text message."""

import hashlib
import time

import pytest
from django.test import Client

from gongkai.hotline.choices import TicketChannel
from gongkai.hotline.models import ChannelMessage, Ticket

pytestmark = pytest.mark.django_db
TOKEN = "wx-test-token"


class FakeWeChat:
    """Sends what WeChat's servers send: signature/timestamp/nonce in the query, XML body."""

    def __init__(self, client: Client, url: str, token: str = TOKEN):
        self.client, self.url, self.token = client, url, token

    def query(self, timestamp: int | None = None, token: str | None = None) -> str:
        ts, nonce = str(timestamp or int(time.time())), "1405293611"
        sig = hashlib.sha1("".join(sorted([token or self.token, ts, nonce])).encode()).hexdigest()
        return f"signature={sig}&timestamp={ts}&nonce={nonce}"

    def text(self, content: str, msg_id: str = "1234567890123456", **kw):
        xml = (
            "<xml><ToUserName><![CDATA[gh_centre]]></ToUserName>"
            "<FromUserName><![CDATA[oUser_openid_123]]></FromUserName>"
            f"<CreateTime>{int(time.time())}</CreateTime>"
            "<MsgType><![CDATA[text]]></MsgType>"
            f"<Content><![CDATA[{content}]]></Content>"
            f"<MsgId>{msg_id}</MsgId></xml>"
        )
        return self.client.post(
            f"{self.url}?{self.query(**kw)}", xml.encode(), content_type="text/xml"
        )


@pytest.fixture
def wechat(agency_a, settings):
    settings.GONGKAI_WECHAT_TOKEN = TOKEN
    return FakeWeChat(Client(), f"/hotline/wechat/{agency_a.code}/")


def test_it_answers_the_server_check_only_when_signed(wechat):
    ok = wechat.client.get(f"{wechat.url}?{wechat.query()}&echostr=hello123")
    assert ok.status_code == 200 and ok.content == b"hello123"
    bad = wechat.client.get(f"{wechat.url}?{wechat.query(token='other')}&echostr=hello123")
    assert bad.status_code == 403


def test_a_text_message_becomes_one_ticket_and_the_reply_carries_its_number(wechat, agency_a):
    response = wechat.text("小区门口路灯坏了一个月，晚上很黑，请尽快修理。")
    assert response.status_code == 200
    ticket = Ticket.objects.get()
    assert ticket.channel == TicketChannel.WECHAT and ticket.agency == agency_a
    assert "路灯" in ticket.content
    body = response.content.decode()
    assert "<ToUserName><![CDATA[oUser_openid_123]]>" in body and ticket.ticket_no in body
    assert "查询码" in body
    # WeChat retries the same MsgId when slow: still one ticket, and the reply names it.
    again = wechat.text("小区门口路灯坏了一个月，晚上很黑，请尽快修理。")
    assert Ticket.objects.count() == 1 and ticket.ticket_no in again.content.decode()
    assert ChannelMessage.objects.get().sender == "oUser_openid_123"


def test_a_bad_or_stale_signature_is_refused_and_nothing_is_made(wechat):
    assert wechat.text("路灯坏了请修理一下", token="forged").status_code == 403
    assert wechat.text("路灯坏了请修理一下", timestamp=int(time.time()) - 3600).status_code == 403
    assert Ticket.objects.count() == 0


def test_a_short_message_is_answered_with_the_reason(wechat):
    response = wechat.text("你好")
    assert "未能受理" in response.content.decode() and Ticket.objects.count() == 0


def test_hostile_xml_is_refused(wechat):
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        '<!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><xml><Content>&lol2;</Content></xml>'
    )
    response = wechat.client.post(
        f"{wechat.url}?{wechat.query()}", bomb.encode(), content_type="text/xml"
    )
    assert response.status_code == 400 and Ticket.objects.count() == 0


def test_no_token_configured_refuses_everything(wechat, settings):
    settings.GONGKAI_WECHAT_TOKEN = ""
    assert wechat.text("路灯坏了请修理一下").status_code == 403


def test_a_message_id_too_long_to_keep_is_refused_not_cut(wechat):
    """Found by tests/hotline/test_channels_hostile.py on PostgreSQL: a 20,000-character MsgId
    did not fit ChannelMessage.external_id (varchar 255) and answered 500. Cutting it would let
    two messages share an id (the second never becomes a ticket), so it is refused."""
    response = wechat.text("小区门口路灯坏了一个月，晚上很黑，请尽快修理。", msg_id="9" * 256)
    assert response.status_code == 200
    assert "未能受理" in response.content.decode() and "消息标识无效" in response.content.decode()
    assert not Ticket.objects.exists() and not ChannelMessage.objects.exists()
