"""Performance target tables (绩效目标表) → disclosure-v1 ``performance_targets``.

A table starts at a printed title (部门整体绩效目标表 / 项目支出绩效目标表) or, without one,
at a ruled grid holding both the info labels (预算单位, 项目名称…) and the indicator
header (一级指标 … 三级指标 …). The rows above the header are label → value pairs
(:mod:`.info`); the rows below are indicators. A grid on the next page with no title above
it and the same column count continues the open table: its rows are indicators, or lone
rows carrying the rest of a cell of the previous indicator; a level cell cut at the page
break (:mod:`.grid`) is one cell over both pages. A table that prints no unit takes the
department's (主管部门, the 部门整体 table's, the document's) and says so in ``warnings``.
"""
from disclosures.parsing.narrative.document import department
from disclosures.parsing.numbers import normalize
from disclosures.parsing.textflow import paragraphs
from disclosures.parsing.vocab.performance import (
    INFO_LABELS,
    PAGE_NUMBER_RE,
    PARENTHESES_RE,
    PROJECT_KEY,
    REFERENCE_WORDS,
    REQUIRED_INFO,
    SIGNS,
    START_KEYS,
    TITLE_PREFIX_MAX,
    TITLE_SCOPES,
)

from .grid import find_header, in_open_column, open_runs, pad_columns
from .info import inline_pairs, label_text, read_info
from .values import parse_target, parse_weight, split_evidence

INDICATOR_KEYS = ("level1", "level2", "name", "target", "comparator", "target_value",
                  "target_unit", "basis", "prior_value", "weight", "scoring_rule", "evidence")
# A row with a name and one of these is a new indicator; otherwise it continues the last.
ROW_EVIDENCE_KEYS = ("target", "basis", "weight", "prior_value", "scoring_rule")


def title_scope(text):
    """(title, scope) when ``text`` is a performance table title line, else None."""
    text = PARENTHESES_RE.sub("", normalize(text))
    if text.startswith(REFERENCE_WORDS):
        return None
    for title, scope in TITLE_SCOPES:
        at = text.find(title)
        if 0 <= at <= TITLE_PREFIX_MAX and text.endswith(title):
            return title, scope
    return None


def row_bbox(grid, r):
    """Bounding box [x0, top, x1, bottom] of grid row ``r``."""
    return [round(v, 2) for v in (grid.col_edges[0], grid.row_edges[r],
                                  grid.col_edges[-1], grid.row_edges[r + 1])]


def join_cut(before, after):
    """The text of a cell cut at a page break from what each page shows of it."""
    if not before or after.startswith(before):
        return after or before
    if not after or after in before:
        return before
    return before + after


class Table:
    """One performance target table being read, possibly across pages."""

    def __init__(self, scope, page, bbox):
        self.scope = scope
        self.source = {"page": page, "bbox": [round(v, 2) for v in bbox]}
        self.pages = [page]
        self.info, self.funds = {}, {}
        self.columns = None
        self.n_cols, self.col_edges = 0, []
        self.rows = []  # raw indicators: {key: text, "source": …}
        self.cut = {}  # level key → (text, indicator indices) of a cell open at the last grid's foot

    def add_grid(self, grid, page, first_row=0):
        """Take ``grid`` into the table; read its indicator rows from ``first_row`` on."""
        if grid.page not in self.pages:
            self.pages.append(grid.page)
        self.n_cols, self.col_edges = grid.n_cols, grid.col_edges
        if self.columns is None:
            return
        runs = open_runs(grid, page, self.columns, first_row)
        opened = {}
        for key, key_runs in runs.items():
            for start, end, text in key_runs:
                if start == first_row and key in self.cut:
                    text = self.close_cut(key, text)
                opened.update(((r, key), text) for r in range(start, end + 1))
        self.cut = {}
        owners = {}
        go_on = bool(self.rows)  # the first row may go on from the page before
        for r in range(first_row, grid.n_rows):
            self.add_row(grid, r, opened, go_on and r == first_row)
            owners[r] = len(self.rows) - 1
        for key, key_runs in runs.items():
            start, end, text = key_runs[-1]
            if end == grid.n_rows - 1 and self.rows:
                self.cut[key] = (text, sorted({owners[r] for r in range(start, end + 1) if owners[r] >= 0}))

    def close_cut(self, key, text):
        """The whole text of the ``key`` cell cut at the page break; its rows above take it too."""
        before, indices = self.cut[key]
        whole = join_cut(before, text)
        for i in indices:
            self.rows[i][key] = whole
        return whole

    def add_row(self, grid, r, opened, may_go_on=False):
        """A new indicator, or the rest of the previous one's cells printed in a row of its own.

        The first row of a page the table goes on to (``may_go_on``) whose 分值权重 only it or
        only the indicator before it prints is the rest of that indicator's row, cut at the break."""
        texts, fresh = {}, {}
        for key, col in self.columns.items():
            cell = grid.matrix[r][col]
            if cell is None:
                if (r, key) in opened:
                    texts[key] = opened[(r, key)]
                continue
            texts[key] = cell.text.strip()
            if texts[key] and cell.row == r:
                fresh[key] = texts[key]
        if may_go_on and "weight" in self.columns and bool(texts.get("weight")) != bool(self.rows[-1].get("weight")):
            for key, text in fresh.items():
                self.rows[-1][key] = self.rows[-1].get(key, "") + text
        elif texts.get("name") and (any(texts.get(k) for k in ROW_EVIDENCE_KEYS) or not self.rows):
            self.rows.append(self.carry_levels(texts, grid, r))
        elif fresh and self.rows:
            for key, text in fresh.items():
                self.rows[-1][key] = self.rows[-1].get(key, "") + text

    def carry_levels(self, texts, grid, r):
        """``texts`` with blank level names taken from the previous indicator."""
        raw = dict(texts, source={"page": grid.page, "bbox": row_bbox(grid, r)})
        if self.rows:
            prev = self.rows[-1]
            if not raw.get("level1"):
                raw["level1"] = prev.get("level1", "")
                if not raw.get("level2"):
                    raw["level2"] = prev.get("level2", "")
        return raw

    def result(self, warnings, fallback):
        """The disclosure-v1 target dict; ``fallback()`` is (unit, where it was found) or None."""
        where = f"绩效目标表（第 {self.source['page']} 页）"
        if self.columns is None:
            warnings.append(f"{where}未找到指标表头，未读取指标")
        unit = self.info.get("unit")
        for key, label in REQUIRED_INFO[self.scope].items():
            if self.info.get(key):
                continue
            found = fallback(self) if key == "unit" else None
            if found:
                unit = found[0]
                warnings.append(f"{where}未印{label}，取{found[1]}“{unit}”")
            else:
                warnings.append(f"{where}未读到{label}")
        return {
            "scope": self.scope,
            "unit": unit,
            "project": self.info.get(PROJECT_KEY) if self.scope == "project" else None,
            "owner": self.info.get("owner"),
            "phone": self.info.get("phone"),
            "funds": self.funds,
            "goal": self.info.get("goal"),
            "pages": self.pages,
            "indicators": [indicator(raw) for raw in self.rows],
            "source": self.source,
        }


def indicator(raw):
    """A raw row {key: text} → the disclosure-v1 indicator dict.

    A value printed over 指标性质 | 指标值 | 度量单位 reads as one target (``≥`` ``500`` ``平方米``
    → ``≥500平方米``); a sign that is no comparator (定性) is left out of it."""
    target = raw.get("target") or None
    comparator, value, unit = parse_target(target)
    sign = SIGNS.get(normalize(raw.get("sign")))
    if target and (sign or raw.get("unit")):
        target = (raw["sign"].strip() if sign else "") + target + (raw.get("unit") or "").strip()
        comparator, unit = sign or comparator, (raw.get("unit") or "").strip() or unit
    out = {key: raw.get(key) or None for key in INDICATOR_KEYS}
    out.update(target=target, comparator=comparator, target_value=value, target_unit=unit,
               weight=parse_weight(raw.get("weight")),
               evidence=split_evidence(raw.get("evidence")), source=raw["source"])
    return out


def page_items(page):
    """The page's title lines and grids top to bottom: ("title", (scope, line)) / ("grid", grid)."""
    items = []
    for line in page.lines:
        found = title_scope(line.text)
        if found:
            items.append((line.top, "title", (found[1], line)))
    items.extend((grid.bbox[1], "grid", grid) for grid in page.grids)
    return [(kind, item) for _, kind, item in sorted(items, key=lambda i: i[0])]


def text_between(page, top, bottom, grid):
    """Whether the page prints text between ``top`` and ``bottom`` above ``grid`` (a page
    number or the text of a cell cut open at the break does not count)."""
    return any(line.top >= top and line.bottom <= bottom and not PAGE_NUMBER_RE.match(line.text)
               and not in_open_column(grid, line) for line in page.lines)


def grid_title(grid):
    """(scope, cell) when the grid's first row is a performance table title."""
    for cell in grid.row_cells(0) if grid.n_rows else ():
        found = title_scope(cell.text)
        if found:
            return found[1], cell
    return None


def start_table(scope, page, bbox, grid, warnings):
    """A new Table from ``grid``: its info rows, header and indicator rows."""
    table = Table(scope, page.number, bbox)
    header, table.columns = find_header(grid)
    read_info(grid, grid.n_rows if header is None else header, table, warnings)
    table.add_grid(grid, page, 0 if header is None else header + 1)
    return table


def cell_keys(cell):
    """The info keys a cell's label (or its ``label：value`` pairs) name."""
    keys = {INFO_LABELS.get(label_text(cell.text))}
    return keys | {INFO_LABELS.get(label_text(label)) for label, _ in inline_pairs(cell.text)}


def looks_like_targets(grid):
    """Whether ``grid`` prints an indicator header or an info label of a target table."""
    return find_header(grid)[0] is not None or any(
        cell_keys(cell) - {None} for r in range(grid.n_rows) for cell in grid.row_cells(r))


def untitled_scope(grid):
    """Scope of a title-less grid that holds info labels and an indicator header, else None."""
    header, _ = find_header(grid)
    if header is None:
        return None
    keys = set().union(*(cell_keys(c) for r in range(header) for c in grid.row_cells(r)))
    if not keys & set(START_KEYS):
        return None
    return "project" if PROJECT_KEY in keys else "department"


def continue_table(table, grid, page, prev_bottom):
    """Add ``grid`` to ``table`` when it continues it (its columns, or a run of them, on the
    same rules); return whether it did."""
    if table is None or page.number - table.pages[-1] > 1:
        return False
    if grid.n_cols != table.n_cols:
        grid = pad_columns(grid, table.col_edges, table.columns or {})
    if grid is None or text_between(page, prev_bottom, grid.bbox[1], grid):
        return False
    header, columns = find_header(grid)
    if columns is not None:
        table.columns = columns
    elif table.columns is None:
        return False
    table.add_grid(grid, page, 0 if header is None else header + 1)
    return True


def warn_untabled(pending, warnings):
    """Note a title that no performance target grid follows."""
    warnings.append(f"第 {pending[2]} 页的绩效目标表标题下没有绩效目标表格")


def read_grid(grid, page, pending, current, prev_bottom, warnings):
    """The table ``grid`` starts or continues, or None when it is no performance table.

    ``pending`` is (scope, bbox, page number) of a title printed above the grid.
    """
    if pending and looks_like_targets(grid):
        return start_table(pending[0], page, pending[1], grid, warnings)
    if pending:
        warn_untabled(pending, warnings)
    titled = grid_title(grid)
    if titled:
        return start_table(titled[0], page, titled[1].bbox, grid, warnings)
    scope = untitled_scope(grid)
    if scope:
        return start_table(scope, page, grid.row_cells(0)[0].bbox, grid, warnings)
    if continue_table(current, grid, page, prev_bottom):
        return current
    return None


def unit_fallback(tables, pages):
    """``fallback(table)`` for :meth:`Table.result`: the table's 主管部门, else the unit of the
    document's 部门整体 table, else the document's department (read once, when first needed)."""
    found = {}

    def fallback(table):
        if table.info.get("department"):
            return table.info["department"], "主管部门"
        for other in tables:
            if other.scope == "department" and other.info.get("unit"):
                return other.info["unit"], "部门整体绩效目标表的部门名称"
        if "document" not in found:
            found["document"] = department(paragraphs(pages))
        return (found["document"], "编制部门") if found["document"] else None

    return fallback


def parse_targets(pages, warnings):
    """Every 部门整体/项目支出绩效目标表 of ``pages`` as disclosure-v1 target dicts."""
    tables, current, pending = [], None, None
    for page in pages:
        prev_bottom = 0
        for kind, item in page_items(page):
            if kind == "title":
                if pending:
                    warn_untabled(pending, warnings)
                scope, line = item
                pending = (scope, line.bbox, page.number)
                continue
            table = read_grid(item, page, pending, current, prev_bottom, warnings)
            if table is not None and table is not current:
                tables.append(table)
            current, pending, prev_bottom = table, None, item.bbox[3]
    if pending:
        warn_untabled(pending, warnings)
    fallback = unit_fallback(tables, pages)
    return [table.result(warnings, fallback) for table in tables]
