"""The overview: stated counts of units and offices match the lists, staffing adds up."""
import pytest

from tests.disclosures.checks.builder import consistent, replace_text, rules_found, severities

pytestmark = pytest.mark.django_db


def test_consistent_disclosure_breaks_no_overview_rule():
    assert rules_found(consistent(), "O") == []


@pytest.mark.parametrize("old, new", [("下属 1家", "下属 2家"), ("事业单位 1 家", "事业单位 2 家")],
                         ids=["subordinate-count", "count-by-kind"])
def test_stated_unit_count_is_checked(old, new):
    data = consistent()
    replace_text(data, "机构设置", old, new)
    assert severities(data, "O01") == ["error"]


def test_stated_office_count_is_checked():
    data = consistent()
    replace_text(data, "机构设置", "下设 2 个处室", "下设 3 个处室")
    assert severities(data, "O02") == ["error"]


def test_staffing_must_add_up():
    data = consistent()
    data["overview"]["staffing"]["actual"] = 19
    assert severities(data, "O03") == ["error"]
