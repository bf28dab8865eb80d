"""The document's facts: kind, fiscal year, department, amount unit, signature date."""
from collections import Counter

from .. import errors
from ..textflow import paragraphs
from ..vocab.narrative import (
    DEPARTMENT_LINE,
    DEPARTMENT_TITLES,
    HAN_DIGITS,
    KIND_PHRASES,
    OWN_LEVEL,
    SIGNED_LINES,
    UNIT_NAME,
    YEAR_PATTERNS,
)
from ..vocab.units import UNIT_LABEL

TITLE_ROWS = 4  # a grid's first rows, where a sheet rules in its title and 编制单位 line


def parse_document(pages, tables):
    """``{kind, fiscal_year, department, amount_unit, published_on}``; raises UnitNotFound."""
    pages = list(pages)
    paras = paragraphs(pages)
    return {
        "kind": document_kind(paras),
        "fiscal_year": fiscal_year(paras),
        "department": department(paras, pages),
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


def department(paras, pages=()):
    """The 编制部门 printed most often (in the text or in a table's ruled title rows), else the
    body named in the part-one or cover heading.

    A unit budget's 「…（本级）」 names the department's own level: the department itself.
    """
    texts = [p.text for p in paras] + [cell.text for page in pages for grid in page.grids
                                       for r in range(min(grid.n_rows, TITLE_ROWS)) for cell in grid.row_cells(r)]
    names = Counter(own_level(m.group(1)) for text in texts for m in [DEPARTMENT_LINE.search(text)] if m)
    if any(UNIT_NAME.match(name) for name in names):  # not a label run on into the next heading
        names = Counter({name: n for name, n in names.items() if UNIT_NAME.match(name)})
    if names:
        return names.most_common(1)[0][0]
    for pattern in DEPARTMENT_TITLES:
        for para in paras:
            m = para.heading and pattern.search(para.text.strip())
            if m and UNIT_NAME.match(own_level(m.group(1))):
                return own_level(m.group(1))
    return None


def own_level(name):
    """``"某局（本级）"`` → ``"某局"``; any other name stripped of surrounding spaces."""
    return OWN_LEVEL.sub("", name.strip())


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
