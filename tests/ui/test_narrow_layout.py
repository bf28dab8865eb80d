"""The 390 px layout: a viewport meta tag, and every table on the disclosure page inside a scrolling frame."""
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from disclosures.roles import REVIEWER
from tests.builders import disclosure, ingested, line, staff, table

pytestmark = pytest.mark.django_db


class Tables(HTMLParser):
    """Records, for each <table>, the class of the element it sits in, and the viewport meta content."""

    def __init__(self):
        super().__init__()
        self.stack, self.parents, self.viewport = [], [], None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and attrs.get("name") == "viewport":
            self.viewport = attrs.get("content")
        if tag == "table":
            self.parents.append(self.stack[-1] if self.stack else "")
        if tag not in {"meta", "link", "input", "br", "img", "hr", "rect", "path", "line"}:
            self.stack.append(attrs.get("class") or "")

    def handle_endtag(self, tag):
        if tag not in {"meta", "link", "input", "br", "img", "hr", "rect", "path", "line"} and self.stack:
            self.stack.pop()


def test_disclosure_page_tables_scroll_in_their_frame_and_the_viewport_is_set(client):
    client.force_login(staff("reviewer", REVIEWER))
    record = ingested(disclosure("财政局", 2025, tables=[
        table("expense_summary", [line("总计", row_type="total", total="330.10")]),
    ]))
    parser = Tables()
    parser.feed(client.get(reverse("disclosures:disclosure", args=[record.pk])).content.decode())
    assert parser.viewport == "width=device-width, initial-scale=1"
    assert parser.parents, "the disclosure page renders tables"
    assert all("table-scroll" in parent.split() for parent in parser.parents), parser.parents
