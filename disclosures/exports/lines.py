"""The budget-line list exported with one numeric column per amount column (``resources.line_row``).

CSV streams as the list's own export does (rows read in chunks with their amounts, no per-row query);
XLSX is written row by row (openpyxl's write-only mode), amounts as numbers formatted ``#,##0.00``.
Text cells are formula-escaped in both (``budget_site.spreadsheets``).
"""
import csv

from django.db import connections
from django.http import HttpResponse, StreamingHttpResponse
from django_tables2.export import TableExport

from budget_site.spreadsheets import neutralise, xlsx_bytes

from ..resources import amount_columns, line_header, line_row, stored_columns
from ..views.lists import EXPORT_CHUNK, Echo, LineListView, reading

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def export_rows(lines, bounded):
    """The header, then each of ``lines`` (a filtered, sorted queryset) as cells, read in chunks.

    ``bounded``: the lines are of one department's year, so the header can list just the columns they
    have cells in; otherwise it lists every column any line has (finding the columns of a million lines
    would hold back the first row).
    """
    with reading(connections[lines.db]):
        columns = amount_columns(lines) if bounded else stored_columns(lines.db)
        yield [neutralise(title) for title in line_header(columns)]
        for line in lines.iterator(chunk_size=EXPORT_CHUNK):
            yield [neutralise(cell) for cell in line_row(line, columns)]


def csv_lines(lines, bounded):
    """CSV text a row at a time, after a byte order mark (spreadsheet programs then read UTF-8)."""
    writer = csv.writer(Echo())
    yield "\ufeff"
    for row in export_rows(lines, bounded):
        yield writer.writerow(["" if cell is None else cell for cell in row])


class LineExportView(LineListView):
    """The budget-line list; its CSV and XLSX exports carry the amounts as numbers."""

    def create_export(self, export_format):
        lines = self.get_table(**self.get_table_kwargs()).data.data  # filtered, restricted and sorted
        chosen = self.filterset.form.cleaned_data
        bounded = bool(chosen.get("department") and chosen.get("year"))
        filename = self.get_export_filename(export_format)
        if export_format == TableExport.CSV:
            response = StreamingHttpResponse(csv_lines(lines, bounded), content_type="text/csv; charset=utf-8")
        else:
            response = HttpResponse(xlsx_bytes(export_rows(lines, bounded), self.export_name),
                                    content_type=XLSX_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
