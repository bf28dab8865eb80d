"""Interchange dict → records, in one transaction.

The same source file twice (same SHA-256) creates nothing. A new file for a department,
year and kind already on record becomes the next version and the current one; earlier
versions, approved or not, are kept untouched. The data is validated first, and the checks run in
the same transaction, so a disclosure never exists without its findings; a stored source file is
removed again when the transaction fails.
"""
import enum
from dataclasses import dataclass
from decimal import Decimal

from django.core.files.base import ContentFile
from django.db import IntegrityError, OperationalError, transaction
from django.db.models import Max

from .checks import run_checks
from .columns import TOTAL_COLUMN
from .ingest_ocr import mark_confidences, read_by_ocr
from .mapping import DOCUMENT, LINE, OVERVIEW, PROJECT, SECTION, TABLE, UNIT
from .models import (
    BudgetLine,
    BudgetTable,
    BudgetUnit,
    Department,
    Disclosure,
    LineAmount,
    OtherMatter,
    Project,
    Section,
    Staffing,
)
from .parsing import ParseError
from .parsing.numbers import code_level
from .parts import parts
from .validation import integer, validate

# SQLSTATEs of a transaction that lost to a concurrent one: unique violation, serialization failure,
# deadlock, lock not available; and SQLite's messages for the first and the last.
CONTENTION = {"23505", "40001", "40P01", "55P03"}
CONTENTION_MESSAGES = ("UNIQUE constraint failed", "database is locked")


class Outcome(enum.Enum):
    CREATED = "created"
    UNCHANGED = "unchanged"
    NEW_VERSION = "new_version"


OUTCOME_LABELS = {
    Outcome.CREATED: "已创建",
    Outcome.UNCHANGED: "未改变（同一文件已导入）",
    Outcome.NEW_VERSION: "已创建新版本",
}


class ConcurrentImport(ParseError):
    code = "concurrent"
    default_message = "另一个导入同时保存了同一文件或同一部门年度，请刷新后重试"


@dataclass
class IngestResult:
    outcome: Outcome
    disclosure: Disclosure

    @property
    def label(self):
        return OUTCOME_LABELS[self.outcome]


def ingest(data, *, source_bytes, source_name="", user=None, page_count=None):
    """Save the disclosure-v1 ``data`` parsed from ``source_bytes``; all or nothing.

    A PDF source is stored with the record; a JSON source is not (its content is ``parsed``).
    """
    validate(data)
    sha256 = Disclosure.checksum(source_bytes)
    existing = Disclosure.objects.filter(sha256=sha256).first()
    if existing is not None:
        return IngestResult(Outcome.UNCHANGED, existing)
    stored = []
    try:
        with transaction.atomic():
            disclosure, last_version = save_records(data, sha256, source_bytes, source_name, user, page_count,
                                                    stored)
            run_checks(disclosure)
    except BaseException as exc:
        remove(stored)
        if isinstance(exc, (IntegrityError, OperationalError)) and lost_to_another(exc):
            raise ConcurrentImport() from exc
        raise
    outcome = Outcome.NEW_VERSION if last_version else Outcome.CREATED
    return IngestResult(outcome, disclosure)


def save_records(data, sha256, source_bytes, source_name, user, page_count, stored):
    """The Disclosure and all its records; the name of a stored source file is appended to ``stored``."""
    doc = data["document"]
    department, _ = Department.objects.get_or_create(name=doc["department"])
    previous = (
        Disclosure.objects.select_for_update()
        .filter(department=department, fiscal_year=doc["fiscal_year"], kind=doc["kind"])
    )
    last_version = previous.aggregate(v=Max("version"))["v"] or 0
    integer(last_version + 1, Disclosure, "version", "")
    previous.filter(is_current=True).update(is_current=False)
    disclosure = Disclosure(
        **DOCUMENT.values(doc),
        **OVERVIEW.values(data["overview"]),
        department=department,
        version=last_version + 1,
        sha256=sha256,
        source_name=source_name[:max_length(Disclosure, "source_name")],
        page_count=page_count,
        parsed=data,
        warnings=data.get("warnings") or [],
        read_by_ocr=read_by_ocr(data.get("warnings")),
        uploaded_by=user,
    )
    if source_bytes.startswith(b"%PDF-"):
        disclosure.source_pdf.save(f"{sha256}.pdf", ContentFile(source_bytes), save=False)
        stored.append(disclosure.source_pdf.name)
    disclosure.save()
    units = save_units(disclosure, data["overview"].get("units") or [])
    save_staffing(disclosure, data["overview"].get("staffing") or {})
    save_tables(disclosure, data["tables"], units, data.get("warnings"))
    save_projects(disclosure, data.get("projects") or [])
    for part in parts():
        part.save(disclosure, data.get(part.key) or [])
    save_other_matters(disclosure, data.get("other_matters") or {})
    save_sections(disclosure, data.get("sections") or [])
    return disclosure, last_version


def lost_to_another(exc):
    """Whether a database error means a concurrent import won the race."""
    return getattr(exc.__cause__, "sqlstate", None) in CONTENTION or any(m in str(exc) for m in CONTENTION_MESSAGES)


def remove(names):
    for name in names:
        Disclosure._meta.get_field("source_pdf").storage.delete(name)


def max_length(model, name):
    return model._meta.get_field(name).max_length


def save_units(disclosure, units):
    """The disclosure's budget units by name; the first listed is the department's own level."""
    objs = BudgetUnit.objects.bulk_create(
        BudgetUnit(disclosure=disclosure, department=disclosure.department, order=i, is_own_level=i == 0,
                   **UNIT.values(unit))
        for i, unit in enumerate(units)
    )
    return {obj.name: obj for obj in objs}


def save_staffing(disclosure, staffing):
    Staffing.objects.create(disclosure=disclosure, **{k: staffing.get(k) for k in Staffing.FIELDS})


def save_tables(disclosure, tables, units, warnings):
    """The tables, their lines and amount cells; the cells OCR read with its confidence."""
    cells = []
    for t_order, table in enumerate(tables):
        obj = BudgetTable.objects.create(disclosure=disclosure, order=t_order, **TABLE.values(table))
        lines = [
            BudgetLine(table=obj, disclosure=disclosure, order=order, unit=units.get(line.get("unit")),
                       **LINE.values(line))
            for order, line in enumerate(table["lines"])
        ]
        for obj_line, line in zip(lines, table["lines"], strict=True):  # bulk_create skips save() and signals
            obj_line.code_level = code_level(obj_line.code)
            total = line["amounts"].get(TOTAL_COLUMN)
            obj_line.total_amount = Decimal(total) if total is not None else None
        BudgetLine.objects.bulk_create(lines)
        cells += [
            LineAmount(line=obj_line, column=column, printed=printed, amount=Decimal(printed))
            for obj_line, line in zip(lines, table["lines"], strict=True)
            for column, printed in line["amounts"].items()
        ]
    mark_confidences(cells, warnings)
    LineAmount.objects.bulk_create(cells)


def save_projects(disclosure, projects):
    for order, project in enumerate(projects):
        Project.objects.create(disclosure=disclosure, order=order, **PROJECT.values(project))


def save_sections(disclosure, sections):
    """The text sections; a heading too long for its field is shortened."""
    heading_length = max_length(Section, "heading")
    objs = [Section(disclosure=disclosure, order=i, **SECTION.values(s)) for i, s in enumerate(sections)]
    for obj in objs:
        obj.heading = obj.heading[:heading_length]
    Section.objects.bulk_create(objs)


def save_other_matters(disclosure, other):
    rows = []
    for group, value in other.items():
        items = value.items() if isinstance(value, dict) else [("", value)]
        for key, printed in items:
            printed = "" if printed is None else str(printed)
            rows.append(
                OtherMatter(disclosure=disclosure, group=group, key=key, printed=printed,
                            amount=Decimal(printed) if printed else None)
            )
    OtherMatter.objects.bulk_create(rows)
