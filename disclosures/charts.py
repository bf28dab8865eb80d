"""Horizontal bar charts drawn as server-rendered SVG: the amounts to bars, nothing drawn here.

``composition(lines)`` turns a disclosure's lines into the charts of its disclosure page, and
``yearly_totals(lines)`` a department's total lines into the chart of its compare page; each chart is
a ``Chart`` whose bars carry their width in percent of the largest value. Amounts stay ``Decimal``;
``in_unit`` and ``main_unit`` put amounts of several disclosures in one unit (the year overview).
"""
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .comparison import amount
from .models import BudgetLine, BudgetTable

WIDTH_STEP = Decimal("0.1")
BAR_HEIGHT = 22  # SVG user units per bar row
# Where the expenditure by function 类 is read from, best first.
FUNCTION_TABLES = (BudgetTable.Kind.GENERAL_BUDGET_EXPENSE, BudgetTable.Kind.EXPENSE_SUMMARY)
ECONOMIC_TABLE = BudgetTable.Kind.GENERAL_BUDGET_BASIC_EXPENSE


@dataclass
class Bar:
    label: str
    value: Decimal
    width: Decimal  # percent of the chart's largest value, 0 for values <= 0
    y: int = 0  # SVG offset of the bar's row


@dataclass
class Chart:
    title: str
    bars: list
    unit: str = ""  # the amount unit when all bars share one

    @property
    def height(self):
        return BAR_HEIGHT * len(self.bars)


def bars(items):
    """``(label, Decimal value)`` pairs → bars scaled to the largest value (None values left out)."""
    items = [(label, value) for label, value in items if value is not None]
    top = max((value for _label, value in items), default=Decimal(0))
    result = []
    for index, (label, value) in enumerate(items):
        width = (value * 100 / top).quantize(WIDTH_STEP, ROUND_HALF_UP) if top > 0 and value > 0 else Decimal(0)
        result.append(Bar(label, value, width, index * BAR_HEIGHT))
    return result


def class_lines(lines, kind):
    """The detail lines at 类 level of the table of ``kind``, not split by unit or project."""
    return [x for x in lines if x.table.kind == kind and x.code_level == 1 and x.row_type == BudgetLine.RowType.DETAIL
            and not x.unit_name and not x.project]


def common_unit(lines):
    """The amount unit of the lines' tables when they share one, else blank."""
    units = {x.table.amount_unit for x in lines}
    return units.pop() if len(units) == 1 else ""


def composition(lines):
    """The disclosure page's charts from its lines (with table and amounts): by function 类,
    basic vs project, by economic 类; a chart without bars is left out."""
    charts = []
    function = next((found for kind in FUNCTION_TABLES if (found := class_lines(lines, kind))), [])
    charts.append(Chart(_("支出按功能分类（类）"), bars((f"{x.code} {x.name}", amount(x)) for x in function),
                        common_unit(function)))
    split = [(_("基本支出"), "basic"), (_("项目支出"), "project")]
    if any(amount(x, column) is not None for x in function for _label, column in split):
        charts.append(Chart(_("基本支出与项目支出"), bars(
            (label, sum((amount(x, column) or Decimal(0) for x in function), Decimal(0))) for label, column in split
        ), common_unit(function)))
    economic = class_lines(lines, ECONOMIC_TABLE)
    charts.append(Chart(_("基本支出按经济分类（类）"), bars((f"{x.code} {x.name}", amount(x)) for x in economic),
                        common_unit(economic)))
    return [chart for chart in charts if chart.bars]


def yearly_totals(lines):
    """The compare page's chart: per year, the first total line of the year's 部门支出总体情况表;
    ``lines`` ordered by table and line, of one disclosure per year."""
    totals = {x.disclosure.fiscal_year: x for x in first_totals(lines, BudgetTable.Kind.EXPENSE_SUMMARY).values()}
    ordered = [totals[year] for year in sorted(totals)]
    return Chart(_("支出总计（历年）"), bars((str(x.disclosure.fiscal_year), amount(x)) for x in ordered),
                 common_unit(ordered))


def first_totals(lines, kind):
    """{disclosure id: its first total line in the table of ``kind``} (not a unit's subtotal, not the
    income side); ``lines`` ordered by table and line."""
    found = {}
    for x in lines:
        if (x.table.kind == kind and x.row_type == BudgetLine.RowType.TOTAL and not x.unit_name
                and x.side != BudgetLine.Side.INCOME):
            found.setdefault(x.disclosure_id, x)
    return found


def in_unit(value, unit, target):
    """``value`` printed in ``unit`` expressed in ``target`` by ``settings.CHECKS["UNIT_FACTORS"]``
    (12345 元 → 1.2345 万元); None when the value is missing or either unit unknown."""
    factors = settings.CHECKS["UNIT_FACTORS"]
    if value is None or unit not in factors or target not in factors:
        return None
    return value * factors[unit] / factors[target]


def main_unit(counts):
    """The unit most amounts are in, from {unit: count}, among the units ``UNIT_FACTORS`` knows (a tie
    goes to the larger unit); 万元 when none is known."""
    factors = settings.CHECKS["UNIT_FACTORS"]
    known = [(n, factors[unit], unit) for unit, n in counts.items() if unit in factors]
    return max(known)[2] if known else "万元"


def row_bars(items):
    """Like ``bars``, but bar *i* sits in row *i* (beside row *i* of a value table): an item without a
    value keeps its row, with a bar of value None and width 0."""
    items = list(items)
    drawn = iter(bars(items))
    result = []
    for index, (label, value) in enumerate(items):
        bar = next(drawn) if value is not None else Bar(label, None, Decimal(0))
        bar.y = index * BAR_HEIGHT
        result.append(bar)
    return result
