"""One disclosure's corrections, workflow transitions and 放行 as a single timeline, newest first.

Each history model is fetched once for the whole disclosure; a change's "before" is the
previous historical row of the same record (``diff_against``). Rows written by the import,
and the baselines kept before a record's first edit, carry no reason and are not changes.
A row with a reason is shown whichever page wrote it, with every field it changed when none
of the fields clerks edit did.
"""
from dataclasses import dataclass, field
from datetime import datetime
from itertools import groupby

from django.utils.translation import gettext_lazy as _

from .columns import column_label, fund_label
from .models import BudgetLine, Disclosure, FindingOverride, LineAmount, Project, StatusChange
from .parts import parts
from .tables import amount_shown
from .workflow import LABELS as TRANSITION_LABELS

ACTIONS = {"+": _("新增"), "~": _("修改"), "-": _("删除")}
NOT_RECORDED = _("（未记录）")


@dataclass(frozen=True)
class Change:
    label: str
    before: str
    after: str


@dataclass
class Entry:
    at: datetime
    user: object
    reason: str
    action: str
    subject: str
    changes: list = field(default_factory=list)
    is_transition: bool = False
    is_override: bool = False


@dataclass(frozen=True)
class Source:
    """A history model: its rows for one disclosure, the fields clerks edit, how a row is named.

    ``omit`` are fields too big to load and never shown; ``amounts`` are fields holding printed
    amounts (or a dict of them by funds key), shown as the pages show amounts (``tables.grouped``).
    """

    model: type
    disclosure_path: str
    related: tuple
    fields: tuple
    name: object  # (historical row, disclosure) -> what the entry is about
    labels: dict = field(default_factory=dict)
    omit: tuple = ()
    amounts: tuple = ()

    def rows(self, disclosure):
        return (self.model.history.filter(**{self.disclosure_path: disclosure.pk})
                .select_related("history_user", *self.related).defer(*self.omit)
                .order_by("id", "history_date", "history_id"))

    def label(self, name):
        return self.labels.get(name) or self.model._meta.get_field(name).verbose_name


def line_name(row, disclosure=None):
    return " ".join(filter(None, (f"表{row.table.number}", row.code, row.name)))


def amount_name(row, disclosure):
    """The cell as its disclosure prints it: a 决算's ``amount`` is its 决算数."""
    return f"{line_name(row.line)} · {column_label(row.column, disclosure.kind)}"


def disclosure_name(row, disclosure=None):
    return f"{row.fiscal_year} {row.get_kind_display()} v{row.version}"


SOURCES = (
    Source(Disclosure, "id", (), ("fiscal_year", "kind", "amount_unit", "published_on", "functions", "offices"),
           disclosure_name, omit=("parsed", "warnings")),
    Source(BudgetLine, "disclosure_id", ("table",), ("code", "name", "unit_name", "project"), line_name),
    Source(LineAmount, "line__disclosure_id", ("line__table",), ("printed",), amount_name,
           labels={"printed": _("金额")}, amounts=("printed",)),
    Source(Project, "disclosure_id", (), ("name", "unit_name", "basis", "amount_printed", "allocation",
                                         "period_start", "period_end"), lambda row, disclosure: row.name,
           amounts=("amount_printed",)),
)


def timeline(disclosure):
    """Every correction, transition and 放行 of ``disclosure`` (and of its parts' records), newest first."""
    sources = SOURCES + tuple(source for part in parts() for source in part.history)
    entries = [entry for source in sources for entry in source_entries(source, disclosure)]
    entries.extend(transition_entries(disclosure))
    entries.extend(override_entries(disclosure))
    return sorted(entries, key=lambda e: e.at, reverse=True)


def source_entries(source, disclosure):
    for _pk, rows in groupby(source.rows(disclosure), key=lambda row: row.id):
        previous = None
        for row in rows:
            if row.history_type != "+" or row.history_change_reason:
                changes = list(diff(source, row, previous))
                if changes or row.history_change_reason:
                    yield Entry(
                        at=row.history_date, user=row.history_user, reason=row.history_change_reason or "",
                        action=f"{ACTIONS[row.history_type]}{source.model._meta.verbose_name}",
                        subject=source.name(row, disclosure), changes=changes,
                    )
            previous = row


def diff(source, row, previous):
    """The edited fields' changes a historical row records, in the source's field order."""
    if row.history_type == "~" and previous is not None:
        delta = {c.field: c for c in row.diff_against(previous, included_fields=source.fields).changes}
        names = [name for name in source.fields if name in delta]
        if not names and row.history_change_reason:  # changed elsewhere, e.g. in the admin
            delta = {c.field: c for c in row.diff_against(previous, excluded_fields=source.omit,
                                                          foreign_keys_are_objs=True).changes}
            names = [f.name for f in source.model._meta.fields if f.name in delta]
        for name in names:
            yield Change(source.label(name), shown(source, row, name, delta[name].old),
                         shown(source, row, name, delta[name].new))
        return
    for name in source.fields:  # added, deleted, or changed with no earlier row to compare
        value = shown(source, row, name, getattr(row, name))
        if value:
            before, after = {"+": ("", value), "-": (value, "")}.get(row.history_type, (NOT_RECORDED, value))
            yield Change(source.label(name), before, after)


def shown(source, row, name, value):
    """``value`` of field ``name`` as staff read it; "" when blank."""
    if value in (None, "", [], {}):
        return ""
    if isinstance(value, list):
        return "，".join(map(str, value))
    if name in source.amounts and isinstance(value, dict):
        return "，".join(f"{fund_label(k)} {amount_shown(v)}" for k, v in value.items() if v not in (None, ""))
    if name in source.amounts:
        return amount_shown(value)
    if isinstance(value, dict):
        return "，".join(f"{k}：{v}" for k, v in value.items())
    choices = row._meta.get_field(name).flatchoices if row._meta.get_field(name).choices else ()
    return str(dict(choices).get(value, value))


def transition_entries(disclosure):
    for change in StatusChange.objects.filter(disclosure=disclosure).select_related("by"):
        yield Entry(
            at=change.at, user=change.by, reason=change.comment,
            action=str(TRANSITION_LABELS.get(change.transition, change.transition)), subject=_("流转"),
            changes=[Change(_("状态"), change.get_source_display(), change.get_target_display())],
            is_transition=True,
        )


def override_entries(disclosure):
    for logged in FindingOverride.objects.filter(disclosure=disclosure).select_related("by"):
        yield Entry(at=logged.at, user=logged.by, reason=logged.reason, action=str(_("放行")),
                    subject=f"{logged.rule} {logged.message}", is_override=True)
