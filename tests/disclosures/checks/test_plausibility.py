"""Plausibility: figures out of scale for their kind look like a unit error."""
import pytest

from tests.disclosures.checks.builder import consistent, findings, rules_found, severities

pytestmark = pytest.mark.django_db


def test_consistent_disclosure_breaks_no_plausibility_rule():
    assert rules_found(consistent(), "L") == []


@pytest.mark.parametrize("key, value", [("vehicles_value", "300000.00"), ("furniture_value", "5000.00")],
                         ids=["vehicle", "furniture"])
def test_asset_value_in_yuan_printed_as_wan(key, value):
    data = consistent()
    data["other_matters"]["assets"][key] = value
    assert severities(data, "L01") == ["warning"]


def test_figure_above_the_whole_budget():
    data = consistent()
    data["other_matters"]["operating_funds"] = "500.00"
    assert severities(data, "L02") == ["warning"]


def test_amount_missing_its_wan():
    data = consistent()
    data["projects"][0]["allocation"] = "办公用品 5.96 万元"
    data["performance_targets"][1]["goal"] = "购买日常办公用品 5.96 元。"
    [finding] = findings(data, "L03")
    assert finding.severity == "warning" and finding.target is not None
