"""Correcting records of a draft disclosure: a line, a whole table's lines, a project.

Each page saves one submission, with the reason the clerk gives, and runs the checks again,
all in one transaction (findings never lag behind the records). Records outside the user's
departments do not exist for them (404); without the change permission, or once the
disclosure is submitted or approved, the page says why with 403.

Optimistic locking: the form carries a signed fingerprint of the records as rendered. In the
saving transaction, with the records locked, it is compared with their stored state; if
someone saved in between, nothing is saved and the form comes back (409) with the current
values and the reason as typed. A missing or forged fingerprint gets the same page with 400.

A view with a ``panel_template`` also answers ``?fragment=form``, for the disclosure page's side
panel (static/js/review.js): the same checks and responses with only the form (or the refusal)
rendered, and a save redirects to the disclosure page's ``?fragment=tables`` instead of the page.
"""
from collections import defaultdict

from django.contrib import messages
from django.db import transaction
from django.forms import modelformset_factory
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.timezone import localtime
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from .. import access
from ..checks import run_checks
from ..forms import LineForm, ProjectForm, ReasonForm, TableCells, TableLineForm
from ..models import BudgetLine, BudgetTable, Disclosure, LineAmount, Project
from ..revisions import Revision, read_fingerprint, sign_fingerprint, state_digest
from .base import StaffRequiredMixin
from .source import page_view


def locked(queryset, lock=True):
    """``queryset``, its rows locked until the transaction ends when ``lock``."""
    return queryset.select_for_update(of=("self",)) if lock else queryset


class RecordEditView(StaffRequiredMixin, TemplateView):
    """Edit one record (``model``, by ``pk``) of a draft disclosure with a reason."""

    model = None
    anchor = ""  # the record's anchor on the disclosure page is ``#<anchor>-<pk>``
    permissions = ()
    title = ""
    template_name = "disclosures/record_edit.html"
    panel_template = None  # the form alone, for ?fragment=form

    @property
    def in_panel(self):
        """Whether the request comes from the disclosure page's side panel (``?fragment=form``)."""
        return bool(self.panel_template) and self.request.GET.get("fragment") == "form"

    def get_queryset(self):
        return self.model.objects.select_related("disclosure__department")

    def disclosure_of(self, record):
        return record.disclosure

    def get_form(self, data=None):
        raise NotImplementedError

    def collect(self, form, revision):
        form.collect(revision)

    def get(self, request, *args, **kwargs):
        refusal = self.check_access()
        return refusal or self.render(self.get_form(), ReasonForm(), sign_fingerprint(self.snapshot()))

    def post(self, request, *args, **kwargs):
        refusal = self.check_access()
        if refusal:
            return refusal
        seen = read_fingerprint(request.POST.get("fingerprint", ""))
        reason_form = ReasonForm(request.POST)
        with transaction.atomic():
            if not Disclosure.objects.select_for_update().get(pk=self.disclosure.pk).is_editable:
                return self.refuse(_("该文件刚刚已提交或审核，不能再修改。"))
            self.object = get_object_or_404(locked(self.get_queryset()), pk=self.object.pk)
            current = self.snapshot(lock=True)
            fingerprint = sign_fingerprint(current)
            if seen != current:
                return self.stale(reason_form, fingerprint, seen, current)
            form = self.get_form(request.POST)
            if not all([form.is_valid(), reason_form.is_valid()]):
                return self.render(form, reason_form, fingerprint)
            revision = Revision(self.disclosure, request.user, reason_form.cleaned_data["reason"])
            self.collect(form, revision)
            if not revision:
                messages.info(request, _("没有修改任何内容。"))
                return self.render(form, reason_form, fingerprint)
            revision.commit()
            run_checks(self.disclosure)
        messages.success(request, _("已保存修改。"))
        return redirect(self.panel_url() if self.in_panel else self.success_url())

    def snapshot(self, lock=False):
        """{pk as text: state_digest} of the records the form edits, as stored (locked with ``lock``)."""
        return {str(self.object.pk): state_digest(self.object)}

    def histories(self, pks):
        """Querysets of the history rows of the records ``pks`` (keys of a snapshot)."""
        return [self.model.history.filter(id__in=pks)]

    def stale(self, reason_form, fingerprint, seen, current):
        """The form again, showing the stored values: 400 without a valid fingerprint, else 409."""
        if seen is None:
            messages.error(self.request, _("页面缺少数据版本信息，无法确认您看到的是最新数据。"
                                           "下面是当前的值，请核对后重新修改。"))
            return self.render(self.get_form(), reason_form, fingerprint, status=400)
        changed = {pk for pk in seen.keys() | current.keys() if seen.get(pk) != current.get(pk)}
        messages.error(self.request, self.conflict_message(changed))
        return self.render(self.get_form(), reason_form, fingerprint, status=409)

    def conflict_message(self, pks):
        """That the records ``pks`` changed since the form was rendered, by whom and when."""
        latest = [rows.select_related("history_user").first() for rows in self.histories(pks)]
        last = max(filter(None, latest), key=lambda row: row.history_date, default=None)
        if last and last.history_user:
            message = gettext("此记录已被 %(user)s 于 %(time)s 修改，您看到的是旧数据。") % {
                "user": last.history_user.get_full_name() or last.history_user.get_username(),
                "time": date_format(localtime(last.history_date), "Y-m-d H:i"),
            }
        else:
            message = gettext("此记录已被他人修改，您看到的是旧数据。")
        return message + self.changed_note(pks) + gettext("下面是当前的值，请核对后重新修改。")

    def changed_note(self, pks):
        """What to add to the conflict message about which of the records ``pks`` changed."""
        return ""

    def check_access(self):
        """Load the record; a 403 page saying why the user may not edit it, or None."""
        self.object = get_object_or_404(self.restrict(self.get_queryset()), pk=self.kwargs["pk"])
        self.disclosure = self.disclosure_of(self.object)
        if not self.request.user.has_perms(self.permissions):
            return self.refuse(_("您没有修改数据的权限。"))
        if not self.disclosure.is_editable:
            return self.refuse(
                _("该文件状态为“%(status)s”，只读；只有草稿或已退回的文件可以修改。")
                % {"status": self.disclosure.get_status_display()}
            )
        if not access.may(self.request.user, access.CHANGE, self.disclosure):
            return self.refuse(_("您不是该部门的负责人员，只能查看。"))
        return None

    def refuse(self, message):
        context = {"message": message, "disclosure": self.disclosure, "title": self.title}
        template = "disclosures/includes/refusal.html" if self.in_panel else "disclosures/edit_refused.html"
        return TemplateResponse(self.request, template, context, status=403)

    def get_template_names(self):
        return [self.panel_template] if self.in_panel else super().get_template_names()

    def render(self, form, reason_form, fingerprint, status=200):
        return self.render_to_response(self.get_context_data(
            form=form, reason_form=reason_form, fingerprint=fingerprint, object=self.object,
            disclosure=self.disclosure, title=self.title, next=self.success_url(),
            source=page_view(self.disclosure, self.source_page(), self.object),
        ), status=status)

    def source_page(self):
        """The PDF page the record was read from, shown beside the form."""
        return getattr(self.object, "source_page", None)

    def success_url(self):
        """Back where the user came from (``next``), else the record on the disclosure's page."""
        target = self.request.POST.get("next") or self.request.GET.get("next")
        if target and url_has_allowed_host_and_scheme(
            target, allowed_hosts={self.request.get_host()}, require_https=self.request.is_secure()
        ):
            return target
        return reverse("disclosures:disclosure", args=[self.disclosure.pk]) + self.place()

    def place(self):
        """Where the record is on the disclosure's page: a query and an anchor."""
        return f"#{self.anchor}-{self.object.pk}" if self.anchor else ""

    def panel_url(self):
        """After a save from the side panel: the parts of the disclosure page an edit changes."""
        raise NotImplementedError


class LinesEditView(RecordEditView):
    """What the line and table pages share: the records they edit are lines with their amounts."""

    permissions = ("disclosures.change_budgetline", "disclosures.change_lineamount")

    def lines(self):
        """The lines the form edits, as a queryset."""
        raise NotImplementedError

    def snapshot(self, lock=False):
        lines = list(locked(self.lines(), lock))
        cells = defaultdict(list)
        for cell in locked(LineAmount.objects.filter(line__in=lines).order_by("column"), lock):
            cells[cell.line_id].append(cell)
        return {str(line.pk): state_digest(line, *cells[line.pk]) for line in lines}

    def histories(self, pks):
        return [BudgetLine.history.filter(id__in=pks), LineAmount.history.filter(line_id__in=pks)]


class LineEditView(LinesEditView):
    """One line: its code, name, unit, project and its amounts."""

    model = BudgetLine
    title = _("修改预算行")
    template_name = "disclosures/line_edit.html"
    panel_template = "disclosures/includes/line_form_panel.html"

    def get_queryset(self):
        return BudgetLine.objects.select_related("table__disclosure__department")

    def disclosure_of(self, line):
        return line.table.disclosure

    def get_form(self, data=None):
        return LineForm(data, instance=self.object, table=TableCells(self.object.table))

    def lines(self):
        return BudgetLine.objects.filter(pk=self.object.pk)

    def place(self):
        """The line selected, its source page beside it, scrolled to its row."""
        return f"?line={self.object.pk}#line-{self.object.pk}"

    def panel_url(self):
        url = reverse("disclosures:disclosure", args=[self.disclosure.pk])
        return f"{url}?line={self.object.pk}&fragment=tables"


class TableEditView(LinesEditView):
    """All lines of a table in one formset, one input per amount column the table uses.

    A change to any of its lines since the form was rendered makes the whole form stale.
    """

    model = BudgetTable
    anchor = "table"
    title = _("修改预算表")
    template_name = "disclosures/table_edit.html"

    def get_form(self, data=None):
        lines = self.lines()
        count = lines.count()
        formset = modelformset_factory(
            BudgetLine, form=TableLineForm, extra=0, edit_only=True, max_num=count, absolute_max=count
        )
        return formset(data, queryset=lines, form_kwargs={"table": TableCells(self.object)})

    def collect(self, formset, revision):
        for form in formset.initial_forms:
            form.collect(revision)

    def lines(self):
        return self.object.lines.all()

    def source_page(self):
        return self.object.pages[0] if self.object.pages else None

    def changed_note(self, pks):
        names = "、".join(str(line) for line in BudgetLine.objects.filter(pk__in=pks))
        return gettext("有变动的行：%(lines)s。") % {"lines": names} if names else ""


class ProjectEditView(RecordEditView):
    """A project of the explanations."""

    model = Project
    anchor = "project"
    permissions = ("disclosures.change_project",)
    title = _("修改项目")

    def get_form(self, data=None):
        return ProjectForm(data, instance=self.object)
