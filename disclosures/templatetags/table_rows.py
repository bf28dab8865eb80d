"""``{% table_row row %}``: a django-tables2 row written in Python.

The same ``<tr>`` as django-tables2's template (row and cell attributes, cells localised and escaped
as ``{{ cell }}`` would be), without a template loop per cell: a list page of 100 rows has a thousand.
"""
from django import template
from django.template.base import render_value_in_context
from django.utils import formats
from django.utils.html import conditional_escape, format_html, format_html_join

register = template.Library()


def cell_html(column, cell, context):
    if column.localize is None:
        return render_value_in_context(cell, context)
    return conditional_escape(formats.localize(cell, use_l10n=column.localize))


def td_attrs(column, known):
    """The cell attributes of ``column`` in the current row; computed once per table when no attribute
    depends on the row (``known``: the table's cache, by column name)."""
    if column.name in known:
        return known[column.name]
    html = column.attrs["td"].as_html()
    declared = {**column._table.attrs, **column.column.attrs}
    if not any(callable(value) for value in declared.get("td", declared.get("cell", {})).values()):
        known[column.name] = html
    return html


@register.simple_tag(takes_context=True)
def table_row(context, row):
    known = row.table.__dict__.setdefault("_static_td_attrs", {})
    cells = format_html_join("", "<td {}>{}</td>", (
        (td_attrs(column, known), cell_html(column, cell, context)) for column, cell in row.items()
    ))
    return format_html("<tr {}>{}</tr>", row.attrs.as_html(), cells)
