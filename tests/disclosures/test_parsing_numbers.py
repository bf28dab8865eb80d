"""Amounts and classification codes as printed."""
import pytest

from disclosures.parsing.numbers import code_level, join_code, parse_amount, split_code_name


@pytest.mark.parametrize(
    "printed, expected",
    [
        ("15,908.55", "15908.55"),
        ("371,514,655.00", "371514655.00"),
        ("0.00", "0.00"),
        ("0", "0"),
        ("189,767,551", "189767551"),
        ("１２３.４５", "123.45"),  # full-width digits
        (" 1,807.43 ", "1807.43"),
        ("-3.50", "-3.50"),
    ],
)
def test_parse_amount_keeps_printed_decimals_without_separators(printed, expected):
    assert parse_amount(printed) == expected


@pytest.mark.parametrize("printed", ["", "   ", "合计", "1,80,7.43", "12.3.4", "※", "15,908.55万元"])
def test_parse_amount_rejects_what_is_not_an_amount(printed):
    assert parse_amount(printed) is None


def test_join_code_joins_class_section_item_parts():
    assert join_code(["201", "03", "01"]) == "2010301"
    assert join_code(["301", "01", ""]) == "30101"
    assert join_code(["208", "", ""]) == "208"


def test_join_code_refuses_labels_and_malformed_codes():
    assert join_code(["类", "款", "项"]) is None
    assert join_code(["201", "3"]) is None
    assert join_code(["", "", ""]) is None


@pytest.mark.parametrize(
    "text, code, name",
    [
        ("201 一般公共服务支出", "201", "一般公共服务支出"),
        ("201 03 01 行政运行", "2010301", "行政运行"),
        ("30101基本工资", "30101", "基本工资"),
        ("2024 年信息系统运维项目", None, "2024 年信息系统运维项目"),
        ("12345 热线服务外包项目", None, "12345 热线服务外包项目"),
        ("一、一般公共服务支出", None, "一、一般公共服务支出"),
    ],
)
def test_split_code_name_only_splits_classification_codes(text, code, name):
    assert split_code_name(text) == (code, name)


def test_code_level_follows_length():
    assert [code_level(c) for c in ("201", "20103", "2010301", "2010")] == [1, 2, 3, None]

