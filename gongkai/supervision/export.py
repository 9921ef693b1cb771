"""The console table as XLSX (openpyxl, write-only so a province does not fill memory)."""

from __future__ import annotations

import io

from .console import Row

HEADERS = [
    ("机关代码", "code"),
    ("机关名称", "name"),
    ("层级", "level"),
    ("年报状态", "report_status"),
    ("发布期限", "deadline"),
    ("逾期天数", "days_late"),
    ("年报问题", "problems"),
    ("办理中申请", "open_applications"),
    ("逾期申请", "overdue_applications"),
    ("未更新栏目", "stale_columns"),
    ("单项否决问题", "veto_findings"),
    ("逾期热线工单", "overdue_tickets"),
    ("超期未答复留言", "unanswered_messages"),
]


def to_xlsx(title: str, rows: list[Row]) -> bytes:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("监督")
    ws.append([title])
    ws.append([h for h, _ in HEADERS])
    for r in rows:
        d = r.as_dict()
        ws.append(["" if d[k] is None else d[k] for _, k in HEADERS])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
