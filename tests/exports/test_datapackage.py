"""The Fiscal Data Package of disclosures: valid for frictionless, FDP column types, values as ingested."""
import csv
import io
import json
import zipfile
from decimal import Decimal

import frictionless
import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from disclosures.exports.datapackage import CSV_NAME, DESCRIPTOR, write_package
from disclosures.ingest import ingest
from disclosures.models import BudgetLine, Disclosure, LineAmount
from disclosures.roles import CLERK, REVIEWER
from tests.builders import disclosure, ingested, line, staff, table

pytestmark = pytest.mark.django_db


@pytest.fixture
def finance():
    return ingested(disclosure("财政局", 2025, units=["财政局本级", "财政局信息中心"], tables=[
        table("income_summary", [line("一般公共服务支出", "201", total="120.00", fiscal_subtotal="100.00")]),
        table("expense_summary", [
            line("合计", row_type="total", total="1234567.80"),
            line("一般公共服务支出", "201", total="1234567.80", basic="1234617.80", unit_funds="-50.00"),
            line("财政事务", "20106", total="1234567.80"),
            line("行政运行", "2010601", total="1234567.80", wages_welfare="1000.00"),
        ]),
        table("general_budget_basic_expense", [
            line("工资福利支出", "301", total="900.00", personnel="900.00"),
            line("基本工资", "30101", total="400.00", personnel="400.00"),
        ]),
        table("general_budget_project_expense", [
            line('=HYPERLINK("http://x","y")', "2010601", unit="财政局信息中心", project="信息化运维", total="526.23"),
        ]),
        table("fiscal_summary", [line("一、一般公共预算", side="income", amount="100.00"),
                                 line("一般公共服务支出", side="expense", amount="100.00")]),
    ]))


@pytest.fixture
def education():
    data = disclosure("教育局", 2024, kind="final_accounts", tables=[
        table("general_budget_expense", [line("教育支出", "205", total="999.00", budget="1000.00")]),
    ])
    data["tables"][0]["amount_unit"] = "元"
    return ingested(data)


def package(tmp_path, *records):
    path = write_package(list(records), tmp_path / "pkg")
    rows = list(csv.DictReader(io.StringIO((path.parent / CSV_NAME).read_text(encoding="utf-8"))))
    return json.loads(path.read_text(encoding="utf-8")), rows


def test_frictionless_finds_the_package_valid(tmp_path, finance, education):
    path = write_package([finance, education], tmp_path / "pkg")
    report = frictionless.validate(str(path))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    assert report.tasks[0].stats["rows"] == LineAmount.objects.count()


def test_frictionless_rejects_a_broken_value(tmp_path, finance):
    """The validation can fail: a value that is no number is an error frictionless reports."""
    path = write_package([finance], tmp_path / "pkg")
    data = path.parent / CSV_NAME
    data.write_text(data.read_text(encoding="utf-8").replace("1234567.80", "1234567.80万", 1), encoding="utf-8")
    report = frictionless.validate(str(path))
    assert not report.valid
    assert report.flatten(["fieldName", "type"])[0] == ["value", "type-error"]


def test_fields_carry_the_fiscal_column_types(tmp_path, finance):
    descriptor, _ = package(tmp_path, finance)
    fields = {f["name"]: f for f in descriptor["resources"][0]["schema"]["fields"]}
    assert {name: (f["type"], f.get("columnType")) for name, f in fields.items() if name in {
        "fiscal_year", "phase", "direction", "department_code", "department_name", "unit_name",
        "functional_level1_code", "functional_level2_label", "functional_level3_code", "economic_level1_code",
        "economic_level2_label", "value", "currency", "factor", "value_kind"}} == {
        "fiscal_year": ("integer", "date:fiscal-year"),
        "phase": ("string", "phase:id"),
        "direction": ("string", "direction"),
        "department_code": ("string", "administrative-classification:generic:level1:code"),
        "department_name": ("string", "administrative-classification:generic:level1:label"),
        "unit_name": ("string", "administrative-classification:generic:level2:label"),
        "functional_level1_code": ("string", "functional-classification:generic:level1:code"),
        "functional_level2_label": ("string", "functional-classification:generic:level2:label"),
        "functional_level3_code": ("string", "functional-classification:generic:level3:code"),
        "economic_level1_code": ("string", "economic-classification:generic:level1:code"),
        "economic_level2_label": ("string", "economic-classification:generic:level2:label"),
        "value": ("number", "value"),
        "currency": ("string", "value-currency:code"),
        "factor": ("integer", "value-factor"),
        "value_kind": ("string", "value-kind:code"),
    }
    assert {t["name"] for t in descriptor["columnTypes"]} >= {"value-factor", "budget-table:code"}


def test_each_amount_cell_is_a_row_as_ingested(tmp_path, finance, education):
    _, rows = package(tmp_path, finance, education)
    assert len(rows) == LineAmount.objects.count()
    for row in rows:
        amount = LineAmount.objects.get(line_id=int(row["line_id"]), column=row["value_kind"])
        assert row["value"] == amount.printed and Decimal(row["value"]) == amount.amount
    item = BudgetLine.objects.get(disclosure=finance, code="2010601", table__kind="expense_summary")
    wages = next(r for r in rows if r["line_id"] == str(item.pk) and r["value_kind"] == "wages_welfare")
    assert wages == {
        "line_id": str(item.pk), "fiscal_year": "2025", "phase": "approved", "phase_label": "部门预算（批复）",
        "direction": "expenditure", "department_code": str(finance.department_id), "department_name": "财政局",
        "unit_code": "", "unit_name": "", "table_number": "3", "table_title": "部门支出总体情况表",
        "functional_level1_code": "201", "functional_level1_label": "一般公共服务支出",
        "functional_level2_code": "20106", "functional_level2_label": "财政事务",
        "functional_level3_code": "2010601", "functional_level3_label": "行政运行",
        "economic_level1_code": "301", "economic_level1_label": "工资福利支出",
        "economic_level2_code": "", "economic_level2_label": "",
        "project": "", "line_name": "行政运行", "row_type": "detail", "value_kind": "wages_welfare",
        "value_kind_label": "工资福利支出", "value": "1000.00", "currency": "CNY", "factor": "10000",
        "amount_unit": "万元",
    }


def test_classifications_directions_phases_and_units(tmp_path, finance, education):
    _, rows = package(tmp_path, finance, education)

    def find(**match):
        [row] = [r for r in rows if all(r[k] == v for k, v in match.items())]
        return row

    basic = find(line_name="基本工资", value_kind="total")
    assert (basic["economic_level1_code"], basic["economic_level1_label"], basic["economic_level2_code"],
            basic["economic_level2_label"], basic["functional_level1_code"]) == ("301", "工资福利支出", "30101",
                                                                                 "基本工资", "")
    income = find(table_number="2", value_kind="total")
    assert (income["direction"], income["economic_level1_code"], income["economic_level1_label"]) == (
        "revenue", "", "")
    assert find(line_name="一、一般公共预算")["direction"] == "revenue"
    assert find(line_name="一般公共服务支出", table_number="4")["direction"] == "expenditure"
    assert find(line_name="一般公共服务支出", value_kind="unit_funds", table_number="3")["value"] == "-50.00"
    project = find(project="信息化运维")
    assert (project["unit_code"], project["unit_name"], project["line_name"]) == (
        f"{finance.department_id}.2", "财政局信息中心", "'=HYPERLINK(\"http://x\",\"y\")")
    spent, budgeted = find(line_name="教育支出", value_kind="total"), find(line_name="教育支出", value_kind="budget")
    assert (spent["phase"], budgeted["phase"], spent["factor"], spent["amount_unit"]) == (
        "executed", "approved", "1", "元")


def test_the_sample_disclosure_validates_and_sums_as_printed(tmp_path, sample_parsed, sample_pdf):
    record = ingest(sample_parsed, source_bytes=sample_pdf.read_bytes()).disclosure
    path = write_package([record], tmp_path / "pkg")
    report = frictionless.validate(str(path))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    _, rows = package(tmp_path, record)
    expense = record.tables.get(kind="expense_summary")
    printed = sum(a.amount for a in LineAmount.objects.filter(line__table=expense, line__code_level=3,
                                                              column="total"))
    exported = sum(Decimal(r["value"]) for r in rows if r["table_number"] == str(expense.number)
                   and r["functional_level3_code"] and r["value_kind"] == "total")
    assert printed and exported == printed


def test_command_writes_the_package_and_refuses_in_one_line(tmp_path, finance, education):
    out = tmp_path / "out"
    call_command("export_datapackage", str(finance.pk), str(education.pk), "-o", str(out))
    assert sorted(p.name for p in out.iterdir()) == sorted([DESCRIPTOR, CSV_NAME])
    with pytest.raises(CommandError, match=r"^没有 ID 为 999999 的公开文件$"):
        call_command("export_datapackage", str(finance.pk), "999999", "-o", str(tmp_path / "x"))
    blocker = tmp_path / "file"
    blocker.write_text("")
    with pytest.raises(CommandError, match=r"^无法写入目录 .*file"):
        call_command("export_datapackage", str(finance.pk), "-o", str(blocker))


def test_command_as_a_clerk_sees_only_their_departments(tmp_path, finance, education):
    staff("clerk-a", CLERK, [finance.department])
    with pytest.raises(CommandError, match=str(education.pk)):
        call_command("export_datapackage", str(education.pk), "-o", str(tmp_path), "--user", "clerk-a")
    call_command("export_datapackage", str(finance.pk), "-o", str(tmp_path), "--user", "clerk-a")


def test_button_downloads_the_zip(client, finance):
    client.force_login(staff("reviewer", REVIEWER))
    page = client.get(reverse("disclosures:disclosure", args=[finance.pk]))
    url = reverse("disclosures:datapackage", args=[finance.pk])
    assert url in page.content.decode()
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert sorted(archive.namelist()) == sorted([DESCRIPTOR, CSV_NAME])
    rows = list(csv.DictReader(io.StringIO(archive.read(CSV_NAME).decode("utf-8"))))
    assert {r["department_name"] for r in rows} == {"财政局"}
    assert len(rows) == LineAmount.objects.filter(line__disclosure=finance).count()
    assert Disclosure.objects.count() == 1
