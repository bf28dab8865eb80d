"""One fiscal year across departments: each department's total expenditure and 三公经费, the totals by
function 类 summed over the departments, each figure beside the same departments' previous year.

``years/2025/?kind=budget&page=2`` — the current disclosures of that year and kind the user may see
(disclosures.access), 50 departments a page; ``years/`` shows the latest such year. Every amount is
put in the unit most of the year's disclosures are printed in. The page reads the same number of
queries whatever the number of departments: the shown disclosures' lines and amounts are prefetched,
the 类 lines of the whole year read in one query.
"""
from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from ..charts import Chart, first_totals, in_unit, main_unit, row_bars
from ..comparison import DEFAULT_COLUMNS, PERCENT, amount
from ..models import BudgetLine, BudgetTable, Disclosure, LineAmount
from .base import StaffRequiredMixin
from .compare import LIGHT_LINE

PER_PAGE = 50
CENT = Decimal("0.01")
EXPENSE, THREE_PUBLIC = BudgetTable.Kind.EXPENSE_SUMMARY, BudgetTable.Kind.THREE_PUBLIC_EXPENSE


def cents(value):
    return None if value is None else value.quantize(CENT, ROUND_HALF_UP)


@dataclass
class Figure:
    """One row of a value table in the page's unit: this year's amount, the previous year's, and the
    amount of this year set against it (``value``, or for a sum the part of the departments that
    have a previous year)."""

    label: str
    value: Decimal | None
    previous: Decimal | None
    compared: Decimal | None
    url: str = ""

    @property
    def change(self):
        if self.compared is None or self.previous is None:
            return None
        return self.compared - self.previous

    @property
    def percent(self):
        """The change in percent of the previous year, to one decimal; None when that is 0 or missing."""
        if self.change is None or not self.previous:
            return None
        return (self.change * 100 / self.previous).quantize(PERCENT, ROUND_HALF_UP)


@dataclass
class Section:
    key: str
    title: str
    heading: str  # what the value table's first column names
    figures: list
    chart: Chart
    note: str = ""
    partial: bool = False  # some figures' ``compared`` differs from ``value`` (a column of its own)

    @property
    def drawn(self):
        """Whether any bar has a value to draw."""
        return any(bar.value is not None for bar in self.chart.bars)


def section(key, title, heading, figures, unit, note="", partial=False):
    chart = Chart(title, row_bars((f.label, f.value) for f in figures), unit)
    return Section(key, title, heading, figures, chart, note, partial)


def class_totals(disclosures, unit, comparable, year):
    """{类 code: (name, this year's sum, the sum of the ``comparable`` departments this year, the
    previous year's sum)} over the 类 lines of ``disclosures``'s 部门支出总体情况表 (detail lines at code
    level 1, not a unit's or a project's), each line's 合计 (else 预算数) in ``unit``; and the number of
    amounts whose unit could not be converted."""
    cells = (
        LineAmount.objects.filter(
            line__disclosure__in=disclosures, line__table__kind=EXPENSE, line__code_level=1,
            line__row_type=BudgetLine.RowType.DETAIL, line__unit_name="", line__project="",
            column__in=DEFAULT_COLUMNS)
        .order_by("line__code", "line_id")
        .values_list("line_id", "column", "printed", "line__code", "line__name", "line__disclosure__fiscal_year",
                     "line__disclosure__department_id", "line__table__amount_unit", "line__disclosure__amount_unit")
    )
    lines = {}
    for line_id, column, printed, *facts in cells:
        lines.setdefault(line_id, ({}, facts))[0][column] = printed
    sums, skipped = defaultdict(dict), 0
    for printed, (code, name, fiscal_year, department, table_unit, document_unit) in lines.values():
        value = in_unit(Decimal(next(printed[c] for c in DEFAULT_COLUMNS if c in printed)),
                        table_unit or document_unit, unit)
        if value is None:
            skipped += 1
            continue
        sums[code].setdefault("name", name)
        parts = ["current", "compared"] if fiscal_year == year and department in comparable else \
            ["current"] if fiscal_year == year else ["previous"]
        for part in parts:
            sums[code][part] = sums[code].get(part, Decimal(0)) + value
    return {code: (found["name"], *(cents(found.get(part)) for part in ("current", "compared", "previous")))
            for code, found in sums.items()}, skipped


class YearOverviewView(StaffRequiredMixin, TemplateView):
    template_name = "disclosures/year_overview.html"

    def get_context_data(self, year=None, **kwargs):
        context = super().get_context_data(**kwargs)
        params = self.request.GET
        kind = params.get("kind") if params.get("kind") in Disclosure.Kind.values else Disclosure.Kind.BUDGET
        visible = self.restrict(Disclosure.objects.filter(kind=kind, is_current=True)).defer(*Disclosure.HEAVY_FIELDS)
        years = list(visible.order_by("-fiscal_year").values_list("fiscal_year", flat=True).distinct())
        if year is not None and not 1 <= year <= 9999:
            raise Http404(_("没有这个年度。"))
        year = year or (years[0] if years else None)
        context.update(kind=kind, kind_label=Disclosure.Kind(kind).label, kinds=Disclosure.Kind.choices,
                       years=years, year=year, sections=[])
        if year is None:
            return context
        current = visible.filter(fiscal_year=year)
        before = visible.filter(fiscal_year=year - 1, department__in=current.values("department"))
        unit = main_unit(dict(current.order_by().values_list("amount_unit").annotate(n=Count("pk"))))
        page = Paginator(current.select_related("department").order_by("department__name", "pk"),
                         PER_PAGE).get_page(params.get("page"))
        previous = {d.department_id: d for d in before.filter(department__in=[d.department_id for d in page])}
        totals, three_public = self.page_totals([*page, *previous.values()], unit)
        comparable = set(before.values_list("department_id", flat=True))
        classes, skipped = class_totals(
            visible.filter(Q(pk__in=current.values("pk")) | Q(pk__in=before.values("pk"))), unit, comparable, year)
        partial = 0 < len(comparable) < page.paginator.count

        def per_department(figures):
            rows = []
            for d in page:
                value = figures.get(d.pk)
                last = figures.get(previous[d.department_id].pk) if d.department_id in previous else None
                rows.append(Figure(d.department.name, value, last, value, d.get_absolute_url()))
            return rows

        function = [Figure(f"{code} {name}", value, last, compared)
                    for code, (name, value, compared, last) in sorted(classes.items())]
        shown_note = _("本页列出第 %(start)d–%(end)d 个部门，共 %(count)d 个。") % {
            "start": page.start_index(), "end": page.end_index(), "count": page.paginator.count,
        } if page.paginator.num_pages > 1 else ""
        context.update(
            page=page, unit=unit, previous_year=year - 1, skipped=skipped,
            sections=[
                section("totals", _("各部门支出总计"), _("部门"), per_department(totals), unit, shown_note),
                section("functions", _("支出按功能分类（类）合计"), _("功能分类"), function, unit, _(
                    "全部 %(count)d 个部门之和；其中 %(previous)d 个部门有上年当前版本，增减为这些部门本年与上年之差。") % {
                    "count": page.paginator.count, "previous": len(comparable)}, partial),
                section("three-public", _("各部门“三公”经费"), _("部门"), per_department(three_public), unit, shown_note),
            ],
        )
        return context

    def page_totals(self, disclosures, unit):
        """{disclosure pk: its expenditure total}, {disclosure pk: its 三公经费 total}, in ``unit``."""
        lines = list(
            BudgetLine.objects.filter(disclosure__in=disclosures, table__kind__in=(EXPENSE, THREE_PUBLIC),
                                      row_type=BudgetLine.RowType.TOTAL)
            .select_related("table").defer(*LIGHT_LINE)
            .prefetch_related(Prefetch("amounts", LineAmount.objects.filter(column__in=DEFAULT_COLUMNS)))
            .order_by("disclosure_id", "table__order", "order")
        )
        units = {d.pk: d.amount_unit for d in disclosures}
        found = [first_totals(lines, kind) for kind in (EXPENSE, THREE_PUBLIC)]
        return [{pk: cents(in_unit(amount(x), x.table.amount_unit or units[pk], unit)) for pk, x in by_pk.items()}
                for by_pk in found]
