"""The budget-line export of the review list: one numeric column per amount column, read back as CSV and XLSX."""
import csv
import io
from decimal import Decimal

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from disclosures.columns import COLUMNS
from disclosures.roles import CLERK, REVIEWER
from tests.builders import disclosure, ingested, line, staff, table

pytestmark = pytest.mark.django_db

LINES = reverse("disclosures:line_list")
DESCRIBED = ["部门", "年度", "类型", "表", "编码", "级次", "名称", "单位", "项目", "金额单位"]


@pytest.fixture
def finance():
    return ingested(disclosure("财政局", 2025, tables=[
        table("general_budget_project_expense", [
            line("行政运行", "2010101", unit="财政局本级", project="信息化运维", total="526.23", page=9),
        ]),
        table("expense_summary", [
            line("一般公共服务支出", "201", total="1234567.80", basic="-50.00", page=5),
            line('=HYPERLINK("http://x","y")', "205", total="10.00", page=5),
        ]),
    ]))


@pytest.fixture
def education():
    return ingested(disclosure("教育局", 2024, kind="final_accounts", tables=[
        table("general_budget_expense", [line("教育支出", "205", total="999.00", page=7)]),
    ]))


@pytest.fixture
def reviewer(client, finance, education):
    client.force_login(staff("reviewer", REVIEWER))


def exported_csv(client, **params):
    response = client.get(LINES, {**params, "_export": "csv"})
    assert response.status_code == 200 and response.streaming
    header, *body = csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig")))
    return header, [dict(zip(header, row, strict=True)) for row in body]


def exported_xlsx(client, **params):
    response = client.get(LINES, {**params, "_export": "xlsx"})
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    header, *body = sheet.iter_rows()
    titles = [cell.value for cell in header]
    return titles, [dict(zip(titles, row, strict=True)) for row in body]


def by_code(rows):
    """Rows by their code, CSV text or XLSX cells alike."""
    return {getattr(row["编码"], "value", row["编码"]): row for row in rows}


def test_csv_has_a_plain_decimal_column_per_amount_column_headed_with_its_label(client, reviewer):
    header, rows = exported_csv(client, year=2025, sort="code")
    assert header == [*DESCRIBED, "合计", "基本支出"]
    row = by_code(rows)["201"]
    assert (row["合计"], row["基本支出"]) == ("1234567.80", "-50.00")
    assert by_code(rows)["2010101"] == {
        "部门": "财政局", "年度": "2025", "类型": "预算", "表": "表7 一般公共预算项目支出情况表", "编码": "2010101",
        "级次": "3", "名称": "行政运行", "单位": "财政局本级", "项目": "信息化运维", "金额单位": "万元",
        "合计": "526.23", "基本支出": "",
    }


def test_xlsx_amounts_are_numbers_with_a_thousands_format(client, reviewer):
    header, rows = exported_xlsx(client, year=2025)
    assert header == [*DESCRIBED, "合计", "基本支出"]
    row = by_code(rows)["201"]
    total, basic = row["合计"], row["基本支出"]
    assert (total.data_type, total.number_format) == ("n", "#,##0.00")
    assert Decimal(str(total.value)) == Decimal("1234567.80") and Decimal(str(basic.value)) == Decimal("-50")
    assert row["年度"].value == 2025 and row["级次"].value == 1
    assert by_code(rows)["2010101"]["基本支出"].value is None


def test_the_kind_unit_and_filters_are_honoured(client, reviewer):
    _, rows = exported_csv(client, name="教育")
    assert [(r["部门"], r["年度"], r["类型"], r["金额单位"], r["合计"]) for r in rows] == [
        ("教育局", "2024", "决算", "万元", "999.00")]
    header, rows = exported_xlsx(client, year=2024)
    assert [r["部门"].value for r in rows] == ["教育局"]


def test_the_header_lists_every_stored_column_unless_one_department_year_is_chosen(client, reviewer, education):
    """Across departments or years the header names every column any line has a cell in (finding the
    columns of the chosen lines would hold back the first row); one department's year gets just its own."""
    header, _ = exported_csv(client, year=2024)
    assert header == [*DESCRIBED, "合计", "基本支出"]
    header, rows = exported_csv(client, year=2024, department=education.department_id)
    assert header == [*DESCRIBED, "合计"] and [r["合计"] for r in rows] == ["999.00"]
    header, rows = exported_xlsx(client, year=2024, department=education.department_id)
    assert header == [*DESCRIBED, "合计"] and [r["合计"].value for r in rows] == [999]


def test_no_internal_keys_in_headers_or_cells(client, reviewer):
    header, rows = exported_csv(client)
    cells = set(header) | {cell for row in rows for cell in row.values()}
    internal = set(COLUMNS) | {"budget", "final_accounts", "expense_summary", "general_budget_expense", "detail"}
    assert not cells & internal


def test_text_cells_stay_formula_escaped(client, reviewer):
    _, rows = exported_csv(client, code="205", year=2025)
    assert [r["名称"] for r in rows] == ['\'=HYPERLINK("http://x","y")']
    _, rows = exported_xlsx(client, code="205", year=2025)
    assert [(r["名称"].value, r["名称"].data_type) for r in rows] == [('\'=HYPERLINK("http://x","y")', "s")]


def test_the_sort_is_kept(client, reviewer):
    _, rows = exported_csv(client, year=2025, sort="-code")
    assert [r["编码"] for r in rows] == ["205", "2010101", "201"]  # codes sort as text


def test_a_clerk_exports_only_their_departments_lines(client, finance, education):
    client.force_login(staff("clerk", CLERK, [finance.department]))
    assert {r["部门"] for r in exported_csv(client)[1]} == {"财政局"}
    assert {r["部门"].value for r in exported_xlsx(client)[1]} == {"财政局"}


@pytest.mark.parametrize("export", [exported_csv, exported_xlsx])
def test_queries_do_not_grow_with_the_rows(client, reviewer, export):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            export(client)
        return len(captured)

    few = queries()
    ingested(disclosure("审计局", 2025, tables=[table("expense_summary", [
        line(f"事项{i}", f"2{i:02d}", total=f"{i}.00", basic="1.00") for i in range(1, 40)])]))
    assert queries() == few


def test_a_column_both_kinds_print_is_headed_for_either(client, reviewer):
    """预算数 of a budget and 决算数 of final accounts share a key; final accounts print a 预算数 of their
    own beside it: the header tells the three apart, as the list's column filter does."""
    ingested(disclosure("审计局", 2024, kind="final_accounts", tables=[
        table("general_budget_expense", [line("行政运行", "2010301", amount="80.00", budget="90.00")])]))
    header, rows = exported_csv(client, name="行政运行")
    assert {"预算数／决算数", "预算数（决算表）"} <= set(header) and "预算数" not in header
    assert (by_code(rows)["2010301"]["预算数／决算数"], by_code(rows)["2010301"]["预算数（决算表）"]) == ("80.00", "90.00")
