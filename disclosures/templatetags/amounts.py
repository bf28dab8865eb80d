"""Amount filters: thousands separators with the printed decimals kept."""
from django import template

from ..tables import grouped

register = template.Library()


@register.filter(name="grouped")
def grouped_filter(value):
    """``12345.67`` → ``12,345.67``; blank for None or a blank cell."""
    return "" if value in (None, "") else grouped(value)


@register.filter
def signed(value):
    """A change with its sign: ``+1,234.50``, ``-12.00``; blank for None."""
    return "" if value is None else format(value, "+,")
