"""What a disclosure gives to take away as files: its Fiscal Data Package (ZIP) and its PDF annotated with the findings."""
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views import View

from ..annotate import NoSourcePdf, annotated_pdf
from ..exports.datapackage import package_zip
from ..models import Disclosure
from .base import StaffRequiredMixin


class DataPackageView(StaffRequiredMixin, View):
    """The disclosure's Fiscal Data Package as a ZIP download, for those who may see the disclosure."""

    def get(self, request, pk):
        disclosure = get_object_or_404(
            self.restrict(Disclosure.objects.select_related("department").defer(*Disclosure.HEAVY_FIELDS)), pk=pk)
        response = HttpResponse(package_zip([disclosure]), content_type="application/zip")
        response["Content-Disposition"] = f'attachment; filename="datapackage-{disclosure.pk}.zip"'
        return response


class AnnotatedPdfView(StaffRequiredMixin, View):
    """The source PDF with each finding's rows outlined and its message as an annotation (a download).

    Under the access rule like the PDF itself; a disclosure imported from JSON has no PDF to annotate:
    back to its report with a message saying so.
    """

    def get(self, request, pk):
        disclosure = get_object_or_404(
            self.restrict(Disclosure.objects.select_related("department").defer(*Disclosure.HEAVY_FIELDS)), pk=pk)
        try:
            content = annotated_pdf(disclosure)
        except NoSourcePdf:
            messages.error(request, _("该公开文件由 JSON 导入，没有源 PDF，无法生成批注版 PDF。"))
            return redirect("disclosures:report", pk=disclosure.pk)
        response = HttpResponse(content, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="annotated-{disclosure.pk}.pdf"'
        return response
