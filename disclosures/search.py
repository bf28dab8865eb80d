"""The site search: each kind of record, the fields it is matched on, and the capped, access-scoped lookup.

Apps add their kinds with :func:`register_kind` from ``AppConfig.ready()`` (so this app never imports
the performance app). A query matches a record when any of its kind's fields contains it, ignoring case.
On PostgreSQL the trigram indexes of migrations disclosures 0012 and 0015 and performance 0003 serve
three or more characters on every field searched; a kind's ``short`` fields go through
:mod:`disclosures.short_search`, whose gram indexes (0014, 0015) serve one or two (line and project
fields; shorter searches of the other kinds read their tables).
Each group is read up to ``LIMIT`` rows, never counted, and narrowed by :func:`disclosures.access.restrict`.
"""
import re
from collections.abc import Callable
from dataclasses import dataclass

from django.db import connections
from django.db.models import Q
from django.urls import reverse
from django.utils.html import escape
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from . import access, short_search

LIMIT = 20
EXCERPT = 40  # characters of context either side of the match in a long text


@dataclass(frozen=True)
class Kind:
    """A searchable kind: ``title(obj)`` and ``detail(obj)`` are shown, ``url(obj)`` links the row and
    ``more(q)`` is the kind's list filtered by ``q`` (or None where there is no such list)."""

    key: str
    label: str
    model: type
    fields: tuple
    title: Callable
    url: Callable
    detail: Callable = lambda obj: ""
    more: Callable | None = None
    related: tuple = ()  # select_related paths
    defer: tuple = ()
    short: tuple = ()  # fields with short_search's gram index


_kinds = {}


def register_kind(kind):
    _kinds[kind.key] = kind


def kinds():
    return list(_kinds.values())


@dataclass(frozen=True)
class Hit:
    title: str
    url: str
    detail: str


@dataclass
class Group:
    """One kind's matches: its first LIMIT ``hits``, and whether more matched (never how many)."""

    kind: Kind
    query: str
    hits: list
    truncated: bool

    @property
    def more_url(self):
        return self.kind.more(self.query) if self.kind.more and self.truncated else None


def filtered_list(name, parameter="name"):
    """``more`` for a kind whose list page filters ``parameter`` by contains."""
    return lambda query: f"{reverse(name)}?{urlencode({parameter: query})}"


def register_records():
    """This app's kinds (the disclosure's heavy fields never loaded): departments, projects, narrative sections and budget lines."""
    from .models import BudgetLine, Department, Disclosure, Project, Section

    light = {"related": ("disclosure__department",),
             "defer": tuple(f"disclosure__{name}" for name in Disclosure.HEAVY_FIELDS)}
    on_disclosure = lambda obj: obj.disclosure.get_absolute_url()  # noqa: E731
    of_disclosure = lambda obj: str(obj.disclosure)  # noqa: E731
    register_kind(Kind("department", _("部门"), Department, ("name",), title=lambda d: d.name,
                       url=lambda d: reverse("disclosures:compare", args=[d.pk])))
    register_kind(Kind("project", _("项目"), Project, ("name", "unit_name"), title=lambda p: p.name,
                       url=on_disclosure, detail=of_disclosure, more=filtered_list("disclosures:project_list"),
                       short=("name", "unit_name"), **light))
    register_kind(Kind("section", _("说明章节"), Section, ("heading", "text"), title=lambda s: s.heading,
                       url=on_disclosure, detail=lambda s: s.text, **light))
    register_kind(Kind("line", _("预算行"), BudgetLine, ("name", "project"), title=lambda line: line.name,
                       url=on_disclosure, detail=lambda line: line.project or str(line.disclosure),
                       more=filtered_list("disclosures:line_list"), short=("name", "project"), **light))


def search(user, query):
    """``[Group, ...]`` of the kinds with a match for ``query`` that ``user`` may view; at most LIMIT rows each."""
    query = query.strip()
    if not query:
        return []
    groups = []
    for kind in kinds():
        rows = list(matches(kind, user, query)[:LIMIT + 1])
        if rows:
            hits = [Hit(kind.title(obj), kind.url(obj), kind.detail(obj)) for obj in rows[:LIMIT]]
            groups.append(Group(kind, query, hits, len(rows) > LIMIT))
    return groups


def matches(kind, user, query):
    """The records of ``kind`` that ``user`` may view with a field containing ``query``, in ``pk`` order."""
    queryset = kind.model._default_manager.all()
    vendor = connections[queryset.db].vendor
    condition = Q()
    for name in kind.fields:
        condition |= (short_search.condition(name, query, vendor) if name in kind.short
                      else Q(**{f"{name}__icontains": query}))
    queryset = access.restrict(queryset.filter(condition), user)
    return queryset.select_related(*kind.related).defer(*kind.defer).order_by("pk")


def highlight(text, query):
    """``text`` escaped, each case-insensitive occurrence of ``query`` wrapped in ``<mark>``."""
    text = str(text or "")
    if not query:
        return escape(text)
    parts = re.split(f"({re.escape(query)})", text, flags=re.IGNORECASE)
    return mark_safe("".join(
        f"<mark>{escape(part)}</mark>" if i % 2 else escape(part) for i, part in enumerate(parts)
    ))


def excerpt(text, query, width=EXCERPT):
    """The part of a long ``text`` around the first match of ``query``, with ``…`` where it was cut."""
    text = str(text or "")
    found = text.lower().find(query.lower()) if query else -1
    if found < 0:
        return text[:2 * width] + ("…" if len(text) > 2 * width else "")
    start, end = max(0, found - width), found + len(query) + width
    return ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")
