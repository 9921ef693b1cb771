"""The officer's worklist: filters (status, due within N working days, channel, officer) and a
search by number, applicant and subject words, as one query with the page's rows; the
remaining working days of each row come from the calendar in memory (no query per row)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import Exists, F, OuterRef, Q, QuerySet

from gongkai.applications import queues
from gongkai.applications.choices import (
    ApplicantType,
    ApplicationChannel,
    ApplicationStatus,
    DraftKind,
    DraftStatus,
)
from gongkai.applications.models import Application, Determination, Draft
from gongkai.core.crypto import search_hash

SHOW = {
    "open": (
        "办理中（全部未办结）",
        Q(status__in=[s for s in ApplicationStatus if s != ApplicationStatus.CLOSED]),
    ),
    "closed": ("已办结", Q(status=ApplicationStatus.CLOSED)),
    "all": ("全部", Q()),
    **{
        s.value: (s.label, Q(status=s))
        for s in ApplicationStatus
        if s not in (ApplicationStatus.CLOSED,)
    },
}
DUE_CHOICES = [
    ("overdue", "已逾期"),
    ("1", "1个工作日内到期"),
    ("3", "3个工作日内到期"),
    ("5", "5个工作日内到期"),
    ("10", "10个工作日内到期"),
]
MAX_WORDS = 5


@dataclass
class Filters:
    show: str = "open"
    due: str = ""
    channel: str = ""
    officer: str = ""
    q: str = ""
    agency: str = ""
    sign: bool = False  # only what waits for a leader's signature (replies, extensions)
    waiting: bool = False  # the applicant's or a consulted party's step awaits the officer

    @classmethod
    def from_query(cls, params) -> Filters:
        show = params.get("show", "open")
        channel = params.get("channel", "")
        return cls(
            show=show if show in SHOW else "open",
            due=params.get("due", ""),
            channel=channel if channel in ApplicationChannel.values else "",
            officer=params.get("officer", "") if params.get("officer", "").isdigit() else "",
            q=params.get("q", "").strip()[:100],
            agency=params.get("agency", "")[:50],
            sign=params.get("sign") == "1",
            waiting=params.get("waiting") == "1",
        )


def handled_by(user_id: int) -> Q:
    """Requests this officer registered, took a step on or drafted for."""
    stepped = Determination.objects.filter(application=OuterRef("pk"), created_by_id=user_id)
    drafted = Draft.objects.filter(application=OuterRef("pk"), created_by_id=user_id)
    return Q(registered_by_id=user_id) | Q(Exists(stepped)) | Q(Exists(drafted))


def search(qs: QuerySet, text: str) -> QuerySet:
    """Every word must match part of the number, the organisation or the subject, or be the
    applicant's whole name, ID number or phone number. Those three are encrypted at rest and
    can only be found by their exact value, through their keyed hashes (docs/security.md); the
    whole query is tried as one value too ("139 1234 5678" is one phone number)."""
    every_word = Q()
    for word in text.split()[:MAX_WORDS]:
        every_word &= (
            Q(receipt_no__icontains=word)
            | _applicant_is(word)
            | Q(org_name__icontains=word)
            | Q(description__icontains=word)
        )
    if len(text.split()) > 1:
        return qs.filter(every_word | _applicant_is(text))
    return qs.filter(every_word)


def _applicant_is(value: str) -> Q:
    exact = Q(name_hash=search_hash("name", value))
    if digest := search_hash("id_number", value):
        exact |= Q(id_number_hash=digest)
    if digest := search_hash("phone", value):  # "" for a value without digits
        exact |= Q(phone_hash=digest)
    return exact


def _pending(kind: str) -> Exists:
    return Exists(
        Draft.objects.filter(application=OuterRef("pk"), kind=kind, status=DraftStatus.PENDING)
    )


def apply(qs: QuerySet, f: Filters, today: dt.date, calendar, signable=None) -> QuerySet:
    """`signable`: the bodies where the user signs (the `sign` filter keeps only those)."""
    qs = qs.filter(SHOW[f.show][1]).annotate(
        pending_reply=_pending(DraftKind.REPLY), pending_extension=_pending(DraftKind.EXTENSION)
    )
    if f.sign:
        qs = qs.filter(Q(pending_reply=True) | Q(pending_extension=True))
        if signable is not None:
            qs = qs.filter(agency__in=signable)
    if f.due == "overdue":
        qs = qs.exclude(status=ApplicationStatus.CLOSED).filter(due_on__lt=today)
    elif f.due.isdigit() and 0 < int(f.due) <= 60:
        limit = calendar.add_workdays(today, int(f.due))
        qs = qs.exclude(status=ApplicationStatus.CLOSED).filter(
            due_on__gte=today, due_on__lte=limit
        )
    if f.waiting:  # the workbench's link (gongkai/applications/queues.py)
        qs = queues.waiting(qs)
    if f.channel:
        qs = qs.filter(channel=f.channel)
    if f.officer:
        qs = qs.filter(handled_by(int(f.officer)))
    if f.agency:
        qs = qs.filter(agency__code=f.agency)
    if f.q:
        qs = search(qs, f.q)
    return qs.order_by(F("due_on").asc(nulls_last=True), "received_on", "id").only(
        "receipt_no",
        "status",
        "outcome",
        "due_on",
        "received_on",
        "channel",
        "applicant_type",
        "name",
        "org_name",
        "description",
        "agency__name",
        "agency__code",
    )


def mask_name(name: str) -> str:
    """张** : the family name kept, the rest hidden (a natural person's name on a list)."""
    name = (name or "").strip()
    return name[:1] + "*" * max(1, len(name) - 1) if name else ""


@dataclass
class Row:
    app: Application
    applicant: str
    subject: str
    left: int | None  # working days to the due date; negative when overdue
    state: str  # normal / soon / overdue / paused / closed

    @property
    def label(self) -> str:
        if self.state == "overdue":
            late = -(self.left or 0)
            return f"已逾期{late}个工作日" if late > 0 else "已逾期"
        if self.state == "paused":
            return "暂停计时"
        if self.state == "closed":
            return "—"
        return "今日到期" if self.left == 0 else f"{self.left}个工作日"


def rows(page, today: dt.date, calendar, soon: int) -> list[Row]:
    out = []
    for app in page:
        applicant = (
            mask_name(app.name) if app.applicant_type == ApplicantType.PERSON else app.org_name
        )
        subject = " ".join(app.description.split())
        subject = subject[:40] + "…" if len(subject) > 40 else subject
        left = None
        if app.status == ApplicationStatus.CLOSED:
            state = "closed"
        elif app.due_on is None:
            state = "paused"
        else:
            left = calendar.workdays_between(today, app.due_on)
            state = "overdue" if today > app.due_on else ("soon" if left <= soon else "normal")
        out.append(Row(app, applicant, subject, left, state))
    return out


def officers(agency_ids) -> QuerySet:
    """The people who can be chosen in the officer filter: officers and leaders of these bodies."""
    return (
        get_user_model()
        .objects.filter(
            memberships__agency__in=agency_ids,
            memberships__role__in=["officer", "leader"],
            is_active=True,
        )
        .distinct()
        .order_by("username")
    )
