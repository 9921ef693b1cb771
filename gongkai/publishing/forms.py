from __future__ import annotations

from django import forms

from gongkai.core.uploads import PUBLISHING_ATTACHMENT
from gongkai.publishing.items import EDITABLE_FIELDS
from gongkai.publishing.models import (
    Channel,
    Item,
    KioskEntry,
    Scheme,
    SectionTwoKey,
    Status,
    Term,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ItemForm(forms.ModelForm):
    class Meta:
        model = Item
        fields = EDITABLE_FIELDS
        widgets = {
            "formed_on": DATE,
            "effective_on": DATE,
            "repealed_on": DATE,
            "body": forms.Textarea(attrs={"rows": 14}),
            "summary": forms.Textarea(attrs={"rows": 3}),
            "disclosure_reason": forms.Textarea(attrs={"rows": 2}),
        }

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
            docs = Item.objects.filter(
                agency=agency, kind__in=["rule", "normative", "general"]
            ).exclude(status=Status.WITHDRAWN)
            if self.instance.pk:
                docs = docs.exclude(pk=self.instance.pk)
        self.fields["interprets"].queryset = docs.only("id", "title")


class NewItemForm(ItemForm):
    agency = forms.ModelChoiceField(queryset=None, label="发布机构", empty_label=None)

    class Meta(ItemForm.Meta):
        fields = ["agency", *EDITABLE_FIELDS]

    def __init__(self, *args, agencies=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies
        self.fields["interprets"].queryset = (
            Item.objects.filter(agency__in=agencies)
            .exclude(status=Status.WITHDRAWN)
            .only("id", "title")
        )


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label="附件",
        help_text=f"PDF、DOCX、XLSX、OFD 或图片，不超过 {PUBLISHING_ATTACHMENT.max_mb} MB",
    )


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
        label="渠道", choices=[c for c in Channel.choices if c[0] != "website"]
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
