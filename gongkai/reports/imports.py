"""The staff page's batch import as background work: an uploaded ZIP is imported by the worker
in chunks of files; each chunk is its own job run (and transaction), so the page sees progress
and a worker that dies loses at most one chunk, which the next run redoes (imports are
idempotent)."""

from __future__ import annotations

from itertools import islice

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from gongkai.agencies.models import Agency, Membership
from gongkai.agencies.scope import Capability, agencies_for
from gongkai.core.jobs import enqueue

from .batch import BatchError, BodyMatcher, count_sources, import_one, iter_sources
from .models import ImportBatch

JOB_KIND = "reports.import_batch"
CHUNK = 25
MAX_UPLOAD = 200 * 1024 * 1024


class UploadError(Exception):
    pass


def start(data: bytes, file_name: str, user, under: Agency | None, year: int | None) -> ImportBatch:
    """Check the upload, keep it, and queue its import."""
    if len(data) > MAX_UPLOAD:
        raise UploadError("文件过大（超过 200 MB），请分成几个 ZIP 上传。")
    try:
        total = count_sources(data)
    except Exception:
        raise UploadError(f"{file_name} 不是有效的 ZIP 文件。") from None
    if total == 0:
        raise UploadError("ZIP 中没有可读取的年报文件（TXT、HTML、PDF、DOCX）。")
    with transaction.atomic():
        batch = ImportBatch.objects.create(
            created_by=user,
            under=under,
            year=year,
            file_name=file_name[:200],
            data=data,
            total=total,
        )
        enqueue(JOB_KIND, {"batch": batch.pk})
    return batch


def importable(user):
    """Bodies whose published reports this user may import: those the user edits, and those
    below a body the user supervises (a supervising office reads what its bodies published)."""
    if user.is_superuser:
        return Agency.objects.all()
    own = Membership.objects.filter(user=user).values("agency_id")
    below = agencies_for(user, Capability.VIEW).exclude(pk__in=own)
    return Agency.objects.filter(
        Q(pk__in=agencies_for(user, Capability.EDIT).values("pk")) | Q(pk__in=below.values("pk"))
    )


def _matcher(batch: ImportBatch) -> BodyMatcher:
    matcher = BodyMatcher(batch.under)
    user = batch.created_by
    if user is not None:
        matcher.restrict(set(importable(user).values_list("pk", flat=True)))
    return matcher


def run_chunk(batch_id: int) -> bool:
    """Import the next chunk of files; True when the batch is finished."""
    batch = ImportBatch.objects.select_for_update().filter(pk=batch_id).first()
    if batch is None or batch.status in (ImportBatch.Status.DONE, ImportBatch.Status.FAILED):
        return True
    batch.status = ImportBatch.Status.RUNNING
    try:
        files = list(
            islice(iter_sources(bytes(batch.data), batch.file_name), batch.done, batch.done + CHUNK)
        )
    except BatchError as exc:
        batch.status, batch.error, batch.finished_at = (
            ImportBatch.Status.FAILED,
            str(exc),
            timezone.now(),
        )
        batch.save()
        return True
    matcher = _matcher(batch)
    for name, data in files:
        outcome = import_one(name, data, matcher, batch.year, batch.created_by)
        batch.outcomes.append(outcome.as_dict())
    batch.done += len(files)
    finished = not files or batch.done >= batch.total
    if finished:
        batch.status, batch.finished_at = ImportBatch.Status.DONE, timezone.now()
    batch.save(update_fields=["status", "done", "outcomes", "error", "finished_at"])
    return finished
