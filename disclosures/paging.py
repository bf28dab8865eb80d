"""Counting matching rows up to a cap, for list pages over tables of a million rows.

``COUNT(*)`` over every matching row costs more than reading a page: a list counts at most
``COUNT_CAP`` + 1 rows (``SELECT COUNT(*) FROM (SELECT … LIMIT cap + 1)``, unordered), says
"1000+" when more match, and offers pages as far as the count reaches (ten pages of a hundred).
Narrower filters, or the export, reach the rest. Counting touches at most that many rows, whatever
the filter and however big the table; so does the last page's offset.
"""
from functools import cached_property

from django.core.paginator import Paginator

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
