"""The explanations around the tables: document facts, overview, projects, other matters.

Everything is read from the running text (paragraphs from :mod:`textflow`) by vocabulary:
the labels and phrasings of :mod:`vocab.narrative` are all it knows about how disclosures
word things. Figures are returned as printed, without thousands separators.
"""
import re
from collections import Counter

from . import errors
from .numbers import parse_amount
from .textflow import drop_repeat, paragraphs, sections, split_list
from .vocab.narrative import (
    ASSET_TOPIC,
    ASSETS,
    CLAUSE_END,
    DECREASE_WORDS,
    DEPARTMENT_LINE,
    DEPARTMENT_TITLES,
    FIGURE_END,
    FINAL_FIGURE_WORD,
    FUNCTIONS_HEADINGS,
    GENERIC_PROJECT_TITLES,
    HAN_DIGITS,
    IMPLEMENTER_NAME,
    KIND_PHRASES,
    LEADING_WORDS,
    MONEY,
    NAME_END,
    OFFICES,
    OPERATING_FUNDS,
    OPERATING_TOPIC,
    PERIOD_DATE,
    PLANNED_WORDS,
    PROCUREMENT,
    PROCUREMENT_TOPIC,
    PROJECT_LABEL_ORDER,
    PROJECT_NAME_IN_TEXT,
    PROJECT_TITLE_SUFFIX,
    SELF_UNIT_WORDS,
    SIGNED_LINES,
    STAFFING,
    STAFFING_ANCHOR,
    STAFFING_CHANGE,
    STAFFING_KEYS,
    THREE_PUBLIC,
    THREE_PUBLIC_COMBINED,
    THREE_PUBLIC_TOPIC,
    TOTAL_WORDS,
    UNIT_COUNTS,
    UNIT_KIND_WORDS,
    UNIT_LIST_INTRO,
    UNIT_NAME,
    UNIT_TABLE_HEADER,
    YEAR_PATTERNS,
)
from .vocab.numbering import HEADING_MARK, ITEM_MARK
from .vocab.units import UNIT_LABEL


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
                m = pattern.search(para.text)
                if m:
                    return int(m.group(1))
    return None


def department(paras):
    """The 编制部门 printed most often, else the body named in the part-one or cover heading."""
    names = Counter(m.group(1).strip() for p in paras for m in [DEPARTMENT_LINE.search(p.text)] if m)
    if names:
        return names.most_common(1)[0][0]
    for pattern in DEPARTMENT_TITLES:
        for para in paras:
            m = para.heading and pattern.search(para.text.strip())
            if m and UNIT_NAME.match(m.group(1).strip()):
                return m.group(1).strip()
    return None


def amount_unit(pages, tables):
    """The tables' commonest unit, else the commonest 单位：… printed anywhere; fail closed."""
    units = Counter(t.get("amount_unit") for t in tables or () if t.get("amount_unit"))
    if not units:
        texts = [line.text for page in pages for line in page.lines]
        texts += [cell.text for page in pages for grid in page.grids
                  for r in range(grid.n_rows) for cell in grid.row_cells(r)]
        units = Counter(m.group(1) for text in texts for m in UNIT_LABEL.finditer(text))
    if not units:
        raise errors.UnitNotFound()
    return units.most_common(1)[0][0]


def published_on(paras):
    """The last date that ends a short line of its own (the signature date), ISO, or None."""
    for para in reversed(paras):
        for pattern in SIGNED_LINES:
            m = pattern.fullmatch(para.text.strip())
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
        m = next((m for m in (p.search(para.text) for p in OFFICES) if m), None)
        if m:
            return [name for name in split_list(m.group(1)) if name]
    return []


def unit_names(paras, pages, dept):
    """Budget units listed after a 「…包括：」 sentence (numbered lines or a table), 本级 first."""
    for i, para in enumerate(paras):
        if para.heading or not UNIT_LIST_INTRO.search(para.text.strip()):
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
        names.append(NAME_END.split(para.text[m.end():], maxsplit=1)[0].strip())
    return names if names and all(UNIT_NAME.match(n) for n in names) else []


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
                return [n for n in names if UNIT_NAME.match(n) and UNIT_TABLE_HEADER not in n]
    return []


def unit_kinds(paras, count):
    """Kinds from 「行政单位 N 家，事业单位 M 家」 when they decide every unit (本级 first), else None."""
    found = next((f for f in (UNIT_COUNTS.findall(p.text) for p in paras) if f), [])
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
    text = next((p.text for p in paras if STAFFING_ANCHOR.search(p.text)), "")
    for key, pattern in STAFFING.items():
        m = pattern.search(text)
        if not m:
            continue
        out[key] = int(m.group(1))
        change = STAFFING_CHANGE.match(text[m.end():])
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
    period = [iso_date(m) for m in PERIOD_DATE.finditer(fields.get("period") or "")]
    unit = fields.get("unit")
    if unit is not None and not IMPLEMENTER_NAME.fullmatch(unit.rstrip("。")):
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
    title = PROJECT_TITLE_SUFFIX.sub("", (fields.get("title") or "").strip())
    if title and title not in GENERIC_PROJECT_TITLES:
        return title
    m = PROJECT_NAME_IN_TEXT.search(fields.get("overview") or "")
    return m.group(1) if m else title or None


def project_amount(text):
    """The figure after a total word (总预算…), else one opening the text, else the only one."""
    figures = list(MONEY.finditer(text))
    for m in figures:
        if TOTAL_WORDS.search(text[:m.start()]):
            return parse_amount(m.group(1))
    if figures and (LEADING_WORDS.match(text[:figures[0].start()]) or len(figures) == 1):
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
    return {
        "operating_funds": figure_after(topic_text(paras, OPERATING_TOPIC), OPERATING_FUNDS, FIGURE_END),
        "procurement": {key: figure_after(procurement, p, FIGURE_END) for key, p in PROCUREMENT.items()},
        "assets": {key: first_match(assets, pattern, count) for key, (pattern, count) in ASSETS.items()},
        "three_public": {
            key: figure_after(three, label, three_public_end(label), prefer)
            for key, label in THREE_PUBLIC.items()
        },
    }


def three_public_end(label):
    """Where the clause of a 三公 item ends: at a clause end or at another item's label."""
    others = [item.pattern for item in (*THREE_PUBLIC.values(), THREE_PUBLIC_COMBINED) if item != label]
    return re.compile("|".join([CLAUSE_END, *others]))


def topic_text(paras, words):
    """The body text of the sections whose heading names the topic (else all text), one line each."""
    chosen = [body for heading, body in sections(paras) if heading and any(w in heading.text for w in words)]
    chosen = chosen or [[p for p in paras if not p.heading]]
    return "\n".join("".join(p.text for p in body) for body in chosen)


def figure_after(text, label, stop, prefer=None):
    """The first amount after ``label`` and before ``stop``; one just after ``prefer`` wins."""
    for m in label.finditer(text):
        window = text[m.end():]
        end = stop.search(window)
        window = window[:end.start()] if end else window
        figures = list(MONEY.finditer(window))
        if figures:
            chosen = [f for f in figures if prefer and prefer in window[:f.start()][-8:]] or figures
            return parse_amount(chosen[0].group(1))
    return None


def current_holdings(text):
    """``text`` without the sentences about planned purchases."""
    return "。".join(s for s in text.split("。") if not any(w in s for w in PLANNED_WORDS))


def first_match(text, pattern, count):
    """Group 1 of ``pattern``'s first match, as an int when it is a ``count``, else as an amount."""
    m = pattern.search(text)
    return (int if count else parse_amount)(m.group(1)) if m else None


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
