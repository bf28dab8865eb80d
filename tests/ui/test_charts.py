"""Server-rendered SVG charts: bars scaled from the line totals, each with a <title>, values in a table beside."""
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from disclosures.charts import bars, composition
from disclosures.models import BudgetLine
from disclosures.roles import REVIEWER
from tests.builders import disclosure, ingested, line, staff, table

pytestmark = pytest.mark.django_db


def split(name, code=None, *, basic, project, **kwargs):
    """A line with 基本支出 and 项目支出 amounts (``line``'s ``project`` is the project name)."""
    data = line(name, code, basic=basic, **kwargs)
    data["amounts"]["project"] = project
    return data


def finance(year=2025, total="330.10", **kwargs):
    return ingested(disclosure("财政局", year, tables=[
        table("expense_summary", [
            line("总计", row_type="total", total=total),
            line("一般公共服务支出", "201", total="999.00"),
        ]),
        table("general_budget_expense", [
            split("合计", row_type="total", total="300.00", basic="120.00", project="180.00"),
            split("一般公共服务支出", "201", total="200.00", basic="100.00", project="100.00"),
            split("政府办公厅", "20103", total="150.00", basic="50.00", project="100.00"),
            split("教育支出", "205", total="100.00", basic="20.00", project="80.00"),
            line("教育支出", "205", unit="市一中", total="40.00"),
        ]),
        table("general_budget_basic_expense", [
            line("工资福利支出", "301", total="90.00"),
            line("基本工资", "30101", total="60.00"),
            line("商品和服务支出", "302", total="30.00"),
        ]),
    ], **kwargs))


@pytest.fixture
def reviewer(client):
    client.force_login(staff("reviewer", REVIEWER))


def chart_values(chart):
    return [(bar.label, bar.value, bar.width) for bar in chart.bars]


def test_bars_scale_to_the_largest_value_and_leave_out_missing_values():
    result = bars([("a", Decimal("200")), ("b", Decimal("50")), ("c", None), ("d", Decimal("-5")), ("e", Decimal(0))])
    assert [(b.label, b.value, b.width) for b in result] == [
        ("a", Decimal("200"), Decimal("100.0")), ("b", Decimal("50"), Decimal("25.0")),
        ("d", Decimal("-5"), Decimal(0)), ("e", Decimal(0), Decimal(0)),
    ]
    assert [b.y for b in result] == [0, 22, 44, 66]
    assert bars([("a", Decimal(0))])[0].width == 0


def test_composition_reads_the_class_lines_of_the_general_budget_table():
    record = finance()
    lines = list(BudgetLine.objects.filter(disclosure=record).select_related("table").prefetch_related("amounts")
                 .order_by("table__order", "order"))
    function, split, economic = composition(lines)
    assert chart_values(function) == [("201 一般公共服务支出", Decimal("200.00"), Decimal("100.0")),
                                      ("205 教育支出", Decimal("100.00"), Decimal("50.0"))]
    assert chart_values(split) == [("基本支出", Decimal("120.00"), Decimal("66.7")),
                                   ("项目支出", Decimal("180.00"), Decimal("100.0"))]
    assert chart_values(economic) == [("301 工资福利支出", Decimal("90.00"), Decimal("100.0")),
                                      ("302 商品和服务支出", Decimal("30.00"), Decimal("33.3"))]
    assert function.unit == "万元"


def test_disclosure_page_draws_bars_with_titles_and_a_value_table(client, reviewer):
    record = finance()
    page = client.get(reverse("disclosures:disclosure", args=[record.pk])).content.decode()
    section = page[page.index('id="composition"'):page.index('id="table-')]
    assert section.count("<svg") == 3
    assert '<rect class="bar" x="0" y="3" width="100.0" height="16"><title>201 一般公共服务支出：200.00</title>' in section
    assert 'width="50.0" height="16"><title>205 教育支出：100.00</title>' in section
    assert 'width="66.7" height="16"><title>基本支出：120.00</title>' in section
    assert '<tr><td>302 商品和服务支出</td><td class="num">30.00</td></tr>' in section
    assert len(re.findall("<title>", section)) == 6 == section.count('<td class="num">')
    assert "市一中" not in section and "20103" not in section


def test_disclosure_without_class_lines_has_no_chart_section(client, reviewer):
    record = ingested(disclosure("财政局", 2025, tables=[table("expense_summary", [line("总计", row_type="total", total="1")])]))
    page = client.get(reverse("disclosures:disclosure", args=[record.pk])).content.decode()
    assert 'id="composition"' not in page and "<svg" not in page


def test_compare_page_charts_the_department_totals_year_over_year(client, reviewer):
    department = finance(2025, total="330.10").department
    finance(2023, total="1100.00")
    finance(2024, total="550.00")
    page = client.get(reverse("disclosures:compare", args=[department.pk])).content.decode()
    section = page[page.index('id="totals"'):]
    titles = re.findall(r'width="([\d.]+)" height="16"><title>([^<]*)</title>', section)
    assert titles == [("100.0", "2023：1,100.00"), ("50.0", "2024：550.00"), ("30.0", "2025：330.10")]
    assert '<tr><td>2024</td><td class="num">550.00</td></tr>' in section
