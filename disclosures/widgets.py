"""Form widgets of the review pages."""
from django import forms
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe


class QuickSelect(forms.Select):
    """A ``<select>`` written in Python rather than through one template per option.

    The list filters offer hundreds of departments and every amount column; Django's template
    renderer took about a third of a list page's time rendering them. Same markup, no option groups.
    """

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        options = format_html_join("", '<option value="{}"{}>{}</option>', (
            (option["value"], attributes(option["attrs"]), option["label"])
            for _group, group_options, _index in widget["optgroups"] for option in group_options
        ))
        return format_html('<select name="{}"{}>{}</select>', widget["name"], attributes(widget["attrs"]), options)


def attributes(attrs):
    """`` name="value"`` pairs in the order given, as django/forms/widgets/attrs.html writes them."""
    return mark_safe("".join(
        format_html(" {}", name) if value is True else format_html(' {}="{}"', name, value)
        for name, value in attrs.items() if value is not False
    ))
