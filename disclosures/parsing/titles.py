"""Where budget tables are: their printed titles, 表 N labels, units, and the 目录 that lists them."""
import re

from . import vocab
from .numbers import normalize


def match_title(text):
    """The table kind a title line names, or None."""
    flat = normalize(text)
    if not flat or "…" in flat or "..." in flat or flat.endswith("。"):
        return None
    best = None
    for kind, aliases in vocab.TABLE_TITLES.items():
        for alias in aliases:
            alias_flat = normalize(alias)
            if alias_flat in flat and (best is None or len(alias_flat) > best[1]):
                best = (kind, len(alias_flat))
    if best is None:
        return None
    rest = vocab.TITLE_PREFIX.sub("", flat)
    return best[0] if len(rest) - best[1] <= vocab.TITLE_MAX_EXTRA else None

def is_contents_page(page):
    texts = [line.text for line in page.lines]
    texts += [cell.text for grid in page.grids for r in range(grid.n_rows) for cell in grid.row_cells(r)]
    return any(normalize(t) == vocab.CONTENTS_HEADING for t in texts)

def contents_numbers(pages):
    """Table kind → number as listed in the 目录 (for documents whose tables print none)."""
    numbers = {}
    for page in pages:
        if not is_contents_page(page):
            continue
        texts = [line.text for line in page.lines]
        texts += [cell.text for grid in page.grids for r in range(grid.n_rows) for cell in grid.row_cells(r)]
        stream = " ".join(texts)
        marks = list(vocab.CONTENTS_NUMBER.finditer(stream))
        for i, m in enumerate(marks):
            end = marks[i + 1].start() if i + 1 < len(marks) else len(stream)
            entry = re.sub(r"[….·\s]+\d*\s*$", "", stream[m.end() : end])
            kind = match_title(entry)
            if kind and kind not in numbers:
                numbers[kind] = numeral(m.group(1))
    return numbers

def numeral(text):
    """``"7"`` or ``"七"`` / ``"十二"`` → int."""
    if text.isdigit():
        return int(text)
    digits = "一二三四五六七八九"
    if text == "十":
        return 10
    if text.startswith("十"):
        return 10 + digits.index(text[1]) + 1
    if len(text) > 1 and text[1] == "十":
        return (digits.index(text[0]) + 1) * 10 + (digits.index(text[2]) + 1 if len(text) > 2 else 0)
    return digits.index(text) + 1

def title_marks(page):
    """Title lines on a page, with the 表 N label and unit line printed near them."""
    marks, label, unit = [], None, None
    for i, line in enumerate(page.lines):
        flat = normalize(line.text)
        m = vocab.TABLE_LABEL.match(flat)
        if m:
            label = int(m.group(1))
            continue
        kind = match_title(line.text)
        if kind is None:
            continue
        unit = None
        for follower in page.lines[i + 1 : i + 4]:
            um = vocab.UNIT_LINE.search(normalize(follower.text))
            if um:
                unit = um.group(1)
                break
        m = re.match(r"^表\s*(\d+)\s*", line.text)
        number = int(m.group(1)) if m else label
        title = line.text[m.end() :] if m else line.text
        marks.append({"kind": kind, "title": title, "number": number, "unit": unit,
                      "top": line.top, "bottom": line.bottom})
        label = None
    return marks

def pop_mark_above(marks, top):
    """Remove and return the last title mark printed above ``top``."""
    above = [m for m in marks if m["top"] < top]
    if not above:
        return None
    for m in above:
        marks.remove(m)
    return above[-1]

def page_unit(page):
    for line in page.lines:
        m = vocab.UNIT_LINE.search(normalize(line.text))
        if m:
            return m.group(1)
    return None
