"""Records → disclosure-v1 dict (the JSON export), reading the current, edited values."""
from django.db.models import Prefetch

from disclosures.parsing.disclosure import FORMAT
from performance.models import PerformanceTarget

from .models import BudgetLine, BudgetTable, Staffing

# other_matters leaves that are counts (integers), not amounts.
COUNT_KEYS = {("assets", "vehicles"), ("assets", "large_equipment_500k"), ("assets", "large_equipment_1m")}


def export(disclosure):
    """The disclosure as a disclosure-v1 dict, with each record's ``source`` where known."""
    tables = disclosure.tables.prefetch_related(
        Prefetch("lines", queryset=BudgetLine.objects.order_by("order").prefetch_related("amounts"))
    ).order_by("order")
    targets = disclosure.targets.prefetch_related("indicators").order_by("order")
    staffing = Staffing.objects.filter(disclosure=disclosure).first()
    data = {
        "format": FORMAT,
        "document": {
            "kind": disclosure.kind,
            "fiscal_year": disclosure.fiscal_year,
            "department": disclosure.department.name,
            "amount_unit": disclosure.amount_unit,
            "published_on": disclosure.published_on.isoformat() if disclosure.published_on else None,
        },
        "overview": {
            "functions": disclosure.functions or None,
            "offices": list(disclosure.offices),
            "units": [{"name": u.name, "kind": u.kind or None} for u in disclosure.units.order_by("order")],
            "staffing": {f: getattr(staffing, f) if staffing else None for f in Staffing.FIELDS},
        },
        "tables": [table_dict(t) for t in tables],
        "projects": [project_dict(p) for p in disclosure.projects.order_by("order")],
        "performance_targets": [target_dict(t) for t in targets],
        "other_matters": other_matters_dict(disclosure),
        "sections": [
            {"heading": s.heading, "text": s.text, "pages": s.pages} for s in disclosure.sections.order_by("order")
        ],
        "warnings": list(disclosure.warnings),
    }
    return data


def source(page, bbox=None):
    if page is None:
        return None
    out = {"page": page}
    if bbox:
        out["bbox"] = bbox
    return out


def with_source(item, page, bbox=None):
    src = source(page, bbox)
    if src:
        item["source"] = src
    return item


def table_dict(table: BudgetTable):
    return {
        "kind": table.kind,
        "number": table.number,
        "title": table.title,
        "pages": table.pages,
        "amount_unit": table.amount_unit or None,
        "empty_note": table.empty_note or None,
        "lines": [
            with_source(
                {
                    "row_type": line.row_type,
                    "side": line.side or None,
                    "code": line.code or None,
                    "name": line.name,
                    "unit": line.unit_name or None,
                    "project": line.project or None,
                    "amounts": {a.column: a.printed for a in line.amounts.all()},
                },
                line.source_page,
                line.source_bbox,
            )
            for line in table.lines.all()
        ],
    }


def project_dict(project):
    return with_source(
        {
            "name": project.name,
            "unit": project.unit_name or None,
            "basis": project.basis or None,
            "amount": project.amount_printed or None,
            "allocation": project.allocation or None,
            "period_start": project.period_start.isoformat() if project.period_start else None,
            "period_end": project.period_end.isoformat() if project.period_end else None,
        },
        project.source_page,
    )


def target_dict(target: PerformanceTarget):
    return with_source(
        {
            "scope": target.scope,
            "unit": target.unit_name or None,
            "project": target.project or None,
            "owner": target.owner or None,
            "phone": target.phone or None,
            "funds": dict(target.funds),
            "goal": target.goal or None,
            "pages": target.pages,
            "indicators": [
                with_source(
                    {
                        "level1": ind.level1,
                        "level2": ind.level2,
                        "name": ind.name,
                        "target": ind.target_text or None,
                        "comparator": ind.comparator or None,
                        "target_value": ind.target_value or None,
                        "target_unit": ind.target_unit or None,
                        "basis": ind.basis or None,
                        "prior_value": ind.prior_value or None,
                        "weight": weight_number(ind.weight),
                        "scoring_rule": ind.scoring_rule or None,
                        "evidence": list(ind.evidence),
                    },
                    ind.source_page,
                    ind.source_bbox,
                )
                for ind in target.indicators.all()
            ],
        },
        target.source_page,
        target.source_bbox,
    )


def weight_number(weight):
    if weight is None:
        return None
    return int(weight) if weight == weight.to_integral_value() else float(weight)


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
