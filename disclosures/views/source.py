"""The stored source PDF of a disclosure, for those who may see the disclosure."""
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.views import View

from ..models import Disclosure
from .base import StaffRequiredMixin


class SourcePdfView(StaffRequiredMixin, View):
    """The PDF shown in the browser (inline); under the access rule like the page images, 404 without a PDF."""

    def get(self, request, pk):
        disclosure = get_object_or_404(self.restrict(Disclosure.objects.all()), pk=pk)
        if not disclosure.source_pdf:
            raise Http404
        name = disclosure.source_name or f"{disclosure.sha256}.pdf"
        response = FileResponse(disclosure.source_pdf.open("rb"), content_type="application/pdf",
                                as_attachment=False, filename=name)
        response["Cache-Control"] = "private, max-age=86400"
        return response
