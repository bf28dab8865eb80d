"""Searches for one or two characters, which PostgreSQL's trigram indexes cannot serve (a trigram needs
three): there the text's characters and character pairs, as an array (``disclosures_short_grams``, made by
migration 0014), have a GIN index and are asked whether they hold the text. Elsewhere, and for longer
text, ``icontains``."""
from django.contrib.postgres.fields import ArrayField
from django.db import connections, models
from django.db.models.functions import Cast, Upper

SHORT = 2  # the longest text the gram arrays answer


class ShortGrams(models.Func):
    """The distinct one- and two-character substrings of the upper-cased text, as indexed."""

    function = "disclosures_short_grams"
    output_field = ArrayField(models.TextField())

    def __init__(self, field):
        super().__init__(Upper(Cast(field, models.TextField())))


def contains(queryset, name, value):
    """Records whose ``name`` contains ``value``, ignoring case (a django-filter ``method``)."""
    if len(value) <= SHORT and connections[queryset.db].vendor == "postgresql":
        return queryset.alias(short_grams=ShortGrams(name)).filter(short_grams__contains=[value.upper()])
    return queryset.filter(**{f"{name}__icontains": value})
