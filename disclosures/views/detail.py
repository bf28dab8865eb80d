"""The disclosure page: tables as printed, findings beside their rows, the source page beside them."""
from collections import defaultdict

from django.db.models import Prefetch
from django.views.generic import DetailView

from .. import charts, workflow
from ..columns import column_label, ordered_columns
from ..models import BudgetLine, Disclosure, Finding, Staffing
from ..original import changed_cells
from ..parts import parts
from .base import StaffRequiredMixin
from .pages import page_size


class DisclosureView(StaffRequiredMixin, DetailView):
    template_name = "disclosures/disclosure.html"
    context_object_name = "disclosure"

    def get_queryset(self):
        return workflow.with_latest_return(
            self.restrict(Disclosure.objects.select_related("department", "uploaded_by").defer("parsed"))
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        disclosure = self.object
        findings = list(
            Finding.objects.filter(disclosure=disclosure)
            .select_related("overridden_by")
            .prefetch_related("lines")
            .order_by("severity", "rule")
        )
        by_line = defaultdict(list)
        for finding in findings:
            for line in finding.lines.all():
                by_line[line.pk].append(finding)
        selected = self.selected_line()
        tables = [
            rendered_table(table, by_line, selected)
            for table in disclosure.tables.order_by("order").prefetch_related(
                Prefetch("lines", queryset=BudgetLine.objects.order_by("order").prefetch_related("amounts"))
            )
        ]
        context.update(
            tables=tables,
            charts=charts.composition([row["line"] for t in tables for row in t["rows"]]),
            findings=findings,
            document_findings=[f for f in findings if not f.lines.all()],
            severity_counts=severity_counts(findings),
            units=disclosure.units.order_by("order"),
            staffing=Staffing.objects.filter(disclosure=disclosure).first(),
            projects=disclosure.projects.order_by("order"),
            panels=[{"template": part.panel, "context": part.panel_context(disclosure)}
                    for part in parts() if part.panel],
            actions=workflow.actions(disclosure, self.request.user),
            can_override=not workflow.reviewer_refusal(disclosure, self.request.user),
            history=disclosure.status_changes.select_related("by").order_by("-at")[:5],
            source=self.source_view(selected),
            can_edit=disclosure.is_editable and self.request.user.has_perm("disclosures.change_budgetline"),
        )
        return context

    def selected_line(self):
        line_id = self.request.GET.get("line", "")
        if not line_id.isdigit():
            return None
        return BudgetLine.objects.filter(disclosure=self.object, pk=line_id).first()

    def source_view(self, selected):
        """The page image to show beside the tables, with the selected row's box in percent."""
        disclosure = self.object
        if not disclosure.source_pdf:
            return None
        page = selected.source_page if selected else None
        requested = self.request.GET.get("page", "")
        if requested.isdigit():
            page = int(requested)
        if page is None:
            return None
        box = None
        size = page_size(disclosure, page)
        if size and selected and selected.source_bbox and selected.source_page == page:
            width, height = size
            x0, top, x1, bottom = selected.source_bbox
            box = {
                "left": 100 * x0 / width, "top": 100 * top / height,
                "width": 100 * (x1 - x0) / width, "height": 100 * (bottom - top) / height,
            }
        return {"page": page, "box": box, "pages": range(1, (disclosure.page_count or page) + 1)}


def rendered_table(table, findings_by_line, selected):
    """A table ready for the template: its columns in printed order and one row per line."""
    lines = list(table.lines.all())
    keys = ordered_columns({a.column for line in lines for a in line.amounts.all()})
    originals = changed_cells(table)
    rows = []
    for line in lines:
        printed = {a.column: a.printed for a in line.amounts.all()}
        cells = []
        for key in keys:
            original = originals.get((line.pk, key), NOT_CHANGED)
            cells.append({"value": printed.get(key, ""), "changed": original is not NOT_CHANGED,
                          "original": original})
        rows.append({"line": line, "cells": cells, "findings": findings_by_line.get(line.pk, []),
                     "selected": selected is not None and selected.pk == line.pk})
    return {
        "table": table,
        "columns": [column_label(k, table.disclosure.kind) for k in keys],
        "rows": rows,
        "has_unit": any(line.unit_name for line in lines),
        "has_project": any(line.project for line in lines),
        "has_side": any(line.side for line in lines),
    }


NOT_CHANGED = object()


def severity_counts(findings):
    counts = {"error": 0, "warning": 0, "info": 0}
    for finding in findings:
        if finding.severity == "error" and finding.overridden_by_id:
            continue
        counts[finding.severity] = counts.get(finding.severity, 0) + 1
    return counts
