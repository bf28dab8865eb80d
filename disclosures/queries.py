"""The questions staff ask across departments and years, answered in the database.

Each returns a queryset: one SQL query, indexed on codes and column keys, no loop over rows.
Only current versions count.
"""
from django.db.models import DecimalField, F, OuterRef, Subquery, Sum

from .models import BudgetLine, Department, LineAmount


def lines_with_code(code):
    """Every line printed under ``code`` (e.g. ``"2010301"``) across departments and years."""
    return (
        BudgetLine.objects.filter(code=code, disclosure__is_current=True)
        .select_related("table", "disclosure__department")
        .prefetch_related("amounts")
        .order_by("disclosure__fiscal_year", "disclosure__department__name", "table__order")
    )


def totals_by_class(fiscal_year, column="general_budget", table_kind="income_summary"):
    """Sum of ``column`` per 类 code over all departments' ``table_kind`` tables of a year."""
    return (
        LineAmount.objects.filter(
            column=column,
            line__code_level=1,
            line__table__kind=table_kind,
            line__disclosure__fiscal_year=fiscal_year,
            line__disclosure__is_current=True,
        )
        .values("line__code")
        .annotate(total=Sum("amount"))
        .order_by("line__code")
    )


def three_public_total(year):
    """A subquery: the department's printed 三公 total for ``year`` (budget documents)."""
    return Subquery(
        LineAmount.objects.filter(
            line__disclosure__department=OuterRef("pk"),
            line__disclosure__fiscal_year=year,
            line__disclosure__kind="budget",
            line__disclosure__is_current=True,
            line__table__kind="three_public_expense",
            line__row_type="total",
            column="total",
        ).values("amount")[:1],
        output_field=DecimalField(max_digits=20, decimal_places=4),
    )


def three_public_rose(fiscal_year):
    """Departments whose 三公 budget total is higher than the year before, with both figures."""
    return (
        Department.objects.annotate(
            this_year=three_public_total(fiscal_year), last_year=three_public_total(fiscal_year - 1)
        )
        .filter(this_year__gt=F("last_year"))
        .order_by("name")
    )
