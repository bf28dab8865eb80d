"""URLs of the review pages."""
from django.urls import path

from .exports import lines as line_exports
from .views import compare, dashboard, detail, editing, guide, history, lists, pages, report, search, source, workflow
from .views import imports as import_views
from .views.opendata import AnnotatedPdfView, DataPackageView
from .views.years import YearOverviewView

app_name = "disclosures"

urlpatterns = [
    path("", dashboard.DashboardView.as_view(), name="dashboard"),
    path("disclosures/<int:pk>/", detail.DisclosureView.as_view(), name="disclosure"),
    path("disclosures/<int:pk>/pages/<int:page>.png", pages.PageImageView.as_view(), name="page_image"),
    path("disclosures/<int:pk>/source.pdf", source.SourcePdfView.as_view(), name="source_pdf"),
    path("disclosures/<int:pk>/history/", history.HistoryView.as_view(), name="history"),
    path("disclosures/<int:pk>/report/", report.ReportView.as_view(), name="report"),
    path("disclosures/<int:pk>/datapackage.zip", DataPackageView.as_view(), name="datapackage"),
    path("disclosures/<int:pk>/annotated.pdf", AnnotatedPdfView.as_view(), name="annotated_pdf"),
    path("disclosures/<int:pk>/<str:name>/", workflow.TransitionView.as_view(), name="transition"),
    path("findings/", lists.FindingListView.as_view(), name="finding_list"),
    path("findings/<int:pk>/override/", workflow.OverrideView.as_view(), name="finding_override"),
    path("lines/", line_exports.LineExportView.as_view(), name="line_list"),
    path("lines/<int:pk>/edit/", editing.LineEditView.as_view(), name="line_edit"),
    path("tables/<int:pk>/edit/", editing.TableEditView.as_view(), name="table_edit"),
    path("projects/", lists.ProjectListView.as_view(), name="project_list"),
    path("projects/<int:pk>/edit/", editing.ProjectEditView.as_view(), name="project_edit"),
    path("departments/<int:pk>/compare/", compare.CompareView.as_view(), name="compare"),
    path("years/", YearOverviewView.as_view(), name="year_overview"),
    path("years/<int:year>/", YearOverviewView.as_view(), name="year_overview"),
    path("help/", guide.HelpView.as_view(), name="help"),
    path("search/", search.SearchView.as_view(), name="search"),
    path("imports/", import_views.JobListView.as_view(), name="import_list"),
    path("imports/upload/", import_views.UploadView.as_view(), name="import_upload"),
    path("imports/<int:pk>/", import_views.JobView.as_view(), name="import_job"),
    path("imports/<int:pk>/status/", import_views.JobStatusView.as_view(), name="import_status"),
    path("imports/<int:pk>/confirm/", import_views.ConfirmView.as_view(), name="import_confirm"),
    path("imports/<int:pk>/discard/", import_views.DiscardView.as_view(), name="import_discard"),
    path("imports/<int:pk>/retry/", import_views.RetryView.as_view(), name="import_retry"),
]
