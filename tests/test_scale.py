"""Pages whose cost does not grow with the data: the dashboard's pages and counts, capped list counts,
no list loading a disclosure's parsed original, the streaming CSV export (bench/pages.py times them)."""
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from disclosures import paging, workflow
from disclosures.checks import run_checks
from disclosures.models import Disclosure, Finding
from disclosures.roles import CLERK, REVIEWER
from tests.builders import disclosure, indicator, ingested, line, project, staff, table, target

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("disclosures:dashboard")
LINES = reverse("disclosures:line_list")


def some(department, year, lines=3):
    return ingested(disclosure(department, year, tables=[
        table("expense_summary", [line(f"事项{i}", f"2010{i}", total=f"{i}.00") for i in range(lines)]),
    ], projects=[project("运维", "1.00")], targets=[target("运维", [indicator("完成率", weight=10)])]))


def queries(client, url, params=None):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return response, [q["sql"] for q in captured]


def shown_counts(client, record):
    """(open errors, warnings, infos) the dashboard shows for ``record``."""
    response = client.get(DASHBOARD)
    row = next(d for d in response.context["page"].object_list if d.pk == record.pk)
    return row.error_count, row.warning_count, row.info_count


def stored_counts(record):
    findings = Finding.objects.filter(disclosure=record)
    return (findings.filter(severity="error", overridden_by__isnull=True).count(),
            findings.filter(severity="warning").count(), findings.filter(severity="info").count())


def test_dashboard_counts_stay_right_through_checks_overrides_and_transitions(client, sample_parsed, sample_pdf):
    clerk, reviewer = staff("clerk", CLERK), staff("reviewer", REVIEWER)
    record = ingested(sample_parsed, user=clerk)
    record.department.members.add(clerk)
    client.force_login(reviewer)
    assert stored_counts(record)[0] > 0, "the sample has errors to pass"
    assert shown_counts(client, record) == stored_counts(record)
    workflow.perform(record, "submit", clerk, confirmed=True)
    error = Finding.objects.filter(disclosure=record, severity="error").first()
    workflow.override(error, reviewer, "与原文核对无误")
    assert shown_counts(client, record) == stored_counts(record)
    assert shown_counts(client, record)[0] == Finding.objects.filter(disclosure=record, severity="error").count() - 1
    run_checks(record)  # as after an edit: the override survives the rerun
    assert shown_counts(client, record) == stored_counts(record)
    workflow.perform(record, "send_back", reviewer, "请更正")
    assert shown_counts(client, record) == stored_counts(record)


def test_dashboard_is_paged_and_costs_the_same_queries_as_disclosures_grow(client):
    clerk = staff("clerk", CLERK)
    reviewer = staff("reviewer", REVIEWER)
    for year in (2024, 2025):
        some("财政局", year)
    Disclosure.objects.filter(fiscal_year=2024).update(status=Disclosure.Status.SUBMITTED, uploaded_by=clerk)
    client.force_login(reviewer)
    _, few = queries(client, DASHBOARD)
    for i in range(60):
        record = some(f"部门{i:02}", 2025)
        if i % 2:
            Disclosure.objects.filter(pk=record.pk).update(status=Disclosure.Status.SUBMITTED, uploaded_by=clerk)
    response, many = queries(client, DASHBOARD)
    assert len(few) == len(many)
    page = response.context["page"]
    assert page.paginator.count == 62 and len(page.object_list) == 50 and page.paginator.num_pages == 2
    assert response.context["awaiting_count"] == 31 and len(response.context["awaiting"]) == 20
    second = client.get(DASHBOARD, {"page": 2}).context["page"]
    assert len(second.object_list) == 12
    assert not {d.pk for d in page.object_list} & {d.pk for d in second.object_list}


def test_a_list_counts_only_up_to_the_cap_and_its_last_page_is_the_last_counted(client, monkeypatch):
    monkeypatch.setattr(paging, "COUNT_CAP", 20)
    client.force_login(staff("reviewer", REVIEWER))
    some("财政局", 2025, lines=30)
    response, first = queries(client, LINES, {"per_page": 10})
    assert response.context["table"].paginator.count == 20 and "共 20+ 条" in response.content.decode()
    response, last = queries(client, LINES, {"per_page": 10, "page": 10 ** 6})
    assert response.context["table"].page.number == 2 and len(first) == len(last)
    response = client.get(LINES, {"per_page": 10, "name": "事项1"})
    assert "共 11 条" in response.content.decode()  # under the cap: the exact count


@pytest.mark.parametrize("url", [
    DASHBOARD, LINES, reverse("disclosures:project_list"), reverse("disclosures:finding_list"),
    reverse("performance:indicator_list"),
    reverse("admin:disclosures_disclosure_changelist"), reverse("admin:disclosures_budgetline_changelist"),
    reverse("admin:disclosures_lineamount_changelist"), reverse("admin:disclosures_project_changelist"),
    reverse("admin:performance_indicator_changelist"), reverse("admin:performance_performancetarget_changelist"),
    reverse("admin:disclosures_finding_changelist"), reverse("admin:disclosures_budgettable_changelist"),
    reverse("admin:disclosures_department_changelist"),
])
def test_no_list_loads_a_disclosures_parsed_original_or_counts_its_records_table(admin_client, url):
    some("财政局", 2025)
    _, sql = queries(admin_client, url)
    assert not [q for q in sql if '"disclosures_disclosure"."parsed"' in q]
    counted = [q.split(" WHERE ")[0] for q in sql if q.startswith("SELECT COUNT(*)") and "LIMIT" not in q]
    assert not [q for q in counted if not q.endswith(('"disclosures_disclosure"', '"disclosures_department"'))]


def test_the_csv_export_streams_with_its_byte_order_mark_and_escaping(client):
    client.force_login(staff("reviewer", REVIEWER))
    ingested(disclosure("财政局", 2025, tables=[
        table("expense_summary", [line("=HYPERLINK(1)", "201", total="-5.00"), line("教育", "205", total="1.00")]),
    ]))
    response = client.get(LINES, {"code": "201", "_export": "csv"})
    assert response.streaming and response["Content-Disposition"] == 'attachment; filename="budget-lines.csv"'
    chunks = [chunk.decode() for chunk in response.streaming_content]
    assert chunks[0] == "\ufeff" and len(chunks) == 3  # the mark, the header, one row
    assert "'=HYPERLINK(1)" in chunks[2] and chunks[1].rstrip().endswith(",合计") and chunks[2].rstrip().endswith(",-5.00")


def test_choice_filters_offer_every_distinct_value_read_through_the_index(admin_client):
    from disclosures.distinct import distinct_values
    from performance.models import Indicator

    ingested(disclosure("财政局", 2025, targets=[target("运维", [
        indicator("完成率", level1="产出指标", level2="数量指标"), indicator("满意度", level1="满意度指标", level2=""),
        indicator("时效", level1="产出指标", level2="时效指标")])]))
    assert distinct_values(Indicator.objects.all(), "level1") == ["产出指标", "满意度指标"]
    assert distinct_values(Indicator.objects.all(), "level2") == ["数量指标", "时效指标"]
    assert distinct_values(Indicator.objects.filter(name="时效"), "level2") == ["时效指标"]
    page = admin_client.get(reverse("admin:performance_indicator_changelist")).content.decode()
    assert "?level1=%E6%BB%A1%E6%84%8F%E5%BA%A6%E6%8C%87%E6%A0%87" in page  # 满意度指标 offered as a filter


def plan(queryset):
    """``queryset``'s query plan; on PostgreSQL with sequential scans off, since a test's tables are tiny."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
    return queryset.explain()


def listed_names(client, params):
    return [row.record.name for row in client.get(LINES, {"per_page": 100, **params}).context["table"].page.object_list]


def test_lines_sort_by_their_total_amount_read_in_order_from_an_index(client):
    from disclosures.models import BudgetLine

    client.force_login(staff("reviewer", REVIEWER))
    totals = {"教育": "30.00", "卫生": "-5.00", "交通": "100.50", "农业": "7.00", "科技": "7.00", "文化": "0.10"}
    ingested(disclosure("财政局", 2025, tables=[
        table("expense_summary", [line(name, "201", total=total, basic="1.00") for name, total in totals.items()]),
    ]))
    by_amount = sorted(totals, key=lambda name: Decimal(totals[name]))  # ties in record (= insertion) order
    assert listed_names(client, {"sort": "amounts"}) == by_amount
    assert listed_names(client, {"sort": "-amounts"}) == by_amount[::-1]  # ties too: the sort is by (amount, pk)
    with connection.cursor() as cursor:
        indexes = connection.introspection.get_constraints(cursor, BudgetLine._meta.db_table)
    assert indexes["line_total_sort"]["columns"] == ["total_amount", "id"]
    assert "line_total_sort" in plan(BudgetLine.objects.order_by("total_amount", "pk")[:100])


def test_a_lines_total_amount_follows_its_total_cell_through_every_write():
    from disclosures.models import BudgetLine, LineAmount

    record = ingested(disclosure("财政局", 2025, tables=[
        table("expense_summary", [line("教育", "205", total="5.00", basic="2.00"), line("其他", "229", basic="1.00")]),
    ]))
    education, other = (BudgetLine.objects.get(disclosure=record, name=name) for name in ("教育", "其他"))
    assert (education.total_amount, other.total_amount) == (Decimal("5.00"), None)

    def total(line):
        return BudgetLine.objects.get(pk=line.pk).total_amount

    cell = LineAmount.objects.get(line=education, column="total")
    cell.printed = "9.50"
    cell.save()
    assert total(education) == Decimal("9.50")
    education.name = "教育支出"  # an instance read before the cell changed
    education.save()
    assert total(education) == Decimal("9.50")
    LineAmount.objects.get(line=education, column="basic").delete()
    assert total(education) == Decimal("9.50")
    cell.column = "basic"
    cell.save()
    assert total(education) is None
    LineAmount(line=other, column="total", printed="3.25").save()
    assert total(other) == Decimal("3.25")
    LineAmount.objects.filter(line=other, column="total").delete()
    assert total(other) is None
    LineAmount(line=other, column="total", printed="4.00").save()
    with CaptureQueriesContext(connection) as captured:
        record.delete()  # the cells go with their lines: nothing to copy
    assert not [q["sql"] for q in captured if q["sql"].startswith('UPDATE "disclosures_budgetline"')]
    assert not BudgetLine.objects.exists()


@pytest.mark.parametrize("query", ["运行", "行", "育", "行政运", "经费"])
def test_one_and_two_character_name_searches_find_every_name_containing_them(client, query):
    from disclosures.models import BudgetLine

    client.force_login(staff("reviewer", REVIEWER))
    names = ["运行经费", "行政运行", "教育支出", "其他运输", "行经"]  # 其他运输 and 行经 hold 运 or 行, not 运行
    ingested(disclosure("财政局", 2025, tables=[
        table("expense_summary", [line(name, "201", total="1.00") for name in names]),
    ]))
    assert sorted(listed_names(client, {"name": query})) == sorted(n for n in names if query in n)
    if connection.vendor == "postgresql" and len(query) <= 2:
        from disclosures.short_search import contains

        assert "line_name_grams" in plan(contains(BudgetLine.objects.order_by(), "name", query))


@pytest.mark.parametrize("query", ["运行", "行", "运行经费", "职责"])
def test_the_site_search_finds_the_records_containing_the_query_through_indexes(query):
    from disclosures import search
    from disclosures.models import BudgetLine, Department, Project, Section

    reviewer = staff("reviewer", REVIEWER)
    names = ["运行经费", "行政运行", "教育支出", "其他运输", "行经"]
    record = ingested(disclosure("运行保障局", 2025, tables=[
        table("expense_summary", [line(name, "201", project=name[::-1], total="1.00") for name in names]),
    ], projects=[project(name, "1.00", unit=name[::-1]) for name in names]))
    disclosure("教育局", 2025)
    for order, (heading, text) in enumerate([("部门职责", "负责运行保障"), ("机构设置", "行政运行经费"), ("其他", "无")]):
        Section.objects.create(disclosure=record, order=order, heading=heading, text=text)
    fields = {  # model, fields searched, the indexes for 3+ characters and for 1–2 (none: its table is read)
        "department": (Department, ("name",), ["department_name_trgm"], None),
        "section": (Section, ("heading", "text"), ["section_heading_trgm", "section_text_trgm"], None),
        "project": (Project, ("name", "unit_name"), ["project_name_trgm", "project_unit_name_trgm"],
                    ["project_name_grams", "project_unit_name_grams"]),
        "line": (BudgetLine, ("name", "project"), ["budgetline_name_trgm", "budgetline_project_trgm"],
                 ["line_name_grams", "line_project_grams"]),
    }
    kinds = {kind.key: kind for kind in search.kinds()}
    for key, (model, names, trigram, grams) in fields.items():
        found = search.matches(kinds[key], reviewer, query)
        expected = [obj.pk for obj in model.objects.order_by("pk")
                    if any(query in getattr(obj, name) for name in names)]
        assert [obj.pk for obj in found] == expected, key
        indexes = trigram if len(query) >= 3 else grams
        if connection.vendor == "postgresql" and indexes:
            with connection.cursor() as cursor:  # only bitmap scans: any index used is one the filter asks
                cursor.execute("SET LOCAL enable_indexscan = off")
            explained = plan(found.order_by())
            assert all(f"Bitmap Index Scan on {index}" in explained for index in indexes), (key, explained)


@pytest.mark.parametrize("query", ["运行", "行", "20", "行政运", "本级 运行"])
def test_the_admin_line_search_finds_each_word_in_some_field_through_indexes(admin_client, query):
    """Every word in one of code, name, project, unit (as Django's admin searches); on PostgreSQL each field
    is asked through an index: trigrams from three characters, grams below."""
    from django.contrib.admin.sites import site

    from disclosures.models import BudgetLine

    rows = [("运行经费", "201", "", ""), ("教育支出", "205", "行政运行", ""), ("其他", "2080", "", "财政局本级"),
            ("其他运输", "213", "", "本级行经")]
    ingested(disclosure("财政局", 2025, tables=[
        table("expense_summary", [line(name, code, project=proj, unit=unit, total="1.00")
                                  for name, code, proj, unit in rows]),
    ]))
    response = admin_client.get(reverse("admin:disclosures_budgetline_changelist"), {"q": query})
    assert response.status_code == 200
    listed = sorted(line.name for line in response.context["cl"].result_list)
    words = query.split()
    assert listed == sorted(name for name, *others in rows
                            if all(any(word in text for text in (name, *others)) for word in words))
    if connection.vendor == "postgresql":
        admin = site._registry[BudgetLine]
        found, _ = admin.get_search_results(None, BudgetLine.objects.order_by(), query)
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
        explained = plan(found)
        for word in words:
            suffix = "trgm" if len(word) >= 3 else "grams"
            names = ("budgetline_{}_trgm" if suffix == "trgm" else "line_{}_grams").format
            for field in ("code", "name", "project", "unit_name"):
                assert f"Bitmap Index Scan on {names(field)}" in explained, (word, field, explained)
