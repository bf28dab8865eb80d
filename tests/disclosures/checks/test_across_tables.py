"""Identities between tables: each rule passes on a consistent disclosure and flags a broken one."""
import pytest

from tests.disclosures.checks.builder import consistent, findings, rules_found, set_amounts, severities

pytestmark = pytest.mark.django_db


def test_consistent_disclosure_breaks_no_across_tables_rule():
    assert rules_found(consistent(), "X") == []


CASES = [
    pytest.param("X01", lambda d: set_amounts(d, "income_expense_summary", name="支出总计", amount="136.00"),
                 "error", id="income-total-not-expense-total"),
    pytest.param("X02", lambda d: set_amounts(d, "income_summary", name="总计", total="136.00"), "error",
                 id="summary-total-not-income-table"),
    pytest.param("X03", lambda d: set_amounts(d, "income_expense_summary", "208", amount="11.00"), "error",
                 id="summary-class-not-expense-table"),
    pytest.param("X04", lambda d: set_amounts(d, "income_summary", "2080505", total="12.00"), "error",
                 id="income-code-not-expense-code"),
    pytest.param("X05", lambda d: set_amounts(d, "fiscal_summary", "208", side="expense", total="11.00",
                                              general_budget="11.00"), "error", id="fiscal-summary-class"),
    pytest.param("X06", lambda d: set_amounts(d, "income_summary", "2080505", general_budget="12.00"), "error",
                 id="general-budget-column-code-by-code"),
    pytest.param("X07", lambda d: set_amounts(d, "general_budget_basic_expense", name="总计", total="71.00"),
                 "error", id="basic-table-total"),
    pytest.param("X08", lambda d: set_amounts(d, "general_budget_project_expense", "2010302", total="41.00",
                                              goods_services="41.00"), "error", id="project-table-per-code"),
    pytest.param("X09", lambda d: set_amounts(d, "general_budget_basic_expense", "30217", total="0.60",
                                              public_funds="0.60"), "warning", id="three-public-reception"),
    pytest.param("X10", lambda d: set_amounts(d, "carryover", name="总计", total="21.00"), "error",
                 id="carryover-total"),
]


@pytest.mark.parametrize("rule, mutate, severity", CASES)
def test_disagreeing_tables_are_flagged(rule, mutate, severity):
    data = consistent()
    mutate(data)
    assert severity in severities(data, rule)


def test_missing_row_counts_as_zero_and_names_the_row():
    data = consistent()
    data["tables"][2]["lines"] = [row for row in data["tables"][2]["lines"] if row["code"] != "2080505"]
    messages = [f.message for f in findings(data, "X04")]
    assert any("2080505" in m and "无此行" in m for m in messages)
