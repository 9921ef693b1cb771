"""D-1 reminders of tickets at a body, and 督办 of tickets no body signed for in time."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from gongkai.agencies.services import reminder_recipients
from gongkai.hotline.choices import TicketStatus
from gongkai.hotline.models import Notice, Ticket
from gongkai.workdays.services import current_calendar


def send_due_reminders(today: date | None = None) -> int:
    """One reminder per ticket and due date, on the last working day before the limit (D-1),
    to the officers and leaders of the body holding it. Returns the notices made."""
    today = today or timezone.localdate()
    cal = current_calendar()
    made = 0
    qs = Ticket.objects.filter(
        status__in=[TicketStatus.DISPATCHED, TicketStatus.HANDLING],
        due_on__gte=today,
        body__isnull=False,
    ).select_related("body")
    for ticket in qs.iterator():
        if cal.workdays_between(today, ticket.due_on) > 1:
            continue
        key = f"{ticket.due_on}|1"
        if ticket.reminded == key:
            continue
        text = f"热线工单 {ticket.ticket_no} 将于 {ticket.due_on:%Y年%m月%d日} 到期，请及时办理答复"
        with transaction.atomic():
            for user in reminder_recipients(ticket.body):
                Notice.objects.create(user=user, ticket=ticket, text=text)
                made += 1
                if getattr(settings, "GONGKAI_EMAIL_CONFIGURED", False) and user.email:
                    send_mail("热线工单办理时限提醒", text, None, [user.email], fail_silently=True)
            Ticket.objects.filter(pk=ticket.pk).update(reminded=key)
    return made


def escalate_unclaimed(today: date | None = None) -> int:
    """Tickets still unsigned after their sign-for limit become 督办 cases (the worker's work,
    recorded with the system as actor)."""
    from gongkai.hotline.services import _escalate

    today = today or timezone.localdate()
    n = 0
    ids = Ticket.objects.filter(
        status=TicketStatus.DISPATCHED, sign_due_on__lt=today, supervised=False
    ).values_list("pk", flat=True)
    for pk in list(ids):
        with transaction.atomic():
            ticket = Ticket.objects.select_for_update().get(pk=pk)
            if ticket.status == TicketStatus.DISPATCHED and not ticket.supervised:
                _escalate(ticket, None, "超过签收时限未签收")
                n += 1
    return n


def overdue(agency_ids, today: date | None = None):
    """Open tickets past their limit (the overdue list)."""
    today = today or timezone.localdate()
    return Ticket.objects.filter(
        agency_id__in=agency_ids, status__in=TicketStatus.open_states(), due_on__lt=today
    ).exclude(status=TicketStatus.REPLIED)
