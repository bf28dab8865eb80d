"""Identities inside one table: each rule passes on a consistent disclosure and flags a broken one."""
import pytest

from tests.disclosures.checks.builder import consistent, in_yuan, rules_found, set_amounts, severities

pytestmark = pytest.mark.django_db


def test_consistent_disclosure_breaks_no_within_table_rule():
    assert rules_found(consistent(), "T") == []


def test_consistent_disclosure_in_yuan_breaks_no_rule():
    assert rules_found(in_yuan(consistent()), "") == []


CASES = [
    pytest.param("T01", lambda d: set_amounts(d, "expense_summary", "2010301", basic="64.90"), "error",
                 id="row-total-not-its-columns"),
    pytest.param("T01", lambda d: set_amounts(d, "expense_summary", "2010301", basic="64.99"), "info",
                 id="row-total-off-by-a-cent-is-rounding"),
    pytest.param("T01", lambda d: set_amounts(in_yuan(d), "expense_summary", "2010301", basic="649999"), "info",
                 id="yuan-row-off-by-one-yuan-is-rounding"),
    pytest.param("T01", lambda d: set_amounts(in_yuan(d), "expense_summary", "2010301", basic="649990"), "error",
                 id="yuan-row-off-by-ten-yuan"),
    pytest.param("T02", lambda d: set_amounts(d, "general_budget_basic_expense", "30101", total="49.00",
                                              personnel="49.00"), "error", id="class-not-its-items"),
    pytest.param("T03", lambda d: set_amounts(set_amounts(d, "general_budget_basic_expense", "301", total="61.00",
                                                          personnel="61.00"),
                                              "general_budget_basic_expense", "30101", total="51.00",
                                              personnel="51.00"), "error", id="total-not-its-classes"),
    pytest.param("T04", lambda d: set_amounts(d, "carryover", name="测试局", total="25.00", fiscal_subtotal="25.00",
                                              fiscal_project="25.00"), "error", id="unit-row-not-its-lines"),
    pytest.param("T05", lambda d: set_amounts(d, "income_expense_summary", name="2.单位资金", amount="6.00"),
                 "error", id="summary-item-not-its-parts"),
    pytest.param("T06", lambda d: set_amounts(d, "three_public_expense", name="公务接待费", total="0.60",
                                              general_budget="0.60"), "error", id="three-public-total"),
]


@pytest.mark.parametrize("rule, mutate, severity", CASES)
def test_broken_identity_is_flagged(rule, mutate, severity):
    data = consistent()
    mutate(data)
    assert severity in severities(data, rule)
