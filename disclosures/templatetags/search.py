"""``{{ text|highlight:query }}`` and ``{{ text|excerpt:query }}`` for the search page."""
from django import template

from .. import search

register = template.Library()


@register.filter
def highlight(text, query):
    """``text`` escaped, with ``query`` marked."""
    return search.highlight(text, query)


@register.filter
def excerpt(text, query):
    """The part of ``text`` around ``query``."""
    return search.excerpt(text, query)
