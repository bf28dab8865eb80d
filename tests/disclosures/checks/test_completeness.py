"""Completeness: every standard table is there and an empty one says so."""
import pytest

from tests.disclosures.checks.builder import consistent, findings, get_table, replace_text, rules_found

pytestmark = pytest.mark.django_db


def test_consistent_disclosure_breaks_no_completeness_rule():
    assert rules_found(consistent(), "C") == []


def test_missing_standard_table_and_gap_in_numbering_are_flagged():
    data = consistent()
    data["tables"] = [t for t in data["tables"] if t["kind"] != "general_budget_basic_expense"]
    messages = [f.message for f in findings(data, "C01")]
    assert any("基本支出" in m for m in messages) and any("缺少表6" in m for m in messages)


def test_blank_table_without_statement_is_flagged():
    data = consistent()
    get_table(data, "gov_fund_expense")["empty_note"] = None
    [finding] = findings(data, "C02")
    assert finding.severity == "error" and finding.table.number == 8


def test_statement_of_emptiness_on_a_table_with_figures_is_flagged():
    data = consistent()
    get_table(data, "carryover")["empty_note"] = "本表无数据。"
    assert [f.severity for f in findings(data, "C02")] == ["error"]


def test_figure_quoted_for_a_blank_table_is_flagged():
    data = consistent()
    replace_text(data, "政府性基金预算拨款情况说明", "为空表。", "为空表。政府性基金预算拨款支出 5.00 万元。")
    [finding] = findings(data, "C03")
    assert finding.severity == "error" and "5.00万元" in finding.message


@pytest.mark.parametrize("kind, title", [
    ("income_expense_summary", "收入支出决算总表"), ("income_summary", "收入决算表"),
    ("expense_summary", "支出决算表"), ("fiscal_summary", "财政拨款收入支出决算总表"),
    ("general_budget_expense", "一般公共预算财政拨款支出决算表"),
    ("general_budget_basic_expense", "一般公共预算财政拨款基本支出决算表"),
])
def test_missing_table_of_final_accounts_is_named_by_its_final_accounts_title(kind, title):
    data = consistent()
    data["document"].update(kind="final_accounts", fiscal_year=2024)
    data["tables"] = [t for t in data["tables"] if t["kind"] != kind]
    messages = [f.message for f in findings(data, "C01")]
    assert f"缺少{title}" in messages
    assert not any("情况表" in m for m in messages)


def test_missing_table_of_a_budget_is_named_by_its_budget_title():
    data = consistent()
    data["tables"] = [t for t in data["tables"] if t["kind"] != "expense_summary"]
    assert "缺少部门支出总体情况表" in [f.message for f in findings(data, "C01")]
