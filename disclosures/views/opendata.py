"""What a disclosure gives to take away as files: its Fiscal Data Package (ZIP) and its PDF annotated with the findings."""
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.views import View

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
