"""A throwaway workflow over publishing items, declared only by the contract tests."""

from django import forms

from gongkai.agencies.scope import Capability
from gongkai.audit import services as audit
from gongkai.audit.actions import Action
from gongkai.publishing.models import Item
from gongkai.workflow.steps import Workflow

NOTE_ADD = Action("wftest.item.note", "添加测试批注")
NOTE = Workflow("wftest.item", Item, label="测试记录", final={"withdrawn"})


class NoteForm(forms.Form):
    text = forms.CharField(label="批注", max_length=20)


@NOTE.step(
    "note",
    "添加批注",
    capability=Capability.EDIT,
    action=NOTE_ADD,
    states={"draft"},
    form=NoteForm,
    done="已添加批注。",
)
def add_note(item, *, actor, text):
    audit.record(NOTE_ADD, item, actor=actor, after={"text": text})
