"""Performance target tables (绩效目标表) as the national templates and their regional variants print them.

Two renditions of urumqi-2025's performance tables (its other pages kept from the corpus PDF):
the national-template sheet through LibreOffice Calc (label | value cells, 项目承担单位,
年度资金总额（万元）, 其中：财政拨款（万元）, 财政资金：本级安排, 部门联系人及联系电话 in one label
cell, 9-column grid with vertically merged 一级/二级指标, narrow wrapped cells) and the provincial
variant through WeasyPrint (label and value in one cell: ``部门联系人：蔡先生 联系电话：…``). The
layout comes from the answer key's ``performance_targets``; the test scores against the key.

Own-spec documents: a small department whose 部门整体支出绩效目标表 and 项目支出绩效目标表
(表N and （2026年度） around the title; a grid with or without 指标值设置依据 / 上年完成值 /
赋分规则 / 佐证资料; one table running onto the next page, with or without its header) come out
of Calc, WeasyPrint and Writer, with the budget tables of tests/pdfgen.py's spec before them.
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


def fund_rows(pairs, n, cell):
    """Fund (label, amount) pairs packed three columns each into rows ``n`` wide."""
    per_row = n // 3
    rows = []
    for at in range(0, len(pairs), per_row):
        chunk = pairs[at:at + per_row]
        rows.append(cell(chunk, n - 3 * (len(chunk) - 1)))
    return rows


def national_info(target, n):
    """The national template's label | value block (label and value in cells of their own)."""
    funds = target["funds"]

    def pairs_row(chunk, last):
        return label_value([(label, value, 2, 1 if i < len(chunk) - 1 else last - 2)
                            for i, (label, value) in enumerate(chunk)], n)

    if target["scope"] == "department":
        rows = [label_value([("部门名称", target["unit"], 2, n - 2)], n),
                label_value([("部门联系人及联系电话", f"{target['owner']} {target['phone'] or ''}".strip(), 2, n - 2)], n)]
        rows += fund_rows([("财政资金：上级补助（万元）", money(funds.get("fiscal_higher"))),
                           ("财政资金：本级安排（万元）", money(funds.get("fiscal_local"))),
                           ("其他资金（万元）", money(funds.get("other")))], n, pairs_row)
    else:
        rows = [label_value([("项目名称", target["project"], 2, n - 2)], n),
                label_value([("项目承担单位", target["unit"], 2, n - 5), ("项目负责人", target["owner"], 2, 1)], n)]
        rows += fund_rows([("年度资金总额（万元）", money(funds.get("total"))),
                           ("其中：财政拨款（万元）", money(funds.get("fiscal"))),
                           ("其他资金（万元）", money(funds.get("other")))], n, pairs_row)
    rows.append([Cell("年度绩效目标", colspan=2), Cell(target["goal"], colspan=n - 2, align="left")])
    return rows


def provincial_info(target, n):
    """The provincial variant: every label and its value in one cell."""
    funds = target["funds"]

    def one(*pairs, span=n):
        return Cell(" ".join(f"{label}：{value}" for label, value in pairs), colspan=span, align="left")

    def pairs_row(chunk, last):
        return [one(pair, span=3 if i < len(chunk) - 1 else last) for i, pair in enumerate(chunk)]

    if target["scope"] == "department":
        rows = [[one(("部门（单位）名称", target["unit"]))],
                [one(("部门联系人", target["owner"]), ("联系电话", target["phone"] or ""))]]
        rows += fund_rows([("上级补助（万元）", money(funds.get("fiscal_higher"))),
                           ("本级安排（万元）", money(funds.get("fiscal_local"))),
                           ("其他资金（万元）", money(funds.get("other")))], n, pairs_row)
    else:
        rows = [[one(("项目名称", target["project"]))],
                [one(("实施单位", target["unit"]), span=5), one(("项目负责人", target["owner"]), span=n - 5)]]
        rows += fund_rows([("资金总额（万元）", money(funds.get("total"))),
                           ("其中：财政拨款", money(funds.get("fiscal"))),
                           ("其他资金", money(funds.get("other")))], n, pairs_row)
    rows.append([one(("年度绩效目标", target["goal"]))])
    return rows


def target_blocks(target, year, info, keys=FULL, label=None, chunks=None, repeat_header=False):
    """Title lines and grids of one table; ``chunks`` cut the indicators over several pages
    (the header printed again on each when ``repeat_header``)."""
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
        rows = (info(target, len(keys)) if n == 0 else []) + ([header] if n == 0 or repeat_header else [])
        rows += indicator_rows(part, keys)
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


# -- own spec: a small department, its budget tables by reportlab, its target tables after them ---

DEPARTMENT, YEAR = "示例县档案馆", 2026
DEPT_KEYS = ("level1", "level2", "name", "target", "basis", "weight")
EVIDENCE = ["工作资料", "验收报告"]


def item(level1, level2, name, target, basis, weight, prior=None, rule=None, evidence=()):
    """An indicator as the key states it (target split as the schema says)."""
    from performance.parsing import parse_target

    comparator, value, unit = parse_target(target)
    assert (comparator, value) != (None, None) or not any(ch.isdigit() for ch in target), target
    return {"level1": level1, "level2": level2, "name": name, "target": target, "comparator": comparator,
            "target_value": value, "target_unit": unit, "basis": basis, "prior_value": prior,
            "weight": weight, "scoring_rule": rule, "evidence": list(evidence)}


def own_targets():
    """One 部门整体 table (no 上年完成值/赋分规则/佐证资料) and two project tables, the first long."""
    units = [DEPARTMENT, f"{DEPARTMENT}信息中心", f"{DEPARTMENT}后勤服务中心"]
    department = {
        "scope": "department", "unit": units[0], "project": None, "owner": "周女士", "phone": "0871-6543210",
        "funds": {"fiscal_higher": "120.00", "fiscal_local": "2345.60", "other": "35.00"},
        "goal": "完成馆藏档案数字化和库房安全改造，提升档案开放利用服务水平。",
        "indicators": [
            item("履职效能", "数量指标", "全年接收进馆档案", "＞=8000卷", "年度工作计划", 20),
            item("履职效能", "数量指标", "开放档案目录条目", "＞=12万条", "年度工作计划", 20),
            item("履职效能", "质量指标", "数字化成果抽检合格率", "＞=98%", "行业标准", 20),
            item("管理效率", "预算管理", "预算执行率", "＞=95%", "财政部门要求", 10),
            item("社会效应", "社会效益", "档案利用服务人次", "＞=5000人次", "历史标准", 20),
            item("服务对象满意度", "服务对象满意度", "查档群众满意度", "＞=90%", "自定义", 10),
        ],
    }
    names = ["纸质档案扫描", "图像处理", "著录标引", "数据挂接", "质量检查", "成果移交",
             "缩微胶片转换", "照片档案扫描", "录音录像档案转换", "目录数据库建设", "全文识别",
             "异地备份", "数据迁移", "元数据校验"]
    amounts = ["40万页", "40万页", "8万条", "8万条", "100%", "2次", "300盘", "6000张", "120小时",
               "8万条", "20万页", "1套", "2TB", "8万条"]
    long = [item("产出指标", "数量指标" if n < 9 else "质量指标", f"{name}数量", f"＞={amount}",
                 "年度加工计划，依据档案数字化加工规范逐项核定", 4, prior=None if n % 3 else amount,
                 rule="按照完成比例赋分", evidence=EVIDENCE)
            for n, (name, amount) in enumerate(zip(names, amounts, strict=True))]
    long += [
        item("产出指标", "时效指标", "加工完成时限", "＜=10个月", "合同约定", 4, rule="超期不得分",
             evidence=["合同"]),
        item("成本指标", "经济成本指标", "每页加工成本", "＜=0.45元", "市场询价", 4, prior="0.48元",
             rule="按照完成比例赋分", evidence=EVIDENCE),
        item("效益指标", "社会效益指标", "档案在线查阅便利程度", "明显提升", "自定义", 10, prior="提升",
             rule="按评判等级赋分", evidence=["说明材料"]),
        item("满意度指标", "服务对象满意度指标", "利用者满意度", "＞=90%", "自定义", 10, prior="92%",
             rule="满意度赋分", evidence=["问卷调查"]),
    ]
    project1 = {
        "scope": "project", "unit": units[1], "project": "馆藏档案数字化加工项目", "owner": "孙先生", "phone": None,
        "funds": {"total": "180.00", "fiscal": "150.00", "other": "30.00"},
        "goal": "完成馆藏重点档案全文数字化加工，建立目录和全文数据库，实现档案在线检索利用。",
        "indicators": long,
    }
    project2 = {
        "scope": "project", "unit": units[2], "project": "档案库房安全改造项目", "owner": "吴女士", "phone": None,
        "funds": {"total": "46.50", "fiscal": "46.50", "other": "0.00"},
        "goal": "完成两处档案库房消防和温湿度控制设施改造。",
        "indicators": [
            item("产出指标", "数量指标", "改造库房面积", "＞=1200平方米", "改造方案", 30, rule="按照完成比例赋分",
                 evidence=EVIDENCE),
            item("产出指标", "质量指标", "工程验收合格率", "=100%", "行业标准", 30, rule="直接赋分",
                 evidence=EVIDENCE),
            item("效益指标", "可持续影响指标", "库房温湿度达标天数", "＞=350天", "档案馆建筑设计规范", 30,
                 prior="310天", rule="按照完成比例赋分", evidence=["监测记录"]),
        ],
    }
    return [department, project1, project2]


def own_render(producer, info, labels, repeat_header, first_sheet):
    """The own-spec department: budget part by reportlab, then its target tables by ``producer``
    (the long table's first ``first_sheet`` indicators on a page group of their own)."""
    def render(path):
        targets = own_targets()
        with tempfile.TemporaryDirectory() as tmp:
            budget, spec = pdfgen.render_disclosure(Path(tmp) / "budget.pdf",
                                                    pdfgen.disclosure_spec(DEPARTMENT, YEAR, performance=False))
            layout = []
            for n, target in enumerate(targets):
                keys = DEPT_KEYS if target["scope"] == "department" else FULL
                chunks = None if target is not targets[1] else [first_sheet, len(target["indicators"]) - first_sheet]
                layout += target_blocks(target, YEAR, info, keys, labels and f"表{8 + n}", chunks, repeat_header)
            part = producer(layout, Path(tmp) / "targets.pdf")
            producers.join([budget, part], path)
        expected = pdfgen.expected(spec)
        expected["performance_targets"] = locate(targets, path)
        return expected
    return render


def locate(targets, path):
    """``targets`` with the pages of ``path`` each is printed on (from its title to the next)."""
    import pypdfium2

    pdf = pypdfium2.PdfDocument(str(path))
    texts = [page.get_textpage().get_text_range() for page in pdf]
    pdf.close()
    starts = [n for n, text in enumerate(texts, 1) if "绩效目标表" in text.replace(" ", "")]
    starts = starts[-len(targets):]
    ends = [*starts[1:], len(texts) + 1]
    return [dict(target, pages=list(range(start, end))) for target, start, end in zip(targets, starts, ends, strict=True)]


CALC = functools.partial(producers.calc, fit_rows=True)

VARIANTS = [
    Variant("perf-urumqi-calc", "libreoffice-calc", urumqi_render(CALC, national_info), FACETS,
            about="urumqi-2025's 绩效目标表 as national-template sheets by Calc, its other pages as published"),
    Variant("perf-urumqi-weasyprint", "weasyprint", urumqi_render(producers.weasyprint, provincial_info), FACETS,
            about="urumqi-2025's 绩效目标表, label and value in one cell, by WeasyPrint"),
    Variant("perf-own-calc", "libreoffice-calc",
            own_render(CALC, national_info, labels=True, repeat_header=False, first_sheet=10), FACETS,
            about="a small department's 部门整体 (6-column grid) and project tables, 表N above the titles, "
                  "one grid continued on a new sheet without its header, by Calc"),
    Variant("perf-own-weasyprint", "weasyprint",
            own_render(producers.weasyprint, provincial_info, labels=False, repeat_header=True, first_sheet=7),
            FACETS, about="the same department, label and value in one cell, the continued grid's header "
                          "repeated, by WeasyPrint"),
    Variant("perf-own-writer", "libreoffice-writer",
            own_render(producers.writer, national_info, labels=True, repeat_header=False, first_sheet=10), FACETS,
            about="the same department as Writer tables: equal columns, a row cut across the page break"),
]
