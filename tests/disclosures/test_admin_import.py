"""The admin import (upload → a preview job → its page: confirm / discard), bad uploads, and exports."""
import csv
import io
import json
import struct
import zlib

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from disclosures.ingest import ingest
from disclosures.models import BudgetLine, Disclosure, ImportJob, PendingImport
from tests.jobs.files import run_upload

pytestmark = pytest.mark.django_db

IMPORT_URL = reverse("admin:disclosures_disclosure_import")


@pytest.fixture
def upload(django_capture_on_commit_callbacks):
    """The admin upload, its job run as a worker would; the job page it leads to."""
    def send(client, name, data):
        return run_upload(client, IMPORT_URL, {"file": SimpleUploadedFile(name, data)},
                          django_capture_on_commit_callbacks)
    return send


def tiny_png():
    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00\x00")) + chunk(
        b"IEND", b""
    )


def test_the_admin_request_parses_nothing_and_goes_to_the_job_page(admin_client, sample_pdf, monkeypatch):
    monkeypatch.setattr("disclosures.imports.parse_bytes", lambda *a, **k: pytest.fail("parsed in the request"))
    response = admin_client.post(IMPORT_URL, {"file": SimpleUploadedFile("预算公开.pdf", sample_pdf.read_bytes())})
    job = ImportJob.objects.get()  # queued: no worker has run it
    assert (job.status, job.preview) == ("queued", True)
    assert response["Location"] == reverse("disclosures:import_job", args=[job.pk])


@pytest.fixture
def staged(admin_client, sample_pdf, upload):
    response = upload(admin_client, "预算公开.pdf", sample_pdf.read_bytes())
    job = ImportJob.objects.get()
    assert response.job_url == reverse("disclosures:import_job", args=[job.pk]), response.content.decode()[:500]
    job.refresh_from_db()
    assert (job.status, job.preview) == ("ready", True)
    return PendingImport.objects.get(), response.job_url


def test_upload_shows_a_preview_and_saves_nothing_yet(admin_client, staged, sample_parsed):
    pending, preview_url = staged
    page = admin_client.get(preview_url).content.decode()
    assert sample_parsed["document"]["department"] in page
    for table in sample_parsed["tables"]:
        assert table["title"] in page
    assert "确认导入" in page
    assert not Disclosure.objects.exists()
    assert pending.parsed == sample_parsed


def test_confirm_saves_exactly_what_was_previewed(admin_client, staged, sample_parsed, monkeypatch):
    pending, preview_url = staged

    def no_second_parse(*args, **kwargs):
        raise AssertionError("confirm must not parse again")

    monkeypatch.setattr("disclosures.imports.parse", no_second_parse)
    response = admin_client.post(preview_url + "confirm/")
    disclosure = Disclosure.objects.get()
    assert response["Location"] == reverse("disclosures:disclosure", args=[disclosure.pk])  # the review page
    assert disclosure.parsed == sample_parsed
    assert disclosure.page_count == 39
    assert BudgetLine.objects.count() == sum(len(t["lines"]) for t in sample_parsed["tables"])
    assert not PendingImport.objects.exists()


def test_discard_saves_nothing(admin_client, staged):
    _, preview_url = staged
    response = admin_client.post(preview_url + "discard/")
    assert response["Location"] == reverse("disclosures:import_list")
    assert not Disclosure.objects.exists() and not PendingImport.objects.exists()
    assert not ImportJob.objects.exists()


def test_preview_of_a_file_already_imported_says_so(admin_client, sample_parsed, sample_pdf, upload):
    ingest(sample_parsed, source_bytes=sample_pdf.read_bytes())
    page = upload(admin_client, "again.pdf", sample_pdf.read_bytes()).content.decode()
    assert "该文件已导入过" in page


def text_pdf(text):
    """A one-page PDF with plain ASCII text and no budget table."""
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    c = canvas.Canvas(buffer)
    c.drawString(72, 720, text)
    c.save()
    return buffer.getvalue()


@pytest.mark.parametrize(
    "name, data, message",
    [
        ("empty.pdf", b"", "文件为空"),
        ("picture.pdf", tiny_png(), "PNG"),
        ("notes.pdf", "会议纪要".encode(), "不是 PDF"),
        ("minutes.pdf", text_pdf("Minutes of the meeting"), "不是预算公开文件"),
        ("cut.pdf", text_pdf("x")[:200], "不完整"),
    ],
)
def test_bad_upload_shows_the_problem_and_saves_nothing(admin_client, name, data, message, upload):
    response = upload(admin_client, name, data)
    assert response.status_code == 200
    assert message in response.content.decode()
    # a failed job (an empty file is refused by the form and never queued)
    assert list(ImportJob.objects.values_list("status", flat=True)) == (["failed"] if data else [])
    assert not PendingImport.objects.exists() and not Disclosure.objects.exists()


def test_upload_over_the_size_limit_is_refused(admin_client, settings, sample_pdf, upload):
    settings.DISCLOSURE_UPLOAD_MAX_BYTES = 1024
    response = upload(admin_client, "big.pdf", sample_pdf.read_bytes())
    assert "文件过大" in response.content.decode()
    assert not PendingImport.objects.exists() and not ImportJob.objects.exists()


def test_another_users_preview_cannot_be_confirmed(client, django_user_model, staged):
    pending, preview_url = staged
    other = django_user_model.objects.create_superuser("other", "other@example.com", "pw-other-123")
    client.force_login(other)
    assert client.post(preview_url + "confirm/").status_code == 403
    assert not Disclosure.objects.exists() and PendingImport.objects.get() == pending


@pytest.fixture
def imported(sample_parsed, sample_pdf):
    return ingest(sample_parsed, source_bytes=sample_pdf.read_bytes()).disclosure


def export_lines(client, fmt, query=""):
    url = reverse("admin:disclosures_budgetline_export") + query
    fields = ["code", "name", "table_kind", "amount_total"]
    data = {"format": str(fmt), "resource": "0"}
    data.update({f"budgetlineresource_{f}": "on" for f in fields})
    response = client.post(url, data)
    assert response.status_code == 200, response.content.decode()[:800]
    return response


def test_export_csv_honours_the_active_filter(admin_client, imported):
    response = export_lines(admin_client, 0, "?table__kind__exact=three_public_expense")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    expected = BudgetLine.objects.filter(table__kind="three_public_expense")
    assert len(rows) == expected.count() > 0
    assert {r["表类型"] for r in rows} == {"“三公”经费支出情况表"}


def test_export_xlsx(admin_client, imported):
    response = export_lines(admin_client, 1)
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet.max_row - 1 == BudgetLine.objects.count()


def test_export_json(admin_client, imported):
    response = export_lines(admin_client, 2, "?code_level__exact=3")
    rows = json.loads(response.content)
    assert rows and all(len(r["编码"]) == 7 for r in rows)
    assert len(rows) == BudgetLine.objects.filter(code_level=3).count()


def test_disclosure_json_action_downloads_disclosure_v1(admin_client, imported, sample_parsed):
    url = reverse("admin:disclosures_disclosure_changelist")
    response = admin_client.post(url, {"action": "export_json", "_selected_action": [imported.pk]})
    assert json.loads(response.content) == sample_parsed


@pytest.mark.parametrize("url_name", ["admin:disclosures_budgetline_changelist", "admin:performance_indicator_changelist",
                                      "admin:disclosures_project_changelist", "admin:disclosures_disclosure_changelist"])
def test_admin_lists_use_the_same_number_of_queries_for_10_or_100_rows(admin_client, imported, url_name,
                                                                      monkeypatch):
    from django.contrib import admin
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = reverse(url_name)
    model_admin = next(ma for m, ma in admin.site._registry.items()
                       if reverse(f"admin:{m._meta.app_label}_{m._meta.model_name}_changelist") == url)
    counts = []
    for per_page in (10, 100):
        monkeypatch.setattr(model_admin, "list_per_page", per_page)
        with CaptureQueriesContext(connection) as queries:
            assert admin_client.get(url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


def test_disclosure_change_page_shows_the_workflow_log(admin_client, imported, admin_user):
    from disclosures.models import StatusChange

    StatusChange.objects.create(disclosure=imported, transition="submit", source="draft", target="submitted",
                                by=admin_user, comment="请审核第三张表")
    page = admin_client.get(reverse("admin:disclosures_disclosure_change", args=[imported.pk]))
    assert "请审核第三张表" in page.content.decode()
