"""What a browser sends back from an edit page as rendered: its form's values, reason and fingerprint."""
from tests.formdata import form_data


def sent_back(response, **changes):
    """The POST data of the edit page ``response`` (a line, table, project or indicator form), with ``changes``."""
    return {**form_data(response.content.decode()), **changes}
