"""Chinese names for ledger entries: what was done (action) and to what (object).

Apps declare their action constants with a Chinese label (gongkai.audit.actions.Action); an
action that was not declared (older events, codes from before the declarations) is named from
its parts (verb + object) so the history never shows an internal name like
`publishing.item.create` or `#205`.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.apps import apps
from django.core.exceptions import ObjectDoesNotExist

from gongkai.audit.actions import declared

OBJECTS = {
    "item": "信息",
    "attachment": "附件",
    "finding": "个人信息检查",
    "kiosk": "自助查询条目",
    "kioskentry": "自助查询条目",
    "channel": "发布渠道",
    "agency": "机关",
    "membership": "人员角色",
    "reading_point": "查阅点",
    "readingpoint": "查阅点",
    "calendar": "工作日历",
    "application": "申请",
    "applications": "申请",
    "report": "年度报告",
    "reports": "年度报告",
    "demo": "演示数据",
    "user": "用户",
    "ticket": "热线工单",
}

VERBS = {
    "create": "新建",
    "update": "修改",
    "delete": "删除",
    "add": "添加",
    "remove": "删除",
    "submit": "提交",
    "approve": "审核通过",
    "reject": "退回",
    "return": "退回",
    "sign_off": "签发",
    "sign": "签发",
    "publish": "发布",
    "withdraw": "撤回",
    "correct": "更正",
    "mask": "遮盖",
    "override": "确认可公开",
    "record": "记录",
    "load": "载入",
    "deadline_recomputed": "重新计算期限",
    "day_create": "新增日期",
    "day_update": "修改日期",
    "day_delete": "删除日期",
    "year_official": "确认官方安排",
    "year_update": "修改年度安排",
    "receive": "登记",
    "register": "登记",
    "acknowledge": "受理",
    "determine": "作出答复",
    "reply": "答复",
    "extend": "延期",
    "supplement": "补正",
    "close": "办结",
    "dispatch": "派发",
    "review": "审查",
}


def action_label(action: str) -> str:
    known = declared().get(action)
    if known is not None:
        return known.label
    parts = action.split(".")
    verb = VERBS.get(parts[-1]) if parts else None
    obj = next((OBJECTS[p] for p in reversed(parts[:-1]) if p in OBJECTS), "")
    if verb:
        return f"{verb}{obj}"
    return f"{obj}其他操作" if obj else "其他操作"


def _model(object_type: str):
    try:
        return apps.get_model(object_type)
    except (LookupError, ValueError):
        return None


def object_labels(pairs: Iterable[tuple[str, str]]) -> dict[tuple[str, str], str]:
    """ "信息《标题》" for each (object_type, object_id); one query per object type."""
    wanted: dict[str, set[str]] = {}
    for object_type, object_id in pairs:
        wanted.setdefault(object_type, set()).add(str(object_id))
    out: dict[tuple[str, str], str] = {}
    for object_type, ids in wanted.items():
        model = _model(object_type)
        if model is None:
            for i in ids:
                out[(object_type, i)] = OBJECTS.get(object_type.split(".")[-1], "记录")
            continue
        noun = str(model._meta.verbose_name)
        try:
            found = model._default_manager.in_bulk([i for i in ids if i.isdigit()])
        except (ObjectDoesNotExist, ValueError):
            found = {}
        for i in ids:
            obj = found.get(int(i)) if i.isdigit() else None
            out[(object_type, i)] = f"{noun}《{obj}》" if obj is not None else f"{noun}（已删除）"
    return out


def label_events(events: list) -> list:
    """Sets `action_name` and `object_label` on each event for the history templates."""
    labels = object_labels((e.object_type, e.object_id) for e in events)
    for e in events:
        e.action_name = action_label(e.action)
        e.object_label = labels[(e.object_type, str(e.object_id))]
    return events
