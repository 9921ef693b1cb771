"""The telephony system (CTI): call events pushed as they happen, call records imported after,
and the screen pop that opens the caller's history on the agent's screen.

The telephony system authenticates with a key issued to it (`gongkai hotline issue-key --kind
cti`), sent as `Authorization: Bearer <key>`. A call start names the caller and, once answered,
the agent; the agent's intake page asks `/manage/hotline/cti/next` every few seconds and opens
the intake form for that caller, showing their earlier tickets.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import timedelta

from django.db import transaction
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from gongkai.agencies.scope import staff_required
from gongkai.hotline.channels.common import ChannelError, read_csv
from gongkai.hotline.models import Call, PartnerSystem

POP_WINDOW = timedelta(minutes=2)  # a call older than this no longer pops up
TRUE_WORDS = {"1", "true", "yes", "是", "接通", "已接通", "y"}
FALSE_WORDS = {"0", "false", "no", "否", "未接通", "放弃", "n", ""}


def _bearer(request: HttpRequest) -> str:
    header = request.headers.get("Authorization", "")
    return header[7:].strip() if header.lower().startswith("bearer ") else ""


def _json_error(message: str, status: int) -> JsonResponse:
    return JsonResponse(
        {"detail": message}, status=status, json_dumps_params={"ensure_ascii": False}
    )


@csrf_exempt
@require_POST
def call_event(request: HttpRequest) -> HttpResponse:
    """One call event. Everything is checked before anything is written: a refused event
    (say an `end` whose duration is not a number) leaves no call behind."""
    system = PartnerSystem.for_key(_bearer(request), PartnerSystem.Kind.CTI)
    if system is None:
        return _json_error("未提供有效的话务系统密钥", 401)
    try:
        data = json.loads(request.body or b"{}")
        if not isinstance(data, dict):
            raise ValueError
    except ValueError:
        return _json_error("请求体应为 JSON 对象", 400)
    call_id = _text(data.get("call_id")).strip()
    event = data.get("event", "start")
    if not call_id or len(call_id) > 80:
        return _json_error("call_id 为必填项，最长 80 个字符", 400)
    if not isinstance(event, str) or event not in ("start", "answer", "end"):
        return _json_error("event 只能为 start、answer 或 end", 400)
    duration = None
    if event == "end":
        try:
            duration = _duration(data.get("duration"))
        except ChannelError as exc:
            return _json_error(str(exc), 400)
    with transaction.atomic():
        call, _ = Call.objects.select_for_update().get_or_create(
            agency=system.agency,
            call_id=call_id,
            defaults={"started_at": timezone.now(), "caller": _text(data.get("caller"))[:30]},
        )
        if event == "answer":
            call.answered = True
            call.agent = _text(data.get("agent"))[:150]
        elif event == "end":
            call.duration = duration
        call.save()
    return JsonResponse({"call_id": call.call_id, "answered": call.answered})


def _text(value) -> str:
    """A JSON scalar as text; nothing for null, a list or an object (no call field is one)."""
    if value is None or isinstance(value, (list, dict)):
        return ""
    return str(value)


MAX_DURATION = 86400  # seconds: a day; a call record claiming longer is wrong


def _duration(value) -> int:
    """Whole seconds, 0–MAX_DURATION, from a JSON number or a numeric text ("" or null: 0)."""
    if isinstance(value, str):
        value = value.strip()
    if value is None or value == "":
        return 0
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise ChannelError("duration 应为整数秒")
    try:
        seconds = int(value) if isinstance(value, str) else value
    except ValueError:
        raise ChannelError("duration 应为整数秒") from None
    if isinstance(seconds, float) and not seconds.is_integer():  # also inf and nan
        raise ChannelError("duration 应为整数秒")
    if not 0 <= seconds <= MAX_DURATION:
        raise ChannelError(f"duration 超出范围（0–{MAX_DURATION} 秒）")
    return int(seconds)


@staff_required
@require_GET
def next_pop(request: HttpRequest) -> HttpResponse:
    """The newest answered call for this agent not yet shown: where the agent's screen goes."""
    since = timezone.now() - POP_WINDOW
    with transaction.atomic():
        call = (
            Call.objects.select_for_update()
            .filter(agent=request.user.get_username(), answered=True, shown=False)
            .filter(started_at__gte=since)
            .order_by("-started_at")
            .first()
        )
        if call is None:
            return JsonResponse({"url": None})
        Call.objects.filter(pk=call.pk).update(shown=True)
    url = reverse("hotline_manage:register") + f"?phone={call.caller}&call={call.call_id}"
    return JsonResponse({"url": url})


@dataclass
class CallImport:
    created: int = 0
    updated: int = 0
    errors: list[str] = field(default_factory=list)


def import_calls(agency, text: str) -> CallImport:
    """Call records as CSV (call_id, started_at, caller, answered, duration, agent); a record
    already known by its call_id is updated, never doubled. Any bad row: nothing is written."""
    result = CallImport()
    rows = []
    fieldnames, records = read_csv(text)
    missing = {"call_id", "started_at", "answered"} - set(fieldnames)
    if missing:
        raise ChannelError("呼叫记录缺少列：" + "、".join(sorted(missing)))
    for line, row in enumerate(records, start=2):
        try:
            rows.append(_call_row(row))
        except ChannelError as exc:
            result.errors.append(f"第 {line} 行：{exc}")
    if result.errors:
        return result
    with transaction.atomic():
        for values in rows:
            _, created = Call.objects.update_or_create(
                agency=agency, call_id=values.pop("call_id"), defaults=values
            )
            result.created += created
            result.updated += not created
    return result


def _call_row(row: dict) -> dict:
    call_id = (row.get("call_id") or "").strip()
    if not call_id or len(call_id) > 80:
        raise ChannelError("call_id 为空或过长")
    started = parse_datetime((row.get("started_at") or "").strip().replace(" ", "T", 1))
    if started is None:
        raise ChannelError("started_at 应为日期时间，例如 2026-12-01 09:30:00")
    if timezone.is_naive(started):
        started = timezone.make_aware(started)
    answered = (row.get("answered") or "").strip().lower()
    if answered not in TRUE_WORDS | FALSE_WORDS:
        raise ChannelError(f"answered 无法识别：“{answered}”")
    duration = _duration(row.get("duration"))
    return {
        "call_id": call_id,
        "started_at": started,
        "caller": (row.get("caller") or "").strip()[:30],
        "answered": answered in TRUE_WORDS,
        "duration": duration,
        "agent": (row.get("agent") or "").strip()[:150],
    }


def connect_rate(agency_ids, start, end) -> dict:
    """接通率 = answered calls / incoming calls in [start, end], both days included; None when no call is known."""
    totals = Call.objects.filter(
        agency_id__in=agency_ids, started_at__date__gte=start, started_at__date__lte=end
    ).aggregate(incoming=Count("id"), answered=Count("id", filter=Q(answered=True)))
    incoming = totals["incoming"] or 0
    return {
        "incoming": incoming,
        "answered": totals["answered"] or 0,
        "connect_rate": (totals["answered"] / incoming) if incoming else None,
    }
