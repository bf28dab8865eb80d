"""Synthetic budget-disclosure PDFs (部门预算公开) for tests.

A test describes a made-up department's disclosure as plain data, renders it with
:func:`render_disclosure`, parses the PDF and compares the parse with :func:`expected` of the
spec it rendered — expected values come from the test's own spec, never from an answer key.
:func:`disclosure_spec` gives a complete small disclosure to start from.

The pages imitate published disclosures (../shared/corpus/urumqi-2025/README.md, "The PDF"):
A4, the CID font STSong-Light (no font file needed), every table cell a stroked rectangle,
header cells merged across columns and rows, text wrapped inside its cell and never across
a border, amounts right-aligned with thousands separators, page numbers in the footer.

A spec (every key optional)::

    {
      "department": "某市教育局", "year": 2026, "amount_unit": "万元",
      "published_on": "2026-02-20",              # only echoed by expected()
      "overview": {...},                         # disclosure-v1 overview, only echoed by expected()
      "contents": ["一、部门收支总体情况表", ...], # a 目录 page first, one entry a line
      "narrative": [(style, text), ...],         # pages before the tables (第一部分)
      "tables_heading": "第二部分 …",            # printed above the first table
      "tables": [table, ...],                    # one table per page (or more, when it runs on)
      "notes": [(style, text), ...],             # pages after the tables (第三部分)
      "performance_targets": [target, ...],      # one 项目支出绩效目标表 per page
      "closing": [(style, text), ...],           # last pages: 名词解释, department, date
    }

Paragraph styles: ``part`` (centred part title), ``heading``, ``body`` (first line indented,
wrapped), ``right`` (right-aligned, for the sign-off), ``entry`` (left, not indented).

A table::

    {
      "kind": "general_budget_expense",          # required: a disclosure-v1 table kind
      "lines": [line, ...],                      # disclosure-v1 lines; a left-out key takes its
                                                 # default, and rows below a unit row get its unit
      "number": 3, "title": "…",                 # default: position in "tables", usual title
      "empty_note": None,                        # printed below the header of a table without lines
      "amount_unit": "万元",                      # default: the document's
      "columns": ["total", group("基本支出", "personnel", "public_funds"), "project"],
      "code": "split",                           # "split" (类/款/项 columns), "single" or None
      "code_parts": ("类", "款", "项"), "code_label": "功能分类科目编码",
      "name_label": "功能分类科目名称", "name_width": None,
      "project_label": None,                     # e.g. "项目名称": a 项目名称 column after the name
      "stub_label": None,                        # e.g. "科目": a banner over the code and name columns
      "numbered": True,                          # the "※ 1 2 3" row under the header
      "landscape": None,                         # None: landscape when too wide for portrait
      "break_after": None,                       # body rows on the first page
      "repeat_header": True,                     # later pages repeat the 编制部门 line and the
                                                 # header (False: they hold body rows only)
      "cut_name": None,                          # n: the page break cuts the name cell of the
                                                 # first page's last row after n characters; the
                                                 # rest opens the next page in a row of its own
      "label": True,                             # print "表 N" above the title
      "total_in_header": False,                  # the first line (a total, code null) printed in
                                                 # the 类/款/项 label row, as 决算 tables do
      "rotated": False,                          # landscape pages, stored as portrait pages
                                                 # with /Rotate 90 and their content turned
      # how the producer inks text (all 0: text exactly in place):
      "text_shift": (0, 0),                      # every cell's text moved (right, down) points
      "digit_drop": 0,                           # ASCII runs (digits) drawn this far below the
                                                 # baseline of the Chinese text beside them
      "bold": 0,                                 # label, title and header drawn twice, this far
                                                 # apart (fake bold)
      # two-sided summaries (income_expense_summary, fiscal_summary) print one income line
      # and the next expense line side by side; "columns" are then the expense side's:
      "income_columns": ["amount"], "income_label": "收入", "expense_label": "支出",
      "income_name_label": "项目",               # "name_label" defaults to 功能分类 there
    }

Amounts are given as disclosure-v1 strings (``"15908.55"``) and printed ``15,908.55``.
A column entry is a column key (printed with its usual header, :data:`HEADERS`),
:func:`column` (own label or width) or :func:`group` (a merged header over columns).

A performance target (项目支出绩效目标表) has the disclosure-v1 keys ``unit``, ``project``,
``owner``, ``funds`` (``total``, ``fiscal``, ``other``), ``goal`` and ``indicators``; an
indicator prints ``level1``, ``level2``, ``name``, ``target``, ``basis``, ``prior_value``,
``weight``, ``scoring_rule`` and ``evidence`` (a list, printed joined by commas); any other key
(``comparator``, ``target_value``, ``target_unit``) is passed through to :func:`expected`.
Consecutive indicators with the same level names share one vertically merged cell.
"""
import copy
import itertools
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import cache, lru_cache
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase._cidfontdata import CIDFontInfo
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.pdfdoc import PDFString
from reportlab.pdfgen import canvas

FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))
# reportlab writes the font's CIDSystemInfo strings as raw "(Adobe)" literals, which escape
# encryption: a reader then decrypts them into garbage and cannot map the text back to
# Unicode. As real PDF strings they are encrypted like every other string.
_SYSTEM_INFO = CIDFontInfo[FONT]["DescendantFonts"][0]["CIDSystemInfo"]
_SYSTEM_INFO.update(Registry=PDFString("Adobe"), Ordering=PDFString("GB1"))
# pdfplumber puts a STSong-Light glyph's top this far (× font size) above its baseline.
ASCENT = 0.73

PORTRAIT, LANDSCAPE = A4, (A4[1], A4[0])
TOP, BOTTOM = 50, 60  # page area kept free above and below (the footer holds the page number)

CELL_SIZE, CELL_LEADING, CELL_PAD, MIN_ROW = 9, 11, 3, 20
# Natural width of a column by what it holds; name and project columns stretch to the page.
NATURAL_WIDTH = {"code_part": 28, "code": 50, "name": 130, "code_name": 150, "project": 130, "amount": 62}
STRETCH = {"name", "code_name", "project"}
# size, leading, first-line indent (in characters), alignment
STYLES = {
    "part": (18, 34, 0, "center"),
    "heading": (14, 26, 2, "left"),
    "body": (13, 24, 2, "left"),
    "right": (13, 24, 0, "right"),
    "entry": (13, 24, 0, "left"),
}

TWO_SIDED = {"income_expense_summary", "fiscal_summary"}
TITLES = {
    "income_expense_summary": "部门收支总体情况表",
    "income_summary": "部门收入总体情况表",
    "expense_summary": "部门支出总体情况表",
    "fiscal_summary": "财政拨款收支预算总体情况表",
    "general_budget_expense": "一般公共预算支出情况表",
    "general_budget_basic_expense": "一般公共预算基本支出情况表",
    "general_budget_project_expense": "一般公共预算项目支出情况表",
    "gov_fund_expense": "政府性基金预算支出情况表",
    "soe_capital_expense": "国有资本经营预算支出情况表",
    "three_public_expense": "财政拨款“三公”经费支出情况表",
    "carryover": "上年结转结余情况明细表",
}
# The usual printed header of each disclosure-v1 column key.
HEADERS = {
    "amount": "预算数",
    "total": "合计",
    "basic": "基本支出",
    "project": "项目支出",
    "personnel": "人员经费",
    "public_funds": "公用经费",
    "fiscal_subtotal": "财政拨款(补助)小计",
    "general_budget": "一般公共预算",
    "general_budget_transfer": "上级一般公共预算安排的转移支付",
    "gov_fund": "政府性基金预算",
    "gov_fund_transfer": "上级政府性基金安排的转移支付",
    "soe_capital": "国有资本经营预算",
    "soe_capital_transfer": "上级国有资本经营预算安排的转移支付",
    "special_account": "财政专户（教育收费）",
    "unit_funds": "单位资金",
    "fiscal_carryover": "财政拨款结转",
    "nonfiscal_carryover": "非财政拨款结转结余",
    "wages_welfare": "工资福利支出",
    "goods_services": "商品和服务支出",
    "household_subsidies": "对个人和家庭的补助",
    "debt_interest": "债务利息及费用支出",
    "capital_construction": "资本性支出（基本建设）",
    "capital": "资本性支出",
    "enterprise_subsidies_construction": "对企业补助（基本建设）",
    "enterprise_subsidies": "对企业补助",
    "social_security_subsidies": "对社会保障基金补助",
    "other": "其他支出",
    "nonfiscal_subtotal": "非财政拨款小计",
    "business_income": "事业收入",
    "operating_income": "事业单位经营收入",
    "higher_subsidy_income": "上级补助收入",
    "subordinate_income": "附属单位上缴收入",
    "other_income": "其他收入",
    "remit_to_higher": "上缴上级支出",
    "operating_expense": "经营支出",
    "subordinate_subsidy": "对附属单位补助支出",
    "budget": "预算数",
    "opening_balance": "年初结转和结余",
    "income": "本年收入",
    "expense": "本年支出",
    "closing_balance": "年末结转和结余",
    "fiscal_basic_personnel": "人员经费",
    "fiscal_basic_public": "公用经费",
    "fiscal_project": "项目支出",
    "nonfiscal_basic_personnel": "人员经费",
    "nonfiscal_basic_public": "公用经费",
    "nonfiscal_project": "项目支出",
}
TARGET_WIDTHS = (27, 27, 120, 35, 64, 35, 27, 75, 75)
TARGET_HEADER = ("一级指标", "二级指标", "三级指标", "指标值", "指标值设置依据", "上年完成值",
                 "分值权重", "指标赋分规则", "佐证资料")
TARGET_FIELDS = ("name", "target", "basis", "prior_value", "weight", "scoring_rule", "evidence")
CODE_PART_BOUNDS = (0, 3, 5, 7)
LINE_DEFAULTS = {"row_type": "detail", "side": None, "code": None, "project": None}
TABLE_KEYS = ("kind", "number", "title", "pages", "amount_unit", "empty_note", "lines")


def column(key, label=None, width=None):
    """An amount column with its own printed label and/or width (points)."""
    return {"field": "amount", "key": key, "label": label or HEADERS[key], "width": width}


def group(label, *columns):
    """A header cell merged over ``columns`` (keys, :func:`column` or nested groups)."""
    return {"label": label, "columns": list(columns)}


def render_disclosure(path, spec, encrypt=None):
    """Render ``spec`` to the PDF ``path``; return (path, the spec completed with defaults).

    The completed spec records the 1-based ``pages`` of every table and performance target,
    so :func:`expected` can state them. ``encrypt`` is passed to reportlab's Canvas (e.g. a
    ``reportlab.lib.pdfencrypt.StandardEncryption``).
    """
    spec = complete(spec)
    pdf = _Pdf(path, spec, encrypt)
    if spec["contents"]:
        _draw_paragraphs(pdf, [("part", "目  录"), *(("entry", entry) for entry in spec["contents"])])
    _draw_paragraphs(pdf, spec["narrative"])
    heading = spec["tables_heading"]
    for table in spec["tables"]:
        _draw_table(pdf, table, spec["department"], heading)
        heading = None
    _draw_paragraphs(pdf, spec["notes"])
    for target in spec["performance_targets"]:
        _draw_target(pdf, target, spec["year"])
    _draw_paragraphs(pdf, spec["closing"])
    pdf.save()
    return Path(path), spec


def expected(spec):
    """The disclosure-v1 facts a correct parse of the rendered ``spec`` reports.

    ``spec`` is the one :func:`render_disclosure` returned. ``overview`` is the spec's own
    (None without one); indicators carry exactly the keys the spec gave them.
    """
    return {
        "document": {
            "kind": "budget",
            "fiscal_year": spec["year"],
            "department": spec["department"],
            "amount_unit": spec["amount_unit"],
            "published_on": spec["published_on"],
        },
        "overview": spec["overview"],
        "tables": [{key: table[key] for key in TABLE_KEYS} for table in spec["tables"]],
        "performance_targets": [
            {key: target[key] for key in ("scope", "unit", "project", "owner", "phone", "funds",
                                          "goal", "pages", "indicators")}
            for target in spec["performance_targets"]
        ],
    }


def complete(spec):
    """A deep copy of ``spec`` with every default filled in."""
    spec = copy.deepcopy(spec)
    spec.setdefault("department", "某市教育局")
    spec.setdefault("year", 2026)
    spec.setdefault("amount_unit", "万元")
    for key in ("published_on", "overview", "contents", "tables_heading"):
        spec.setdefault(key, None)
    for key in ("narrative", "tables", "notes", "performance_targets", "closing"):
        spec.setdefault(key, [])
    for number, table in enumerate(spec["tables"], start=1):
        _complete_table(table, number, spec["amount_unit"])
    for target in spec["performance_targets"]:
        target.setdefault("scope", "project")
        target.setdefault("phone", None)
        for indicator in target["indicators"]:
            indicator.setdefault("prior_value", None)
            indicator.setdefault("scoring_rule", None)
            indicator.setdefault("evidence", [])
    return spec


def _complete_table(table, number, amount_unit):
    two_sided = table["kind"] in TWO_SIDED
    defaults = {
        "number": number,
        "title": TITLES[table["kind"]],
        "amount_unit": amount_unit,
        "empty_note": None,
        "lines": [],
        "columns": ["amount"] if two_sided else ["total"],
        "code": None if two_sided else "split",
        "code_parts": ("类", "款", "项"),
        "code_label": "功能分类科目编码",
        "name_label": "功能分类" if two_sided else "功能分类科目名称",
        "name_width": None,
        "project_label": None,
        "stub_label": None,
        "numbered": not two_sided,
        "landscape": None,
        "break_after": None,
        "repeat_header": True,
        "cut_name": None,
        "label": True,
        "total_in_header": False,
        "rotated": False,
        "text_shift": (0, 0),
        "digit_drop": 0,
        "bold": 0,
        "income_columns": ["amount"],
        "income_label": "收入",
        "expense_label": "支出",
        "income_name_label": "项目",
    }
    for key, value in defaults.items():
        table.setdefault(key, value)
    unit = None
    for line in table["lines"]:
        for key, value in LINE_DEFAULTS.items():
            line.setdefault(key, value)
        line.setdefault("amounts", {})
        if line["row_type"] == "unit":
            unit = line.setdefault("unit", line["name"])
        else:
            line.setdefault("unit", None if line["row_type"] == "total" else unit)


# --- drawing ------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Ink:
    """How text is put down: moved ``dx`` right and ``dy`` down, ASCII runs ``drop`` points
    below the baseline of the text beside them, each glyph drawn a second time ``bold``
    points right and down (fake bold)."""

    dx: float = 0
    dy: float = 0
    drop: float = 0
    bold: float = 0


PLAIN = _Ink()


class _Pdf:
    """A reportlab canvas addressed top-down in points, as pdfplumber reports positions."""

    def __init__(self, path, spec, encrypt):
        self.canvas = canvas.Canvas(str(path), invariant=True, encrypt=encrypt)
        self.canvas.setTitle(f"{spec['department']}{spec['year']}年部门预算公开")
        self.canvas.setAuthor(spec["department"])
        self.number = 0

    def new_page(self, landscape=False, rotated=False):
        """Start the next page; return its 1-based number.

        A ``rotated`` page is landscape as shown, stored as a portrait page with /Rotate 90
        whose content is drawn turned a quarter anticlockwise.
        """
        if self.number:
            self.canvas.showPage()
        self.number += 1
        landscape = landscape or rotated
        self.width, self.height = LANDSCAPE if landscape else PORTRAIT
        self.margin = _margin(landscape)
        # reportlab swaps the MediaBox of a page turned 90°: a landscape size gives a portrait box.
        self.canvas.setPageSize((self.width, self.height))
        self.canvas.setPageRotation(90 if rotated else 0)
        if rotated:
            self.canvas.translate(PORTRAIT[0], 0)
            self.canvas.rotate(90)
        self.canvas.setLineWidth(0.6)
        self.text(self.width / 2, self.height - 36, str(self.number), 10.5, "center")
        return self.number

    @property
    def room(self):
        """Usable width between the margins."""
        return _room(self.width > self.height)

    def text(self, x, top, text, size, align="left", ink=PLAIN):
        """Draw ``text`` with its glyph tops at ``top`` (as ``ink`` puts it); ``x`` is its left,
        centre or right."""
        self.canvas.setFont(FONT, size)
        x += ink.dx - {"left": 0, "center": 0.5, "right": 1}[align] * _width(text, size)
        y = self.height - top - ink.dy - ASCENT * size
        for ascii_run, run in itertools.groupby(text, str.isascii):
            run = "".join(run)
            drop = ink.drop if ascii_run else 0
            for offset in {0, ink.bold}:
                self.canvas.drawString(x + offset, y - drop - offset, run)
            x += _width(run, size)

    def rect(self, x0, top, x1, bottom):
        self.canvas.rect(x0, self.height - bottom, x1 - x0, bottom - top, stroke=1, fill=0)

    def save(self):
        self.canvas.save()


@dataclass
class _Cell:
    text: str
    row: int
    col: int
    rowspan: int = 1
    colspan: int = 1
    align: str = "center"
    ink: _Ink = None  # None: the grid's


def _draw_paragraphs(pdf, paragraphs):
    """Flow ``(style, text)`` paragraphs down new portrait pages (none for no paragraphs)."""
    if not paragraphs:
        return
    pdf.new_page()
    top = TOP
    for style, text in paragraphs:
        top = _draw_paragraph(pdf, top, style, text)


def _draw_paragraph(pdf, top, style, text):
    """Draw one paragraph from ``top`` down, onto a new page when it reaches the footer;
    return the top of the next paragraph."""
    size, leading, indent, align = STYLES[style]
    indent *= size
    for i, line in enumerate(wrap(text, pdf.room, size, indent)):
        if top + size > pdf.height - BOTTOM:
            pdf.new_page()
            top = TOP
        x = {"left": pdf.margin + (indent if i == 0 else 0), "center": pdf.width / 2,
             "right": pdf.width - pdf.margin}[align]
        pdf.text(x, top, line, size, align)
        top += leading
    return top


def _draw_table(pdf, table, department, heading):
    """Draw a budget table from a new page on, running on to more pages when needed."""
    tree = _column_tree(table)
    leaves = list(_leaves(tree))
    ink = _Ink(drop=table["digit_drop"])
    title_ink = replace(ink, bold=table["bold"])
    cell_ink = replace(ink, dx=table["text_shift"][0], dy=table["text_shift"][1])
    header, header_rows = _header_cells(tree, table["numbered"], table["total_in_header"])
    header = [replace(cell, ink=replace(cell_ink, bold=table["bold"])) for cell in header]
    body = [_row_cells(row, leaves) for row in _printed_rows(table)]
    widths, landscape = _widths(leaves, body, table)
    if table["total_in_header"]:
        if table["code"] != "split" or table["numbered"] or table["lines"][0]["code"]:
            raise ValueError(f"表 {table['number']}: total_in_header needs 类/款/项 columns, "
                             "no ※ row and a first line without a code")
        header += [replace(cell, row=header_rows - 1)
                   for cell, leaf in zip(body.pop(0), leaves, strict=True) if leaf["field"] != "code_part"]
    if table["cut_name"]:
        _cut_name(body, leaves, table)
    header_heights = _heights(header, header_rows, widths)
    row_heights = [_heights(cells, 1, widths)[0] for cells in body]
    pages, start = [], 0
    while True:
        first = not start
        pages.append(pdf.new_page(landscape, table["rotated"]))
        top = TOP
        if first:
            if heading:
                pdf.text(pdf.width / 2, top, heading, 18, "center")
                top += 34
            if table["label"]:
                pdf.text(pdf.margin, top, f"表 {table['number']}", 12, ink=title_ink)
            pdf.text(pdf.width / 2, top + 20, table["title"], 17, "center", title_ink)
            top += 50
        head, head_heights = (header, header_heights) if first or table["repeat_header"] else ([], [])
        if head:
            pdf.text(pdf.margin, top, f"编制部门：{department}", 10.5, ink=ink)
            pdf.text(pdf.width - pdf.margin, top, f"单位：{table['amount_unit']}", 10.5, "right", ink)
            top += 14
        room = pdf.height - BOTTOM - top - sum(head_heights)
        end = start
        while end < len(body) and sum(row_heights[start:end + 1]) <= room:
            end += 1
            if first and end == table["break_after"]:
                break
        if end == start and end < len(body):
            raise ValueError(f"表 {table['number']}: a row is taller than a page")
        cells = head + [replace(cell, row=len(head_heights) + r)
                        for r, row in enumerate(body[start:end]) for cell in row]
        bottom = _draw_grid(pdf, pdf.margin, top, widths, head_heights + row_heights[start:end],
                            cells, cell_ink)
        start = end
        if start == len(body):
            break
    if table["empty_note"]:
        _draw_paragraph(pdf, bottom + 12, "body", table["empty_note"])
    table["pages"] = pages


def _cut_name(body, leaves, table):
    """Cut the name cell of the first page's last row: its rest becomes a row of its own."""
    row, n = table["break_after"] - 1, table["cut_name"]
    col = next(c for c, leaf in enumerate(leaves) if leaf["field"] == "name")
    cell = body[row][col]
    if not 0 < n < len(cell.text):
        raise ValueError(f"表 {table['number']}: cannot cut {cell.text!r} after {n} characters")
    body[row][col] = replace(cell, text=cell.text[:n])
    body.insert(row + 1, [replace(other, text=cell.text[n:] if c == col else "")
                          for c, other in enumerate(body[row])])


def _draw_target(pdf, target, year):
    """Draw a 项目支出绩效目标表 on one portrait page."""
    target["pages"] = [pdf.new_page()]
    pdf.text(pdf.width / 2, TOP, "项目支出绩效目标表", 16, "center")
    pdf.text(pdf.width / 2, TOP + 22, f"（{year} 年）", 12, "center")
    funds = target["funds"]
    cells = [
        _Cell("预算单位", 0, 0, colspan=2),
        _Cell(target["unit"], 0, 2, colspan=7, align="left"),
        _Cell("项目名称", 1, 0, colspan=2),
        _Cell(target["project"], 1, 2, colspan=4, align="left"),
        _Cell("项目负责人", 1, 6, colspan=2),
        _Cell(target["owner"], 1, 8, align="left"),
        _Cell("项目资金(万元)", 2, 0, rowspan=2, colspan=2),
        _Cell("年度预算总额", 2, 2),
        _Cell(format_amount(funds["total"]), 2, 3, colspan=6, align="right"),
        _Cell("其中：财政拨款", 3, 2),
        _Cell(format_amount(funds["fiscal"]), 3, 3, colspan=2, align="right"),
        _Cell("其他资金", 3, 5, colspan=2),
        _Cell(format_amount(funds["other"]), 3, 7, colspan=2, align="right"),
        _Cell("项目总体目标", 4, 0, colspan=2),
        _Cell(target["goal"], 4, 2, colspan=7, align="left"),
    ]
    cells += [_Cell(text, 5, col) for col, text in enumerate(TARGET_HEADER)]
    row = 6
    for level1, in_level1 in itertools.groupby(target["indicators"], lambda i: i["level1"]):
        in_level1 = list(in_level1)
        cells.append(_Cell(level1, row, 0, rowspan=len(in_level1)))
        for level2, in_level2 in itertools.groupby(in_level1, lambda i: i["level2"]):
            in_level2 = list(in_level2)
            cells.append(_Cell(level2, row, 1, rowspan=len(in_level2)))
            for indicator in in_level2:
                for col, key in enumerate(TARGET_FIELDS, start=2):
                    cells.append(_Cell(_indicator_text(indicator, key), row, col,
                                       align="left" if key in ("name", "basis") else "center"))
                row += 1
    heights = _heights(cells, row, TARGET_WIDTHS)
    top = TOP + 46  # below the title and the year
    if top + sum(heights) > pdf.height - BOTTOM:
        raise ValueError(f"performance table {target['project']!r} does not fit on one page")
    _draw_grid(pdf, (pdf.width - sum(TARGET_WIDTHS)) / 2, top, TARGET_WIDTHS, heights, cells)


def _indicator_text(indicator, key):
    value = indicator[key]
    if key == "evidence":
        return ",".join(value)
    return "" if value is None else str(value)


def _draw_grid(pdf, x, top, widths, heights, cells, ink=PLAIN):
    """Stroke each cell and write its text, wrapped and centred vertically; return the bottom.

    Text is inked with the cell's own ink, else ``ink``."""
    xs = list(itertools.accumulate(widths, initial=x))
    ys = list(itertools.accumulate(heights, initial=top))
    for cell in cells:
        x0, x1 = xs[cell.col], xs[cell.col + cell.colspan]
        y0, y1 = ys[cell.row], ys[cell.row + cell.rowspan]
        pdf.rect(x0, y0, x1, y1)
        lines = wrap(cell.text, x1 - x0 - 2 * CELL_PAD, CELL_SIZE)
        y = y0 + (y1 - y0 - _text_height(len(lines))) / 2
        tx = {"left": x0 + CELL_PAD, "center": (x0 + x1) / 2, "right": x1 - CELL_PAD}[cell.align]
        for line in lines:
            pdf.text(tx, y, line, CELL_SIZE, cell.align, cell.ink or ink)
            y += CELL_LEADING
    return ys[-1]


def _text_height(n_lines):
    return (n_lines - 1) * CELL_LEADING + CELL_SIZE if n_lines else 0


def _heights(cells, n_rows, widths):
    """Row heights that fit every cell's wrapped text; a merged cell stretches its last row."""
    heights = [MIN_ROW] * n_rows
    for cell in sorted(cells, key=lambda c: c.rowspan):
        width = sum(widths[cell.col:cell.col + cell.colspan]) - 2 * CELL_PAD
        need = _text_height(len(wrap(cell.text, width, CELL_SIZE))) + 2 * CELL_PAD
        rows = range(cell.row, cell.row + cell.rowspan)
        short = need - sum(heights[r] for r in rows)
        if short > 0:
            heights[rows[-1]] += short
    return heights


@lru_cache(maxsize=4096)
def wrap(text, width, size, indent=0):
    """Break ``text`` into lines no wider than ``width`` (the first ``indent`` narrower).

    Lines break between any two characters, as in published tables, but never next to a
    space: text extraction drops a space at a line's end or start, so the joined lines
    would no longer equal ``text``.
    """
    lines, start = [], 0
    while start < len(text):
        room, end = width - (indent if not lines else 0), start
        while end < len(text) and _char_width(text[end], size) <= room:
            room -= _char_width(text[end], size)
            end += 1
        if end == start:
            raise ValueError(f"{text[start]!r} is wider than {room:.1f}pt: cell too narrow")
        while end < len(text) and " " in text[end - 1:end + 1]:
            end -= 1
            if end == start:
                raise ValueError(f"cannot wrap {text!r} at width {width} without breaking at a space")
        lines.append(text[start:end])
        start = end
    return tuple(lines)


@cache
def _char_width(char, size):
    return _width(char, size)


def _width(text, size):
    return pdfmetrics.stringWidth(text, FONT, size)


def format_amount(value):
    """``"15908.55"`` → ``"15,908.55"``: the printed form of a disclosure-v1 amount."""
    sign = "-" if value.startswith("-") else ""
    whole, dot, fraction = value.lstrip("-").partition(".")
    return f"{sign}{int(whole):,}{dot}{fraction}"


# --- table structure ----------------------------------------------------------------------


def _column_tree(table):
    """The table's whole header as a tree: stub columns (code, name, project), then amounts."""
    if table["kind"] in TWO_SIDED:
        return [
            group(table["income_label"],
                  {"field": "name", "label": table["income_name_label"], "side": "income"},
                  *_amount_nodes(table["income_columns"], "income")),
            group(table["expense_label"],
                  {"field": "code_name", "label": table["name_label"], "side": "expense",
                   "width": table["name_width"]},
                  *_amount_nodes(table["columns"], "expense")),
        ]
    stub = []
    if table["code"] == "split":
        parts = [{"field": "code_part", "label": label, "index": i}
                 for i, label in enumerate(table["code_parts"])]
        stub.append(group(table["code_label"], *parts))
    elif table["code"] == "single":
        stub.append({"field": "code", "label": table["code_label"]})
    stub.append({"field": "name", "label": table["name_label"], "width": table["name_width"]})
    if table["project_label"]:
        stub.append({"field": "project", "label": table["project_label"]})
    if table["stub_label"]:
        stub = [group(table["stub_label"], *stub)]
    return stub + _amount_nodes(table["columns"], None)


def _amount_nodes(nodes, side):
    out = []
    for node in nodes:
        if isinstance(node, str):
            node = column(node)
        elif "columns" in node:
            node = group(node["label"], *_amount_nodes(node["columns"], side))
        out.append({**node, "side": side} if "field" in node else node)
    return out


def _leaves(nodes):
    for node in nodes:
        if "columns" in node:
            yield from _leaves(node["columns"])
        else:
            yield node


def _header_cells(tree, numbered, shared_row=False):
    """Header cells of ``tree``: a group spans its columns, a leaf runs down to the last row.

    With ``shared_row`` only the 类/款/项 labels reach the last row: the others stop a row
    short, leaving the rest of that row to the first body row.
    """
    depth = _depth(tree)
    cells = []

    def place(nodes, row, col):
        for node in nodes:
            if "columns" in node:
                width = len(list(_leaves(node["columns"])))
                cells.append(_Cell(node["label"], row, col, colspan=width))
                place(node["columns"], row + 1, col)
                col += width
            else:
                rowspan = depth - row - (shared_row and node["field"] != "code_part")
                if rowspan < 1:
                    raise ValueError(f"{node['label']!r} leaves no row to share with the first line")
                cells.append(_Cell(node["label"], row, col, rowspan=rowspan))
                col += 1

    place(tree, 0, 0)
    if numbered:
        numbers = itertools.count(1)
        cells += [_Cell(str(next(numbers)) if leaf["field"] == "amount" else "※", depth, col)
                  for col, leaf in enumerate(_leaves(tree))]
    return cells, depth + (1 if numbered else 0)


def _depth(nodes):
    return max(1 + _depth(node["columns"]) if "columns" in node else 1 for node in nodes)


def _printed_rows(table):
    """The printed rows, as {side: line}: two-sided tables pair an income line with the next
    expense line; every other table prints one line a row (side None)."""
    if table["kind"] not in TWO_SIDED:
        return [{None: line} for line in table["lines"]]
    rows = []
    for line in table["lines"]:
        if line["side"] == "expense" and rows and list(rows[-1]) == ["income"]:
            rows[-1]["expense"] = line
        else:
            rows.append({line["side"]: line})
    return rows


def _row_cells(row, leaves):
    """One body row's cells, one per column; raises when a line has an amount no column shows."""
    for side, line in row.items():
        shown = {leaf["key"] for leaf in leaves if leaf["field"] == "amount" and leaf["side"] == side}
        if set(line["amounts"]) - shown:
            raise ValueError(f"{line['name']}: no column for {sorted(set(line['amounts']) - shown)}")
    cells = []
    for col, leaf in enumerate(leaves):
        line = row.get(leaf.get("side"))
        text, align = _cell_text(line, leaf) if line else ("", "center")
        cells.append(_Cell(text, 0, col, align=align))
    return cells


def _cell_text(line, leaf):
    field, code = leaf["field"], line["code"] or ""
    name_align = "center" if line["row_type"] == "total" else "left"
    if field == "amount":
        value = line["amounts"].get(leaf["key"])
        return (format_amount(value) if value is not None else ""), "right"
    if field == "code_part":  # 类 "201", 款 "03", 项 "01" of "2010301"
        start, end = CODE_PART_BOUNDS[leaf["index"]:leaf["index"] + 2]
        return code[start:end], "center"
    if field == "code":
        return code, "center"
    if field == "code_name":
        return " ".join(filter(None, (code, line["name"]))), name_align
    if field == "project":
        return line["project"] or "", "left"
    return line["name"], name_align


def _widths(leaves, body, table):
    """Column widths and orientation: natural widths, amounts shrunk if the page is too narrow
    (never below their widest amount), name and project columns stretched to the margins."""
    widths = [leaf.get("width") or NATURAL_WIDTH[leaf["field"]] for leaf in leaves]
    landscape = True if table["rotated"] else table["landscape"]
    if landscape is None:
        landscape = sum(widths) > _room(False)
    room = _room(landscape)
    amounts = [c for c, leaf in enumerate(leaves) if leaf["field"] == "amount"]
    need = {c: max([0] + [_width(row[c].text, CELL_SIZE) for row in body])
            + 2 * CELL_PAD + 1 for c in amounts}
    flexible = [c for c in amounts if not leaves[c].get("width")]
    if sum(widths) > room and flexible:
        share = (room - sum(widths) + sum(widths[c] for c in flexible)) / len(flexible)
        for c in flexible:
            widths[c] = max(need[c], min(widths[c], share))
    too_narrow = [leaves[c]["key"] for c in amounts if widths[c] < need[c]]
    if too_narrow:
        raise ValueError(f"表 {table['number']}: columns {too_narrow} too narrow for their amounts")
    if sum(widths) > room:
        raise ValueError(f"表 {table['number']}: columns {sum(widths):.0f}pt wide, the page has {room}pt")
    stretch = [c for c, leaf in enumerate(leaves) if leaf["field"] in STRETCH and not leaf.get("width")]
    extra = room - sum(widths)
    for c in stretch:
        widths[c] += extra / len(stretch)
    return widths, landscape


def _room(landscape):
    """Usable width between the margins of a portrait or landscape page."""
    return (LANDSCAPE if landscape else PORTRAIT)[0] - 2 * _margin(landscape)


def _margin(landscape):
    return 30 if landscape else 50


# --- a complete small disclosure ----------------------------------------------------------


def disclosure_spec(department="某市教育局", year=2026, amount_unit="万元", performance=True):
    """A small but complete disclosure of a made-up department, as a spec to render or edit.

    Part one names the department's offices, three budget units and its staffing; seven
    tables follow (two-sided 表1, a landscape 表2 that runs onto a second page with a
    one-character-wide column, 类/款/项 and 类/款 codes, unit rows and a 项目名称 column, an
    empty table, the 三公 table), then the explanation, two performance target tables
    (without ``performance``: none) and the sign-off. Its figures add up. With
    ``amount_unit="元"`` every table amount is printed ×10000, in 元.
    """
    units = [department, f"{department}信息中心", f"{department}后勤服务中心"]

    def amounts(**values):
        scale = 10000 if amount_unit == "元" else 1
        return {key: f"{Decimal(value) * scale:.2f}" for key, value in values.items()}

    def line(code, name, **values):
        return {"code": code, "name": name, "amounts": amounts(**values)}

    total = {"row_type": "total", "name": "总计"}
    functional = [
        ("205", "教育支出", dict(basic="2922.95", project="1285.00", unit_funds="150.00", carry="40.00")),
        ("20501", "教育管理事务", dict(basic="612.40", project="85.00", carry="40.00")),
        ("2050101", "行政运行", dict(basic="612.40")),
        ("2050199", "其他教育管理事务支出", dict(project="85.00", carry="40.00")),
        ("20502", "普通教育", dict(basic="2310.55", project="1200.00", unit_funds="150.00")),
        ("2050204", "高中教育", dict(basic="2310.55", project="1200.00", unit_funds="150.00")),
        ("208", "社会保障和就业支出", dict(basic="298.16")),
        ("20805", "行政事业单位养老支出", dict(basic="298.16")),
        ("2080505", "机关事业单位基本养老保险缴费支出", dict(basic="298.16")),
        ("221", "住房保障支出", dict(basic="187.30")),
        ("22102", "住房改革支出", dict(basic="187.30")),
        ("2210201", "住房公积金", dict(basic="187.30")),
    ]

    def figures(row):
        basic, project = Decimal(row.get("basic", "0")), Decimal(row.get("project", "0"))
        fiscal = basic + project
        income = {"total": fiscal + Decimal(row.get("unit_funds", "0")) + Decimal(row.get("carry", "0")),
                  "fiscal_subtotal": fiscal, "general_budget": fiscal,
                  "unit_funds": row.get("unit_funds"), "fiscal_carryover": row.get("carry")}
        expense = {"total": fiscal, "basic": row.get("basic"), "project": row.get("project")}
        return ({k: str(v) for k, v in income.items() if v is not None},
                {k: str(v) for k, v in expense.items() if v is not None})

    income_summary = [{**total, "amounts": amounts(total="4883.41", fiscal_subtotal="4693.41",
                                                   general_budget="4693.41", unit_funds="150.00",
                                                   fiscal_carryover="40.00")}]
    general_expense = [{**total, "amounts": amounts(total="4693.41", basic="3408.41", project="1285.00")}]
    for code, name, row in functional:
        income, expense = figures(row)
        income_summary.append(line(code, name, **income))
        general_expense.append(line(code, name, **expense))

    def side(side_name, *lines):
        return [{**entry, "side": side_name} for entry in lines]

    tables = [
        {
            "kind": "income_expense_summary",
            "lines": [
                *side("income", line(None, "一、本年收入", amount="4843.41")),
                *side("expense", line("201", "一般公共服务支出")),
                *side("income", line(None, "1.一般公共预算拨款", amount="4693.41")),
                *side("expense", line("205", "教育支出", amount="4397.95")),
                *side("income", line(None, "其中：一般财力", amount="4693.41")),
                *side("expense", line("206", "科学技术支出")),
                *side("income", line(None, "2.政府性基金预算拨款")),
                *side("expense", line("208", "社会保障和就业支出", amount="298.16")),
                *side("income", line(None, "3.单位资金", amount="150.00")),
                *side("expense", line("210", "卫生健康支出")),
                *side("income", line(None, "其中：事业收入", amount="150.00")),
                *side("expense", line("221", "住房保障支出", amount="187.30")),
                *side("income", line(None, "二、上年结转结余", amount="40.00")),
                *side("income", line(None, "1.财政拨款结转", amount="40.00")),
                *side("expense", line("229", "其他支出")),
                {"row_type": "total", "side": "income", "name": "收入总计", "amounts": amounts(amount="4883.41")},
                {"row_type": "total", "side": "expense", "name": "支出总计", "amounts": amounts(amount="4883.41")},
            ],
        },
        {
            "kind": "income_summary",
            "lines": income_summary,
            "columns": ["total", group("财政拨款（补助）", "fiscal_subtotal", "general_budget",
                                       column("gov_fund", width=18)),
                        "unit_funds", "fiscal_carryover"],
            "name_width": 110,
            "landscape": True,
            "break_after": 8,
        },
        {
            "kind": "general_budget_expense",
            "lines": general_expense,
            "stub_label": "科目",
            "columns": [group("一般公共预算支出", "total", "basic", "project")],
        },
        {
            "kind": "general_budget_basic_expense",
            "lines": [
                {**total, "amounts": amounts(total="3408.41", personnel="3026.11", public_funds="382.30")},
                line("301", "工资福利支出", total="2980.11", personnel="2980.11"),
                line("30101", "基本工资", total="1020.00", personnel="1020.00"),
                line("30102", "津贴补贴", total="610.45", personnel="610.45"),
                line("30107", "绩效工资", total="864.20", personnel="864.20"),
                line("30108", "机关事业单位基本养老保险缴费", total="298.16", personnel="298.16"),
                line("30113", "住房公积金", total="187.30", personnel="187.30"),
                line("302", "商品和服务支出", total="382.30", public_funds="382.30"),
                line("30201", "办公费", total="120.00", public_funds="120.00"),
                line("30211", "差旅费", total="45.30", public_funds="45.30"),
                line("30217", "公务接待费", total="2.00", public_funds="2.00"),
                line("30231", "公务用车运行维护费", total="15.00", public_funds="15.00"),
                line("30299", "其他商品和服务支出", total="200.00", public_funds="200.00"),
                line("303", "对个人和家庭的补助", total="46.00", personnel="46.00"),
                line("30302", "退休费", total="46.00", personnel="46.00"),
            ],
            "code_parts": ("类", "款"),
            "code_label": "经济分类科目编码",
            "name_label": "经济分类科目名称",
            "stub_label": "科目",
            "columns": [group("一般公共预算基本支出", "total", "personnel", "public_funds")],
        },
        {
            "kind": "general_budget_project_expense",
            "lines": [
                {**total, "amounts": amounts(total="1285.00", goods_services="485.00",
                                             household_subsidies="200.00", capital="600.00")},
                {"row_type": "unit", "name": units[0], "amounts": amounts(total="85.00", goods_services="85.00")},
                line("205", "教育支出", total="85.00", goods_services="85.00"),
                line("20501", "教育管理事务", total="85.00", goods_services="85.00"),
                {**line("2050199", "其他教育管理事务支出", total="85.00", goods_services="85.00"),
                 "project": "教育信息化运行维护经费"},
                {"row_type": "unit", "name": units[2],
                 "amounts": amounts(total="1200.00", goods_services="400.00",
                                    household_subsidies="200.00", capital="600.00")},
                line("205", "教育支出", total="1200.00", goods_services="400.00",
                     household_subsidies="200.00", capital="600.00"),
                line("20502", "普通教育", total="1200.00", goods_services="400.00",
                     household_subsidies="200.00", capital="600.00"),
                {**line("2050204", "高中教育", total="1000.00", goods_services="400.00", capital="600.00"),
                 "project": "市属高中教学楼及学生宿舍校舍维修改造项目"},
                {**line("2050204", "高中教育", total="200.00", household_subsidies="200.00"),
                 "project": "普通高中家庭经济困难学生资助经费"},
            ],
            "project_label": "项目名称",
            "columns": [column("total", "项目支出合计"), "wages_welfare", "goods_services",
                        "household_subsidies", "capital", "other"],
        },
        {
            "kind": "gov_fund_expense",
            "empty_note": f"{department}{year} 年没有使用政府性基金预算拨款安排的支出，"
                          "政府性基金预算支出情况表为空表。",
            "stub_label": "科目",
            "columns": [group("政府性基金预算支出", "total",
                              group("基本支出", "personnel", "public_funds"), "project")],
        },
        {
            "kind": "three_public_expense",
            "lines": [
                {"row_type": "total", "name": "合计", "amounts": amounts(total="17.00", general_budget="17.00")},
                line(None, "因公出国（境）费"),
                line(None, "公务接待费", total="2.00", general_budget="2.00"),
                line(None, "公务用车购置及运行费（小计）", total="15.00", general_budget="15.00"),
                line(None, "其中：公务用车购置费"),
                line(None, "公务用车运行费", total="15.00", general_budget="15.00"),
            ],
            "code": None,
            "name_label": "“三公”经费支出内容",
            "columns": ["total", group("资金来源", "general_budget", "gov_fund", "soe_capital")],
        },
    ]
    overview = {
        "functions": f"贯彻执行国家和自治区的教育方针、政策和法规，统筹规划全市教育事业发展，"
                     f"负责{department}所属学校的教育教学管理和督导评估工作。",
        "offices": ["办公室", "基础教育科", "计划财务科", "督导评估科（政策法规科）"],
        "units": [{"name": units[0], "kind": "administrative"},
                  {"name": units[1], "kind": "institution"},
                  {"name": units[2], "kind": "institution"}],
        "staffing": {"authorized": 86, "actual": 80, "active": 72, "active_change": -2,
                     "retired": 8, "retired_change": 1, "separated": 0, "separated_change": 0},
    }
    evidence = ["工作资料", "正式材料", "原始凭证"]
    targets = [
        {
            "unit": units[0], "project": "教育信息化运行维护经费", "owner": "王先生",
            "funds": {"total": "125.00", "fiscal": "85.00", "other": "40.00"},
            "goal": "保障教育城域网、教育管理信息系统和数据中心全年稳定运行，"
                    "系统可用率不低于 99%，为全市学校提供稳定可靠的信息化服务。",
            "indicators": [
                {"level1": "产出指标", "level2": "数量指标", "name": "运维学校数量",
                 "target": "＞=120所", "comparator": ">=", "target_value": "120", "target_unit": "所",
                 "basis": "计划标准", "prior_value": "118所", "weight": 15,
                 "scoring_rule": "按照完成比例赋分", "evidence": evidence},
                {"level1": "产出指标", "level2": "数量指标", "name": "运维终端设备数量",
                 "target": "＞=3000台", "comparator": ">=", "target_value": "3000", "target_unit": "台",
                 "basis": "计划标准", "prior_value": "2860台", "weight": 15,
                 "scoring_rule": "按照完成比例赋分", "evidence": evidence},
                {"level1": "产出指标", "level2": "质量指标", "name": "系统可用率",
                 "target": "＞=99%", "comparator": ">=", "target_value": "99", "target_unit": "%",
                 "basis": "行业标准", "prior_value": "99.2%", "weight": 20,
                 "scoring_rule": "按照完成比例赋分", "evidence": evidence},
                {"level1": "产出指标", "level2": "时效指标", "name": "故障响应时间",
                 "target": "＜=2小时", "comparator": "<=", "target_value": "2", "target_unit": "小时",
                 "basis": "计划标准", "weight": 20, "scoring_rule": "直接赋分", "evidence": evidence},
                {"level1": "满意度指标", "level2": "服务对象满意度指标", "name": "学校使用满意度",
                 "target": "＞=90%", "comparator": ">=", "target_value": "90", "target_unit": "%",
                 "basis": "自定义", "prior_value": "未开展", "weight": 20,
                 "scoring_rule": "满意度赋分", "evidence": ["问卷调查"]},
            ],
        },
        {
            "unit": units[2], "project": "市属高中教学楼及学生宿舍校舍维修改造项目", "owner": "李女士",
            "funds": {"total": "1000.00", "fiscal": "1000.00", "other": "0.00"},
            "goal": "完成市属高中教学楼及学生宿舍屋面防水、外墙保温和消防设施改造，消除校舍安全隐患。",
            "indicators": [
                {"level1": "产出指标", "level2": "数量指标", "name": "改造校舍面积",
                 "target": "＞=12000平方米", "comparator": ">=", "target_value": "12000",
                 "target_unit": "平方米", "basis": "计划标准", "weight": 30,
                 "scoring_rule": "按照完成比例赋分", "evidence": evidence},
                {"level1": "产出指标", "level2": "质量指标", "name": "工程验收合格率",
                 "target": "=100%", "comparator": "=", "target_value": "100", "target_unit": "%",
                 "basis": "行业标准", "weight": 30, "scoring_rule": "直接赋分", "evidence": evidence},
                {"level1": "效益指标", "level2": "社会效益指标", "name": "校舍安全隐患消除情况",
                 "target": "有效消除", "comparator": None, "target_value": None, "target_unit": None,
                 "basis": "计划标准", "weight": 30, "scoring_rule": "按评判等级赋分",
                 "evidence": ["工作资料"]},
            ],
        },
    ]
    staff = overview["staffing"]

    def change(n):
        return f"增加 {n} 人" if n >= 0 else f"减少 {-n} 人"

    published = (year, 2, 20)
    printed_total = format_amount(tables[0]["lines"][-1]["amounts"]["amount"])
    return {
        "department": department,
        "year": year,
        "amount_unit": amount_unit,
        "published_on": "{:04d}-{:02d}-{:02d}".format(*published),
        "overview": overview,
        "narrative": [
            ("part", f"第一部分 {year} 年部门概况"),
            ("heading", "一、主要职能"),
            ("body", overview["functions"]),
            ("heading", "二、机构设置及人员情况"),
            ("body", f"从预算单位构成看，{department}的预算包括：{department}本级预算及下属 "
                     f"{len(units) - 1} 家预算单位在内的汇总预算。"),
            ("body", f"{department}本级下设 {len(overview['offices'])} 个处室，分别是："
                     f"{'、'.join(overview['offices'])}。"),
            ("body", f"本部门中，行政单位 1 家，事业单位 {len(units) - 1} 家，纳入{department}"
                     f"{year}年部门预算编制范围的下属预算单位包括："),
            *[("body", f"{i}、{name}") for i, name in enumerate(units[1:], start=1)],
            ("body", f"{department}编制数 {staff['authorized']}，实有人数 {staff['actual']} 人，其中："
                     f"在职 {staff['active']} 人，{change(staff['active_change'])}；退休 {staff['retired']} 人，"
                     f"{change(staff['retired_change'])}；离休 {staff['separated']} 人，"
                     f"{change(staff['separated_change'])}。"),
        ],
        "tables_heading": f"第二部分 {year} 年部门预算公开表",
        "tables": tables,
        "notes": [
            ("part", f"第三部分 {year} 年部门预算情况说明"),
            ("heading", f"一、关于{department}{year} 年收支预算情况的总体说明"),
            ("body", f"按照全口径预算的原则，{department}{year} 年所有收入和支出均纳入部门预算管理。"
                     f"收支总预算 {printed_total} {amount_unit}。"),
        ],
        "performance_targets": targets if performance else [],
        "closing": [
            ("part", "第四部分 名词解释"),
            ("body", "一、财政拨款收入：指本级财政当年拨付的资金。"),
            ("right", department),
            ("right", "{} 年 {} 月 {} 日".format(*published)),
        ],
    }
