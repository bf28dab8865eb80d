"""Records → disclosure-v1 dict (the JSON export), reading the current, edited values."""
from django.db.models import Prefetch

from disclosures.parsing.disclosure import FORMAT

from .mapping import DOCUMENT, LINE, OVERVIEW, PROJECT, SECTION, TABLE, UNIT
from .models import BudgetLine, BudgetTable, Staffing
from .parts import parts

# other_matters leaves that are counts (integers), not amounts.
COUNT_KEYS = {("assets", "vehicles"), ("assets", "large_equipment_500k"), ("assets", "large_equipment_1m")}


def export(disclosure):
    """The disclosure as a disclosure-v1 dict, with each record's ``source`` where known."""
    tables = disclosure.tables.prefetch_related(
        Prefetch("lines", queryset=BudgetLine.objects.order_by("order").prefetch_related("amounts"))
    ).order_by("order")
    staffing = Staffing.objects.filter(disclosure=disclosure).first()
    data = {
        "format": FORMAT,
        "document": DOCUMENT.as_dict(disclosure),
        "overview": OVERVIEW.as_dict(
            disclosure,
            units=[UNIT.as_dict(u) for u in disclosure.units.order_by("order")],
            staffing={f: getattr(staffing, f) if staffing else None for f in Staffing.FIELDS},
        ),
        "tables": [table_dict(t) for t in tables],
        "projects": [PROJECT.as_dict(p) for p in disclosure.projects.order_by("order")],
    }
    data.update((part.key, part.export(disclosure)) for part in parts())
    data.update(
        other_matters=other_matters_dict(disclosure),
        sections=[SECTION.as_dict(s) for s in disclosure.sections.order_by("order")],
        warnings=list(disclosure.warnings),
    )
    return data


def table_dict(table: BudgetTable):
    lines = [LINE.as_dict(line, amounts={a.column: a.printed for a in line.amounts.all()})
             for line in table.lines.all()]
    return TABLE.as_dict(table, lines=lines)


def other_matters_dict(disclosure):
    out = {}
    for item in disclosure.other_matters.all():
        value = item.printed or None
        if value is not None and (item.group, item.key) in COUNT_KEYS:
            value = int(item.amount)
        if item.key:
            out.setdefault(item.group, {})[item.key] = value
        else:
            out[item.group] = value
    return out
