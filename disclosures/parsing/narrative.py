"""The explanations around the tables: document facts, overview, projects, other matters.

Everything is read from the running text (paragraphs from :mod:`textflow`) by vocabulary:
the labels and phrasings collected at the top of this module are all it knows about how
disclosures word things. Figures are returned as printed, without thousands separators.
"""
import re
from collections import Counter

from . import errors
from .numbers import parse_amount
from .textflow import HEADING_MARK, ITEM_MARK, drop_repeat, paragraphs, sections, split_list

# --- vocabulary: document ---------------------------------------------------------------
KIND_PHRASES = {
    "final_accounts": ("部门决算", "决算表", "决算公开"),
    "budget": ("部门预算", "预算表", "预算公开"),
}
YEAR_PATTERNS = (
    r"(\d{4})\s*年\s*度?\s*(?:[省市区县]级)?\s*部门\s*(?:预算|决算)",
    r"第[一二三四]部分\s*(\d{4})\s*年",
)
DEPARTMENT_LINE = r"(?:编制部门|编制单位|预算主管部门|主管部门|部门名称)\s*[:：]\s*(.+?)(?:\s*单位\s*[:：].*)?$"
DEPARTMENT_TITLES = (
    # The name neither starts nor ends with a space, and spaces are taken whole: linear in long runs of spaces.
    r"^第一部分\s*+(\D+?)(?<!\s)\s*+(?:部门)?概况$",
    r"^(\D+?)(?<!\s)\s*+\d{4}\s*+年\s*+度?\s*+(?:[省市区县]级)?\s*+部门\s*+(?:预算|决算)",
)
UNIT_LABEL = r"单位\s*[:：]\s*(亿元|万元|千元|元)"
SIGNED_DATES = (  # the date closing the document, in Arabic or Chinese numerals
    r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日",
    r"([〇零○一二三四五六七八九]{4})\s*年\s*([一二三四五六七八九十]{1,3})\s*月\s*([一二三四五六七八九十]{1,3})\s*日",
)
HAN_DIGITS = "〇一二三四五六七八九"
SIGNATURE = r"[^，,。；;：:\d]{0,40}?"  # what may precede the date on the signature line

# --- vocabulary: overview ---------------------------------------------------------------
FUNCTIONS_HEADINGS = ("主要职能", "主要职责", "部门职责", "职能职责")
OFFICES = (
    r"设\s*[\d一二三四五六七八九十]+\s*个[^，,：:。；]{0,10}?(?:处室|科室|内设机构|职能部门|机构)"
    r"[^：:。]{0,8}[：:]([^。]+)",
    r"内设(?:机构|处室|科室)(?:共)?\s*[\d一二三四五六七八九十]+\s*个[^：:。]{0,8}[：:]([^。]+)",
)
UNIT_LIST_INTRO = r"(?:包括|如下|分别是|分别为|有)\s*[：:]$"
UNIT_TABLE_HEADER = "单位名称"
SELF_UNIT_WORDS = ("本级", "本部")
UNIT_NAME = (
    r"^[^，,。；;：:、]{2,60}?(?:局|委员会|委|办事处|办公室|办|中心|所|站|院|队|处|馆|学校|校|会|部|室|园|团|社|台|厅|署)"
    r"(?:[（(][^）)]*[）)])?$"
)
UNIT_COUNTS = r"(参照公务员法管理的?事业单位|参公(?:事业)?单位|行政单位|事业单位|企业)\s*(\d+)\s*[家个]"
UNIT_KIND_WORDS = {"administrative": "行政单位", "institution": "事业单位"}
STAFFING_KEYS = ("authorized", "actual", "active", "active_change", "retired", "retired_change",
                 "separated", "separated_change")
STAFFING_ANCHOR = r"编制数|实有人数|在职(?:人员)?\s*\d+\s*人"
STAFFING = {
    "authorized": r"编制(?:数|人数)?(?:为|共)?\s*(\d+)",
    "actual": r"实有(?:人数)?(?:为|共)?\s*(\d+)",
    "active": r"在职(?:人员)?(?:为|共)?\s*(\d+)\s*人",
    "retired": r"(?<!离)退休(?:人员)?(?:为|共)?\s*(\d+)\s*人",
    "separated": r"离休(?:人员)?(?:为|共)?\s*(\d+)\s*人",
}
STAFFING_CHANGE = r"^\s*+[，,]?\s*+(?:比上年|较上年)?\s*+(增加|增|减少|减|持平|不变)\s*(\d*)"  # \s*+: linear
DECREASE_WORDS = ("减少", "减")

# --- vocabulary: projects ---------------------------------------------------------------
PROJECT_LABELS = {
    "name": ("项目名称",),
    "basis": ("设立的政策依据", "政策依据", "立项依据"),
    "amount": ("预算安排规模", "预算规模", "年度预算安排", "预算安排"),
    "unit": ("项目承担单位", "承担单位", "实施主体", "实施单位"),
    "allocation": ("资金分配情况", "资金分配"),
    "period": ("资金执行时间", "执行时间", "实施周期"),
    "overview": ("项目概述", "项目概况"),  # opens a project titled by the heading above it
    "other": ("实施方案", "绩效目标"),
}
PROJECT_LABEL_ORDER = sorted(((label, key) for key, labels in PROJECT_LABELS.items() for label in labels),
                             key=lambda pair: -len(pair[0]))  # longest first: 预算安排规模 before 预算安排
PROJECT_TITLE_SUFFIX = r"(?:情况说明|说明)$"
GENERIC_PROJECT_TITLES = ("项目经费", "项目", "项目支出", "项目情况")
PROJECT_NAME_IN_TEXT = r"的([^，,。；的\s]+?(?:工程|项目))"
TOTAL_WORDS = r"(?:总预算|预算总额|总额|合计|共计|总计)\s*(?:为|是)?\s*$"
LEADING_WORDS = r"^[^\d，,。；;]{0,4}$"  # what may precede the figure that opens a 预算安排 text
IMPLEMENTER_NAME = r"[^，,。；;]{1,60}"  # a 承担单位 text that is a name, not a paragraph
PERIOD_DATE = r"(\d{4})\s*(?:年|[.．/-])\s*(\d{1,2})\s*(?:月|[.．/-])\s*(\d{1,2})\s*日?"

# --- vocabulary: other matters ----------------------------------------------------------
MONEY = r"(?<![\d.,])(\d[\d,]*(?:\.\d+)?)\s*(?:亿元|万元|元|万)"
FIGURE = r"(\d[\d,]*(?:\.\d+)?)"
OPERATING_TOPIC = ("运行经费",)
OPERATING_FUNDS = r"(?:机关|单位)运行经费"
PROCUREMENT_TOPIC = ("政府采购",)
PROCUREMENT = {
    "total": r"政府采购(?:预算|金额|支出)(?:总额)?",
    "goods": r"货物(?:采购)?(?:预算|金额)",
    "works": r"工程(?:采购)?(?:预算|金额)",
    "services": r"服务(?:采购)?(?:预算|金额)",
    "sme_reserved": r"中小企业预留",
    "small_micro_reserved": r"小微企业|小型和微型企业",
}
ASSET_TOPIC = ("国有资产",)
PLANNED_WORDS = ("安排购置", "拟购置", "计划购置")
VALUE = r"(?:价值|原值|账面原值|账面价值)"
EQUIPMENT = r"(?<![\d.]){}\s*万元[^。；;，,\d]{{0,20}}?设备[^。；;，,\d]{{0,12}}?(\d+)\s*[台套]"
ASSETS = {
    "buildings_m2": (rf"房屋(?:面积)?(?:共)?\s*{FIGURE}\s*平方米", parse_amount),
    "buildings_value": (rf"房屋[^。；;]*?平方米\s*[，,]?\s*{VALUE}\s*{FIGURE}", parse_amount),
    "vehicles": (r"车辆(?:共)?\s*(\d+)\s*辆", int),
    "vehicles_value": (rf"车辆\s*\d+\s*辆\s*[，,]?\s*{VALUE}\s*{FIGURE}", parse_amount),
    "furniture_value": (rf"家具\s*{VALUE}\s*{FIGURE}", parse_amount),
    "other_value": (rf"其他资产\s*{VALUE}\s*{FIGURE}", parse_amount),
    "large_equipment_500k": (EQUIPMENT.format(50), int),
    "large_equipment_1m": (EQUIPMENT.format(100), int),
}
THREE_PUBLIC_TOPIC = ("三公",)
THREE_PUBLIC = {
    "total": r"[“\"']?三公[”\"']?\s*经费",
    "overseas": r"因公出国\s*[（(]\s*境\s*[）)]\s*费",
    "vehicle_purchase": r"公务用车购置费",
    "vehicle_operation": r"公务用车运行(?:维护)?费",
    "reception": r"公务接待费",
}
THREE_PUBLIC_COMBINED = r"公务用车购置及运行(?:维护)?费"
FINAL_FIGURE_WORD = "决算"  # in final accounts, the figure so labelled beats the 预算 one
FIGURE_END = r"[，。；;\n]"
CLAUSE_END = r"[。；;\n]|其中"


# --- document ---------------------------------------------------------------------------
def parse_document(pages, tables):
    """``{kind, fiscal_year, department, amount_unit, published_on}``; raises UnitNotFound."""
    pages = list(pages)
    paras = paragraphs(pages)
    return {
        "kind": document_kind(paras),
        "fiscal_year": fiscal_year(paras),
        "department": department(paras),
        "amount_unit": amount_unit(pages, tables),
        "published_on": published_on(paras),
    }


def document_kind(paras):
    """``final_accounts`` when the headings (else the text) speak of 决算 more than of 预算."""
    for group in ([p for p in paras if p.heading], paras):
        text = "".join(p.text for p in group)
        counts = {kind: sum(text.count(w) for w in words) for kind, words in KIND_PHRASES.items()}
        if any(counts.values()):
            return "final_accounts" if counts["final_accounts"] > counts["budget"] else "budget"
    return "budget"


def fiscal_year(paras):
    """The year of the first title naming 「YYYY 年部门预算」 (headings first), else None."""
    for group in ([p for p in paras if p.heading], paras):
        for pattern in YEAR_PATTERNS:
            for para in group:
                m = re.search(pattern, para.text)
                if m:
                    return int(m.group(1))
    return None


def department(paras):
    """The 编制部门 printed most often, else the body named in the part-one or cover heading."""
    names = Counter(m.group(1).strip() for p in paras for m in [re.search(DEPARTMENT_LINE, p.text)] if m)
    if names:
        return names.most_common(1)[0][0]
    for pattern in DEPARTMENT_TITLES:
        for para in paras:
            m = para.heading and re.search(pattern, para.text.strip())
            if m and re.match(UNIT_NAME, m.group(1).strip()):
                return m.group(1).strip()
    return None


def amount_unit(pages, tables):
    """The tables' commonest unit, else the commonest 单位：… printed anywhere; fail closed."""
    units = Counter(t.get("amount_unit") for t in tables or () if t.get("amount_unit"))
    if not units:
        texts = [line.text for page in pages for line in page.lines]
        texts += [cell.text for page in pages for grid in page.grids
                  for r in range(grid.n_rows) for cell in grid.row_cells(r)]
        units = Counter(m.group(1) for text in texts for m in re.finditer(UNIT_LABEL, text))
    if not units:
        raise errors.UnitNotFound()
    return units.most_common(1)[0][0]


def published_on(paras):
    """The last date that ends a short line of its own (the signature date), ISO, or None."""
    for para in reversed(paras):
        for pattern in SIGNED_DATES:
            m = re.fullmatch(SIGNATURE + pattern, para.text.strip())
            if m:
                return iso_date(m)
    return None


def iso_date(match):
    """``YYYY-MM-DD`` from a match of (year, month, day) in Arabic or Chinese numerals, or None."""
    year, month, day = (han_number(g) for g in match.groups())
    return f"{year:04d}-{month:02d}-{day:02d}" if 1 <= month <= 12 and 1 <= day <= 31 else None


def han_number(text):
    """``"2025"`` → 2025, ``"二〇二五"`` → 2025, ``"二十一"`` → 21."""
    if text.isdigit():
        return int(text)
    text = text.replace("零", "〇").replace("○", "〇")
    if "十" not in text:
        return int("".join(str(HAN_DIGITS.index(ch)) for ch in text))
    tens, _, ones = text.partition("十")
    return (HAN_DIGITS.index(tens) if tens else 1) * 10 + (HAN_DIGITS.index(ones) if ones else 0)


# --- overview ---------------------------------------------------------------------------
def parse_overview(pages, document):
    """``{functions, offices, units, staffing}`` from 部门概况."""
    pages = list(pages)
    paras = paragraphs(pages)
    names = unit_names(paras, pages, (document or {}).get("department"))
    kinds = unit_kinds(paras, len(names))
    return {
        "functions": functions(paras),
        "offices": offices(paras),
        "units": [{"name": name, "kind": kind} for name, kind in zip(names, kinds, strict=True)],
        "staffing": staffing(paras),
    }


def functions(paras):
    """The body of the first non-empty 主要职能 section, printed once."""
    for heading, body in sections(paras):
        if heading and body and any(w in heading.text for w in FUNCTIONS_HEADINGS):
            return drop_repeat("".join(p.text for p in body))
    return None


def offices(paras):
    """The 处室/科室 of 「下设 N 个处室，分别是：A、B、C」."""
    for para in paras:
        m = next((m for m in (re.search(p, para.text) for p in OFFICES) if m), None)
        if m:
            return [name for name in split_list(m.group(1)) if name]
    return []


def unit_names(paras, pages, dept):
    """Budget units listed after a 「…包括：」 sentence (numbered lines or a table), 本级 first."""
    for i, para in enumerate(paras):
        if para.heading or not re.search(UNIT_LIST_INTRO, para.text.strip()):
            continue
        names = listed_units(paras[i + 1:]) or table_units(pages, para)
        if names:
            if dept and dept not in names and not any(w in n for n in names for w in SELF_UNIT_WORDS):
                names.insert(0, dept)
            return names
    return []


def listed_units(paras):
    """Names of the numbered paragraphs that follow, if every one is a unit name."""
    names = []
    for para in paras:
        m = ITEM_MARK.match(para.text)
        if para.heading or not m:
            break
        names.append(re.split(r"[，,。；;]", para.text[m.end():], maxsplit=1)[0].strip())
    return names if names and all(re.match(UNIT_NAME, n) for n in names) else []


def table_units(pages, para):
    """Unit names from the 单位名称 table printed just below ``para`` (same or next page)."""
    last = para.pages[-1]
    for page in pages:
        if page.number == last:
            grids = [g for g in page.grids if g.bbox[1] >= para.bottom - 1]
        elif page.number == last + 1:
            grids = page.grids[:1]
        else:
            continue
        for grid in grids:
            texts = [cell.text for r in range(grid.n_rows) for cell in grid.row_cells(r)]
            if any(UNIT_TABLE_HEADER in t for t in texts):
                names = [t.strip(" 0123456789") for t in texts]  # 序号 may stick to a name
                return [n for n in names if re.match(UNIT_NAME, n) and UNIT_TABLE_HEADER not in n]
    return []


def unit_kinds(paras, count):
    """Kinds from 「行政单位 N 家，事业单位 M 家」 when they decide every unit (本级 first), else None."""
    found = next((f for f in (re.findall(UNIT_COUNTS, p.text) for p in paras) if f), [])
    numbers = Counter()
    for label, n in found:
        numbers[label] += int(n)
    admin, inst = (numbers[UNIT_KIND_WORDS[kind]] for kind in ("administrative", "institution"))
    if admin + inst != count or (admin > 1 and inst):
        return [None] * count
    return ["administrative"] * admin + ["institution"] * inst


def staffing(paras):
    """编制数, 实有人数, 在职/退休/离休 and their changes from the staffing sentence; null if not printed."""
    out = dict.fromkeys(STAFFING_KEYS)
    text = next((p.text for p in paras if re.search(STAFFING_ANCHOR, p.text)), "")
    for key, pattern in STAFFING.items():
        m = re.search(pattern, text)
        if not m:
            continue
        out[key] = int(m.group(1))
        change = re.match(STAFFING_CHANGE, text[m.end():])
        if change and f"{key}_change" in out:
            amount = int(change.group(2) or 0)
            out[f"{key}_change"] = -amount if change.group(1) in DECREASE_WORDS else amount
    return out


# --- projects ---------------------------------------------------------------------------
def parse_projects(pages):
    """The 项目支出情况说明 items: labelled fields (项目名称：…) or one titled report per project."""
    paras = paragraphs(pages)
    dept = department(paras)
    projects, current, field, title = [], None, None, None
    for para in paras:
        found = project_label(para.text)
        if found:
            field, value = found
            if field in ("name", "overview"):
                current = {"title": title if field == "overview" else None}
                projects.append(current)
            if current is not None:
                current[field] = value
        elif para.heading:
            current, field, title = None, None, para.text
        elif current is not None and field:
            current[field] = current.get(field, "") + para.text
    return [project(fields, dept) for fields in projects]


def project_label(text):
    """(field, rest of the paragraph) when ``text`` opens with a project label, else None."""
    mark = HEADING_MARK.match(text) or ITEM_MARK.match(text)
    rest = text[mark.end():].lstrip() if mark else text.lstrip()
    for label, field in PROJECT_LABEL_ORDER:
        if rest.startswith(label):
            value = rest[len(label):].lstrip()
            if not value or value[0] in "：:":
                return field, value.lstrip("：:").strip()
    return None


def project(fields, dept):
    """A schema project from the texts collected under each label."""
    period = [iso_date(m) for m in re.finditer(PERIOD_DATE, fields.get("period") or "")]
    unit = fields.get("unit")
    if unit is not None and not re.fullmatch(IMPLEMENTER_NAME, unit.rstrip("。")):
        unit = dept  # a paragraph about who does what: the department answers for it
    return {
        "name": project_name(fields),
        "unit": unit or None,
        "basis": fields.get("basis") or None,
        "amount": project_amount(fields.get("amount") or ""),
        "allocation": fields.get("allocation") or fields.get("amount") or None,
        "period_start": period[0] if period else None,
        "period_end": period[1] if len(period) > 1 else None,
    }


def project_name(fields):
    """项目名称, else the report's title, else (for a generic title) the project its overview names."""
    if fields.get("name"):
        return fields["name"]
    title = re.sub(PROJECT_TITLE_SUFFIX, "", (fields.get("title") or "").strip())
    if title and title not in GENERIC_PROJECT_TITLES:
        return title
    m = re.search(PROJECT_NAME_IN_TEXT, fields.get("overview") or "")
    return m.group(1) if m else title or None


def project_amount(text):
    """The figure after a total word (总预算…), else one opening the text, else the only one."""
    figures = list(re.finditer(MONEY, text))
    for m in figures:
        if re.search(TOTAL_WORDS, text[:m.start()]):
            return parse_amount(m.group(1))
    if figures and (re.match(LEADING_WORDS, text[:figures[0].start()]) or len(figures) == 1):
        return parse_amount(figures[0].group(1))
    return None


# --- other matters ----------------------------------------------------------------------
def parse_other_matters(pages):
    """``{operating_funds, procurement, assets, three_public}`` from the explanations."""
    paras = paragraphs(pages)
    prefer = FINAL_FIGURE_WORD if document_kind(paras) == "final_accounts" else None
    procurement = topic_text(paras, PROCUREMENT_TOPIC)
    assets = current_holdings(topic_text(paras, ASSET_TOPIC))
    three = topic_text(paras, THREE_PUBLIC_TOPIC)
    items = list(THREE_PUBLIC.values()) + [THREE_PUBLIC_COMBINED]
    return {
        "operating_funds": figure_after(topic_text(paras, OPERATING_TOPIC), OPERATING_FUNDS, FIGURE_END),
        "procurement": {key: figure_after(procurement, p, FIGURE_END) for key, p in PROCUREMENT.items()},
        "assets": {key: first_match(assets, pattern, convert) for key, (pattern, convert) in ASSETS.items()},
        "three_public": {
            key: figure_after(three, label, "|".join([CLAUSE_END] + [i for i in items if i != label]), prefer)
            for key, label in THREE_PUBLIC.items()
        },
    }


def topic_text(paras, words):
    """The body text of the sections whose heading names the topic (else all text), one line each."""
    chosen = [body for heading, body in sections(paras) if heading and any(w in heading.text for w in words)]
    chosen = chosen or [[p for p in paras if not p.heading]]
    return "\n".join("".join(p.text for p in body) for body in chosen)


def figure_after(text, label, stop, prefer=None):
    """The first amount after ``label`` and before ``stop``; one just after ``prefer`` wins."""
    for m in re.finditer(label, text):
        window = text[m.end():]
        end = re.search(stop, window)
        window = window[:end.start()] if end else window
        figures = list(re.finditer(MONEY, window))
        if figures:
            chosen = [f for f in figures if prefer and prefer in window[:f.start()][-8:]] or figures
            return parse_amount(chosen[0].group(1))
    return None


def current_holdings(text):
    """``text`` without the sentences about planned purchases."""
    return "。".join(s for s in text.split("。") if not any(w in s for w in PLANNED_WORDS))


def first_match(text, pattern, convert):
    m = re.search(pattern, text)
    return convert(m.group(1)) if m else None


# --- sections ---------------------------------------------------------------------------
def parse_sections(pages):
    """The running text section by section: ``{heading, text, pages}``, paragraphs one a line."""
    out = []
    for heading, body in sections(paragraphs(pages)):
        if body:
            numbers = sorted({n for p in ([heading] if heading else []) + body for n in p.pages})
            text = "\n".join(p.text for p in body)
            out.append({"heading": heading.text if heading else "", "text": text, "pages": numbers})
    return out
