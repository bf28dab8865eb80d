"""Document consistency: one year, one department name, no placeholders, editorial slips as info."""
import pytest

from tests.disclosures.checks.builder import consistent, findings, replace_text, rules_found, severities

pytestmark = pytest.mark.django_db


def test_consistent_disclosure_breaks_no_consistency_rule():
    assert rules_found(consistent(), "D") == []


@pytest.mark.parametrize("heading, old, new", [
    ("国有资产", "截至 2024 年底", "截至 2025 年底"),
    ("收支预算情况总体说明", "测试局 2025 年所有收入", "测试局 2024 年所有收入"),
    ("一、关于测试局", "", ""),
], ids=["as-of-date", "sentence", "heading"])
def test_wrong_year_is_flagged(heading, old, new):
    data = consistent()
    if old:
        replace_text(data, heading, old, new)
    else:
        section = next(s for s in data["sections"] if s["heading"].startswith(heading))
        section["heading"] = section["heading"].replace("2025", "2024")
    assert "error" in severities(data, "D01")


def test_comparison_year_must_be_the_previous_one():
    data = consistent()
    replace_text(data, "收入预算情况说明", "比上年预算增加", "比2023年预算增加")
    assert severities(data, "D01") == ["error"]


def test_publication_date_of_another_year_is_a_warning():
    data = consistent()
    data["document"]["published_on"] = "2023-03-01"
    assert severities(data, "D01") == ["warning"]


def test_other_department_name_is_flagged():
    data = consistent()
    replace_text(data, "部门预算公开表", "编制部门：测试局", "编制部门：示例局")
    [finding] = findings(data, "D02")
    assert finding.severity == "error" and "示例局" in finding.message


def test_template_placeholder_is_flagged():
    data = consistent()
    replace_text(data, "机构设置", "办公室、财务科。", "办公室、财务科、XX科。")
    assert severities(data, "D03") == ["error"]


@pytest.mark.parametrize("old, new", [("占 3.70%。", "占 3.70%。。"), ("用于系统运维。", "用于系统运维(见文件(2021]1号)。")],
                         ids=["duplicated-full-stop", "mismatched-bracket"])
def test_editorial_slip_is_info(old, new):
    data = consistent()
    section = next(s for s in data["sections"] if old in s["text"])
    section["text"] = section["text"].replace(old, new)
    assert severities(data, "D04") == ["info"]
