"""Which files the applicant may download: the information disclosed with a reply that was
issued (signed, where the body requires it) — never a draft's attachment, never their own
identity papers."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from gongkai.applications.choices import AttachmentKind, DraftStatus
from gongkai.applications.models import Application, ApplicationFile


def released_files(app: Application) -> QuerySet[ApplicationFile]:
    return app.attachments.filter(kind=AttachmentKind.DISCLOSED).filter(
        Q(draft__isnull=True) | Q(draft__status=DraftStatus.SIGNED)
    )
