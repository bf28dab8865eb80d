"""Cross-department questions answered by single queries."""
from decimal import Decimal

import pytest

from disclosures.queries import lines_with_code, three_public_rose, totals_by_class
from tests.builders import disclosure, ingested, line, table

pytestmark = pytest.mark.django_db


def budget(department, year, *, general_201, general_208, three_public):
    return ingested(disclosure(department, year, tables=[
        table("income_summary", [
            line("合计", row_type="total", general_budget=str(general_201 + general_208)),
            line("一般公共服务支出", "201", general_budget=str(general_201)),
            line("政府办公厅（室）及相关机构事务", "20103", general_budget=str(general_201)),
            line("社会保障和就业支出", "208", general_budget=str(general_208)),
        ]),
        table("three_public_expense", [line("合计", row_type="total", total=three_public)]),
    ]))


@pytest.fixture
def records():
    budget("甲局", 2024, general_201=Decimal("100.00"), general_208=Decimal("10.00"), three_public="5.00")
    budget("甲局", 2025, general_201=Decimal("120.50"), general_208=Decimal("12.00"), three_public="6.00")
    budget("乙局", 2024, general_201=Decimal("50.00"), general_208=Decimal("8.00"), three_public="9.00")
    budget("乙局", 2025, general_201=Decimal("40.25"), general_208=Decimal("7.00"), three_public="3.00")


def test_every_line_of_a_code_across_departments_and_years(records, django_assert_num_queries):
    with django_assert_num_queries(2):
        rows = [(ln.disclosure.department.name, ln.disclosure.fiscal_year, ln.amounts.all()[0].printed)
                for ln in lines_with_code("208")]
    assert rows == [("乙局", 2024, "8.00"), ("甲局", 2024, "10.00"), ("乙局", 2025, "7.00"), ("甲局", 2025, "12.00")]


def test_sum_of_a_column_by_class_code_for_a_year(records, django_assert_num_queries):
    with django_assert_num_queries(1):
        totals = {row["line__code"]: row["total"] for row in totals_by_class(2025)}
    assert totals == {"201": Decimal("160.75"), "208": Decimal("19.00")}


def test_departments_whose_three_public_rose(records, django_assert_num_queries):
    with django_assert_num_queries(1):
        rose = [(d.name, d.last_year, d.this_year) for d in three_public_rose(2025)]
    assert rose == [("甲局", Decimal("5.00"), Decimal("6.00"))]
