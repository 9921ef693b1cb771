"""What the calendar tells other apps.

`calendar_changed` is sent by the worker (job "workdays.recompute") after a calendar change has
been committed, with the new `calendar` (a `WorkCalendar`). An app that keeps computed deadlines
connects a receiver in its `AppConfig.ready()`:

    calendar_changed.connect(recompute_open_deadlines, dispatch_uid="myapp.recompute")

    def recompute_open_deadlines(sender, calendar: WorkCalendar, **kwargs) -> None: ...

A receiver recomputes its open deadlines with `calendar`, stores `calendar.version` with each,
and writes an audit event for every deadline that changed. It runs inside the job's
transaction: an exception rolls all of them back and the job is retried.
"""

from django.dispatch import Signal

calendar_changed = Signal()
