"""Correcting records of a draft disclosure: a line, a whole table's lines, a project.

Each page saves one submission, with the reason the clerk gives, and runs the checks again,
all in one transaction (findings never lag behind the records). Records outside the user's
departments do not exist for them (404); without the change permission, or once the
disclosure is submitted or approved, the page says why with 403.
"""
from django.contrib import messages
from django.db import transaction
from django.forms import modelformset_factory
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from ..checks import run_checks
from ..forms import LineForm, ProjectForm, ReasonForm, TableCells, TableLineForm
from ..models import BudgetLine, BudgetTable, Disclosure, Project
from ..revisions import Revision
from .base import StaffRequiredMixin


class RecordEditView(StaffRequiredMixin, TemplateView):
    """Edit one record (``model``, by ``pk``) of a draft disclosure with a reason."""

    model = None
    permissions = ()
    department_path = "disclosure__department"
    title = ""
    template_name = "disclosures/record_edit.html"

    def get_queryset(self):
        return self.model.objects.select_related("disclosure__department")

    def disclosure_of(self, record):
        return record.disclosure

    def get_form(self, data=None):
        raise NotImplementedError

    def collect(self, form, revision):
        form.collect(revision)

    def get(self, request, *args, **kwargs):
        return self.check_access() or self.render(self.get_form(), ReasonForm())

    def post(self, request, *args, **kwargs):
        refusal = self.check_access()
        if refusal:
            return refusal
        form, reason_form = self.get_form(request.POST), ReasonForm(request.POST)
        if not all([form.is_valid(), reason_form.is_valid()]):
            return self.render(form, reason_form)
        revision = Revision(self.disclosure, request.user, reason_form.cleaned_data["reason"])
        self.collect(form, revision)
        if not revision:
            messages.info(request, _("没有修改任何内容。"))
            return self.render(form, reason_form)
        with transaction.atomic():
            if not Disclosure.objects.select_for_update().get(pk=self.disclosure.pk).is_editable:
                return self.refuse(_("该文件刚刚已提交或审核，不能再修改。"))
            revision.commit()
            run_checks(self.disclosure)
        messages.success(request, _("已保存修改。"))
        return redirect(self.success_url())

    def check_access(self):
        """Load the record; a 403 page saying why the user may not edit it, or None."""
        queryset = self.scoped(self.get_queryset(), self.department_path)
        self.object = get_object_or_404(queryset, pk=self.kwargs["pk"])
        self.disclosure = self.disclosure_of(self.object)
        if not self.request.user.has_perms(self.permissions):
            return self.refuse(_("您没有修改数据的权限。"))
        if not self.disclosure.is_editable:
            return self.refuse(
                _("该文件状态为“%(status)s”，只读；只有草稿或已退回的文件可以修改。")
                % {"status": self.disclosure.get_status_display()}
            )
        return None

    def refuse(self, message):
        context = {"message": message, "disclosure": self.disclosure, "title": self.title}
        return TemplateResponse(self.request, "disclosures/edit_refused.html", context, status=403)

    def render(self, form, reason_form):
        return self.render_to_response(self.get_context_data(
            form=form, reason_form=reason_form, object=self.object, disclosure=self.disclosure,
            title=self.title, next=self.success_url(),
        ))

    def success_url(self):
        """Back where the user came from (``next``), else the disclosure's page."""
        target = self.request.POST.get("next") or self.request.GET.get("next")
        if target and url_has_allowed_host_and_scheme(
            target, allowed_hosts={self.request.get_host()}, require_https=self.request.is_secure()
        ):
            return target
        return reverse("disclosures:disclosure", args=[self.disclosure.pk])


class LineEditView(RecordEditView):
    """One line: its code, name, unit, project and its amounts."""

    model = BudgetLine
    permissions = ("disclosures.change_budgetline", "disclosures.change_lineamount")
    title = _("修改预算行")
    template_name = "disclosures/line_edit.html"

    def get_queryset(self):
        return BudgetLine.objects.select_related("table__disclosure__department")

    def disclosure_of(self, line):
        return line.table.disclosure

    def get_form(self, data=None):
        return LineForm(data, instance=self.object, table=TableCells(self.object.table))


class TableEditView(RecordEditView):
    """All lines of a table in one formset, one input per amount column the table uses."""

    model = BudgetTable
    permissions = ("disclosures.change_budgetline", "disclosures.change_lineamount")
    title = _("修改预算表")
    template_name = "disclosures/table_edit.html"

    def get_form(self, data=None):
        lines = self.object.lines.all()
        count = lines.count()
        formset = modelformset_factory(
            BudgetLine, form=TableLineForm, extra=0, edit_only=True, max_num=count, absolute_max=count
        )
        return formset(data, queryset=lines, form_kwargs={"table": TableCells(self.object)})

    def collect(self, formset, revision):
        for form in formset.initial_forms:
            form.collect(revision)


class ProjectEditView(RecordEditView):
    """A project of the explanations."""

    model = Project
    permissions = ("disclosures.change_project",)
    title = _("修改项目")

    def get_form(self, data=None):
        return ProjectForm(data, instance=self.object)
