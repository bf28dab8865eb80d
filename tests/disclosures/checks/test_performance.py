"""Performance targets: funds against the project budget, fund parts, weights, targets, and the
预算绩效情况 statement."""
import pytest

from tests.disclosures.checks.builder import consistent, findings, replace_text, rules_found, severities

pytestmark = pytest.mark.django_db


def project_target(data):
    return data["performance_targets"][1]


def test_consistent_disclosure_breaks_no_performance_rule():
    """The project target's 60.00 is the project's 40.00 plus its 20.00 carried over."""
    assert rules_found(consistent(), "P") == []


@pytest.mark.parametrize("amount, severity", [("55.00", "error"), ("59.99", "info")], ids=["off", "by-a-cent"])
def test_target_funds_against_the_project_budget(amount, severity):
    data = consistent()
    project_target(data)["funds"].update(total=amount, fiscal=amount)
    [finding] = findings(data, "P01")
    assert finding.severity == severity and finding.target is not None and finding.lines.exists()


def test_fund_parts_must_add_up():
    data = consistent()
    project_target(data)["funds"]["total"] = "61.00"
    assert severities(data, "P02") == ["error"]


def test_weights_reported_with_their_sum():
    data = consistent()
    project_target(data)["indicators"][0]["weight"] = 50
    [finding] = findings(data, "P03")
    assert finding.severity == "warning" and "90" in finding.message and finding.actual == 90


@pytest.mark.parametrize("change", [
    {"target_value": None, "comparator": None, "target_unit": None},
    {"target": "＞=70%", "target_value": "70", "target_unit": "%"},
    {"target": "", "target_value": None, "comparator": None, "target_unit": None},
], ids=["number-not-read", "count-as-percent", "empty"])
def test_indicator_target_problems_are_warnings(change):
    data = consistent()
    project_target(data)["indicators"][0].update(change)
    assert severities(data, "P04") == ["warning"]


def test_performance_statement_amounts_and_count():
    data = consistent()
    replace_text(data, "预算绩效情况", "涉及预算金额115.00万元", "涉及预算金额116.00万元")
    replace_text(data, "预算绩效情况", "项目共 1个", "项目共 2个")
    assert sorted(severities(data, "P05")) == ["error", "warning"]
