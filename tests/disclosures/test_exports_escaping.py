"""No exported spreadsheet cell runs as a formula: review-list exports and admin exports alike."""
import csv
import io
from decimal import Decimal

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from budget_site.spreadsheets import neutralise
from disclosures.roles import REVIEWER
from tests.builders import disclosure, ingested, line, project, staff, table

pytestmark = pytest.mark.django_db

LINK = '=HYPERLINK("http://x","y")'
SUM = "@SUM(1)"


@pytest.mark.parametrize("value, expected", [
    (LINK, "'" + LINK), (SUM, "'@SUM(1)"), ("+1+1", "'+1+1"), ("-2+3", "'-2+3"), ("\tx", "'\tx"),
    ("\r=1", "'\r=1"), ("-12.50", "-12.50"), ("-1,234.5", "-1,234.5"), ("+3", "+3"), ("-5%", "-5%"),
    ("教育支出", "教育支出"), ("a=b", "a=b"), ("", ""), (Decimal("-5.00"), Decimal("-5.00")), (7, 7), (None, None),
])
def test_neutralise(value, expected):
    assert neutralise(value) == expected


@pytest.fixture
def record():
    return ingested(disclosure("财政局", 2025, tables=[table("expense_summary", [
        line(LINK, "201", total="-5.00", page=3),
        line(SUM, "205", total="10.00", page=3),
    ])], projects=[project(LINK, "-5.00", unit=SUM, page=9)]))


@pytest.fixture
def reviewer(client, record):
    client.force_login(staff("reviewer", REVIEWER))


def csv_rows(response):
    assert response.status_code == 200
    body = b"".join(response.streaming_content) if response.streaming else response.content  # review lists stream
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def xlsx_sheet(response):
    assert response.status_code == 200
    return openpyxl.load_workbook(io.BytesIO(response.content)).active


def test_review_list_csv_escapes_formulae_and_keeps_negative_amounts(client, reviewer):
    header, *body = csv_rows(client.get(reverse("disclosures:project_list"), {"_export": "csv"}))
    row = dict(zip(header, body[0], strict=True))
    assert (row["项目名称"], row["项目承担单位"], row["预算安排规模"]) == ("'" + LINK, "'" + SUM, "-5.00")
    header, *body = csv_rows(client.get(reverse("disclosures:line_list"), {"_export": "csv", "sort": "code"}))
    assert [row[header.index("名称")] for row in body] == ["'" + LINK, "'" + SUM]


def test_review_list_xlsx_has_no_formula_cells(client, reviewer):
    sheet = xlsx_sheet(client.get(reverse("disclosures:project_list"), {"_export": "xlsx"}))
    header = [cell.value for cell in sheet[1]]
    name, unit, amount = (sheet.cell(2, header.index(title) + 1) for title in ("项目名称", "项目承担单位", "预算安排规模"))
    assert (name.value, name.data_type) == ("'" + LINK, "s")
    assert (unit.value, unit.data_type) == ("'" + SUM, "s")
    assert (amount.value, amount.data_type) == (-5, "n")  # a negative number, not a formula to escape
    assert not any(cell.data_type == "f" for row in sheet.iter_rows() for cell in row)


@pytest.fixture
def admin_client_(client, record):
    client.force_login(get_user_model().objects.create_superuser("admin", "a@example.com", "pw"))
    return client


def export_amounts(client, fmt):
    fields = ["name", "column", "amount", "printed"]
    data = {"format": str(fmt), "resource": "0", **{f"lineamountresource_{f}": "on" for f in fields}}
    return client.post(reverse("admin:disclosures_lineamount_export") + "?o=1", data)


def test_admin_csv_export_escapes_formulae_and_keeps_negative_amounts(admin_client_):
    header, *body = csv_rows(export_amounts(admin_client_, 0))
    rows = {(row[header.index("科目名称")], row[header.index("column")]): row for row in body}
    linked = rows[("'" + LINK, "total")]
    assert Decimal(linked[header.index("amount")]) == Decimal("-5") and linked[header.index("printed")] == "-5.00"
    assert ("'" + SUM, "total") in rows


def test_admin_xlsx_export_has_no_formula_cells_and_numbers_stay_numbers(admin_client_):
    sheet = xlsx_sheet(export_amounts(admin_client_, 1))
    header = [cell.value for cell in sheet[1]]
    rows = [dict(zip(header, row, strict=True)) for row in sheet.iter_rows(min_row=2, values_only=True)]
    linked = next(row for row in rows if row["科目名称"] == "'" + LINK)
    assert linked["printed"] == "-5.00" and Decimal(str(linked["amount"])) == Decimal("-5")
    assert any(row["科目名称"] == "'" + SUM for row in rows)
    assert not any(cell.data_type == "f" for row in sheet.iter_rows() for cell in row)
