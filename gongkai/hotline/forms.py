"""Forms: the intake (portal, agent, API all validate through IntakeForm) and the step forms."""

from __future__ import annotations

import re

from django import forms

from gongkai.agencies.models import Agency
from gongkai.hotline.choices import CallbackResult, TicketChannel, TicketType
from gongkai.hotline.models import Category

PHONE_RE = re.compile(r"^[0-9+\-() ]{5,20}$")
STAFF_CHANNELS = [
    (c.value, c.label)
    for c in (TicketChannel.PHONE, TicketChannel.WALK_IN, TicketChannel.OTHER, TicketChannel.EMAIL)
]


def _req(label: str) -> dict:
    return {"required": f"请填写{label}"}


class CategoryField(forms.ModelChoiceField):
    def __init__(self, **kwargs):
        super().__init__(
            queryset=Category.objects.filter(is_active=True).select_related("parent"),
            to_field_name="code",
            required=False,
            label="诉求分类",
            error_messages={"invalid_choice": "诉求分类不存在，请从列表中选择"},
            **kwargs,
        )

    def label_from_instance(self, obj: Category) -> str:
        return obj.full_name


class IntakeForm(forms.Form):
    name = forms.CharField(label="姓名", max_length=50, required=False)
    phone = forms.CharField(label="联系电话", max_length=30, required=False)
    type = forms.ChoiceField(
        label="诉求类型",
        choices=[("", "请选择"), *TicketType.choices],
        error_messages={"required": "请选择诉求类型", "invalid_choice": "诉求类型不正确"},
    )
    category = CategoryField()
    content = forms.CharField(
        label="诉求内容",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=4000,
        error_messages={**_req("诉求内容"), "max_length": "诉求内容不能超过4000字"},
    )
    address = forms.CharField(label="地址（选填）", max_length=200, required=False)
    area = forms.CharField(label="镇街（选填）", max_length=60, required=False)
    public_consent = forms.BooleanField(label="同意在网站选登答复（不含个人信息）", required=False)

    def clean_phone(self) -> str:
        phone = (self.cleaned_data.get("phone") or "").strip()
        if phone and not PHONE_RE.match(phone):
            raise forms.ValidationError("联系电话格式不正确")
        return phone

    def clean_content(self) -> str:
        content = self.cleaned_data["content"].strip()
        if len(content) < 5:
            raise forms.ValidationError("诉求内容过短，请至少写5个字")
        return content


class PublicIntakeForm(IntakeForm):
    """The portal's form: a phone number is needed so the centre can reply and call back."""

    phone = forms.CharField(label="联系电话", max_length=30, error_messages=_req("联系电话"))


class CategoryInput(forms.TextInput):
    """Type-ahead over the category list (a <datalist id="category-list"> on the page): the agent
    types a name or code instead of scrolling a 100-line select."""

    def __init__(self):
        super().__init__(
            attrs={
                "list": "category-list",
                "autocomplete": "off",
                "placeholder": "输入分类名称或代码",
            }
        )


class AgentIntakeForm(IntakeForm):
    """The agent's form, in the order of a call: number (caller ID), name, what and where.
    `centres`: the centres the agent takes calls for (a choice only when there are several)."""

    channel = forms.ChoiceField(
        label="受理渠道", choices=STAFF_CHANNELS, initial=TicketChannel.PHONE
    )
    emergency = forms.BooleanField(label="紧急（涉及生命财产安全）", required=False)
    field_order = [
        "phone",
        "name",
        "type",
        "category",
        "content",
        "address",
        "area",
        "emergency",
        "channel",
        "public_consent",
    ]
    fieldsets = [
        ("来电人", ["phone", "name"]),
        ("诉求", ["type", "category", "content", "address", "area", "emergency"]),
        ("受理", ["centre", "channel", "public_consent"]),
    ]
    error_note = "工单尚未受理。"

    def __init__(self, *args, centres=(), centre=None, **kwargs):
        super().__init__(*args, **kwargs)
        phone = self.fields["phone"].widget
        phone.input_type = "tel"
        # Caller ID fills the number: the cursor starts here, and a browser's saved numbers
        # would be someone else's.
        phone.attrs.update({"autofocus": True, "autocomplete": "off", "inputmode": "tel"})
        self.fields["category"].widget = CategoryInput()
        choices = [(c.code, c.name) for c in centres]
        self.fields["centre"] = forms.ChoiceField(
            label="受理机关",
            choices=choices,
            initial=centre.code if centre else None,
            required=False,
            widget=forms.Select if len(choices) > 1 else forms.HiddenInput,
        )

    def full_clean(self) -> None:
        super().full_clean()
        if self._errors:  # the focus goes to the error summary instead (site.js)
            self.fields["phone"].widget.attrs.pop("autofocus", None)


# -- step forms --------------------------------------------------------------------------------


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label="答复内容", widget=forms.Textarea(attrs={"rows": 3}), error_messages=_req("答复内容")
    )
    knowledge = forms.IntegerField(label="知识库条目", required=False, widget=forms.HiddenInput)


class DispatchForm(forms.Form):
    body = forms.ModelChoiceField(
        label="承办单位",
        queryset=Agency.objects.filter(is_active=True),
        error_messages={**_req("承办单位"), "invalid_choice": "承办单位不存在"},
    )
    note = forms.CharField(label="派单说明", max_length=300, required=False)

    @staticmethod
    def initial_for(ticket) -> dict:
        from gongkai.hotline.dispatch import suggest

        body = suggest(ticket)
        return {"body": body.pk} if body else {}


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label="理由及依据", widget=forms.Textarea(attrs={"rows": 2}), error_messages=_req("理由")
    )


class ExtensionForm(forms.Form):
    days = forms.IntegerField(
        label="延期工作日数",
        min_value=1,
        max_value=30,
        error_messages={**_req("延期工作日数"), "min_value": "延期天数须为正整数"},
    )
    reason = forms.CharField(label="延期理由", max_length=500, error_messages=_req("延期理由"))


class ExtensionDecisionForm(forms.Form):
    approve = forms.TypedChoiceField(
        label="审批意见",
        choices=[("1", "批准"), ("0", "不批准")],
        coerce=lambda v: v == "1",
        error_messages=_req("审批意见"),
    )
    note = forms.CharField(label="说明", max_length=300, required=False)


class ReplyForm(forms.Form):
    reply = forms.CharField(
        label="答复内容", widget=forms.Textarea(attrs={"rows": 3}), error_messages=_req("答复内容")
    )


class CallbackForm(forms.Form):
    result = forms.ChoiceField(
        label="回访结果",
        choices=CallbackResult.choices,
        error_messages={**_req("回访结果"), "invalid_choice": "回访结果不正确"},
    )
    body_caused = forms.BooleanField(label="不满意系承办单位原因", required=False)
    note = forms.CharField(label="回访记录", max_length=500, required=False)


class NoteForm(forms.Form):
    note = forms.CharField(label="说明", max_length=500, required=False)


class MergeForm(forms.Form):
    into = forms.CharField(
        label="并入工单编号", max_length=40, error_messages={"required": "请填写并入的工单编号"}
    )
