"""Year over year: a department's current disclosures of two years, line by line.

``departments/<pk>/compare/?base=2024&year=2025&kind=budget&column=total`` — every parameter is
optional: the latest year, the year before it, budgets, and each line's 合计 (else 预算数).
"""
from django.views.generic import DetailView

from ..charts import yearly_totals
from ..columns import COLUMNS
from ..comparison import compare
from ..filtersets import column_choices, departments
from ..models import BudgetLine, BudgetTable, Disclosure
from .base import StaffRequiredMixin

# What the comparison never reads: where a line sits on its page.
LIGHT_LINE = ("source_bbox", "table__pages")


def year_param(value, years):
    return int(value) if value.isdigit() and int(value) in years else None


class CompareView(StaffRequiredMixin, DetailView):
    template_name = "disclosures/compare.html"
    context_object_name = "department"

    def get_queryset(self):
        return departments(self.request)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        params = self.request.GET
        kind = params.get("kind") if params.get("kind") in Disclosure.Kind.values else Disclosure.Kind.BUDGET
        column = params.get("column") if params.get("column") in COLUMNS else ""
        disclosures = self.restrict(
            self.object.disclosures.filter(kind=kind, is_current=True).defer(*Disclosure.HEAVY_FIELDS))
        current = {d.fiscal_year: d for d in disclosures}
        years = sorted(current, reverse=True)
        year = year_param(params.get("year", ""), years) or (years[0] if years else None)
        earlier = [y for y in years if year and y < year]
        base = year_param(params.get("base", ""), years) or (earlier[0] if earlier else None)
        context.update(kind=kind, kinds=Disclosure.Kind.choices, column=column, columns=column_choices(),
                       years=years, year=year, base=base, sections=[], totals=self.totals(current.values()))
        if base and year:
            pair = (current[base], current[year])
            context.update(base_disclosure=pair[0], disclosure=pair[1], sections=self.sections(*pair, column))
        return context

    def totals(self, disclosures):
        return yearly_totals(
            BudgetLine.objects.filter(disclosure__in=list(disclosures), table__kind=BudgetTable.Kind.EXPENSE_SUMMARY,
                                      row_type=BudgetLine.RowType.TOTAL)
            .select_related("table", "disclosure").defer(*LIGHT_LINE, *(f"disclosure__{f}" for f in Disclosure.HEAVY_FIELDS))
            .prefetch_related("amounts").order_by("table__order", "order")
        )

    def sections(self, base, disclosure, column):
        lines = list(
            BudgetLine.objects.filter(disclosure__in=[base, disclosure]).select_related("table").defer(*LIGHT_LINE)
            .prefetch_related("amounts").order_by("table__order", "order")
        )
        return compare([x for x in lines if x.disclosure_id == base.pk],
                       [x for x in lines if x.disclosure_id == disclosure.pk], column)
