"""留言选登: publishing a caller's question and the reply on the portal, two steps of the ticket
workflow (publish, withdraw).

Only a ticket whose caller consented (`public_consent`, a checkbox on the portal form and the
agent's form) and that was answered and closed can be published, and only through a reviewer's
step that edits and approves the public text. That text is checked before it is saved: the
privacy scanner of gongkai.rules.privacy (ID, mobile, bank-card numbers, e-mail) plus the
caller's own name, number and address and anything that looks like a house number — a
finding refuses the step with the field named, so the reviewer edits and tries again.
"""

from __future__ import annotations

import re

from django import forms
from django.utils import timezone

from gongkai.agencies.scope import Capability
from gongkai.hotline import actions as A
from gongkai.hotline.choices import TicketStatus
from gongkai.hotline.models import PublicReply, Ticket
from gongkai.hotline.workflows import TICKET
from gongkai.rules.privacy import scan_text
from gongkai.workflow.steps import StepError

PUBLIC_FIELDS = ("title", "question", "answer")
# 门牌、楼栋、单元、房号: an address precise enough to find a person (the street alone is not).
HOUSE_NUMBER = re.compile(r"[0-9０-９一二三四五六七八九十百]+\s*(?:号楼|栋|幢|单元|室|号院|户)")
DIGITS = re.compile(r"\D")


class PublishForm(forms.Form):
    title = forms.CharField(label="标题", max_length=100, error_messages={"required": "请填写标题"})
    question = forms.CharField(
        label="留言内容（公开文本）",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=4000,
        error_messages={"required": "请填写公开的留言内容"},
    )
    answer = forms.CharField(
        label="答复内容（公开文本）",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=4000,
        error_messages={"required": "请填写公开的答复内容"},
    )

    @staticmethod
    def initial_for(ticket: Ticket) -> dict:
        """A starting point the reviewer edits: the caller's words and the reply as recorded."""
        first_line = ticket.content.strip().splitlines()[0] if ticket.content.strip() else ""
        return {"title": first_line[:30], "question": ticket.content, "answer": ticket.reply}


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label="撤下原因", max_length=300, error_messages={"required": "请填写撤下原因"}
    )


def personal_data(ticket: Ticket, texts: dict[str, str]) -> dict[str, list[str]]:
    """{field: [Chinese message]} for each public text that still holds personal data."""
    own = []
    if ticket.name.strip():
        own.append(("来电人姓名", ticket.name.strip()))
    if ticket.address.strip():
        own.append(("来电人地址", ticket.address.strip()))
    phone = DIGITS.sub("", ticket.phone)
    errors: dict[str, list[str]] = {}
    for field, text in texts.items():
        found = [f.kind.label for f in scan_text(text)]
        found += [label for label, value in own if value in text]
        if len(phone) >= 7 and phone in DIGITS.sub("", text):
            found.append("来电人电话")
        if HOUSE_NUMBER.search(text):
            found.append("门牌号等详细地址")
        if found:
            kinds = "、".join(dict.fromkeys(found))
            errors[field] = [f"含有个人信息（{kinds}），请删改后再公开"]
    return errors


def _publishable(ticket: Ticket) -> bool:
    return (
        ticket.public_consent
        and ticket.replied
        and ticket.duplicate_of_id is None
        and not PublicReply.objects.live().filter(ticket=ticket).exists()
    )


def _published(ticket: Ticket) -> bool:
    return PublicReply.objects.live().filter(ticket=ticket).exists()


@TICKET.step(
    "publish",
    "留言选登",
    capability=Capability.REVIEW,
    action=A.TICKET_PUBLISH,
    states={TicketStatus.CLOSED},
    when=_publishable,
    form=PublishForm,
    done="已在网站“留言选登”栏目公开。",
    wrong_state="办结后才能选登。",
    refused="来电人未同意公开，或该工单未答复、已选登。",
    help="来电人同意公开的，审核并编辑公开文本（去除姓名、电话、身份证号、地址等个人信息）后"
    "在网站公开留言和答复。",
)
def publish(ticket: Ticket, *, actor, title: str, question: str, answer: str) -> str:
    texts = {"title": title, "question": question, "answer": answer}
    errors = personal_data(ticket, texts)
    if errors:
        raise StepError("公开文本含有个人信息，未公开。", errors=errors)
    # The event carries the public text, not a snapshot of the ticket (which does not change).
    with TICKET.change("publish", ticket, actor=actor, snapshot_fields=False) as step:
        ticket = step.obj
        today = timezone.localdate()
        PublicReply.objects.filter(ticket=ticket).delete()  # a withdrawn one is replaced
        reply = PublicReply.objects.create(
            ticket=ticket,
            agency_id=ticket.agency_id,
            category=ticket.category.full_name if ticket.category_id else "",
            asked_on=ticket.received_on,
            answered_on=ticket.replied_on or ticket.closed_on or today,
            answered_by=ticket.body.name if ticket.body_id else ticket.agency.name,
            published_on=today,
            approved_by=actor,
            **texts,
        )
        step.note(public_reply=reply.pk, **texts)
    return TICKET["publish"].done


@TICKET.step(
    "unpublish",
    "撤下选登",
    capability=Capability.REVIEW,
    action=A.TICKET_UNPUBLISH,
    states={TicketStatus.CLOSED},
    when=_published,
    form=WithdrawForm,
    done="已从网站撤下。",
    refused="该工单没有在网站选登。",
)
def unpublish(ticket: Ticket, *, actor, reason: str) -> str:
    with TICKET.change("unpublish", ticket, actor=actor, snapshot_fields=False) as step:
        reply = PublicReply.objects.select_for_update().get(ticket=step.obj)
        reply.withdrawn = True
        reply.save(update_fields=["withdrawn"])
        step.before = {"withdrawn": False}
        step.note(withdrawn=True, reason=reason)
    return TICKET["unpublish"].done
