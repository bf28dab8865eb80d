"""What a browser sends back from an edit page as rendered: its form's values, reason and fingerprint."""


def sent_back(response, **changes):
    """The POST data of the edit page ``response`` (a line, table, project or indicator form), with ``changes``."""
    form, context = response.context["form"], response.context
    parts = [form.management_form, *form] if hasattr(form, "management_form") else [form]
    data = {field.html_name: "" if field.value() is None else field.value() for part in parts for field in part}
    data.update(reason=context["reason_form"]["reason"].value() or "", next=context["next"],
                fingerprint=context["fingerprint"])
    return {**data, **changes}
