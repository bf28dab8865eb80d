"""The review report (审核意见) of a disclosure: a printable page, or the same as XLSX (``?format=xlsx``)."""
from django.http import HttpResponse
from django.views.generic import DetailView

from budget_site.spreadsheets import xlsx_bytes

from ..models import Disclosure
from ..report import report_entries, report_rows
from .base import StaffRequiredMixin

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class ReportView(StaffRequiredMixin, DetailView):
    template_name = "disclosures/report.html"
    context_object_name = "disclosure"

    def get_queryset(self):
        return self.restrict(Disclosure.objects.select_related("department").defer(*Disclosure.HEAVY_FIELDS))

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        entries = report_entries(self.object)
        if request.GET.get("format") == "xlsx":
            response = HttpResponse(xlsx_bytes(report_rows(self.object, entries), "审核意见"),
                                    content_type=XLSX_TYPE)
            response["Content-Disposition"] = f'attachment; filename="report-{self.object.pk}.xlsx"'
            return response
        return self.render_to_response(self.get_context_data(entries=entries))
