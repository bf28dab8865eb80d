"""Every door × every role × every status: who may see, change and decide, and that refusals change nothing.

In the manner of NetBox's ``ViewTestCases``: one world (department 甲局's disclosure with a line, an
amount, a project, a target and indicator, an open error; 乙局's disclosure beside it), one table of
doors (review pages, page image and source PDF, workflow, admin changelists, change forms, deletes,
history, import, export, staff assignment), one rule per door for what each role gets. Each cell
runs in a savepoint that is rolled back: it sets the disclosure's status, prepares the request as a
browser would (the form as rendered), sends it as the role, and asserts the status code and that the
records changed exactly when the door allowed it. The totals by outcome are printed at the end.
"""
import copy
import json
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from io import BytesIO

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.urls import reverse
from reportlab.pdfgen import canvas

from disclosures.ingest import ingest
from disclosures.models import (
    BudgetLine,
    BudgetTable,
    Department,
    Disclosure,
    Finding,
    FindingOverride,
    ImportJob,
    LineAmount,
    PendingImport,
    Project,
    StatusChange,
)
from disclosures.roles import CLERK, MANAGER, REVIEWER
from performance.models import Indicator, PerformanceTarget
from tests.builders import disclosure, indicator, ingested, line, project, staff, table, target
from tests.formdata import form_data

pytestmark = pytest.mark.django_db

ANONYMOUS, DEPARTMENT_CLERK, OTHER_CLERK, UPLOADER, REVIEWER_ROLE, MANAGER_ROLE = (
    "anonymous", "department_clerk", "other_clerk", "uploader", "reviewer", "manager")
ROLES = (ANONYMOUS, DEPARTMENT_CLERK, OTHER_CLERK, UPLOADER, REVIEWER_ROLE, MANAGER_ROLE)
STATUSES = ("draft", "submitted", "returned", "approved")
EDITABLE = {"draft", "returned"}

SEES = {DEPARTMENT_CLERK, UPLOADER, REVIEWER_ROLE, MANAGER_ROLE}
EDITS = {DEPARTMENT_CLERK, UPLOADER, MANAGER_ROLE}  # the uploader is a manager: four eyes bite on review
DELETES = {UPLOADER, MANAGER_ROLE}
REVIEWS = {REVIEWER_ROLE, MANAGER_ROLE}
IMPORTS = {DEPARTMENT_CLERK, OTHER_CLERK, UPLOADER, MANAGER_ROLE}

LOGIN, ADMIN_LOGIN = "/login/", "/admin/login/"
MARKER = "甲局行政运行"


@dataclass
class Expect:
    code: int
    changed: bool = False
    marker: bool | None = None  # list pages: whether 甲局's records are in the page
    login: str = ""


def review_view(role, status):
    return Expect(302, login=LOGIN) if role == ANONYMOUS else Expect(200 if role in SEES else 404)


def review_list(role, status):
    return Expect(302, login=LOGIN) if role == ANONYMOUS else Expect(200, marker=role in SEES)


def review_edit(success):
    def rule(role, status):
        if role == ANONYMOUS:
            return Expect(302, login=LOGIN)
        if role not in SEES:
            return Expect(404)
        if role in EDITS and status in EDITABLE:
            return Expect(success, changed=success == 302)
        return Expect(403)
    return rule


def transition(allowed):
    def rule(role, status):
        if role == ANONYMOUS:
            return Expect(302, login=LOGIN)
        return Expect(302, changed=allowed(role, status)) if role in SEES else Expect(404)
    return rule


def admin_view(role, status, hidden=302):
    if role == ANONYMOUS:
        return Expect(302, login=ADMIN_LOGIN)
    return Expect(200 if role in SEES else hidden)


def admin_history(role, status):
    return admin_view(role, status, hidden=403)


def admin_list(role, status):
    return Expect(302, login=ADMIN_LOGIN) if role == ANONYMOUS else Expect(200, marker=role in SEES)


def admin_write(allowed_roles, model_permission=EDITS | {OTHER_CLERK}):
    """``allowed_roles`` change a draft's record; without the model's permission the admin answers 403
    before looking the record up, with it a record the user may not see is "does not exist" (302)."""
    def rule(role, status):
        if role == ANONYMOUS:
            return Expect(302, login=ADMIN_LOGIN)
        if role not in model_permission:
            return Expect(403)
        if role not in SEES:
            return Expect(302)
        if role in allowed_roles and status in EDITABLE:
            return Expect(302, changed=True)
        return Expect(403)
    return rule


def admin_import_page(role, status):
    if role == ANONYMOUS:
        return Expect(302, login=ADMIN_LOGIN)
    return Expect(200 if role in IMPORTS else 403)


def admin_import(role, status):
    """甲局's JSON becomes a preview job for whoever may import (the other department's clerk is refused
    by the worker, which alone reads the file: tests/disclosures/test_admin_access.py)."""
    if role == ANONYMOUS:
        return Expect(302, login=ADMIN_LOGIN)
    return Expect(302, changed=True) if role in IMPORTS else Expect(403)


def upload_page(role, status):
    if role == ANONYMOUS:
        return Expect(302, login=LOGIN)
    return Expect(200 if role in IMPORTS else 403)


def upload_post(role, status):
    if role == ANONYMOUS:
        return Expect(302, login=LOGIN)
    return Expect(302, changed=True) if role in IMPORTS else Expect(403)


JOB_OWNERS = {UPLOADER, MANAGER_ROLE}  # the jobs are the uploader's; a manager sees every job


def job_list(role, status):
    return Expect(302, login=LOGIN) if role == ANONYMOUS else Expect(200, marker=role in JOB_OWNERS)


def job_view(role, status):
    if role == ANONYMOUS:
        return Expect(302, login=LOGIN)
    return Expect(200 if role in JOB_OWNERS else 404)


def job_retry(role, status):
    if role == ANONYMOUS:
        return Expect(302, login=LOGIN)
    return Expect(302, changed=True) if role in JOB_OWNERS else Expect(404)


def job_decide(role, status):
    """确认导入 / 放弃: the uploader's alone; a manager sees the preview but may not decide it."""
    if role == ANONYMOUS:
        return Expect(302, login=LOGIN)
    if role == UPLOADER:
        return Expect(302, changed=True)
    return Expect(403 if role in JOB_OWNERS else 404)


def assign_staff(role, status):
    """Only managers assign staff to departments."""
    if role == ANONYMOUS:
        return Expect(302, login=ADMIN_LOGIN)
    return Expect(302, changed=True) if role in {UPLOADER, MANAGER_ROLE} else Expect(403)


@dataclass
class World:
    users: dict
    record: Disclosure
    other: Disclosure
    document: dict
    objects: dict = field(default_factory=dict)


@dataclass
class Door:
    """One way in: how to build its request from the world, and what each role gets."""

    name: str
    url: Callable
    rule: Callable
    method: str = "get"
    form: Callable | None = None  # (world, manager client) → POST data
    prepare: Callable | None = None  # (world) → None, after the status is set

    def __str__(self):
        return self.name


def rendered(url, form_id=None, **changes):
    """POST data as the manager's browser renders ``url``, with ``changes``."""
    def build(world, manager):
        page = manager.get(url(world))
        assert page.status_code == 200, url(world)
        data = form_data(page.content.decode(), form_id)
        for key, value in changes.items():
            [name] = [n for n in data if n == key or n.endswith(f"-{key}")][:1] or [key]
            data[name] = value
        return data
    return build


def fixed(**data):
    return lambda world, manager: data


def obj_url(name, key):
    return lambda world: reverse(name, args=[world.objects[key].pk])


def admin_url(key, view="change"):
    def url(world):
        obj = world.objects[key]
        return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_{view}", args=[obj.pk])
    return url


def submitted_by_department_clerk(world):
    StatusChange.objects.create(disclosure=world.record, transition="submit", source="draft",
                                target="submitted", by=world.users[DEPARTMENT_CLERK])


def errors_passed(world):
    Finding.objects.filter(disclosure=world.record, severity="error").update(
        overridden_by=world.users[REVIEWER_ROLE], override_reason="矩阵：已核对")


def upload(world, manager):
    body = json.dumps(world.document, ensure_ascii=False).encode()
    return {"file": SimpleUploadedFile("d.json", body, "application/json")}


def uploads(world, manager):
    body = json.dumps(world.document, ensure_ascii=False).encode()
    return {"files": [SimpleUploadedFile("d.json", body, "application/json")]}


REASON = "矩阵测试：与原文核对"
TRANSITION = {"comment": "矩阵测试", "confirm": "1"}

DOORS = [
    Door("dashboard", lambda w: reverse("disclosures:dashboard"), review_list),
    Door("disclosure", obj_url("disclosures:disclosure", "record"), review_view),
    Door("page_image", lambda w: reverse("disclosures:page_image", args=[w.record.pk, 1]), review_view),
    Door("source_pdf", obj_url("disclosures:source_pdf", "record"), review_view),
    Door("history", obj_url("disclosures:history", "record"), review_view),
    Door("report", obj_url("disclosures:report", "record"), review_view),
    Door("report_xlsx", lambda w: reverse("disclosures:report", args=[w.record.pk]) + "?format=xlsx", review_view),
    Door("datapackage", obj_url("disclosures:datapackage", "record"), review_view),
    Door("annotated_pdf", obj_url("disclosures:annotated_pdf", "record"), review_view),
    Door("compare", obj_url("disclosures:compare", "department"), review_view),
    Door("year_overview", lambda w: reverse("disclosures:year_overview", args=[2025]), review_list),
    Door("line_list", lambda w: reverse("disclosures:line_list"), review_list),
    Door("line_export", lambda w: reverse("disclosures:line_list") + "?_export=csv", review_list),
    Door("project_list", lambda w: reverse("disclosures:project_list"), review_list),
    Door("finding_list", lambda w: reverse("disclosures:finding_list"), review_list),
    Door("indicator_list", lambda w: reverse("performance:indicator_list"), review_list),
    Door("line_edit_page", obj_url("disclosures:line_edit", "line"), review_edit(200)),
    Door("line_edit", obj_url("disclosures:line_edit", "line"), review_edit(302), "post",
         rendered(obj_url("disclosures:line_edit", "line"), amount_total="11.00", reason=REASON)),
    Door("table_edit", obj_url("disclosures:table_edit", "table"), review_edit(302), "post",
         rendered(obj_url("disclosures:table_edit", "table"), amount_total="11.00", reason=REASON)),
    Door("project_edit", obj_url("disclosures:project_edit", "project"), review_edit(302), "post",
         rendered(obj_url("disclosures:project_edit", "project"), name="改名项目", reason=REASON)),
    Door("indicator_edit", obj_url("performance:indicator_edit", "indicator"), review_edit(302), "post",
         rendered(obj_url("performance:indicator_edit", "indicator"), name="改名指标", reason=REASON)),
    Door("submit", lambda w: reverse("disclosures:transition", args=[w.record.pk, "submit"]),
         transition(lambda role, status: role in EDITS and status in EDITABLE), "post", fixed(**TRANSITION)),
    Door("withdraw", lambda w: reverse("disclosures:transition", args=[w.record.pk, "withdraw"]),
         transition(lambda role, status: role == DEPARTMENT_CLERK and status == "submitted"), "post",
         fixed(**TRANSITION), submitted_by_department_clerk),
    Door("approve", lambda w: reverse("disclosures:transition", args=[w.record.pk, "approve"]),
         transition(lambda role, status: role in REVIEWS and status == "submitted"), "post",
         fixed(**TRANSITION), errors_passed),
    Door("send_back", lambda w: reverse("disclosures:transition", args=[w.record.pk, "send_back"]),
         transition(lambda role, status: role in REVIEWS and status == "submitted"), "post", fixed(**TRANSITION)),
    Door("override", obj_url("disclosures:finding_override", "finding"),
         transition(lambda role, status: role in REVIEWS and status == "submitted"), "post",
         fixed(reason="矩阵测试：原件如此")),
    Door("admin_disclosures", lambda w: reverse("admin:disclosures_disclosure_changelist"), admin_list),
    Door("admin_lines", lambda w: reverse("admin:disclosures_budgetline_changelist"), admin_list),
    Door("admin_findings", lambda w: reverse("admin:disclosures_finding_changelist"), admin_list),
    Door("admin_indicators", lambda w: reverse("admin:performance_indicator_changelist"), admin_list),
    Door("admin_line_export", lambda w: reverse("admin:disclosures_budgetline_export"), admin_list, "post",
         fixed(format="0", resource="0", budgetlineresource_name="on", budgetlineresource_code="on")),
    Door("admin_disclosure_page", admin_url("record"), admin_view),
    Door("admin_disclosure_history", admin_url("record", "history"), admin_history),
    Door("admin_line_page", admin_url("line"), admin_view),
    Door("admin_finding_page", admin_url("finding"), admin_view),
    Door("admin_disclosure_edit", admin_url("record"), admin_write(EDITS), "post",
         rendered(admin_url("record"), "disclosure_form", functions="矩阵改过的职能", change_reason=REASON)),
    Door("admin_line_edit", admin_url("line"), admin_write(EDITS), "post",
         rendered(admin_url("line"), "budgetline_form", name="改名行", change_reason=REASON)),
    Door("admin_amount_edit", admin_url("amount"), admin_write(EDITS), "post",
         rendered(admin_url("amount"), "lineamount_form", printed="11.00", change_reason=REASON)),
    Door("admin_project_edit", admin_url("project"), admin_write(EDITS), "post",
         rendered(admin_url("project"), "project_form", name="改名项目", change_reason=REASON)),
    Door("admin_target_edit", admin_url("target"), admin_write(EDITS), "post",
         rendered(admin_url("target"), "performancetarget_form", goal="改过的目标", change_reason=REASON)),
    Door("admin_indicator_edit", admin_url("indicator"), admin_write(EDITS), "post",
         rendered(admin_url("indicator"), "indicator_form", name="改名指标", change_reason=REASON)),
    Door("admin_finding_edit", admin_url("finding"), admin_write(set(), set()), "post",
         fixed(override_reason="矩阵测试：原件如此")),
    Door("admin_line_delete", admin_url("line", "delete"), admin_write(DELETES, DELETES), "post", fixed(post="yes")),
    Door("admin_disclosure_delete", admin_url("record", "delete"), admin_write(DELETES, DELETES), "post", fixed(post="yes")),
    Door("admin_import_page", lambda w: reverse("admin:disclosures_disclosure_import"), admin_import_page),
    Door("admin_import", lambda w: reverse("admin:disclosures_disclosure_import"), admin_import, "post", upload),
    Door("import_upload_page", lambda w: reverse("disclosures:import_upload"), upload_page),
    Door("import_upload", lambda w: reverse("disclosures:import_upload"), upload_post, "post", uploads),
    Door("import_list", lambda w: reverse("disclosures:import_list"), job_list),
    Door("import_job", obj_url("disclosures:import_job", "ready_job"), job_view),
    Door("import_status", obj_url("disclosures:import_status", "failed_job"), job_view),
    Door("import_retry", obj_url("disclosures:import_retry", "failed_job"), job_retry, "post", fixed()),
    Door("import_confirm", obj_url("disclosures:import_confirm", "ready_job"), job_decide, "post", fixed()),
    Door("import_discard", obj_url("disclosures:import_discard", "ready_job"), job_decide, "post", fixed()),
    Door("admin_assign_staff", admin_url("department"), assign_staff, "post",
         lambda w, manager: {"name": "甲局", "members": [w.users[OTHER_CLERK].pk]}),
]


@pytest.fixture(scope="module")
def pdf_bytes():
    buffer = BytesIO()
    page = canvas.Canvas(buffer)
    page.drawString(72, 720, "budget")
    page.save()
    return buffer.getvalue()


@pytest.fixture
def world(pdf_bytes, sample_parsed):
    users = {
        ANONYMOUS: AnonymousUser(),
        DEPARTMENT_CLERK: staff("clerk-a", CLERK),
        OTHER_CLERK: staff("clerk-b", CLERK),
        UPLOADER: staff("uploader", MANAGER),
        REVIEWER_ROLE: staff("reviewer", REVIEWER),
        MANAGER_ROLE: staff("manager", MANAGER),
    }
    data = disclosure("甲局", 2025, tables=[table("expense_summary", [
        line("合计", row_type="total", total="10.00", page=1), line(MARKER, "2010301", total="10.00", page=1),
    ])], projects=[project("甲局信息化项目", "5.00")],
        targets=[target("甲局信息化项目", [indicator("甲局上线系统数", target="≥3个", weight=10)])])
    record = ingest(data, source_bytes=pdf_bytes, user=users[UPLOADER]).disclosure
    other = ingested(disclosure("乙局", 2025, tables=[table("expense_summary", [
        line("乙局行政运行", "2010301", total="10.00")])]), user=users[OTHER_CLERK])
    users[DEPARTMENT_CLERK].departments.add(record.department)
    users[OTHER_CLERK].departments.add(other.department)
    document = copy.deepcopy(sample_parsed)
    document["document"].update(department="甲局", fiscal_year=2031)
    budget_line = BudgetLine.objects.get(disclosure=record, code="2010301")
    objects = {
        "record": record, "department": record.department, "line": budget_line,
        "amount": budget_line.amounts.get(), "table": BudgetTable.objects.get(disclosure=record),
        "project": Project.objects.get(disclosure=record), "target": PerformanceTarget.objects.get(
            disclosure=record), "indicator": Indicator.objects.get(target__disclosure=record),
        "finding": Finding.objects.filter(disclosure=record, severity="error").first(),
    }
    assert objects["finding"] is not None
    objects.update(import_jobs(users[UPLOADER], document))
    return World(users, record, other, document, objects)


def import_jobs(uploader, document):
    """The uploader's background imports of 甲局: one failed, one ready with its preview."""
    body = json.dumps(document, ensure_ascii=False).encode()
    pending = PendingImport.objects.create(source=SimpleUploadedFile("甲局.json", body), source_name="甲局.json",
                                           sha256=Disclosure.checksum(body), parsed=document, uploaded_by=uploader)
    ready = ImportJob.objects.create(source=pending.source.name, source_name="甲局.json", sha256=pending.sha256,
                                     uploaded_by=uploader, department="甲局", preview=True, status="ready",
                                     pending=pending)
    failed = ImportJob.objects.create(source=SimpleUploadedFile("甲局-坏.pdf", b"%PDF-1.4 x"),
                                      source_name="甲局-坏.pdf", sha256="0" * 64, uploaded_by=uploader,
                                      department="甲局", status="failed", outcome="failed", message="文件已损坏")
    return {"ready_job": ready, "failed_job": failed}


def snapshot():
    """Everything a door could change, in a comparable form."""
    return {
        "disclosures": list(Disclosure.objects.order_by("pk").values_list(
            "pk", "status", "functions", "published_on", "is_current")),
        "lines": list(BudgetLine.objects.order_by("pk").values_list("pk", "code", "name")),
        "amounts": list(LineAmount.objects.order_by("pk").values_list("pk", "printed")),
        "projects": list(Project.objects.order_by("pk").values_list("pk", "name", "amount_printed")),
        "targets": list(PerformanceTarget.objects.order_by("pk").values_list("pk", "goal")),
        "indicators": list(Indicator.objects.order_by("pk").values_list("pk", "name", "target_text", "weight")),
        "overrides": list(Finding.objects.filter(overridden_by__isnull=False).values_list("key", "override_reason")),
        "override_log": FindingOverride.objects.count(),
        "transitions": StatusChange.objects.count(),
        "pending": PendingImport.objects.count(),
        "jobs": list(ImportJob.objects.order_by("pk").values_list("pk", "status")),
        "members": sorted(Department.members.through.objects.values_list("department_id", "user_id")),
        "history": [model.history.count() for model in (Disclosure, BudgetLine, LineAmount, Project,
                                                        PerformanceTarget, Indicator)],
    }


class Rollback(Exception):
    """Ends a cell's savepoint so the next cell finds the world as built."""


def client_for(user):
    client = Client()
    if user.is_authenticated:
        client.force_login(user)
    return client


def run_cell(door, world, role, status):
    """Send ``door``'s request as ``role`` with the disclosure in ``status``; a failure message or ""."""
    expected = door.rule(role, status)
    try:
        with transaction.atomic():
            # The form as a browser last rendered it: now if it can be edited now, else while still a draft.
            if status in EDITABLE:
                Disclosure.objects.filter(pk=world.record.pk).update(status=status)
            data = door.form(world, client_for(world.users[MANAGER_ROLE])) if door.form else None
            Disclosure.objects.filter(pk=world.record.pk).update(status=status)
            if door.prepare:
                door.prepare(world)
            before = snapshot()
            client = client_for(world.users[role])
            response = getattr(client, door.method)(door.url(world), data) if data is not None else \
                getattr(client, door.method)(door.url(world))
            after = snapshot()
            problems = check(response, expected, before != after)
            raise Rollback(problems)
    except Rollback as done:
        return done.args[0]


def check(response, expected, changed):
    problems = []
    if response.status_code != expected.code:
        problems.append(f"status {response.status_code}, expected {expected.code}")
    if expected.login and not response.get("Location", "").startswith(expected.login):
        problems.append(f"redirect to {response.get('Location')}, expected the login page")
    if changed != expected.changed:
        problems.append("records changed" if changed else "records did not change")
    if expected.marker is not None and response.status_code == 200:
        body = b"".join(response.streaming_content) if response.streaming else response.content
        if (MARKER.encode() in body or "甲局".encode() in body) != expected.marker:
            problems.append("甲局's records " + ("missing" if expected.marker else "shown"))
    return "; ".join(problems)


@pytest.mark.parametrize("door", DOORS, ids=str)
def test_door(door, world):
    failures = []
    for status in STATUSES:
        for role in ROLES:
            problem = run_cell(door, world, role, status)
            if problem:
                failures.append(f"{door} × {role} × {status}: {problem}")
    assert not failures, "\n".join(failures)


def test_every_cell_has_an_expected_outcome(capsys):
    """The matrix's size by expected outcome, printed for the record (no requests: the rules alone)."""
    outcomes = Counter()
    for door in DOORS:
        for status in STATUSES:
            for role in ROLES:
                expected = door.rule(role, status)
                assert isinstance(expected, Expect), (door, role, status)
                outcomes[f"{expected.code}{' changed' if expected.changed else ''}"] += 1
    with capsys.disabled():
        print(f"\npermission matrix: {len(DOORS)} doors × {len(ROLES)} roles × {len(STATUSES)} statuses = "
              f"{sum(outcomes.values())} cells; " + ", ".join(f"{k}: {n}" for k, n in sorted(outcomes.items())))
    assert sum(outcomes.values()) == len(DOORS) * len(ROLES) * len(STATUSES)
