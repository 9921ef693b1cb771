"""Forms; the public page, the staff registration page and the JSON API all validate through these,
so an applicant gets the same field-by-field Chinese messages everywhere."""

from __future__ import annotations

import re

from django import forms
from django.core.exceptions import ValidationError
from stdnum.cn import uscc
from stdnum.exceptions import ValidationError as StdnumError

from gongkai.applications.choices import (
    ApplicantType,
    ApplicationChannel,
    AttachmentKind,
    ConsultedParty,
    Delivery,
    DisputeKind,
    DisputeResult,
    IdType,
    InfoForm,
    Outcome,
)
from gongkai.applications.models import Dispute, Reason
from gongkai.core import uploads
from gongkai.rules.clock import EXTENSION_DAYS_2019
from gongkai.rules.privacy import is_id18

PHONE_RE = re.compile(r"^[0-9+\-() ]{7,20}$")
REQUIRED = "请填写{}"


def _required(label: str) -> dict:
    return {"required": REQUIRED.format(label)}


def _choose(choices) -> list:
    """A required select starts at 请选择, so nobody submits a default they never looked at."""
    return [("", "请选择"), *choices]


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if not data:
            return []
        files = data if isinstance(data, list | tuple) else [data]
        try:
            uploads.check_many(files, uploads.APPLICATION_ATTACHMENT)
        except uploads.UploadError as exc:
            raise ValidationError(str(exc).split("；")) from None
        return list(files)


def validate_id(id_type: str, id_number: str) -> str | None:
    """Chinese message when the number cannot be right for its type, else None."""
    number = id_number.strip().upper()
    if id_type == IdType.RESIDENT_ID:
        # Checksum and birth date only: a table of region codes would reject numbers from
        # districts created after the table was made.
        if len(number) != 18:
            return f"居民身份证号码应为18位，实际为{len(number)}位"
        if not is_id18(number):
            return "居民身份证号码无效（出生日期或校验位不正确）"
    elif id_type == IdType.USCC:
        try:
            uscc.validate(number)
        except StdnumError:
            return "统一社会信用代码无效（应为18位且校验位正确）"
    elif not re.fullmatch(r"[0-9A-Z()（）\-]{5,30}", number):
        return "证件号码格式不正确（5至30位字母或数字）"
    return None


class ApplicationForm(forms.Form):
    """The content Art. 29 requires of a request."""

    # Laid out by the shared form templates (gongkai/core/formrender.py), in Art. 29's order.
    fieldsets = [
        ("申请人信息", ["applicant_type", "name", "id_type", "id_number"]),
        (
            "法人或其他组织（以单位名义申请时填写）",
            ["org_name", "uscc", "legal_rep", "contact_person"],
        ),
        ("联系方式", ["phone", "email", "address", "postcode"]),
        ("所需政府信息", ["description", "purpose", "info_form", "delivery", "attachments"]),
    ]
    error_note = "申请尚未保存。"

    # Browsers fill these from the visitor's saved details and phones show the right keyboard
    # (WCAG 1.3.5 Identify Input Purpose). The ID number is never offered for autofill.
    AUTOFILL = {
        "name": {"autocomplete": "name"},
        "id_number": {"autocomplete": "off"},
        "org_name": {"autocomplete": "organization"},
        "contact_person": {"autocomplete": "name"},
        "phone": {"autocomplete": "tel", "type": "tel", "inputmode": "tel"},
        "email": {"autocomplete": "email", "type": "email"},
        "address": {"autocomplete": "street-address"},
        "postcode": {"autocomplete": "postal-code", "inputmode": "numeric"},
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, attrs in self.AUTOFILL.items():
            if name in self.fields:
                widget = self.fields[name].widget
                widget.attrs.update(attrs)
                if "type" in attrs:
                    widget.input_type = attrs["type"]

    applicant_type = forms.ChoiceField(
        label="申请人类型",
        choices=_choose(ApplicantType.choices),
        error_messages={"required": "请选择申请人类型", "invalid_choice": "申请人类型不正确"},
    )
    name = forms.CharField(
        label="申请人姓名", max_length=100, error_messages=_required("申请人姓名")
    )
    id_type = forms.ChoiceField(
        label="身份证明类型",
        choices=_choose(IdType.choices),
        error_messages={"required": "请选择身份证明类型", "invalid_choice": "身份证明类型不正确"},
    )
    id_number = forms.CharField(
        label="证件号码",
        max_length=40,
        error_messages=_required("证件号码"),
        help_text="第二十九条：申请须附身份证明。号码只用于办理本申请，不会公开。",
    )
    org_name = forms.CharField(label="单位名称", max_length=200, required=False)
    uscc = forms.CharField(label="统一社会信用代码", max_length=18, required=False)
    legal_rep = forms.CharField(label="法定代表人/负责人", max_length=50, required=False)
    contact_person = forms.CharField(label="联系人", max_length=50, required=False)
    phone = forms.CharField(label="联系电话", max_length=30, error_messages=_required("联系电话"))
    email = forms.EmailField(
        label="电子邮箱", required=False, error_messages={"invalid": "电子邮箱格式不正确"}
    )
    address = forms.CharField(label="通信地址", max_length=300, required=False)
    postcode = forms.RegexField(
        label="邮政编码",
        regex=r"^\d{6}$",
        required=False,
        error_messages={"invalid": "邮政编码应为6位数字"},
    )
    description = forms.CharField(
        label="所需信息的名称、文号或其他特征描述",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
        error_messages=_required("所需政府信息的名称、文号或其他特征描述"),
        help_text="第二十九条：写明信息的名称、文号，或者便于查询的其他特征性描述。",
    )
    purpose = forms.CharField(
        label="用途（选填）",
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=1000,
        required=False,
    )
    info_form = forms.ChoiceField(
        label="信息的提供形式",
        choices=_choose(InfoForm.choices),
        error_messages={"required": "请选择信息的提供形式", "invalid_choice": "提供形式不正确"},
    )
    delivery = forms.ChoiceField(
        label="获取信息的方式",
        choices=_choose(Delivery.choices),
        help_text="选择电子邮件须填写电子邮箱，选择邮寄须填写通信地址。",
        error_messages={"required": "请选择获取信息的方式", "invalid_choice": "获取方式不正确"},
    )
    attachments = MultipleFileField(
        label="附件（身份证明、授权委托书等，选填）",
        required=False,
        help_text="只接受 PDF、JPG、PNG、DOCX、OFD 文件，每个不超过10MB，最多5个；"
        "附件仅本机关办理人员可见。",
    )

    def clean_description(self) -> str:
        text = self.cleaned_data["description"].strip()
        if len(text) < 5:
            raise ValidationError("请具体描述所需政府信息（至少5个字），以便查找")
        return text

    def clean_phone(self) -> str:
        phone = self.cleaned_data["phone"].strip()
        if not PHONE_RE.match(phone):
            raise ValidationError("联系电话格式不正确")
        return phone

    def clean(self):
        data = super().clean()
        kind = data.get("applicant_type")
        id_type = data.get("id_type")
        number = (data.get("id_number") or "").strip().upper()
        if id_type and number:
            message = validate_id(id_type, number)
            if message:
                self.add_error("id_number", message)
            data["id_number"] = number
        if kind in ApplicantType.organisations():
            if not (data.get("org_name") or "").strip():
                self.add_error("org_name", "法人或其他组织申请时请填写单位名称")
            code = (data.get("uscc") or "").strip().upper()
            if not code:
                self.add_error("uscc", "法人或其他组织申请时请填写统一社会信用代码")
            else:
                try:
                    uscc.validate(code)
                except StdnumError:
                    self.add_error("uscc", "统一社会信用代码无效（应为18位且校验位正确）")
                data["uscc"] = code
        delivery = data.get("delivery")
        if delivery == Delivery.EMAIL and not data.get("email") and "email" not in self.errors:
            self.add_error("email", "选择电子邮件获取时请填写电子邮箱")
        if delivery == Delivery.POST and not (data.get("address") or "").strip():
            self.add_error("address", "选择邮寄获取时请填写通信地址")
        return data


class RegistrationForm(ApplicationForm):
    """Staff registration of a request that came by another channel. `agencies`: the bodies the
    officer may register for (a choice only when there are several)."""

    fieldsets = [
        ("受理机关与渠道", ["agency", "channel", "oral", "arrived_on", "confirmed_on"]),
        *ApplicationForm.fieldsets,
    ]
    error_note = "申请尚未登记。"

    def __init__(self, *args, agencies=None, **kwargs):
        super().__init__(*args, **kwargs)
        agencies = list(agencies or [])
        if len(agencies) > 1:
            self.fields["agency"] = forms.ChoiceField(
                label="受理机关",
                choices=_choose([(a.code, a.name) for a in agencies]),
                error_messages={"required": "请选择受理机关", "invalid_choice": "受理机关不正确"},
            )
            self.order_fields(["agency"])

    channel = forms.ChoiceField(
        label="申请渠道",
        choices=_choose(
            [c for c in ApplicationChannel.choices if c[0] != ApplicationChannel.ONLINE]
        ),
        error_messages={"required": "请选择申请渠道", "invalid_choice": "申请渠道不正确"},
    )
    oral = forms.BooleanField(label="口头申请，由工作人员代为填写", required=False)
    arrived_on = forms.DateField(
        label="到达日期（当面递交日/签收日）",
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="第三十一条：当面提交的，以提交之日为收到申请之日；邮寄须签收的，以签收之日为准。",
        error_messages={"required": "请填写到达日期", "invalid": "日期格式不正确"},
    )
    confirmed_on = forms.DateField(
        label="与申请人确认之日（平常信函、传真必填）",
        required=False,
        help_text="第三十一条：平常信函、传真以双方确认之日为收到申请之日。",
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "日期格式不正确"},
    )

    def clean(self):
        data = super().clean()
        channel = data.get("channel")
        arrived, confirmed = data.get("arrived_on"), data.get("confirmed_on")
        if channel in ApplicationChannel.needing_confirmation() and not confirmed:
            self.add_error(
                "confirmed_on", "平常信函、传真申请以双方确认之日为收到申请之日，请填写确认日期"
            )
        if arrived and confirmed and confirmed < arrived:
            self.add_error("confirmed_on", "确认日期不能早于到达日期")
        if data.get("oral") and channel != ApplicationChannel.IN_PERSON:
            self.add_error("oral", "口头申请只能是当面申请")
        return data


class SupplementNoticeForm(forms.Form):
    text = forms.CharField(
        label="需要补正的事项",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages=_required("需要补正的事项"),
    )
    days = forms.IntegerField(
        label="补正期限（工作日）",
        min_value=1,
        max_value=30,
        initial=10,
        error_messages={
            "required": "请填写补正期限",
            "min_value": "补正期限至少1个工作日",
            "max_value": "补正期限不宜超过30个工作日",
        },
    )


class SupplementForm(forms.Form):
    text = forms.CharField(
        label="补正内容",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages=_required("补正内容"),
    )
    attachments = MultipleFileField(label="补正材料（选填）", required=False)


class ConsultationForm(forms.Form):
    party_kind = forms.ChoiceField(
        label="征求意见类型", choices=ConsultedParty.choices, initial="third_party"
    )
    party = forms.CharField(
        label="征求意见对象（第三方或其他机关）",
        max_length=200,
        error_messages=_required("征求意见对象"),
    )
    text = forms.CharField(
        label="征求意见的政府信息和事项",
        help_text="写入征求意见书、发给被征求方：只写所涉政府信息，不要写申请人的姓名、证件号码、联系方式等。",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages=_required("征求意见的政府信息和事项"),
    )


class ExtensionForm(forms.Form):
    days = forms.IntegerField(
        label="延长工作日数",
        min_value=1,
        max_value=EXTENSION_DAYS_2019,
        initial=EXTENSION_DAYS_2019,
        error_messages={
            "required": "请填写延长的工作日数",
            "min_value": "至少延长1个工作日",
            "max_value": "延长期限最长20个工作日",
        },
    )
    text = forms.CharField(
        label="延期理由",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages=_required("延期理由"),
    )


class FeeNoticeForm(forms.Form):
    method = forms.ChoiceField(
        label="计收方式", choices=[("per_request", "按件计收"), ("per_page", "按量计收")]
    )
    quantity = forms.IntegerField(
        label="按件：本申请是申请人本月第几件；按量：页数",
        min_value=1,
        max_value=100_000,
        error_messages={
            "required": "请填写件数或页数",
            "max_value": "件数或页数不能超过100000",
        },
    )


class Art35Form(forms.Form):
    until = forms.DateField(
        label="合理的延迟答复期限",
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"required": "请填写延迟答复期限", "invalid": "日期格式不正确"},
    )
    text = forms.CharField(
        label="说明", widget=forms.Textarea(attrs={"rows": 3}), error_messages=_required("说明")
    )


class ReplyForm(forms.Form):
    outcome = forms.ChoiceField(
        label="办理结果",
        choices=[(o.value, o.label) for o in Outcome.reply_outcomes()],
        error_messages={"required": "请选择办理结果", "invalid_choice": "办理结果不正确"},
    )
    reason = forms.ModelChoiceField(
        label="理由",
        queryset=Reason.objects.filter(is_active=True),
        required=False,
        error_messages={"invalid_choice": "理由不正确"},
    )
    legal_basis = forms.CharField(label="法律依据", max_length=300, required=False)
    text = forms.CharField(
        label="答复内容",
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages=_required("答复内容"),
    )

    def clean(self):
        data = super().clean()
        reason, outcome = data.get("reason"), data.get("outcome")
        if reason and outcome and reason.outcome != outcome:
            self.add_error("reason", "所选理由与办理结果不一致")
        if outcome and outcome != Outcome.GRANTED and not (reason or data.get("legal_basis")):
            self.add_error("legal_basis", "非予以公开的答复须写明理由和法律依据")
        return data


class WithdrawalForm(forms.Form):
    text = forms.CharField(
        label="撤回说明", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class DisputeForm(forms.ModelForm):
    class Meta:
        model = Dispute
        fields = ["kind", "filed_on", "result", "decided_on", "body", "note"]
        widgets = {
            "filed_on": forms.DateInput(attrs={"type": "date"}),
            "decided_on": forms.DateInput(attrs={"type": "date"}),
        }

    def clean(self):
        data = super().clean()
        result, decided = data.get("result"), data.get("decided_on")
        if result and result != DisputeResult.PENDING and not decided:
            self.add_error("decided_on", "已审结的案件请填写审结日期")
        if decided and data.get("filed_on") and decided < data["filed_on"]:
            self.add_error("decided_on", "审结日期不能早于立案日期")
        return data


class TrackForm(forms.Form):
    receipt_no = forms.CharField(
        label="受理编号", max_length=40, error_messages=_required("受理编号")
    )
    code = forms.CharField(label="查询码", max_length=20, error_messages=_required("查询码"))


__all__ = [
    "ApplicationForm",
    "RegistrationForm",
    "SupplementNoticeForm",
    "SupplementForm",
    "ConsultationForm",
    "ExtensionForm",
    "FeeNoticeForm",
    "Art35Form",
    "ReplyForm",
    "WithdrawalForm",
    "DisputeForm",
    "TrackForm",
    "AttachmentKind",
    "DisputeKind",
]
