"""The review report (审核意见): printable page and XLSX of a disclosure's findings, behind the access rule."""
import io
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from disclosures.models import BudgetLine, Finding
from disclosures.report import amount_text
from disclosures.roles import CLERK, REVIEWER
from tests.builders import disclosure, finding, ingested, line, staff, table

pytestmark = pytest.mark.django_db


@pytest.fixture
def record():
    saved = ingested(disclosure("财政局", 2025, tables=[table("general_budget_expense", [
        line("行政运行", "2010101", total="1234567.80", page=7),
    ], pages=(7,))]))
    Finding.objects.filter(disclosure=saved).delete()
    return saved


@pytest.fixture
def findings(record):
    reviewer = staff("reviewer", REVIEWER)
    row = BudgetLine.objects.get(disclosure=record, code="2010101")
    error = finding(record, "R01", message="合计不等于各项之和", lines=[row], table=row.table,
                    expected=Decimal("1234567.8000"), actual=Decimal("1234000.0000"), difference=Decimal("567.8000"))
    Finding.objects.filter(pk=error.pk).update(overridden_by=reviewer, override_reason="原文如此，已核实",
                                               overridden_at=timezone.now())
    warning = finding(record, "R02", severity="warning", message="项目支出比例偏高", difference=Decimal("0.1250"))
    return error, warning


def report(client, record, **params):
    return client.get(reverse("disclosures:report", args=[record.pk]), params)


def test_the_page_shows_the_facts_and_each_finding_with_its_amounts_page_and_override(client, record, findings):
    client.force_login(staff("clerk", CLERK, [record.department]))
    response = report(client, record)
    assert response.status_code == 200
    page = response.content.decode()
    for text in ("财政局", "2025", "部门预算", record.get_status_display(), "R01", "合计不等于各项之和",
                 "R02", "项目支出比例偏高", "1,234,567.80", "1,234,000.00", "567.80", "0.125",
                 "原文如此，已核实", "第7页", "@media print"):
        assert text in page, text
    assert page.index("R01") < page.index("R02")  # errors first


def test_the_xlsx_carries_the_same_findings_with_amounts_as_numbers(client, record, findings):
    client.force_login(staff("clerk", CLERK, [record.department]))
    response = report(client, record, format="xlsx")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxml")
    rows = list(openpyxl.load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0][:2] == ("部门", "财政局") and rows[2][:2] == ("类型", "部门预算")
    header = rows[6]
    body = [dict(zip(header, row, strict=True)) for row in rows[7:]]
    assert [row["规则"] for row in body] == ["R01", "R02"]
    error, warning = body
    assert error["应为"] == pytest.approx(1234567.8) and isinstance(error["差额"], float | int)
    assert error["放行"] == "已放行" and error["放行理由"] == "原文如此，已核实" and error["页码"] == "7"
    assert warning["级别"] == "警告" and warning["差额"] == pytest.approx(0.125) and not warning["放行理由"]


def test_the_disclosure_page_links_the_report(client, record, findings):
    client.force_login(staff("clerk", CLERK, [record.department]))
    page = client.get(reverse("disclosures:disclosure", args=[record.pk])).content.decode()
    assert reverse("disclosures:report", args=[record.pk]) in page


def test_only_who_may_view_the_disclosure_gets_the_report(client, record, findings):
    response = report(client, record)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    client.force_login(staff("other", CLERK, [ingested(disclosure("教育局")).department]))
    assert report(client, record).status_code == 404
    assert report(client, record, format="xlsx").status_code == 404


def test_a_disclosure_without_findings_says_so(client, record):
    client.force_login(staff("clerk", CLERK, [record.department]))
    assert "未发现问题" in report(client, record).content.decode()


@pytest.mark.parametrize(("value", "text"), [
    (Decimal("1234567.8000"), "1,234,567.80"), (Decimal("-5.0000"), "-5.00"), (Decimal("0.1250"), "0.125"), (None, ""),
])
def test_amount_text(value, text):
    assert amount_text(value) == text
