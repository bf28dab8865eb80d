"""A worker lost whole, its main process and pool killed at once as when its machine goes: the job it held
stays unacknowledged in Redis until the visibility timeout (``CELERY_VISIBILITY_TIMEOUT``), then another
worker runs it again from the start."""
import os
import signal

from disclosures import imports, tasks
from disclosures.models import Disclosure, ImportJob
from tests.conftest import shared_path
from tests.jobs.conftest import finished
from tests.jobs.test_faults import real_worker, records, wait_for_status

Status, Outcome = ImportJob.Status, ImportJob.Outcome
# Longer than the second worker takes to start, so that its sweeps, not only its scan on starting, are
# what find the job (kombu sweeps every 100 s unless told otherwise).
VISIBILITY_TIMEOUT = 5


@real_worker
def test_job_of_a_lost_worker_runs_again_on_another_after_the_visibility_timeout(start_worker, monkeypatch):
    monkeypatch.setenv("CELERY_VISIBILITY_TIMEOUT", str(VISIBILITY_TIMEOUT))  # for both workers
    lost = start_worker(group=True)
    pdf = shared_path("corpus", "putuo-finance-2024-final", "disclosure.pdf")  # the largest: 3.6 MB
    direct = imports.import_file(pdf).disclosure
    expected = records()
    direct.delete()
    assert records() == (0, 0, 0, 0)

    job = tasks.enqueue(pdf)
    wait_for_status(job, Status.PARSING)
    os.killpg(lost.pid, signal.SIGKILL)  # the main process and its pool, before either can hand the job back
    lost.wait()
    job.refresh_from_db()
    assert (job.status, job.attempts, job.finished_at) == (Status.PARSING, 1, None)  # as the dead worker left it

    start_worker()
    job = finished(job, timeout=30)  # not skipped as finished: `parsing` is not
    assert (job.status, job.outcome, job.attempts) == (Status.SAVED, Outcome.CREATED, 2)
    assert job.disclosure == Disclosure.objects.get()
    assert records() == expected
