"""The disclosure page reads like the print: 决算 headers, table of contents, compact findings,
two-sided tables side by side, edits that return to their row beside the source page."""
import re

import pytest
from django.urls import reverse

from disclosures.roles import CLERK, REVIEWER
from tests.builders import disclosure, ingested, line, staff, table

pytestmark = pytest.mark.django_db


def headers(html, table_pk):
    """The column headers of the table section ``table_pk``, in order."""
    section = html.split(f'id="table-{table_pk}"', 1)[1].split("</thead>", 1)[0]
    return [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<th[^>]*>(.*?)</th>", section, re.S)]


def summary(kind):
    lines = [line("一般公共预算财政拨款收入", side="income", amount="10.00"),
             line("一般公共服务支出", side="expense", amount="10.00"),
             line("收入总计", row_type="total", side="income", amount="10.00"),
             line("支出总计", row_type="total", side="expense", amount="10.00")]
    three_public = [line("合计", row_type="total", budget="2.00", amount="1.50")]
    return ingested(disclosure(kind=kind, tables=[table("income_expense_summary", lines),
                                                  table("three_public_expense", three_public)]))


@pytest.mark.parametrize("kind, label", [("final_accounts", "决算数"), ("budget", "预算数")])
def test_amount_column_is_headed_as_the_kind_prints_it(client, role_groups, kind, label):
    record = summary(kind)
    client.force_login(staff("reviewer", REVIEWER))
    html = client.get(record.get_absolute_url()).content.decode()
    first, three_public = record.tables.order_by("order")
    assert label in headers(html, first.pk)
    assert ("预算数" in headers(html, first.pk)) == (kind == "budget")
    # the 三公 table of a 决算 prints 预算数 beside 决算数
    if kind == "final_accounts":
        assert {"预算数", "决算数"} <= set(headers(html, three_public.pk))


def test_a_final_accounts_line_editor_labels_its_amount_决算数(client, role_groups):
    record = summary("final_accounts")
    clerk = staff("clerk", CLERK, [record.department])
    client.force_login(clerk)
    target = record.lines.get(name="一般公共服务支出")
    html = client.get(reverse("disclosures:line_edit", args=[target.pk])).content.decode()
    assert "决算数" in html and "预算数" not in html
