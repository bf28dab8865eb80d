"""Admin exports of lines, projects, performance targets and indicators: Chinese headers, amounts as numbers."""
import csv
import io
from decimal import Decimal

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from disclosures.resources import BudgetLineResource, ProjectResource
from performance.resources import IndicatorResource, PerformanceTargetResource
from tests.builders import disclosure, indicator, ingested, line, project, table, target

pytestmark = pytest.mark.django_db

CSV, XLSX = 0, 1


@pytest.fixture
def records():
    goal = target("信息化运维", [indicator("机柜托管", target="≥95", weight=10.5),
                             indicator("故障处理时长", target="≤2小时", weight=5)], page=30)
    goal["funds"] = {"total": "1080.00", "fiscal": "1000.00", "other": "80.00"}
    goal["indicators"][0]["target_value"] = "95"
    return ingested(disclosure("财政局", 2025, kind="final_accounts", projects=[
        project("信息化运维", "1234.50", unit="财政局本级", page=20)], targets=[goal]))


@pytest.fixture
def admin(client, records):
    client.force_login(get_user_model().objects.create_superuser("admin", "a@example.com", "pw"))
    return client


def exported(client, model, resource_class, fmt):
    """Every column of the admin export of ``model`` ("app_model"), as dicts of CSV text or XLSX cells."""
    prefix = resource_class.__name__.lower()
    data = {"format": str(fmt), "resource": "0",
            **{f"{prefix}_{name}": "on" for name in resource_class._meta.export_order}}
    response = client.post(reverse(f"admin:{model}_export"), data)
    assert response.status_code == 200, response.content.decode()[:500]
    if fmt == CSV:
        header, *body = csv.reader(io.StringIO(response.content.decode("utf-8-sig")))
    else:
        header, *body = openpyxl.load_workbook(io.BytesIO(response.content)).active.iter_rows()
        header = [cell.value for cell in header]
    return header, [dict(zip(header, row, strict=True)) for row in body]


def assert_number(cell, expected):
    assert (cell.data_type, cell.number_format) == ("n", "#,##0.00")
    assert Decimal(str(cell.value)) == Decimal(expected)


def test_project_amount_is_a_number_with_its_unit(admin):
    header, [row] = exported(admin, "disclosures_project", ProjectResource, CSV)
    assert header[:4] == ["部门", "年度", "类型", "版本"]
    assert (row["类型"], row["金额单位"], row["预算安排规模"]) == ("决算", "万元", "1234.50")
    _, [row] = exported(admin, "disclosures_project", ProjectResource, XLSX)
    assert_number(row["预算安排规模"], "1234.50")
    assert row["年度"].value == 2025


def test_target_funds_are_numeric_columns_headed_with_their_labels(admin):
    header, [row] = exported(admin, "performance_performancetarget", PerformanceTargetResource, CSV)
    assert {"年度资金总额", "财政拨款", "其他资金", "金额单位"} <= set(header)
    assert (row["年度资金总额"], row["财政拨款"], row["其他资金"], row["上级安排"]) == ("1080.00", "1000.00", "80.00", "")
    assert (row["范围"], row["指标数"]) == ("项目支出", "2")
    _, [row] = exported(admin, "performance_performancetarget", PerformanceTargetResource, XLSX)
    assert_number(row["年度资金总额"], "1080.00")
    assert row["上级安排"].value is None


def test_indicator_numbers_are_numbers_and_texts_stay_texts(admin):
    _, rows = exported(admin, "performance_indicator", IndicatorResource, XLSX)
    by_name = {row["三级指标"].value: row for row in rows}
    assert_number(by_name["机柜托管"]["目标数值"], "95")
    assert_number(by_name["机柜托管"]["分值权重"], "10.50")
    assert by_name["故障处理时长"]["指标值"].value == "≤2小时"


@pytest.mark.parametrize("model, resource_class", [
    ("disclosures_project", ProjectResource),
    ("performance_performancetarget", PerformanceTargetResource),
    ("performance_indicator", IndicatorResource),
])
def test_no_internal_keys_in_headers_or_cells(admin, model, resource_class):
    header, rows = exported(admin, model, resource_class, CSV)
    cells = set(header) | {cell for row in rows for cell in row.values()}
    assert not cells & {"id", "order", "funds", "total", "fiscal", "project", "budget", "final_accounts", "scope"}
    assert all(any("\u4e00" <= ch <= "\u9fff" for ch in title) for title in header)  # every header is Chinese


def test_admin_line_export_has_the_review_lists_numeric_amount_columns(admin):
    ingested(disclosure("教育局", 2025, tables=[table("expense_summary", [
        line("教育支出", "205", total="1234.50", basic="-5.00", page=7)])]))
    header, [row] = exported(admin, "disclosures_budgetline", BudgetLineResource, CSV)
    assert header[:14] == ["部门", "年度", "类型", "版本", "表", "表类型", "编码", "级次", "名称", "单位", "项目",
                           "行类型", "页码", "金额单位"]
    assert (row["表类型"], row["编码"], row["级次"], row["合计"], row["基本支出"], row["项目支出"]) == (
        "部门支出总体情况表", "205", "1", "1234.50", "-5.00", "")
    _, [row] = exported(admin, "disclosures_budgetline", BudgetLineResource, XLSX)
    assert_number(row["合计"], "1234.50")
