"""The numbered budget tables (表1–表11): find them by title, map headers, read rows.

A table starts at a grid with a recognised title above it and goes on over the following
pages' grids that have no title of their own. Each grid's header rows are mapped column by
column onto the schema's keys through :mod:`vocab`; body rows become lines.
"""
import re
from collections import Counter
from dataclasses import dataclass, field

from . import vocab
from .headers import fill_sides, header_size, is_label_row, is_number_row, map_columns
from .pdf import Grid
from .rows import read_row, read_transposed_row
from .titles import (
    contents_numbers,
    is_contents_page,
    kind_title,
    match_title,
    page_unit,
    pop_mark_above,
    title_in_grid,
    title_marks,
)
from .verify import verify_tables

EDGE_TOLERANCE = 2.0  # points between rulings taken as the same column boundary
# A grid of as many columns is a continuation when no column boundary moved by more than this
# share of the table's width, the grid's left edge taken as origin (mirrored margins shift a
# whole page; another table of seven columns has rulings of its own).
CONTINUATION_SHIFT = 0.05


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
    grids: list = field(default_factory=list)  # (grid, first body row) of every grid read
    taken: set = field(default_factory=set)  # ids of the cells whose amount a line took

    def header_name(self, key):
        """The printed header of the column holding ``key``, for a warning."""
        column = next((c for c in self.columns or () if c.role == key), None)
        return "/".join(column.path) if column is not None and column.path else key

def parse_tables(pages, warnings):
    """All budget tables of the document in printed order, as disclosure-v1 dicts."""
    contents = contents_numbers(pages)
    found, current, claimed = [], None, set()
    for page in pages:
        if is_contents_page(page):
            continue
        marks = title_marks(page)
        grids = sorted(page.grids, key=lambda g: g.bbox[1])
        for grid in grids:
            claimed.add(id(grid))
            mark = pop_mark_above(marks, grid.bbox[1])
            if mark is None and (held := title_in_grid(grid)) is not None:
                mark, grid = held
            continues = current is not None and (mark is None or repeated(current, mark, page))
            aligned = continuation(current, grid) if continues else None
            if aligned is not None:
                add_page(current, page.number)
                read_grid(current, aligned, first=False)
            elif mark is not None:
                current = start_table(mark, page, found, contents, warnings)
                read_grid(current, grid, first=True)
            else:
                claimed.discard(id(grid))
                current = None
                continue
            note = empty_note_below(page, grid)
            if note and not current.empty_note:
                current.empty_note = note
        for mark in marks:  # titles with no grid below them on their page
            current = start_table(mark, page, found, contents, warnings)
            current.empty_note = empty_note_below(page, None, mark["bottom"])
    check_complete(found, warnings)
    verify_tables(found, pages, claimed, warnings)
    return [as_dict(t) for t in found]

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

def repeated(table, mark, page):
    """Whether ``mark`` repeats ``table``'s title on a page it runs on to (a sheet printing its
    title rows on every page): same kind and title, a later page."""
    return (table is not None and (mark["kind"], mark["title"]) == (table.kind, table.title)
            and page.number not in table.pages)

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
        width = table.col_edges[-1] - table.col_edges[0]
        shift = max(abs((a - grid.col_edges[0]) - (b - table.col_edges[0]))
                    for a, b in zip(grid.col_edges, table.col_edges, strict=True))
        return grid if shift <= CONTINUATION_SHIFT * width else None
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

def read_grid(table, grid, first):
    if first:
        n_header = header_size(grid)
        # A body row that also prints the 类/款/项 labels (决算 tables put 合计 there) is read
        # as a line, but repeats with the header on a continuation page.
        shared = n_header < grid.n_rows and is_label_row(grid.texts(n_header))
        table.header = [grid.texts(r) for r in range(n_header + shared)]
        table.columns = map_columns(grid, n_header)
        table.col_edges = grid.col_edges
        if table.kind in vocab.TWO_SIDED:
            fill_sides(table.columns)
        else:
            for column in table.columns:
                column.side = None
        table.transposed = not any(c.role in ("name", "code", "code_part") for c in table.columns)
    else:  # a continuation repeats the whole header, or none of it
        n_header = len(table.header)
        if [grid.texts(r) for r in range(min(n_header, grid.n_rows))] != table.header:
            n_header = repeated_header(grid, n_header)
    table.grids.append((grid, n_header))
    for r in range(n_header, grid.n_rows):
        if table.transposed:
            read_transposed_row(table, grid, r)
        else:
            read_row(table, grid, r, first_body=(not first and r == n_header))

def repeated_header(grid, size):
    """The rows of a continuation's header that reads differently from the first page's (a scan's
    header read with a character lost): as many as its own header ending in the ※ row, if no more
    than ``size``; else none."""
    own = header_size(grid)
    return own if 0 < own <= size and is_number_row(grid.texts(own - 1)) else 0

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
                warnings.append(f"缺少{kind_title(kind, doc_kind)}（{kind}）")
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
