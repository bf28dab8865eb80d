"""The numbered budget tables (表1–表11): find them by title, map headers, read rows.

A table starts at a grid with a recognised title above it and goes on over the following
pages' grids that have no title of their own. Each grid's header rows are mapped column by
column onto the schema's keys through :mod:`vocab`; body rows become lines.
"""
import re
from collections import Counter
from dataclasses import dataclass, field

from . import vocab
from .numbers import join_code, normalize, parse_amount, split_code_name
from .pdf import Grid

HEADER_RULES = [
    (re.compile(leaf), re.compile(up) if up else None, role) for leaf, up, role in vocab.HEADER_RULES
]
SIDE_PATTERNS = [(side, re.compile(p)) for side, p in vocab.SIDE_HEADERS]
EDGE_TOLERANCE = 2.0  # points between rulings taken as the same column boundary
TEXT_ROLES = {"code", "code_part", "name", "project_name"}


@dataclass
class Column:
    role: str  # a column key of the schema, or code / code_part / name / project_name
    side: str = None  # income / expense in two-sided tables
    block: int = 0  # side-by-side blocks of the same columns, left to right
    path: tuple = ()  # the header cells above the column, top to bottom


@dataclass
class Found:
    """A table being assembled from one or more grids."""

    kind: str
    number: int
    title: str
    unit: str
    pages: list
    header: list = None  # header row texts of the first grid, to spot a repeated header
    columns: list = None
    col_edges: list = None
    lines: list = field(default_factory=list)
    empty_note: str = None
    open_row: dict = None  # the last line read, which a page break may have cut
    transposed: bool = False  # items printed as columns, one body row of amounts


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


def parse_tables(pages, warnings):
    """All budget tables of the document in printed order, as disclosure-v1 dicts."""
    contents = contents_numbers(pages)
    found, current = [], None
    for page in pages:
        if is_contents_page(page):
            continue
        marks = title_marks(page)
        grids = sorted(page.grids, key=lambda g: g.bbox[1])
        for grid in grids:
            mark = pop_mark_above(marks, grid.bbox[1])
            if mark is not None:
                current = start_table(mark, page, found, contents, warnings)
                read_grid(current, grid, first=True)
            elif current is not None and (aligned := continuation(current, grid)) is not None:
                add_page(current, page.number)
                read_grid(current, aligned, first=False)
            else:
                current = None
                continue
            note = empty_note_below(page, grid)
            if note and not current.empty_note:
                current.empty_note = note
        for mark in marks:  # titles with no grid below them on their page
            current = start_table(mark, page, found, contents, warnings)
            current.empty_note = empty_note_below(page, None, mark["bottom"])
    check_complete(found, warnings)
    return [as_dict(t) for t in found]


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


def start_table(mark, page, found, contents, warnings):
    number = contents.get(mark["kind"]) or mark["number"] or (found[-1].number + 1 if found else 1)
    unit = mark["unit"]
    if unit is None:
        unit = page_unit(page)
    if unit is None:
        warnings.append(f"表{number}（{mark['title']}）没有印出金额单位")
    table = Found(mark["kind"], number, mark["title"], unit, [page.number])
    found.append(table)
    return table


def page_unit(page):
    for line in page.lines:
        m = vocab.UNIT_LINE.search(normalize(line.text))
        if m:
            return m.group(1)
    return None


def add_page(table, number):
    if number not in table.pages:
        table.pages.append(number)


def continuation(table, grid):
    """``grid`` laid on ``table``'s columns when it carries the table on, else None.

    A continuation grid has the same column rulings, or a subset of them (a lone 合计 row
    whose label spans the code and name columns).
    """
    if table.columns is None:
        return None
    if grid.n_cols == len(table.columns):
        return grid
    index = {}
    for i, x in enumerate(grid.col_edges):
        j = min(range(len(table.col_edges)), key=lambda k: abs(table.col_edges[k] - x))
        if abs(table.col_edges[j] - x) > EDGE_TOLERANCE:
            return None
        index[i] = j
    matrix = [[None] * len(table.columns) for _ in range(grid.n_rows)]
    for r in range(grid.n_rows):
        for cell in grid.row_cells(r):
            if cell.row != r:
                continue
            c0, c1 = index[cell.col], index[cell.col + cell.colspan]
            cell.col, cell.colspan = c0, c1 - c0
            for rr in range(r, r + cell.rowspan):
                for c in range(c0, c1):
                    matrix[rr][c] = cell
    return Grid(grid.page, grid.bbox, matrix, list(table.col_edges), grid.row_edges)


def is_number_row(texts):
    """The ``※ ※ 1 2 3`` row under a header that numbers the columns."""
    cells = [normalize(t) for t in texts if normalize(t)]
    if not cells:
        return False
    return all(c in ("※", "*") or (c.isdigit() and len(c) <= 2) for c in cells)


def is_body_row(texts):
    for text in texts:
        flat = normalize(text)
        if not flat:
            continue
        if parse_amount(flat) is not None and not (flat.isdigit() and len(flat) <= 2):
            return True
        if re.match(r"^\d{3}(?:\d{2}){0,2}$", flat):
            return True
        if split_code_name(text)[0]:
            return True
    return False


def is_label_row(texts):
    """A row printing the 类/款/项 labels of the code columns."""
    return any(column_role([normalize(t)]) == "code_part" for t in texts if normalize(t))


def header_size(grid):
    """How many leading rows of ``grid`` are header (column labels and the ※ row)."""
    for r in range(grid.n_rows):
        texts = grid.texts(r)
        if is_number_row(texts):
            return r + 1
        if is_body_row(texts):
            return r
    return grid.n_rows


def map_columns(grid, n_header):
    """Each column slot's role, side and block from the header cells above it."""
    columns = []
    for c in range(grid.n_cols):
        path, seen = [], set()
        for r in range(n_header):
            cell = grid.matrix[r][c]
            if cell is None or id(cell) in seen or is_number_row([cell.text]):
                continue
            seen.add(id(cell))
            if normalize(cell.text):
                path.append(normalize(cell.text))
        columns.append(Column(column_role(path), column_side(path), path=tuple(path)))
    block, named = 0, False
    for column in columns:
        if column.role in ("code", "code_part") and named:
            block, named = block + 1, False
        named = named or column.role == "name"
        column.block = block
    return columns


def column_role(path):
    if not path:
        return None
    leaf, ancestors = path[-1], "/".join(path[:-1])
    for leaf_re, up_re, role in HEADER_RULES:
        if leaf_re.search(leaf) and (up_re is None or up_re.search(ancestors)):
            return role
    return None


def column_side(path):
    if not path:
        return None
    for side, pattern in SIDE_PATTERNS:
        if pattern.search(path[0]):
            return side
    return None


def read_grid(table, grid, first):
    if first:
        n_header = header_size(grid)
        # A body row that also prints the 类/款/项 labels (决算 tables put 合计 there) is read
        # as a line, but repeats with the header on a continuation page.
        shared = n_header < grid.n_rows and is_label_row(grid.texts(n_header))
        table.header = [grid.texts(r) for r in range(n_header + shared)]
        table.columns = map_columns(grid, n_header)
        table.col_edges = grid.col_edges
        if table.kind not in vocab.TWO_SIDED:
            for column in table.columns:
                column.side = None
        table.transposed = not any(c.role in ("name", "code", "code_part") for c in table.columns)
    else:  # a continuation repeats the whole header, or none of it
        n_header = len(table.header)
        if [grid.texts(r) for r in range(min(n_header, grid.n_rows))] != table.header:
            n_header = 0
    for r in range(n_header, grid.n_rows):
        if table.transposed:
            read_transposed_row(table, grid, r)
        else:
            read_row(table, grid, r, first_body=(not first and r == n_header))


def row_values(table, grid, r):
    """Row ``r``'s cells by group (side or block) and role: {group: {role: [(text, cell)]}}.

    A cell spanning several columns takes the name role if it covers the name column
    (a 合计 label merged across the code columns), else its first column's role.
    """
    groups, seen = {}, set()
    for c, column in enumerate(table.columns):
        cell = grid.matrix[r][c]
        if cell is None or id(cell) in seen or cell.row != r:
            continue
        seen.add(id(cell))
        covered = table.columns[cell.col : cell.col + cell.colspan]
        role = "name" if any(col.role == "name" for col in covered) else column.role
        if role is None:
            continue
        group = column.side or column.block
        groups.setdefault(group, {}).setdefault(role, []).append((cell.text, cell))
    return groups


def read_row(table, grid, r, first_body):
    groups = row_values(table, grid, r)
    if first_body and table.open_row is not None and is_fragment(groups):
        extend_line(table.open_row, groups, grid.page)
        return
    order = {"income": 0, "expense": 1}
    for group in sorted(groups, key=lambda g: order.get(g, g)):
        side = group if group in order else None
        line = make_line(table, groups[group], side, grid)
        if line is not None:
            line["block"] = 0 if side else group
            table.lines.append(line)
            table.open_row = line


def read_transposed_row(table, grid, r):
    """A body row of a table whose items are its columns: one line per item."""
    by_name = {line["name"]: line for line in table.lines}
    for c, column in enumerate(table.columns):
        cell = grid.matrix[r][c]
        if cell is None or cell.col != c or cell.row != r:
            continue
        name, key = transposed_item(column.path)
        if not name:
            continue
        line = by_name.get(name)
        if line is None:
            line = make_line(table, {"name": [(name, cell)]}, None, grid)
            line["block"] = 0
            by_name[name] = line
            table.lines.append(line)
        amount = parse_amount(cell.text)
        if amount is not None:
            line["amounts"].setdefault(key, amount)


def transposed_item(path):
    """(item name, column key) of a transposed table's column from its header path."""
    names = list(path)
    key = "total"
    if names and names[-1] in vocab.TRANSPOSED_VALUE_KEYS:
        key = vocab.TRANSPOSED_VALUE_KEYS[names.pop()]
    while names and names[-1] == vocab.TRANSPOSED_SUBTOTAL:
        names.pop()
    if not names:
        return None, key
    return vocab.TRANSPOSED_SUFFIX.sub("", names[-1]), key


def is_fragment(groups):
    """A row holding only the rest of a cell that the page break cut off.

    It has text in one group's name or project cells only, and that text does not open a
    row of its own (an enumerator such as 十四、 or a total label).
    """
    filled = {
        (group, role): "".join(t for t, _ in cells)
        for group, roles in groups.items()
        for role, cells in roles.items()
        if any(normalize(t) for t, _ in cells)
    }
    if not filled or len({group for group, _ in filled}) > 1:
        return False
    if any(role not in ("name", "project_name") for _, role in filled):
        return False
    text = normalize("".join(filled.values()))
    return not vocab.ROW_OPENER.match(text) and not vocab.TOTAL_ROW.match(text)


def extend_line(line, groups, page):
    for g in groups.values():
        for role, cells in g.items():
            text = "".join(t for t, _ in cells)
            field = {"name": "name", "project_name": "project"}.get(role)
            if field and text:
                line[field] = (line[field] or "") + text
    if page not in line["source"]["pages"]:
        line["source"]["pages"].append(page)


def make_line(table, values, side, grid):
    texts = {role: "".join(t for t, _ in cells) for role, cells in values.items()}
    cells = [cell for group in values.values() for _, cell in group]
    code = join_code([t for t, _ in values.get("code_part", [])] + [texts.get("code", "")])
    name = " ".join(texts.get("name", "").split())
    if code is None:
        code, name = split_code_name(name)
    project = " ".join(texts.get("project_name", "").split()) or None
    amounts = {}
    for role, group in values.items():
        if role in TEXT_ROLES:
            continue
        for text, _ in group:
            amount = parse_amount(text)
            if amount is not None and role not in amounts:
                amounts[role] = amount
    if not name and not code and not amounts and not project:
        return None
    row_type = "detail"
    unit = None
    if not code and vocab.TOTAL_ROW.match(normalize(name)):
        row_type = "total"
    elif table.kind in vocab.UNIT_GROUPED:
        unit = current_unit(table)
        if not code and not project and is_unit_name(name):
            row_type, unit = "unit", name
        elif table.kind == "carryover" and not code and not project:
            project = name
    bbox = union([c.bbox for c in cells]) if cells else list(grid.bbox)
    return {
        "row_type": row_type,
        "side": side if table.kind in vocab.TWO_SIDED else None,
        "code": code,
        "name": name,
        "unit": unit,
        "project": project,
        "amounts": amounts,
        "source": {"page": grid.page, "pages": [grid.page], "bbox": bbox},
    }


def current_unit(table):
    for line in reversed(table.lines):
        if line["row_type"] == "unit":
            return line["unit"]
        if line["row_type"] == "total":
            return None
    return None


def is_unit_name(name):
    flat = normalize(name)
    return bool(vocab.ORGANISATION_SUFFIX.search(flat)) and not vocab.PROJECT_WORDS.search(flat)


def union(boxes):
    return [
        round(min(b[0] for b in boxes), 2),
        round(min(b[1] for b in boxes), 2),
        round(max(b[2] for b in boxes), 2),
        round(max(b[3] for b in boxes), 2),
    ]


def empty_note_below(page, grid, top=None):
    """The sentence printed under an empty table's header, wrapped lines joined."""
    top = grid.bbox[3] if grid is not None else top
    parts = []
    for line in page.lines:
        if line.top < top or match_title(line.text):
            if parts:
                break
            continue
        if re.fullmatch(r"\d{1,4}", line.text.strip()):
            break
        if parts or vocab.EMPTY_NOTE.search(line.text):
            parts.append(line.text)
            if line.text.rstrip().endswith("。"):
                break
    return "".join(parts) or None


def check_complete(found, warnings):
    """Warn about table numbers skipped, core tables absent, tables with nothing in them."""
    numbers = [t.number for t in found]
    for missing in sorted(set(range(1, max(numbers, default=0) + 1)) - set(numbers)):
        warnings.append(f"缺少表{missing}：文件中没有找到该表")
    kinds = Counter(t.kind for t in found)
    if found:
        doc_kind = "final_accounts" if any("决算" in t.title for t in found) else "budget"
        for kind in vocab.CORE_TABLES[doc_kind]:
            if kind not in kinds:
                warnings.append(f"缺少{vocab.TABLE_TITLES[kind][0]}（{kind}）")
    for table in found:
        if not table.lines and not table.empty_note:
            warnings.append(f"表{table.number}（{table.title}）没有读到任何数据行，也没有空表说明")


def as_dict(table):
    lines = sorted(table.lines, key=lambda line: line.pop("block"))
    if table.empty_note and not any(line["amounts"] for line in lines):
        lines = []  # an empty table's blank 合计 row is not a line
    for line in lines:
        source = line.pop("source")
        line["source"] = {"page": source["pages"][0], "bbox": source["bbox"]}
    return {
        "kind": table.kind,
        "number": table.number,
        "title": table.title,
        "pages": table.pages,
        "amount_unit": table.unit,
        "empty_note": table.empty_note,
        "lines": lines,
    }
