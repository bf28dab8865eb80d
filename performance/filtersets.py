"""django-filter FilterSet of the indicator list."""
import django_filters
from django.utils.translation import gettext_lazy as _

from disclosures.distinct import distinct_values
from disclosures.filtersets import disclosure_filters, versions_filter

from .models import Indicator


class ValuesInListFilter(django_filters.ChoiceFilter):
    """A choice of the field's distinct non-blank values among the records the list may show."""

    @property
    def field(self):
        if not hasattr(self, "_field"):
            values = distinct_values(self.parent.queryset, self.field_name)
            self.extra["choices"] = [(value, value) for value in values]
        return super().field


class IndicatorFilterSet(disclosure_filters("target__disclosure")):
    project = django_filters.CharFilter(field_name="target__project", lookup_expr="icontains", label=_("项目包含"))
    level1 = ValuesInListFilter(label=_("一级指标"), empty_label=_("全部"))
    level2 = ValuesInListFilter(label=_("二级指标"), empty_label=_("全部"))
    comparator = django_filters.ChoiceFilter(
        choices=Indicator.Comparator.choices, label=_("比较符"), empty_label=_("全部")
    )
    name = django_filters.CharFilter(lookup_expr="icontains", label=_("名称包含"))
    all_versions = versions_filter("target__disclosure")

    class Meta:
        model = Indicator
        fields = []
