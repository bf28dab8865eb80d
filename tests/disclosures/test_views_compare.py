"""Year over year: lines matched across two years, changes in Decimal, lines of one year shown too."""
from decimal import Decimal

import pytest
from django.urls import reverse

from disclosures.comparison import merged_keys
from disclosures.roles import CLERK, REVIEWER
from tests.builders import disclosure, ingested, line, staff, table

pytestmark = pytest.mark.django_db


@pytest.fixture
def finance():
    ingested(disclosure("财政局", 2024, tables=[
        table("expense_summary", [
            line("总计", row_type="total", total="300.00"),
            line("一般公共服务支出", "201", total="200.00", basic="20.00"),
            line("外交支出", "202", total="100.00"),
        ]),
        table("general_budget_expense", [line("教育支出", "205", total="0")]),
    ]))
    ingested(disclosure("财政局", 2025, tables=[
        table("expense_summary", [
            line("总计", row_type="total", total="330.10"),
            line("一般公共服务支出", "201", total="230.10", basic="10.00"),
            line("教育支出", "205", total="100.00"),
        ]),
        table("general_budget_expense", [line("教育支出", "205", total="50.00")]),
    ]))
    return ingested(disclosure("财政局", 2023, tables=[
        table("expense_summary", [line("一般公共服务支出", "201", total="1.00")]),
    ])).department


def url(department, **params):
    return reverse("disclosures:compare", args=[department.pk]), params


@pytest.fixture
def reviewer(client):
    client.force_login(staff("reviewer", REVIEWER))


def sections(client, department, **params):
    response = client.get(*url(department, **params))
    assert response.status_code == 200
    return {s.kind: [(r.shown.code or r.shown.name, r.base, r.current, r.change, r.percent) for r in s.rows]
            for s in response.context["sections"]}


def test_lines_matched_by_code_with_change_and_percent(client, reviewer, finance):
    result = sections(client, finance, base=2024, year=2025)
    assert result["expense_summary"] == [
        ("总计", Decimal("300.00"), Decimal("330.10"), Decimal("30.10"), Decimal("10.0")),
        ("201", Decimal("200.00"), Decimal("230.10"), Decimal("30.10"), Decimal("15.1")),
        ("202", Decimal("100.00"), None, None, None),
        ("205", None, Decimal("100.00"), None, None),
    ]


def test_percentage_blank_when_the_base_is_zero(client, reviewer, finance):
    assert sections(client, finance, base=2024, year=2025)["general_budget_expense"] == [
        ("205", Decimal("0"), Decimal("50.00"), Decimal("50.00"), None),
    ]


def test_a_chosen_column(client, reviewer, finance):
    rows = sections(client, finance, base=2024, year=2025, column="basic")["expense_summary"]
    assert rows[1] == ("201", Decimal("20.00"), Decimal("10.00"), Decimal("-10.00"), Decimal("-50.0"))
    assert rows[0][1:] == (None, None, None, None)


def test_defaults_to_the_latest_year_and_the_one_before(client, reviewer, finance):
    response = client.get(*url(finance))
    assert (response.context["base"], response.context["year"]) == (2024, 2025)
    assert sections(client, finance, year=2024)["expense_summary"][1] == (
        "201", Decimal("1.00"), Decimal("200.00"), Decimal("199.00"), Decimal("19900.0"))


def test_the_page_shows_signed_changes_and_links_to_the_lines(client, reviewer, finance):
    page = client.get(*url(finance, base=2024, year=2025)).content.decode()
    assert "+30.10" in page and "+15.1%" in page and "仅2024年" in page and "仅2025年" in page
    assert "?line=" in page


def test_only_one_year_says_there_is_nothing_to_compare(client, reviewer):
    department = ingested(disclosure("审计局", 2025, tables=[table("expense_summary", [line("总计")])])).department
    response = client.get(*url(department))
    assert response.context["sections"] == [] and "没有两个年度" in response.content.decode()


def test_a_clerk_cannot_compare_another_department(client, finance):
    other = ingested(disclosure("教育局", 2025)).department
    client.force_login(staff("clerk", CLERK, [other]))
    assert client.get(*url(finance)).status_code == 404
    assert client.get(*url(other)).status_code == 200


def test_base_only_keys_follow_their_predecessor():
    assert merged_keys(["a", "x", "b", "y"], ["a", "b", "c"]) == ["a", "x", "b", "y", "c"]
    assert merged_keys(["x", "a"], ["a"]) == ["x", "a"]
