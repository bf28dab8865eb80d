"""Hand-made disclosure-v1 dicts, and the records and staff built from them.

    data = disclosure("财政局", 2025, tables=[table("expense_summary", [line("总计", total="300.00")])])
    record = ingested(data)          # a Disclosure, through the real ingest
    clerk = staff("clerk", CLERK, [record.department])
    finding(record, "T01", lines=record.lines.filter(code="201"))
"""
import itertools

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from disclosures.ingest import ingest
from disclosures.models import BudgetTable, Finding

_sources = itertools.count(1)
TABLE_NUMBERS = {kind: number for number, kind in enumerate(BudgetTable.Kind.values, start=1)}


def source(page):
    return {"source": {"page": page}} if page else {}


def line(name, code=None, *, row_type="detail", side=None, unit=None, project=None, page=None, **amounts):
    """A table line; ``amounts`` are column key → printed amount (``total="30963.77"``)."""
    return {"row_type": row_type, "side": side, "code": code, "name": name, "unit": unit,
            "project": project, "amounts": amounts, **source(page)}


def table(kind, lines, *, pages=(1,)):
    return {"kind": kind, "number": TABLE_NUMBERS[kind], "title": str(BudgetTable.Kind(kind).label),
            "pages": list(pages), "amount_unit": "万元", "empty_note": None, "lines": list(lines)}


def project(name, amount=None, *, unit="", page=None):
    return {"name": name, "unit": unit, "basis": "", "amount": amount, "allocation": "",
            "period_start": None, "period_end": None, **source(page)}


def indicator(name, *, level1="产出指标", level2="数量指标", target="", comparator=None, weight=None, page=None):
    return {"level1": level1, "level2": level2, "name": name, "target": target, "comparator": comparator,
            "target_value": None, "target_unit": None, "basis": "", "prior_value": None, "weight": weight,
            "scoring_rule": None, "evidence": [], **source(page)}


def target(project_name, indicators, *, scope="project", unit="", page=None):
    return {"scope": scope, "unit": unit, "project": project_name, "owner": "", "phone": None, "funds": {},
            "goal": "", "pages": [page] if page else [], "indicators": list(indicators), **source(page)}


def disclosure(department="测试局", year=2025, *, kind="budget", tables=(), projects=(), targets=(), units=()):
    return {
        "format": "budget-disclosure/1",
        "document": {"kind": kind, "fiscal_year": year, "department": department, "amount_unit": "万元",
                     "published_on": None},
        "overview": {"functions": "", "offices": [], "units": [{"name": u, "kind": None} for u in units],
                     "staffing": {}},
        "tables": list(tables),
        "projects": list(projects),
        "performance_targets": list(targets),
        "other_matters": {},
        "sections": [],
        "warnings": [],
    }


def ingested(data, **kwargs):
    """The Disclosure saved from ``data``, as if from a source file no other call used."""
    return ingest(data, source_bytes=f"builders source {next(_sources)}".encode(), **kwargs).disclosure


def staff(username, role, departments=()):
    """A staff account in the group ``role`` (roles.CLERK, REVIEWER, MANAGER), member of ``departments``."""
    user = get_user_model().objects.create_user(username, password="password", is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    user.departments.set(departments)
    return user


def finding(record, rule, *, severity="error", message="", lines=(), **fields):
    """A Finding on the Disclosure ``record``, as if the check ``rule`` had found it."""
    saved = Finding.objects.create(disclosure=record, rule=rule, title=rule, severity=severity,
                                   message=message or f"{rule} 不符", key=f"{rule}-{Finding.objects.count()}",
                                   **fields)
    saved.lines.set(lines)
    return saved
