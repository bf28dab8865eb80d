"""The admin under the access rule: reasons and history, stale forms, status, staff assignment, imports."""
import copy
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from disclosures.models import Department, Disclosure, LineAmount, PendingImport
from disclosures.roles import CLERK, MANAGER
from tests.builders import disclosure, ingested, line, staff, table
from tests.formdata import form_data
from tests.jobs.files import run_upload

pytestmark = pytest.mark.django_db

REASON = "与原文第 2 页核对"


@pytest.fixture
def record():
    return ingested(disclosure("甲局", tables=[table("expense_summary", [
        line("合计", row_type="total", total="10.00"), line("行政运行", "2010301", total="10.00"),
    ])]))


@pytest.fixture
def clerk(record, client):
    user = staff("clerk", CLERK, [record.department])
    client.force_login(user)
    return user


def cell(record):
    return LineAmount.objects.get(line__disclosure=record, line__code="2010301")


def change_url(obj):
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])


def rendered(client, obj, **changes):
    return {**form_data(client.get(change_url(obj)).content.decode()), **changes}


def test_an_admin_edit_needs_a_reason_and_shows_on_the_history_page_with_it(client, clerk, record):
    amount = cell(record)
    refused = client.post(change_url(amount), rendered(client, amount, printed="12.00", change_reason=""))
    assert refused.status_code == 200 and "请填写修改原因" in refused.content.decode()
    assert cell(record).printed == "10.00"
    saved = client.post(change_url(amount), rendered(client, amount, printed="12.00", change_reason=REASON))
    assert saved.status_code == 302 and cell(record).printed == "12.00"
    history = client.get(reverse("disclosures:history", args=[record.pk])).content.decode()
    assert REASON in history and "10.00" in history and "12.00" in history


def test_an_admin_form_older_than_the_record_is_refused(client, clerk, record):
    amount = cell(record)
    stale = rendered(client, amount, printed="13.00", change_reason=REASON)
    client.post(change_url(amount), rendered(client, amount, printed="12.00", change_reason=REASON))
    response = client.post(change_url(amount), stale)
    assert response.status_code == 200 and "此记录已被他人修改" in response.content.decode()
    assert cell(record).printed == "12.00"


def test_line_amounts_edited_inline_are_covered_by_the_lines_fingerprint(client, clerk, record):
    budget_line = cell(record).line
    stale = rendered(client, budget_line, name="改名", change_reason=REASON)
    client.post(change_url(cell(record)), rendered(client, cell(record), printed="12.00", change_reason=REASON))
    assert client.post(change_url(budget_line), stale).status_code == 200
    budget_line.refresh_from_db()
    assert budget_line.name == "行政运行"


def test_status_cannot_be_typed_in_the_admin(client, clerk, record):
    data = rendered(client, record, status="approved", functions="新职能", change_reason=REASON)
    assert client.post(change_url(record), data).status_code == 302
    record.refresh_from_db()
    assert (record.status, record.functions) == ("draft", "新职能")
    with pytest.raises(AttributeError):
        record.status = "approved"


def test_only_managers_assign_staff_to_departments(client, clerk, record):
    other = Department.objects.create(name="乙局")
    page = client.get(change_url(record.department))
    assert page.status_code == 200 and 'name="members"' not in page.content.decode()
    assert client.post(change_url(record.department), {"name": "甲局", "members": [clerk.pk]}).status_code == 403
    assert client.get(change_url(other)).status_code == 302  # not found for the clerk
    manager = staff("manager", MANAGER)
    client.force_login(manager)
    assert client.post(change_url(other), {"name": "乙局", "members": [clerk.pk]}).status_code == 302
    assert list(other.members.all()) == [clerk]


@pytest.fixture
def document(sample_parsed):
    """A disclosure-v1 document of ``department`` and ``year``: the sample's, renamed."""
    def make(department, year):
        data = copy.deepcopy(sample_parsed)
        data["document"].update(department=department, fiscal_year=year)
        return data
    return make


@pytest.fixture
def upload(django_capture_on_commit_callbacks):
    """The admin upload, its preview job run as a worker would; the job page it leads to."""
    def send(client, data):
        file = SimpleUploadedFile("d.json", json.dumps(data, ensure_ascii=False).encode(), "application/json")
        return run_upload(client, reverse("admin:disclosures_disclosure_import"), {"file": file},
                          django_capture_on_commit_callbacks)
    return send


def test_a_clerk_cannot_import_for_another_department(client, clerk, record, document, upload):
    staff("clerk-b", CLERK, [Department.objects.create(name="乙局")])
    response = upload(client, document("乙局", 2026))
    assert response.status_code == 200 and "您不是“乙局”的负责人员" in response.content.decode()
    assert not PendingImport.objects.exists() and not Disclosure.objects.filter(department__name="乙局").exists()


def test_a_department_a_clerk_imports_first_becomes_theirs(client, clerk, document, upload):
    response = upload(client, document("丙局", 2026))
    assert response.status_code == 200 and PendingImport.objects.exists()
    assert client.post(response.job_url + "confirm/").status_code == 302
    department = Department.objects.get(name="丙局")
    assert list(department.members.all()) == [clerk]
    saved = department.disclosures.get()
    assert saved.uploaded_by == clerk
    assert client.get(reverse("disclosures:disclosure", args=[saved.pk])).status_code == 200


def test_the_uploader_still_sees_an_upload_after_leaving_its_department(client, clerk, record, document, upload):
    client.post(upload(client, document("甲局", 2026)).job_url + "confirm/")
    mine = Disclosure.objects.get(fiscal_year=2026)
    record.department.members.remove(clerk)
    assert client.get(reverse("disclosures:disclosure", args=[mine.pk])).status_code == 200
    assert client.get(reverse("disclosures:disclosure", args=[record.pk])).status_code == 404
    mine_line = mine.lines.first()
    refused = client.get(reverse("disclosures:line_edit", args=[mine_line.pk]))
    assert refused.status_code == 403 and "只能查看" in refused.content.decode()


def test_import_pdf_as_a_user_follows_the_same_rule(tmp_path, record, document):
    staff("clerk-b", CLERK, [Department.objects.create(name="乙局")])
    path = tmp_path / "d.json"
    path.write_text(json.dumps(document("甲局", 2026), ensure_ascii=False), encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("import_pdf", str(path), "--user", "clerk-b")
    assert not Disclosure.objects.filter(fiscal_year=2026).exists()
    call_command("import_pdf", str(path))  # the server's operator
    assert Disclosure.objects.filter(fiscal_year=2026, uploaded_by=None).exists()


def test_demo_gives_a_clerk_who_sees_and_edits_the_sample(client, sample_pdf, capsys):
    call_command("demo", str(sample_pdf))
    out = capsys.readouterr().out
    assert all(name in out for name in ("演示录入员", "演示审核员", "演示管理员"))
    sample = Disclosure.objects.get()
    clerk = sample.department.members.get()
    assert clerk.username == "clerk" and sample.uploaded_by == clerk
    client.force_login(clerk)
    assert client.get(reverse("disclosures:disclosure", args=[sample.pk])).status_code == 200
    some_line = sample.lines.filter(code__gt="").first()
    assert client.get(reverse("disclosures:line_edit", args=[some_line.pk])).status_code == 200
