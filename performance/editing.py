"""Correcting an indicator of a draft disclosure's performance targets."""
from django.utils.translation import gettext_lazy as _

from disclosures.views.editing import RecordEditView

from .forms import IndicatorForm
from .models import Indicator


class IndicatorEditView(RecordEditView):
    model = Indicator
    anchor = "indicator"
    permissions = ("performance.change_indicator",)
    title = _("修改绩效指标")
    template_name = "performance/indicator_edit.html"

    def get_queryset(self):
        return Indicator.objects.select_related("target__disclosure__department")

    def disclosure_of(self, indicator):
        return indicator.target.disclosure

    def get_form(self, data=None):
        return IndicatorForm(data, instance=self.object)
