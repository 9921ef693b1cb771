"""The WeChat official account's message push (公众号消息推送), in plain mode.

WeChat signs every request with SHA1 over the sorted (token, timestamp, nonce); a GET with
`echostr` verifies the server URL once; each POST carries one message as XML and is retried up
to three times when no answer comes within five seconds, so a message is taken once by its
MsgId. The answer is a passive text reply carrying the ticket number and query code, sent only
after the ticket has been committed.
"""

from __future__ import annotations

import hashlib
import hmac
import time
from xml.etree.ElementTree import Element

from defusedxml import ElementTree as SafeET
from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseForbidden
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.html import escape
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from gongkai.agencies.models import Agency
from gongkai.hotline.channels.common import ChannelError, take_message
from gongkai.hotline.choices import TicketChannel, TicketType

MAX_BODY = (
    64 * 1024
)  # a text message is at most 2,048 characters; anything far larger is not WeChat


def signature(token: str, timestamp: str, nonce: str) -> str:
    return hashlib.sha1("".join(sorted([token, timestamp, nonce])).encode()).hexdigest()


def signature_ok(token: str, params) -> bool:
    timestamp, nonce = params.get("timestamp", ""), params.get("nonce", "")
    given = params.get("signature", "")
    if not (token and timestamp and nonce and given):
        return False
    if not hmac.compare_digest(signature(token, timestamp, nonce), given):
        return False
    try:
        age = abs(time.time() - int(timestamp))
    except ValueError:
        return False
    # An old signed request replayed later is refused.
    return age <= settings.GONGKAI_WECHAT_MAX_AGE_SECONDS


def parse(body: bytes) -> dict[str, str]:
    try:
        root: Element = SafeET.fromstring(body)
    except Exception as exc:  # defusedxml raises several kinds; all mean "not a message"
        raise ChannelError("不是有效的微信消息") from exc
    if root.tag != "xml":
        raise ChannelError("不是有效的微信消息")
    return {child.tag: (child.text or "").strip() for child in root}


def reply_xml(message: dict[str, str], text: str) -> str:
    return (
        "<xml>"
        f"<ToUserName><![CDATA[{message.get('FromUserName', '')}]]></ToUserName>"
        f"<FromUserName><![CDATA[{message.get('ToUserName', '')}]]></FromUserName>"
        f"<CreateTime>{int(time.time())}</CreateTime>"
        "<MsgType><![CDATA[text]]></MsgType>"
        f"<Content><![CDATA[{text.replace(']]>', ']]&gt;')}]]></Content>"
        "</xml>"
    )


def answer(agency: Agency, message: dict[str, str]) -> str:
    """The text WeChat shows the user for one pushed message."""
    kind = message.get("MsgType", "")
    if kind == "event":
        if message.get("Event") == "subscribe":
            return f"欢迎关注{agency.name}。请直接发送文字描述您的诉求，我们将登记受理并答复。"
        return ""
    if kind != "text":
        return "目前只能受理文字消息，请用文字描述您的诉求。"
    msg_id = message.get("MsgId", "")
    if not msg_id:
        raise ChannelError("消息缺少 MsgId")
    received = _created_at(message.get("CreateTime", ""))
    receipt, ticket = take_message(
        agency,
        {"type": TicketType.OTHER, "content": message.get("Content", "")},
        channel=TicketChannel.WECHAT,
        actor=None,  # the caller's own message
        external_id=msg_id,
        sender=message.get("FromUserName", ""),
        received_at=received,
    )
    if receipt is None:
        return f"您的诉求已受理，工单编号 {ticket.ticket_no}。"
    return (
        f"您的诉求已受理，工单编号 {ticket.ticket_no}，查询码 {receipt.code}。"
        "请妥善保存查询码，可在政府信息公开网站查询办理进度。"
    )


def _created_at(value: str):
    try:
        return timezone.datetime.fromtimestamp(int(value), tz=timezone.get_current_timezone())
    except (ValueError, OverflowError, OSError):
        return None


@csrf_exempt
@require_http_methods(["GET", "POST"])
def push(request: HttpRequest, code: str) -> HttpResponse:
    agency = get_object_or_404(Agency, code=code)
    if not signature_ok(settings.GONGKAI_WECHAT_TOKEN, request.GET):
        return HttpResponseForbidden("签名无效", content_type="text/plain; charset=utf-8")
    if request.method == "GET":
        return HttpResponse(escape(request.GET.get("echostr", "")), content_type="text/plain")
    if len(request.body) > MAX_BODY:
        return HttpResponse("消息过大", status=413, content_type="text/plain; charset=utf-8")
    try:
        message = parse(request.body)
    except ChannelError:
        return HttpResponse(
            "不是有效的微信消息", status=400, content_type="text/plain; charset=utf-8"
        )
    try:
        text = answer(agency, message)
    except ChannelError as exc:
        text = f"未能受理：{exc}"
    if not text:
        return HttpResponse("success", content_type="text/plain")  # WeChat's "nothing to say"
    return HttpResponse(reply_xml(message, text), content_type="application/xml; charset=utf-8")
