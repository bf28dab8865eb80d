"""Narrative pages reflowed by other word processors (issue 11): the same text, other line breaks.

A published disclosure's explanations are set by whatever word processor the department uses, so
the same paragraph wraps elsewhere, a label and its value may fall on different lines and a
paragraph may run over a page break. Here urumqi-2025's narrative (its ``source.txt``, the
text of the published PDF, wrapped lines joined back into paragraphs by structure) is set again
by LibreOffice Writer and by WeasyPrint, and joined with the original table and performance
pages; own-spec variants set Putuo-style and other numbering schemes the same ways.
"""
import ctypes
import re
import tempfile
from pathlib import Path

from tests.conftest import shared_path
from tests.zoo import producers
from tests.zoo.build import Variant
from tests.zoo.producers import Page, Para

URUMQI = "corpus/urumqi-2025"
# What opens a paragraph of source.txt: a numbering mark or a project label.
OPENER = re.compile(
    r"^(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]"
    r"|\d{1,2}[、.．](?!\d+(?:\.\d+)?\s*(?:万|元|%))|(?:设立的政策依据|预算安排规模|项目承担单位|资金分配情况|资金执行时间)[：:])"
)
FULL_LINE = 31  # a source.txt line this wide (CJK characters) was wrapped, not ended …
SENTENCE_LINE = 34  # … unless it ends a sentence short of this width
PART = re.compile(r"^第[一二三四五六七八九十]+部分")
HEADING = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）])[^。；，：:]{0,40}$")


def width(text):
    return sum(0.5 if ord(ch) < 0x2000 else 1 for ch in text)


def wrapped(line):
    """Whether the source line ``line`` runs on into the next one."""
    full = SENTENCE_LINE if line.endswith(("。", "：")) else FULL_LINE
    return width(line) >= full


def source_paragraphs(lines):
    """The paragraphs of source.txt lines: a wrapped line joins the one above it."""
    paras = []
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        if paras and not OPENER.match(line) and wrapped(paras[-1][1]):
            paras[-1][0] += line
        else:
            paras.append([line, line])
        paras[-1][1] = line
    return [text for text, _ in paras]


def styled(texts):
    """(style, text) for each paragraph: part titles, short numbered headings, the sign-off, body."""
    out = []
    for i, text in enumerate(texts):
        if PART.match(text):
            out.append(("title", text))
        elif HEADING.match(text) or "项目名称" in text[:10]:
            out.append(("heading", text))
        elif i >= len(texts) - 2 and len(text) < 20:
            out.append(("right", text))
        else:
            out.append(("body", text))
    return out


def urumqi_narrative():
    """urumqi-2025's narrative stretches as paragraphs: before the tables, after them, after the targets."""
    lines = shared_path(URUMQI, "source.txt").read_text(encoding="utf-8").split("\n")
    starts = [i for i, line in enumerate(lines) if line.strip().startswith(("第二部分", "第三部分", "部门整体绩效目标表"))]
    tail = next(i for i, line in enumerate(lines) if "其他需说明的事项" in line and i > starts[2])
    cuts = [(0, starts[0]), (starts[1], starts[2]), (tail, len(lines))]
    return [styled(source_paragraphs(lines[a:b])) for a, b in cuts]


def key_pages(key, name):
    """The pages the key gives its tables or performance targets."""
    return sorted({n for item in key[name] for n in item["pages"]})


def interleave(runs, out):
    """``out``: the pages of ``runs``, (PDF path, page indices) pairs, in order. Each PDF is imported
    once, all its pages in one go, so its fonts are embedded once."""
    import pypdfium2

    whole = pypdfium2.PdfDocument.new()
    sources = {}
    for path, pages in runs:
        sources.setdefault(path, []).extend(pages)
    for path, pages in sources.items():
        source = pypdfium2.PdfDocument(str(path))
        whole.import_pages(source, pages)
        source.close()
    # the pages stand source by source: put them in the order of the runs
    placed = [(path, i) for path, pages in sources.items() for i in pages]
    order = [placed.index((path, i)) for path, pages in runs for i in pages]
    if not pypdfium2.raw.FPDF_MovePages(whole.raw, (ctypes.c_int * len(order))(*order), len(order), 0):
        raise RuntimeError("pdfium could not reorder the pages")
    whole.save(str(out))
    whole.close()
    return Path(out)


def stretch_pages(pdf, firsts):
    """The page indices of each stretch of ``pdf``, a stretch starting at the page that opens with its
    first paragraph's text (``firsts``)."""
    import pypdfium2

    document = pypdfium2.PdfDocument(str(pdf))
    texts = ["".join(page.get_textpage().get_text_range().split()) for page in document]
    document.close()
    starts = []
    for first in firsts:
        probe = "".join(first.split())[:8]
        after = starts[-1] + 1 if starts else 0
        starts.append(next(i for i in range(after, len(texts)) if texts[i].startswith(probe)))
    return [list(range(a, b)) for a, b in zip(starts, [*starts[1:], len(texts)], strict=True)]


def page_count(pdf):
    import pypdfium2

    document = pypdfium2.PdfDocument(str(pdf))
    count = len(document)
    document.close()
    return count


def set_apart(producer, stretches, tmp):
    """The stretches set by ``producer`` in one document (fonts embedded once): (path, pages) runs."""
    pdf = producer([Page([Para(text, style) for style, text in part]) for part in stretches], tmp / "narrative.pdf")
    return [(pdf, pages) for pages in stretch_pages(pdf, [part[0][1] for part in stretches])]


FIELD = re.compile(r"^((?:设立的政策依据|预算安排规模|项目承担单位|资金分配情况|资金执行时间)[：:])")
LIST_SENTENCE = re.compile(r"^(.*?(?:分别是|其中)[：:])(?=.)")


def labels_apart(stretch):
    """Each project label on a line of its own, its value in the paragraph below; a sentence's list
    (「分别是：…」, 「其中：…」) likewise."""
    out = []
    for style, text in stretch:
        m = (FIELD.match(text) or LIST_SENTENCE.match(text)) if style == "body" else None
        out += [(style, m.group(1)), (style, text[m.end(1):])] if m else [(style, text)]
    return out


def run_on(stretch):
    """Each project's fields run into one paragraph, as when a reflow loses the breaks between them."""
    out = []
    for style, text in stretch:
        if style == "body" and FIELD.match(text) and out and out[-1][0] == "body" and FIELD.match(out[-1][1]):
            out[-1] = (style, out[-1][1] + text)
        else:
            out.append((style, text))
    return out


HAN_NUMBERS = "一二三四五六七八九十"


def han_value(text):
    """``"十二"`` → 12."""
    tens, ten, ones = text.partition("十")
    if not ten:
        return HAN_NUMBERS.index(text) + 1
    return (HAN_NUMBERS.index(tens) + 1 if tens else 1) * 10 + (HAN_NUMBERS.index(ones) + 1 if ones else 0)


def renumbered(stretch):
    """Headings numbered 第N章, 1. and (1) instead of 第N部分, 一、 and （一）."""
    marks = [
        (re.compile(r"^第([一二三四五六七八九十]+)部分"), lambda m: f"第{m.group(1)}章"),
        (re.compile(r"^([一二三四五六七八九十]+)、\s*"), lambda m: f"{han_value(m.group(1))}. "),
        (re.compile(r"^[（(]([一二三四五六七八九十]+)[)）]\s*"), lambda m: f"({han_value(m.group(1))}) "),
    ]
    out = []
    for style, text in stretch:
        if style in ("title", "heading"):
            for pattern, mark in marks:
                text = pattern.sub(mark, text, count=1)
        out.append((style, text))
    return out


def urumqi(producer, reshape=None):
    """A render function: urumqi-2025's narrative (``reshape``d, stretch by stretch) set by
    ``producer``, the original's table and performance pages between."""

    def render(path):
        import json

        key = json.loads(shared_path(URUMQI, "expected.json").read_text(encoding="utf-8"))
        original = shared_path(URUMQI, "disclosure.pdf")
        tables, targets = ((original, [n - 1 for n in key_pages(key, name)]) for name in ("tables", "performance_targets"))
        with tempfile.TemporaryDirectory() as tmp:
            stretches = [reshape(part) if reshape else part for part in urumqi_narrative()]
            front, notes, closing = set_apart(producer, stretches, Path(tmp))
            interleave([front, tables, notes, targets, closing], path)
        return f"{URUMQI}/expected.json"

    return render


# Another house style: a serif (宋体-like) font, flush-left justified paragraphs without
# spacing, headings bold at body size and not indented, part titles left-aligned and hardly larger.
HOUSE_CSS = """
body { font-family: "Noto Serif CJK SC"; font-size: 11pt; }
p { margin: 0; }
p.title { text-align: left; font-size: 12pt; margin: 6pt 0; }
p.heading { font-size: 11pt; font-weight: bold; }
p.body { text-indent: 0; text-align: justify; line-height: 1.35; }
"""


def house_style(pages, out):
    """WeasyPrint with :data:`HOUSE_CSS`."""
    return producers.weasyprint(pages, out, css=HOUSE_CSS)


URUMQI_FACETS = ["document", "overview", "projects", "other", "lines", "amounts"]

VARIANTS = [
    Variant("narr-urumqi-writer", "libreoffice-writer", urumqi(producers.writer), URUMQI_FACETS,
            about="urumqi-2025's narrative (source.txt, paragraphs rejoined) reflowed by LibreOffice Writer, "
                  "joined with the original's table and performance pages"),
    Variant("narr-urumqi-weasyprint", "weasyprint", urumqi(house_style, labels_apart), URUMQI_FACETS,
            about="urumqi-2025's narrative by WeasyPrint in another house style (serif font, flush-left "
                  "justified paragraphs without spacing, bold headings at body size), each project label and "
                  "list sentence on a line of its own above its value, original table pages between"),
    Variant("narr-urumqi-runon", "libreoffice-writer", urumqi(producers.writer, lambda part: run_on(renumbered(part))),
            URUMQI_FACETS,
            about="urumqi-2025's narrative by LibreOffice Writer with its headings numbered 第N章, 1. and (1) "
                  "(bold at body size) and each project's fields run into one paragraph (the breaks between "
                  "them lost), original table pages between"),
]


# -- own specs: a made-up department's narrative in other numbering schemes --------------------

DEPARTMENT, YEAR = "某市文化旅游局", 2026
UNITS = [DEPARTMENT, f"{DEPARTMENT}信息中心", f"{DEPARTMENT}后勤服务中心"]
OVERVIEW = {
    "functions": "贯彻执行国家文化和旅游工作的方针政策，统筹规划全市文化事业、文化产业和旅游业发展。",
    "offices": ["办公室", "财务审计科", "产业发展科", "市场管理科（执法监督科）"],
    "units": [{"name": UNITS[0], "kind": "administrative"}, {"name": UNITS[1], "kind": "institution"},
              {"name": UNITS[2], "kind": "institution"}],
    "staffing": {"authorized": 58, "actual": 55, "active": 50, "active_change": -2,
                 "retired": 5, "retired_change": 1, "separated": 0, "separated_change": 0},
}
PROJECTS = [
    {"name": "公共文化服务体系建设经费", "unit": UNITS[0], "amount": "150.00",
     "period_start": "2026-01-01", "period_end": "2026-12-31"},
    {"name": "旅游市场综合监管平台运行维护项目", "unit": UNITS[1], "amount": "86.40",
     "period_start": "2026-03-01", "period_end": "2026-11-30"},
    {"name": "文物保护修缮工程", "unit": UNITS[2], "amount": "1,205.50",
     "period_start": "2026-01-01", "period_end": "2027-06-30"},
]
OTHER = {
    "operating_funds": "88.50",
    "procurement": {"total": "326.40", "goods": "120.40", "works": "0.00", "services": "206.00",
                    "sme_reserved": "200.00", "small_micro_reserved": "150.00"},
    "assets": {"buildings_m2": "2350.00", "buildings_value": "1860.00", "vehicles": 3, "vehicles_value": "75.60",
               "furniture_value": "42.30", "other_value": "310.80", "large_equipment_500k": 2,
               "large_equipment_1m": 1},
    "three_public": {"total": "12.60", "overseas": "0.00", "vehicle_purchase": "0.00",
                     "vehicle_operation": "9.80", "reception": "2.80"},
}


def period(project, style):
    """The project's period as printed: ``2026.1.1-2026.12.31`` or ``2026年1月1日至…``."""
    dates = [tuple(int(x) for x in project[k].split("-")) for k in ("period_start", "period_end")]
    if style == "dots":
        return "-".join("{}.{}.{}".format(*d) for d in dates)
    return "至".join("{}年{}月{}日".format(*d) for d in dates)


def putuo_narrative():
    """Putuo's shapes: 一、/1. numbering, titled project reports, labels on a line of their own."""
    staff, offices, year = OVERVIEW["staffing"], OVERVIEW["offices"], YEAR
    front = [
        ("title", f"{DEPARTMENT}{year}年部门预算"),
        ("title", "第一部分 部门概况"),
        ("heading", "一、部门主要职能"),
        ("body", f"{DEPARTMENT}是主管全市文化和旅游工作的市政府工作部门。主要职能包括："),
        ("body", "1、" + OVERVIEW["functions"]),
        ("heading", "二、部门机构设置"),
        ("body", f"{DEPARTMENT}部门预算是包括本级以及下属2家预算单位的综合收支计划。"),
        ("body", "本部门中，行政单位1家，事业单位2家，具体包括："),
        ("body", f"1. {UNITS[0]}，机关设{len(offices)}个内设机构，包括：{'、'.join(offices)}。"),
        ("body", f"2. {UNITS[1]}。"),
        ("body", f"3. {UNITS[2]}。"),
        ("heading", "三、人员构成情况"),
        ("body", f"{DEPARTMENT}编制数{staff['authorized']}人，实有人数{staff['actual']}人，其中："),
        ("body", f"在职{staff['active']}人，比上年减少{-staff['active_change']}人；退休{staff['retired']}人，"
                 f"比上年增加{staff['retired_change']}人；离休{staff['separated']}人，比上年增加0人。"),
    ]
    three, assets, buy = OTHER["three_public"], OTHER["assets"], OTHER["procurement"]
    notes = [
        ("title", f"第三部分 {year}年部门预算情况说明"),
        ("heading", "一、“三公”经费预算情况"),
        ("body", f"{year}年“三公”经费财政拨款预算{three['total']}万元，其中：因公出国（境）费"
                 f"{three['overseas']}万元，公务用车购置费{three['vehicle_purchase']}万元，"
                 f"公务用车运行费{three['vehicle_operation']}万元，公务接待费{three['reception']}万元。"),
        ("heading", "二、机关运行经费预算"),
        ("body", f"{year}年{DEPARTMENT}财政拨款的机关运行经费预算为{OTHER['operating_funds']}万元。"),
        ("heading", "三、政府采购预算情况"),
        ("body", f"{year}年度本部门政府采购预算{buy['total']}万元，其中：政府采购货物预算{buy['goods']}万元、"
                 f"政府采购工程预算{buy['works']}万元、政府采购服务预算{buy['services']}万元。"),
        ("body", f"面向中小企业预留政府采购项目预算金额{buy['sme_reserved']}万元，其中面向小微企业预留"
                 f"{buy['small_micro_reserved']}万元。"),
        ("heading", "四、国有资产占有使用情况"),
        ("body", f"截至{year - 1}年12月31日，{DEPARTMENT}共有房屋{assets['buildings_m2']}平方米，价值"
                 f"{assets['buildings_value']}万元；车辆{assets['vehicles']}辆，价值{assets['vehicles_value']}万元；"
                 f"办公家具价值{assets['furniture_value']}万元；其他资产价值{assets['other_value']}万元；"
                 f"单位价值50万元以上设备{assets['large_equipment_500k']}台，单位价值100万元以上设备"
                 f"{assets['large_equipment_1m']}台。"),
        ("body", f"{year}年部门预算安排购置车辆0辆，安排购置单价100万元以上设备0台。"),
        ("heading", "五、项目经费情况说明"),
    ]
    for project in PROJECTS:
        notes += [
            ("heading", f"{project['name']}情况说明"),
            ("heading", "一、项目概述"),
            ("body", f"保障{project['name']}按计划实施，提升公共服务水平。"),
            ("heading", "二、立项依据"),
            ("body", f"1、《{DEPARTMENT}{year}年工作要点》。"),
            ("heading", "三、实施主体"),
            ("body", project["unit"]),
            ("heading", "四、实施周期"),
            ("body", period(project, "dots")),
            ("heading", "五、年度预算安排"),
            ("body", f"{year}年度项目总预算{project['amount']}万，其中设备购置20.00万。"),
            ("heading", "六、绩效目标"),
            ("body", "详见单位的项目绩效目标表"),
        ]
    closing = [("right", DEPARTMENT), ("right", f"{year}年2月20日")]
    return front, notes, closing


def own_spec(narrative, producer):
    """A render function: ``narrative()``'s pages set by ``producer`` around reportlab's tables."""

    def render(path):
        from tests import pdfgen

        spec = pdfgen.disclosure_spec(DEPARTMENT, YEAR, performance=False)
        spec.update(overview=OVERVIEW, narrative=[], notes=[], closing=[], published_on=f"{YEAR}-02-20")
        with tempfile.TemporaryDirectory() as tmp:
            tmp = Path(tmp)
            _, spec = pdfgen.render_disclosure(tmp / "tables.pdf", spec)
            front, notes, closing = set_apart(producer, narrative(), tmp)
            tables = (tmp / "tables.pdf", list(range(page_count(tmp / "tables.pdf"))))
            interleave([front, tables, notes, closing], path)
        projects = [{**p, "amount": p["amount"].replace(",", "")} for p in PROJECTS]
        return {**pdfgen.expected(spec), "projects": projects, "other_matters": OTHER}

    return render

VARIANTS += [
    Variant("narr-putuo-writer", "libreoffice-writer", own_spec(putuo_narrative, producers.writer),
            ["document", "overview", "projects", "other", "lines", "amounts"],
            about="Putuo-style narrative (一、/1. numbering, titled project reports whose labels stand on "
                  "lines of their own, bold headings at body size) by LibreOffice Writer around reportlab tables"),
]


def chapter_narrative():
    """第一章 / 1. / (1) numbering, 一是/二是 enumerations, project fields in any order: on lines of
    their own, a label and its value on different lines, or all in one paragraph."""
    staff, offices, year = OVERVIEW["staffing"], OVERVIEW["offices"], YEAR
    first, second, third = PROJECTS
    three, assets, buy = OTHER["three_public"], OTHER["assets"], OTHER["procurement"]
    front = [
        ("title", f"{DEPARTMENT}{year}年度部门预算公开说明"),
        ("title", "第一章 部门概况"),
        ("heading", "1. 部门职责"),
        ("body", "一是" + OVERVIEW["functions"].replace("，统筹", "；二是统筹")),
        ("heading", "2. 机构设置"),
        ("body", f"本局内设机构{len(offices)}个，分别是：{'、'.join(offices)}。"),
        ("body", f"纳入本部门{year}年部门预算编制范围的单位共3家，其中行政单位1家，事业单位2家，分别为："),
        *[("body", f"({i}) {name}") for i, name in enumerate(UNITS, start=1)],
        ("heading", "3. 人员情况"),
        ("body", f"本部门编制数为{staff['authorized']}人，实有人数{staff['actual']}人。"),
        ("body", f"其中在职{staff['active']}人，比上年减少{-staff['active_change']}人；退休{staff['retired']}人，"
                 f"比上年增加{staff['retired_change']}人；离休{staff['separated']}人，比上年增加0人。"),
    ]
    notes = [
        ("title", "第三章 项目支出情况"),
        ("body", f"(1) 项目名称：{first['name']}"),
        ("body", f"(2) 实施单位：{first['unit']}"),
        ("body", "(3) 项目金额："),
        ("body", f"{first['amount']}万元"),
        ("body", f"(4) 实施周期：{period(first, 'words')}"),
        ("body", f"项目名称：{second['name']}；项目金额：{second['amount']}万元；实施周期："
                 f"{period(second, 'words')}；实施单位：{second['unit']}。"),
        ("body", f"(1) 项目名称：{third['name']}"),
        ("body", f"(2) 项目金额：{third['amount']}万元，实施周期：{period(third, 'words')}。"),
        ("body", "(3) 实施单位："),
        ("body", third["unit"]),
        ("title", "第四章 其他重要事项"),
        ("heading", "1. 机关运行经费"),
        ("body", f"一是机关运行经费。{year}年本部门机关运行经费预算{OTHER['operating_funds']}万元，比上年减少3.10万元。"),
        ("heading", "2. 政府采购"),
        ("body", f"二是政府采购。{year}年政府采购预算总额{buy['total']}万元，其中货物采购预算{buy['goods']}万元，"
                 f"工程采购预算{buy['works']}万元，服务采购预算{buy['services']}万元；面向中小企业预留"
                 f"{buy['sme_reserved']}万元，其中面向小微企业预留{buy['small_micro_reserved']}万元。"),
        ("heading", "3. 国有资产占用"),
        ("body", f"三是国有资产。截至{year - 1}年底，本部门共有房屋{assets['buildings_m2']}平方米，价值"
                 f"{assets['buildings_value']}万元；车辆{assets['vehicles']}辆，价值{assets['vehicles_value']}万元；"
                 f"办公家具价值{assets['furniture_value']}万元；其他资产价值{assets['other_value']}万元；"
                 f"单位价值50万元以上大型设备{assets['large_equipment_500k']}台，单位价值100万元以上大型设备"
                 f"{assets['large_equipment_1m']}台。"),
        ("heading", "4. “三公”经费"),
        ("body", f"四是“三公”经费。{year}年“三公”经费预算{three['total']}万元，其中：因公出国（境）费"
                 f"{three['overseas']}万元，公务用车购置费{three['vehicle_purchase']}万元，公务用车运行费"
                 f"{three['vehicle_operation']}万元，公务接待费{three['reception']}万元。"),
        ("heading", "5. 绩效目标"),
        ("body", f"五是绩效目标。{year}年本部门编报绩效目标的项目共3个。"),
    ]
    closing = [("right", DEPARTMENT), ("right", "二〇二六年二月二十日")]
    return front, notes, closing


# Headings larger than the body, not bold, flush left; body indented by 2em, its paragraphs spaced.
CHAPTER_CSS = """
body { font-family: "Noto Serif CJK SC"; font-size: 10.5pt; }
p.title { text-align: left; font-size: 14pt; font-weight: normal; }
p.heading { font-size: 12pt; font-weight: normal; }
p.body { line-height: 1.5; margin: 3pt 0; }
"""


def chapter_style(pages, out):
    """WeasyPrint with :data:`CHAPTER_CSS`."""
    return producers.weasyprint(pages, out, css=CHAPTER_CSS)


VARIANTS += [
    Variant("narr-chapter-weasyprint", "weasyprint", own_spec(chapter_narrative, chapter_style),
            ["document", "overview", "projects", "other", "lines", "amounts"],
            about="第一章 / 1. / (1) numbering, 一是/二是, project fields in any order (a label and its value on "
                  "different lines, all fields in one paragraph), larger unbolded headings, by WeasyPrint"),
]

VARIANTS += [
    Variant("narr-chapter-writer", "libreoffice-writer", own_spec(chapter_narrative, producers.writer),
            ["document", "overview", "projects", "other", "lines", "amounts"],
            about="the 第一章 / 1. / (1) / 一是 narrative by LibreOffice Writer: its 1. headings bold at body size"),
    Variant("narr-putuo-weasyprint", "weasyprint", own_spec(putuo_narrative, house_style),
            ["document", "overview", "projects", "other", "lines", "amounts"],
            about="the Putuo-style narrative by WeasyPrint in the serif house style: flush-left unspaced "
                  "paragraphs, bold headings at body size"),
]
