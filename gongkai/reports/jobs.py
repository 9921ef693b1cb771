"""Background work of the reports app (found by name at start)."""

from __future__ import annotations

from gongkai.core.jobs import enqueue, handler

from .imports import JOB_KIND, run_chunk


@handler(JOB_KIND)
def import_batch(payload: dict) -> None:
    """One chunk of an uploaded ZIP of published reports; queues the next chunk."""
    if not run_chunk(payload["batch"]):
        enqueue(JOB_KIND, {"batch": payload["batch"]})
