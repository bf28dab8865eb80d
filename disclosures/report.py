"""The review report (审核意见) of one disclosure: its findings as rows for the printable page and the XLSX.

Amounts stay ``Decimal``: the page shows them with thousands separators (``amount_text``), the
spreadsheet carries them as numbers.
"""
from decimal import Decimal

from django.utils.translation import gettext as _

from .models import Finding
from .templatetags.people import person

CENT = Decimal("0.01")
SEVERITY_ORDER = {Finding.Severity.ERROR: 0, Finding.Severity.WARNING: 1, Finding.Severity.INFO: 2}


def amount_text(value):
    """``Decimal("1234567.8000")`` → ``1,234,567.80``; finer digits kept (``0.1250`` → ``0.125``); blank for None."""
    if value is None:
        return ""
    shown = value.quantize(CENT) if value == value.quantize(CENT) else value.normalize()
    return format(shown, ",")


def finding_pages(finding):
    """The PDF pages a finding points at: its lines' source pages, else its table's pages."""
    pages = sorted({line.source_page for line in finding.lines.all() if line.source_page})
    if not pages and finding.table:
        pages = sorted(finding.table.pages)
    return pages


def report_findings(disclosure):
    """The disclosure's findings, errors first, each with its table, lines and 放行 read in the same queries."""
    findings = (Finding.objects.filter(disclosure=disclosure)
                .select_related("table", "overridden_by").prefetch_related("lines"))
    return sorted(findings, key=lambda f: (SEVERITY_ORDER.get(f.severity, 9), f.rule, f.pk))


def report_entries(disclosure):
    """One dict per finding: what the page and the spreadsheet show."""
    return [{
        "finding": finding,
        "severity": finding.get_severity_display(),
        "rule": finding.rule,
        "title": finding.title,
        "message": finding.message,
        "table": str(finding.table) if finding.table else "",
        "pages": finding_pages(finding),
        "expected": finding.expected,
        "actual": finding.actual,
        "difference": finding.difference,
        "overridden": finding.overridden,
        "override_reason": finding.override_reason if finding.overridden else "",
        "overridden_by": person(finding.overridden_by) if finding.overridden else "",
    } for finding in report_findings(disclosure)]


def report_header():
    return [_("级别"), _("规则"), _("规则名称"), _("说明"), _("表"), _("页码"), _("应为"), _("印出数"), _("差额"),
            _("放行"), _("放行理由"), _("核定人")]


def report_rows(disclosure, entries):
    """The spreadsheet: the disclosure's facts, a blank row, then the header and one row per finding."""
    yield [_("部门"), disclosure.department.name]
    yield [_("年度"), disclosure.fiscal_year]
    yield [_("类型"), disclosure.get_kind_display()]
    yield [_("状态"), disclosure.get_status_display()]
    yield [_("金额单位"), disclosure.amount_unit]
    yield []
    yield report_header()
    for entry in entries:
        yield [entry["severity"], entry["rule"], entry["title"], entry["message"], entry["table"],
               "、".join(map(str, entry["pages"])), entry["expected"], entry["actual"], entry["difference"],
               _("已放行") if entry["overridden"] else "", entry["override_reason"], entry["overridden_by"]]
