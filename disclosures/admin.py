"""Admin registrations and the PDF import (upload → a preview job, see disclosures.views.imports)."""
import json

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from import_export.admin import ExportMixin
from simple_history.admin import SimpleHistoryAdmin

from . import access, admin_auth, imports, tasks, workflow  # noqa: F401 (admin_auth: the user and group admins)
from .admin_access import (
    AmountForm,
    AmountReasonForm,
    DepartmentFilter,
    DisclosureReasonForm,
    LineReasonForm,
    ProjectReasonForm,
    RestrictedAdmin,
    RestrictedInline,
    choices_filter,
)
from .checks.admin import FindingInline, RerunChecksMixin
from .columns import column_label
from .filtersets import column_choices
from .forms import UploadForm
from .interchange import export
from .models import (
    BudgetLine,
    BudgetTable,
    BudgetUnit,
    Department,
    Disclosure,
    ImportJob,
    LineAmount,
    OtherMatter,
    PendingImport,
    Project,
    Section,
    Staffing,
    StatusChange,
)
from .paging import related_count
from .resources import BudgetLineResource, LineAmountResource, ProjectResource


class BudgetUnitInline(RestrictedInline, admin.TabularInline):
    model = BudgetUnit
    fields = ("order", "name", "kind", "is_own_level")
    extra = 0


class StaffingInline(RestrictedInline, admin.StackedInline):
    model = Staffing
    can_delete = False


class StatusChangeInline(RestrictedInline, admin.TabularInline):
    """The workflow log, read-only: transitions happen on the review pages (it has no history)."""

    model = StatusChange
    fields = ("at", "by", "action", "source", "target", "comment")
    readonly_fields = fields
    extra = 0

    @admin.display(description=_("操作"))
    def action(self, obj):
        return workflow.LABELS.get(obj.transition, obj.transition)


class BudgetTableInline(RestrictedInline, admin.TabularInline):
    model = BudgetTable
    fields = ("number", "kind", "title", "pages", "amount_unit", "empty_note")
    show_change_link = True
    extra = 0


class ProjectInline(RestrictedInline, admin.TabularInline):
    model = Project
    fields = ("order", "name", "unit_name", "amount_printed", "period_start", "period_end")
    show_change_link = True
    extra = 0


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ("name", "disclosure_count", "created_at")
    search_fields = ("name",)
    filter_horizontal = ("members",)

    def get_queryset(self, request):
        queryset = access.restrict(super().get_queryset(request), request.user, access.VIEW)
        return queryset.annotate(disclosure_total=related_count(Disclosure.objects.all(), "department"))

    def get_readonly_fields(self, request, obj=None):
        """Only managers assign staff to departments."""
        readonly = super().get_readonly_fields(request, obj)
        return readonly if access.is_manager(request.user) else (*readonly, "members")

    @admin.display(description=_("公开文件数"), ordering="disclosure_total")
    def disclosure_count(self, obj):
        return obj.disclosure_total


@admin.register(Disclosure)
class DisclosureAdmin(RerunChecksMixin, RestrictedAdmin, SimpleHistoryAdmin):
    form = DisclosureReasonForm
    list_display = (
        "department", "fiscal_year", "kind", "version", "is_current", "status", "amount_unit",
        "page_count", "uploaded_by", "uploaded_at",
    )
    list_filter = ("fiscal_year", "kind", "status", "is_current", ("department", DepartmentFilter))
    search_fields = ("department__name", "source_name", "sha256")
    list_select_related = ("department", "uploaded_by")
    list_per_page = 50  # as the dashboard
    # The document's identity and status are set by its import and its workflow, never typed here.
    readonly_fields = ("department", "fiscal_year", "kind", "status", "amount_unit", "sha256", "page_count",
                       "uploaded_by", "uploaded_at", "version", "is_current", "read_by_ocr", "parsed", "warnings",
                       "source_file", "source_name")
    exclude = ("source_pdf",)
    inlines = [
        BudgetUnitInline, StaffingInline, BudgetTableInline, ProjectInline, StatusChangeInline, FindingInline,
    ]
    actions = ["export_json"]
    change_list_template = "admin/disclosures/disclosure/change_list.html"

    def get_urls(self):
        urls = [
            path("import/", self.admin_site.admin_view(self.import_view), name="disclosures_disclosure_import"),
        ]
        return urls + super().get_urls()

    @admin.display(description=_("源文件"))
    def source_file(self, obj):
        """The stored PDF through the review site's view, which asks the access rule."""
        if not obj.source_pdf:
            return "-"
        return format_html('<a href="{}">{}</a>', reverse("disclosures:source_pdf", args=[obj.pk]),
                           obj.source_name or _("查看 PDF"))

    def has_import_permission(self, request):
        return access.may_act(request.user, "add", Disclosure)

    def import_view(self, request):
        """Upload a PDF (or disclosure-v1 JSON) as a preview job and go to its page (nothing parsed here)."""
        if not self.has_import_permission(request):
            raise PermissionDenied
        form = UploadForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            job = tasks.submit(upload.read(), upload.name, request.user, preview=True)
            return redirect("disclosures:import_job", job.pk)
        context = {**self.admin_site.each_context(request), "opts": self.model._meta, "form": form,
                   "title": _("从PDF导入")}
        return TemplateResponse(request, "admin/disclosures/disclosure/import_upload.html", context)

    @admin.action(description=_("导出为 JSON（disclosure-v1）"))
    def export_json(self, request, queryset):
        if queryset.count() == 1:
            disclosure = queryset.get()
            data = export(disclosure)
            filename = f"disclosure-{disclosure.pk}.json"
        else:
            data = [export(d) for d in queryset]
            filename = "disclosures.json"
        response = HttpResponse(json.dumps(data, ensure_ascii=False, indent=2),
                                content_type="application/json; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response


class LineAmountInline(RestrictedInline, admin.TabularInline):
    model = LineAmount
    form = AmountForm
    fields = ("column", "printed", "amount", "ocr_confidence")
    readonly_fields = ("amount", "ocr_confidence")
    extra = 0


class BudgetLineInline(RestrictedInline, admin.TabularInline):
    model = BudgetLine
    fields = ("order", "row_type", "side", "code", "name", "unit_name", "project", "source_page")
    show_change_link = True
    extra = 0


@admin.register(BudgetTable)
class BudgetTableAdmin(RerunChecksMixin, RestrictedAdmin):
    list_display = ("__str__", "kind", "disclosure", "amount_unit", "line_count")
    list_filter = ("kind", "disclosure__fiscal_year", ("disclosure__department", DepartmentFilter))
    search_fields = ("title", "disclosure__department__name")
    list_select_related = ("disclosure__department",)
    inlines = [BudgetLineInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(line_total=related_count(BudgetLine.objects.all(), "table"))

    @admin.display(description=_("行数"), ordering="line_total")
    def line_count(self, obj):
        return obj.line_total


@admin.register(BudgetLine)
class BudgetLineAdmin(RerunChecksMixin, ExportMixin, RestrictedAdmin, SimpleHistoryAdmin):
    resource_classes = [BudgetLineResource]
    list_display = ("code", "name", "row_type", "side", "amount_summary", "unit_name", "project",
                    "table_label", "department", "fiscal_year", "source_page")
    list_filter = ("table__kind", "row_type",
                   choices_filter("code_level", _("科目级次"), [(1, _("类")), (2, _("款")), (3, _("项"))]),
                   "disclosure__fiscal_year", "disclosure__kind", ("disclosure__department", DepartmentFilter))
    search_fields = ("code", "name", "project", "unit_name")
    form = LineReasonForm
    readonly_fields = ("code_level", "source_page", "source_bbox")
    inlines = [LineAmountInline]

    def get_queryset(self, request):
        return (
            super().get_queryset(request)
            .select_related("table", "disclosure__department")
            .prefetch_related(Prefetch("amounts", queryset=LineAmount.objects.order_by("id")))
        )

    def get_export_queryset(self, request):
        return super().get_export_queryset(request).prefetch_related("amounts")

    @admin.display(description=_("金额"))
    def amount_summary(self, obj):
        return "；".join(f"{column_label(a.column)} {a.printed}" for a in obj.amounts.all())

    @admin.display(description=_("表"), ordering="table__number")
    def table_label(self, obj):
        return f"表{obj.table.number}"

    @admin.display(description=_("部门"), ordering="disclosure__department__name")
    def department(self, obj):
        return obj.disclosure.department.name

    @admin.display(description=_("年度"), ordering="disclosure__fiscal_year")
    def fiscal_year(self, obj):
        return obj.disclosure.fiscal_year


@admin.register(LineAmount)
class LineAmountAdmin(RerunChecksMixin, ExportMixin, RestrictedAdmin, SimpleHistoryAdmin):
    resource_classes = [LineAmountResource]
    form = AmountReasonForm
    # What OCR read is set by the import and cleared by a correction of the amount, never typed here.
    readonly_fields = ("column", "amount", "ocr_confidence")
    list_display = ("line", "column_label", "printed", "amount", "ocr_confidence")
    list_filter = (choices_filter("column", _("栏目"), column_choices), "line__table__kind",
                   "line__disclosure__fiscal_year")
    search_fields = ("line__code", "line__name")
    list_select_related = ("line",)

    @admin.display(description=_("栏目"), ordering="column")
    def column_label(self, obj):
        return column_label(obj.column)


@admin.register(Project)
class ProjectAdmin(RerunChecksMixin, ExportMixin, RestrictedAdmin, SimpleHistoryAdmin):
    resource_classes = [ProjectResource]
    form = ProjectReasonForm
    readonly_fields = ("amount", "source_page")
    list_display = ("name", "unit_name", "amount_printed", "period_start", "period_end", "disclosure")
    list_filter = ("disclosure__fiscal_year", ("disclosure__department", DepartmentFilter))
    search_fields = ("name", "unit_name", "basis", "allocation")
    list_select_related = ("disclosure__department",)


@admin.register(BudgetUnit)
class BudgetUnitAdmin(RestrictedAdmin):
    list_display = ("name", "kind", "is_own_level", "department", "disclosure")
    list_filter = ("kind", "is_own_level", ("department", DepartmentFilter))
    search_fields = ("name",)
    list_select_related = ("department", "disclosure__department")


@admin.register(OtherMatter)
class OtherMatterAdmin(RestrictedAdmin):
    list_display = ("disclosure", "group", "key", "printed")
    list_filter = ("group", "disclosure__fiscal_year")
    list_select_related = ("disclosure__department",)


@admin.register(Section)
class SectionAdmin(RestrictedAdmin):
    list_display = ("heading", "disclosure", "pages")
    search_fields = ("heading", "text")
    list_select_related = ("disclosure__department",)


class ImportRecordAdmin(admin.ModelAdmin):
    """A read-only list of import records (staged previews, queued jobs) that the access rule narrows."""

    def get_queryset(self, request):
        return access.restrict(super().get_queryset(request), request.user, access.VIEW)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(PendingImport)
class PendingImportAdmin(ImportRecordAdmin):
    list_display = ("source_name", "uploaded_by", "created_at")
    readonly_fields = ("source", "source_name", "sha256", "page_count", "parsed", "uploaded_by", "created_at")


@admin.register(ImportJob)
class ImportJobAdmin(ImportRecordAdmin):
    list_display = ("source_name", "uploaded_by", "status", "outcome", "attempts", "created_at", "finished_at")
    list_filter = ("status", "outcome")
    readonly_fields = [field.name for field in ImportJob._meta.fields]
