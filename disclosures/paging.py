"""Counting matching rows up to a cap, for list pages over tables of a million rows.

``COUNT(*)`` over every matching row costs more than reading a page: a list counts at most
``COUNT_CAP`` + 1 rows (``SELECT COUNT(*) FROM (SELECT … LIMIT cap + 1)``, unordered), says
"1000+" when more match, and offers pages as far as the count reaches (ten pages of a hundred).
Narrower filters, or the export, reach the rest. Counting touches at most that many rows, whatever
the filter and however big the table; so does the last page's offset.
"""
from functools import cached_property

from django.core.paginator import Paginator
from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce

COUNT_CAP = 1000


def capped_count(queryset):
    """The number of rows of ``queryset``, counted up to ``COUNT_CAP`` + 1."""
    return queryset.order_by()[:COUNT_CAP + 1].count()


class CappedCountPaginator(Paginator):
    """A Paginator whose ``count`` stops at ``COUNT_CAP``; ``capped`` says whether more rows match."""

    @cached_property
    def matching(self):
        return capped_count(self.object_list)

    @cached_property
    def count(self):
        return min(self.matching, COUNT_CAP)

    @property
    def capped(self):
        return self.matching > COUNT_CAP


def related_count(queryset, field):
    """The number of ``queryset``'s rows whose ``field`` is the outer row, as a correlated subquery.

    Annotated on a list, it is computed for the rows of the page only (over the index on ``field``),
    where ``Count`` over a join would group the whole related table first.
    """
    rows = queryset.filter(**{field: OuterRef("pk")}).order_by().values(field).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)
