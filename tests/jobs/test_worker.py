"""A real Celery worker (prefork, one process) on a Redis broker: a good and a bad file, a preview job.

The worker is another process, so it reads the test database through a URL built from the test
connection (a file on SQLite) and the test's media root; its queue is this run's alone.
"""
import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection

from budget_site.celery import app
from disclosures import tasks
from disclosures.models import Disclosure, ImportJob
from tests.jobs.files import bad_file, good_file

ROOT = Path(__file__).resolve().parents[2]
TIMEOUT = 90


def database_url():
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    auth = quote(db["USER"]) + (f":{quote(db['PASSWORD'])}" if db["PASSWORD"] else "")
    return f"postgres://{auth}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def forget_connections():
    """Drop the pooled broker connections: an eager ``delay`` of an earlier test opened them to the
    settings' broker (Celery acquires a producer even when eager), which may not be this test's; the
    pools stay open in kombu's registry, keyed by broker, for whoever uses that broker again."""
    app._pool = None
    app.amqp._producer_pool = None


@pytest.fixture
def broker():
    url = subprocess.run([ROOT / "scripts" / "redis.sh"], check=True, capture_output=True, text=True).stdout.strip()
    saved = app.conf.broker_url, app.conf.task_always_eager, app.conf.task_default_queue
    app.conf.broker_url, app.conf.task_always_eager = url, False
    app.conf.task_default_queue = f"test-jobs-{os.getpid()}"
    forget_connections()
    yield url
    app.conf.broker_url, app.conf.task_always_eager, app.conf.task_default_queue = saved
    forget_connections()


@pytest.fixture
def worker(broker, media_root):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "budget_site.settings", "DATABASE_URL": database_url(),
           "MEDIA_ROOT": str(media_root), "CELERY_BROKER_URL": broker,
           "SECRET_KEY": os.environ.get("SECRET_KEY", "tests-only-secret-key-not-for-any-server")}
    process = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "budget_site", "worker", "-c", "1", "--pool", "prefork",
         "-Q", app.conf.task_default_queue, "--without-gossip", "--without-mingle", "--loglevel", "WARNING"],
        cwd=ROOT, env=env,
    )
    yield process
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def finished(job):
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        job.refresh_from_db()
        if job.finished:
            return job
        time.sleep(0.3)
    pytest.fail(f"job {job.pk} still {job.status} after {TIMEOUT} s")


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
