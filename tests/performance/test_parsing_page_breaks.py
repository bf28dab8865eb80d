"""A 绩效目标表 whose sheet runs onto the next page: level cells cut open at the break.

A spreadsheet printed over two pages rules neither side of a merged 一级/二级指标 cell at
the break, so its slots are empty and its text lies loose over its column, on one page or
(clipped) on both; a cell that fills a whole page loses its column altogether.
"""
from dataclasses import replace

from disclosures.parsing.pdf import Grid, Line
from performance.parsing import parse_targets
from tests.gridkit import COL_W, LEFT, UP, X0, line, make_grid, page

HEADER = ["一级指标", "二级指标", "三级指标", "指标值", "指标值设置依据", "分值权重"]
INFO = [["项目名称", LEFT, "示例项目", LEFT, LEFT, LEFT], ["预算单位", LEFT, "示例单位", LEFT, LEFT, LEFT]]
FIRST = [
    ["产出指标", "数量指标", "甲", "=1个", "计划标准", "10"],
    [UP, UP, "乙", "=2个", "计划标准", "10"],
    [UP, "时效指标", "丙", "<=3天", "计划标准", "10"],
]


def loose(text, col, top):
    """A line of text loose over column ``col`` (a gridkit grid's), ``top`` points down."""
    x0 = X0 + col * COL_W + 5
    return Line(text, x0, top, x0 + 12 * len(text), top + 10)


def opened(grid, slots):
    """``grid`` with the (row, column) ``slots`` left empty, as the table finder leaves a cut cell."""
    for r, c in slots:
        grid.matrix[r][c] = None
    return grid


def first_page(level2_text=True):
    """Page 7: rows 5–7 under a level-1 cell cut at the foot, row 7's level-2 cell cut too."""
    grid = opened(make_grid(7, INFO + [HEADER] + FIRST), [(3, 0), (4, 0), (5, 0), (5, 1)])
    lines = [line("项目支出绩效目标表", 50.0), loose("产出指", 0, 170.0), loose("标", 0, 182.0)]
    if level2_text:
        lines += [loose("时效指", 1, 203.0), loose("标", 1, 222.0)]
    return page(7, lines, [grid])


def names(target):
    return [(i["level1"], i["level2"], i["name"]) for i in target["indicators"]]


def test_cut_cells_printed_on_both_pages():
    rest = opened(make_grid(8, [["", "", "丁", "<=2天", "计划标准", "10"],
                                ["满意度指标", "满意度指标", "戊", "＞=90%", "自定义", "10"]], top=50.0),
                  [(0, 0), (0, 1)])
    second = page(8, [loose("时效指", 1, 32.0), loose("标", 1, 53.0), line("8", 800.0)], [rest])
    warnings = []
    [target] = parse_targets([first_page(), second], warnings)
    assert warnings == [] and target["pages"] == [7, 8]
    assert names(target) == [("产出指标", "数量指标", "甲"), ("产出指标", "数量指标", "乙"),
                             ("产出指标", "时效指标", "丙"), ("产出指标", "时效指标", "丁"),
                             ("满意度指标", "满意度指标", "戊")]


def test_cut_cell_printed_on_the_second_page_only():
    rest = opened(make_grid(8, [["", "", "丁", "<=2天", "计划标准", "10"]], top=50.0), [(0, 0), (0, 1)])
    second = page(8, [loose("时效指标", 1, 53.0)], [rest])
    [target] = parse_targets([first_page(level2_text=False), second], [])
    assert names(target)[2:] == [("产出指标", "时效指标", "丙"), ("产出指标", "时效指标", "丁")]


def without_first_column(grid):
    """``grid`` as the table finder reads it when its first column has no rule across."""
    moved = {id(c): replace(c, col=c.col - 1) for row in grid.matrix for c in row[1:]}
    return Grid(grid.page, (grid.col_edges[1], *grid.bbox[1:]), [[moved[id(c)] for c in row[1:]] for row in grid.matrix],
                grid.col_edges[1:], grid.row_edges)


def test_page_filled_by_a_cut_cell_loses_its_column():
    rest = without_first_column(make_grid(8, [["", "时效指标", "丁", "<=2天", "计划标准", "10"],
                                              ["", "质量指标", "己", "=100%", "行业标准", "10"]], top=50.0))
    second = page(8, [loose("产出指", 0, 40.0), loose("标", 0, 52.0)], [rest])
    warnings = []
    [target] = parse_targets([first_page(), second], warnings)
    assert warnings == []
    assert names(target)[3:] == [("产出指标", "时效指标", "丁"), ("产出指标", "质量指标", "己")]


def test_other_columns_do_not_continue_a_table():
    other = make_grid(8, [["序号", "事项", "金额"], ["1", "示例", "5.00"]], top=50.0)
    [target] = parse_targets([first_page(), page(8, [], [other])], [])
    assert target["pages"] == [7] and len(target["indicators"]) == 3


def test_row_cut_across_the_break_is_one_indicator():
    """A word processor breaks a tall row: each cell's first lines on one page, the rest on the next."""
    first = page(7, [line("项目支出绩效目标表", 50.0)], [make_grid(7, INFO + [HEADER] + [
        ["产出指标", "数量指标", "甲", "=1个", "计划标准", "10"],
        ["满意度", "服务对", "利用者", "＞", "自定", "10"]])])
    rest = make_grid(8, [["指标", "象满意度指标", "满意度", "=90%", "义", ""],
                         ["效益指标", "社会效益指标", "乙", "有效提升", "自定义", "20"]], top=50.0)
    warnings = []
    [target] = parse_targets([first, page(8, [], [rest])], warnings)
    assert warnings == []
    assert [(i["level1"], i["level2"], i["name"], i["target"], i["basis"], i["weight"])
            for i in target["indicators"]] == [
        ("产出指标", "数量指标", "甲", "=1个", "计划标准", 10),
        ("满意度指标", "服务对象满意度指标", "利用者满意度", "＞=90%", "自定义", 10),
        ("效益指标", "社会效益指标", "乙", "有效提升", "自定义", 20)]


def test_next_page_starting_with_a_whole_row_is_a_new_indicator():
    first = page(7, [line("项目支出绩效目标表", 50.0)], [make_grid(7, INFO + [HEADER] + FIRST)])
    rest = make_grid(8, [["效益指标", "社会效益指标", "丁", "有效提升", "自定义", "20"]], top=50.0)
    [target] = parse_targets([first, page(8, [], [rest])], [])
    assert names(target) == [("产出指标", "数量指标", "甲"), ("产出指标", "数量指标", "乙"),
                             ("产出指标", "时效指标", "丙"), ("效益指标", "社会效益指标", "丁")]


def test_row_cut_below_a_repeated_header():
    first = page(7, [line("项目支出绩效目标表", 50.0)], [make_grid(7, INFO + [HEADER] + [
        ["满意度", "服务对", "利用者", "＞", "自定", "10"]])])
    rest = make_grid(8, [HEADER, ["指标", "象满意度指标", "满意度", "=90%", "义", ""]], top=50.0)
    [target] = parse_targets([first, page(8, [], [rest])], [])
    assert names(target) == [("满意度指标", "服务对象满意度指标", "利用者满意度")]
