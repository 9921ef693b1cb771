from django import forms
from django.contrib.auth.password_validation import validate_password

from gongkai.agencies.models import Agency, ReadingPoint, Role

GUIDE_FIELDS = [
    "office_name",
    "address",
    "postcode",
    "office_hours",
    "phone",
    "fax",
    "email",
    "website",
    "uscc",
    "org_code",
]


# The 指南 block as the public guide shows it: where to apply, then the body's codes.
GUIDE_FIELDSETS = [
    (
        "政府信息公开工作机构（公开指南所列）",
        ["office_name", "address", "postcode", "office_hours", "phone", "fax", "email", "website"],
    ),
    ("机关代码", ["uscc", "org_code"]),
]


class AgencyGuideForm(forms.ModelForm):
    """What a body's own officer maintains: the 指南 contact block and its codes."""

    fieldsets = GUIDE_FIELDSETS

    class Meta:
        model = Agency
        fields = GUIDE_FIELDS


class AgencyAdminForm(forms.ModelForm):
    """Everything, including the body's place in the tree (administrators only)."""

    fieldsets = [
        (
            "机关",
            ["code", "name", "short_name", "level", "kind", "parent", "sort_order", "is_active"],
        ),
        *GUIDE_FIELDSETS,
    ]

    class Meta:
        model = Agency
        fields = [
            "code",
            "name",
            "short_name",
            "level",
            "kind",
            "parent",
            "sort_order",
            "is_active",
            *GUIDE_FIELDS,
        ]

    def __init__(self, *args, parent_choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        if parent_choices is not None:
            self.fields["parent"].queryset = parent_choices


class ReadingPointForm(forms.ModelForm):
    class Meta:
        model = ReadingPoint
        fields = ["name", "address", "hours"]


class MemberForm(forms.Form):
    username = forms.RegexField(
        label="用户名",
        regex=r"^[\w.@+-]{3,150}$",
        error_messages={"invalid": "用户名只能包含字母、数字和 @.+-_，至少3位"},
    )
    full_name = forms.CharField(label="姓名", max_length=150, required=False)
    role = forms.ChoiceField(label="角色", choices=Role.choices)
    password = forms.CharField(
        label="初始密码（新用户）", widget=forms.PasswordInput, required=False
    )

    def clean_password(self):
        password = self.cleaned_data.get("password")
        if password:
            validate_password(password)
        return password
