"""The list pages' fast paths write the same markup as the slow ones they replace."""
import re

import django_tables2 as tables
import pytest
from django import forms
from django.template import engines
from django.test import RequestFactory
from django_tables2 import utils

from budget_site import tables2
from disclosures.widgets import QuickSelect

CHOICES = [("", "全部"), ("1", "财政局 <本级>"), ("2", "教育局"), ("3", "卫健委 & 医保")]


def squeezed(html):
    return re.sub(r">\s+<", "><", re.sub(r"\s+", " ", str(html))).strip()


@pytest.mark.parametrize("value", [None, "2", "3"])
def test_quick_select_writes_what_django_select_writes(value):
    attrs = {"id": "id_department", "class": "wide"}
    expected = forms.Select(choices=CHOICES).render("department", value, attrs)
    assert squeezed(QuickSelect(choices=CHOICES).render("department", value, attrs)) == squeezed(expected)


def test_quick_select_escapes_labels_and_marks_the_selected_option():
    html = QuickSelect(choices=CHOICES).render("department", "3")
    assert "财政局 &lt;本级&gt;" in html and "卫健委 &amp; 医保" in html
    assert html.count("selected") == 1 and '<option value="3" selected>' in html


class Cells(tables.Table):
    name = tables.Column(attrs={"td": {"class": lambda value: "long" if len(value) > 3 else "short"}})
    amount = tables.Column(attrs={"td": {"class": "num"}})
    year = tables.Column(localize=False)

    class Meta:
        row_attrs = {"data-kind": lambda record: record["kind"]}

    def render_amount(self, value, record):
        return f"{value} {record['kind']}"


ROWS = [{"name": "行政运行", "amount": "1,234.50", "year": 2025, "kind": "line"},
        {"name": "<b>", "amount": "7", "year": 2024, "kind": "sub&total"}]


def rendered(template_name):
    request = RequestFactory().get("/")
    table = Cells(ROWS, template_name=template_name)
    return squeezed(engines["django"].from_string("{% load django_tables2 %}{% render_table table %}")
                    .render({"table": table, "request": request}))


def test_rows_written_by_the_tag_equal_django_tables2_rows():
    ours, theirs = rendered("tables/table.html"), rendered("django_tables2/table.html")
    assert ours == theirs
    assert '<td class="long">行政运行</td>' in ours and "&lt;b&gt;" in ours and 'data-kind="sub&amp;total"' in ours


def test_cached_signature_answers_as_django_tables2_does():
    table = Cells(ROWS)

    def plain(value, record, **kwargs):
        return value

    for fn in (table.render_amount, Cells.render_amount, plain, lambda record: record, table.columns["name"].render):
        assert tables2.signature(fn) == tables2.uncached(fn)
    assert utils.signature is tables2.signature  # installed by the app
