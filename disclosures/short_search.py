"""Searches for one or two characters, which PostgreSQL's trigram indexes cannot serve (a trigram needs
three): there the text's characters and character pairs, as an array (``disclosures_short_grams``, made by
migrations 0014 and 0015), have a GIN index and are asked whether they hold the text, beside ``strpos``.
Elsewhere, and for longer text, ``icontains`` alone."""
from django.contrib.postgres.fields import ArrayField
from django.db import connections, models
from django.db.models import Q, Value
from django.db.models.functions import Cast, StrIndex, Upper
from django.db.models.lookups import GreaterThan

SHORT = 2  # the longest text the gram arrays answer


class ShortGrams(models.Func):
    """The distinct one- and two-character substrings of the upper-cased text, as indexed."""

    function = "disclosures_short_grams"
    output_field = ArrayField(models.TextField())

    def __init__(self, field):
        super().__init__(Upper(Cast(field, models.TextField())))


def condition(name, value, vendor):
    """The ``Q`` for ``name`` containing ``value``, ignoring case, on a database of ``vendor``."""
    if len(value) <= SHORT and vendor == "postgresql":
        # The gram test picks rows through its index; beside it strpos (cheap, and no index's), which
        # PostgreSQL, ordering a row's tests by cost, runs first where it walks rows in a sort's order.
        grams = ShortGrams(name)
        found = GreaterThan(StrIndex(Upper(Cast(name, models.TextField())), Value(value.upper())), 0)
        return Q(grams.output_field.get_lookup("contains")(grams, [value.upper()])) & Q(found)
    return Q(**{f"{name}__icontains": value})


def contains(queryset, name, value):
    """Records whose ``name`` contains ``value``, ignoring case (a django-filter ``method``)."""
    return queryset.filter(condition(name, value, connections[queryset.db].vendor))
