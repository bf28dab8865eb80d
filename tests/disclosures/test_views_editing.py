"""Correcting lines, tables and projects: validation, history with reason, access, originals kept."""
from decimal import Decimal

import pytest
from django.urls import reverse

from disclosures.columns import COLUMNS
from disclosures.imports import schema
from disclosures.models import BudgetLine, Disclosure, LineAmount, Project
from disclosures.original import changed_cells, parsed_lines
from disclosures.roles import CLERK, MANAGER, REVIEWER
from tests.builders import disclosure, ingested, line, project, staff, table

pytestmark = pytest.mark.django_db

REASON = "与原文第 3 页核对，解析有误"


def row(name, code=None, *, row_type="detail", **amounts):
    """A line whose amounts may include the column ``project`` (the builder's ``project`` is the name)."""
    return {**line(name, code, row_type=row_type), "amounts": amounts}


@pytest.fixture
def record():
    return ingested(disclosure("财政局", tables=[table("general_budget_expense", [
        row("合计", row_type="total", total="300.00", basic="100.00", project="200.00"),
        row("行政运行", "2010301", total="100.00", basic="100.00"),
        row("一般行政管理事务", "2010302", total="200.00", project="200.00"),
    ])], projects=[project("信息化建设", "1200.00")]))


@pytest.fixture
def clerk(record, client):
    user = staff("clerk", CLERK, [record.department])
    client.force_login(user)
    return user


def the_line(record, code):
    return BudgetLine.objects.get(disclosure=record, code=code)


def cells(line):
    return dict(line.amounts.values_list("column", "printed"))


def line_data(line, reason=REASON, **changes):
    data = {"code": line.code, "name": line.name, "unit_name": line.unit_name, "project": line.project,
            "reason": reason, **{f"amount_{c}": "" for c in ("total", "basic", "project")}}
    data.update({f"amount_{c}": p for c, p in cells(line).items()})
    data.update(changes)
    return data


def fingerprint(client, url):
    """The fingerprint the edit page at ``url`` carries ("" on a refusal page), as a browser posts it back."""
    return client.get(url).context.get("fingerprint", "")


def edit_line(client, line, **changes):
    url = reverse("disclosures:line_edit", args=[line.pk])
    return client.post(url, {**line_data(line, **changes), "fingerprint": fingerprint(client, url)})


def form_data(response):
    """The POST data a browser would send back for the formset page as rendered."""
    formset = response.context["form"]
    data = {f.html_name: f.value() for f in formset.management_form}
    data["fingerprint"] = response.context["fingerprint"]
    for form in formset:
        data.update({f.html_name: "" if f.value() is None else f.value() for f in form})
    return data


def test_clerk_corrects_an_amount_and_history_keeps_who_why_and_before(client, clerk, record):
    line = the_line(record, "2010301")
    response = edit_line(client, line, amount_total="1,100.50")
    # back on the disclosure page at the edited row, its source page beside it
    assert response.status_code == 302
    assert response["Location"] == f"{record.get_absolute_url()}?line={line.pk}#line-{line.pk}"
    cell = line.amounts.get(column="total")
    assert (cell.printed, cell.amount) == ("1100.50", Decimal("1100.50"))
    change, before = cell.history.all()[:2]
    assert (change.history_type, change.history_change_reason, change.history_user) == ("~", REASON, clerk)
    assert before.printed == "100.00" and not before.history_change_reason
    record.refresh_from_db()
    assert record.parsed["tables"][0]["lines"][1]["amounts"]["total"] == "100.00"
    assert parsed_lines(line.table)[line.order]["amounts"] == {"total": "100.00", "basic": "100.00"}
    assert changed_cells(line.table) == {(line.pk, "total"): "100.00"}


def test_edit_page_marks_a_changed_cell_with_its_original_struck_through(client, clerk, record):
    line = the_line(record, "2010301")
    edit_line(client, line, amount_total="1,100.50")
    page = client.get(reverse("disclosures:line_edit", args=[line.pk])).content.decode()
    assert 'class="num changed' in page and '<span class="original"' in page and "100.00</span>" in page


@pytest.mark.parametrize("printed", ["12.3.4", "abc", "12元"])
def test_an_amount_that_is_not_a_printed_number_is_rejected(client, clerk, record, printed):
    line = the_line(record, "2010301")
    response = edit_line(client, line, amount_total=printed)
    assert response.status_code == 200
    assert "不是金额" in response.content.decode()
    assert cells(line)["total"] == "100.00" and not LineAmount.history.exists()


@pytest.mark.parametrize("code, message", [
    ("20103011", "科目编码应为 3、5 或 7 位数字"),
    ("2010", "科目编码应为 3、5 或 7 位数字"),
    ("20a", "科目编码应为 3、5 或 7 位数字"),
    ("3010101", "经济分类科目编码应为 3 或 5 位数字"),
])
def test_a_malformed_code_is_rejected(client, clerk, record, code, message):
    line = the_line(record, "2010301")
    response = edit_line(client, line, code=code)
    assert response.status_code == 200 and message in response.content.decode()
    assert the_line(record, "2010301").pk == line.pk


def test_a_code_typed_in_full_width_or_with_spaces_is_stored_as_digits(client, clerk, record):
    line = the_line(record, "2010301")
    edit_line(client, line, code="２０１ ０３ ９９")
    line.refresh_from_db()
    assert (line.code, line.code_level) == ("2010399", 3)


def test_a_reason_is_required_and_nothing_is_saved_without_one(client, clerk, record):
    line = the_line(record, "2010301")
    response = edit_line(client, line, reason="  ", amount_total="5.00")
    assert response.status_code == 200 and "请填写修改原因" in response.content.decode()
    assert cells(line)["total"] == "100.00"


def test_a_blank_input_deletes_the_cell_and_a_value_fills_a_blank_one(client, clerk, record):
    line = the_line(record, "2010301")
    edit_line(client, line, amount_basic="", amount_project="0.00")
    assert cells(line) == {"total": "100.00", "project": "0.00"}
    deleted = LineAmount.history.get(history_type="-")
    assert (deleted.column, deleted.printed, deleted.history_change_reason) == ("basic", "100.00", REASON)
    assert changed_cells(line.table) == {(line.pk, "basic"): "100.00", (line.pk, "project"): None}


def test_column_labels_follow_the_schema_order():
    assert list(COLUMNS) == schema()["$defs"]["column_key"]["enum"]


def test_the_table_page_edits_every_line_in_one_submission(client, clerk, record):
    url = reverse("disclosures:table_edit", args=[record.tables.get().pk])
    response = client.get(url)
    page = response.content.decode()
    assert page.index("合计</th>") < page.index("基本支出</th>") < page.index("项目支出</th>")
    data = form_data(response)
    data.update({"form-1-amount_total": "1,100.00", "form-2-amount_project": "", "form-2-name": "一般行政事务",
                 "reason": REASON})
    assert client.post(url, data).status_code == 302
    first, second = the_line(record, "2010301"), the_line(record, "2010302")
    assert cells(first)["total"] == "1100.00"
    assert cells(second) == {"total": "200.00"} and second.name == "一般行政事务"
    reasons = {row.history_change_reason for model in (BudgetLine, LineAmount)
               for row in model.history.exclude(history_type="+")}
    assert reasons == {REASON}
    assert set(changed_cells(first.table)) == {(first.pk, "total"), (second.pk, "project")}


def test_a_table_submission_is_saved_all_or_nothing(client, clerk, record, monkeypatch):
    url = reverse("disclosures:table_edit", args=[record.tables.get().pk])
    data = form_data(client.get(url))
    data.update({"form-1-amount_total": "1.00", "form-2-amount_total": "2.00", "reason": REASON})
    saves = []

    def failing_second_save(self, *args, **kwargs):
        saves.append(self)
        if len(saves) == 2:
            raise RuntimeError("database gone")
        return original_save(self, *args, **kwargs)

    original_save = LineAmount.save
    monkeypatch.setattr(LineAmount, "save", failing_second_save)
    with pytest.raises(RuntimeError):
        client.post(url, data)
    assert cells(the_line(record, "2010301"))["total"] == "100.00"
    assert not LineAmount.history.exclude(history_change_reason="").exists()


def test_checks_run_again_after_a_correction(client, clerk, record, monkeypatch):
    checked = []
    monkeypatch.setattr("disclosures.views.editing.run_checks", checked.append)
    edit_line(client, the_line(record, "2010301"), amount_total="1.00")
    assert [d.pk for d in checked] == [record.pk]


def test_clerk_corrects_a_project_amount_as_printed(client, clerk, record):
    item = Project.objects.get(disclosure=record)
    url = reverse("disclosures:project_edit", args=[item.pk])
    response = client.get(url)
    assert "预算安排规模" in response.content.decode()
    data = {"name": item.name, "unit_name": "", "basis": "", "allocation": "", "period_start": "2025-01-01",
            "period_end": "2025-12-31", "reason": REASON, "fingerprint": response.context["fingerprint"]}
    assert "不是金额" in client.post(url, {**data, "amount_printed": "1.200.00"}).content.decode()
    assert "不能早于开始日期" in client.post(
        url, {**data, "amount_printed": "1,500.00", "period_end": "2024-12-31"}).content.decode()
    assert client.post(url, {**data, "amount_printed": "1,500.00"}).status_code == 302
    item.refresh_from_db()
    assert (item.amount_printed, item.amount) == ("1500.00", Decimal("1500.00"))
    assert item.history.first().history_change_reason == REASON


def test_saving_without_changes_writes_no_history(client, clerk, record):
    line = the_line(record, "2010301")
    response = edit_line(client, line, amount_total="100.00")
    assert response.status_code == 200 and "没有修改任何内容" in response.content.decode()
    assert not LineAmount.history.exists() and not BudgetLine.history.exists()


def edit_urls(record):
    return [
        reverse("disclosures:line_edit", args=[the_line(record, "2010301").pk]),
        reverse("disclosures:table_edit", args=[record.tables.get().pk]),
        reverse("disclosures:project_edit", args=[Project.objects.get(disclosure=record).pk]),
    ]


def test_a_clerk_of_another_department_gets_404(client, record):
    client.force_login(staff("other", CLERK, [ingested(disclosure("教育局")).department]))
    for url in edit_urls(record):
        assert client.get(url).status_code == 404
        assert client.post(url, {"reason": REASON}).status_code == 404


def test_a_reviewer_without_change_permission_gets_403(client, record):
    client.force_login(staff("reviewer", REVIEWER))
    for url in edit_urls(record):
        response = client.get(url)
        assert response.status_code == 403 and "没有修改数据的权限" in response.content.decode()
        assert client.post(url, {"reason": REASON}).status_code == 403


@pytest.mark.parametrize("status", [Disclosure.Status.SUBMITTED, Disclosure.Status.APPROVED])
@pytest.mark.parametrize("role", [CLERK, MANAGER])
def test_nobody_edits_a_submitted_or_approved_disclosure(client, record, status, role):
    client.force_login(staff("someone", role, [record.department]))
    Disclosure.objects.filter(pk=record.pk).update(status=status)
    line = the_line(record, "2010301")
    for url in edit_urls(record):
        response = client.get(url)
        assert response.status_code == 403 and "只读" in response.content.decode()
    assert edit_line(client, line, amount_total="1.00").status_code == 403
    assert cells(line)["total"] == "100.00"


def test_a_manager_edits_any_department_while_draft(client, record):
    client.force_login(staff("manager", MANAGER))
    assert edit_line(client, the_line(record, "2010301"), amount_total="1.00").status_code == 302


def test_anonymous_users_are_sent_to_the_login_page(client, record):
    for url in edit_urls(record):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_a_line_moved_to_another_unit_is_linked_to_that_unit(client):
    record = ingested(disclosure("财政局", units=["财政局本级", "财政局信息中心"], tables=[
        table("general_budget_project_expense", [row("信息化运维", "2010350", total="8.00")])]))
    client.force_login(staff("clerk", CLERK, [record.department]))
    line = BudgetLine.objects.get(disclosure=record)
    assert edit_line(client, line, unit_name="财政局信息中心").status_code == 302
    line.refresh_from_db()
    assert (line.unit_name, line.unit.name) == ("财政局信息中心", "财政局信息中心")
