"""A real Celery worker (prefork, one process) on a Redis broker: a good and a bad file, a preview job."""
import time

import pytest

from disclosures import tasks
from disclosures.models import Disclosure, ImportJob
from tests.jobs.conftest import TIMEOUT, finished
from tests.jobs.files import bad_file, good_file


@pytest.mark.django_db(transaction=True)
def test_worker_saves_good_file_and_fails_bad_one(worker, tmp_path, sample_parsed):
    good = tasks.enqueue(good_file(tmp_path, sample_parsed))
    bad = tasks.enqueue(bad_file(tmp_path))
    good, bad = finished(good), finished(bad)
    assert worker.poll() is None
    assert (good.status, good.outcome) == (ImportJob.Status.SAVED, ImportJob.Outcome.CREATED)
    assert good.disclosure == Disclosure.objects.get()
    assert (bad.status, bad.outcome) == (ImportJob.Status.FAILED, ImportJob.Outcome.FAILED)
    assert bad.message and "\n" not in bad.message


@pytest.mark.django_db(transaction=True)
def test_worker_parses_a_preview_job_to_ready_with_progress(worker, sample_pdf, admin_user):
    job = tasks.submit(sample_pdf.read_bytes(), sample_pdf.name, admin_user, preview=True)
    seen = set()
    deadline = time.monotonic() + TIMEOUT
    while not job.finished and time.monotonic() < deadline:
        job.refresh_from_db()
        seen.add((job.status, job.pages_done))
        time.sleep(0.05)
    assert worker.poll() is None
    assert job.status == ImportJob.Status.READY, job.message
    assert job.pages_done == job.pages_total == job.pending.page_count
    assert job.findings and job.department and not Disclosure.objects.exists()
    assert any(status == ImportJob.Status.PARSING and 0 < done < job.pages_total for status, done in seen), seen
    assert tasks.confirm(job, admin_user).disclosure == Disclosure.objects.get()
