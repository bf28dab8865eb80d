"""A line edited in the disclosure page's side panel: the edit view's ``?fragment=form`` answers with
the form alone, under the same access rule and checks, and a save lands on the page's ``?fragment=tables``."""
import re

import pytest
from django.urls import reverse

from disclosures.models import Finding
from disclosures.roles import CLERK, REVIEWER
from tests.builders import disclosure, ingested, staff, table
from tests.disclosures.test_views_editing import cells, line_data, row, the_line

pytestmark = pytest.mark.django_db


@pytest.fixture
def record():
    return ingested(disclosure("财政局", tables=[table("general_budget_expense", [
        row("合计", row_type="total", total="300.00", basic="100.00", project="200.00"),
        row("行政运行", "2010301", total="100.00", basic="100.00"),
        row("一般行政管理事务", "2010302", total="200.00", project="200.00"),
    ])]))


@pytest.fixture
def clerk(record, client):
    user = staff("clerk", CLERK, [record.department])
    client.force_login(user)
    return user


def panel_url(line):
    return reverse("disclosures:line_edit", args=[line.pk]) + "?fragment=form"


def panel_post(client, line, fingerprint, **changes):
    return client.post(panel_url(line), {**line_data(line, **changes), "fingerprint": fingerprint}, follow=True)


def fingerprint_of(response):
    return re.search(r'name="fingerprint" value="([^"]+)"', response.content.decode()).group(1)


def test_the_form_fragment_is_the_form_alone_posting_to_the_edit_view(client, clerk, record):
    line = the_line(record, "2010301")
    response = client.get(panel_url(line))
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html and "<header" not in html  # no page around it
    assert f'action="{reverse("disclosures:line_edit", args=[line.pk])}"' in html
    assert 'name="csrfmiddlewaretoken"' in html and 'name="fingerprint"' in html
    assert 'name="amount_total" value="100.00"' in html and "行政运行" in html


def test_a_save_from_the_panel_lands_on_the_tables_fragment_with_the_amount_formatted(client, clerk, record):
    line = the_line(record, "2010301")
    response = panel_post(client, line, fingerprint_of(client.get(panel_url(line))), amount_total="1100.50")
    html = response.content.decode()
    path, query = response.redirect_chain[-1][0].split("?")
    assert path == reverse("disclosures:disclosure", args=[record.pk])
    assert query == f"line={line.pk}&fragment=tables"
    assert cells(line)["total"] == "1100.50"
    assert "<html" not in html
    row_html = re.search(rf'<tr id="line-{line.pk}"[^>]*>(.*?)</tr>', html, re.S)
    assert 'class="selected' in row_html.group(0) or " selected" in row_html.group(0)
    assert "1,100.50" in row_html.group(1) and "changed" in row_html.group(1)
    assert 'id="finding-counts"' in html and 'id="contents"' in html
    assert "已保存修改" in html  # the message is shown there, not left for the next page
    assert "已保存修改" not in client.get(record.get_absolute_url()).content.decode()


def test_the_checks_rerun_and_the_row_shows_its_new_finding(client, clerk, record):
    line = the_line(record, "2010301")
    assert not Finding.objects.filter(disclosure=record, lines=line).exists()
    html = panel_post(client, line, fingerprint_of(client.get(panel_url(line))),
                      amount_total="150.00").content.decode()  # 合计 150.00 ≠ 基本支出 100.00
    finding = Finding.objects.get(disclosure=record, lines=line)
    row_html = re.search(rf'<tr id="line-{line.pk}".*?</tr>', html, re.S).group(0)
    assert f'id="finding-{finding.pk}"' in row_html and "差额 50.00" in row_html


def test_a_validation_error_comes_back_in_the_panel(client, clerk, record):
    line = the_line(record, "2010301")
    response = panel_post(client, line, fingerprint_of(client.get(panel_url(line))), amount_total="1.200.00",
                          reason="")
    html = response.content.decode()
    assert response.status_code == 200 and not response.redirect_chain
    assert "<html" not in html and "不是金额" in html and "invalid" in html
    assert cells(line)["total"] == "100.00"


def test_a_stale_panel_form_shows_the_conflict_message(client, clerk, record):
    line = the_line(record, "2010301")
    stale = fingerprint_of(client.get(panel_url(line)))
    assert panel_post(client, line, stale, amount_total="111.00").redirect_chain
    response = panel_post(client, line, stale, amount_total="222.00")
    html = response.content.decode()
    assert response.status_code == 409 and "<html" not in html
    assert "您看到的是旧数据" in html and 'value="111.00"' in html  # the stored value, to check again
    assert cells(line)["total"] == "111.00"


def test_a_panel_form_without_fingerprint_is_refused_with_400(client, clerk, record):
    line = the_line(record, "2010301")
    response = panel_post(client, line, "", amount_total="222.00")
    assert response.status_code == 400 and "<html" not in response.content.decode()
    assert cells(line)["total"] == "100.00"


def test_a_reviewer_gets_the_refusal_in_the_panel(client, record):
    client.force_login(staff("reviewer", REVIEWER))
    line = the_line(record, "2010301")
    for response in (client.get(panel_url(line)), panel_post(client, line, "x", amount_total="1.00")):
        html = response.content.decode()
        assert response.status_code == 403 and "没有修改数据的权限" in html and "<html" not in html
    assert cells(line)["total"] == "100.00"


def test_a_clerk_of_another_department_gets_404(client, record):
    client.force_login(staff("other", CLERK, [ingested(disclosure("教育局")).department]))
    line = the_line(record, "2010301")
    assert client.get(panel_url(line)).status_code == 404
    assert panel_post(client, line, "x", amount_total="1.00").status_code == 404
    assert client.get(record.get_absolute_url() + "?fragment=tables").status_code == 404


def test_without_javascript_the_edit_links_lead_to_the_edit_page(client, clerk, record):
    line = the_line(record, "2010301")
    html = client.get(record.get_absolute_url()).content.decode()
    assert f'class="edit-line" href="{reverse("disclosures:line_edit", args=[line.pk])}"' in html
