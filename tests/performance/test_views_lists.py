"""The indicator list: filters, sorting, pages, exports, scoping, constant queries."""
import csv
import io

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from disclosures.roles import CLERK, REVIEWER
from tests.builders import disclosure, indicator, ingested, staff, target

pytestmark = pytest.mark.django_db

INDICATORS = reverse("performance:indicator_list")


@pytest.fixture
def finance():
    ingested(disclosure("财政局", 2024, targets=[
        target("政务云运维", [indicator("机柜托管", target="＞=300个", comparator=">=", weight=6, page=25)]),
    ]))
    return ingested(disclosure("财政局", 2025, targets=[
        target("政务云运维", [
            indicator("机柜托管", target="＞=300个", comparator=">=", weight=6, page=25),
            indicator("故障处理时长", level2="时效指标", target="≤2小时", comparator="<=", weight=4, page=25),
            indicator("用户满意度", level1="满意度指标", level2="服务对象满意度指标", target="≥90%",
                      comparator=">=", page=26),
        ], page=25),
        target("", [indicator("部门预算执行率", level1="效益指标", level2="经济效益指标", target="=100%",
                              comparator="=", page=30)], scope="department", unit="财政局"),
    ])).department


@pytest.fixture
def education():
    return ingested(disclosure("教育局", 2025, targets=[
        target("校舍维修", [indicator("维修面积", target="2000平方米", page=12)], page=12),
    ])).department


@pytest.fixture
def reviewer(client, finance, education):
    client.force_login(staff("reviewer", REVIEWER))


def listed(client, **params):
    response = client.get(INDICATORS, {"per_page": 100, **params})
    assert response.status_code == 200
    return [(row.record.target.disclosure.fiscal_year, row.record.name)
            for row in response.context["table"].paginated_rows]


@pytest.mark.parametrize("params, expected", [
    ({"year": 2024}, [(2024, "机柜托管")]),
    ({"project": "维修"}, [(2025, "维修面积")]),
    ({"level1": "满意度指标"}, [(2025, "用户满意度")]),
    ({"level2": "时效指标"}, [(2025, "故障处理时长")]),
    ({"comparator": "<="}, [(2025, "故障处理时长")]),
    ({"comparator": "=", "year": 2025}, [(2025, "部门预算执行率")]),
    ({"name": "满意"}, [(2025, "用户满意度")]),
])
def test_each_indicator_filter_narrows_the_list(client, reviewer, params, expected):
    assert listed(client, **params) == expected


def test_department_filter(client, reviewer, education):
    assert listed(client, department=education.pk) == [(2025, "维修面积")]


def test_level_choices_are_the_values_on_record(client, reviewer):
    form = client.get(INDICATORS).context["filter"].form
    values = [value for value, _ in form.fields["level1"].choices]
    assert values[0] == "" and sorted(values[1:]) == sorted(["产出指标", "效益指标", "满意度指标"])


def test_sorting_by_weight(client, reviewer, finance):
    params = {"department": finance.pk, "year": 2025, "level1": "产出指标"}
    assert listed(client, sort="weight", **params) == [(2025, "故障处理时长"), (2025, "机柜托管")]
    assert listed(client, sort="-weight", **params) == [(2025, "机柜托管"), (2025, "故障处理时长")]


def test_an_indicator_links_to_its_disclosure_page(client, reviewer, education):
    page = client.get(INDICATORS, {"department": education.pk}).content.decode()
    disclosure_id = education.disclosures.get().pk
    assert f'{reverse("disclosures:disclosure", args=[disclosure_id])}?page=12"' in page


def test_paginated_and_constant_queries(client, reviewer):
    ingested(disclosure("统计局", 2025, targets=[
        target("统计调查", [indicator(f"指标{i:03}") for i in range(120)]),
    ]))
    response = client.get(INDICATORS, {"project": "统计", "page": 5})
    assert len(response.context["table"].paginated_rows) == 20

    def queries(per_page):
        with CaptureQueriesContext(connection) as captured:
            client.get(INDICATORS, {"per_page": per_page})
        return len(captured)

    assert queries(10) == queries(100)


def test_exports_honour_the_filters(client, reviewer):
    response = client.get(INDICATORS, {"year": 2025, "level1": "产出指标", "_export": "csv"})
    header, *body = csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig")))
    assert header[0:2] == ["年度", "部门"]
    assert sorted(row[header.index("三级指标")] for row in body) == ["故障处理时长", "机柜托管", "维修面积"]
    response = client.get(INDICATORS, {"comparator": "<=", "_export": "xlsx"})
    header, *body = openpyxl.load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True)
    assert [(row[0], row[header.index("指标值")]) for row in body] == [(2025, "≤2小时")]


def test_a_clerk_sees_only_their_departments_indicators(client, finance, education):
    client.force_login(staff("clerk", CLERK, [education]))
    assert listed(client) == [(2025, "维修面积")]
    assert listed(client, department=finance.pk) == []
    response = client.get(INDICATORS, {"_export": "csv"})
    body = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))[1:]
    assert [row[1] for row in body] == ["教育局"]


def test_anonymous_users_go_to_the_login_page(client):
    response = client.get(INDICATORS)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
