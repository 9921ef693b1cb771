"""The staff page's batch import as background work: an uploaded ZIP is checked by the upload
module (size, type, ZIP bomb limits on its central directory), kept on disk, and imported by
the worker in chunks of files read one member at a time; each chunk is its own job run (and
transaction), so the page sees progress and a worker that dies loses at most one chunk, which
the next run redoes (imports are idempotent)."""

from __future__ import annotations

from pathlib import Path

from django.core.files import File
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from gongkai.agencies.models import Agency, Membership
from gongkai.agencies.scope import Capability, agencies_for
from gongkai.core import uploads
from gongkai.core.jobs import enqueue

from .batch import BatchError, BodyMatcher, _wanted, _zip_name, import_chunk, list_sources
from .models import ImportBatch
from .parse.files import close_archives, parse_ref

JOB_KIND = "reports.import_batch"
CHUNK = 25


class UploadError(Exception):
    pass


def start(upload, user, under: Agency | None, year: int | None) -> ImportBatch:
    """Check the upload (streamed: never read whole into memory), keep it on disk, and queue
    its import."""
    try:
        checked = uploads.check(upload, uploads.REPORT_IMPORT_ZIP)
        infos = uploads.check_archive(checked.file, uploads.REPORT_IMPORT_ZIP, checked.name)
    except uploads.UploadError as exc:
        raise UploadError(str(exc)) from None
    total = sum(1 for i in infos if not i.is_dir() and _wanted(_zip_name(i)))
    if total == 0:
        raise UploadError("ZIP 中没有可读取的年报文件（TXT、HTML、PDF、DOCX）。")
    checked.file.seek(0)
    with transaction.atomic():
        batch = ImportBatch(
            created_by=user, under=under, year=year, file_name=checked.name[:200], total=total
        )
        batch.upload.save("upload.zip", File(checked.file), save=False)
        batch.save()
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


def _finish(batch: ImportBatch, error: str = "") -> None:
    batch.status = ImportBatch.Status.FAILED if error else ImportBatch.Status.DONE
    batch.error, batch.finished_at = error, timezone.now()
    if batch.upload:
        batch.upload.delete(save=False)  # the outcomes stay; the archive is not kept


def run_chunk(batch_id: int) -> bool:
    """Import the next chunk of files; True when the batch is finished."""
    batch = ImportBatch.objects.select_for_update().filter(pk=batch_id).first()
    if batch is None or batch.status in (ImportBatch.Status.DONE, ImportBatch.Status.FAILED):
        return True
    batch.status = ImportBatch.Status.RUNNING
    fields = ["status", "done", "outcomes", "error", "finished_at", "upload"]
    try:
        refs = list_sources(_path(batch), batch.file_name)[batch.done : batch.done + CHUNK]
    except BatchError as exc:
        _finish(batch, str(exc))
        batch.save(update_fields=fields)
        return True
    try:
        outcomes = import_chunk(
            [parse_ref(r) for r in refs], _matcher(batch), batch.year, batch.created_by
        )
    finally:
        close_archives()
    batch.outcomes.extend(o.as_dict() for o in outcomes)
    batch.done += len(refs)
    finished = not refs or batch.done >= batch.total
    if finished:
        _finish(batch)
    batch.save(update_fields=fields)
    return finished


def _path(batch: ImportBatch) -> Path:
    if not batch.upload:
        raise BatchError("上传的 ZIP 文件已不存在，无法继续导入。")
    return Path(batch.upload.path)
