"""The disclosure page reads like the print: 决算 headers, table of contents, compact findings,
two-sided tables side by side, edits that return to their row beside the source page."""
import re

import pytest
from django.contrib.staticfiles import finders
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


@pytest.fixture
def sample(sample_parsed, sample_pdf):
    from disclosures.ingest import ingest

    return ingest(sample_parsed, source_bytes=sample_pdf.read_bytes(), source_name="sample.pdf",
                  page_count=39).disclosure


def page_of(client, record, query=""):
    response = client.get(record.get_absolute_url() + query)
    assert response.status_code == 200
    return response.content.decode()


def test_every_contents_entry_leads_to_a_part_of_the_page(client, role_groups, sample):
    client.force_login(staff("reviewer", REVIEWER))
    html = page_of(client, sample)
    contents = html.split('<nav class="card contents', 1)[1].split("</nav>", 1)[0]
    anchors = re.findall(r'href="#([^"]+)"', contents)
    ids = set(re.findall(r'\bid="([^"]+)"', html))
    assert anchors and set(anchors) <= ids
    # every table, the projects and the performance targets are listed, each once
    expected = {f"table-{pk}" for pk in sample.tables.values_list("pk", flat=True)}
    assert expected | {"overview", "projects", "part-performance_targets"} <= set(anchors)
    assert len(anchors) == len(set(anchors))


def test_the_sample_page_shows_no_internal_key(client, role_groups, sample):
    from tests.ui.test_no_internal_keys import leaked_keys

    client.force_login(staff("reviewer", REVIEWER))
    assert leaked_keys(client.get(sample.get_absolute_url())) == []


def sum_with_rounding():
    lines = [line("总计", row_type="total", total="10.01"), line("一般公共服务支出", "201", total="10.01"),
             line("政府办公厅（室）及相关机构事务", "20103", total="10.01"),
             line("行政运行", "2010301", total="6.00"), line("事业运行", "2010350", total="4.00")]
    return ingested(disclosure(tables=[table("expense_summary", lines)]))


def test_a_finding_is_shown_once_on_its_first_line_and_referred_to_from_the_others(client, role_groups):
    record = sum_with_rounding()
    finding = record.findings.get(lines__code="2010301")
    assert finding.severity == "info" and finding.lines.count() == 3  # 20103 ≠ its 项 by 0.01: rounding
    client.force_login(staff("reviewer", REVIEWER))
    html = page_of(client, record)
    assert html.count(f'id="finding-{finding.pk}"') == 1
    home = record.lines.get(code="20103")
    row = html.split(f'id="line-{home.pk}"', 1)[1].split("</tr>", 1)[0]
    notes = row.split('<details class="notes">', 1)[1].split("</details>", 1)[0]
    assert f'id="finding-{finding.pk}"' in notes  # collapsed
    for code in ("2010301", "2010350"):
        child = record.lines.get(code=code)
        row = html.split(f'id="line-{child.pk}"', 1)[1].split("</tr>", 1)[0]
        assert f'href="#finding-{finding.pk}"' in row and finding.message not in row.replace(
            f'title="{finding.message}"', "")


def test_a_two_sided_table_pairs_each_printed_row(client, role_groups):
    record = summary("budget")
    client.force_login(staff("reviewer", REVIEWER))
    html = page_of(client, record)
    first = record.tables.order_by("order").first()
    section = html.split(f'id="table-{first.pk}"', 1)[1].split("</section>", 1)[0]
    assert 'class="two-sided"' in section
    rows = re.findall(r"<tr>(.*?)</tr>", section.split("<tbody>", 1)[1], re.S)
    names = [re.findall(r'data-line="\d+"[^>]*>([^<]+)</a>', row) for row in rows]
    assert names == [["一般公共预算财政拨款收入", "一般公共服务支出"], ["收入总计", "支出总计"]]
    assert headers(html, first.pk)[:2] == ["收入", "预算数"]


def test_the_page_image_alone_for_a_selected_row(client, role_groups, sample):
    target = sample.lines.exclude(source_bbox=None).filter(source_page__isnull=False).first()
    client.force_login(staff("reviewer", REVIEWER))
    html = page_of(client, sample, f"?fragment=page&line={target.pk}")
    assert "<html" not in html and 'class="highlight"' in html
    assert reverse("disclosures:page_image", args=[sample.pk, target.source_page]) in html
    other = staff("outsider", CLERK)
    client.force_login(other)
    assert client.get(sample.get_absolute_url() + f"?fragment=page&line={target.pk}").status_code == 404


def test_the_page_loads_its_script_from_the_project(client, role_groups, sample):
    client.force_login(staff("reviewer", REVIEWER))
    html = page_of(client, sample)
    sources = re.findall(r'<script[^>]*src="([^"]+)"', html)
    assert sources == ["/static/js/review.js"]
    assert finders.find(sources[0].removeprefix("/static/")) is not None


@pytest.mark.parametrize("door", ["line_edit", "table_edit", "project_edit"])
def test_an_edit_form_shows_its_pdf_page(client, role_groups, sample, door):
    clerk = staff("clerk", CLERK, [sample.department])
    client.force_login(clerk)
    record = {"line_edit": sample.lines.exclude(source_bbox=None).first(),
              "table_edit": sample.tables.order_by("order").first(),
              "project_edit": sample.projects.first()}[door]
    if door == "project_edit":  # the parser does not place the sample's projects: as if a clerk had
        record.source_page = 30
        record.save(update_fields=["source_page"])
    page = record.pages[0] if door == "table_edit" else record.source_page
    html = client.get(reverse(f"disclosures:{door}", args=[record.pk])).content.decode()
    assert reverse("disclosures:page_image", args=[sample.pk, page]) in html
    assert 'class="full-size"' in html  # the image full size, in its own tab
    assert ('class="highlight"' in html) == (door == "line_edit")


@pytest.mark.parametrize("door, anchor", [("disclosures:table_edit", "table"),
                                          ("disclosures:project_edit", "project"),
                                          ("performance:indicator_edit", "indicator")])
def test_saving_returns_to_the_record_on_the_page(client, role_groups, sample, door, anchor):
    from performance.models import Indicator
    from tests.edit_forms import sent_back

    clerk = staff("clerk", CLERK, [sample.department])
    client.force_login(clerk)
    record = {"table": sample.tables.order_by("order").first(), "project": sample.projects.first(),
              "indicator": Indicator.objects.filter(target__disclosure=sample).first()}[anchor]
    assert f'id="{anchor}-{record.pk}"' in page_of(client, sample)  # the anchor is on the page
    url = reverse(door, args=[record.pk])
    data = sent_back(client.get(url), reason="与部门核对原文后更正")
    name = next(k for k in data if k.endswith("name") and data[k])
    data[name] = data[name] + "（更正）"
    response = client.post(url, data)
    assert response.status_code == 302
    assert response["Location"] == f"{sample.get_absolute_url()}#{anchor}-{record.pk}"


def test_one_amount_format_on_the_page_in_the_editors_and_in_the_history(client, role_groups):
    from tests.edit_forms import sent_back

    record = ingested(disclosure(tables=[table("expense_summary", [
        line("总计", row_type="total", total="12345.60"), line("一般公共服务支出", "201", total="12345.60")])]))
    client.force_login(staff("clerk", CLERK, [record.department]))
    target = record.lines.get(code="201")
    assert ">12,345.60<" in page_of(client, record)
    for url in (reverse("disclosures:line_edit", args=[target.pk]),
                reverse("disclosures:table_edit", args=[target.table_id])):
        assert 'value="12,345.60"' in client.get(url).content.decode()
    url = reverse("disclosures:line_edit", args=[target.pk])
    assert client.post(url, sent_back(client.get(url), amount_total="23456.70", reason="核对")).status_code == 302
    history = client.get(reverse("disclosures:history", args=[record.pk])).content.decode()
    assert "<del>12,345.60</del>" in history and "<ins>23,456.70</ins>" in history
    # the editor marks the cell changed and shows the parsed original in the same format
    assert "12,345.60</span>" in client.get(url).content.decode()


def test_an_unchanged_amount_spelled_with_separators_saves_nothing(client, role_groups):
    from tests.edit_forms import sent_back

    record = ingested(disclosure(tables=[table("expense_summary", [line("一般公共服务支出", "201", total="1234.50")])]))
    client.force_login(staff("clerk", CLERK, [record.department]))
    url = reverse("disclosures:line_edit", args=[record.lines.get().pk])
    response = client.post(url, sent_back(client.get(url), reason="核对"))
    assert response.status_code == 200 and "没有修改任何内容" in response.content.decode()
