"""The staff upload: files become background jobs (disclosures.tasks); nothing is parsed in a request.

One file becomes a preview job: its page shows a progress bar (polling ``status/``), then what will be
saved and the findings of the checks, then 确认导入 or 放弃. Several files, or a ZIP, become a batch:
each file its own job, saved as soon as its worker is done. Who may upload is the admin import's
rule (the model permission to add a disclosure); whose jobs one sees is the access rule's.
"""
import uuid
from decimal import Decimal

import django_filters
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import DetailView, FormView
from django_filters.views import FilterView

from .. import access, imports, tasks
from ..models import Disclosure, ImportJob
from ..parsing import ParseError
from .base import StaffRequiredMixin


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """One or more files (Django's documented pattern): cleans to a list."""

    def clean(self, data, initial=None):
        return [super(MultipleFileField, self).clean(item, initial) for item in (data or [None])]


class UploadForm(forms.Form):
    files = MultipleFileField(
        label=_("文件"),
        help_text=_("一个或多个部门预算、决算公开 PDF 或 disclosure-v1 JSON 文件，或装有它们的 ZIP 压缩包"),
        widget=MultipleFileInput(attrs={"accept": ".pdf,.json,.zip,application/pdf,application/json,application/zip"}),
        error_messages={"empty": _("文件为空（0 字节）"), "required": _("请选择要上传的文件")},
    )

    def clean_files(self):
        """[(name, bytes)]: the uploads, ZIPs unpacked; ``self.batch`` whether they make a batch."""
        uploads = self.cleaned_data["files"]
        files = []
        self.batch = len(uploads) > 1
        try:
            for upload in uploads:
                imports.check_size(upload.size)  # by its declared size: a refused file is never read
                data = upload.read()
                if data.startswith(b"PK\x03\x04") or upload.name.lower().endswith(".zip"):
                    files += imports.unzip(data)
                    self.batch = True
                else:
                    files.append((upload.name, data))
        except ParseError as exc:
            raise forms.ValidationError(exc.message) from None
        return files


class ImportAccessMixin(StaffRequiredMixin):
    """Jobs as the access rule narrows them; uploading, confirming and retrying need the import permission."""

    def jobs(self):
        return self.restrict(
            ImportJob.objects.select_related("uploaded_by", "disclosure__department")
            .defer(*(f"disclosure__{field}" for field in Disclosure.HEAVY_FIELDS))
        )

    def may_import(self):
        return access.may_act(self.request.user, "add", Disclosure)

    def job_or_404(self, pk):
        return get_object_or_404(self.jobs(), pk=pk)


class UploadView(ImportAccessMixin, FormView):
    template_name = "disclosures/imports/upload.html"
    form_class = UploadForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and request.user.is_staff and not self.may_import():
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        files, user = form.cleaned_data["files"], self.request.user
        if not form.batch:
            [(name, data)] = files
            return redirect("disclosures:import_job", tasks.submit(data, name, user, preview=True).pk)
        batch = uuid.uuid4()
        for name, data in files:
            tasks.submit(data, name, user, batch=batch)
        messages.success(self.request, _("已排队 %(n)d 个文件，每个文件单独导入。") % {"n": len(files)})
        return redirect(f"{reverse('disclosures:import_list')}?batch={batch}")


AMOUNTS = ("expected", "actual", "difference")  # a finding's amounts, kept on the job as text


class JobView(ImportAccessMixin, DetailView):
    """A job's progress, and once ready the preview with the findings of the checks."""

    template_name = "disclosures/imports/job.html"
    context_object_name = "job"

    def get_queryset(self):
        return self.jobs().select_related("pending")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        job = self.object
        if job.status == ImportJob.Status.READY and job.pending:
            context.update(
                preview=imports.summary(job.pending.parsed),
                findings=[{**f, **{k: Decimal(f[k]) for k in AMOUNTS if f[k] is not None}} for f in job.findings],
                duplicate=imports.duplicate_of(job.pending),
                previous=imports.previous_version(job.pending.parsed),
                may_confirm=job.uploaded_by_id == self.request.user.pk and self.may_import(),
            )
        context["may_retry"] = job.status == ImportJob.Status.FAILED and self.may_import()
        return context


class JobStatusView(ImportAccessMixin, View):
    """The job's progress as JSON, for the progress bar."""

    def get(self, request, pk):
        job = self.job_or_404(pk)
        return JsonResponse({
            "status": job.status, "label": job.get_status_display(), "pages_done": job.pages_done,
            "pages_total": job.pages_total, "percent": job.percent, "finished": job.finished,
            "pages_text": _("已读 %(done)d / %(total)d 页") % {"done": job.pages_done, "total": job.pages_total}
            if job.pages_total else "",
        })


class JobActionView(ImportAccessMixin, View):
    """POST on a job the user may see and import (``act`` returns where to go next)."""

    http_method_names = ["post"]

    def post(self, request, pk):
        job = self.job_or_404(pk)
        if not self.may_import():
            raise PermissionDenied
        return self.act(job)


class ConfirmView(JobActionView):
    """确认导入: save the previewed parse (ingest, not parsing) and go to the disclosure's review page."""

    def act(self, job):
        if job.uploaded_by_id != self.request.user.pk:
            raise PermissionDenied  # a preview is its uploader's to confirm
        if job.status != ImportJob.Status.READY or job.pending is None:
            messages.error(self.request, _("该导入不在待确认状态。"))
            return redirect("disclosures:import_job", job.pk)
        try:
            result = tasks.confirm(job, self.request.user)
        except ParseError as exc:  # a concurrent import saved the same document first, or access changed
            messages.error(self.request, exc.message)
            return redirect("disclosures:import_job", job.pk)
        messages.success(self.request, f"{result.disclosure}：{result.label}")
        return redirect("disclosures:disclosure", result.disclosure.pk)


class DiscardView(JobActionView):
    """放弃: drop a preview; nothing was saved."""

    def act(self, job):
        if job.uploaded_by_id != self.request.user.pk:
            raise PermissionDenied
        if job.status != ImportJob.Status.READY:
            messages.error(self.request, _("该导入不在待确认状态。"))
            return redirect("disclosures:import_job", job.pk)
        tasks.discard(job)
        messages.info(self.request, _("已放弃导入，未保存任何数据。"))
        return redirect("disclosures:import_list")


class RetryView(JobActionView):
    """重试: queue a failed job again."""

    def act(self, job):
        if tasks.retry(job):
            messages.success(self.request, _("已重新排队：%(name)s") % {"name": job.source_name})
        else:
            messages.error(self.request, _("只有失败的任务可以重试。"))
        return redirect("disclosures:import_job", job.pk)


class ImportJobFilterSet(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=ImportJob.Status.choices, label=_("状态"), empty_label=_("全部"))
    outcome = django_filters.ChoiceFilter(choices=ImportJob.Outcome.choices, label=_("结果"), empty_label=_("全部"))
    batch = django_filters.UUIDFilter(label=_("批次"), widget=forms.TextInput(attrs={"placeholder": _("批次编号")}))
    source_name = django_filters.CharFilter(lookup_expr="icontains", label=_("文件名"))

    class Meta:
        model = ImportJob
        fields = []


class JobListView(ImportAccessMixin, FilterView):
    """The jobs the user may see (a clerk their own, a manager all), newest first, 50 a page."""

    template_name = "disclosures/imports/list.html"
    filterset_class = ImportJobFilterSet
    paginate_by = 50

    def get_queryset(self):
        return self.jobs().defer("findings")

    def get_context_data(self, **kwargs):
        return super().get_context_data(may_import=self.may_import(), **kwargs)
