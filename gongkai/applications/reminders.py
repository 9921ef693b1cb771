"""D-5 and D-1 reminders of open requests to the body's officers and leaders."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from gongkai.agencies.services import reminder_recipients
from gongkai.applications import clock
from gongkai.applications.models import Application, Notification
from gongkai.core.jobs import enqueue

MARKS = (5, 1)  # working days before the due date
CONSOLE = "django.core.mail.backends.console.EmailBackend"


def email_configured() -> bool:
    return settings.EMAIL_BACKEND != CONSOLE


def send_due_reminders(today: date | None = None) -> int:
    """Create the reminders that are due today; returns how many notifications were made.

    A request gets each mark once per due date (a later calendar change or extension that moves
    the due date makes it eligible again)."""
    today = today or timezone.localdate()
    cal = clock.current_calendar()
    made = 0
    qs = (
        Application.objects.open()
        .filter(due_on__isnull=False, due_on__gte=today)
        .select_related("agency")
    )
    for app in qs.iterator():
        left = cal.workdays_between(today, app.due_on)
        sent = set(app.reminded.split(",")) if app.reminded.startswith(f"{app.due_on}|") else set()
        sent.discard("")
        due_marks = [m for m in MARKS if left <= m]
        if not due_marks:
            continue
        mark = min(due_marks)  # a missed D-5 is superseded by D-1, never sent late
        key = f"{app.due_on}|{mark}"
        if key in sent:
            continue
        text = f"申请 {app.receipt_no} 距答复期限（{app.due_on:%Y年%m月%d日}）还剩 {left} 个工作日"
        with transaction.atomic():
            for user in reminder_recipients(app.agency):
                Notification.objects.create(user=user, application=app, text=text)
                made += 1
                if email_configured() and user.email:
                    send_mail(
                        "政府信息公开申请答复期限提醒", text, None, [user.email], fail_silently=True
                    )
            sent.update(f"{app.due_on}|{m}" for m in due_marks)
            app.reminded = ",".join(sorted(sent))
            Application.objects.filter(pk=app.pk).update(reminded=app.reminded)
    return made


def schedule_next_reminders() -> None:
    """Queue tomorrow's 07:00 reminder run (once: an equal waiting job is reused)."""
    tomorrow = timezone.localdate() + timedelta(days=1)
    run_after = timezone.make_aware(datetime.combine(tomorrow, datetime.min.time()).replace(hour=7))
    enqueue(
        "applications.reminders",
        run_after=run_after,
        dedupe_key=f"applications.reminders:{tomorrow}",
    )
