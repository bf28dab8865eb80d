"""Faults, with real worker processes on the Redis broker: a batch of good, duplicate and bad files, a
worker killed mid-import, a database unreachable at first; and the retries' backoff, run eagerly."""
import json
import os
import shutil
import signal
import time
from functools import partial
from pathlib import Path

import psycopg
import pytest
from django.db import OperationalError, connection

from disclosures import imports, tasks
from disclosures.models import BudgetLine, Disclosure, Finding, ImportJob, LineAmount
from tests.conftest import shared_path
from tests.jobs.conftest import database_url, finished
from tests.jobs.files import bad_file, good_file

Status, Outcome = ImportJob.Status, ImportJob.Outcome
real_worker = pytest.mark.django_db(transaction=True)  # a worker sees only committed rows


def pool_processes(worker):
    """The process ids of a worker's pool (the children of its main process)."""
    return [int(pid) for pid in Path(f"/proc/{worker.pid}/task/{worker.pid}/children").read_text().split()]


def wait_for_status(job, status, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job.refresh_from_db()
        if job.status == status:
            return
        if job.finished:
            pytest.fail(f"job {job.pk} was {job.status} before it was seen {status}")
        time.sleep(0.02)
    pytest.fail(f"job {job.pk} never {status} in {timeout} s")


def wait_for_log(log, text, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if log.exists() and text in log.read_text():
            return
        time.sleep(0.1)
    pytest.fail(f"the worker never logged {text!r} in {timeout} s")


def records():
    """How many disclosures, lines, amounts and findings are stored."""
    return Disclosure.objects.count(), BudgetLine.objects.count(), LineAmount.objects.count(), Finding.objects.count()


@real_worker
def test_batch_gives_each_file_its_own_outcome(worker, tmp_path, sample_parsed):
    commerce = shared_path("corpus", "putuo-commerce-2025", "rerender", "disclosure.pdf")
    finance = shared_path("corpus", "putuo-finance-2024-final", "rerender", "disclosure.pdf")
    resaved = tmp_path / "sample-resaved.json"  # the same records in other bytes: the next version
    resaved.write_text(json.dumps(sample_parsed, ensure_ascii=False, indent=1), encoding="utf-8")
    truncated = tmp_path / "truncated.pdf"
    truncated.write_bytes(finance.read_bytes()[: finance.stat().st_size // 2])
    not_pdf = tmp_path / "名单.pdf"
    not_pdf.write_text("姓名,金额\n张三,100\n", encoding="utf-8")
    batch = [  # one worker process takes them in order
        (commerce, Outcome.CREATED),
        (finance, Outcome.CREATED),
        (good_file(tmp_path, sample_parsed), Outcome.CREATED),
        (good_file(tmp_path, sample_parsed, "sample-2024.json", year=2024), Outcome.CREATED),
        (resaved, Outcome.NEW_VERSION),
        (Path(shutil.copy(commerce, tmp_path / "again.pdf")), Outcome.UNCHANGED),
        (not_pdf, Outcome.FAILED),
        (truncated, Outcome.FAILED),
    ]
    jobs = [tasks.enqueue(path) for path, _ in batch]
    jobs = [finished(job) for job in jobs]

    assert [job.outcome for job in jobs] == [outcome for _, outcome in batch]
    saved, failed = jobs[:6], jobs[6:]
    assert all(job.status == Status.SAVED and job.disclosure.sha256 == job.sha256 for job in saved)
    assert Disclosure.objects.count() == len({job.sha256 for job in saved}) == 5
    assert saved[5].disclosure == saved[0].disclosure
    assert (saved[4].disclosure.version, saved[2].disclosure.version) == (2, 1)
    assert all(job.status == Status.FAILED and job.disclosure is None and job.attempts == 1 for job in failed)
    assert failed[0].message.startswith("不是 PDF 文件") and "截断" in failed[1].message
    assert all("\n" not in job.message for job in failed)


@real_worker
@pytest.mark.parametrize("status", [Status.PARSING, Status.CHECKING])
def test_worker_killed_mid_import_leaves_nothing_half_saved(status, worker, sample_pdf):
    direct = imports.import_file(sample_pdf).disclosure
    expected = records()
    direct.delete()
    assert records() == (0, 0, 0, 0)

    job = tasks.enqueue(sample_pdf)
    wait_for_status(job, status)
    [child] = pool_processes(worker)
    os.kill(child, signal.SIGKILL)
    job = finished(job)  # redelivered (acks_late, reject_on_worker_lost) to the worker's fresh pool process
    assert worker.poll() is None and child not in pool_processes(worker)
    assert (job.status, job.outcome, job.attempts) == (Status.SAVED, Outcome.CREATED, 2)
    assert job.disclosure == Disclosure.objects.get()
    assert records() == expected


@pytest.fixture
def unreachable_database(tmp_path):
    """(a URL of the test database that a worker cannot reach yet, the function that makes it reachable).

    On SQLite the URL names a path where a directory stands instead of the file ("unable to open
    database file") until a link to the file replaces it; on PostgreSQL the database refuses connections.
    """
    if connection.vendor == "sqlite":
        path = tmp_path / "volume" / "db.sqlite3"
        path.mkdir(parents=True)

        def restore():
            path.rmdir()
            path.symlink_to(connection.settings_dict["NAME"])

        yield f"sqlite:///{path}", restore
        return
    db = connection.settings_dict
    server = {"host": db["HOST"], "port": db["PORT"], "user": db["USER"], "password": db["PASSWORD"] or None}

    def allow(allowed):  # said from another database: a database cannot refuse its own connections
        with psycopg.connect(**server, dbname="postgres", autocommit=True) as other:
            other.execute(f"ALTER DATABASE {connection.ops.quote_name(db['NAME'])} WITH ALLOW_CONNECTIONS {allowed}")

    connection.ensure_connection()  # the test's own, made before the door closes
    allow("false")
    yield database_url(), partial(allow, "true")
    allow("true")


@real_worker
def test_unreachable_database_is_retried_and_a_bad_file_is_not(start_worker, unreachable_database,
                                                                 tmp_path, sample_parsed):
    url, restore = unreachable_database
    log = tmp_path / "worker.log"
    start_worker(database=url, log=log)
    good = tasks.enqueue(good_file(tmp_path, sample_parsed))
    wait_for_log(log, "retry: Retry in 1s: OperationalError")
    restore()
    bad = tasks.enqueue(bad_file(tmp_path))
    good, bad = finished(good), finished(bad)
    assert (good.status, good.outcome, good.disclosure) == (Status.SAVED, Outcome.CREATED, Disclosure.objects.get())
    assert good.attempts == 1  # the attempt that could not reach the database could not count itself
    assert (bad.status, bad.outcome, bad.attempts) == (Status.FAILED, Outcome.FAILED, 1)


@pytest.fixture
def enqueue(django_capture_on_commit_callbacks):
    """tasks.enqueue, its job run eagerly when its row is committed."""
    def run(path):
        with django_capture_on_commit_callbacks(execute=True):
            return tasks.enqueue(path)
    return run


@pytest.fixture
def countdowns(monkeypatch):
    """The countdown of every retry, which then runs at once."""
    retry, seen = tasks.import_job.retry, []

    def record(*args, countdown=None, **kwargs):
        seen.append(countdown)
        return retry(*args, **kwargs)

    monkeypatch.setattr(tasks.import_job, "retry", record)
    return seen


def failing(times, function):
    """``function``, raising OperationalError on its first ``times`` calls."""
    calls = []

    def call(*args, **kwargs):
        calls.append(1)
        if len(calls) <= times:
            raise OperationalError("server closed the connection unexpectedly")
        return function(*args, **kwargs)

    return call


@pytest.mark.django_db
def test_retries_back_off_doubling(enqueue, countdowns, monkeypatch, tmp_path, sample_parsed):
    monkeypatch.setattr(imports, "save", failing(3, imports.save))
    job = enqueue(good_file(tmp_path, sample_parsed))
    job.refresh_from_db()
    assert (job.status, job.attempts, countdowns) == (Status.SAVED, 4, [1, 2, 4])


@pytest.mark.django_db
def test_database_gone_while_marking_the_retry_still_retries(enqueue, countdowns, monkeypatch, tmp_path,
                                                              sample_parsed):
    monkeypatch.setattr(imports, "save", failing(1, imports.save))
    mark = tasks.mark

    def mark_but_not_queued(job, **fields):
        if fields.get("status") == Status.QUEUED:
            raise OperationalError("server closed the connection unexpectedly")
        mark(job, **fields)

    monkeypatch.setattr(tasks, "mark", mark_but_not_queued)
    job = enqueue(good_file(tmp_path, sample_parsed))
    job.refresh_from_db()
    assert (job.status, job.outcome, job.attempts, countdowns) == (Status.SAVED, Outcome.CREATED, 2, [1])
    assert Disclosure.objects.count() == 1
