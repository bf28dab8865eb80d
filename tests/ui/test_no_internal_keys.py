"""Pages show column and funds labels, never the interchange's keys (``fiscal_subtotal``, ``fiscal_local``)."""
import json
import re
from html.parser import HTMLParser

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from disclosures.columns import COLUMNS, FUNDS
from disclosures.models import ImportJob, LineAmount, PendingImport
from tests.builders import disclosure, ingested, line, table, target
from tests.conftest import shared_path

pytestmark = pytest.mark.django_db


def schema_keys():
    schema = json.loads(shared_path("schema", "disclosure-v1.schema.json").read_text())
    defs = schema["$defs"]
    return set(defs["column_key"]["enum"]) | set(defs["performance_target"]["properties"]["funds"]["properties"])


class VisibleText(HTMLParser):
    """The text a reader sees: tags, scripts and styles dropped."""

    def __init__(self):
        super().__init__()
        self.parts, self.hidden = [], 0

    def handle_starttag(self, tag, attrs):
        self.hidden += tag in ("script", "style")

    def handle_endtag(self, tag):
        self.hidden -= tag in ("script", "style") and self.hidden > 0

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)


def leaked_keys(response):
    assert response.status_code == 200
    parser = VisibleText()
    parser.feed(response.content.decode())
    text = " ".join(parser.parts)
    return sorted(k for k in schema_keys() if re.search(rf"(?<![A-Za-z_]){k}(?![A-Za-z_])", text))


@pytest.fixture
def data():
    """A disclosure whose lines carry every column key and whose targets carry every funds key."""
    amounts = {key: f"{i}.00" for i, key in enumerate(COLUMNS, start=1)}
    lines = [line("合计", row_type="total", **amounts), line("一般公共服务支出", "201", **amounts)]
    department = target(None, [], scope="department", unit="测试局")
    department["funds"] = {"total": "9.00", "fiscal_higher": "4.00", "fiscal_local": "3.00", "other": "2.00"}
    project = target("信息化建设", [], unit="测试局")
    project["funds"] = {"total": "5.00", "fiscal": "3.00", "other": "2.00"}
    return disclosure(tables=[table("expense_summary", lines)], targets=[department, project])


def test_the_labels_cover_the_schema():
    assert set(COLUMNS) | set(FUNDS) == schema_keys()


def test_disclosure_page_shows_labels(admin_client, data):
    record = ingested(data)
    response = admin_client.get(reverse("disclosures:disclosure", args=[record.pk]))
    assert leaked_keys(response) == []
    page = response.content.decode()
    assert str(COLUMNS["fiscal_subtotal"]) in page and str(FUNDS["fiscal_local"]) in page


def test_import_preview_shows_labels(admin_client, admin_user, data):
    pending = PendingImport.objects.create(source=SimpleUploadedFile("x.json", b"{}"), source_name="x.json",
                                           sha256="0" * 64, parsed=data, uploaded_by=admin_user)
    job = ImportJob.objects.create(source=pending.source.name, source_name="x.json", sha256="0" * 64,
                                   uploaded_by=admin_user, preview=True, status="ready", pending=pending)
    response = admin_client.get(reverse("disclosures:import_job", args=[job.pk]))
    assert leaked_keys(response) == []
    assert str(COLUMNS["fiscal_subtotal"]) in response.content.decode()


def test_admin_amount_lists_show_labels(admin_client, data):
    ingested(data)
    assert leaked_keys(admin_client.get(reverse("admin:disclosures_lineamount_changelist") + "?all=")) == []
    assert leaked_keys(admin_client.get(reverse("admin:disclosures_budgetline_changelist"))) == []


def test_amount_str_names_the_column(data):
    """The admin's change messages (金额“…”) and the line list print an amount by its ``str``."""
    amount = LineAmount.objects.get(line__disclosure=ingested(data), line__code="201", column="fiscal_subtotal")
    assert str(amount) == f"{COLUMNS['fiscal_subtotal']} {amount.printed}"
