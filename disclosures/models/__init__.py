"""The records of the disclosures app, one module per concern; import them from here."""
from .documents import (
    Department,
    Disclosure,
    PendingImport,
    Sourced,
    StatusChange,
    has_no_open_errors,
    may_review,
    may_submit,
    may_withdraw,
)
from .findings import Finding, FindingOverride
from .jobs import ImportJob
from .records import (
    BudgetLine,
    BudgetTable,
    BudgetUnit,
    LineAmount,
    OtherMatter,
    Project,
    Section,
    Staffing,
)

__all__ = [
    "BudgetLine", "BudgetTable", "BudgetUnit", "Department", "Disclosure", "Finding", "FindingOverride",
    "ImportJob", "LineAmount", "OtherMatter", "PendingImport", "Project", "Section", "Sourced", "Staffing", "StatusChange",
    "has_no_open_errors", "may_review", "may_submit", "may_withdraw",
]
