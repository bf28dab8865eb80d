"""The disclosure page: tables as printed, findings beside their rows, the source page beside them."""
from collections import defaultdict

from django.db.models import Prefetch
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView

from .. import charts, workflow
from ..columns import column_label, ordered_columns
from ..ingest_ocr import doubt, ocr_summary, pages_of, row_key
from ..models import BudgetLine, Disclosure, Finding, Staffing
from ..original import changed_cells
from ..parts import parts
from .base import StaffRequiredMixin
from .source import page_view


class DisclosureView(StaffRequiredMixin, DetailView):
    template_name = "disclosures/disclosure.html"
    context_object_name = "disclosure"

    def get_queryset(self):
        return workflow.with_latest_return(
            self.restrict(Disclosure.objects.select_related("department", "uploaded_by").defer("parsed"))
        )

    def get(self, request, *args, **kwargs):
        """The page; with ``fragment=page`` only the source page beside it (what selecting a row loads),
        with ``fragment=tables`` only the tables and finding counts (what a save in the side panel swaps in)."""
        if request.GET.get("fragment") != "page":
            return super().get(request, *args, **kwargs)
        self.object = self.get_object()
        context = {"disclosure": self.object, "source": self.source_view(self.selected_line())}
        return TemplateResponse(request, "disclosures/includes/page_view.html", context)

    def get_template_names(self):
        if self.request.GET.get("fragment") == "tables":
            return ["disclosures/includes/tables_fragment.html"]
        return super().get_template_names()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        disclosure = self.object
        findings = list(
            Finding.objects.filter(disclosure=disclosure)
            .select_related("overridden_by")
            .prefetch_related("lines")
            .order_by("severity", "rule")
        )
        selected = self.selected_line()
        tables = list(disclosure.tables.order_by("order").prefetch_related(
            Prefetch("lines", queryset=BudgetLine.objects.order_by("order").prefetch_related("amounts"))
        ))
        home, by_line = placed(findings, {t.pk: t.order for t in tables})
        tables = [rendered_table(table, home, by_line, selected) for table in tables]
        panels = [{"template": part.panel, "context": part.panel_context(disclosure), "key": part.key,
                   "title": part.title} for part in parts() if part.panel]
        document_findings = [f for f in findings if not f.lines.all()]
        composition = charts.composition([row["line"] for t in tables for row in t["rows"]])
        projects = list(disclosure.projects.order_by("order"))
        context.update(
            tables=tables,
            charts=composition,
            findings=findings,
            document_findings=document_findings,
            contents=contents(tables, panels, document_findings=document_findings, charts=composition,
                              projects=projects),
            ocr=ocr_banner(disclosure, tables),
            parse_warnings=parse_warnings(disclosure, tables),
            severity_counts=severity_counts(findings),
            units=disclosure.units.order_by("order"),
            staffing=Staffing.objects.filter(disclosure=disclosure).first(),
            projects=projects,
            panels=panels,
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
        """The page image beside the tables: the requested page, else the selected row's."""
        requested = self.request.GET.get("page", "")
        page = int(requested) if requested.isdigit() else selected.source_page if selected else None
        return page_view(self.object, page, selected)


def placed(findings, table_order):
    """Where each finding is shown in full: ``({line pk: findings shown there}, {line pk: findings it
    takes part in})``. A finding is shown once, on the first of its lines as printed (the sum, above
    the rows it adds up); its other lines point to it."""
    home, by_line = defaultdict(list), defaultdict(list)
    for finding in findings:
        lines = sorted(finding.lines.all(), key=lambda line: (table_order.get(line.table_id, 0), line.order))
        if lines:
            home[lines[0].pk].append(finding)
        for line in lines[1:]:
            by_line[line.pk].append(finding)
    return home, by_line


def rendered_table(table, home, by_line, selected):
    """A table ready for the template: its columns in printed order, one row per line and, for a
    two-sided table (收入 | 支出), the printed rows with each side's line."""
    lines = list(table.lines.all())
    keys = ordered_columns({a.column for line in lines for a in line.amounts.all()})
    originals = changed_cells(table)
    rows = []
    for line in lines:
        amounts = {a.column: a for a in line.amounts.all()}
        cells = []
        for key in keys:
            original = originals.get((line.pk, key), NOT_CHANGED)
            amount = amounts.get(key)
            cells.append({"value": amount.printed if amount else "", "changed": original is not NOT_CHANGED,
                          "original": original, "key": key, "amount": amount,
                          "ocr": amount.ocr_confidence if amount else None,
                          "doubtful": amount is not None and amount.ocr_doubtful})
        shown = home.get(line.pk, [])
        rows.append({"line": line, "cells": cells, "findings": [f for f in shown if f.severity != "info"],
                     "notes": [f for f in shown if f.severity == "info"], "refs": by_line.get(line.pk, []),
                     "selected": selected is not None and selected.pk == line.pk})
    kind = table.disclosure.kind
    rendered = {
        "table": table,
        "columns": [column_label(k, kind) for k in keys],
        "rows": rows,
        "has_unit": any(line.unit_name for line in lines),
        "has_project": any(line.project for line in lines),
        "has_side": any(line.side for line in lines),
        "counts": severity_counts(f for row in rows for f in row["findings"] + row["notes"]),
    }
    if lines and all(line.side for line in lines):
        rendered["sides"] = [side_of(rows, keys, side, kind) for side in ("income", "expense")]
        rendered["pairs"] = printed_rows(rows, rendered["sides"])
    return rendered


def ocr_banner(disclosure, tables):
    """For a disclosure read by OCR: the parser's summary, how many cells carry an OCR confidence, how
    many of them are doubtful and the first of those (in printed order); else None."""
    if not disclosure.read_by_ocr:
        return None
    read = [cell for t in tables for row in t["rows"] for cell in row["cells"] if cell["ocr"] is not None]
    doubtful = [cell["amount"] for cell in read if cell["doubtful"]]
    summary = ocr_summary(disclosure.warnings) or {}
    return {"message": summary.get("message", ""), "read": len(read), "doubtful": len(doubtful),
            "first": doubtful[0] if doubtful else None}


def parse_warnings(disclosure, tables):
    """The parser's warnings but the OCR summary (the banner shows it), each with the OCR'd cell a doubt
    about a single value is about (its page, row and value; the first if several fit), else None."""
    summary = ocr_summary(disclosure.warnings)
    shown = [w for w in disclosure.warnings if w is not summary]
    if not disclosure.read_by_ocr:
        return [(w, None) for w in shown]
    cells = {}
    for t in tables:
        for row in t["rows"]:
            read = [cell for cell in row["cells"] if cell["ocr"] is not None]
            for page in pages_of(row["line"], t["table"]) if read else ():
                for cell in read:
                    cells.setdefault((page, row_key(row["line"].name), cell["value"]), cell["amount"])
    return [(w, d and cells.get((d["page"], d["row"], d["value"]))) for w, d in ((w, doubt(w)) for w in shown)]


def side_of(rows, keys, side, kind):
    """One side of a two-sided table: its label and the columns its lines use."""
    mine = [row for row in rows if row["line"].side == side]
    used = [i for i, key in enumerate(keys) if any(row["cells"][i]["value"] for row in mine)]
    return {"side": side, "label": BudgetLine.Side(side).label, "cells": used,
            "columns": [column_label(keys[i], kind) for i in used],
            "has_code": any(row["line"].code for row in mine)}


def printed_rows(rows, sides):
    """The rows as printed: the parser reads a two-sided row left to right, so each income line
    starts a printed row and an expense line right after it is the same row's right half."""
    income, expense = sides
    pairs = []
    for row in rows:
        side = income if row["line"].side == "income" else expense
        half = dict(row, cells=[row["cells"][i] for i in side["cells"]])
        if half["line"].side == "expense" and pairs and pairs[-1][1] is None:
            pairs[-1][1] = half
        elif half["line"].side == "expense":
            pairs.append([None, half])
        else:
            pairs.append([half, None])
    return pairs


def contents(tables, panels, *, document_findings, charts, projects):
    """The table of contents: (anchor, title, open finding counts or None) per part of the page."""
    entries = [("document-findings", _("文件层面的审核发现"), severity_counts(document_findings))] \
        if document_findings else []
    entries.append(("overview", _("部门概况"), None))
    if charts:
        entries.append(("composition", _("支出构成"), None))
    entries += [(f"table-{t['table'].pk}", f"{_('表')}{t['table'].number} {t['table'].title}", t["counts"])
                for t in tables]
    if projects:
        entries.append(("projects", _("项目说明"), None))
    entries += [(f"part-{panel['key']}", panel["title"], None) for panel in panels
                if panel["title"] and any(panel["context"].values())]
    return entries


NOT_CHANGED = object()


def severity_counts(findings):
    """Open findings by severity (an error let pass does not count)."""
    counts = {"error": 0, "warning": 0, "info": 0}
    for finding in findings:
        if finding.severity == "error" and finding.overridden_by_id:
            continue
        counts[finding.severity] = counts.get(finding.severity, 0) + 1
    return counts
