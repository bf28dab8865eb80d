"""Disclosures of made-up departments, rendered by tests/pdfgen.py, parse to what their specs say.

Each test builds a spec here (a county health commission rather than the generator's own
education bureau, another year, other tables, other layouts), renders it to a PDF and compares
the parse with ``pdfgen.expected(spec)``: every expected value comes from the spec the test
built, none from a real document or an answer key.
"""
from decimal import Decimal

import pdfplumber
import pytest

from disclosures.parsing import parse
from tests import pdfgen
from tests.pdfgen import column, group

DEPARTMENT = "某县卫生健康委员会"
YEAR = 2027
CDC = "某县疾病预防控制中心"
MCH = "某县妇幼保健计划生育服务中心"
OFFICES = ["办公室", "医政医管股", "疾病预防控制股", "基层卫生健康股", "规划财务股"]
HAN = "一二三四五六七八九十"
SPLIT = ["total", "basic", "project"]  # the columns of a table splitting basic and project spending

# Functional classification (类 / 款 / 项) of what the commission spends.
FUNCTIONS = {
    "208": "社会保障和就业支出",
    "20805": "行政事业单位养老支出",
    "2080505": "机关事业单位基本养老保险缴费支出",
    "210": "卫生健康支出",
    "21001": "卫生健康管理事务",
    "2100101": "行政运行",
    "2100199": "其他卫生健康管理事务支出",
    "21004": "公共卫生",
    "2100401": "疾病预防控制机构",
    "2100408": "基本公共卫生服务",
    "21007": "计划生育事务",
    "2100717": "计划生育服务",
    "221": "住房保障支出",
    "22102": "住房改革支出",
    "2210201": "住房公积金",
}
# 项 → (basic, project, spent from unit funds), 万元; every other figure is summed from these.
SPENDING = {
    "2080505": ("120.35", None, None),
    "2100101": ("356.20", None, None),
    "2100199": (None, "48.00", None),
    "2100401": ("512.36", "130.50", "60.00"),
    "2100408": (None, "624.00", None),
    "2100717": ("188.40", "36.00", None),
    "2210201": ("90.26", None, None),
}
# 项目 → (unit, 项 code, {economic column: amount}).
PROJECTS = {
    "卫生健康综合监督执法经费": (DEPARTMENT, "2100199", {"goods_services": "48.00"}),
    "基本公共卫生服务项目补助资金": (DEPARTMENT, "2100408", {"goods_services": "624.00"}),
    "重大传染病防控经费": (CDC, "2100401", {"goods_services": "90.50", "capital": "40.00"}),
    "计划生育特殊家庭扶助资金": (MCH, "2100717", {"household_subsidies": "36.00"}),
}
# Economic classification of the basic spending: 款 → (name, personnel, public funds).
ECONOMIC = {
    "301": "工资福利支出",
    "30101": ("基本工资", "420.00", None),
    "30102": ("津贴补贴", "236.50", None),
    "30107": ("绩效工资", "310.18", None),
    "30108": ("机关事业单位基本养老保险缴费", "120.35", None),
    "30113": ("住房公积金", "90.26", None),
    "302": "商品和服务支出",
    "30201": ("办公费", None, "38.00"),
    "30211": ("差旅费", None, "12.28"),
    "30217": ("公务接待费", None, "1.50"),
    "30231": ("公务用车运行维护费", None, "8.00"),
    "303": "对个人和家庭的补助",
    "30302": ("退休费", "30.50", None),
}


def money(*values):
    """The sum of the given amounts (None and blanks ignored) as a printed string, None if 0."""
    total = sum(Decimal(v) for v in values if v)
    return f"{total:.2f}" if total else None


def amounts(**values):
    return {key: value for key, value in values.items() if value is not None}


def spent(prefix=""):
    """(basic, project, unit funds) summed over the 项 under ``prefix``."""
    rows = [row for code, row in SPENDING.items() if code.startswith(prefix)]
    return tuple(money(*(row[i] for row in rows)) for i in range(3))


def total_line(name="合计", **values):
    return {"row_type": "total", "name": name, "amounts": amounts(**values)}


def functional_lines(figures, total_name="合计"):
    """A total line and a line per 类, 款 and 项, with ``figures(basic, project, unit)`` amounts."""
    lines = [total_line(total_name, **figures(*spent()))]
    for code, name in FUNCTIONS.items():
        lines.append({"code": code, "name": name, "amounts": amounts(**figures(*spent(code)))})
    return lines


def all_funds(basic, project, unit):
    return dict(total=money(basic, project, unit), basic=basic, project=money(project, unit))


def fiscal_funds(basic, project, unit):
    return dict(total=money(basic, project), basic=basic, project=project)


def income_sources(basic, project, unit):
    fiscal = money(basic, project)
    return dict(total=money(basic, project, unit), fiscal_subtotal=fiscal, general_budget=fiscal,
                unit_funds=unit)


def two_sided(income, expense, income_total, expense_total):
    """Lines of a two-sided summary: income and expense lines alternate, totals last."""
    lines = []
    for i in range(max(len(income), len(expense))):
        for side, entries in (("income", income), ("expense", expense)):
            if i < len(entries):
                code, name, values = entries[i]
                lines.append({"side": side, "code": code, "name": name, "amounts": amounts(**values)})
    return lines + [
        {"row_type": "total", "side": "income", "name": "收入总计", "amounts": amounts(**income_total)},
        {"row_type": "total", "side": "expense", "name": "支出总计", "amounts": amounts(**expense_total)},
    ]


def summary_tables():
    basic, project, unit = spent()
    fiscal, everything = money(basic, project), money(basic, project, unit)
    classes = [code for code in FUNCTIONS if len(code) == 3]
    expense = [("201", "一般公共服务支出", {})]  # a class with no spending, printed blank
    expense += [(code, FUNCTIONS[code], {"amount": money(*spent(code))}) for code in classes]
    return [
        {
            "kind": "income_expense_summary",
            "lines": two_sided(
                [(None, "一、本年收入", {"amount": everything}),
                 (None, "1.一般公共预算拨款", {"amount": fiscal}),
                 (None, "2.政府性基金预算拨款", {}),
                 (None, "3.国有资本经营预算拨款", {}),
                 (None, "4.单位资金", {"amount": unit}),
                 (None, "其中：事业收入", {"amount": unit}),
                 (None, "二、上年结转结余", {})],
                expense,
                {"amount": everything}, {"amount": everything}),
        },
        {
            "kind": "income_summary",
            "lines": functional_lines(income_sources),
            "columns": ["total", group("财政拨款（补助）", "fiscal_subtotal", "general_budget", "gov_fund"),
                        "unit_funds"],
        },
        {"kind": "expense_summary", "lines": functional_lines(all_funds), "stub_label": "科目",
         "columns": SPLIT},
        {
            "kind": "fiscal_summary",
            "lines": two_sided(
                [(None, "一、本年收入", {"amount": fiscal}),
                 (None, "1.一般公共预算拨款", {"amount": fiscal}),
                 (None, "2.政府性基金预算拨款", {}),
                 (None, "3.国有资本经营预算拨款", {}),
                 (None, "二、上年结转", {})],
                [(code, FUNCTIONS[code], {"total": money(*spent(code)[:2]),
                                          "general_budget": money(*spent(code)[:2])})
                 for code in classes],
                {"amount": fiscal}, {"total": fiscal, "general_budget": fiscal}),
            "columns": ["total", "general_budget", "gov_fund", "soe_capital"],
        },
    ]


def basic_expense_table():
    def split(person, office):
        return amounts(total=money(person, office), personnel=person, public_funds=office)

    lines, personnel, public = [], [], []
    for code, entry in ECONOMIC.items():
        if isinstance(entry, str):  # a 类: the sum of its 款
            parts = [e for c, e in ECONOMIC.items() if len(c) == 5 and c.startswith(code)]
            lines.append({"code": code, "name": entry,
                          "amounts": split(money(*(p[1] for p in parts)), money(*(p[2] for p in parts)))})
        else:
            name, person, office = entry
            personnel.append(person)
            public.append(office)
            lines.append({"code": code, "name": name, "amounts": split(person, office)})
    total = {"row_type": "total", "name": "合计", "amounts": split(money(*personnel), money(*public))}
    return {
        "kind": "general_budget_basic_expense",
        "lines": [total, *lines],
        "code_parts": ("类", "款"),
        "code_label": "经济分类科目编码",
        "name_label": "经济分类科目名称",
        "columns": ["total", "personnel", "public_funds"],
    }


def project_table():
    """项目支出表: per unit a subtotal row, then 类, 款 and the 项 with its projects."""
    keys = ("wages_welfare", "goods_services", "household_subsidies", "capital", "other")

    def sums(projects):
        columns = {key: money(*(PROJECTS[p][2].get(key) for p in projects)) for key in keys}
        return amounts(total=money(*columns.values()), **columns)

    lines = [total_line("合计", **sums(PROJECTS))]
    for unit in dict.fromkeys(u for u, _, _ in PROJECTS.values()):
        mine = [p for p, (u, _, _) in PROJECTS.items() if u == unit]
        lines.append({"row_type": "unit", "name": unit, "amounts": sums(mine)})
        printed = set()
        for project in mine:
            code = PROJECTS[project][1]
            for prefix in (code[:3], code[:5]):
                if prefix not in printed:
                    printed.add(prefix)
                    under = [p for p in mine if PROJECTS[p][1].startswith(prefix)]
                    lines.append({"code": prefix, "name": FUNCTIONS[prefix], "amounts": sums(under)})
            lines.append({"code": code, "name": FUNCTIONS[code], "project": project,
                          "amounts": sums([project])})
    return {
        "kind": "general_budget_project_expense",
        "lines": lines,
        "project_label": "项目名称",
        "columns": [column("total", "项目支出合计"), *keys],
    }


def empty_table(kind, funds):
    return {
        "kind": kind,
        "empty_note": f"{DEPARTMENT}{YEAR}年没有使用{funds}安排的支出，本表为空表。",
        "columns": ["total", group("基本支出", "personnel", "public_funds"), "project"],
    }


def three_public_table():
    reception, vehicles = ECONOMIC["30217"][2], ECONOMIC["30231"][2]
    total = money(reception, vehicles)
    return {
        "kind": "three_public_expense",
        "lines": [
            total_line(total=total, general_budget=total),
            {"name": "因公出国（境）费"},
            {"name": "公务接待费", "amounts": amounts(total=reception, general_budget=reception)},
            {"name": "公务用车购置及运行费", "amounts": amounts(total=vehicles, general_budget=vehicles)},
            {"name": "其中：公务用车购置费"},
            {"name": "公务用车运行费", "amounts": amounts(total=vehicles, general_budget=vehicles)},
        ],
        "code": None,
        "name_label": "“三公”经费支出内容",
        "columns": ["total", group("资金来源", "general_budget", "gov_fund", "soe_capital")],
    }


def targets():
    evidence = ["工作资料", "统计报表"]

    def indicator(level1, level2, name, target, comparator, value, unit, weight, **more):
        return {"level1": level1, "level2": level2, "name": name, "target": target,
                "comparator": comparator, "target_value": value, "target_unit": unit,
                "basis": "计划标准", "weight": weight, "scoring_rule": "按照完成比例赋分",
                "evidence": evidence, **more}

    return [
        {
            "unit": CDC, "project": "重大传染病防控经费", "owner": "赵先生",
            "funds": {"total": "130.50", "fiscal": "130.50", "other": "0.00"},
            "goal": "完成全县传染病监测哨点运行、重点人群免疫接种和突发疫情应急处置，"
                    "法定传染病报告及时率不低于 95%，有效防范重大传染病疫情发生。",
            "indicators": [
                indicator("产出指标", "数量指标", "传染病监测哨点数量", "＞=12个", ">=", "12", "个", 20,
                          prior_value="12个"),
                indicator("产出指标", "质量指标", "法定传染病报告及时率", "＞=95%", ">=", "95", "%", 20),
                indicator("产出指标", "时效指标", "突发疫情处置响应时间", "＜=2小时", "<=", "2", "小时", 20),
                indicator("效益指标", "社会效益指标", "重大传染病疫情发生情况", "无重大疫情暴发",
                          None, None, None, 20, scoring_rule="按评判等级赋分"),
                indicator("满意度指标", "服务对象满意度指标", "群众满意度", "＞=90%", ">=", "90", "%", 20,
                          evidence=["问卷调查"]),
            ],
        },
        {
            "unit": MCH, "project": "计划生育特殊家庭扶助资金", "owner": "孙女士",
            "funds": {"total": "36.00", "fiscal": "36.00", "other": "0.00"},
            "goal": "按时足额发放计划生育特殊家庭扶助金，保障扶助对象基本生活。",
            "indicators": [
                indicator("产出指标", "数量指标", "扶助对象人数", "＞=150人", ">=", "150", "人", 40),
                indicator("产出指标", "质量指标", "扶助资金足额发放率", "=100%", "=", "100", "%", 30),
                indicator("满意度指标", "服务对象满意度指标", "扶助对象满意度", "＞=95%", ">=", "95", "%", 30),
            ],
        },
    ]


def health_spec(performance=True):
    """The whole 2027 budget disclosure of a county health commission: ten tables, figures that add up."""
    overview = {
        "functions": "贯彻执行国家卫生健康工作方针政策，统筹规划全县卫生健康资源配置，"
                     "组织开展疾病预防控制、妇幼保健和基层卫生健康服务，负责全县医疗机构的监督管理。",
        "offices": OFFICES,
        "units": [{"name": DEPARTMENT, "kind": "administrative"},
                  {"name": CDC, "kind": "institution"},
                  {"name": MCH, "kind": "institution"}],
        "staffing": {"authorized": 64, "actual": 59, "active": 51, "active_change": 3,
                     "retired": 8, "retired_change": -1, "separated": 0, "separated_change": 0},
    }
    total = money(*spent())
    return {
        "department": DEPARTMENT,
        "year": YEAR,
        "published_on": f"{YEAR}-01-28",
        "overview": overview,
        "narrative": [
            ("part", f"第一部分 {YEAR} 年部门概况"),
            ("heading", "一、主要职能"),
            ("body", overview["functions"]),
            ("heading", "二、机构设置及人员情况"),
            ("body", f"从预算单位构成看，{DEPARTMENT}的预算包括：{DEPARTMENT}本级预算及下属 2 家预算单位"
                     "在内的汇总预算。"),
            ("body", f"{DEPARTMENT}本级下设 {len(OFFICES)} 个科室，分别是：{'、'.join(OFFICES)}。"),
            ("body", f"本部门中，行政单位 1 家，事业单位 2 家，纳入{DEPARTMENT}{YEAR}年部门预算编制范围的"
                     "下属预算单位包括："),
            ("body", f"1、{CDC}"),
            ("body", f"2、{MCH}"),
            ("body", f"{DEPARTMENT}编制数 64，实有人数 59 人，其中：在职 51 人，增加 3 人；退休 8 人，"
                     "减少 1 人；离休 0 人，增加 0 人。"),
        ],
        "tables_heading": f"第二部分 {YEAR} 年部门预算公开表",
        "tables": [
            *summary_tables(),
            {"kind": "general_budget_expense", "lines": functional_lines(fiscal_funds), "columns": SPLIT},
            basic_expense_table(),
            project_table(),
            empty_table("gov_fund_expense", "政府性基金预算拨款"),
            empty_table("soe_capital_expense", "国有资本经营预算拨款"),
            three_public_table(),
        ],
        "notes": [
            ("part", f"第三部分 {YEAR} 年部门预算情况说明"),
            ("heading", f"一、关于{DEPARTMENT}{YEAR} 年收支预算情况的总体说明"),
            ("body", f"按照全口径预算的原则，{DEPARTMENT}{YEAR} 年所有收入和支出均纳入部门预算管理。"
                     f"收支总预算 {pdfgen.format_amount(total)} 万元。"),
        ],
        "performance_targets": targets() if performance else [],
        "closing": [
            ("part", "第四部分 名词解释"),
            ("body", "一、财政拨款收入：指县级财政当年拨付的资金。"),
            ("right", DEPARTMENT),
            ("right", f"{YEAR} 年 1 月 28 日"),
        ],
    }


def tables_spec(tables, **spec):
    """A disclosure of nothing but ``tables`` (and the heading that names the year)."""
    return {"department": DEPARTMENT, "year": YEAR, "tables_heading": f"第二部分 {YEAR} 年部门预算公开表",
            "tables": tables, **spec}


def only(lines, *keys):
    """``lines`` keeping the amounts of ``keys`` only (for a table printing fewer columns)."""
    return [{**line, "amounts": {k: v for k, v in line.get("amounts", {}).items() if k in keys}}
            for line in lines]


def without_source(value):
    if isinstance(value, dict):
        return {k: without_source(v) for k, v in value.items() if k != "source"}
    if isinstance(value, list):
        return [without_source(v) for v in value]
    return value


def render(tmp_path, spec, name="disclosure.pdf"):
    """Render ``spec`` and parse it: (the parse without provenance, expected(spec), completed spec)."""
    path, done = pdfgen.render_disclosure(tmp_path / name, spec)
    return without_source(parse(path)), pdfgen.expected(done), done


@pytest.fixture(scope="module")
def health(tmp_path_factory):
    return render(tmp_path_factory.mktemp("health"), health_spec())


def test_whole_disclosure_of_another_department_parses_to_its_spec(health):
    got, want, _ = health
    assert got["document"] == want["document"]
    assert got["overview"] == want["overview"]
    for table, expected_table in zip(got["tables"], want["tables"], strict=True):
        assert table == expected_table
    assert got["performance_targets"] == want["performance_targets"]
    assert got["warnings"] == []


def test_rows_without_codes_two_sided_labels_and_unit_subtotals(health):
    got, want, _ = health
    for kind in ("income_expense_summary", "fiscal_summary", "general_budget_project_expense"):
        table = next(t for t in got["tables"] if t["kind"] == kind)
        assert table == next(t for t in want["tables"] if t["kind"] == kind)
    summary = got["tables"][0]["lines"]
    assert [ln["name"] for ln in summary if ln["side"] == "income" and ln["row_type"] == "detail"][:2] == [
        "一、本年收入", "1.一般公共预算拨款"]
    assert all(ln["code"] is None for ln in summary if ln["side"] == "income")
    projects = next(t for t in got["tables"] if t["kind"] == "general_budget_project_expense")["lines"]
    assert [(ln["name"], ln["code"]) for ln in projects if ln["row_type"] == "unit"] == [
        (DEPARTMENT, None), (CDC, None), (MCH, None)]
    assert {ln["project"]: ln["unit"] for ln in projects if ln["project"]} == {
        name: unit for name, (unit, _, _) in PROJECTS.items()}


def test_department_without_performance_tables_and_without_projects(tmp_path):
    got, want, _ = render(tmp_path, health_spec(performance=False))
    assert want["performance_targets"] == []
    assert got["performance_targets"] == []
    assert got["projects"] == []
    assert got["tables"] == want["tables"]
    assert got["overview"] == want["overview"]


def yuan(value, cents):
    """A 万元 figure in 元: whole yuan, or with cents (scaled by 10000.01 so they are not all 0)."""
    if cents:
        return f"{Decimal(value) * Decimal('10000.01'):.2f}"
    return f"{Decimal(value) * 10000:.0f}"


def in_yuan(table, cents):
    lines = [{**line, "amounts": {k: yuan(v, cents) for k, v in line.get("amounts", {}).items()}}
             for line in table["lines"]]
    return {**table, "lines": lines}


def test_amounts_in_yuan_whole_and_with_cents_and_one_table_in_wan(tmp_path):
    spec = tables_spec([
        in_yuan({"kind": "general_budget_expense", "lines": functional_lines(fiscal_funds), "columns": SPLIT},
                cents=False),
        in_yuan(basic_expense_table(), cents=True),
        {**three_public_table(), "amount_unit": "万元"},
    ], amount_unit="元")
    got, want, _ = render(tmp_path, spec)
    assert [t["amount_unit"] for t in got["tables"]] == ["元", "元", "万元"]
    assert got["document"]["amount_unit"] == "元"
    assert got["tables"] == want["tables"]
    assert got["tables"][0]["lines"][0]["amounts"]["total"] == yuan(money(*spent()[:2]), cents=False)


def test_missing_and_reordered_columns_no_number_row_and_one_code_column(tmp_path):
    spec = tables_spec([
        {"kind": "expense_summary", "lines": functional_lines(all_funds),
         "columns": ["total", "project", "basic"], "numbered": False},
        {"kind": "general_budget_expense", "lines": only(functional_lines(fiscal_funds), "basic", "total"),
         "columns": ["basic", "total"], "code": "single"},
        {"kind": "income_summary", "lines": only(functional_lines(income_sources), "total", "unit_funds"),
         "columns": ["unit_funds", "total"], "code": "single", "numbered": False},
    ])
    got, want, _ = render(tmp_path, spec)
    assert got["tables"] == want["tables"]
    assert "project" not in got["tables"][1]["lines"][0]["amounts"]


@pytest.mark.parametrize("repeat_header", [True, False], ids=["header-repeated", "no-header"])
@pytest.mark.parametrize("cut_name", [None, 6], ids=["whole-rows", "name-cut"])
def test_table_split_across_pages(tmp_path, repeat_header, cut_name):
    lines = functional_lines(fiscal_funds)
    assert len(lines[3]["name"]) > 6  # 机关事业单位基本养老保险缴费支出: the row the break cuts
    table = {"kind": "general_budget_expense", "lines": lines, "columns": SPLIT, "break_after": 4,
             "repeat_header": repeat_header, "cut_name": cut_name}
    got, want, done = render(tmp_path, tables_spec([table]))
    assert len(done["tables"][0]["pages"]) == 2
    assert got["tables"] == want["tables"]


def test_empty_table_keeps_its_note_and_no_lines(tmp_path):
    table = empty_table("soe_capital_expense", "国有资本经营预算拨款")
    got, want, _ = render(tmp_path, tables_spec([table]))
    assert got["tables"] == want["tables"]
    assert got["tables"][0]["lines"] == []
    assert got["tables"][0]["empty_note"] == table["empty_note"]


def test_printed_zero_is_kept_and_blank_cells_stay_absent(tmp_path):
    lines = [
        total_line(total="120.00", basic="120.00", project="0"),
        {"code": "210", "name": FUNCTIONS["210"],
         "amounts": {"total": "120.00", "basic": "120.00", "project": "0.00"}},
        {"code": "21001", "name": FUNCTIONS["21001"], "amounts": {"total": "120.00", "basic": "120.00"}},
        {"code": "2100101", "name": FUNCTIONS["2100101"], "amounts": {"total": "0", "basic": "0"}},
        {"code": "2100199", "name": FUNCTIONS["2100199"]},
    ]
    got, want, _ = render(tmp_path, tables_spec([{"kind": "general_budget_expense", "lines": lines,
                                                  "columns": SPLIT}]))
    assert got["tables"] == want["tables"]
    amounts = [ln["amounts"] for ln in got["tables"][0]["lines"]]
    assert amounts[0]["project"] == "0" and amounts[1]["project"] == "0.00"
    assert amounts[3] == {"total": "0", "basic": "0"} and amounts[4] == {}


def contents_entry(style, number, title, page):
    if style == "han":
        return f"{HAN[number - 1]}、{title}"
    return f"{number}. {YEAR}年{title} ………………… {page}"


@pytest.mark.parametrize("style", ["han", "arabic"])
def test_contents_page_numbers_unlabelled_tables_and_is_not_a_table(tmp_path, style):
    """The tables print no 表 N; the 目录 lists all ten, but 表7 is not in the file."""
    tables = health_spec()["tables"]
    for number, table in enumerate(tables, start=1):
        table.update(number=number, label=False)
    listed = [(t["number"], t.get("title", pdfgen.TITLES[t["kind"]])) for t in tables]
    del tables[6]
    spec = tables_spec(tables, contents=[contents_entry(style, n, title, 0) for n, title in listed])
    _, done = pdfgen.render_disclosure(tmp_path / "draft.pdf", spec)  # to learn the pages
    pages = {t["number"]: t["pages"][0] for t in done["tables"]}
    spec["contents"] = [contents_entry(style, n, title, pages.get(n, "")) for n, title in listed]
    got, want, _ = render(tmp_path, spec)
    assert [t["number"] for t in got["tables"]] == [1, 2, 3, 4, 5, 6, 8, 9, 10]
    assert got["tables"] == want["tables"]
    assert any("表7" in w for w in got["warnings"])


OFF_GRID = {
    "shifted right and down": {"text_shift": (4, 4)},
    "shifted left and up": {"text_shift": (-4, -4)},
    "shifted right and up": {"text_shift": (3, -3)},
    "digits below the Chinese baseline": {"digit_drop": 4},
}


@pytest.mark.parametrize("ink", OFF_GRID.values(), ids=OFF_GRID.keys())
def test_text_drawn_off_its_grid_lands_in_its_cells(tmp_path, ink):
    tables = [summary_tables()[0], basic_expense_table(), project_table()]
    got, want, _ = render(tmp_path, tables_spec([{**table, **ink} for table in tables]))
    assert got["tables"] == want["tables"]


def test_landscape_page_and_portrait_page_turned_by_rotate_90(tmp_path):
    tables = summary_tables()[1:3]
    tables[0]["landscape"] = True
    tables[1].update(rotated=True, break_after=9)
    got, want, done = render(tmp_path, tables_spec(tables))
    with pdfplumber.open(tmp_path / "disclosure.pdf") as pdf:
        turned = [pdf.pages[n - 1].page_obj for n in done["tables"][1]["pages"]]
        assert [(page.attrs["Rotate"], page.mediabox[2] < page.mediabox[3]) for page in turned] == [
            (90, True), (90, True)]  # stored portrait, shown landscape
    assert got["tables"] == want["tables"]


@pytest.mark.parametrize("pages", [
    {},
    {"break_after": 6},  # the header repeated on the next page brings its 合计 row along
    {"break_after": 6, "repeat_header": False},
], ids=["one-page", "header-repeated", "no-header"])
def test_total_printed_in_the_code_label_row_has_no_code(tmp_path, pages):
    """决算-style header: 类 | 款 | 项 printed in the row of 合计 and its amounts."""
    table = {"kind": "expense_summary", "lines": functional_lines(all_funds), "columns": SPLIT,
             "stub_label": "项目", "code_label": "支出功能分类科目编码", "name_label": "科目名称",
             "numbered": False, "total_in_header": True, **pages}
    got, want, _ = render(tmp_path, tables_spec([table]))
    assert got["tables"] == want["tables"]
    total = got["tables"][0]["lines"][0]
    assert (total["row_type"], total["code"], total["name"]) == ("total", None, "合计")


@pytest.mark.parametrize("offset", [0.3, 0.5])
def test_fake_bold_titles_and_headers_are_read_once(tmp_path, offset):
    tables = [{**table, "bold": offset} for table in (*summary_tables()[:2], three_public_table())]
    got, want, done = render(tmp_path, tables_spec(tables))
    with pdfplumber.open(tmp_path / "disclosure.pdf") as pdf:  # the title really is drawn twice
        title = [c for c in pdf.pages[done["tables"][2]["pages"][0] - 1].chars if c["size"] > 16]
        assert len(title) == 2 * len(done["tables"][2]["title"])
    assert got["tables"] == want["tables"]


def test_table_page_removed_is_warned_and_the_rest_parse(tmp_path):
    spec = health_spec()
    for number, table in enumerate(spec["tables"], start=1):
        table["number"] = number
    del spec["tables"][2]
    got, want, _ = render(tmp_path, spec)
    assert [t["number"] for t in got["tables"]] == [1, 2, 4, 5, 6, 7, 8, 9, 10]
    assert got["tables"] == want["tables"]
    assert got["performance_targets"] == want["performance_targets"]
    assert any("表3" in w for w in got["warnings"])


def test_one_producer_with_every_quirk_at_once(tmp_path):
    """目录 numbers, no 表 N, fake bold, shifted and dropped text, a turned page, page breaks."""
    spec = health_spec()
    for number, table in enumerate(spec["tables"], start=1):
        table.update(number=number, label=False, bold=0.4, digit_drop=4 * (number % 2),
                     text_shift=(3, -2) if number % 3 == 0 else (0, 0))
    spec["tables"][1]["rotated"] = True
    spec["tables"][2].update(break_after=5, cut_name=4, repeat_header=False)
    spec["tables"][6].update(break_after=5, cut_name=5)
    spec["contents"] = [f"{HAN[n]}、{pdfgen.TITLES[t['kind']]}" for n, t in enumerate(spec["tables"])]
    got, want, _ = render(tmp_path, spec)
    assert got["document"] == want["document"]
    assert got["overview"] == want["overview"]
    assert got["tables"] == want["tables"]
    assert got["performance_targets"] == want["performance_targets"]
    assert got["warnings"] == []


def test_unit_budget_wording_names_year_kind_and_department(tmp_path):
    """A 单位预算: "预算单位：…（本级）" cover, "…（本级）YYYY年单位预算", "YYYY年预算单位…表" titles."""
    spec = {
        "department": f"{DEPARTMENT}（本级）", "year": YEAR,
        "narrative": [("part", f"某县{YEAR}年县级单位预算"), ("part", f"预算单位：{DEPARTMENT}（本级）"),
                      ("heading", "一、单位主要职能"), ("body", f"{DEPARTMENT}负责全县卫生健康工作。")],
        "tables": [{"kind": "expense_summary", "title": f"{YEAR}年预算单位支出预算总表",
                    "lines": functional_lines(all_funds), "columns": SPLIT}],
    }
    got, want, _ = render(tmp_path, spec)
    assert got["document"] == {**want["document"], "department": DEPARTMENT}
    assert got["tables"] == want["tables"]
    assert not [w for w in got["warnings"] if not w.startswith("缺少")]


def test_carryover_and_fiscal_summary_with_full_two_level_headers(tmp_path):
    """财政拨款 / 非财政拨款结转结余 × 基本支出（人员 / 公用）/ 项目支出; a 合计-headed income side."""
    def split(prefix, banner):
        return group(banner, column(f"{prefix}_subtotal", "小计"),
                     group("基本支出", f"{prefix}_basic_personnel", f"{prefix}_basic_public"), f"{prefix}_project")

    figures = dict(total="50.00", fiscal_subtotal="30.00", fiscal_basic_personnel="5.00", fiscal_basic_public="5.00",
                   fiscal_project="20.00", nonfiscal_subtotal="20.00", nonfiscal_project="20.00")
    carryover = {"kind": "carryover", "code": None, "name_label": "项目", "numbered": False,
                 "columns": ["total", split("fiscal", "财政拨款结转结余"), split("nonfiscal", "非财政拨款结转结余")],
                 "lines": [{"row_type": "total", "name": "合计", "amounts": dict(figures)},
                           {"row_type": "unit", "name": DEPARTMENT, "amounts": dict(figures)},
                           {"name": "公共卫生应急项目", "project": "公共卫生应急项目", "amounts": dict(figures)}]}
    summary = {"kind": "fiscal_summary", "income_columns": ["total"], "columns": ["total", "general_budget"],
               "lines": [{"side": "income", "name": "一、一般公共预算", "amounts": {"total": "50.00"}},
                         {"side": "expense", "code": "210", "name": "卫生健康支出",
                          "amounts": {"total": "50.00", "general_budget": "50.00"}},
                         {"side": "income", "row_type": "total", "name": "收入总计", "amounts": {"total": "50.00"}},
                         {"side": "expense", "row_type": "total", "name": "支出总计",
                          "amounts": {"total": "50.00", "general_budget": "50.00"}}]}
    got, want, _ = render(tmp_path, tables_spec([summary, carryover]))
    assert got["tables"] == want["tables"]
    assert not [w for w in got["warnings"] if not w.startswith("缺少")]
