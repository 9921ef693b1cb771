import pytest
from django.utils import timezone

from gongkai.core import jobs
from gongkai.core.models import Job

pytestmark = pytest.mark.django_db


def test_a_claimed_job_cannot_be_claimed_again():
    jobs.enqueue("test.noop")
    first = jobs.claim_next("worker-1")
    assert first is not None and first.claimed_by == "worker-1"
    assert jobs.claim_next("worker-2") is None


def test_an_abandoned_claim_is_taken_over():
    jobs.enqueue("test.noop")
    job = jobs.claim_next("dead-worker")
    Job.objects.filter(pk=job.pk).update(
        claimed_at=timezone.now() - jobs.CLAIM_TIMEOUT - timezone.timedelta(seconds=1)
    )
    assert jobs.claim_next("live-worker").pk == job.pk


def test_future_jobs_wait():
    jobs.enqueue("test.noop", run_after=timezone.now() + timezone.timedelta(hours=1))
    assert jobs.claim_next() is None


def test_run_due_runs_handlers_and_records_failures():
    seen = []
    jobs.handler("test.collect")(lambda payload: seen.append(payload["n"]))

    def boom(payload):
        raise RuntimeError("boom")

    jobs.handler("test.boom")(boom)
    jobs.enqueue("test.collect", {"n": 1})
    jobs.enqueue("test.boom")
    assert jobs.run_due() == 2
    assert seen == [1]
    failed = Job.objects.get(kind="test.boom")
    assert failed.done_at is None and failed.attempts == 1 and "boom" in failed.error
    assert failed.run_after > timezone.now()


def test_dedupe_key_reuses_a_waiting_job():
    a = jobs.enqueue("test.noop", dedupe_key="k")
    b = jobs.enqueue("test.noop", dedupe_key="k")
    assert a.pk == b.pk
