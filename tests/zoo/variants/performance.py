"""Performance target tables (绩效目标表) as the national templates and their regional variants print them.

Two renditions of urumqi-2025's performance tables (its other pages kept from the corpus PDF):
the national-template sheet through LibreOffice Calc (label | value cells, 项目承担单位,
年度资金总额（万元）, 其中：财政拨款（万元）, 财政资金：本级安排, 部门联系人及联系电话 in one label
cell, 9-column grid with vertically merged 一级/二级指标, narrow wrapped cells) and the provincial
variant through WeasyPrint (label and value in one cell: ``部门联系人：蔡先生 联系电话：…``). The
layout comes from the answer key's ``performance_targets``; the test scores against the key.

Two own-spec documents: a small department whose 部门整体支出绩效目标表 and 项目支出绩效目标表
(表N and （2026年度） above the title; a grid with or without 指标值设置依据 / 上年完成值 /
赋分规则 / 佐证资料; one table running onto the next page without its header) come out of Calc
and WeasyPrint, with the budget tables of tests/pdfgen.py's spec before them.
"""
import functools
import itertools
import json
import tempfile
from pathlib import Path

from tests import pdfgen
from tests.conftest import shared_path
from tests.zoo import producers
from tests.zoo.build import Variant
from tests.zoo.producers import Cell, Grid, Page, Para

KEY = "corpus/urumqi-2025/expected.json"
FACETS = ["document", "lines", "amounts", "targets", "indicators"]
FULL = ("level1", "level2", "name", "target", "basis", "prior_value", "weight", "scoring_rule", "evidence")
HEADER = {"level1": "一级指标", "level2": "二级指标", "name": "三级指标", "target": "指标值",
          "basis": "指标值设置依据", "prior_value": "上年完成值", "weight": "分值权重",
          "scoring_rule": "赋分规则", "evidence": "佐证资料"}
# Narrow columns, as the templates print them: names and values wrap.
WIDTHS = {"level1": 5, "level2": 5, "name": 14, "target": 6, "basis": 10, "prior_value": 6,
          "weight": 4, "scoring_rule": 8, "evidence": 9}


def money(value):
    return "" if value is None else pdfgen.format_amount(value)


def text(indicator, key):
    value = indicator.get(key)
    if key == "evidence":
        return ",".join(value or [])
    return "" if value is None else str(value)


def indicator_rows(indicators, keys):
    """Grid rows of ``indicators``: 一级/二级指标 merged over the rows they share."""
    rows = []
    for level1, in_level1 in itertools.groupby(indicators, lambda i: i["level1"]):
        in_level1 = list(in_level1)
        first1 = True
        for level2, in_level2 in itertools.groupby(in_level1, lambda i: i["level2"]):
            in_level2 = list(in_level2)
            first2 = True
            for indicator in in_level2:
                row = []
                if first1:
                    row.append(Cell(level1, rowspan=len(in_level1)))
                if first2:
                    row.append(Cell(level2, rowspan=len(in_level2)))
                row += [Cell(text(indicator, k), align="left" if k in ("name", "basis") else "center")
                        for k in keys[2:]]
                rows.append(row)
                first1 = first2 = False
    return rows


def label_value(pairs, n_cols):
    """One block row of (label, value, label span, value span) pairs."""
    row = []
    for label, value, lspan, vspan in pairs:
        row += [Cell(label, colspan=lspan), Cell(value, colspan=vspan, align="left")]
    assert sum(c.colspan for c in row) == n_cols, pairs
    return row


def national_info(target, n):
    """The national template's label | value block (label and value in cells of their own)."""
    funds = target["funds"]
    if target["scope"] == "department":
        rows = [label_value([("部门名称", target["unit"], 2, n - 2)], n),
                label_value([("部门联系人及联系电话", f"{target['owner']} {target['phone'] or ''}".strip(), 2, n - 2)], n),
                label_value([("财政资金：上级补助（万元）", money(funds.get("fiscal_higher")), 2, 1),
                             ("财政资金：本级安排（万元）", money(funds.get("fiscal_local")), 2, 1),
                             ("其他资金（万元）", money(funds.get("other")), 2, n - 8)], n)]
    else:
        rows = [label_value([("项目名称", target["project"], 2, n - 2)], n),
                label_value([("项目承担单位", target["unit"], 2, n - 5), ("项目负责人", target["owner"], 2, 1)], n),
                label_value([("年度资金总额（万元）", money(funds.get("total")), 2, 1),
                             ("其中：财政拨款（万元）", money(funds.get("fiscal")), 2, 1),
                             ("其他资金（万元）", money(funds.get("other")), 2, n - 8)], n)]
    rows.append([Cell("年度绩效目标", colspan=2), Cell(target["goal"], colspan=n - 2, align="left")])
    return rows


def provincial_info(target, n):
    """The provincial variant: every label and its value in one cell."""
    funds = target["funds"]

    def one(*pairs, span=n):
        return Cell(" ".join(f"{label}：{value}" for label, value in pairs), colspan=span, align="left")

    if target["scope"] == "department":
        rows = [[one(("部门（单位）名称", target["unit"]))],
                [one(("部门联系人", target["owner"]), ("联系电话", target["phone"] or ""))],
                [one(("上级补助（万元）", money(funds.get("fiscal_higher"))), span=3),
                 one(("本级安排（万元）", money(funds.get("fiscal_local"))), span=3),
                 one(("其他资金（万元）", money(funds.get("other"))), span=n - 6)]]
    else:
        rows = [[one(("项目名称", target["project"]))],
                [one(("实施单位", target["unit"]), span=5), one(("项目负责人", target["owner"]), span=n - 5)],
                [one(("资金总额（万元）", money(funds.get("total"))), span=3),
                 one(("其中：财政拨款", money(funds.get("fiscal"))), span=3),
                 one(("其他资金", money(funds.get("other"))), span=n - 6)]]
    rows.append([one(("年度绩效目标", target["goal"]))])
    return rows


def target_blocks(target, year, info, keys=FULL, label=None, chunks=None):
    """Title lines and grids of one table; ``chunks`` cut the indicators over several pages."""
    title = "部门整体支出绩效目标表" if target["scope"] == "department" else "项目支出绩效目标表"
    head = [Para(label, "right")] if label else []
    head += [Para(title, "title"), Para(f"（{year}年度）", "right")]
    widths = [WIDTHS[k] for k in keys]
    header = [Cell(HEADER[k], bold=True) for k in keys]
    chunks = chunks or [len(target["indicators"])]
    pages, start = [], 0
    for n, size in enumerate(chunks):
        part = target["indicators"][start:start + size]
        start += size
        rows = (info(target, len(keys)) + [header] if n == 0 else []) + indicator_rows(part, keys)
        pages.append(Page(blocks=(head if n == 0 else []) + [Grid(rows, widths)]))
    return pages


def perf_pages(key):
    """Every page number the key's performance tables are printed on."""
    return sorted({p for t in key["performance_targets"] for p in t["pages"]})


def urumqi_render(producer, info):
    """Render urumqi-2025's performance tables by ``producer`` between its other pages."""
    def render(path):
        key = json.loads(shared_path(KEY).read_text(encoding="utf-8"))
        layout = [page for target in key["performance_targets"]
                  for page in target_blocks(target, key["document"]["fiscal_year"], info)]
        with tempfile.TemporaryDirectory() as tmp:
            part = producer(layout, Path(tmp) / "targets.pdf")
            splice(shared_path("corpus/urumqi-2025/disclosure.pdf"), perf_pages(key), part, path)
        return KEY
    return render


def splice(original, replaced, part, out):
    """``original`` with its pages ``replaced`` (1-based, one run) swapped for the PDF ``part``."""
    import pypdfium2

    source, inserted = pypdfium2.PdfDocument(str(original)), pypdfium2.PdfDocument(str(part))
    whole = pypdfium2.PdfDocument.new()
    first, last = replaced[0] - 1, replaced[-1]
    assert replaced == list(range(replaced[0], last + 1)), replaced
    # One import a document, so each document's fonts are copied once.
    whole.import_pages(source, [*range(first), *range(last, len(source))])
    whole.import_pages(inserted, index=first)
    whole.save(str(out))
    for doc in (whole, inserted, source):
        doc.close()


CALC = functools.partial(producers.calc, fit_rows=True)

VARIANTS = [
    Variant("perf-urumqi-calc", "libreoffice-calc", urumqi_render(CALC, national_info), FACETS,
            about="urumqi-2025's 绩效目标表 as national-template sheets by Calc, its other pages as published"),
    Variant("perf-urumqi-weasyprint", "weasyprint", urumqi_render(producers.weasyprint, provincial_info), FACETS,
            about="urumqi-2025's 绩效目标表, label and value in one cell, by WeasyPrint"),
]
