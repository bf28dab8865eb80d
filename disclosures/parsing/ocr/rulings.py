"""Ruling lines from the ruling masks, as pdfplumber edges in PDF points, and the grids they form.

The edges go through pdfplumber's own merging, intersection and cell finding (its table finder's
default tolerances), and the cells through :func:`pdf.make_grid`, so a scanned table becomes the
same :class:`~disclosures.parsing.pdf.Grid` its vector original would.
"""
import cv2
from pdfplumber import table as finder
from pdfplumber.utils import filter_edges

from ..pdf import make_grid

TOLERANCE = 3  # points, as pdfplumber's table finder
# A scanned ruling broken by noise or faint ink is joined across gaps up to this (points); a real
# break (a merged cell) is a whole cell wide.
JOIN = 8
MIN_CELLS = 2


class Table:
    """What :func:`pdf.make_grid` reads of a pdfplumber table: its cells and bounding box."""

    def __init__(self, cells):
        self.cells = cells
        self.bbox = (min(c[0] for c in cells), min(c[1] for c in cells),
                     max(c[2] for c in cells), max(c[3] for c in cells))


def edges(horizontal, vertical, scale):
    """Edges (pdfplumber dicts, points) of the ruling masks; ``scale`` is points per pixel."""
    out = []
    for mask, orientation in ((horizontal, "h"), (vertical, "v")):
        count, _, stats, _ = cv2.connectedComponentsWithStats(mask)
        for i in range(1, count):
            x, y, w, h, _ = stats[i]
            x0, top, x1, bottom = x * scale, y * scale, (x + w) * scale, (y + h) * scale
            if orientation == "h":
                mid = (top + bottom) / 2
                out.append({"x0": x0, "x1": x1, "top": mid, "bottom": mid, "width": x1 - x0, "height": 0,
                            "orientation": "h", "object_type": "line"})
            else:
                mid = (x0 + x1) / 2
                out.append({"x0": mid, "x1": mid, "top": top, "bottom": bottom, "width": 0,
                            "height": bottom - top, "orientation": "v", "object_type": "line"})
    return out


def find_grids(horizontal, vertical, scale, page_number):
    """The ruled tables of one page image as :class:`~disclosures.parsing.pdf.Grid` objects."""
    merged = finder.merge_edges(edges(horizontal, vertical, scale), TOLERANCE, TOLERANCE, JOIN, JOIN)
    merged = filter_edges(merged, min_length=TOLERANCE)
    cells = finder.intersections_to_cells(finder.edges_to_intersections(merged, TOLERANCE, TOLERANCE))
    grids = []
    for group in finder.cells_to_tables(cells):
        if len(group) >= MIN_CELLS:
            grid = make_grid(Table(group), page_number)
            if grid is not None:
                grids.append(grid)
    return grids
