"""django-tables2 table of the indicator list."""
import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from disclosures.tables import disclosure_columns, sorted_by, source_link

from .models import Indicator


class IndicatorTable(disclosure_columns("target__disclosure")):
    unit = tables.Column(_("预算单位"), accessor="target__unit_name", order_by=sorted_by("target__unit_name"))
    project = tables.Column(_("项目名称"), accessor="target__project", order_by=sorted_by("target__project"))
    level1 = tables.Column(_("一级指标"), order_by=sorted_by("level1"))
    level2 = tables.Column(_("二级指标"), order_by=sorted_by("level2"))
    name = tables.Column(_("三级指标"), order_by=sorted_by("name"))
    target_text = tables.Column(_("指标值"), orderable=False)
    weight = tables.Column(_("分值权重"), order_by=sorted_by("weight"), attrs={"td": {"class": "num"}})
    source_page = tables.Column(_("页码"), order_by=sorted_by("source_page"), attrs={"td": {"class": "num"}})

    class Meta:
        model = Indicator
        fields = ()
        empty_text = _("没有符合条件的绩效指标。")

    def render_name(self, record, value):
        return format_html(
            '<a href="{}">{}</a>', source_link(record.target.disclosure_id, page=record.source_page), value
        )

    def value_name(self, value):
        return value
