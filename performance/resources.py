"""django-import-export resources for performance targets and indicators."""
from import_export import fields, resources

from .models import Indicator, PerformanceTarget


class PerformanceTargetResource(resources.ModelResource):
    department = fields.Field(attribute="disclosure__department__name", column_name="部门")
    fiscal_year = fields.Field(attribute="disclosure__fiscal_year", column_name="年度")
    indicator_count = fields.Field(attribute="indicator_total", column_name="指标数")

    class Meta:
        model = PerformanceTarget
        fields = ("id", "department", "fiscal_year", "order", "scope", "unit_name", "project", "owner",
                  "phone", "funds", "goal", "indicator_count", "source_page")
        export_order = fields


class IndicatorResource(resources.ModelResource):
    department = fields.Field(attribute="target__disclosure__department__name", column_name="部门")
    fiscal_year = fields.Field(attribute="target__disclosure__fiscal_year", column_name="年度")
    project = fields.Field(attribute="target__project", column_name="项目名称")

    class Meta:
        model = Indicator
        fields = ("id", "department", "fiscal_year", "project", "order", "level1", "level2", "name",
                  "target_text", "comparator", "target_value", "target_unit", "basis", "prior_value",
                  "weight", "scoring_rule", "evidence", "source_page")
        export_order = fields
