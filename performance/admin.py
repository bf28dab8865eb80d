"""Admin registrations for performance targets and indicators."""
from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from import_export.admin import ExportMixin
from simple_history.admin import SimpleHistoryAdmin

from disclosures.admin_access import DepartmentFilter, RestrictedAdmin, RestrictedInline, TargetReasonForm
from disclosures.checks.admin import RerunChecksMixin
from disclosures.paging import related_count

from .models import Indicator, PerformanceTarget
from .resources import IndicatorResource, PerformanceTargetResource


class IndicatorInline(RestrictedInline, admin.TabularInline):
    model = Indicator
    fields = ("order", "level1", "level2", "name", "target_text", "basis", "prior_value", "weight",
              "scoring_rule")
    show_change_link = True
    extra = 0


@admin.register(PerformanceTarget)
class PerformanceTargetAdmin(RerunChecksMixin, ExportMixin, RestrictedAdmin, SimpleHistoryAdmin):
    form = TargetReasonForm
    resource_classes = [PerformanceTargetResource]
    list_display = ("__str__", "scope", "unit_name", "owner", "indicator_count", "disclosure", "source_page")
    list_filter = ("scope", "disclosure__fiscal_year", ("disclosure__department", DepartmentFilter))
    search_fields = ("project", "unit_name", "goal")
    readonly_fields = ("source_page", "source_bbox", "pages")
    list_select_related = ("disclosure__department",)
    inlines = [IndicatorInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(indicator_total=related_count(Indicator.objects.all(), "target"))

    @admin.display(description=_("指标数"), ordering="indicator_total")
    def indicator_count(self, obj):
        return obj.indicator_total


@admin.register(Indicator)
class IndicatorAdmin(RerunChecksMixin, ExportMixin, RestrictedAdmin, SimpleHistoryAdmin):
    resource_classes = [IndicatorResource]
    list_display = ("name", "level1", "level2", "target_text", "weight", "target", "source_page")
    list_filter = ("level1", "level2", "comparator", "target__scope", "target__disclosure__fiscal_year")
    search_fields = ("name", "target_text", "basis", "target__project")
    readonly_fields = ("source_page", "source_bbox")
    list_select_related = ("target__disclosure__department",)
