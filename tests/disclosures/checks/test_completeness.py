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
