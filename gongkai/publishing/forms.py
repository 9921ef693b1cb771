from __future__ import annotations

from django import forms

from gongkai.core.editor import Editor
from gongkai.core.uploads import PUBLISHING_ATTACHMENT
from gongkai.publishing.items import EDITABLE_FIELDS
from gongkai.publishing.models import (
    Item,
    ItemStatus,
    Kind,
    KioskEntry,
    PublicationChannel,
    Scheme,
    SectionTwoKey,
    Term,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


# 规章 and 规范性文件 are what a 政策解读 explains (国办发〔2018〕94号 / 条例第二十条).
INTERPRETED_KINDS = [Kind.RULE, Kind.NORMATIVE]
ITEM_FIELDSETS = [
    ("基本信息", ["agency", "kind", "title", "document_number", "formed_on", "keywords"]),
    ("正文与附件", ["body", "attachments", "summary"]),
    ("分类", ["topic", "genre", "category"]),
    ("效力", ["validity", "effective_on", "repealed_on", "own_document"]),
    ("公开方式", ["disclosure", "disclosure_reason", "interprets"]),
]
HELP = {
    "formed_on": "条例第二十六条：自信息形成或者变更之日起 20 个工作日内予以公开。",
    "body": "可直接输入文字：空一行为新段落，换行保留；也可粘贴带格式的内容（不安全的代码会被去除）。",
    "disclosure_reason": "选择不予主动公开时必须填写理由（条例第十四、十五、十六条）。",
    "interprets": "仅“政策解读”填写：选择本机关的规章或行政规范性文件（条例第二十条）。",
    "document_number": "如 周政办发〔2026〕7号。",
}


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field; each is checked by the upload policy when saved."""

    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        return [super(MultipleFileField, self).clean(f, initial) for f in files]


class ItemForm(forms.ModelForm):
    fieldsets = ITEM_FIELDSETS

    class Meta:
        model = Item
        fields = EDITABLE_FIELDS
        widgets = {
            "formed_on": DATE,
            "effective_on": DATE,
            "repealed_on": DATE,
            "body": Editor(attrs={"class": "editor-long"}, least=20),
            "summary": Editor(attrs={"class": "editor-medium"}, least=4),
            "disclosure_reason": forms.Textarea(attrs={"rows": 3}),
            # typing narrows the list (static/gongkai/select-filter.js)
            "interprets": forms.Select(attrs={"data-filter": "按名称或文号查找："}),
        }
        help_texts = HELP

    def __init__(self, *args, agency=None, **kwargs):
        super().__init__(*args, **kwargs)
        for name, scheme in (
            ("topic", Scheme.TOPIC),
            ("genre", Scheme.GENRE),
            ("category", Scheme.CATEGORY),
        ):
            self.fields[name].queryset = Term.objects.filter(scheme=scheme, is_active=True)
        docs = Item.objects.none()
        if agency is not None:
            docs = Item.objects.filter(agency=agency, kind__in=INTERPRETED_KINDS).exclude(
                status=ItemStatus.WITHDRAWN
            )
            if self.instance.pk:
                docs = docs.exclude(pk=self.instance.pk)
        self.fields["interprets"].queryset = docs.only("id", "title").order_by("-formed_on")


class NewItemForm(ItemForm):
    agency = forms.ModelChoiceField(queryset=None, label="发布机构", empty_label=None)
    attachments = MultipleFileField(
        label="附件",
        required=False,
        help_text=f"可一次选择多个文件：PDF、DOCX、XLSX、OFD 或图片，每个不超过 "
        f"{PUBLISHING_ATTACHMENT.max_mb} MB；保存时检查其中的个人信息。",
    )

    class Meta(ItemForm.Meta):
        fields = ["agency", *EDITABLE_FIELDS]

    def __init__(self, *args, agencies=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies
        self.fields["interprets"].queryset = (
            Item.objects.filter(agency__in=agencies, kind__in=INTERPRETED_KINDS)
            .exclude(status=ItemStatus.WITHDRAWN)
            .only("id", "title")
            .order_by("-formed_on")
        )

    def clean(self):
        data = super().clean()
        chosen, agency = data.get("interprets"), data.get("agency")
        if chosen is not None and agency is not None and chosen.agency_id != agency.pk:
            self.add_error("interprets", "只能选择本机关的规章或行政规范性文件。")
        return data


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label="附件",
        help_text=f"PDF、DOCX、XLSX、OFD 或图片，不超过 {PUBLISHING_ATTACHMENT.max_mb} MB",
        error_messages={"required": "请选择文件", "empty": "所选文件是空的"},
    )
    error_note = "附件尚未上传。"


class CommentForm(forms.Form):
    comment = forms.CharField(
        label="意见", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class RequiredCommentForm(forms.Form):
    comment = forms.CharField(label="意见", widget=forms.Textarea(attrs={"rows": 3}))


class SignOffForm(forms.Form):
    comment = forms.CharField(
        label="签发意见", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    publish_at = forms.DateTimeField(
        label="定时发布（留空则立即发布）",
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(label="理由", widget=forms.Textarea(attrs={"rows": 2}))


class CorrectForm(ItemForm):
    note = forms.CharField(label="更正说明（公开显示）", widget=forms.Textarea(attrs={"rows": 2}))


class ChannelForm(forms.Form):
    channel = forms.ChoiceField(
        label="渠道", choices=[c for c in PublicationChannel.choices if c[0] != "website"]
    )
    posted_at = forms.DateTimeField(
        label="发布时间",
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )
    reference = forms.CharField(label="链接或编号", required=False, max_length=500)


class SectionTwoForm(forms.Form):
    agency = forms.ModelChoiceField(queryset=None, label="机关", empty_label=None)
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100)
    month = forms.IntegerField(label="月份（0 = 全年）", min_value=0, max_value=12)
    key = forms.ChoiceField(label="指标", choices=SectionTwoKey.choices)
    value = forms.DecimalField(label="数值", max_digits=14, decimal_places=4)

    def __init__(self, *args, agencies=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies


class SectionTwoImportForm(forms.Form):
    agency = forms.ModelChoiceField(queryset=None, label="机关", empty_label=None)
    file = forms.FileField(label="Excel 文件（.xlsx）")

    def __init__(self, *args, agencies=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies


class KioskEntryForm(forms.ModelForm):
    class Meta:
        model = KioskEntry
        fields = ["agency", "kind", "title", "detail", "phone", "order"]

    def __init__(self, *args, agencies=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies
