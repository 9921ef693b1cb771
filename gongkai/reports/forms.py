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
