"""Performance target tables: value parsing, header mapping and whole tables on hand-built pages."""
import pytest

from performance.parsing import (
    header_columns,
    header_key,
    parse_target,
    parse_targets,
    parse_weight,
    split_evidence,
    title_scope,
)
from tests.gridkit import LEFT, UP, line, make_grid, page

PROJECT_HEADER = ["一级指标", "二级指标", "三级指标", "指标值", "指标值设置依据", "上年完成值",
                  ["指标分值", "权重"], "指标赋分规则", "佐证资料"]


def project_rows(indicators):
    """Info rows of a made-up project table, its header, then ``indicators``."""
    return [
        ["预算单位", LEFT, "示例市测绘中心", LEFT, LEFT, LEFT, LEFT, LEFT, LEFT],
        ["项目名称", LEFT, ["示例地图更新", "项目"], LEFT, LEFT, LEFT, "项目负责人", LEFT, "李女士"],
        ["项目资金(万元)", LEFT, "年度预算总额", "1,234.50", LEFT, LEFT, LEFT, LEFT, LEFT],
        [UP, UP, "其中：财政拨款", "1,200.00", LEFT, "其他资金", LEFT, "34.50", LEFT],
        ["项目总体目标", LEFT, ["完成地图更新，", "按时交付成果。"], LEFT, LEFT, LEFT, LEFT, LEFT, LEFT],
        PROJECT_HEADER,
    ] + indicators


PROJECT_INDICATORS = [
    ["产出指标", "数量指标", "更新图幅", ["＞=12", "幅"], "计划标准", "10 幅", "20", "按完成比例赋分",
     "工作资料,验收报告"],
    [UP, UP, "外业测量", "≤30天", "历史标准", "", "15", "直接赋分", "工作资料，原始凭证"],
    [UP, "质量指标", "成果合格率", "=98.5%", "行业标准", "97%", "15", "直接赋分", ""],
    ["效益指标", "社会效益指标", "服务部门", "明显提升", "自定义", "提升", "30", "按等级赋分", "说明材料"],
]


def project_page(number=7, indicators=PROJECT_INDICATORS):
    title = [line("项目支出绩效目标表", 50.0), line("（2031 年）", 70.0), line(str(number), 800.0)]
    return page(number, title, [make_grid(number, project_rows(indicators))])


# --- values -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("＞=300个", (">=", "300", "个")),
        ("≥90%", (">=", "90", "%")),
        ("＜=24小时", ("<=", "24", "小时")),
        ("≤5", ("<=", "5", None)),
        ("=52.56 分钟", ("=", "52.56", "分钟")),
        ("＝100%", ("=", "100", "%")),
        ("＞3次", (">", "3", "次")),
        ("<1天", ("<", "1", "天")),
        ("＞= 1,500 万元", (">=", "1500", "万元")),
        ("１２件", (None, "12", "件")),
        ("有效提升", (None, None, None)),
        ("=有效", ("=", None, None)),
        ("≥90%且≤100%", (">=", None, None)),
        ("", (None, None, None)),
        (None, (None, None, None)),
    ],
)
def test_parse_target(text, expected):
    assert parse_target(text) == expected


@pytest.mark.parametrize("text, expected", [("28", 28), ("2.5", 2.5), ("10分", 10), (" 7 ", 7),
                                            ("", None), (None, None), ("十", None)])
def test_parse_weight(text, expected):
    value = parse_weight(text)
    assert value == expected and type(value) is type(expected)


def test_split_evidence_on_both_commas():
    assert split_evidence("工作资料,正式材料，原始凭证, 说明材料") == ["工作资料", "正式材料", "原始凭证", "说明材料"]
    assert split_evidence("") == [] and split_evidence(None) == []


@pytest.mark.parametrize(
    "text, key",
    [("一级指标", "level1"), ("二级指标", "level2"), ("三级指标", "name"), ("指标值", "target"),
     ("指标值设置依据", "basis"), ("指标设定依据", "basis"), ("上年完成值", "prior_value"),
     ("指标分值权重", "weight"), ("分值权重", "weight"), ("指标赋分规则", "scoring_rule"),
     ("佐证资料", "evidence"), ("指标值设定依据及说明", "basis"), ("权重(%)", "weight"),
     ("备注", None), ("", None)],
)
def test_header_key(text, key):
    assert header_key(text) == key


def test_header_columns_reordered_and_missing():
    grid = make_grid(1, [["三级指标", "一级指标", "分值权重", "指标值", "二级指标"]])
    assert header_columns(grid, 0) == {"name": 0, "level1": 1, "weight": 2, "target": 3, "level2": 4}


def test_header_columns_needs_indicator_name():
    grid = make_grid(1, [["科目编码", "科目名称", "指标值", "分值权重"]])
    assert header_columns(grid, 0) is None


@pytest.mark.parametrize(
    "text, scope",
    [("项目支出绩效目标表", "project"), ("表 12 部门整体绩效目标表", "department"),
     ("示例市测绘中心2031年项目支出绩效目标表", "project"), ("详见单位的项目绩效目标表", None),
     ("具体情况见部门整体绩效目标表。", None), ("一般公共预算支出情况表", None),
     ("本部门按照规定编制了全部项目的支出绩效目标并一并公开项目支出绩效目标表", None)],
)
def test_title_scope(text, scope):
    found = title_scope(text)
    assert (found[1] if found else None) == scope


# --- whole tables -------------------------------------------------------------------------


def test_project_table():
    warnings = []
    [target] = parse_targets([project_page()], warnings)
    assert warnings == []
    assert {k: target[k] for k in ("scope", "unit", "project", "owner", "phone", "funds", "goal", "pages")} == {
        "scope": "project",
        "unit": "示例市测绘中心",
        "project": "示例地图更新项目",
        "owner": "李女士",
        "phone": None,
        "funds": {"total": "1234.50", "fiscal": "1200.00", "other": "34.50"},
        "goal": "完成地图更新，按时交付成果。",
        "pages": [7],
    }
    assert target["source"] == {"page": 7, "bbox": [200.0, 50.0, 326.0, 64.0]}
    first, second, third, fourth = target["indicators"]
    assert first == {
        "level1": "产出指标", "level2": "数量指标", "name": "更新图幅", "target": "＞=12幅",
        "comparator": ">=", "target_value": "12", "target_unit": "幅", "basis": "计划标准",
        "prior_value": "10 幅", "weight": 20, "scoring_rule": "按完成比例赋分",
        "evidence": ["工作资料", "验收报告"], "source": {"page": 7, "bbox": [40.0, 220.0, 490.0, 240.0]},
    }
    assert (second["level1"], second["level2"], second["prior_value"]) == ("产出指标", "数量指标", None)
    assert second["evidence"] == ["工作资料", "原始凭证"]
    assert (third["level1"], third["level2"], third["target_value"], third["evidence"]) == (
        "产出指标", "质量指标", "98.5", [])
    assert (fourth["level1"], fourth["comparator"], fourth["target_value"]) == ("效益指标", None, None)


def test_department_table_without_optional_columns():
    rows = [
        ["部门名称（盖章）", LEFT, "示例市档案局", LEFT, LEFT, LEFT],
        ["部门联系人", LEFT, "赵先生", "联系电话", "0000-1234567", LEFT],
        ["年度绩效目标", LEFT, "完成档案数字化。", LEFT, LEFT, LEFT],
        ["年度预算(万元)", LEFT, "资金来源", LEFT, "资金总额（万元）", LEFT],
        [UP, UP, "财政资金（万元）", "上级安排", "10.00", LEFT],
        [UP, UP, UP, "本级安排", "2,345.60", LEFT],
        [UP, UP, "其他资金（万元）", "其他", "0.00", LEFT],
        ["一级指标", "二级指标", "三级指标", "指标值", "指标设定依据", "分值权重"],
        ["履职效能", "数量指标", "数字化卷数", "＞=5000 卷", "年度计划", "40"],
        [UP, "数量指标", "开放查阅天数", "＞=250天", "年度计划", "30"],
        [UP, "质量指标", "差错率", "＜=1%", "", "20"],
    ]
    pg = page(3, [line("部门整体绩效目标表", 50.0)], [make_grid(3, rows)])
    warnings = []
    [target] = parse_targets([pg], warnings)
    assert warnings == []
    assert (target["scope"], target["unit"], target["project"], target["owner"], target["phone"]) == (
        "department", "示例市档案局", None, "赵先生", "0000-1234567")
    assert target["funds"] == {"fiscal_higher": "10.00", "fiscal_local": "2345.60", "other": "0.00"}
    assert [(i["level1"], i["level2"], i["name"], i["weight"]) for i in target["indicators"]] == [
        ("履职效能", "数量指标", "数字化卷数", 40),
        ("履职效能", "数量指标", "开放查阅天数", 30),
        ("履职效能", "质量指标", "差错率", 20),
    ]
    last = target["indicators"][-1]
    assert (last["basis"], last["prior_value"], last["scoring_rule"], last["evidence"]) == (None, None, None, [])
    assert target["indicators"][0]["basis"] == "年度计划"
    assert (last["comparator"], last["target_value"], last["target_unit"]) == ("<=", "1", "%")


def test_table_continued_on_next_page():
    first = project_page(7, PROJECT_INDICATORS[:1] + [
        ["效益指标", "社会效益指标", "服务部门", "明显提升", "自定义", ["已完成一期", "更新，"], "30",
         "按等级赋分", "说明材料"]])
    rest = make_grid(8, [
        ["", "", "", "", "", "待二期验收。", "", "", ""],
        ["", "", "服务公众", "有效", "自定义", "", "10", "按等级赋分", "说明材料"],
        ["满意度指标", "满意度指标", "使用满意度", "＞=85%", "自定义", "", "10", "满意度赋分", "调查问卷"],
    ], top=50.0)
    warnings = []
    [target] = parse_targets([first, page(8, [line("8", 800.0)], [rest])], warnings)
    assert warnings == []
    assert target["pages"] == [7, 8]
    names = [(i["level1"], i["level2"], i["name"]) for i in target["indicators"]]
    assert names == [("产出指标", "数量指标", "更新图幅"), ("效益指标", "社会效益指标", "服务部门"),
                     ("效益指标", "社会效益指标", "服务公众"), ("满意度指标", "满意度指标", "使用满意度")]
    assert target["indicators"][1]["prior_value"] == "已完成一期更新，待二期验收。"
    assert target["indicators"][3]["source"]["page"] == 8


def test_header_first_printed_on_next_page():
    info = make_grid(5, project_rows([])[:5], top=600.0)
    body = make_grid(6, [PROJECT_HEADER] + PROJECT_INDICATORS[:2], top=50.0)
    pages = [page(5, [line("项目支出绩效目标表", 560.0)], [info]), page(6, [], [body])]
    warnings = []
    [target] = parse_targets(pages, warnings)
    assert warnings == [] and target["pages"] == [5, 6]
    assert [i["name"] for i in target["indicators"]] == ["更新图幅", "外业测量"]


def test_title_over_other_grid_is_no_table():
    other = make_grid(2, [["序号", "事项"], ["1", "示例事项"]])
    warnings = []
    assert parse_targets([page(2, [line("项目支出绩效目标表", 50.0)], [other])], warnings) == []
    assert len(warnings) == 1


def test_two_tables_in_a_row_stay_apart():
    other = [["产出指标", "数量指标", "采购台数", "=3台", "计划标准", "", "50", "直接赋分", "原始凭证"]]
    targets = parse_targets([project_page(7), project_page(8, other)], [])
    assert [len(t["indicators"]) for t in targets] == [4, 1]
    assert [t["pages"] for t in targets] == [[7], [8]]


def test_titled_grid_next_page_is_not_a_continuation():
    budget = make_grid(8, [["项目", "金额", "", "", "", "", "", "", ""],
                           ["示例项目", "5.00", "", "", "", "", "", "", ""]])
    pages = [project_page(7), page(8, [line("表 3 其他收支情况表", 50.0)], [budget])]
    [target] = parse_targets(pages, [])
    assert target["pages"] == [7] and len(target["indicators"]) == 4


def test_table_without_header_warns():
    rows = project_rows([])[:5]
    warnings = []
    [target] = parse_targets([page(2, [line("项目支出绩效目标表", 50.0)], [make_grid(2, rows)])], warnings)
    assert target["indicators"] == [] and target["project"] == "示例地图更新项目"
    assert any("表头" in w for w in warnings)


def test_untitled_table_found_by_labels():
    pg = page(4, [], [make_grid(4, project_rows(PROJECT_INDICATORS[:2]))])
    [target] = parse_targets([pg], [])
    assert target["scope"] == "project" and len(target["indicators"]) == 2


def test_pages_without_performance_tables():
    budget = make_grid(1, [["科目编码", "科目名称", "合计", "基本支出"],
                           ["201", "一般公共服务支出", "1,000.00", "800.00"]])
    pages = [page(1, [line("一般公共预算支出情况表", 40.0)], [budget]),
             page(2, [line("七、绩效目标", 40.0), line("详见单位的项目绩效目标表", 60.0)]),
             page(3, [line("表 4 政府采购预算表", 40.0)], [make_grid(3, [["项目", "金额"], ["货物", "1.00"]])])]
    warnings = []
    assert parse_targets(pages, warnings) == []
    assert warnings == []


def test_value_over_sign_value_and_unit_columns():
    header = ["一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "权重"]
    rows = [
        ["预算单位", LEFT, "示例市测绘中心", LEFT, LEFT, LEFT, LEFT],
        ["项目名称", LEFT, "示例地图更新项目", LEFT, LEFT, LEFT, LEFT],
        header,
        ["产出指标", "数量指标", "更新图幅", "≥", "12", "幅", "20"],
        [UP, "质量指标", "成果合格率", "大于等于", "98.5", "%", "20"],
        ["效益指标", "社会效益指标", "服务部门", "定性", "明显提升", "", "30"],
        [UP, UP, "服务时长", "", "=24", "小时", "30"],
    ]
    [target] = parse_targets([page(3, [line("项目支出绩效目标表", 50.0)], [make_grid(3, rows)])], [])
    assert [(i["target"], i["comparator"], i["target_value"], i["target_unit"]) for i in target["indicators"]] == [
        ("≥12幅", ">=", "12", "幅"), ("大于等于98.5%", ">=", "98.5", "%"), ("明显提升", None, None, None),
        ("=24小时", "=", "24", "小时")]
