"""Review pages of performance indicators."""
from django.utils.translation import gettext_lazy as _

from disclosures.views.lists import RecordListView

from .filtersets import IndicatorFilterSet
from .models import Indicator
from .tables import IndicatorTable


class IndicatorListView(RecordListView):
    title = _("绩效指标")
    queryset = Indicator.objects.select_related("target__disclosure__department")
    filterset_class = IndicatorFilterSet
    table_class = IndicatorTable
    export_name = "indicators"
