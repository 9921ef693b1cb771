from __future__ import annotations

import re

from django import forms

from gongkai.rules.calendar import DayKind
from gongkai.workdays.models import DayKindChoices
from gongkai.workdays.services import (
    CalendarInputError,
    DayRow,
    parse_date,
    parse_kind,
    validate_row,
)


class DayForm(forms.Form):
    day = forms.DateField(label="日期", widget=forms.DateInput(attrs={"type": "date"}))
    kind = forms.ChoiceField(label="类别", choices=DayKindChoices.choices)
    name = forms.CharField(label="节日", max_length=60, required=False)
    notice = forms.CharField(label="依据的通知", max_length=200, required=False)

    def clean(self):
        data = super().clean()
        if data.get("day") and data.get("kind"):
            try:
                validate_row(DayRow(data["day"], DayKind(data["kind"])))
            except CalendarInputError as exc:
                raise forms.ValidationError(str(exc)) from None
        return data

    def row(self) -> DayRow:
        d = self.cleaned_data
        return DayRow(d["day"], DayKind(d["kind"]), d["name"], d["notice"])


class NoticeForm(forms.Form):
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2200)
    notice = forms.CharField(
        label="通知名称",
        max_length=200,
        required=False,
        help_text="留空则为“国务院办公厅关于XXXX年部分节假日安排的通知”",
    )
    document_number = forms.CharField(label="文号", max_length=60, required=False)
    lines = forms.CharField(
        label="放假和调休上班日期",
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text="每行一天：日期 类别 节日，例如“2027-10-01 放假 国庆节”“2027-09-26 上班 国庆节”。",
    )
    replace = forms.BooleanField(
        label="以本通知为准，删除该年度未列出的调整日", required=False, initial=True
    )

    def clean(self):
        data = super().clean()
        year = data.get("year")
        text = data.get("lines") or ""
        if year is None:
            return data
        notice = data.get("notice") or f"国务院办公厅关于{year}年部分节假日安排的通知"
        rows = []
        for number, line in enumerate(text.splitlines(), start=1):
            parts = [p for p in re.split(r"[\s,，、\t]+", line.strip()) if p]
            if not parts:
                continue
            where = f"第{number}行"
            try:
                if len(parts) < 2:
                    raise CalendarInputError(f"{where}：应为“日期 类别 节日”")
                day = parse_date(parts[0], where)
                row = DayRow(day, parse_kind(parts[1], where), " ".join(parts[2:]), notice)
                validate_row(row)
            except CalendarInputError as exc:
                self.add_error("lines", str(exc))
                return data
            if not (day.year == year or (day.year == year - 1 and day.month == 12)):
                self.add_error("lines", f"{where}：{day.isoformat()} 不属于{year}年的通知")
                return data
            rows.append(row)
        if not rows:
            self.add_error("lines", "请至少填写一天")
        data["rows"] = rows
        data["notice"] = notice
        return data
