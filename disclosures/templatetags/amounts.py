"""Amount filters: thousands separators with the printed decimals kept; column and funds labels."""
from django import template
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

from .. import columns
from ..report import amount_text
from ..tables import amount_shown
from .ocr_marks import confidence

register = template.Library()


@register.filter
def grouped(value):
    """``12345.67`` → ``12,345.67``, the decimals as printed; blank for None or a blank cell. The one
    amount format of the pages, the editors and the history (``tables.amount_shown``)."""
    return amount_shown(value)


@register.filter
def signed(value):
    """A change with its sign: ``+1,234.50``, ``-12.00``; blank for None."""
    return "" if value is None else format(value, "+,")


@register.filter
def column_label(key, kind=None):
    """An amount column key as staff read it: ``fiscal_subtotal`` → 财政拨款（补助）小计; with a
    disclosure's kind, as that kind prints it (``amount`` of a 决算 → 决算数)."""
    return columns.column_label(key, kind)


@register.filter
def fund_label(key):
    """A performance target's funds key as staff read it: ``fiscal_local`` → 本级安排."""
    return columns.fund_label(key)


@register.filter
def report_amount(value):
    """A finding's amount as the review report prints it (``report.amount_text``)."""
    return amount_text(value)


@register.simple_tag
def amount_cells(cells, row_type=""):
    """A disclosure-page row's amount cells (``detail.rendered_table``), written in one pass: each
    printed value grouped, an edited cell with its parsed original beside it, a cell read by OCR with
    its confidence (a doubtful one marked). ``row_type`` "total" marks the cells of a total row."""
    total = " total" if row_type == "total" else ""
    return format_html_join("", '<td class="num{}{}{}"{}>{}{}</td>', (
        (" changed" if cell["changed"] else "", total, *ocr_attributes(cell), amount_shown(cell["value"]),
         original(cell))
        for cell in cells))


def ocr_attributes(cell):
    """(class, attributes) of a cell read by OCR: its anchor and its confidence on hover."""
    if cell["ocr"] is None:
        return "", ""
    shown = confidence(cell["ocr"])
    if cell["doubtful"]:
        css, title = " ocr-doubtful", _("OCR 识别置信度 %(c)s，请对照扫描件核对") % {"c": shown}
    else:
        css, title = " ocr-read", _("OCR 识别置信度 %(c)s") % {"c": shown}
    return css, format_html(' id="amount-{}" title="{}"', cell["amount"].pk, title)


def original(cell):
    if not cell["changed"]:
        return ""
    shown = amount_shown(cell["original"]) if cell["original"] else _("（空）")
    return format_html('<span class="original" title="{}">{}</span>', _("解析原值"), shown)
