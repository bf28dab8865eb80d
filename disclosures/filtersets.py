"""django-filter FilterSets of the review lists.

Each list is always bound (see ``RecordListView``), so the version filter applies even to an
unfiltered list: by default only the current version of each disclosure is listed.
"""
from collections import namedtuple

import django_filters
from django import forms
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _
from django_filters.widgets import SuffixedMultiWidget

from . import access
from .checks.registry import REGISTRY
from .columns import COLUMNS, TOTAL_COLUMN, any_kind_label
from .models import BudgetLine, BudgetTable, Department, Disclosure, Finding, LineAmount, Project
from .short_search import contains
from .widgets import QuickSelect

AmountRange = namedtuple("AmountRange", "min max column")

def column_choices():
    return [(key, any_kind_label(key)) for key in COLUMNS]


def departments(request):
    """The departments a user may filter by: theirs, or all for reviewers and managers."""
    if request is None:
        return Department.objects.none()
    return access.restrict(Department.objects.all(), request.user)


def disclosure_filters(path):
    """A FilterSet base with year and department, for records reaching their disclosure via ``path``."""

    class DisclosureFilters(django_filters.FilterSet):
        year = django_filters.NumberFilter(field_name=f"{path}__fiscal_year", label=_("年度"))
        department = django_filters.ModelChoiceFilter(
            field_name=f"{path}__department", queryset=departments, label=_("部门"), empty_label=_("全部"),
            widget=QuickSelect,
        )

    return DisclosureFilters


def versions_filter(path):
    """A checkbox: unticked, only current versions of disclosures are listed."""

    def only_current(queryset, name, value):
        return queryset if value else queryset.filter(**{f"{path}__is_current": True})

    return django_filters.BooleanFilter(label=_("含历史版本"), method=only_current, widget=forms.CheckboxInput)


class AmountRangeWidget(SuffixedMultiWidget):
    """``amount_min``, ``amount_max`` and ``amount_column`` inputs."""

    suffixes = ["min", "max", "column"]

    def __init__(self, choices, attrs=None):
        widgets = (
            forms.NumberInput(attrs={"placeholder": _("最小"), "step": "any"}),
            forms.NumberInput(attrs={"placeholder": _("最大"), "step": "any"}),
            QuickSelect(choices=choices),
        )
        super().__init__(widgets, attrs)

    def decompress(self, value):
        return list(value) if value else [None, None, None]


class AmountRangeField(forms.MultiValueField):
    """An ``AmountRange``, or None when all three inputs are blank."""

    def __init__(self, *args, **kwargs):
        choices = [("", _("任一栏目"))] + column_choices()
        fields = (
            forms.DecimalField(required=False),
            forms.DecimalField(required=False),
            forms.ChoiceField(choices=choices, required=False),
        )
        kwargs.setdefault("widget", AmountRangeWidget(choices))
        super().__init__(fields, *args, require_all_fields=False, **kwargs)

    def compress(self, data_list):
        if not data_list or all(part in (None, "") for part in data_list):
            return None
        return AmountRange(*data_list)


class LineAmountFilter(django_filters.Filter):
    """Lines with an amount between min and max, in the chosen column or in any column."""

    field_class = AmountRangeField

    def filter(self, queryset, value):
        if not value:
            return queryset
        if value.column == TOTAL_COLUMN:  # the line's copy of its 合计 cell, with its own index
            bounds = {"total_amount__gte": value.min, "total_amount__lte": value.max}
            return queryset.filter(**{key: bound for key, bound in bounds.items() if bound is not None})
        cells = LineAmount.objects.filter(line=OuterRef("pk"))
        if value.column:
            cells = cells.filter(column=value.column)
        if value.min is not None:
            cells = cells.filter(amount__gte=value.min)
        if value.max is not None:
            cells = cells.filter(amount__lte=value.max)
        return queryset.filter(Exists(cells))


class BudgetLineFilterSet(disclosure_filters("disclosure")):
    unit = django_filters.CharFilter(field_name="unit_name", lookup_expr="icontains", label=_("预算单位"))
    table_kind = django_filters.ChoiceFilter(
        field_name="table__kind", choices=BudgetTable.Kind.choices, label=_("表"), empty_label=_("全部"),
        widget=QuickSelect,
    )
    code = django_filters.CharFilter(field_name="code", lookup_expr="startswith", label=_("科目编码开头"))
    code_level = django_filters.ChoiceFilter(
        choices=[(1, _("类")), (2, _("款")), (3, _("项"))], label=_("科目级次"), empty_label=_("全部"),
        widget=QuickSelect,
    )
    name = django_filters.CharFilter(method=contains, label=_("名称包含"))
    amount = LineAmountFilter(label=_("金额"))
    all_versions = versions_filter("disclosure")

    class Meta:
        model = BudgetLine
        fields = []


class ProjectFilterSet(disclosure_filters("disclosure")):
    unit = django_filters.CharFilter(field_name="unit_name", lookup_expr="icontains", label=_("承担单位"))
    name = django_filters.CharFilter(method=contains, label=_("名称包含"))
    amount = django_filters.RangeFilter(label=_("预算安排规模"))
    all_versions = versions_filter("disclosure")

    class Meta:
        model = Project
        fields = []


def rule_choices():
    return [(code, f"{code} {rule.title}") for code, rule in REGISTRY.items()]


def overridden_filter(queryset, name, value):
    return queryset if value is None else queryset.filter(overridden_by__isnull=not value)


class FindingFilterSet(disclosure_filters("disclosure")):
    """Findings of the checks, for the review pages: by disclosure, department, year, severity,
    rule and whether a reviewer has overridden them."""

    # By number (as in the address of its page): a choice of thousands of disclosures would
    # be read and rendered on every page.
    disclosure = django_filters.ModelChoiceFilter(
        queryset=Disclosure.objects.all(), label=_("公开文件编号"),
        widget=forms.NumberInput(attrs={"min": 1, "placeholder": _("编号")}),
    )
    severity = django_filters.ChoiceFilter(choices=Finding.Severity.choices, label=_("级别"), empty_label=_("全部"),
                                           widget=QuickSelect)
    rule = django_filters.ChoiceFilter(choices=rule_choices, label=_("规则"), empty_label=_("全部"), widget=QuickSelect)
    overridden = django_filters.BooleanFilter(method=overridden_filter, label=_("已核定"))

    class Meta:
        model = Finding
        fields = []
