"""The parser's self-verification (disclosures/parsing/verify.py): what it reads wrongly is warned.

Hand-built pages for each check, and reportlab disclosures (tests/pdfgen.py) with a continuation
page taken out and a total tampered with.
"""
import pypdfium2
import pytest

from disclosures.parsing import parse
from disclosures.parsing.tables import parse_tables
from tests import pdfgen
from tests.gridkit import LEFT, UP, line, make_grid, page

HEADER = [
    ["科目", LEFT, LEFT, LEFT, "支出预算", LEFT, LEFT],
    ["功能分类科目编码", LEFT, LEFT, "功能分类科目名称", "合计", "基本支出", "项目支出"],
    ["类", "款", "项", UP, UP, UP, UP],
]
BODY = [
    ["", "", "", "合计", "30.00", "10.00", "20.00"],
    ["201", "", "", "一般公共服务支出", "30.00", "10.00", "20.00"],
    ["201", "03", "", "政府办公厅（室）及相关机构事务", "30.00", "10.00", "20.00"],
    ["201", "03", "01", "行政运行", "10.00", "10.00", ""],
    ["201", "03", "02", "一般行政管理事务", "20.00", "", "20.00"],
]


def table_page(number, rows, title="部门支出总体情况表"):
    lines = [line(title, 60.0), line("编制部门：某县水务局 单位：万元", 90.0)]
    return page(number, lines, [make_grid(number, rows, top=120.0)])


def warnings_of(*pages):
    """The warnings of the parse but those about core tables the hand-built pages leave out."""
    warnings = []
    parse_tables(list(pages), warnings)
    return [w for w in warnings if not w.startswith("缺少")]


def test_a_table_that_adds_up_raises_no_warning():
    assert warnings_of(table_page(3, HEADER + BODY)) == []


def test_total_off_by_more_than_rounding_is_warned_with_table_page_and_column():
    body = [row[:] for row in BODY]
    body[0][4] = "31.00"
    (warning,) = warnings_of(table_page(3, HEADER + body))
    assert warning.startswith("表1（第 3 页）：合计")
    assert "31.00" in warning and "30.00" in warning and "可能缺少续页" in warning


def test_rounding_differences_of_a_cent_are_not_warned():
    body = [row[:] for row in BODY]
    body[3][4:6] = ["10.01", "10.01"]
    body[1][5] = body[2][5] = body[0][5] = "10.00"
    assert warnings_of(table_page(3, HEADER + body)) == []


def test_code_against_its_sub_codes():
    body = [row[:] for row in BODY]
    body[3][4] = "12.00"  # 行政运行 12 + 20 ≠ 款 30
    (warning,) = warnings_of(table_page(3, HEADER + body))
    assert "政府办公厅（室）及相关机构事务" in warning and "下级科目之和" in warning and "32.00" in warning


def test_table_ending_on_a_code_with_nothing_under_it_is_warned():
    """No total row to compare with: the last 类 printed alone tells the continuation is missing."""
    body = BODY[1:] + [["208", "", "", "社会保障和就业支出", "5.00", "5.00", ""]]
    (warning,) = warnings_of(table_page(3, HEADER + body))
    assert warning == "表1（第 3 页）：最后一行「社会保障和就业支出」之下没有内容，可能缺少续页"


def test_amount_in_a_column_without_header_is_warned():
    header = [row + [""] for row in HEADER]
    body = [row + [""] for row in BODY]
    body[3][7] = "5.00"
    (warning,) = warnings_of(table_page(3, header + body))
    assert warning == "表1（第 3 页）：第 7 行的金额 5.00 所在列没有表头"


def test_grid_of_amounts_that_no_table_read_is_warned():
    wide = [["某项收入", "", "", "", "", "", "", "1,200.00"], ["某项支出", "", "", "", "", "", "", "1,200.00"]]
    stray = page(4, [], [make_grid(4, wide, top=120.0)])  # eight columns: no continuation of 表1
    (warning,) = warnings_of(table_page(3, HEADER + BODY), stray, table_page(5, HEADER + BODY))
    assert warning.startswith("第 4 页：表格中有 2 个金额不属于任何已识别的表")


def test_lines_named_by_amounts_are_warned_once_a_page():
    """A seven-column grid with no title of its own read as the table's continuation."""
    other = [["一、一般公共预算", "371.00", "一、一般公共服务支出", "21.00", "21.00", "", ""],
             ["收入总计", "371.00", "支出总计", "21.00", "21.00", "", ""]]
    warnings = warnings_of(table_page(3, HEADER + BODY), page(4, [], [make_grid(4, other, top=120.0)]))
    assert any(w.startswith("表1（第 4 页）：2 行的行名是金额（如「21.00」）") for w in warnings)


def render(tmp_path, spec, name="disclosure.pdf"):
    return pdfgen.render_disclosure(tmp_path / name, spec)


@pytest.mark.parametrize("kind, break_after", [("income_summary", 8), ("general_budget_project_expense", 5)])
def test_continuation_page_missing_from_the_pdf_is_warned(tmp_path, kind, break_after):
    """The 总计 against the 类 left (income_summary), against the budget units left (项目支出表)."""
    spec = pdfgen.disclosure_spec()
    next(t for t in spec["tables"] if t["kind"] == kind)["break_after"] = break_after
    path, done = render(tmp_path, spec)
    table = next(t for t in done["tables"] if t["kind"] == kind)
    assert len(table["pages"]) == 2
    pdf = pypdfium2.PdfDocument(str(path))
    pdf.del_page(table["pages"][1] - 1)
    pdf.save(str(tmp_path / "cut.pdf"))
    pdf.close()
    warnings = set(parse(tmp_path / "cut.pdf")["warnings"]) - set(parse(path)["warnings"])
    first = f"表{table['number']}（第 {table['pages'][0]} 页）："
    assert any(w.startswith(first) and "可能缺少续页" in w for w in warnings), warnings


def test_tampered_total_is_warned(tmp_path):
    spec = pdfgen.disclosure_spec()
    index = next(i for i, t in enumerate(spec["tables"]) if t["kind"] == "general_budget_expense")
    total = spec["tables"][index]["lines"][0]
    total["amounts"]["total"] = str(float(total["amounts"]["total"]) + 100) + "0"
    path, done = render(tmp_path, spec)
    table = done["tables"][index]
    warnings = parse(path)["warnings"]
    assert not any("不符" in w for w in parse(render(tmp_path, pdfgen.disclosure_spec(), "plain.pdf")[0])["warnings"])
    assert any(w.startswith(f"表{table['number']}（第 {table['pages'][0]} 页）：总计") for w in warnings), warnings
