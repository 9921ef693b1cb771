"""Chinese titles in the OpenAPI schema: the docs page is read by officers and integrators
who expect 名称 not "Name". Field titles come from this table, then from the verbose names of
gongkai's models; schema titles from the first line of the schema's docstring or this table."""

from __future__ import annotations

import re

from django.apps import apps

FIELD_TITLES = {
    "id": "编号",
    "q": "关键词",
    "code": "代码",
    "name": "名称",
    "title": "标题",
    "level": "层级",
    "kind": "类型",
    "kind_label": "类型名称",
    "parent": "上级机关",
    "count": "总数",
    "items": "条目",
    "limit": "每页条数",
    "offset": "跳过条数",
    "agency": "机关",
    "agency_code": "机关代码",
    "year": "年度",
    "item_id": "信息编号",
    "app_id": "申请编号",
    "letter_id": "文书编号",
    "status": "状态",
    "status_label": "状态名称",
    "outcome": "办理结果",
    "outcome_label": "办理结果名称",
    "url": "网址",
    "body_html": "正文（HTML）",
    "comment": "意见",
    "publish_at": "定时发布时间",
    "reason": "理由",
    "receipt_no": "受理编号",
    "verification_code": "查询码",
    "received_on": "收到日期",
    "due_on": "答复期限",
    "clock_state": "计时状态",
    "letters": "文书",
    "date": "日期",
    "docx": "DOCX 下载地址",
    "pdf": "PDF 下载地址",
    "fmt": "文件格式",
    "message": "提示",
    "errors": "各字段的错误",
    "show": "显示范围",
    "data": "步骤数据",
    "applicant_type": "申请人类型",
    "id_type": "证件类型",
    "id_number": "证件号码",
    "phone": "联系电话",
    "email": "电子邮箱",
    "address": "通信地址",
    "description": "所需信息的描述",
    "delivery": "获取信息的方式",
    "info_form": "信息的载体形式",
    "org_name": "单位名称",
    "uscc": "统一社会信用代码",
    "legal_rep": "法定代表人",
    "contact_person": "联系人",
    "postcode": "邮政编码",
    "purpose": "用途",
    "last_comment": "最近意见",
    "attachments": "附件",
    "correction_note": "更正说明",
    "figures": "统计数",
}

SCHEMA_TITLES = {
    "AgencyOut": "机关",
    "AgencyList": "机关列表",
    "ErrorOut": "错误",
    "ReceiptOut": "申请回执",
    "ApplicationIn": "政府信息公开申请",
    "LetterOut": "文书",
    "TrackOut": "申请办理进度",
    "StaffApplicationOut": "申请（工作人员）",
    "StaffItemOut": "信息（工作人员）",
    "ItemDetailOut": "信息详情",
    "CommentIn": "意见",
    "SignOffIn": "签发",
    "ReasonIn": "理由",
    "StepIn": "办理步骤",
    "WorklistFilter": "待办筛选",
}


# Words of schema class names, for schemas not in SCHEMA_TITLES (new routers keep working).
NAME_WORDS = {
    "Staff": "工作人员",
    "Item": "信息",
    "Agency": "机关",
    "Application": "申请",
    "Report": "年度报告",
    "Letter": "文书",
    "Step": "办理步骤",
    "Receipt": "回执",
    "Track": "进度",
    "Comment": "意见",
    "Reason": "理由",
    "Sign": "签发",
    "Worklist": "待办",
    "Filter": "筛选",
    "Detail": "详情",
    "Figures": "统计数",
    "Ticket": "工单",
    "Error": "错误",
    "Token": "令牌",
    "User": "用户",
    "List": "列表",
    "Page": "分页",
    "In": "（提交）",
}


def _title_from_name(name: str) -> str:
    words = re.findall(r"[A-Z][a-z]*", name)
    return "".join(NAME_WORDS.get(w, "") for w in words) or "数据"


def _model_titles() -> dict[str, str]:
    titles: dict[str, str] = {}
    for model in apps.get_models():
        if not model.__module__.startswith("gongkai."):
            continue
        for f in model._meta.get_fields():
            label = str(getattr(f, "verbose_name", "") or "")
            if label and not label.isascii():
                titles.setdefault(f.name, label)
    return titles


def _has_chinese(text: str | None) -> bool:
    return bool(text) and not text.isascii()


def translate(schema: dict) -> dict:
    titles = {**_model_titles(), **FIELD_TITLES}
    for name, component in schema.get("components", {}).get("schemas", {}).items():
        if not _has_chinese(component.get("title")):
            desc = component.get("description") or ""
            first = desc.strip().splitlines()[0] if _has_chinese(desc) else ""
            component["title"] = SCHEMA_TITLES.get(name) or first or _title_from_name(name)
        for prop, spec in component.get("properties", {}).items():
            if not _has_chinese(spec.get("title")):
                spec["title"] = titles.get(prop, prop if _has_chinese(prop) else "值")
    for operations in schema.get("paths", {}).values():
        for op in operations.values():
            for param in op.get("parameters", []):
                spec = param.setdefault("schema", {})
                if not _has_chinese(spec.get("title")):
                    spec["title"] = titles.get(param["name"], "参数")
                param.setdefault("description", spec["title"])
    return schema


def required_by(form_class, *, also: tuple[str, ...] = (), defaulted: tuple[str, ...] = ()):
    """`json_schema_extra` for an input schema whose fields are validated by a Django form: the
    fields the form requires are marked required in the OpenAPI document. They stay optional to
    the schema itself, so that a missing one is answered by the form's own Chinese message
    ("请填写申请人姓名", 400) together with every other error of the request. `also`: required
    fields the endpoint checks itself (the agency code); `defaulted`: form-required fields
    the endpoint fills in when absent."""

    def extra(schema: dict) -> None:
        form = form_class()
        names = {name for name, field in form.fields.items() if field.required}
        names = (names | set(also)) - set(defaulted)
        schema["required"] = [name for name in schema.get("properties", {}) if name in names]

    return extra
