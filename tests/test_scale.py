"""Pages whose cost does not grow with the data: the dashboard's pages and counts, capped list counts,
no list loading a disclosure's parsed original, the streaming CSV export (bench/pages.py times them)."""
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
    assert "'=HYPERLINK(1)" in chunks[2] and "合计 -5.00" in chunks[2]


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
