"""Reading an indicator grid: its header row, and level cells left open at a page break.

A sheet printed over two pages cuts a merged 一级/二级指标 cell at the break: neither page
closes it with a rule, so the table finder leaves its slots empty (or, when the cell fills
the whole height of the page, drops its column) and its text (printed on one page or,
clipped, on both) lies loose over the column. Such an open cell's text is the loose lines
inside its column between its first row and just past the grid's edge.
"""
from dataclasses import replace

from disclosures.parsing.numbers import normalize
from disclosures.parsing.pdf import Grid
from disclosures.parsing.vocab.performance import (
    HEADER_MIN_KEYS,
    HEADER_REQUIRED,
    HEADER_SYNONYMS,
    LEVEL_KEYS,
)

# Column rules of two pages closer than this (points) are the same rule.
EDGE_TOLERANCE = 2.0
# How far past the grid's top or bottom rule the text of an open cell may lie (points).
LOOSE_MARGIN = 36.0


def header_key(text):
    """The indicator key a header cell's text names, or None."""
    text = normalize(text)
    best, best_len = None, 0
    for key, labels in HEADER_SYNONYMS.items():
        for label in labels:
            if label in text and len(label) > best_len:
                best, best_len = key, len(label)
    return best


def header_columns(grid, r):
    """Row ``r`` read as an indicator header: {key: column}, or None when it is not one."""
    columns = {}
    for cell in grid.row_cells(r):
        key = header_key(cell.text)
        if key and key not in columns:
            columns[key] = cell.col
    if all(k in columns for k in HEADER_REQUIRED) and len(columns) >= HEADER_MIN_KEYS:
        return columns
    return None


def find_header(grid):
    """(row, columns) of the grid's first indicator header row, or (None, None)."""
    for r in range(grid.n_rows):
        columns = header_columns(grid, r)
        if columns:
            return r, columns
    return None, None


def open_runs(grid, page, columns, first_row):
    """``{key: [(start, end, text)]}``: runs of empty level slots from ``first_row`` on, with
    the loose text over each (a run touching the grid's top or bottom reaches past it)."""
    runs = {}
    for key in LEVEL_KEYS:
        col = columns.get(key)
        if col is None:
            continue
        r = first_row
        while r < grid.n_rows:
            if grid.matrix[r][col] is not None:
                r += 1
                continue
            start = r
            while r < grid.n_rows and grid.matrix[r][col] is None:
                r += 1
            top = grid.row_edges[start] - (LOOSE_MARGIN if start == 0 else 0)
            bottom = grid.row_edges[r] + (LOOSE_MARGIN if r == grid.n_rows else 0)
            text = "".join(line.text for line in loose_lines(grid, page, col, top, bottom))
            runs.setdefault(key, []).append((start, r - 1, text))
    return runs


def loose_lines(grid, page, col, top, bottom):
    """The page's loose lines centred inside column ``col`` between ``top`` and ``bottom``."""
    x0, x1 = grid.col_edges[col], grid.col_edges[col + 1]
    return [line for line in page.lines
            if x0 <= (line.x0 + line.x1) / 2 <= x1 and top <= (line.top + line.bottom) / 2 <= bottom]


def in_open_column(grid, line):
    """Whether ``line`` lies over a column whose top slot is open (the text of a cut cell)."""
    centre = (line.x0 + line.x1) / 2
    return any(grid.col_edges[c] <= centre <= grid.col_edges[c + 1] and grid.matrix[0][c] is None
               for c in range(grid.n_cols)) if grid.n_rows else False


def pad_columns(grid, edges, columns):
    """``grid`` widened to the column rules ``edges`` of the page before, with empty slots for
    the level columns (of ``columns``, {key: column}) it lacks; None when its rules are not
    ``edges`` but for those."""
    start = next((i for i, x in enumerate(edges) if abs(x - grid.col_edges[0]) <= EDGE_TOLERANCE), None)
    if start is None or start + grid.n_cols > len(edges) - 1:
        return None
    missing = {*range(start), *range(start + grid.n_cols, len(edges) - 1)}
    if not missing <= {columns[key] for key in LEVEL_KEYS if key in columns}:
        return None
    if any(abs(a - b) > EDGE_TOLERANCE
           for a, b in zip(grid.col_edges, edges[start:start + grid.n_cols + 1], strict=True)):
        return None
    right = len(edges) - 1 - start - grid.n_cols
    moved = {}
    for row in grid.matrix:
        for cell in row:
            if cell is not None and id(cell) not in moved:
                moved[id(cell)] = replace(cell, col=cell.col + start)
    matrix = [[None] * start + [moved[id(c)] if c is not None else None for c in row] + [None] * right
              for row in grid.matrix]
    bbox = (edges[0], grid.bbox[1], edges[-1], grid.bbox[3])
    return Grid(grid.page, bbox, matrix, list(edges), grid.row_edges)
