"""Filtered, sortable, paginated lists of records across disclosures, exportable to CSV and XLSX.

NetBox's kit per model: a FilterSet (``filtersets.py``), a table (``tables.py``) and a list view.
A page costs the same few queries whatever its size: related rows are joined or prefetched, and
whatever the size of the table: matching rows are counted up to ``paging.COUNT_CAP`` only (the page
says "1000+"; pages go as far as the count), each sort and filter has its index, and the disclosure's
heavy fields are never loaded. A CSV export streams: rows are read in chunks and sent as they come.
"""
import csv
from contextlib import nullcontext

from django.core.paginator import Paginator
from django.db import connections, transaction
from django.db.models import Prefetch
from django.http import StreamingHttpResponse
from django.utils.translation import gettext_lazy as _
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin
from django_tables2.data import TableQuerysetData
from django_tables2.export import ExportMixin, TableExport

from budget_site.spreadsheets import neutralise, neutralise_dataset

from .. import access, paging
from ..filtersets import BudgetLineFilterSet, FindingFilterSet, ProjectFilterSet
from ..models import BudgetLine, Disclosure, Finding, Project
from ..tables import BudgetLineTable, FindingTable, ProjectTable
from .base import StaffRequiredMixin

PAGE_SIZES = (25, 50, 100)
# Rows read (and their amounts prefetched) per query of an export: small enough that the first rows
# go out at once even under a selective filter, large enough that the queries stay few.
EXPORT_CHUNK = 100


class CappedPaginator(Paginator):
    """Any page size from 1 to the largest offered: a bigger page is what the export is for."""

    def __init__(self, object_list, per_page, **kwargs):
        super().__init__(object_list, max(1, min(int(per_page), PAGE_SIZES[-1])), **kwargs)


class CountedData(TableQuerysetData):
    """A list page's rows, counted up to ``paging.COUNT_CAP``: counting a million rows costs more than the page."""

    def __len__(self):
        if getattr(self, "_length", None) is None:
            self._length = paging.capped_count(self.data)
        return min(self._length, paging.COUNT_CAP)

    @property
    def capped(self):
        """Whether more rows match than were counted."""
        return len(self) < self._length


class StreamedData(TableQuerysetData):
    """Export rows read in chunks, each with its prefetches, however many rows match."""

    def __iter__(self):
        return self.data.iterator(chunk_size=EXPORT_CHUNK)


class Echo:
    """A file that hands back what is written to it, for csv.writer to format one row at a time."""

    def write(self, value):
        return value


def reading(connection):
    """A transaction around an export's reads on PostgreSQL: in autocommit Django declares its server-side
    cursor WITH HOLD, which PostgreSQL computes to the end before handing out the first row; inside a
    transaction rows stream as they are found. Elsewhere nothing (SQLite's transactions take the write lock)."""
    return transaction.atomic(using=connection.alias) if connection.vendor == "postgresql" else nullcontext()


def csv_lines(table, exclude_columns):
    """The table's export as CSV text, a row at a time: a byte order mark (spreadsheet programs then
    read the Chinese as UTF-8), the header, the rows; no cell a spreadsheet would run as a formula."""
    writer = csv.writer(Echo())
    yield "\ufeff"
    with reading(connections[table.data.data.db]):
        for row in table.as_values(exclude_columns=exclude_columns):
            yield writer.writerow([neutralise("" if cell is None else str(cell)) for cell in row])


class SpreadsheetExport(TableExport):
    """CSV with a byte order mark, so that spreadsheet programs read the Chinese as UTF-8; in CSV
    and XLSX alike, no cell a spreadsheet would run as a formula (budget_site.spreadsheets)."""

    def table_to_dataset(self, table, exclude_columns, dataset_kwargs=None):
        return neutralise_dataset(super().table_to_dataset(table, exclude_columns, dataset_kwargs))

    def export(self):
        content = super().export()
        return "\ufeff" + content if self.format == self.CSV else content


class RecordListView(StaffRequiredMixin, ExportMixin, SingleTableMixin, FilterView):
    """Records the user may see (the access rule), with their disclosure's heavy fields deferred.

    ``?_export=csv`` or ``xlsx`` gives the whole filtered, sorted list as a file; CSV streams.
    """

    template_name = "disclosures/record_list.html"
    title = ""
    table_pagination = {"per_page": PAGE_SIZES[0], "paginator_class": CappedPaginator}
    export_class = SpreadsheetExport
    export_formats = (TableExport.CSV, TableExport.XLSX)

    @property
    def exporting(self):
        return self.export_class.is_valid_format(self.request.GET.get(self.export_trigger_param))

    def get_queryset(self):
        queryset = super().get_queryset()
        path = access.disclosure_path(queryset.model)  # the path the model registered for the access rule
        return self.restrict(queryset.defer(*(f"{path}__{field}" for field in Disclosure.HEAVY_FIELDS)))

    def get_filterset_kwargs(self, filterset_class):
        """Always bound, so that defaults (current versions only) apply to the bare list too."""
        return {**super().get_filterset_kwargs(filterset_class), "data": self.request.GET}

    def get_table_data(self):
        data = super().get_table_data()
        return StreamedData(data) if self.exporting else CountedData(data)

    def get_table_pagination(self, table):
        return False if self.exporting else super().get_table_pagination(table)

    def get_context_data(self, **kwargs):
        return super().get_context_data(title=self.title, page_sizes=PAGE_SIZES, **kwargs)

    def create_export(self, export_format):
        if export_format != TableExport.CSV:
            return super().create_export(export_format)
        table = self.get_table(**self.get_table_kwargs())
        response = StreamingHttpResponse(csv_lines(table, self.exclude_columns), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{self.get_export_filename(export_format)}"'
        return response


class LineListView(RecordListView):
    title = _("预算行")
    queryset = BudgetLine.objects.select_related("disclosure__department", "table").prefetch_related("amounts")
    filterset_class = BudgetLineFilterSet
    table_class = BudgetLineTable
    export_name = "budget-lines"


class ProjectListView(RecordListView):
    title = _("项目")
    queryset = Project.objects.select_related("disclosure__department")
    filterset_class = ProjectFilterSet
    table_class = ProjectTable
    export_name = "projects"


class FindingListView(RecordListView):
    """Findings of current versions; the disclosure choice offers only those the user may see."""

    title = _("审核发现")
    queryset = (
        Finding.objects.filter(disclosure__is_current=True)
        .select_related("disclosure__department", "table", "overridden_by")
        .prefetch_related(Prefetch("lines", queryset=BudgetLine.objects.only("code", "name", "source_page")))
    )
    filterset_class = FindingFilterSet
    table_class = FindingTable
    export_name = "findings"

    def get_filterset(self, filterset_class):
        filterset = super().get_filterset(filterset_class)
        filterset.filters["disclosure"].queryset = self.restrict(
            Disclosure.objects.filter(is_current=True).select_related("department")
            .only("fiscal_year", "kind", "version", "department__name")
        )
        return filterset
