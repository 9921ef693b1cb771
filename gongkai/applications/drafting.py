"""Forms of the sign-off steps: the officer's draft reply (reasons offered only for the chosen
outcome, the disclosed information attached), the extension request, the leader's return."""

from __future__ import annotations

from django import forms

from gongkai.applications import clock
from gongkai.applications.forms import ExtensionForm, MultipleFileField, ReplyForm


class ReasonSelect(forms.Select):
    """Each reason carries its outcome (data-outcome); site.js shows only the reasons of the
    outcome chosen, and ReplyForm.clean refuses a mismatch whatever the browser sent."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        instance = getattr(value, "instance", None)
        if instance is not None:
            option["attrs"]["data-outcome"] = instance.outcome
        return option


class DraftReplyForm(ReplyForm):
    attachments = MultipleFileField(
        label="公开的政府信息（附件，选填）",
        required=False,
        help_text="予以公开或部分公开时，附上提供给申请人的政府信息；签发后申请人凭查询码下载。",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        reason = self.fields["reason"]
        reason.widget = ReasonSelect(choices=reason.choices)
        reason.widget.attrs["data-filter-by"] = self.auto_id % "outcome" if self.auto_id else ""
        reason.empty_label = "请选择（先选办理结果）"
        self.fields["outcome"].choices = [("", "请选择"), *self.fields["outcome"].choices]


class ExtensionRequestForm(ExtensionForm):
    @staticmethod
    def initial_for(app) -> dict:
        return {"days": clock.extension_limit(app)}


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label="退回理由",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "请写明退回理由，经办人据此修改"},
    )
