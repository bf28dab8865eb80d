"""The background import's logic, run in the test process (CELERY_TASK_ALWAYS_EAGER)."""
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import OperationalError

from disclosures import imports, tasks
from disclosures.models import Disclosure, ImportJob
from tests.jobs.files import bad_file, good_file

pytestmark = pytest.mark.django_db


@pytest.fixture
def enqueue(django_capture_on_commit_callbacks):
    """tasks.enqueue, its job run (eagerly) when its row is committed."""
    def run(path):
        with django_capture_on_commit_callbacks(execute=True):
            return tasks.enqueue(path)
    return run


@pytest.fixture(autouse=True)
def no_backoff(monkeypatch):
    """Retries at once: the eager run would otherwise sleep through each countdown."""
    retry = tasks.import_job.retry
    monkeypatch.setattr(tasks.import_job, "retry", lambda *a, countdown=None, **kw: retry(*a, **kw))


def test_good_file_is_saved(enqueue, tmp_path, sample_parsed):
    job = enqueue(good_file(tmp_path, sample_parsed))
    job.refresh_from_db()
    assert (job.status, job.outcome, job.attempts) == ("saved", "created", 1)
    assert job.disclosure == Disclosure.objects.get(sha256=job.sha256)
    assert job.started_at <= job.finished_at


def test_bad_file_fails_with_its_message_and_is_not_retried(enqueue, tmp_path):
    job = enqueue(bad_file(tmp_path))
    job.refresh_from_db()
    assert (job.status, job.outcome, job.attempts) == ("failed", "failed", 1)
    assert job.message and "\n" not in job.message and "Traceback" not in job.message
    assert not Disclosure.objects.exists()


def test_duplicate_file_creates_nothing(enqueue, tmp_path, sample_parsed):
    path = good_file(tmp_path, sample_parsed)
    first, second = enqueue(path), enqueue(path)
    second.refresh_from_db()
    assert (second.status, second.outcome) == ("saved", "unchanged")
    assert Disclosure.objects.count() == 1
    first.refresh_from_db()
    assert second.disclosure_id == first.disclosure_id


def test_redelivered_finished_job_does_nothing(enqueue, tmp_path, sample_parsed):
    job = enqueue(good_file(tmp_path, sample_parsed))
    tasks.import_job.delay(job.pk)  # as after a lost acknowledgement
    job.refresh_from_db()
    assert (job.status, job.attempts) == ("saved", 1)
    assert Disclosure.objects.count() == 1


def test_transient_database_error_is_retried(enqueue, tmp_path, sample_parsed, monkeypatch):
    save, calls = imports.save, []

    def flaky(*args):
        calls.append(1)
        if len(calls) < 3:
            raise OperationalError("server closed the connection unexpectedly")
        return save(*args)

    monkeypatch.setattr(imports, "save", flaky)
    job = enqueue(good_file(tmp_path, sample_parsed))
    job.refresh_from_db()
    assert (job.status, job.outcome, job.attempts) == ("saved", "created", 3)
    assert Disclosure.objects.count() == 1


def test_database_error_that_persists_fails_the_job(enqueue, tmp_path, sample_parsed, monkeypatch):
    def down(*args):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(imports, "save", down)
    job = enqueue(good_file(tmp_path, sample_parsed))
    job.refresh_from_db()
    assert (job.status, job.attempts) == ("failed", tasks.MAX_RETRIES + 1)
    assert "server closed the connection" in job.message


@pytest.mark.django_db(transaction=True)  # each job is handed over when its row is committed
def test_command_queues_and_reports_each_outcome(tmp_path, sample_parsed, capsys):
    good, bad = good_file(tmp_path, sample_parsed), bad_file(tmp_path)
    with pytest.raises(CommandError, match="1 个文件导入失败"):
        call_command("import_pdf", "--queue", "--wait", str(good), str(bad))
    out, err = capsys.readouterr()
    assert f"{good}: 已创建 — " in out
    assert f"{bad}: 失败 — " in err
    assert sorted(ImportJob.objects.values_list("status", flat=True)) == ["failed", "saved"]


def test_wait_needs_queue(tmp_path, sample_parsed):
    with pytest.raises(CommandError, match="--wait"):
        call_command("import_pdf", "--wait", str(good_file(tmp_path, sample_parsed)))


def test_missing_file_is_one_line(capsys):
    with pytest.raises(CommandError):
        call_command("import_pdf", "--queue", str(Path("/nonexistent/x.pdf")))
    assert "无法读取文件" in capsys.readouterr().err
    assert not ImportJob.objects.exists()


@pytest.fixture
def submit(django_capture_on_commit_callbacks):
    """tasks.submit of a file's bytes, its job run (eagerly) when its row is committed."""
    def run(path, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return tasks.submit(path.read_bytes(), path.name, **kwargs)
    return run


def test_preview_job_stops_at_ready_with_the_parse_and_findings(submit, sample_pdf, sample_parsed, admin_user):
    job = submit(sample_pdf, user=admin_user, preview=True)
    job.refresh_from_db()
    assert (job.status, job.outcome) == ("ready", "")
    assert job.pending.parsed == sample_parsed and job.department == sample_parsed["document"]["department"]
    assert job.pages_done == job.pages_total == job.pending.page_count > 1
    assert not Disclosure.objects.exists()
    severities = [f["severity"] for f in job.findings]
    assert severities == sorted(severities, key=["error", "warning", "info"].index)
    previewed = sorted((f["rule"], f["severity"], f["message"]) for f in job.findings)
    saved = tasks.confirm(job, admin_user).disclosure
    assert sorted((f.rule, f.severity, f.message) for f in saved.findings.all()) == previewed != []
    job.refresh_from_db()
    assert (job.status, job.outcome, job.disclosure, job.pending) == ("saved", "created", saved, None)


def test_progress_is_written_while_the_pdf_is_read(submit, sample_pdf, admin_user, monkeypatch):
    seen = []
    mark = tasks.mark

    def spy(job, **fields):
        if "pages_total" in fields:
            seen.append((fields["pages_done"], fields["pages_total"]))
        mark(job, **fields)

    monkeypatch.setattr(tasks, "mark", spy)
    monkeypatch.setattr(tasks, "PROGRESS_SECONDS", 0)
    submit(sample_pdf, user=admin_user, preview=True)
    pages = [done for done, _ in seen if done]
    assert pages == list(range(1, len(pages) + 1)) and {total for _, total in seen if total} == {len(pages)}


def test_preview_of_a_refused_department_fails_and_keeps_nothing(submit, tmp_path, sample_parsed, role_groups):
    from disclosures.models import Department, PendingImport
    from disclosures.roles import CLERK
    from tests.builders import staff

    Department.objects.create(name=sample_parsed["document"]["department"])
    job = submit(good_file(tmp_path, sample_parsed), user=staff("clerk", CLERK), preview=True)
    job.refresh_from_db()
    assert job.status == "failed" and "负责人员" in job.message
    assert not PendingImport.objects.exists() and not Disclosure.objects.exists()


def test_discard_leaves_nothing(submit, tmp_path, sample_parsed, admin_user):
    from disclosures.models import PendingImport

    job = submit(good_file(tmp_path, sample_parsed), user=admin_user, preview=True)
    job.refresh_from_db()
    tasks.discard(job)
    assert not ImportJob.objects.exists() and not PendingImport.objects.exists()
    assert not Disclosure.objects.exists()


def test_retry_queues_a_failed_job_again(submit, tmp_path, sample_parsed, django_capture_on_commit_callbacks):
    path = bad_file(tmp_path)
    job = submit(path)
    job.refresh_from_db()
    assert job.status == "failed"
    # the stored file mended, as when the fault was the machine's, not the upload's
    Path(job.source.path).write_bytes(good_file(tmp_path, sample_parsed).read_bytes())
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.retry(job)
    job.refresh_from_db()
    assert (job.status, job.outcome, job.attempts) == ("saved", "created", 2)
    assert not tasks.retry(job)
