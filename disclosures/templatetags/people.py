"""How staff are named on the pages."""
from django import template

register = template.Library()


@register.filter
def person(user):
    """Full name, else username; "—" for nobody (e.g. a disclosure imported from the command line)."""
    if user is None:
        return "—"
    return user.get_full_name() or user.get_username()
