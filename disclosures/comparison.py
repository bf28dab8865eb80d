"""Year over year: the lines of two disclosures matched up, with the change of one amount column.

Lines match by table kind, side, unit, project and code (or name where there is no code); a key
repeated within a table matches by its occurrence. Amounts are the printed ``Decimal`` values.
"""
from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from .models import BudgetLine, BudgetTable

DEFAULT_COLUMNS = ("total", "amount")
PERCENT = Decimal("0.1")


@dataclass
class Row:
    """One line of the comparison; ``base_line`` or ``line`` is None where a year lacks it."""

    base_line: BudgetLine | None
    line: BudgetLine | None
    base: Decimal | None
    current: Decimal | None

    @property
    def shown(self):
        """The line whose code and name the row shows: this year's, else the base year's."""
        return self.line or self.base_line

    @property
    def change(self):
        if self.base is None or self.current is None:
            return None
        return self.current - self.base

    @property
    def percent(self):
        """The change in percent of the base, to one decimal; None when the base is 0 or missing."""
        if self.change is None or not self.base:
            return None
        return (self.change * 100 / self.base).quantize(PERCENT, rounding=ROUND_HALF_UP)


@dataclass
class Section:
    kind: str
    label: str
    rows: list

    @property
    def has_unit(self):
        return any(row.shown.unit_name or row.shown.project for row in self.rows)


def amount(line, column=""):
    """The line's printed amount in ``column`` (default: 合计, else 预算数) as Decimal, or None."""
    printed = {a.column: a.printed for a in line.amounts.all()}
    for key in [column] if column else DEFAULT_COLUMNS:
        if key in printed:
            return Decimal(printed[key])
    return None


def keyed(lines):
    """{table kind: {key: line}} in printed order; ``lines`` ordered by table and line."""
    by_kind = defaultdict(dict)
    seen = defaultdict(int)
    for line in lines:
        key = (line.side, line.unit_name, line.project, line.code or line.name)
        seen[line.table.kind, key] += 1
        by_kind[line.table.kind][key + (seen[line.table.kind, key],)] = line
    return by_kind


def merged_keys(base_keys, keys):
    """``keys`` in order, each key only in ``base_keys`` placed after the base key before it."""
    present = set(keys)
    after = defaultdict(list)
    anchor = None
    for key in base_keys:
        if key in present:
            anchor = key
        else:
            after[anchor].append(key)
    order = list(after[None])
    for key in keys:
        order.append(key)
        order.extend(after[key])
    return order


def compare(base_lines, lines, column=""):
    """Sections per table kind, in the order of the standard tables, comparing ``lines`` with ``base_lines``."""
    base_by_kind, by_kind = keyed(base_lines), keyed(lines)
    sections = []
    for kind, label in BudgetTable.Kind.choices:
        base, current = base_by_kind.get(kind, {}), by_kind.get(kind, {})
        rows = []
        for key in merged_keys(list(base), list(current)):
            base_line, line = base.get(key), current.get(key)
            rows.append(Row(base_line, line,
                            amount(base_line, column) if base_line else None,
                            amount(line, column) if line else None))
        if rows:
            sections.append(Section(kind, label, rows))
    return sections
