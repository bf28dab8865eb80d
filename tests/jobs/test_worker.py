"""A real Celery worker (prefork, one process) on a Redis broker imports a good and a bad file."""
import pytest

from disclosures import tasks
from disclosures.models import Disclosure, ImportJob
from tests.jobs.conftest import finished
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
