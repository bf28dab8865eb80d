"""Performance target tables as the national templates and their provincial variants print them:
group-prefixed labels, label and value in one cell, a contact with a phone, the unit's fallback."""
import pytest

from performance.parsing import parse_targets
from performance.parsing.info import inline_pairs, label_text
from performance.parsing.values import split_phone
from tests.gridkit import LEFT, UP, line, make_grid, page

HEADER = ["一级指标", "二级指标", "三级指标", "指标值", "指标值设置依据", "分值权重"]
INDICATORS = [
    ["产出指标", "数量指标", "修缮面积", "＞=500平方米", "计划标准", "40"],
    [UP, "质量指标", "验收合格率", "=100%", "行业标准", "30"],
    ["满意度指标", "服务对象满意度指标", "师生满意度", "＞=90%", "自定义", "20"],
]


def table_page(number, title, info_rows, indicators=INDICATORS):
    return page(number, [line(title, 50.0)], [make_grid(number, info_rows + [HEADER] + indicators)])


@pytest.mark.parametrize("text, label", [
    ("其中：财政拨款（万元）", "财政拨款"), ("财政资金：上级补助（万元）", "上级补助"),
    ("财政资金：本级安排", "本级安排"), ("其中: 财政资金：本级安排", "本级安排"),
    ("部门（单位）名称", "部门名称"), ("其中：", "其中"), ("年度资金总额：", "年度资金总额"), ("年度资金总额（万元）", "年度资金总额"),
])
def test_label_text_drops_groups_and_notes(text, label):
    assert label_text(text) == label


@pytest.mark.parametrize("text, pairs", [
    ("部门联系人：张三 联系电话：0991-1234567", [("部门联系人", "张三"), ("联系电话", "0991-1234567")]),
    ("部门联系人：张三联系电话：0991-1234567", [("部门联系人", "张三"), ("联系电话", "0991-1234567")]),
    ("财政资金：本级安排（万元）：28,166.79", [("本级安排(万元)", "28,166.79")]),
    ("其中：财政拨款：20,947.00", [("财政拨款", "20,947.00")]),
    ("年度绩效目标：一是：完成修缮；二是：通过验收。", [("年度绩效目标", "一是:完成修缮;二是:通过验收。")]),
    ("实施单位：", []),
    ("说明：本表金额单位为万元", []),
    ("完成修缮", []),
])
def test_inline_pairs(text, pairs):
    assert inline_pairs(text) == pairs


@pytest.mark.parametrize("text, expected", [
    ("张三 0991-1234567", ("张三", "0991-1234567")), ("李女士13800001111", ("李女士", "13800001111")),
    ("王先生", ("王先生", None)), ("赵先生 2号楼", ("赵先生 2号楼", None)), ("", (None, None)),
])
def test_split_phone(text, expected):
    assert split_phone(text) == expected


def test_national_project_table():
    info = [
        ["项目名称", LEFT, "校舍修缮项目", LEFT, LEFT, LEFT],
        ["项目承担单位", LEFT, "示例市第一中学", LEFT, "项目负责人", "钱先生"],
        ["年度资金总额（万元）", "88.00", "其中：财政拨款（万元）", "80.00", "其他资金（万元）", "8.00"],
        ["年度绩效目标", LEFT, "完成校舍修缮。", LEFT, LEFT, LEFT],
    ]
    warnings = []
    [target] = parse_targets([table_page(5, "表 9 项目支出绩效目标表", info)], warnings)
    assert warnings == []
    assert (target["scope"], target["unit"], target["project"], target["owner"], target["goal"]) == (
        "project", "示例市第一中学", "校舍修缮项目", "钱先生", "完成校舍修缮。")
    assert target["funds"] == {"total": "88.00", "fiscal": "80.00", "other": "8.00"}
    assert [i["level1"] for i in target["indicators"]] == ["产出指标", "产出指标", "满意度指标"]


def test_department_table_label_and_value_in_one_cell():
    info = [
        ["部门（单位）名称：示例市档案局", LEFT, LEFT, LEFT, LEFT, LEFT],
        ["部门联系人：赵先生 联系电话：0000-1234567", LEFT, LEFT, LEFT, LEFT, LEFT],
        ["上级补助（万元）：10.00", LEFT, "本级安排（万元）：2,345.60", LEFT, "其他资金（万元）：0.00", LEFT],
        ["年度绩效目标：完成档案数字化。", LEFT, LEFT, LEFT, LEFT, LEFT],
    ]
    warnings = []
    [target] = parse_targets([table_page(3, "部门整体支出绩效目标表", info)], warnings)
    assert warnings == []
    assert (target["scope"], target["unit"], target["owner"], target["phone"], target["goal"]) == (
        "department", "示例市档案局", "赵先生", "0000-1234567", "完成档案数字化。")
    assert target["funds"] == {"fiscal_higher": "10.00", "fiscal_local": "2345.60", "other": "0.00"}


def test_contact_and_phone_under_one_label():
    info = [
        ["部门名称", "示例市档案局", LEFT, LEFT, LEFT, LEFT],
        ["部门联系人及联系电话", "赵先生 0000-1234567", LEFT, LEFT, LEFT, LEFT],
        ["财政资金：上级补助（万元）", "10.00", "财政资金：本级安排（万元）", "20.00", "其他资金（万元）", "0.00"],
    ]
    [target] = parse_targets([table_page(3, "部门整体支出绩效目标表", info)], [])
    assert (target["owner"], target["phone"]) == ("赵先生", "0000-1234567")
    assert target["funds"] == {"fiscal_higher": "10.00", "fiscal_local": "20.00", "other": "0.00"}


def test_untitled_one_cell_table_is_found():
    info = [["项目名称：校舍修缮项目", LEFT, LEFT, "实施单位：示例市第一中学", LEFT, LEFT]]
    grid = make_grid(4, info + [HEADER] + INDICATORS)
    [target] = parse_targets([page(4, [], [grid])], [])
    assert (target["scope"], target["unit"], target["project"]) == ("project", "示例市第一中学", "校舍修缮项目")


PROJECT_WITHOUT_UNIT = [["项目名称", LEFT, "校舍修缮项目", LEFT, "项目负责人", "钱先生"]]


def test_unit_falls_back_to_the_printed_supervisor():
    info = PROJECT_WITHOUT_UNIT + [["主管部门", LEFT, "示例市教育局", LEFT, LEFT, LEFT]]
    warnings = []
    [target] = parse_targets([table_page(6, "项目支出绩效目标表", info)], warnings)
    assert target["unit"] == "示例市教育局"
    assert warnings == ["绩效目标表（第 6 页）未印预算单位，取主管部门“示例市教育局”"]


def test_unit_falls_back_to_the_department_table():
    department = [["部门名称", LEFT, "示例市教育局", LEFT, LEFT, LEFT]]
    pages = [table_page(5, "部门整体支出绩效目标表", department), table_page(6, "项目支出绩效目标表", PROJECT_WITHOUT_UNIT)]
    warnings = []
    dept, project = parse_targets(pages, warnings)
    assert (dept["unit"], project["unit"]) == ("示例市教育局", "示例市教育局")
    assert warnings == ["绩效目标表（第 6 页）未印预算单位，取部门整体绩效目标表的部门名称“示例市教育局”"]


def test_unit_falls_back_to_the_document_department():
    cover = page(1, [line("表 1 部门收支总体情况表", 40.0), line("编制部门：示例市教育局 单位：万元", 60.0)])
    warnings = []
    [target] = parse_targets([cover, table_page(6, "项目支出绩效目标表", PROJECT_WITHOUT_UNIT)], warnings)
    assert target["unit"] == "示例市教育局"
    assert warnings == ["绩效目标表（第 6 页）未印预算单位，取编制部门“示例市教育局”"]


def test_no_unit_anywhere_is_said():
    warnings = []
    [target] = parse_targets([table_page(6, "项目支出绩效目标表", PROJECT_WITHOUT_UNIT)], warnings)
    assert target["unit"] is None
    assert warnings == ["绩效目标表（第 6 页）未读到预算单位"]


def test_national_declaration_form():
    """财政部's 项目支出绩效目标申报表: 主管部门及代码, a three-row funds block with colons, 总体目标
    split into 中期目标 | 年度目标 with the texts under them, 年度绩效指标 merged left of the grid."""
    rows = [
        ["项目名称", "校舍修缮项目", LEFT, LEFT, LEFT, LEFT],
        ["主管部门及代码", "示例市教育局 201001", LEFT, "实施单位", "示例市第一中学", LEFT],
        ["项目资金（万元）", "年度资金总额：", "88.00", LEFT, LEFT, LEFT],
        [UP, "其中：财政拨款", "80.00", LEFT, LEFT, LEFT],
        [UP, "其他资金", "8.00", LEFT, LEFT, LEFT],
        ["总体目标", "中期目标（2026年—2028年）", LEFT, "年度目标", LEFT, LEFT],
        [UP, "完成全部校舍修缮。", LEFT, "完成教学楼修缮。", LEFT, LEFT],
        ["年度绩效指标", "一级指标", "二级指标", "三级指标", "指标值", "分值"],
        [UP, "产出指标", "数量指标", "修缮面积", "＞=500平方米", "40"],
        [UP, UP, "质量指标", "验收合格率", "=100%", "30"],
    ]
    warnings = []
    [target] = parse_targets([page(2, [line("项目支出绩效目标申报表", 50.0)], [make_grid(2, rows)])], warnings)
    assert warnings == []
    assert (target["unit"], target["project"], target["goal"]) == ("示例市第一中学", "校舍修缮项目", "完成教学楼修缮。")
    assert target["funds"] == {"total": "88.00", "fiscal": "80.00", "other": "8.00"}
    assert [(i["level1"], i["level2"], i["name"], i["weight"]) for i in target["indicators"]] == [
        ("产出指标", "数量指标", "修缮面积", 40), ("产出指标", "质量指标", "验收合格率", 30)]


def test_supervisor_code_is_not_the_unit():
    info = PROJECT_WITHOUT_UNIT + [["主管部门及代码", LEFT, "示例市教育局 201001", LEFT, LEFT, LEFT]]
    warnings = []
    [target] = parse_targets([table_page(6, "项目支出绩效目标表", info)], warnings)
    assert target["unit"] == "示例市教育局" and len(warnings) == 1
