"""Real Celery workers for the job tests: a Redis broker, prefork worker processes on the test database.

A worker is another process, so it reads the test database through a URL built from the test
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

ROOT = Path(__file__).resolve().parents[2]
TIMEOUT = 90


def database_url():
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    auth = quote(db["USER"]) + (f":{quote(db['PASSWORD'])}" if db["PASSWORD"] else "")
    return f"postgres://{auth}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def finished(job, timeout=TIMEOUT):
    """``job`` refreshed once a worker has finished it (saved or failed)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job.refresh_from_db()
        if job.finished:
            return job
        time.sleep(0.3)
    pytest.fail(f"job {job.pk} still {job.status} after {timeout} s")


def forget_connections():
    """Drop the app's pooled broker connections, which keep the URL they were opened with."""
    app.close()
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
def start_worker(broker, media_root):
    """Start a prefork worker (``concurrency`` processes) on the test database, or ``database_url``;
    with ``log``, it logs at INFO to that file; with ``group``, it leads a process group of its own, which
    a test can kill whole. Every worker started is stopped after the test."""
    processes = []

    def start(concurrency=1, database=None, log=None, group=False):
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "budget_site.settings",
               "DATABASE_URL": database or database_url(), "MEDIA_ROOT": str(media_root),
               "CELERY_BROKER_URL": broker,
               "SECRET_KEY": os.environ.get("SECRET_KEY", "tests-only-secret-key-not-for-any-server")}
        logging = ["--loglevel", "INFO", "--logfile", str(log)] if log else ["--loglevel", "WARNING"]
        process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "budget_site", "worker", "-c", str(concurrency),
             "--pool", "prefork", "-Q", app.conf.task_default_queue, "--without-gossip", "--without-mingle",
             *logging],
            cwd=ROOT, env=env, process_group=0 if group else None,
        )
        processes.append(process)
        return process

    yield start
    for process in processes:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture
def worker(start_worker):
    """One worker with one pool process."""
    return start_worker()
