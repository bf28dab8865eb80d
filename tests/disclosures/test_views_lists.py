"""The budget line, project and finding lists: filters, sorting, pages, exports, scoping, constant queries."""
import csv
import io

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from disclosures.checks.registry import REGISTRY
from disclosures.models import BudgetLine, Disclosure, Finding
from disclosures.roles import CLERK, REVIEWER
from tests.builders import disclosure, finding, ingested, line, project, staff, table

pytestmark = pytest.mark.django_db

LINES = reverse("disclosures:line_list")
PROJECTS = reverse("disclosures:project_list")
FINDINGS = reverse("disclosures:finding_list")
RULE, OTHER_RULE = sorted(REGISTRY)[:2]


@pytest.fixture
def finance():
    """财政局 2025: an expense summary and a project table grouped by unit; and its 2024 budget."""
    current = ingested(disclosure("财政局", 2025, tables=[
        table("expense_summary", [
            line("总计", row_type="total", total="300.00", basic="50.00", page=5),
            line("一般公共服务支出", "201", total="200.00", basic="50.00", page=5),
            line("人大事务", "20101", total="120.00", page=5),
            line("教育支出", "205", total="100.00", page=6),
        ]),
        table("general_budget_project_expense", [
            line("财政局本级", row_type="unit", unit="财政局本级", total="80.00"),
            line("行政运行", "2010101", unit="财政局本级", project="信息化运维", total="80.00", page=9),
        ]),
    ], projects=[project("信息化运维", "80.00", unit="财政局本级", page=20),
                 project("票据管理", "5.50", unit="票据中心", page=21)]))
    ingested(disclosure("财政局", 2024, tables=[
        table("expense_summary", [line("一般公共服务支出", "201", total="150.00", page=4)]),
    ], projects=[project("信息化运维", "60.00", unit="财政局本级", page=19)]))
    return current.department


@pytest.fixture
def education():
    return ingested(disclosure("教育局", 2025, tables=[
        table("general_budget_expense", [line("教育支出", "205", total="999.00", page=7)]),
    ], projects=[project("校舍维修", "300.00", unit="第一中学", page=15)])).department


@pytest.fixture
def reviewer(client, finance, education):
    user = staff("reviewer", REVIEWER)
    client.force_login(user)
    return user


def rows(response):
    return [row.record for row in response.context["table"].paginated_rows]


def described(response):
    """(department, year, code or name) of each listed line."""
    return {(r.disclosure.department.name, r.disclosure.fiscal_year, r.code or r.name) for r in rows(response)}


def get_lines(client, **params):
    response = client.get(LINES, {"per_page": 100, **params})
    assert response.status_code == 200
    return response


@pytest.mark.parametrize("params, expected", [
    ({"year": 2024}, {("财政局", 2024, "201")}),
    ({"table_kind": "general_budget_expense"}, {("教育局", 2025, "205")}),
    ({"unit": "本级"}, {("财政局", 2025, "财政局本级"), ("财政局", 2025, "2010101")}),
    ({"code": "201", "year": 2025}, {("财政局", 2025, "201"), ("财政局", 2025, "20101"), ("财政局", 2025, "2010101")}),
    ({"code_level": 2}, {("财政局", 2025, "20101")}),
    ({"name": "教育"}, {("财政局", 2025, "205"), ("教育局", 2025, "205")}),
    ({"amount_min": "150", "amount_max": "250"}, {("财政局", 2025, "201"), ("财政局", 2024, "201")}),
    ({"amount_min": "40", "amount_max": "60", "amount_column": "basic"}, {("财政局", 2025, "总计"), ("财政局", 2025, "201")}),
    ({"amount_min": "40", "amount_max": "60", "amount_column": "total"}, set()),
    ({"amount_min": "150", "amount_max": "250", "amount_column": "total"}, {("财政局", 2025, "201"), ("财政局", 2024, "201")}),
    ({"amount_max": "100", "amount_column": "total"},
     {("财政局", 2025, "205"), ("财政局", 2025, "财政局本级"), ("财政局", 2025, "2010101")}),
    ({"amount_min": "900"}, {("教育局", 2025, "205")}),
])
def test_each_line_filter_narrows_the_list(client, reviewer, params, expected):
    assert described(get_lines(client, **params)) == expected


def test_department_filter(client, reviewer, education):
    assert described(get_lines(client, department=education.pk)) == {("教育局", 2025, "205")}


def test_only_current_versions_unless_asked(client, reviewer):
    ingested(disclosure("教育局", 2025, tables=[
        table("general_budget_expense", [line("教育支出", "205", total="1000.00")]),
    ]))
    params = {"name": "教育", "table_kind": "general_budget_expense"}
    assert [amount.printed for r in rows(get_lines(client, **params)) for amount in r.amounts.all()] == ["1000.00"]
    both = rows(get_lines(client, all_versions="on", **params))
    assert sorted(r.disclosure.version for r in both) == [1, 2]


def test_a_line_shows_its_amounts_page_and_link_to_its_disclosure(client, reviewer):
    page = get_lines(client, code="201", year=2025, code_level=1).content.decode()
    found = BudgetLine.objects.get(code="201", disclosure__fiscal_year=2025)
    assert f'?line={found.pk}#line-{found.pk}"' in page
    assert "合计 200.00 · 基本支出 50.00" in page
    assert ">5</td>" in page


def test_amounts_are_grouped_by_thousands(client, reviewer):
    ingested(disclosure("审计局", 2025, tables=[table("expense_summary", [line("总计", total="30963.77")])]))
    assert "合计 30,963.77" in get_lines(client, name="总计").content.decode()


def test_sorting_by_code_both_ways(client, reviewer):
    codes = [r.code for r in rows(get_lines(client, year=2025, sort="code")) if r.code]
    assert codes == sorted(codes)
    codes = [r.code for r in rows(get_lines(client, year=2025, sort="-code")) if r.code]
    assert codes == sorted(codes, reverse=True)


@pytest.fixture
def many_lines(finance):
    ingested(disclosure("统计局", 2025, tables=[
        table("expense_summary", [line(f"事项{i:03}", total=f"{i}.00", page=1 + i // 20) for i in range(130)]),
    ], projects=[project(f"项目{i:03}", f"{i}.00") for i in range(130)]))


def test_pages_of_25_by_default_and_the_size_can_be_chosen(client, reviewer, many_lines):
    response = client.get(LINES, {"name": "事项"})
    assert len(rows(response)) == 25 and response.context["table"].paginator.count == 130
    assert len(rows(client.get(LINES, {"name": "事项", "per_page": 50}))) == 50
    last = client.get(LINES, {"name": "事项", "per_page": 100, "page": 2})
    assert [r.name for r in rows(last)] == [f"事项{i:03}" for i in range(100, 130)]


def test_page_size_is_capped(client, reviewer, many_lines):
    assert len(rows(client.get(LINES, {"name": "事项", "per_page": 100000}))) == 100


def count_queries(client, url, **params):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("url", [LINES, PROJECTS])
def test_a_page_costs_the_same_queries_whatever_its_size(client, reviewer, many_lines, url):
    count_queries(client, url)
    small, large = count_queries(client, url, per_page=10), count_queries(client, url, per_page=100)
    assert small == large


def exported_csv(client, url, **params):
    response = client.get(url, {**params, "_export": "csv"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))


def exported_xlsx(client, url, **params):
    response = client.get(url, {**params, "_export": "xlsx"})
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    return [[cell for cell in row] for row in sheet.iter_rows(values_only=True)]


def test_csv_export_honours_the_filters(client, reviewer):
    header, *body = exported_csv(client, LINES, name="教育")
    total = header.index("合计")
    assert header[:4] == ["部门", "年度", "类型", "表"]
    assert sorted((row[0], row[total]) for row in body) == [("教育局", "999.00"), ("财政局", "100.00")]
    assert {row[3] for row in body} == {"表3 部门支出总体情况表", "表5 一般公共预算支出情况表"}


def test_csv_export_is_not_paginated(client, reviewer, many_lines):
    assert len(exported_csv(client, LINES, name="事项", per_page=10)) == 1 + 130


def test_xlsx_export_honours_the_filters(client, reviewer):
    header, *body = exported_xlsx(client, LINES, year=2024)
    assert header[:2] == ["部门", "年度"]
    assert [(row[1], row[0], row[header.index("编码")]) for row in body] == [(2024, "财政局", "201")]


def test_exports_keep_the_sort(client, reviewer):
    header, *body = exported_csv(client, LINES, year=2025, sort="-code")
    codes = [row[header.index("编码")] for row in body if row[header.index("编码")]]
    assert codes == sorted(codes, reverse=True)


@pytest.mark.parametrize("params, expected", [
    ({"year": 2024}, ["信息化运维"]),
    ({"unit": "中学"}, ["校舍维修"]),
    ({"name": "票据"}, ["票据管理"]),
    ({"amount_min": "50", "amount_max": "100"}, ["信息化运维", "信息化运维"]),
    ({"amount_max": "10"}, ["票据管理"]),
])
def test_each_project_filter_narrows_the_list(client, reviewer, params, expected):
    assert sorted(p.name for p in rows(client.get(PROJECTS, params))) == expected


def test_project_department_filter_and_link_to_its_page(client, reviewer, education):
    response = client.get(PROJECTS, {"department": education.pk})
    (found,) = rows(response)
    assert found.name == "校舍维修"
    assert f'{reverse("disclosures:disclosure", args=[found.disclosure_id])}?page=15"' in response.content.decode()


def test_project_exports(client, reviewer):
    header, *body = exported_csv(client, PROJECTS, name="运维", sort="year")
    assert [(row[0], row[header.index("预算安排规模")]) for row in body] == [("2024", "60.00"), ("2025", "80.00")]
    header, *body = exported_xlsx(client, PROJECTS, department="")
    assert len(body) == 4
    amounts = sorted(row[header.index("预算安排规模")] for row in body)
    assert all(isinstance(amount, int | float) for amount in amounts) and amounts[-2:] == [80, 300]


@pytest.fixture
def finance_clerk(client, finance, education):
    user = staff("clerk", CLERK, [finance])
    client.force_login(user)
    return user


@pytest.mark.parametrize("url", [LINES, PROJECTS])
def test_a_clerk_sees_only_their_departments_rows(client, finance_clerk, url):
    response = client.get(url, {"per_page": 100})
    assert {r.disclosure.department.name for r in rows(response)} == {"财政局"}
    assert "教育局" not in response.content.decode()
    column = 0 if url == LINES else 1  # the line export leads with the department
    assert {row[column] for row in exported_csv(client, url)[1:]} == {"财政局"}
    assert {row[column] for row in exported_xlsx(client, url)[1:]} == {"财政局"}


@pytest.mark.parametrize("url", [LINES, PROJECTS])
def test_a_clerk_cannot_filter_by_another_department(client, finance_clerk, education, url):
    assert rows(client.get(url, {"department": education.pk})) == []
    assert exported_csv(client, url, department=education.pk)[1:] == []


@pytest.mark.parametrize("url", [LINES, PROJECTS, FINDINGS, LINES + "?_export=csv"])
def test_anonymous_users_go_to_the_login_page(client, finance, url):
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_non_staff_users_are_refused(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("visitor"))
    assert client.get(LINES).status_code == 403


@pytest.fixture
def findings(finance, education, django_user_model):
    """An error on 财政局 2025's line 201 (overridden), a warning on its table, an error at 教育局;
    none of the findings the checks made on ingest."""
    Finding.objects.all().delete()
    current = Disclosure.objects.get(department=finance, fiscal_year=2025)
    reviewer = django_user_model.objects.create_user("老审核", first_name="王审核")
    finding(current, RULE, lines=current.lines.filter(code="201"), expected="200", actual="210.5",
            difference="10.5", overridden_by=reviewer, override_reason="尾差可接受")
    finding(current, OTHER_RULE, severity="warning", message="表内不平", table=current.tables.get(number=3))
    finding(education.disclosures.get(), RULE, message="教育局差额")
    return current


def messages(client, **params):
    return sorted(f.message for f in rows(client.get(FINDINGS, {"per_page": 100, **params})))


@pytest.mark.parametrize("params, expected", [
    ({"severity": "warning"}, ["表内不平"]),
    ({"rule": OTHER_RULE}, ["表内不平"]),
    ({"overridden": "true"}, [f"{RULE} 不符"]),
    ({"overridden": "false"}, ["教育局差额", "表内不平"]),
    ({"year": 2024}, []),
])
def test_each_finding_filter_narrows_the_list(client, reviewer, findings, params, expected):
    assert messages(client, **params) == expected


def test_finding_filters_by_department_and_disclosure(client, reviewer, findings, education):
    assert messages(client, department=education.pk) == ["教育局差额"]
    assert messages(client, disclosure=findings.pk) == [f"{RULE} 不符", "表内不平"]


def test_a_finding_shows_its_lines_pages_amounts_and_who_let_it_pass(client, reviewer, findings):
    page = client.get(FINDINGS, {"rule": RULE, "department": findings.department_id}).content.decode()
    found = findings.findings.get(rule=RULE)
    line_201 = findings.lines.get(code="201")
    assert f'?line={line_201.pk}#finding-{found.pk}"' in page
    assert f'?line={line_201.pk}#line-{line_201.pk}"' in page and "201 一般公共服务支出" in page
    assert ">200<" in page and ">210.5<" in page and ">10.5<" in page
    assert "王审核：尾差可接受" in page and ">5</td>" in page


def test_a_table_finding_links_to_the_tables_page(client, reviewer, findings):
    found = findings.findings.get(rule=OTHER_RULE)
    assert f'?page=1#finding-{found.pk}"' in client.get(FINDINGS, {"rule": OTHER_RULE}).content.decode()


def test_findings_of_earlier_versions_are_not_listed(client, reviewer, findings, education):
    ingested(disclosure("教育局", 2025))
    assert "教育局差额" not in messages(client)


def test_finding_export_honours_the_filters(client, reviewer, findings):
    header, *body = exported_csv(client, FINDINGS, severity="error")
    columns = [header.index(name) for name in ("部门", "级别", "相关行", "差额")]
    assert sorted([row[i] for i in columns] for row in body) == [
        ["教育局", "错误", "", ""], ["财政局", "错误", "201 一般公共服务支出", "10.5"]]
    header, *body = exported_xlsx(client, FINDINGS, rule=OTHER_RULE)
    assert [row[header.index("说明")] for row in body] == ["表内不平"]
    header, *body = exported_xlsx(client, FINDINGS, severity="error")
    assert sorted(row[header.index("差额")] for row in body if row[header.index("差额")] is not None) == [10.5]


def test_a_finding_page_costs_the_same_queries_whatever_its_size(client, reviewer, findings):
    lines = list(findings.lines.all()[:3])
    for i in range(120):
        finding(findings, RULE, message=f"发现{i:03}", lines=lines)
    count_queries(client, FINDINGS)
    assert count_queries(client, FINDINGS, per_page=10) == count_queries(client, FINDINGS, per_page=100)


def test_a_clerk_sees_only_their_departments_findings(client, finance_clerk, findings, education):
    response = client.get(FINDINGS)
    assert sorted(f.message for f in rows(response)) == [f"{RULE} 不符", "表内不平"]
    choices = [label for _, label in response.context["filter"].form.fields["disclosure"].choices]
    assert not any("教育局" in str(label) for label in choices)
    assert rows(client.get(FINDINGS, {"disclosure": education.disclosures.get().pk})) == []
    assert {row[1] for row in exported_csv(client, FINDINGS)[1:]} == {"财政局"}
