"""Budget tables on hand-built pages: titles, header vocabulary, rows, page breaks."""
import pytest

from disclosures.parsing.headers import column_role
from disclosures.parsing.pdf import Cell, Grid
from disclosures.parsing.tables import parse_tables
from disclosures.parsing.titles import match_title
from tests.gridkit import LEFT, UP, line, make_grid, page

EXPENSE_HEADER = [
    ["科目", LEFT, LEFT, LEFT, "支出预算", LEFT, LEFT],
    ["功能分类科目编码", LEFT, LEFT, "功能分类科目名称", "合计", "基本支出", "项目支出"],
    ["类", "款", "项", UP, UP, UP, UP],
]


def table_page(number, title, rows, label=None, unit="单位：万元", top=120.0):
    lines = []
    if label:
        lines.append(line(label, 40.0))
    lines.append(line(title, 60.0))
    if unit:
        lines.append(line(f"编制部门：某县水务局 {unit}", 90.0))
    lines.append(line(str(number), 800.0))
    return page(number, lines, [make_grid(number, rows, top=top)])


def parse_one(*pages):
    warnings = []
    tables = parse_tables(list(pages), warnings)
    return tables, warnings


@pytest.mark.parametrize(
    "title, kind",
    [
        ("部门收支总体情况表", "income_expense_summary"),
        ("2031年部门财务收支预算总表", "income_expense_summary"),
        ("财政拨款收支预算总体情况表", "fiscal_summary"),
        ("表 5 一般公共预算支出情况表", "general_budget_expense"),
        ("2031年部门一般公共预算基本支出部门预算经济分类预算表", "general_budget_basic_expense"),
        ("财政拨款“三公”经费支出决算表", "three_public_expense"),
        ("收入支出决算总表", "income_expense_summary"),
        ("上年结转结余情况明细表", "carryover"),
    ],
)
def test_match_title_names_the_table_kind(title, kind):
    assert match_title(title) == kind


@pytest.mark.parametrize(
    "text",
    [
        "政府性基金预算支出情况表为空表。",
        "1. 2031年部门收入预算总表 ………………… 9",
        "关于某县水务局2031年一般公共预算支出情况表所列项目的总体说明和有关情况的介绍",
        "第三部分 部门预算情况说明",
    ],
)
def test_match_title_ignores_sentences_and_contents_entries(text):
    assert match_title(text) is None


@pytest.mark.parametrize(
    "path, role",
    [
        (["财政拨款（补助）", "财政拨款(补助)小计"], "fiscal_subtotal"),
        (["财政拨款", "小计"], "fiscal_subtotal"),
        (["非财政拨款", "小计"], "nonfiscal_subtotal"),
        (["财政拨款", "基本支出", "人员经费"], "fiscal_basic_personnel"),
        (["非财政拨款", "基本支出", "公用经费"], "nonfiscal_basic_public"),
        (["财政拨款", "项目支出"], "fiscal_project"),
        (["支出预算", "项目支出"], "project"),
        (["一般公共预算支出", "基本支出"], "basic"),
        (["项目支出合计"], "total"),
        (["上级一般公共预算安排的转移支付"], "general_budget_transfer"),
        (["财政专户(教育收费)"], "special_account"),
        (["非财政拨款结转结余"], "nonfiscal_carryover"),
        (["资本性支出(基本建设)"], "capital_construction"),
        (["功能分类科目编码", "类"], "code_part"),
        (["项目名称"], "project_name"),
        (["“三公”经费支出内容"], "name"),
        (["预算数"], "amount"),
        (["某种未知的列"], None),
        # Full two-level headers of the carry-over and income tables, under any fiscal banner.
        (["财政拨款结转结余", "项目支出"], "fiscal_project"),
        (["财政拨款(补助)", "项目支出"], "fiscal_project"),
        (["上年结转结余", "财政拨款", "项目支出"], "fiscal_project"),
        (["财政拨款结转结余", "基本支出", "公用经费"], "fiscal_basic_public"),
        (["非财政拨款结转结余", "项目支出"], "nonfiscal_project"),
        (["财政拨款", "合计"], "fiscal_subtotal"),
        (["非财政拨款结转结余", "合计"], "nonfiscal_subtotal"),
        (["财政拨款", "基本支出", "小计"], None),
        (["财政拨款收入", "小计"], "fiscal_subtotal"),
        # The halves of a 财政拨款收支总表 keep their plain keys.
        (["财政拨款收入", "合计"], "total"),
        (["财政拨款支出", "合计"], "total"),
        (["财政拨款支出", "项目支出"], "project"),
        (["收入", "合计"], "total"),
    ],
)
def test_column_role_maps_printed_headers_to_schema_keys(path, role):
    assert column_role(path) == role


def test_one_page_table_with_merged_header_and_split_codes():
    rows = EXPENSE_HEADER + [
        ["※", "※", "※", "※", "1", "2", "3"],
        ["", "", "", "总计", "1,250.40", "250.40", "1,000.00"],
        ["212", "", "", "城乡社区支出", "1,250.40", "250.40", "1,000.00"],
        ["212", "01", "", "城乡社区管理事务", "1,250.40", "250.40", "1,000.00"],
        ["212", "01", "01", "行政运行", "250.40", "250.40", ""],
        ["212", "01", "99", ["其他城乡社区管理事", "务支出"], "1,000.00", "", "1,000.00"],
    ]
    tables, warnings = parse_one(table_page(3, "部门支出总体情况表", rows, label="表 3"))
    assert not any("表3" in w for w in warnings)  # the table itself reads cleanly
    (table,) = tables
    assert (table["kind"], table["number"], table["amount_unit"], table["pages"]) == (
        "expense_summary", 3, "万元", [3]
    )
    total, *details = table["lines"]
    assert total["row_type"] == "total" and total["code"] is None
    assert total["amounts"] == {"total": "1250.40", "basic": "250.40", "project": "1000.00"}
    assert [d["code"] for d in details] == ["212", "21201", "2120101", "2120199"]
    assert details[-1]["name"] == "其他城乡社区管理事务支出"
    assert details[2]["amounts"] == {"total": "250.40", "basic": "250.40"}  # blank cell absent
    assert details[0]["source"]["page"] == 3


def test_reordered_and_missing_columns_still_map():
    rows = [
        ["科目名称", "项目支出", "合计"],
        ["一般公共服务支出", "7.00", "9.00"],
    ]
    (table,), _ = parse_one(table_page(4, "一般公共预算支出情况表", rows))
    assert table["lines"][0]["amounts"] == {"project": "7.00", "total": "9.00"}


def test_printed_zero_is_kept_and_unit_yuan_read_from_page():
    rows = [
        ["科目编码", "科目名称", "合计", "基本支出", "项目支出"],
        ["20101", "人大事务", "1,200", "1,200", "0"],
    ]
    (table,), _ = parse_one(table_page(4, "一般公共预算支出情况表", rows, unit="单位：元"))
    assert table["amount_unit"] == "元"
    assert table["lines"][0]["amounts"] == {"total": "1200", "basic": "1200", "project": "0"}


def test_two_sided_summary_gives_income_then_expense_lines():
    rows = [
        ["收入", LEFT, "支出", LEFT],
        ["项目", "预算数", "功能分类", "预算数"],
        ["一、本年收入", "80.00", "201 一般公共服务支出", "60.00"],
        ["", "", "213 农林水支出", "20.00"],
        ["收 入 总 计", "80.00", "支 出 总 计", "80.00"],
    ]
    (table,), _ = parse_one(table_page(2, "部门收支总体情况表", rows))
    got = [(ln["side"], ln["row_type"], ln["code"], ln["name"], ln["amounts"]) for ln in table["lines"]]
    assert got == [
        ("income", "detail", None, "一、本年收入", {"amount": "80.00"}),
        ("expense", "detail", "201", "一般公共服务支出", {"amount": "60.00"}),
        ("expense", "detail", "213", "农林水支出", {"amount": "20.00"}),
        ("income", "total", None, "收 入 总 计", {"amount": "80.00"}),
        ("expense", "total", None, "支 出 总 计", {"amount": "80.00"}),
    ]


def test_table_continued_with_repeated_header_and_row_cut_by_page_break():
    first = EXPENSE_HEADER + [
        ["", "", "", "合计", "30.00", "10.00", "20.00"],
        ["201", "99", "01", "其他一般公共服务", "30.00", "10.00", "20.00"],
    ]
    second = EXPENSE_HEADER + [
        ["", "", "", "支出", "", "", ""],
        ["201", "99", "02", "预备费", "", "", ""],
    ]
    p1 = table_page(5, "部门支出总体情况表", first)
    p2 = page(6, [line("编制部门：某县水务局 单位：万元", 40.0)], [make_grid(6, second, top=60.0)])
    (table,), _ = parse_one(p1, p2)
    assert table["pages"] == [5, 6]
    assert [ln["name"] for ln in table["lines"]] == ["合计", "其他一般公共服务支出", "预备费"]


@pytest.mark.parametrize("misread", [False, True])
def test_a_continuations_header_read_with_a_character_lost_is_still_its_header(misread):
    """A scan's continuation page may read a header cell differently (合计 → 台计): its rows down to
    the ※ row are still header, not a line named ※ with the column numbers as amounts."""
    numbers = [["※", "※", "※", "※", "1", "2", "3"]]
    first = EXPENSE_HEADER + numbers + [["201", "99", "01", "其他一般公共服务", "30.00", "10.00", "20.00"]]
    header = [list(row) for row in EXPENSE_HEADER]
    if misread:
        header[1][4] = "台计"
    second = header + numbers + [["201", "99", "02", "预备费", "5.00", "", "5.00"]]
    p1 = table_page(5, "部门支出总体情况表", first)
    p2 = page(6, [line("编制部门：某县水务局 单位：万元", 40.0)], [make_grid(6, second, top=60.0)])
    (table,), _ = parse_one(p1, p2)
    assert [ln["name"] for ln in table["lines"]] == ["其他一般公共服务", "预备费"]


def test_table_continued_without_header_and_lone_total_row_spanning_code_columns():
    first = EXPENSE_HEADER + [["201", "", "", "一般公共服务支出", "30.00", "10.00", "20.00"]]
    second = [["213", "", "", "农林水支出", "5.00", "5.00", ""]]
    p1 = table_page(5, "部门支出总体情况表", first)
    p2 = page(6, [], [make_grid(6, second, top=60.0)])
    # p. 7: one ruled row whose label cell spans the four code and name columns.
    edges = make_grid(7, first).col_edges
    label = Cell(edges[0], 60.0, edges[4], 80.0, 0, 0, 1, 4, lines=["合计"])
    values = [Cell(edges[i], 60.0, edges[i + 1], 80.0, 0, i - 3, lines=[v])
              for i, v in zip((4, 5, 6), ("35.00", "15.00", "20.00"), strict=True)]
    row = [label] + values
    lone = Grid(7, (edges[0], 60.0, edges[-1], 80.0), [row], [edges[0]] + edges[4:], [60.0, 80.0])
    (table,), _ = parse_one(p1, p2, page(7, [], [lone]))
    assert table["pages"] == [5, 6, 7]
    assert [(ln["row_type"], ln["code"]) for ln in table["lines"]] == [
        ("detail", "201"), ("detail", "213"), ("total", None)
    ]
    assert table["lines"][-1]["amounts"] == {"total": "35.00", "basic": "15.00", "project": "20.00"}


def test_empty_table_keeps_its_note_and_no_lines():
    rows = EXPENSE_HEADER + [["", "", "", "合计", "", "", ""]]
    p = table_page(8, "政府性基金预算支出情况表", rows)
    p.lines.insert(-1, line("某县水务局没有使用政府性基金预算拨款安排的支出，", 300.0))
    p.lines.insert(-1, line("本表为空表。", 316.0))
    (table,), _ = parse_one(p)
    assert table["lines"] == []
    assert table["empty_note"] == "某县水务局没有使用政府性基金预算拨款安排的支出，本表为空表。"


def test_unit_grouped_project_table_marks_unit_rows():
    rows = [
        ["科目编码", LEFT, LEFT, "功能分类科目名称", "项目名称", "项目支出合计", "商品和服务支出"],
        ["类", "款", "项", UP, UP, UP, UP],
        ["", "", "", "总计", "", "12.00", "12.00"],
        ["", "", "", "某县水务局", "", "12.00", "12.00"],
        ["213", "03", "06", "水利工程运行与维护", "河道保洁项目", "12.00", "12.00"],
    ]
    (table,), _ = parse_one(table_page(9, "一般公共预算项目支出情况表", rows))
    unit_row, detail = table["lines"][1:]
    assert (unit_row["row_type"], unit_row["unit"]) == ("unit", "某县水务局")
    assert (detail["unit"], detail["project"], detail["code"]) == ("某县水务局", "河道保洁项目", "2130306")


def test_transposed_three_public_table_gives_one_line_per_item_column():
    rows = [
        ["“三公”经费预算数", LEFT, LEFT, LEFT, LEFT, LEFT, "机关运行经费预算数"],
        ["合计", "因公出国(境)费", "公务接待费", "公务用车购置及运行费", LEFT, LEFT, UP],
        [UP, UP, UP, "小计", "购置费", "运行费", UP],
        ["3.50", "", "1.00", "2.50", "0", "2.50", "88.10"],
    ]
    (table,), _ = parse_one(table_page(21, "2031年部门“三公”经费和机关运行经费预算表", rows, unit="单位:万元"))
    got = {ln["name"]: ln["amounts"] for ln in table["lines"]}
    assert got == {
        "合计": {"total": "3.50"},
        "因公出国(境)费": {},
        "公务接待费": {"total": "1.00"},
        "公务用车购置及运行费": {"total": "2.50"},
        "购置费": {"total": "0"},
        "运行费": {"total": "2.50"},
        "机关运行经费": {"total": "88.10"},
    }
    assert table["lines"][0]["row_type"] == "total"


def test_contents_page_numbers_tables_and_is_not_read_as_tables():
    contents = page(2, [
        line("目 录", 40.0),
        line("1. 2031年部门收入预算总表 ……… 5", 80.0),
        line("2. 2031年部门支出预算总表 ……… 6", 100.0),
    ])
    rows = EXPENSE_HEADER + [["201", "", "", "一般公共服务支出", "3.00", "3.00", ""]]
    (table,), _ = parse_one(contents, table_page(6, "2031年部门支出预算总表", rows, unit="单位：元"))
    assert (table["kind"], table["number"]) == ("expense_summary", 2)


def test_missing_table_and_missing_unit_are_warned():
    rows = EXPENSE_HEADER + [["201", "", "", "一般公共服务支出", "3.00", "3.00", ""]]
    p1 = table_page(2, "部门收入总体情况表", rows, label="表 1")
    p3 = table_page(4, "部门支出总体情况表", rows, label="表 3", unit=None)
    tables, warnings = parse_one(p1, p3)
    assert [t["number"] for t in tables] == [1, 3]
    assert tables[1]["amount_unit"] is None
    assert any("表2" in w for w in warnings)
    assert any("表3" in w and "单位" in w for w in warnings)



def test_a_missing_table_of_final_accounts_is_warned_by_its_final_accounts_title():
    rows = EXPENSE_HEADER + [["201", "", "", "一般公共服务支出", "3.00", "3.00", ""]]
    _, warnings = parse_one(table_page(2, "收入决算表", rows, label="表 2"))
    assert "缺少支出决算表（expense_summary）" in warnings
    assert not any("情况表" in w for w in warnings)

FISCAL_BODY = [
    ["财政拨款收入", LEFT, "财政拨款支出", LEFT, LEFT, LEFT, LEFT],
    ["项目", "预算数", "项目", "合计", "一般公共预算", "政府性基金预算", "国有资本经营预算"],
    ["一、一般公共预算资金", "80.00", "一、一般公共服务支出", "80.00", "80.00", "", ""],
    ["收入总计", "80.00", "支出总计", "80.00", "80.00", "", ""],
]


@pytest.mark.parametrize("label", [None, "row", "cell"])
def test_title_ruled_into_the_grid_starts_its_table(label):
    """As WPS sheets print a unit budget's 表4: label, title, spacer, 编制单位 rows in the grid."""
    title = "2031年预算单位财政拨款收支预算总表"
    rows = [["表4", "", "", "", "", "", ""]] if label == "row" else []
    rows += [["表4", title, LEFT, LEFT, LEFT, LEFT, LEFT] if label == "cell" else [title] + [LEFT] * 6,
             [""] * 7,
             ["编制单位：某县水务局", LEFT, LEFT, "", "", "", "单位：元"]]
    (table,), warnings = parse_one(page(14, [], [make_grid(14, rows + FISCAL_BODY)]))
    assert (table["kind"], table["title"], table["amount_unit"]) == ("fiscal_summary", title, "元")
    assert table["number"] == (4 if label else 1)
    assert [(ln["side"], ln["name"], ln["amounts"]) for ln in table["lines"]] == [
        ("income", "一、一般公共预算资金", {"amount": "80.00"}),
        ("expense", "一、一般公共服务支出", {"total": "80.00", "general_budget": "80.00"}),
        ("income", "收入总计", {"amount": "80.00"}),
        ("expense", "支出总计", {"total": "80.00", "general_budget": "80.00"}),
    ]
    assert not [w for w in warnings if not w.startswith("缺少")]


def test_grid_with_as_many_columns_but_other_rulings_is_no_continuation():
    """表4 with 表3's seven columns on the next page, its title unrecognised: not read into 表3."""
    first = EXPENSE_HEADER + [["201", "", "", "一般公共服务支出", "80.00", "80.00", ""]]
    other = make_grid(6, FISCAL_BODY, top=60.0)
    other.col_edges = [x * 1.4 for x in other.col_edges]
    later = table_page(7, "一般公共预算支出情况表", first)
    (table, _), warnings = parse_one(table_page(5, "部门支出总体情况表", first), page(6, [], [other]), later)
    assert table["pages"] == [5]
    assert any(w.startswith("第 6 页：表格中有") for w in warnings)


def test_two_sided_summary_without_side_banners_splits_at_the_second_label_column():
    rows = [
        ["项目", "合计", "项目", "合计", "一般公共预算", "政府性基金预算"],
        ["一、一般公共预算", "80.00", "201 一般公共服务支出", "80.00", "80.00", ""],
        ["收入总计", "80.00", "支出总计", "80.00", "80.00", ""],
    ]
    (table,), _ = parse_one(table_page(4, "财政拨款收支预算总体情况表", rows))
    assert [(ln["side"], ln["code"], ln["name"], ln["amounts"]) for ln in table["lines"]] == [
        ("income", None, "一、一般公共预算", {"total": "80.00"}),
        ("expense", "201", "一般公共服务支出", {"total": "80.00", "general_budget": "80.00"}),
        ("income", None, "收入总计", {"total": "80.00"}),
        ("expense", None, "支出总计", {"total": "80.00", "general_budget": "80.00"}),
    ]


def test_title_rows_repeated_on_the_next_page_continue_the_table():
    """A sheet printing its title rows (顶端标题行) on every page: one table over two pages."""
    title = [["2031年预算单位支出预算总表"] + [LEFT] * 6, ["编制单位：某县水务局", LEFT, LEFT, "", "", "", "单位：元"]]
    first = title + EXPENSE_HEADER + [["201", "", "", "一般公共服务支出", "3.00", "3.00", ""]]
    second = title + EXPENSE_HEADER + [["213", "", "", "农林水支出", "2.00", "2.00", ""]]
    (table,), warnings = parse_one(page(12, [], [make_grid(12, first)]), page(13, [], [make_grid(13, second)]))
    assert table["pages"] == [12, 13]
    assert [ln["code"] for ln in table["lines"]] == ["201", "213"]
    assert not [w for w in warnings if not w.startswith("缺少")]
