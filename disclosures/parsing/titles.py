"""Where budget tables are: their printed titles, 表 N labels, units, and the 目录 that lists them."""
import re
from dataclasses import replace

from . import vocab
from .numbers import normalize
from .pdf import Grid
from .vocab.tables import LABEL_VALUE


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

def title_in_grid(grid):
    """``(mark, body grid)`` when ``grid``'s first ruled rows hold a table's title, else None.

    Sheets printed from a spreadsheet rule the 表 N label, the title, the 编制单位 / 单位 line
    and blank spacer rows into the table's own grid; the body grid starts at the first row
    after them.
    """
    label, mark, start = None, None, 0
    for r in range(grid.n_rows):
        cells = [t for t in grid.texts(r) if normalize(t)]
        labels = [int(m.group(1)) for t in cells for m in [vocab.TABLE_LABEL.match(normalize(t))] if m]
        if mark is None:
            rest = [t for t in cells if not vocab.TABLE_LABEL.match(normalize(t))]
            if not rest and len(labels) <= 1:
                label = labels[0] if labels else label
                continue
            if len(rest) != 1 or len(labels) > 1 or match_title(rest[0]) is None:
                return None
            m = re.match(r"^表\s*(\d+)\s*", rest[0])
            number = int(m.group(1)) if m else (labels[0] if labels else label)
            mark = {"kind": match_title(rest[0]), "title": rest[0][m.end():] if m else rest[0], "number": number,
                    "unit": None, "top": grid.row_edges[r], "bottom": grid.row_edges[r + 1]}
            continue
        flat = [normalize(t) for t in cells]
        units = [u.group(1) for t in flat for u in [vocab.UNIT_LINE.search(t)] if u]
        if flat and not units and not all(LABEL_VALUE.search(t) for t in flat):
            start = r
            break
        mark["unit"] = mark["unit"] or (units[0] if units else None)
    return (mark, grid_below(grid, start)) if start else None

def grid_below(grid, start):
    """The rows of ``grid`` from ``start`` on, as a grid of their own."""
    cells = {}
    matrix = []
    for row in grid.matrix[start:]:
        out = []
        for cell in row:
            if cell is not None and id(cell) not in cells:
                cells[id(cell)] = replace(cell, row=max(cell.row - start, 0),
                                          rowspan=cell.rowspan - max(start - cell.row, 0))
            out.append(cells[id(cell)] if cell is not None else None)
        matrix.append(out)
    x0, _, x1, bottom = grid.bbox
    return Grid(grid.page, (x0, grid.row_edges[start], x1, bottom), matrix, grid.col_edges, grid.row_edges[start:])


def kind_title(table_kind, document_kind):
    """The usual title of ``table_kind`` in a document of ``document_kind`` (支出决算表 in 决算)."""
    titles = vocab.TABLE_TITLES[table_kind]
    if document_kind == "final_accounts":
        return next((t for t in titles if vocab.FINAL_TITLE_WORD in t), titles[0])
    return titles[0]
