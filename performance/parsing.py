"""Performance target tables (绩效目标表) → disclosure-v1 ``performance_targets``.

A table starts at a printed title (部门整体绩效目标表 / 项目支出绩效目标表) or, without one,
at a ruled grid holding both the info labels (预算单位, 项目名称…) and the indicator
header (一级指标 … 三级指标 …). The rows above the header are label → value pairs; the
rows below are indicators. A grid on the next page with no title above it and the same
column count continues the open table: its rows are indicators, or lone rows carrying
the rest of a cell of the previous indicator. All printed vocabulary is data in :mod:`disclosures.parsing.vocab.performance`.
"""
from disclosures.parsing.numbers import normalize, parse_amount
from disclosures.parsing.vocab.performance import (
    COMPARATORS,
    EVIDENCE_SEPARATORS,
    FUND_LABELS,
    HEADER_MIN_KEYS,
    HEADER_REQUIRED,
    HEADER_SYNONYMS,
    INFO_LABELS,
    LABEL_PREFIX,
    NUMBER_UNIT_RE,
    PAGE_NUMBER_RE,
    PARENTHESES_RE,
    PROJECT_KEY,
    REFERENCE_WORDS,
    REQUIRED_INFO,
    START_KEYS,
    TITLE_PREFIX_MAX,
    TITLE_SCOPES,
    WEIGHT_RE,
)

INDICATOR_KEYS = ("level1", "level2", "name", "target", "comparator", "target_value",
                  "target_unit", "basis", "prior_value", "weight", "scoring_rule", "evidence")
# A row with a name and one of these is a new indicator; otherwise it continues the last.
ROW_EVIDENCE_KEYS = ("target", "basis", "weight", "prior_value", "scoring_rule")


def parse_target(text):
    """``"＞=120个"`` → (``">="``, ``"120"``, ``"个"``); parts not printed are None."""
    rest = normalize(text)
    comparator = None
    for printed, symbol in COMPARATORS:
        if rest.startswith(printed):
            comparator, rest = symbol, rest[len(printed):]
            break
    match = NUMBER_UNIT_RE.match(rest)
    if not match:
        return comparator, None, None
    return comparator, match.group(1).replace(",", ""), match.group(2) or None


def parse_weight(text):
    """``"15"`` → 15, ``"2.5"`` → 2.5; None when blank or not a number."""
    match = WEIGHT_RE.match(normalize(text))
    if not match:
        return None
    value = float(match.group(1))
    return int(value) if value.is_integer() else value


def split_evidence(text):
    """``"会议纪要,工作台账，验收报告"`` → the three names; [] when blank."""
    return [part.strip() for part in EVIDENCE_SEPARATORS.split(text or "") if part.strip()]


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


def label_text(text):
    """A label as compared with the vocabulary: no spaces, parentheses or 其中：."""
    text = PARENTHESES_RE.sub("", normalize(text))
    return text[len(LABEL_PREFIX):] if text.startswith(LABEL_PREFIX) else text


def is_label(text):
    """Whether ``text`` is an info or fund label."""
    text = label_text(text)
    return text in INFO_LABELS or text in FUND_LABELS


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


def value_right_of(grid, cell):
    """Text of the first non-blank cell right of ``cell`` in its row; None at a label first."""
    cells = grid.row_cells(cell.row)
    for other in cells[cells.index(cell) + 1:]:
        if is_label(other.text):
            return None
        if other.text.strip():
            return other.text.strip()
    return None


def read_info(grid, stop, table, warnings):
    """Fill ``table.info`` and ``table.funds`` from the label rows above row ``stop``."""
    for r in range(stop):
        for cell in grid.row_cells(r):
            if cell.row != r:
                continue
            label = label_text(cell.text)
            if label in INFO_LABELS and not table.info.get(INFO_LABELS[label]):
                table.info[INFO_LABELS[label]] = value_right_of(grid, cell)
            elif label in FUND_LABELS and FUND_LABELS[label] not in table.funds:
                read_fund(grid, cell, FUND_LABELS[label], table, warnings)


def read_fund(grid, cell, key, table, warnings):
    """Store the amount printed right of fund label ``cell`` under ``funds[key]``."""
    text = value_right_of(grid, cell)
    if text is None:
        return
    amount = parse_amount(text)
    if amount is None:
        warnings.append(f"绩效目标表（第 {grid.page} 页）“{cell.text}”的金额无法识别：{text}")
    else:
        table.funds[key] = amount


def row_bbox(grid, r):
    """Bounding box [x0, top, x1, bottom] of grid row ``r``."""
    return [round(v, 2) for v in (grid.col_edges[0], grid.row_edges[r],
                                  grid.col_edges[-1], grid.row_edges[r + 1])]


class Table:
    """One performance target table being read, possibly across pages."""

    def __init__(self, scope, page, bbox):
        self.scope = scope
        self.source = {"page": page, "bbox": [round(v, 2) for v in bbox]}
        self.pages = [page]
        self.info, self.funds = {}, {}
        self.columns = None
        self.n_cols = 0
        self.rows = []  # raw indicators: {key: text, "source": …}

    def add_grid(self, grid, first_row=0):
        """Take ``grid`` into the table; read its indicator rows from ``first_row`` on."""
        if grid.page not in self.pages:
            self.pages.append(grid.page)
        self.n_cols = grid.n_cols
        if self.columns is not None:
            for r in range(first_row, grid.n_rows):
                self.add_row(grid, r)

    def add_row(self, grid, r):
        """A new indicator, or the rest of the previous one's cells printed in a row of its own."""
        texts = {key: grid.matrix[r][col].text.strip() for key, col in self.columns.items()
                 if grid.matrix[r][col] is not None}
        fresh = {key: text for key, text in texts.items()
                 if text and grid.matrix[r][self.columns[key]].row == r}
        if texts.get("name") and (any(texts.get(k) for k in ROW_EVIDENCE_KEYS) or not self.rows):
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

    def result(self, warnings):
        """The disclosure-v1 target dict."""
        if self.columns is None:
            warnings.append(f"绩效目标表（第 {self.source['page']} 页）未找到指标表头，未读取指标")
        for key, label in REQUIRED_INFO[self.scope].items():
            if not self.info.get(key):
                warnings.append(f"绩效目标表（第 {self.source['page']} 页）未读到{label}")
        return {
            "scope": self.scope,
            "unit": self.info.get("unit"),
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
    """A raw row {key: text} → the disclosure-v1 indicator dict."""
    target = raw.get("target") or None
    comparator, value, unit = parse_target(target)
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


def text_between(page, top, bottom):
    """Whether the page prints text (other than a page number) between ``top`` and ``bottom``."""
    return any(line.top >= top and line.bottom <= bottom and not PAGE_NUMBER_RE.match(line.text)
               for line in page.lines)


def grid_title(grid):
    """(scope, cell) when the grid's first row is a performance table title."""
    for cell in grid.row_cells(0) if grid.n_rows else ():
        found = title_scope(cell.text)
        if found:
            return found[1], cell
    return None


def start_table(scope, page, bbox, grid, warnings):
    """A new Table from ``grid``: its info rows, header and indicator rows."""
    table = Table(scope, page, bbox)
    header, table.columns = find_header(grid)
    read_info(grid, grid.n_rows if header is None else header, table, warnings)
    table.add_grid(grid, 0 if header is None else header + 1)
    return table


def looks_like_targets(grid):
    """Whether ``grid`` prints an indicator header or an info label of a target table."""
    return find_header(grid)[0] is not None or any(
        label_text(cell.text) in INFO_LABELS for r in range(grid.n_rows) for cell in grid.row_cells(r))


def untitled_scope(grid):
    """Scope of a title-less grid that holds info labels and an indicator header, else None."""
    header, _ = find_header(grid)
    if header is None:
        return None
    keys = {INFO_LABELS.get(label_text(c.text)) for r in range(header) for c in grid.row_cells(r)}
    if not keys & set(START_KEYS):
        return None
    return "project" if PROJECT_KEY in keys else "department"


def continue_table(table, grid, page, prev_bottom):
    """Add ``grid`` to ``table`` when it continues it; return whether it did."""
    if (table is None or grid.n_cols != table.n_cols or page.number - table.pages[-1] > 1
            or text_between(page, prev_bottom, grid.bbox[1])):
        return False
    header, columns = find_header(grid)
    if columns is not None:
        table.columns = columns
    elif table.columns is None:
        return False
    table.add_grid(grid, 0 if header is None else header + 1)
    return True


def warn_untabled(pending, warnings):
    """Note a title that no performance target grid follows."""
    warnings.append(f"第 {pending[2]} 页的绩效目标表标题下没有绩效目标表格")


def read_grid(grid, page, pending, current, prev_bottom, warnings):
    """The table ``grid`` starts or continues, or None when it is no performance table.

    ``pending`` is (scope, bbox, page number) of a title printed above the grid.
    """
    if pending and looks_like_targets(grid):
        return start_table(pending[0], pending[2], pending[1], grid, warnings)
    if pending:
        warn_untabled(pending, warnings)
    titled = grid_title(grid)
    if titled:
        return start_table(titled[0], page.number, titled[1].bbox, grid, warnings)
    scope = untitled_scope(grid)
    if scope:
        return start_table(scope, page.number, grid.row_cells(0)[0].bbox, grid, warnings)
    if continue_table(current, grid, page, prev_bottom):
        return current
    return None


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
    return [table.result(warnings) for table in tables]
