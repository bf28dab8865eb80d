"""The label | value block above the indicator header: unit, project, contact, funds, goal.

A label's value is in the next non-blank cell to its right, or in the same cell after a
colon; one cell may hold several pairs (``部门联系人：张三 联系电话：0991-1234567``).
"""
import unicodedata

from disclosures.parsing.numbers import normalize, parse_amount
from disclosures.parsing.vocab.performance import (
    BELOW_KEYS,
    FUND_LABELS,
    INFO_LABELS,
    LABEL_GROUPS,
    PARENTHESES_RE,
    TRAILING_CODE_RE,
)

from .values import split_phone

# Longest label, with room for a parenthesised note (（万元）, （盖章）), searched before a colon.
LABEL_ROOM = max(map(len, [*INFO_LABELS, *FUND_LABELS])) + 8


def label_text(text):
    """A label as compared with the vocabulary: no spaces, parentheses, group word (其中：) or
    closing colon."""
    text = PARENTHESES_RE.sub("", normalize(text)).rstrip(":")
    stripped = True
    while stripped:
        stripped = False
        for group in LABEL_GROUPS:
            if text.startswith(group + ":") and len(text) > len(group) + 1:
                text, stripped = text[len(group) + 1:], True
    return text


def is_label(text):
    """Whether ``text`` is an info or fund label."""
    text = label_text(text)
    return text in INFO_LABELS or text in FUND_LABELS


def is_group(text):
    return label_text(text) in LABEL_GROUPS


def inline_pairs(text):
    """``[(label, value), …]`` of a cell printing ``label：value`` pairs; [] for any other cell."""
    if not text or ("：" not in text and ":" not in text):
        return []
    parts = unicodedata.normalize("NFKC", text).split(":")
    if len(parts) < 2 or not (is_label(parts[0]) or is_group(parts[0])):
        return []
    pairs, label, value = [], parts[0], ""
    for part in parts[1:-1]:
        cut = next((i for i in range(max(0, len(part) - LABEL_ROOM), len(part))
                    if part[i].strip() and (is_label(part[i:]) or is_group(part[i:]))), None)
        if cut is None:  # a colon inside the value
            value += part + ":"
            continue
        pairs.append((label, value + part[:cut]))
        label, value = part[cut:], ""
    pairs.append((label, value + parts[-1]))
    return [(label, value.strip()) for label, value in pairs if is_label(label) and value.strip()]


def value_right_of(grid, cell):
    """Text of the first non-blank cell right of ``cell`` in its row; None at a label first."""
    cells = grid.row_cells(cell.row)
    for other in cells[cells.index(cell) + 1:]:
        if is_label(other.text):
            return None
        if other.text.strip():
            return other.text.strip()
    return None


def value_below(grid, cell, stop):
    """Text of the cell right under ``cell`` (same columns, above row ``stop``) unless a label."""
    r = cell.row + cell.rowspan
    below = grid.matrix[r][cell.col] if r < stop else None
    if below is None or below.row != r or below.col != cell.col or below.colspan != cell.colspan \
            or is_label(below.text) or not below.text.strip():
        return None
    return below.text.strip()


def read_info(grid, stop, table, warnings):
    """Fill ``table.info`` and ``table.funds`` from the label rows above row ``stop``."""
    for r in range(stop):
        for cell in grid.row_cells(r):
            if cell.row != r:
                continue
            if is_label(cell.text):
                value = value_right_of(grid, cell)
                if value is None and INFO_LABELS.get(label_text(cell.text)) in BELOW_KEYS:
                    value = value_below(grid, cell, stop)
                store(table, cell.text, value, grid.page, warnings)
            else:
                for label, value in inline_pairs(cell.text):
                    store(table, label, value, grid.page, warnings)


def store(table, label, value, page, warnings):
    """Keep ``value`` under the key ``label`` names, unless that key is already read."""
    if value is None:
        return
    name = label_text(label)
    if name in FUND_LABELS:
        key = FUND_LABELS[name]
        if key in table.funds:
            return
        amount = parse_amount(value)
        if amount is None:
            warnings.append(f"绩效目标表（第 {page} 页）“{label}”的金额无法识别：{value}")
        else:
            table.funds[key] = amount
        return
    key = INFO_LABELS[name]
    if key in ("owner", "owner_phone"):
        value, phone = split_phone(value)
        if phone and not table.info.get("phone"):
            table.info["phone"] = phone
        key = "owner"
    elif key == "department":
        value = TRAILING_CODE_RE.sub("", value) or None
    if not table.info.get(key):
        table.info[key] = value
