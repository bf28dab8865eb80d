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


@register.simple_tag(takes_context=True)
def table_row(context, row):
    cells = format_html_join("", "<td {}>{}</td>", (
        (column.attrs["td"].as_html(), cell_html(column, cell, context)) for column, cell in row.items()
    ))
    return format_html("<tr {}>{}</tr>", row.attrs.as_html(), cells)
