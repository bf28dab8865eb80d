"""The background import: one ImportJob's file parsed, checked and saved (or previewed) by a Celery worker.

The job is acknowledged only when it has run (``acks_late``) and goes back to the queue when its worker
dies (``reject_on_worker_lost``); running it again is harmless, since the import of a file already
saved finds it by its SHA-256 and creates nothing. A database that is briefly unavailable (or a
concurrent import of the same file) is retried with a growing delay; a file that cannot be imported
fails at once with its one-line message. A preview job stops at ``ready`` with its parse kept as a
PendingImport and the findings the checks would give it; ``confirm`` saves it, ``discard`` drops it.
"""
import time
from contextlib import suppress
from functools import partial

from celery import shared_task
from django.core.files.base import ContentFile
from django.db import OperationalError, transaction
from django.db.models import F
from django.utils import timezone

from . import imports
from .ingest import ConcurrentImport
from .models import Disclosure, ImportJob
from .parsing import ParseError

MAX_RETRIES = 5
PROGRESS_SECONDS = 0.5  # the page count is written at most this often while a PDF is read


def mark(job, **fields):
    ImportJob.objects.filter(pk=job.pk).update(**fields)
    for name, value in fields.items():
        if not hasattr(value, "resolve_expression"):
            setattr(job, name, value)


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=MAX_RETRIES)
def import_job(self, job_id):
    """Import the file of ImportJob ``job_id``; its row records the status and the outcome."""
    try:
        job = ImportJob.objects.select_related("uploaded_by").filter(pk=job_id).first()
        if job is None or job.finished:  # deleted, or a redelivery of a job that has run
            return
        mark(job, status=ImportJob.Status.PARSING, started_at=timezone.now(), attempts=F("attempts") + 1,
             pages_done=0)
    except OperationalError as exc:  # the database is unreachable: the job's row waits for the retry
        raise self.retry(exc=exc, countdown=2 ** self.request.retries) from None
    try:
        with job.source.open("rb") as fh:
            data = fh.read()
        (preview if job.preview else save)(job, data)
    except (OperationalError, ConcurrentImport) as exc:
        if self.request.retries >= MAX_RETRIES:
            fail(job, getattr(exc, "message", None) or f"数据库暂时不可用：{str(exc)[:200]}")
            return
        with suppress(OperationalError):  # the database itself may be gone; the retry marks the job again
            mark(job, status=ImportJob.Status.QUEUED)
        raise self.retry(exc=exc, countdown=2 ** self.request.retries) from None
    except ParseError as exc:
        fail(job, exc.message)
    except OSError as exc:
        fail(job, f"无法读取排队的文件：{exc.strerror or exc}")


def save(job, data):
    parsed, pages = imports.parse_bytes(data, job.source_name, progress_of(job))
    mark(job, status=ImportJob.Status.CHECKING, department=department_of(parsed))
    result = imports.save(parsed, data, job.source_name, job.uploaded_by, pages)
    mark(job, status=ImportJob.Status.SAVED, outcome=result.outcome.value, message=result.label,
         disclosure=result.disclosure, finished_at=timezone.now())


def preview(job, data):
    pending = imports.stage(data, job.source_name, job.uploaded_by, progress_of(job))
    try:
        mark(job, status=ImportJob.Status.CHECKING, department=department_of(pending.parsed))
        findings = imports.trial_findings(pending)
        mark(job, status=ImportJob.Status.READY, pending=pending, findings=findings, finished_at=timezone.now())
    except BaseException:
        imports.discard(pending)
        raise


def department_of(parsed):
    return (parsed["document"].get("department") or "")[:ImportJob._meta.get_field("department").max_length]


def progress_of(job):
    """A parse progress callback writing the pages read to the job's row, at most every PROGRESS_SECONDS."""
    last = 0.0

    def report(done, total):
        nonlocal last
        if done == total or time.monotonic() - last >= PROGRESS_SECONDS:
            last = time.monotonic()
            mark(job, pages_done=done, pages_total=total)
    return report


def fail(job, message):
    mark(job, status=ImportJob.Status.FAILED, outcome=ImportJob.Outcome.FAILED, message=message,
         finished_at=timezone.now())


def enqueue(path, user=None):
    """An ImportJob for the file at ``path``, handed to a worker once its row is committed."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise imports.UploadRejected(f"无法读取文件：{exc.strerror}") from None
    return submit(data, path.name, user)


def submit(data, name, user=None, *, preview=False, batch=None):
    """An ImportJob for an upload's bytes (UploadRejected over the size limit), queued on commit."""
    imports.check_size(len(data))
    name = name[:ImportJob._meta.get_field("source_name").max_length]
    job = ImportJob(source_name=name, sha256=Disclosure.checksum(data), uploaded_by=user, preview=preview,
                    batch=batch)
    job.source.save(name or "upload", ContentFile(data), save=False)
    with transaction.atomic():
        job.save()
        transaction.on_commit(partial(import_job.delay, job.pk))
    return job


def retry(job):
    """Queue a failed job again; False if it is no longer failed (retried meanwhile)."""
    with transaction.atomic():
        queued = ImportJob.objects.filter(pk=job.pk, status=ImportJob.Status.FAILED).update(
            status=ImportJob.Status.QUEUED, outcome="", message="", pages_done=0, started_at=None, finished_at=None,
        )
        if queued:
            transaction.on_commit(partial(import_job.delay, job.pk))
    return bool(queued)


def confirm(job, user):
    """Save a ready job's previewed parse exactly as shown; the job records the outcome."""
    with transaction.atomic():
        result = imports.confirm(job.pending, user)
        mark(job, status=ImportJob.Status.SAVED, outcome=result.outcome.value, message=result.label,
             disclosure=result.disclosure, pending=None, findings=[], finished_at=timezone.now())
    return result


def discard(job):
    """Drop a ready job, its preview and its file: nothing was saved."""
    if job.pending:
        imports.discard(job.pending)
    job.source.delete(save=False)
    job.delete()
