"""Spreadsheet exports that cannot carry formulae (CSV/formula injection, as OWASP describes it).

Record texts come from uploaded PDFs and staff edits. A cell beginning with ``=``, ``+``, ``-``,
``@``, a tab or a carriage return is run as a formula by spreadsheet programs (``=HYPERLINK(…)``
can leak data or lure a click); such a cell goes out with an apostrophe before it, as text.
Numbers stay numbers: ``-12.50`` or ``-1,234`` are left alone.

Amounts go out as numbers: a ``Decimal`` cell of an XLSX sheet is a number shown as ``#,##0.00``.

django-import-export's own ``IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT`` is not used: it strips
only a leading ``=`` (``==1`` stays a formula; + - @ pass) and turns every number into text.
"""
import io
import re
from decimal import Decimal

from import_export.formats import base_formats
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
NUMBER_FORMAT = "#,##0.00"
NUMBER = re.compile(r"[+-]?(?:\d[\d,]*(?:\.\d*)?|\.\d+)%?")


def neutralise(value):
    """``value`` as text a spreadsheet shows but never evaluates."""
    if isinstance(value, str) and value.startswith(FORMULA_START) and not NUMBER.fullmatch(value):
        return "'" + value
    return value


def neutralise_dataset(dataset):
    """The tablib ``dataset``, every header and cell neutralised in place."""
    if dataset.headers:
        dataset.headers = [neutralise(header) for header in dataset.headers]
    for index, row in enumerate(dataset):
        dataset[index] = [neutralise(cell) for cell in row]
    return dataset


class SafeCSV(base_formats.CSV):
    def export_data(self, dataset, **kwargs):
        return super().export_data(neutralise_dataset(dataset), **kwargs)


def xlsx_cell(sheet, value):
    """A write-only cell of ``value``: neutralised if text, a formatted number if a ``Decimal``."""
    cell = WriteOnlyCell(sheet, value=neutralise(value))
    if isinstance(value, Decimal):
        cell.number_format = NUMBER_FORMAT
    return cell


def xlsx_bytes(rows, title="Sheet"):
    """An XLSX workbook of ``rows`` (the header first), written a row at a time (openpyxl's write-only mode)."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet(title)
    for row in rows:
        sheet.append([xlsx_cell(sheet, value) for value in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


class SafeXLSX(base_formats.XLSX):
    def export_data(self, dataset, **kwargs):
        rows = [dataset.headers, *dataset] if dataset.headers else list(dataset)
        return xlsx_bytes(rows, title=dataset.title or "Sheet")
