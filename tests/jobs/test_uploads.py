"""The staff upload pages: one file → a preview job (progress, preview with findings, confirm / discard),
several files or a ZIP → a batch saved directly; the job list with its filters and 重试. Celery runs
eagerly, each job when its row is committed; nothing is parsed in the request itself."""
import copy
import io
import json
import zipfile
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from disclosures import imports, tasks
from disclosures.models import Disclosure, ImportJob, PendingImport
from disclosures.report import amount_text
from disclosures.roles import CLERK, MANAGER, REVIEWER
from tests.builders import staff

pytestmark = pytest.mark.django_db

UPLOAD = reverse("disclosures:import_upload")
LIST = reverse("disclosures:import_list")


def document(parsed, year=2030, department=None):
    data = copy.deepcopy(parsed)
    data["document"]["fiscal_year"] = year
    if department:
        data["document"]["department"] = department
    return json.dumps(data, ensure_ascii=False).encode()


def files(*named):
    return {"files": [SimpleUploadedFile(name, data) for name, data in named]}


def zipped(*named, compression=zipfile.ZIP_DEFLATED):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in named:
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.fixture
def clerk(client):
    user = staff("clerk", CLERK)
    client.force_login(user)
    return user


@pytest.fixture
def post(client, django_capture_on_commit_callbacks):
    """A POST whose jobs run (eagerly) once committed, as a worker would run them."""
    def send(url, data=None):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url, data or {})
    return send


@pytest.fixture
def ready(clerk, post, sample_parsed):
    response = post(UPLOAD, files(("预算.json", document(sample_parsed))))
    job = ImportJob.objects.get()
    assert response["Location"] == reverse("disclosures:import_job", args=[job.pk])
    job.refresh_from_db()
    assert job.status == "ready", job.message
    return job


def test_one_file_is_a_preview_job_parsed_by_the_worker_not_the_request(client, clerk, sample_parsed, monkeypatch):
    def no_parsing(*args, **kwargs):
        raise AssertionError("parsed in the request")

    monkeypatch.setattr(imports, "parse_bytes", no_parsing)
    response = client.post(UPLOAD, files(("预算.json", document(sample_parsed))))  # no worker runs it
    job = ImportJob.objects.get()
    assert response.status_code == 302 and (job.status, job.preview, job.uploaded_by) == ("queued", True, clerk)
    status = client.get(reverse("disclosures:import_status", args=[job.pk])).json()
    assert (status["status"], status["percent"], status["finished"]) == ("queued", 0, False)
    page = client.get(response["Location"]).content.decode()
    assert 'id="job-bar"' in page and reverse("disclosures:import_status", args=[job.pk]) in page
    assert "<script src=" not in page  # the polling is the page's own few lines, nothing fetched


def test_ready_preview_shows_formatted_totals_and_the_findings_errors_first(client, ready, sample_parsed):
    status = client.get(reverse("disclosures:import_status", args=[ready.pk])).json()
    assert (status["status"], status["percent"], status["finished"]) == ("ready", 100, True)
    page = client.get(reverse("disclosures:import_job", args=[ready.pk])).content.decode()
    assert sample_parsed["document"]["department"] in page and "确认导入" in page and "放弃" in page
    total = next(line for table in sample_parsed["tables"] for line in table["lines"]
                 if line["row_type"] == "total" and any(v and len(v.split(".")[0]) > 3
                                                       for v in line["amounts"].values()))
    big = next(v for v in total["amounts"].values() if v and len(v.split(".")[0]) > 3)
    assert f"{Decimal(big):,}" in page and big not in page  # one amount format: the grouped filter
    assert ready.findings, "the sample has findings"
    positions = [page.index(f["message"]) for f in ready.findings if f["message"] in page]
    assert len(positions) == len(ready.findings) and positions == sorted(positions)
    amounts = [f for f in ready.findings if f["expected"] is not None]
    assert amounts and all(f"应为 {amount_text(Decimal(f['expected']))}，" in page for f in amounts)
    assert not Disclosure.objects.exists()


def test_confirm_saves_what_was_previewed_and_goes_to_the_review_page(client, ready, post, monkeypatch):
    monkeypatch.setattr(imports, "parse", lambda *a, **k: pytest.fail("confirm must not parse again"))
    previewed = sorted(f["message"] for f in ready.findings)
    response = post(reverse("disclosures:import_confirm", args=[ready.pk]))
    disclosure = Disclosure.objects.get()
    assert response["Location"] == reverse("disclosures:disclosure", args=[disclosure.pk])
    assert sorted(disclosure.findings.values_list("message", flat=True)) == previewed
    ready.refresh_from_db()
    assert (ready.status, ready.outcome, ready.disclosure) == ("saved", "created", disclosure)
    assert not PendingImport.objects.exists()
    again = post(reverse("disclosures:import_confirm", args=[ready.pk]))
    assert again.status_code == 302 and Disclosure.objects.count() == 1


def test_discard_leaves_nothing(client, ready, post):
    response = post(reverse("disclosures:import_discard", args=[ready.pk]))
    assert response["Location"] == LIST
    assert not ImportJob.objects.exists() and not PendingImport.objects.exists() and not Disclosure.objects.exists()


def test_only_the_uploader_confirms_a_preview(client, ready, post):
    client.force_login(staff("manager", MANAGER))
    page = client.get(reverse("disclosures:import_job", args=[ready.pk])).content.decode()
    assert "只有上传人" in page and "确认导入</button>" not in page
    assert post(reverse("disclosures:import_confirm", args=[ready.pk])).status_code == 403
    assert post(reverse("disclosures:import_discard", args=[ready.pk])).status_code == 403
    client.force_login(staff("other", CLERK))
    assert post(reverse("disclosures:import_confirm", args=[ready.pk])).status_code == 404
    assert client.get(reverse("disclosures:import_status", args=[ready.pk])).status_code == 404
    assert not Disclosure.objects.exists() and ImportJob.objects.get().status == "ready"


def test_several_files_are_a_batch_each_saved_directly(client, clerk, post, sample_parsed):
    response = post(UPLOAD, files(("a.json", document(sample_parsed, 2030)), ("b.json", document(sample_parsed, 2031)),
                                  ("bad.pdf", b"%PDF-1.4 not really")))
    jobs = ImportJob.objects.order_by("source_name")
    batch = jobs[0].batch
    assert batch and {job.batch for job in jobs} == {batch} and not any(job.preview for job in jobs)
    assert response["Location"] == f"{LIST}?batch={batch}"
    assert [(j.source_name, j.status, j.outcome) for j in jobs] == [
        ("a.json", "saved", "created"), ("b.json", "saved", "created"), ("bad.pdf", "failed", "failed")]
    assert Disclosure.objects.count() == 2
    page = client.get(response["Location"]).content.decode()
    assert "a.json" in page and "bad.pdf" in page and "重试" in page


def test_a_zip_is_a_batch_of_its_members(client, clerk, post, sample_parsed):
    archive = zipped(("年度/a.json", document(sample_parsed, 2030)), ("b.json", document(sample_parsed, 2030)))
    post(UPLOAD, files(("districts.zip", archive)))
    assert sorted(ImportJob.objects.values_list("source_name", "outcome")) == [("a.json", "created"),
                                                                               ("b.json", "unchanged")]
    assert Disclosure.objects.count() == 1


@pytest.mark.parametrize("archive, message", [
    (zipped(("../../etc/evil.pdf", b"%PDF-")), "压缩包以外"),
    (zipped(("/abs.pdf", b"%PDF-")), "压缩包以外"),
    (zipped(("notes.docx", b"x")), "不是 PDF 或 JSON"),
    (zipped(("bomb.pdf", b"\0" * 5_000_000)), "压缩炸弹"),
    (b"PK\x03\x04 truncated archive", "ZIP 文件无法读取"),
    (zipped(), "没有文件"),
])
def test_a_bad_zip_is_refused_with_one_line_and_creates_nothing(client, clerk, archive, message):
    response = client.post(UPLOAD, files(("batch.zip", archive)))
    page = response.content.decode()
    assert response.status_code == 200 and message in page
    [line] = [line for line in page.splitlines() if message in line]
    assert "Traceback" not in page and not ImportJob.objects.exists()


def test_zip_limits(client, clerk, monkeypatch):
    monkeypatch.setattr(imports, "ZIP_MAX_MEMBERS", 2)
    response = client.post(UPLOAD, files(("m.zip", zipped(*((f"{i}.pdf", b"%PDF-") for i in range(3))))))
    assert "上限为 2 个" in response.content.decode()
    monkeypatch.setattr(imports, "ZIP_MAX_TOTAL", 1000)
    response = client.post(UPLOAD, files(("t.zip", zipped(("a.pdf", b"%PDF-" + b"1" * 600),
                                                          ("b.pdf", b"%PDF-" + b"2" * 600)))))
    assert "解压后超过" in response.content.decode()
    assert not ImportJob.objects.exists()


def test_upload_over_the_limit_and_empty_upload_are_refused(client, clerk, settings):
    settings.DISCLOSURE_UPLOAD_MAX_BYTES = 10
    assert "文件过大" in client.post(UPLOAD, files(("big.json", b"{" + b" " * 20 + b"}"))).content.decode()
    settings.DISCLOSURE_UPLOAD_MAX_BYTES = 1024
    assert "文件为空" in client.post(UPLOAD, files(("empty.pdf", b""))).content.decode()
    assert not ImportJob.objects.exists()


def test_who_may_upload_is_who_may_import(client):
    assert client.get(UPLOAD)["Location"].startswith("/login/")
    client.force_login(staff("reviewer", REVIEWER))
    assert client.get(UPLOAD).status_code == 403
    assert client.get(LIST).status_code == 200 and "上传文件" not in client.get(LIST).content.decode()
    client.force_login(staff("clerk", CLERK))
    assert client.get(UPLOAD).status_code == 200


def test_job_list_scoped_and_filtered_by_status(client, post, clerk, sample_parsed):
    post(UPLOAD, files(("mine.json", document(sample_parsed, 2030)), ("broken.pdf", b"%PDF-1.4 x")))
    other = staff("other", CLERK)
    tasks.submit(b"{}", "theirs.json", other)
    page = client.get(LIST).content.decode()
    assert "mine.json" in page and "broken.pdf" in page and "theirs.json" not in page
    failed = client.get(LIST, {"status": "failed"}).content.decode()
    assert "broken.pdf" in failed and "mine.json" not in failed
    client.force_login(staff("manager", MANAGER))
    assert "theirs.json" in client.get(LIST).content.decode()


def test_retry_requeues_a_failed_job_for_whom_may_see_it(client, post, clerk, tmp_path):
    post(UPLOAD, files(("x.json", b"{"), ("y.json", b"[")))
    job = ImportJob.objects.get(source_name="x.json")
    assert job.status == "failed"
    client.force_login(staff("other", CLERK))
    assert post(reverse("disclosures:import_retry", args=[job.pk])).status_code == 404
    client.force_login(clerk)
    response = post(reverse("disclosures:import_retry", args=[job.pk]))
    assert response["Location"] == reverse("disclosures:import_job", args=[job.pk])
    job.refresh_from_db()
    assert (job.status, job.attempts) == ("failed", 2)  # the same bad file fails again, once more
    assert client.get(reverse("disclosures:import_retry", args=[job.pk])).status_code == 405
