"""部门概况: functions, internal offices, budget units and their kinds, staffing."""

from collections import Counter
from itertools import takewhile

from ..textflow import drop_repeat, paragraphs, sections, split_list
from ..vocab.narrative import (
    DECREASE_WORDS,
    FUNCTIONS_HEADINGS,
    NAME_END,
    OFFICES,
    SELF_UNIT_WORDS,
    STAFFING,
    STAFFING_ANCHOR,
    STAFFING_CHANGE,
    STAFFING_KEYS,
    UNIT_COUNTS,
    UNIT_KIND_WORDS,
    UNIT_LIST_INLINE,
    UNIT_LIST_INTRO,
    UNIT_NAME,
    UNIT_TABLE_HEADER,
)
from ..vocab.numbering import ITEM_MARK, LIST_ITEM_START


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
    """The 处室/科室 of 「下设 N 个处室，分别是：A、B、C」, the list on the same or the next paragraph."""
    for i, para in enumerate(paras):
        text = para.text
        if text.rstrip().endswith(("：", ":")) and i + 1 < len(paras) and not paras[i + 1].heading:
            text = text.rstrip() + paras[i + 1].text  # the list printed below its sentence
        m = next((m for m in (p.search(text) for p in OFFICES) if m), None)
        if m:
            return [name for name in split_list(m.group(1)) if name]
    return []


def unit_names(paras, pages, dept):
    """Budget units listed after a 「…包括：」 sentence (numbered lines, run into it, or a table), 本级 first."""
    for i, para in enumerate(paras):
        if para.heading:
            continue
        if UNIT_LIST_INTRO.search(para.text.strip()):
            names = listed_units(paras[i + 1:]) or table_units(pages, para)
        else:
            names = inline_units(para.text)
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


def inline_units(text):
    """Names of the numbered items run into the paragraph after its 「…包括：」, if every one is a unit name."""
    m = UNIT_LIST_INLINE.search(text)
    if not m:
        return []
    items = [item for item in LIST_ITEM_START.split(text[m.end():]) if item.strip()]
    names = [NAME_END.split(item[mark.end():], maxsplit=1)[0].strip()
             for item in items for mark in [ITEM_MARK.match(item)] if mark]
    return names if len(names) == len(items) and all(UNIT_NAME.match(n) for n in names) else []


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
    text = staffing_text(paras)
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


def staffing_text(paras):
    """The paragraph naming 编制数/实有人数 and the body paragraphs after it (a sentence split in print)."""
    for i, para in enumerate(paras):
        if STAFFING_ANCHOR.search(para.text):
            rest = [p.text for p in takewhile(lambda p: not p.heading, paras[i + 1:])]
            return "".join([para.text, *rest])
    return ""
