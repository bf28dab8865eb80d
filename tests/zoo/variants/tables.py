"""Budget tables laid out the ways the parser once misread them.

- a unit budget (单位预算: "预算单位：…" on the cover, "…（本级）2026年单位预算", "2026年预算单位…表"
  titles) whose 表4 title, 编制单位 line and spacer rows are ruled into the table's own grid, as
  WPS sheets print it (putuo-commerce-2025-unit p. 14), through LibreOffice Calc and WeasyPrint;
- the same with 表3 and 表4 on one page, close together: 表4's grid has 表3's seven columns;
- full two-level headers: a carry-over table with 财政拨款 / 非财政拨款 × 基本支出（人员经费 /
  公用经费）/ 项目支出 under 财政拨款结转结余 banners, and a 财政拨款收支总表 whose income side
  is headed 合计, through Calc and through reportlab (tests/pdfgen.py).

Each variant's expected facts come from its own spec: lines as disclosure-v1 dicts, printed from
them, never from an answer key.
"""
from tests import pdfgen
from tests.pdfgen import column, format_amount, group
from tests.zoo import producers
from tests.zoo.build import Variant
from tests.zoo.producers import Cell, Grid, Page, Para

DEPARTMENT = "某区文化和旅游局"
YEAR = 2026
UNIT = "元"


def line(name, row_type="detail", side=None, code=None, unit=None, item=None, **amounts):
    """A disclosure-v1 line; ``item`` is its 项目 (``project`` is the amount column's key)."""
    return {"row_type": row_type, "side": side, "code": code, "name": name, "unit": unit,
            "project": item, "amounts": amounts}


# 表3 支出预算总表: 类 | 款 | 项 | 名称 | 合计 | 基本支出 | 项目支出
EXPENSE_LINES = [
    line("合计", "total", total="1500000.00", basic="900000.00", project="600000.00"),
    line("文化旅游体育与传媒支出", code="207", total="1200000.00", basic="700000.00", project="500000.00"),
    line("文化和旅游", code="20701", total="1200000.00", basic="700000.00", project="500000.00"),
    line("行政运行", code="2070101", total="700000.00", basic="700000.00"),
    line("文化活动", code="2070109", total="500000.00", project="500000.00"),
    line("社会保障和就业支出", code="208", total="300000.00", basic="200000.00", project="100000.00"),
    line("行政事业单位养老支出", code="20805", total="300000.00", basic="200000.00", project="100000.00"),
    line("机关事业单位基本养老保险缴费支出", code="2080505", total="300000.00", basic="200000.00",
         project="100000.00"),
]
# 表4 财政拨款收支预算总表, seven columns like 表3: 项目 | 预算数 | 项目 | 合计 | three sources.
FISCAL_LINES = [
    line("一、一般公共预算资金", side="income", amount="1500000.00"),
    line("一、文化旅游体育与传媒支出", side="expense", total="1200000.00", general_budget="1200000.00"),
    line("二、政府性基金", side="income"),
    line("二、社会保障和就业支出", side="expense", total="300000.00", general_budget="300000.00"),
    line("收入总计", "total", side="income", amount="1500000.00"),
    line("支出总计", "total", side="expense", total="1500000.00", general_budget="1500000.00"),
]
FISCAL_KEYS = ("total", "general_budget", "gov_fund", "soe_capital")


def table(kind, number, title, lines):
    return {"kind": kind, "number": number, "title": title, "amount_unit": UNIT, "empty_note": None,
            "lines": lines}


def unit_budget_expected():
    return {
        "document": {"kind": "budget", "fiscal_year": YEAR, "department": DEPARTMENT, "amount_unit": UNIT,
                     "published_on": None},
        "tables": [
            table("expense_summary", 3, f"{YEAR}年预算单位支出预算总表", EXPENSE_LINES),
            table("fiscal_summary", 4, f"{YEAR}年预算单位财政拨款收支预算总表", FISCAL_LINES),
        ],
    }


def amount_cell(value):
    return Cell(format_amount(value) if value else "", align="right")


def expense_rows(lines=EXPENSE_LINES):
    rows = [
        [Cell("项目", colspan=4), Cell("支出预算", colspan=3)],
        [Cell("功能分类科目编码", colspan=3), Cell("功能分类科目名称", rowspan=2), Cell("合计", rowspan=2),
         Cell("基本支出", rowspan=2), Cell("项目支出", rowspan=2)],
        [Cell("类"), Cell("款"), Cell("项")],
    ]
    for ln in lines:
        code = ln["code"] or ""
        rows.append([Cell(code[:3]), Cell(code[3:5]), Cell(code[5:7]),
                     Cell(ln["name"], align="center" if ln["row_type"] == "total" else "left"),
                     *(amount_cell(ln["amounts"].get(k)) for k in ("total", "basic", "project"))])
    return rows


def fiscal_rows(bold=True):
    """表4's grid, its first ruled rows holding the title, a spacer and the 编制单位 line."""
    rows = [[Cell(f"{YEAR}年预算单位财政拨款收支预算总表", colspan=7, bold=bold)],
            [Cell("", colspan=7)],
            [Cell(f"编制单位：{DEPARTMENT}", colspan=3, align="left"), Cell("", colspan=3),
             Cell(f"单位：{UNIT}", align="right")]]
    rows += [[Cell("财政拨款收入", colspan=2), Cell("财政拨款支出", colspan=5)],
             [Cell("项目"), Cell("预算数"), Cell("项目"), Cell("合计"), Cell("一般公共预算"),
              Cell("政府性基金预算"), Cell("国有资本经营预算")]]
    income = [ln for ln in FISCAL_LINES if ln["side"] == "income"]
    expense = [ln for ln in FISCAL_LINES if ln["side"] == "expense"]
    for inc, exp in zip(income, expense, strict=True):
        rows.append([Cell(inc["name"], align="left"), amount_cell(inc["amounts"].get("amount")),
                     Cell(exp["name"], align="left"), *(amount_cell(exp["amounts"].get(k)) for k in FISCAL_KEYS)])
    return rows


WIDTHS = [24, 16, 28, 36, 16, 16, 16]  # wide enough for both tables: one sheet has one set


def unit_budget_pages(close, plain=False):
    """The unit budget's pages; ``plain`` prints no bold (WeasyPrint then embeds one font subset, not two)."""
    title = "body" if plain else "title"
    cover = Page([Para(f"某区{YEAR}年区级单位预算", title), Para(f"预算单位：{DEPARTMENT}（本级）", title)])
    contents = Page([Para("目  录", title), Para("一、单位主要职能", "body"), Para("二、单位预算表", "body"),
                     Para(f"3. {YEAR}年预算单位支出预算总表", "body"),
                     Para(f"4．{YEAR}年预算单位财政拨款收支预算总表", "body")])
    intro = Page([Para(f"{DEPARTMENT}（本级）{YEAR}年单位预算", title),
                  Para("一、单位主要职能", "body" if plain else "heading"),
                  Para(f"{DEPARTMENT}负责本区文化和旅游工作，本单位预算包括本级预算。")])
    expense = [Para(f"{YEAR}年预算单位支出预算总表", title),
               Para(f"编制单位：{DEPARTMENT}  单位：{UNIT}", "right"),
               Grid(expense_rows(), WIDTHS)]
    fiscal = [Grid(fiscal_rows(bold=not plain), WIDTHS)]
    if close:
        return [cover, contents, intro, Page(expense + [Para(" ", "body")] + fiscal, landscape=True)]
    return [cover, contents, intro, Page(expense, landscape=True), Page(fiscal, landscape=True)]


def render_unit_budget(producer, close=False, plain=False):
    def render(path):
        producer(unit_budget_pages(close, plain), path)
        return unit_budget_expected()
    return render


# --- a long 表3 whose sheet prints its title rows on every page ----------------------------------

def long_expense_lines():
    """合计, one 类 and 款, and 项 enough to fill two landscape pages; every sum adds up."""
    items = [(f"20799{n:02d}", f"其他文化旅游体育与传媒支出（{n}）", f"{1000 * n + 500:.2f}") for n in range(1, 41)]
    total = f"{sum(float(v) for *_, v in items):.2f}"
    return ([line("合计", "total", total=total, project=total),
             line("文化旅游体育与传媒支出", code="207", total=total, project=total),
             line("其他文化旅游体育与传媒支出", code="20799", total=total, project=total)]
            + [line(name, code=code, total=value, project=value) for code, name, value in items])


def repeated_title_pages():
    title = [[Cell(f"{YEAR}年预算单位支出预算总表", colspan=7, bold=True)],
             [Cell(f"编制单位：{DEPARTMENT}", colspan=3, align="left"), Cell("", colspan=3),
              Cell(f"单位：{UNIT}", align="right")]]
    header = expense_rows([])
    body = expense_rows(long_expense_lines())[len(header):]
    cover = Page([Para(f"{DEPARTMENT}（本级）{YEAR}年单位预算", "title")])
    return [cover, Page([Grid(title + header + body, WIDTHS)], landscape=True, repeat_rows=len(title + header))]


def render_repeated_title(path):
    producers.calc(repeated_title_pages(), path)
    expected = unit_budget_expected()
    expected["tables"] = [{**expected["tables"][0], "number": 1, "lines": long_expense_lines()}]
    return expected


# --- full two-level headers ------------------------------------------------------------------------

CARRY_KEYS = ("fiscal_subtotal", "fiscal_basic_personnel", "fiscal_basic_public", "fiscal_project",
              "nonfiscal_subtotal", "nonfiscal_basic_personnel", "nonfiscal_basic_public", "nonfiscal_project")


def carry(**values):
    return {k: v for k, v in values.items() if v}


CARRY_LINES = [
    line("合计", "total", **carry(total="90.00", fiscal_subtotal="60.00", fiscal_basic_personnel="10.00",
                                 fiscal_basic_public="5.00", fiscal_project="45.00", nonfiscal_subtotal="30.00",
                                 nonfiscal_project="30.00")),
    line(DEPARTMENT, "unit", unit=DEPARTMENT, **carry(
        total="90.00", fiscal_subtotal="60.00", fiscal_basic_personnel="10.00", fiscal_basic_public="5.00",
        fiscal_project="45.00", nonfiscal_subtotal="30.00", nonfiscal_project="30.00")),
    line("非遗保护传承项目", unit=DEPARTMENT, item="非遗保护传承项目",
         **carry(total="70.00", fiscal_subtotal="40.00", fiscal_project="40.00", nonfiscal_subtotal="30.00",
                 nonfiscal_project="30.00")),
    line("公共文化服务运行", unit=DEPARTMENT, item="公共文化服务运行",
         **carry(total="20.00", fiscal_subtotal="20.00", fiscal_basic_personnel="10.00",
                 fiscal_basic_public="5.00", fiscal_project="5.00")),
]
SUMMARY_LINES = [
    line("一、一般公共预算", side="income", total="80.00"),
    line("文化旅游体育与传媒支出", side="expense", code="207", total="80.00", general_budget="80.00"),
    line("收入总计", "total", side="income", total="80.00"),
    line("支出总计", "total", side="expense", total="80.00", general_budget="80.00"),
]


def headers_expected():
    return {
        "document": {"kind": "budget", "fiscal_year": YEAR, "department": DEPARTMENT, "amount_unit": "万元",
                     "published_on": None},
        "tables": [
            {**table("fiscal_summary", 1, "财政拨款收支预算总体情况表", SUMMARY_LINES), "amount_unit": "万元"},
            {**table("carryover", 2, "上年结转结余情况明细表", CARRY_LINES), "amount_unit": "万元"},
        ],
    }


def carry_groups(prefix):
    return group(f"{prefix}结转结余", column(f"{'non' if prefix == '非财政拨款' else ''}fiscal_subtotal", "小计"),
                 group("基本支出", *(f"{'non' if prefix == '非财政拨款' else ''}fiscal_basic_{k}"
                                   for k in ("personnel", "public"))),
                 f"{'non' if prefix == '非财政拨款' else ''}fiscal_project")


def headers_spec():
    return {
        "department": DEPARTMENT, "year": YEAR,
        "narrative": [("part", f"{DEPARTMENT}{YEAR}年部门预算"), ("body", "本部门预算包括本级预算。")],
        "tables": [
            {"kind": "fiscal_summary", "lines": [dict(ln) for ln in SUMMARY_LINES], "income_columns": ["total"],
             "columns": ["total", "general_budget", "gov_fund"]},
            {"kind": "carryover", "lines": [dict(ln) for ln in CARRY_LINES], "code": None, "name_label": "项目",
             "numbered": False, "columns": ["total", carry_groups("财政拨款"), carry_groups("非财政拨款")]},
        ],
    }


def render_headers_reportlab(path):
    _, spec = pdfgen.render_disclosure(path, headers_spec())
    got = pdfgen.expected(spec)
    return {"document": got["document"], "tables": got["tables"]}


def headers_pages():
    """The same two tables as sheets: one ruled grid each, title and unit line above it."""
    summary = [[Cell("收入", colspan=2), Cell("支出", colspan=4)],
               [Cell("项目"), Cell("合计"), Cell("功能分类"), Cell("合计"), Cell("一般公共预算"), Cell("政府性基金预算")]]
    income = [ln for ln in SUMMARY_LINES if ln["side"] == "income"]
    expense = [ln for ln in SUMMARY_LINES if ln["side"] == "expense"]
    for inc, exp in zip(income, expense, strict=True):
        name = " ".join(filter(None, (exp["code"], exp["name"])))
        summary.append([Cell(inc["name"], align="left"), amount_cell(inc["amounts"].get("total")),
                        Cell(name, align="left"),
                        *(amount_cell(exp["amounts"].get(k)) for k in ("total", "general_budget", "gov_fund"))])
    carryover = [
        [Cell("项目", rowspan=3), Cell("合计", rowspan=3), Cell("财政拨款结转结余", colspan=4),
         Cell("非财政拨款结转结余", colspan=4)],
        [Cell("小计", rowspan=2), Cell("基本支出", colspan=2), Cell("项目支出", rowspan=2),
         Cell("小计", rowspan=2), Cell("基本支出", colspan=2), Cell("项目支出", rowspan=2)],
        [Cell("人员经费"), Cell("公用经费"), Cell("人员经费"), Cell("公用经费")],
    ]
    for ln in CARRY_LINES:
        carryover.append([Cell(ln["name"], align="center" if ln["row_type"] == "total" else "left"),
                          *(amount_cell(ln["amounts"].get(k)) for k in ("total", *CARRY_KEYS))])
    head = [Para(f"编制部门：{DEPARTMENT}  单位：万元", "right")]
    return [
        Page([Para(f"{DEPARTMENT}{YEAR}年部门预算", "title"), Para("本部门预算包括本级预算。")]),
        Page([Para("表1", "heading"), Para("财政拨款收支预算总体情况表", "title"), *head,
              Grid(summary, [24, 12, 30, 12, 12, 12])], landscape=True),
        Page([Para("表2", "heading"), Para("上年结转结余情况明细表", "title"), *head,
              Grid(carryover, [26] + [10] * 9)], landscape=True),
    ]


def render_headers_calc(path):
    producers.calc(headers_pages(), path)
    return headers_expected()


VARIANTS = [
    Variant("tables-unit-title-in-grid-calc", "libreoffice-calc", render_unit_budget(producers.calc),
            about="单位预算 wording; 表4's title, 编制单位 and spacer rows ruled into its grid"),
    Variant("tables-unit-title-in-grid-weasyprint", "weasyprint", render_unit_budget(producers.weasyprint, plain=True),
            about="单位预算 wording; 表4's title, 编制单位 and spacer rows ruled into its grid; no bold"),
    Variant("tables-unit-close-calc", "libreoffice-calc", render_unit_budget(producers.calc, close=True),
            about="表3 and 表4 (title in its grid, seven columns like 表3) on one sheet, a row apart"),
    Variant("tables-unit-repeated-title-calc", "libreoffice-calc", render_repeated_title,
            about="a two-page 表3 whose title, 编制单位 and header rows the sheet prints atop both pages"),
    Variant("tables-full-headers-calc", "libreoffice-calc", render_headers_calc,
            about="carry-over with 财政拨款/非财政拨款结转结余 × 基本支出(人员/公用)/项目支出; 合计-headed income"),
    Variant("tables-full-headers-reportlab", "reportlab", render_headers_reportlab,
            about="the same two headers through tests/pdfgen.py"),
]
