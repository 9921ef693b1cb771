"""Tickets transferred from the upstream 12345 platform (省/市12345, 国家政务服务平台), as CSV or
JSON. The upstream ticket number is kept; a ticket already imported is never imported again, so
the same file can be imported any number of times."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from gongkai.hotline.channels.common import ChannelError, clean_intake, read_csv
from gongkai.hotline.choices import TicketChannel, TicketType
from gongkai.hotline.intake import intake
from gongkai.hotline.models import Ticket

# Column names as upstream exports use them (Chinese) or as our JSON contract names them.
COLUMNS = {
    "upstream_no": ("upstream_no", "工单编号", "上级工单号", "工单号"),
    "received_at": ("received_at", "受理时间", "来电时间", "登记时间"),
    "type": ("type", "诉求类型"),
    "category": ("category", "诉求分类", "分类代码"),
    "content": ("content", "诉求内容", "内容"),
    "name": ("name", "姓名", "来电人"),
    "phone": ("phone", "联系电话", "电话"),
    "address": ("address", "地址", "事发地址"),
    "area": ("area", "镇街", "区域"),
    "emergency": ("emergency", "紧急"),
}
TYPE_WORDS = {label: value for value, label in TicketType.choices} | {
    "求决": TicketType.HELP,
    "意见建议": TicketType.SUGGESTION,
    "揭发控告": TicketType.REPORT,
}


@dataclass
class UpstreamImport:
    created: list[str] = field(default_factory=list)
    known: int = 0
    errors: list[str] = field(default_factory=list)


def read_rows(name: str, text: str) -> list[dict]:
    if name.lower().endswith(".json"):
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ChannelError(f"不是有效的 JSON（第 {exc.lineno} 行）") from None
        if isinstance(data, dict):
            data = data.get("tickets") or data.get("data")
        if not isinstance(data, list) or not all(isinstance(r, dict) for r in data):
            raise ChannelError('JSON 应为工单对象的数组（或 {"tickets": [...]}）')
        return [{str(k): "" if v is None else str(v) for k, v in r.items()} for r in data]
    text = text.lstrip("\ufeff")  # Excel's UTF-8 CSV starts with a BOM
    return read_csv(text)[1]


def _pick(row: dict, key: str) -> str:
    for name in COLUMNS[key]:
        if name in row and row[name] is not None:
            return str(row[name]).strip()
    return ""


def _received(value: str) -> datetime:
    parsed = parse_datetime(value.replace(" ", "T", 1)) if value else None
    if parsed is None and value:
        day = parse_date(value)
        parsed = datetime(day.year, day.month, day.day, 9) if day else None
    if parsed is None:
        raise ChannelError("受理时间应为日期时间，例如 2026-12-01 09:30:00")
    return timezone.make_aware(parsed) if timezone.is_naive(parsed) else parsed


def _prepared(row: dict) -> tuple[str, datetime, dict, bool]:
    upstream_no = _pick(row, "upstream_no")
    if not upstream_no or len(upstream_no) > 60:
        raise ChannelError("缺少上级工单号，或超过60个字符")
    kind = _pick(row, "type")
    data = {
        "type": TYPE_WORDS.get(kind, kind),
        "category": _pick(row, "category") or None,
        "content": _pick(row, "content"),
        "name": _pick(row, "name"),
        "phone": _pick(row, "phone"),
        "address": _pick(row, "address"),
        "area": _pick(row, "area"),
    }
    emergency = _pick(row, "emergency").lower() in {"1", "true", "是", "yes"}
    return upstream_no, _received(_pick(row, "received_at")), clean_intake(data), emergency


def import_upstream(agency, name: str, text: str, actor, *, skip_invalid: bool = False):
    """Import every row; with a bad row nothing is written unless `skip_invalid`."""
    result = UpstreamImport()
    prepared = []
    for line, row in enumerate(read_rows(name, text), start=2 if not name.endswith(".json") else 1):
        try:
            prepared.append(_prepared(row))
        except ChannelError as exc:
            where = f"第 {line} 行" if not name.endswith(".json") else f"第 {line} 条"
            result.errors.append(f"{where}：{exc}")
    if result.errors and not skip_invalid:
        return result
    known = set(
        Ticket.objects.filter(agency=agency, upstream_no__in=[p[0] for p in prepared]).values_list(
            "upstream_no", flat=True
        )
    )
    for upstream_no, received_at, data, emergency in prepared:
        if upstream_no in known:
            result.known += 1
            continue
        try:
            with transaction.atomic():
                receipt = intake(
                    agency,
                    data,
                    channel=TicketChannel.UPSTREAM,
                    actor=actor,
                    received_at=received_at,
                    upstream_no=upstream_no,
                    emergency=emergency,
                )
        except IntegrityError:
            result.known += 1  # imported by a concurrent run a moment ago
            continue
        known.add(upstream_no)
        result.created.append(receipt.ticket.ticket_no)
    return result
