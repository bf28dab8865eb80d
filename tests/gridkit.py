"""Hand-built pages and ruled grids for parser tests (no PDF needed)."""
from disclosures.parsing.pdf import Cell, Grid, Line, Page

UP, LEFT = "^", "<"  # slot covered by the cell above / to the left
COL_W, ROW_H, X0 = 50.0, 20.0, 40.0


def make_grid(page, rows, top=100.0):
    """A Grid from rows of texts; a text may be a list of wrapped lines, UP/LEFT merge slots."""
    n_rows, n_cols = len(rows), len(rows[0])
    matrix = [[None] * n_cols for _ in range(n_rows)]
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value == UP:
                cell = matrix[r][c] = matrix[r - 1][c]
                if c == cell.col:
                    cell.rowspan += 1
                    cell.bottom += ROW_H
            elif value == LEFT:
                cell = matrix[r][c] = matrix[r][c - 1]
                if r == cell.row:
                    cell.colspan += 1
                    cell.x1 += COL_W
            else:
                lines = value if isinstance(value, list) else [value] if value else []
                x, y = X0 + c * COL_W, top + r * ROW_H
                matrix[r][c] = Cell(x, y, x + COL_W, y + ROW_H, r, c, lines=lines)
    col_edges = [X0 + c * COL_W for c in range(n_cols + 1)]
    row_edges = [top + r * ROW_H for r in range(n_rows + 1)]
    bbox = (col_edges[0], row_edges[0], col_edges[-1], row_edges[-1])
    return Grid(page, bbox, matrix, col_edges, row_edges)


def line(text, top):
    return Line(text, 200.0, top, 200.0 + 14 * len(text), top + 14)


def page(number, lines=(), grids=()):
    return Page(number, 595.0, 842.0, list(lines), list(grids))
