"""django-import-export resources for performance targets and indicators: Chinese headers, no internal
keys, amounts as numbers (``Decimal``; XLSX writes them with a thousands format)."""
from decimal import Decimal, InvalidOperation

from import_export import fields, resources, widgets

from disclosures.columns import fund_label
from disclosures.resources import number_field

from .models import Indicator, PerformanceTarget


def number(text):
    """``text`` as a ``Decimal`` if it is a plain number, else ``text`` itself (``≤2小时`` stays text)."""
    try:
        return Decimal(text) if text else None
    except InvalidOperation:
        return text


class FundField(fields.Field):
    """One fund of a target's ``funds`` as a ``Decimal`` column headed with its printed label."""

    def __init__(self, key):
        super().__init__(column_name=str(fund_label(key)), readonly=True, widget=widgets.NumberWidget(coerce_to_string=False))
        self.key = key

    def get_value(self, target):
        return target.fund(self.key)


class PerformanceTargetResource(resources.ModelResource):
    department = fields.Field(attribute="disclosure__department__name", column_name="部门")
    fiscal_year = number_field(attribute="disclosure__fiscal_year", column_name="年度")
    scope = fields.Field(attribute="get_scope_display", column_name="范围")
    unit_name = fields.Field(attribute="unit_name", column_name="预算单位")
    project = fields.Field(attribute="project", column_name="项目名称")
    owner = fields.Field(attribute="owner", column_name="负责人")
    phone = fields.Field(attribute="phone", column_name="联系电话")
    amount_unit = fields.Field(attribute="disclosure__amount_unit", column_name="金额单位")
    fund_total = FundField("total")
    fund_fiscal = FundField("fiscal")
    fund_fiscal_higher = FundField("fiscal_higher")
    fund_fiscal_local = FundField("fiscal_local")
    fund_other = FundField("other")
    goal = fields.Field(attribute="goal", column_name="年度目标")
    indicator_count = number_field(attribute="indicator_total", column_name="指标数")
    source_page = number_field(attribute="source_page", column_name="页码")

    class Meta:
        model = PerformanceTarget
        fields = ("department", "fiscal_year", "scope", "unit_name", "project", "owner", "phone", "amount_unit",
                  "fund_total", "fund_fiscal", "fund_fiscal_higher", "fund_fiscal_local", "fund_other", "goal",
                  "indicator_count", "source_page")
        export_order = fields


class IndicatorResource(resources.ModelResource):
    department = fields.Field(attribute="target__disclosure__department__name", column_name="部门")
    fiscal_year = number_field(attribute="target__disclosure__fiscal_year", column_name="年度")
    project = fields.Field(attribute="target__project", column_name="项目名称")
    level1 = fields.Field(attribute="level1", column_name="一级指标")
    level2 = fields.Field(attribute="level2", column_name="二级指标")
    name = fields.Field(attribute="name", column_name="三级指标")
    target_text = fields.Field(attribute="target_text", column_name="指标值")
    comparator = fields.Field(attribute="get_comparator_display", column_name="比较符")
    target_value = number_field(column_name="目标数值", readonly=True)
    target_unit = fields.Field(attribute="target_unit", column_name="计量单位")
    prior_value = number_field(column_name="上年完成值", readonly=True)
    weight = number_field(attribute="weight", column_name="分值权重")
    basis = fields.Field(attribute="basis", column_name="指标值设置依据")
    scoring_rule = fields.Field(attribute="scoring_rule", column_name="指标赋分规则")
    source_page = number_field(attribute="source_page", column_name="页码")

    class Meta:
        model = Indicator
        fields = ("department", "fiscal_year", "project", "level1", "level2", "name", "target_text", "comparator",
                  "target_value", "target_unit", "prior_value", "weight", "basis", "scoring_rule", "source_page")
        export_order = fields

    def dehydrate_target_value(self, indicator):
        return number(indicator.target_value)

    def dehydrate_prior_value(self, indicator):
        return number(indicator.prior_value)
