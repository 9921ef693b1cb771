"""A throwaway workflow over publishing items, declared only by the contract tests."""

from django import forms

from gongkai.agencies.scope import Capability
from gongkai.audit import services as audit
from gongkai.audit.actions import Action
from gongkai.publishing.models import Item
from gongkai.workflow.steps import StepError, Workflow

NOTE_ADD = Action("wftest.item.note", "添加测试批注")
RETITLE = Action("wftest.item.retitle", "修改测试标题")
NOTE = Workflow(
    "wftest.item", Item, label="测试记录", final={"withdrawn"}, audit_fields=("status", "title")
)


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


@NOTE.step(
    "retitle",
    "修改标题",
    capability=Capability.EDIT,
    action=RETITLE,
    states={"submitted"},  # not offered on a draft: the other tests see only "note" there
)
def retitle(item, *, actor, title):
    """The shape of every real step, through `Workflow.change`."""
    with NOTE.change("retitle", item, actor=actor) as step:
        step.obj.title = title
        step.obj.save()
        step.note(why="测试")
        if title == "坏":
            raise StepError("不能用这个标题")
    return step.obj
