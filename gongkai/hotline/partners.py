"""Referring a caller to a partner (加盟服务企业) or the volunteer centre (志愿服务), and the
partner's answer — two steps of the ticket workflow, plus the directory they draw on."""

from __future__ import annotations

from django import forms
from django.db import transaction
from django.utils import timezone

from gongkai.agencies.scope import Capability
from gongkai.audit.actions import Action
from gongkai.audit.services import record, snapshot
from gongkai.core.bounds import INT64_MAX
from gongkai.hotline.choices import TicketStatus
from gongkai.hotline.models import Partner, Referral, Ticket
from gongkai.hotline.workflows import TICKET
from gongkai.workflow.steps import StepError

TICKET_REFER = Action("hotline.ticket.refer", "转介至加盟企业或志愿组织")
TICKET_REFER_RESULT = Action("hotline.ticket.refer_result", "登记转介结果")
PARTNER_SAVE = Action("hotline.partner.save", "修改加盟企业或志愿组织")


class ReferralForm(forms.Form):
    partner = forms.ModelChoiceField(
        label="转介给",
        queryset=Partner.objects.filter(is_active=True),
        empty_label="请选择",
        error_messages={"required": "请选择加盟企业或志愿组织", "invalid_choice": "该单位不在册"},
    )
    note = forms.CharField(label="转介说明", max_length=300, required=False)


class ReferralResultForm(forms.Form):
    outcome = forms.ChoiceField(
        label="结果",
        choices=[("", "请选择"), *[c for c in Referral.Outcome.choices if c[0]]],
        error_messages={"required": "请选择转介结果"},
    )
    note = forms.CharField(label="结果说明", max_length=300, required=False)


def _past_int64(value) -> bool:
    try:
        return abs(int(value)) > INT64_MAX
    except (TypeError, ValueError):
        return False


class _Categories(forms.ModelMultipleChoiceField):
    """Refuses an id no column holds before the lookup: Django's check catches ValueError, but
    a number past 2^63 raised OverflowError in the query (a 500)."""

    def _check_values(self, value):
        if any(_past_int64(v) for v in value or ()):
            raise forms.ValidationError("所选分类不存在", code="invalid_choice")
        return super()._check_values(value)


class PartnerForm(forms.ModelForm):
    class Meta:
        field_classes = {"categories": _Categories}
        model = Partner
        fields = [
            "kind",
            "name",
            "categories",
            "services",
            "contact",
            "phone",
            "address",
            "is_active",
        ]


def _pending(ticket: Ticket) -> Referral | None:
    return ticket.referrals.filter(outcome="").order_by("-referred_at", "-id").first()


@TICKET.step(
    "refer",
    "转介服务",
    capability=Capability.EDIT,
    action=TICKET_REFER,
    states=set(TicketStatus.open_states()),
    form=ReferralForm,
    done="已转介。",
    help="生活服务（金融、就医、居家养老）转介加盟服务企业，志愿服务转介志愿服务中心。",
)
def refer(ticket: Ticket, *, actor, partner: Partner, note: str = "") -> str:
    with TICKET.change("refer", ticket, actor=actor, snapshot_fields=False) as step:
        ticket = step.obj
        if partner.agency_id != ticket.agency_id or not partner.is_active:
            raise StepError(errors={"partner": ["该单位不是本热线中心在册的加盟企业或志愿组织"]})
        referral = Referral.objects.create(
            ticket=ticket, partner=partner, note=note, referred_by=actor
        )
        step.note(referral=referral.pk, partner=partner.name, note=note)
    return f"已转介至{partner.name}。"


@TICKET.step(
    "refer-result",
    "登记转介结果",
    capability=Capability.EDIT,
    action=TICKET_REFER_RESULT,
    when=lambda ticket: _pending(ticket) is not None,
    form=ReferralResultForm,
    done="已登记转介结果。",
    wrong_state="没有待反馈的转介。",
)
def refer_result(ticket: Ticket, *, actor, outcome: str, note: str = "") -> str:
    # The event is about the referral's result, not a snapshot of the ticket.
    with TICKET.change("refer-result", ticket, actor=actor, snapshot_fields=False) as step:
        referral = Referral.objects.select_for_update().get(pk=_pending(step.obj).pk)
        step.before = snapshot(referral, ["outcome", "outcome_note"])
        referral.outcome, referral.outcome_note = outcome, note
        referral.outcome_at = timezone.now()
        referral.save()
        step.note(referral=referral.pk, outcome=outcome, outcome_note=note)
    return f"已登记：{referral.get_outcome_display()}。"


def save_partner(form: PartnerForm, agency, *, actor) -> Partner:
    with transaction.atomic():
        before = snapshot(form.instance) if form.instance.pk else None
        partner = form.save(commit=False)
        partner.agency = agency
        partner.save()
        form.save_m2m()
        record(
            PARTNER_SAVE,
            partner,
            agency=agency,
            actor=actor,
            before=before,
            after=snapshot(partner),
        )
    return partner
