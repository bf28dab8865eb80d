"""Document consistency: one year, one department name, no placeholders, editorial slips as info."""
import pytest

from disclosures.parsing import parse
from tests import pdfgen
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


def add_section(data, heading, text="", before="一、关于测试局"):
    """Insert a section (a heading alone when ``text`` is empty) before the one starting ``before``."""
    at = next(i for i, s in enumerate(data["sections"]) if s["heading"].startswith(before))
    data["sections"].insert(at, {"heading": heading, "text": text, "pages": [1]})


def test_part_heading_with_another_year_is_flagged():
    data = consistent()
    add_section(data, "第三部分 2024 年部门预算情况说明")
    [finding] = findings(data, "D01")
    assert finding.severity == "error" and "写的是 2024 年，应为 2025 年" in finding.message


@pytest.mark.parametrize("heading, text", [
    ("第三部分 2025 年部门预算情况说明", ""),
    ("（五）与 2024 年预算相比的变化", "比 2024 年预算增加 5.00 万元；与上年预算持平。"),
    ("（六）国有资产", "2024 年末资产总额 30.00 万元，2024年底车辆 1 辆。"),
], ids=["own-year", "comparison", "asset-date"])
def test_legitimate_years_in_a_budget_are_not_flagged(heading, text):
    data = consistent()
    add_section(data, heading, text)
    assert findings(data, "D01") == []


def test_asset_date_at_the_end_of_the_budget_year_is_flagged():
    data = consistent()
    add_section(data, "（六）国有资产", "2025 年末资产总额 30.00 万元。")
    [finding] = findings(data, "D01")
    assert "应为 2024 年" in finding.message


def final_accounts(data):
    """``data`` as the 2024 决算 published in 2025: its own year 2024, assets at the end of 2024."""
    data["document"].update(kind="final_accounts", fiscal_year=2024, published_on="2025-09-20")
    for section in data["sections"]:
        section["heading"] = section["heading"].replace("2025", "2024")
        section["text"] = section["text"].replace("2025", "2024").replace("比上年预算", "比 2023 年度")
    for table in data["tables"]:
        table["title"] = table["title"].replace("2025", "2024")
    return data


def test_final_accounts_of_a_year_published_the_next_are_not_flagged():
    data = final_accounts(consistent())
    add_section(data, "第三部分 2024 年度部门决算情况说明", before="一、关于测试局")
    add_section(data, "（六）国有资产", "截至 2024 年 12 月 31 日，2024 年末资产总额 30.00 万元。")
    assert findings(data, "D01") == []


def test_part_heading_of_final_accounts_with_the_publication_year_is_flagged():
    data = final_accounts(consistent())
    add_section(data, "第三部分 2025 年度部门决算情况说明")
    [finding] = findings(data, "D01")
    assert "应为 2024 年" in finding.message


def test_part_heading_printed_with_another_year_is_flagged_in_the_parsed_pdf(tmp_path):
    spec = pdfgen.disclosure_spec(department="上海市测试局", year=2025, performance=False)
    spec["notes"] = [("part", "第三部分 2024 年部门预算情况说明") if style == "part" else (style, text)
                     for style, text in spec["notes"]]
    data = parse(pdfgen.render_disclosure(tmp_path / "wrong-year.pdf", spec)[0])
    messages = [f.message for f in findings(data, "D01")]
    assert messages == ["第三部分 2024 年部门预算情况说明：“第三部分 2024 年部门预算情况说明”写的是 2024 年，应为 2025 年"]
