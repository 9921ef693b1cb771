from django import forms

from gongkai.agencies.models import ArchiveSubmission, OrgYear, TrainingClass, WorkMeeting


class OrgYearForm(forms.ModelForm):
    class Meta:
        model = OrgYear
        fields = ["units", "staff_full", "staff_part", "budget"]


class MeetingForm(forms.ModelForm):
    class Meta:
        model = WorkMeeting
        fields = ["date", "title"]
        widgets = {"date": forms.DateInput(attrs={"type": "date"})}


class TrainingForm(forms.ModelForm):
    class Meta:
        model = TrainingClass
        fields = ["date", "title", "trainees"]
        widgets = {"date": forms.DateInput(attrs={"type": "date"})}


class ArchiveForm(forms.ModelForm):
    class Meta:
        model = ArchiveSubmission
        fields = ["date", "recipient", "paper", "electronic"]
        widgets = {"date": forms.DateInput(attrs={"type": "date"})}


def _agency_choices(agencies, blank: str = "请选择") -> list[tuple[str, str]]:
    return [("", blank), *((a.code, a.name) for a in agencies)]


class CreateForm(forms.Form):
    """A new annual report: the body (among those the user edits), the year, the format."""

    agency = forms.ChoiceField(
        label="机关", error_messages={"required": "请选择机关", "invalid_choice": "请选择机关"}
    )
    year = forms.IntegerField(
        label="年度",
        min_value=2008,
        max_value=2100,
        help_text="报告哪一年的工作。第四十九条：部门于次年1月31日前、政府于次年3月31日前公布。",
        error_messages={
            "required": "请填写年度",
            "invalid": "年度应为数字",
            "min_value": "年度不能早于2008年（条例施行之年）",
            "max_value": "年度无效",
        },
    )
    format = forms.ChoiceField(label="格式", required=False)

    def __init__(self, *args, agencies=(), formats=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].choices = _agency_choices(agencies)
        self.fields["format"].choices = [
            ("", "按年度自动选择"),
            *((f.id, f"{f.id} {f.name}") for f in formats),
        ]


class ImportForm(forms.Form):
    """A ZIP of published reports of the bodies below the user."""

    file = forms.FileField(
        label="ZIP 文件",
        help_text="TXT、HTML、PDF、DOCX 格式的年报打包成一个 ZIP 文件。",
        error_messages={"required": "请选择要上传的 ZIP 文件", "empty": "上传的文件是空的"},
        widget=forms.ClearableFileInput(attrs={"accept": ".zip"}),
    )
    under = forms.ChoiceField(
        label="匹配范围（该机关及其下级）",
        required=False,
        error_messages={"invalid_choice": "无权在该机关范围内导入"},
    )
    year = forms.IntegerField(
        label="年度（可不填，按年报中识别的年度）",
        required=False,
        min_value=2008,
        max_value=2100,
        error_messages={
            "invalid": "年度应为数字",
            "min_value": "年度不能早于2008年",
            "max_value": "年度无效",
        },
    )

    def __init__(self, *args, agencies=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["under"].choices = _agency_choices(agencies, "我有权录入的全部机关")
