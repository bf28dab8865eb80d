"""Findings in the admin: a read-only inline on the disclosure, a read-only filterable list, and the
mixin that reruns a disclosure's checks after every admin save.

Findings are passed (放行) on the review pages only, where the workflow's rules apply.
"""
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from disclosures.access import disclosure_of
from disclosures.admin_access import DepartmentFilter, RestrictedAdmin, RestrictedInline
from disclosures.models import Finding, FindingOverride

from . import run_checks


class RerunChecksMixin:
    """After a save (the object and its inlines), run the disclosure's checks again."""

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        disclosure = disclosure_of(form.instance)
        if disclosure is not None:
            run_checks(disclosure)


class FindingInline(RestrictedInline, admin.TabularInline):
    model = Finding
    fields = ("rule", "severity", "message", "difference", "overridden_by")
    readonly_fields = fields
    extra = 0
    max_num = 0
    can_delete = False
    show_change_link = True
    verbose_name_plural = _("检查发现")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Finding)
class FindingAdmin(RestrictedAdmin):
    list_display = ("rule", "severity", "title", "short_message", "difference", "disclosure", "is_overridden",
                    "created_at")
    list_filter = ("severity", "rule", "disclosure__fiscal_year", "disclosure__kind", ("disclosure__department", DepartmentFilter),
                   ("overridden_by", admin.EmptyFieldListFilter))
    search_fields = ("message", "title", "rule", "disclosure__department__name")
    list_select_related = ("disclosure__department",)
    fields = ("disclosure", "rule", "title", "severity", "message", "expected", "actual", "difference", "table",
              "lines", "project", "section", "target", "indicator", "created_at", "override_reason",
              "overridden_by", "overridden_at")

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("说明"))
    def short_message(self, obj):
        return obj.message if len(obj.message) <= 80 else obj.message[:80] + "…"

    @admin.display(description=_("已核定"), boolean=True)
    def is_overridden(self, obj):
        return obj.overridden


@admin.register(FindingOverride)
class FindingOverrideAdmin(RestrictedAdmin):
    """The log of 放行, read-only: who passed which error of which disclosure, when and why."""

    list_display = ("at", "by", "rule", "message", "disclosure", "reason")
    list_filter = ("rule", "disclosure__fiscal_year", ("disclosure__department", DepartmentFilter))
    search_fields = ("message", "reason", "disclosure__department__name")
    list_select_related = ("disclosure__department", "by")
