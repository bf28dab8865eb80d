"""What OCR read, as the review pages show it: a confidence, a parser warning as a sentence."""
from django import template

register = template.Library()


@register.filter
def confidence(value):
    """An OCR confidence without trailing zeros: ``0.820`` → ``0.82``; blank for None."""
    return "" if value is None else format(value.normalize(), "f")


@register.filter
def warning_text(warning):
    """A parser warning as staff read it: a string as is, an object by its message."""
    if isinstance(warning, dict):
        return warning.get("message") or ""
    return warning
