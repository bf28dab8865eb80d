"""django-tables2 tables of the review lists; what a cell shows on screen and in exports."""
from decimal import Decimal, InvalidOperation

import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from .columns import column_label
from .models import BudgetLine, Finding, Project


def grouped(printed):
    """A printed amount with thousands separators, its decimals as printed: ``12345.67`` → ``12,345.67``."""
    return format(Decimal(printed), ",")


def amount_shown(value):
    """How every page shows an amount (the ``grouped`` filter): ``grouped`` when ``value`` is an
    amount, blank for None or "", anything else as it is."""
    if value in (None, ""):
        return ""
    try:
        return grouped(value)
    except (InvalidOperation, TypeError, ValueError):
        return str(value)


def amounts_text(amounts, group=True):
    """A line's amounts in one string: ``合计 12,345.67 · 基本支出 2,345.00``."""
    return " · ".join(f"{column_label(a.column)} {grouped(a.printed) if group else a.printed}" for a in amounts)


def source_link(disclosure_id, *, page=None, line=None, anchor=None):
    """The disclosure page showing ``line`` on its PDF page (else PDF ``page``), scrolled to ``anchor``
    (default: the line)."""
    url = reverse("disclosures:disclosure", args=[disclosure_id])
    query = f"?line={line}" if line else f"?page={page}" if page else ""
    anchor = anchor or (f"line-{line}" if line else "")
    return f"{url}{query}#{anchor}" if anchor else f"{url}{query}"


def finding_link(finding):
    """The finding on its disclosure page, beside the PDF page of its first line (else of its table)."""
    lines = finding.lines.all()
    pages = finding.table.pages if finding.table else []
    return source_link(finding.disclosure_id, line=lines[0].pk if lines else None,
                       page=pages[0] if pages else None, anchor=f"finding-{finding.pk}")


def sorted_by(field):
    """Sort by ``field``, ties in record order, so pages never overlap."""
    return (field, "pk")


class DecimalColumn(tables.Column):
    """A stored ``Decimal`` without the trailing zeros of its four places: ``12,345.67`` on screen,
    the number ``12345.67`` in exports."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("attrs", {"td": {"class": "num"}})
        super().__init__(*args, **kwargs)

    def render(self, value):
        return f"{value.normalize():,f}"

    def value(self, value):
        return Decimal(f"{value.normalize():f}")  # a number in XLSX, ``12345.67`` in CSV


def disclosure_columns(path):
    """A Table base with the year and department of records reaching their disclosure via ``path``."""

    class DisclosureColumns(tables.Table):
        year = tables.Column(
            _("年度"), accessor=f"{path}__fiscal_year", order_by=sorted_by(f"{path}__fiscal_year")
        )
        department = tables.Column(
            _("部门"), accessor=f"{path}__department__name", order_by=sorted_by(f"{path}__department__name")
        )

    return DisclosureColumns


class BudgetLineTable(disclosure_columns("disclosure")):
    table_number = tables.Column(
        _("表"), accessor="table__number", order_by=sorted_by("table__number"), attrs={"td": {"class": "nowrap"}}
    )
    code = tables.Column(_("科目编码"), order_by=sorted_by("code"))
    name = tables.Column(_("科目名称"), order_by=sorted_by("name"))
    unit_name = tables.Column(_("预算单位"), order_by=sorted_by("unit_name"))
    project = tables.Column(_("项目名称"), order_by=sorted_by("project"))
    amounts = tables.Column(_("金额"), empty_values=(), order_by=sorted_by("total_amount"),
                            attrs={"td": {"class": "amounts"}})
    source_page = tables.Column(_("页码"), order_by=sorted_by("source_page"), attrs={"td": {"class": "num"}})

    class Meta:
        model = BudgetLine
        fields = ()
        row_attrs = {"class": lambda record: record.row_type}
        empty_text = _("没有符合条件的预算行。")

    def render_table_number(self, record):
        return format_html('<span title="{}">表{}</span>', record.table.title, record.table.number)

    def value_table_number(self, record):
        return str(record.table)

    def render_name(self, record, value):
        return format_html('<a href="{}">{}</a>', source_link(record.disclosure_id, line=record.pk), value)

    def value_name(self, value):
        return value

    def render_amounts(self, record):
        return amounts_text(record.amounts.all())

    def value_amounts(self, record):
        return amounts_text(record.amounts.all(), group=False)


class ProjectTable(disclosure_columns("disclosure")):
    name = tables.Column(_("项目名称"), order_by=sorted_by("name"))
    unit_name = tables.Column(_("项目承担单位"), order_by=sorted_by("unit_name"))
    amount = tables.Column(_("预算安排规模"), order_by=sorted_by("amount"), attrs={"td": {"class": "num"}})
    period_start = tables.Column(_("执行开始"), order_by=sorted_by("period_start"))
    period_end = tables.Column(_("执行结束"), order_by=sorted_by("period_end"))
    source_page = tables.Column(_("页码"), order_by=sorted_by("source_page"), attrs={"td": {"class": "num"}})

    class Meta:
        model = Project
        fields = ()
        empty_text = _("没有符合条件的项目。")

    def render_name(self, record, value):
        return format_html('<a href="{}">{}</a>', source_link(record.disclosure_id, page=record.source_page), value)

    def value_name(self, value):
        return value

    def render_amount(self, record):
        return grouped(record.amount_printed)

    def value_amount(self, record):
        return Decimal(record.amount_printed)  # a number in XLSX, as printed in CSV


class FindingTable(disclosure_columns("disclosure")):
    version = tables.Column(_("版本"), accessor="disclosure__version", orderable=False)
    severity = tables.Column(_("级别"), order_by=sorted_by("severity"))
    rule = tables.Column(_("规则"), order_by=sorted_by("rule"))
    message = tables.Column(_("说明"), orderable=False)
    expected = DecimalColumn(_("应为"), order_by=sorted_by("expected"))
    actual = DecimalColumn(_("印出数"), order_by=sorted_by("actual"))
    difference = DecimalColumn(_("差额"), order_by=sorted_by("difference"))
    lines = tables.Column(_("相关行"), empty_values=(), orderable=False)
    pages = tables.Column(_("页码"), empty_values=(), orderable=False, attrs={"td": {"class": "num"}})
    overridden_by = tables.Column(_("核定"), order_by=sorted_by("overridden_by__username"))

    class Meta:
        model = Finding
        fields = ()
        empty_text = _("没有符合条件的检查发现。")

    def render_version(self, record):
        return f"{record.disclosure.get_kind_display()} v{record.disclosure.version}"

    def render_severity(self, record):
        return format_html('<span class="badge {}">{}</span>', record.severity, record.get_severity_display())

    def value_severity(self, record):
        return record.get_severity_display()

    def render_rule(self, record):
        return f"{record.rule} {record.title}"

    def render_message(self, record, value):
        return format_html('<a href="{}">{}</a>', finding_link(record), value)

    def value_message(self, value):
        return value

    def render_lines(self, record):
        return format_html_join(
            mark_safe("<br>"), '<a href="{}">{}</a>',
            ((source_link(record.disclosure_id, line=line.pk), str(line)) for line in record.lines.all()),
        )

    def value_lines(self, record):
        return "; ".join(str(line) for line in record.lines.all())

    def render_pages(self, record):
        pages = {line.source_page for line in record.lines.all() if line.source_page}
        if not pages and record.table:
            pages = set(record.table.pages)
        return ", ".join(str(page) for page in sorted(pages))

    def render_overridden_by(self, record, value):
        return f"{value.get_full_name() or value.username}：{record.override_reason}"
