"""The year overview (/years/<year>/): one year's current disclosures across departments — totals, 类
sums, 三公经费, each against the same department's previous year — in one unit, within the access rule."""
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from disclosures.charts import in_unit, main_unit, row_bars
from disclosures.roles import CLERK, REVIEWER
from disclosures.views import years
from tests.builders import disclosure, ingested, line, staff, table

pytestmark = pytest.mark.django_db


def department(name, year, total, classes, three_public=None, *, kind="budget", unit="万元", three_unit="万元"):
    """A disclosure whose 部门支出总体情况表 prints ``total`` and the 类 lines ``classes`` (code → amount),
    each with a 款 line and a unit's line under it that the overview must not add, and a 三公 table."""
    lines = [line("合计", row_type="total", total=total)]
    for code, amount in classes.items():
        lines += [line(f"类{code}", code, total=amount), line(f"款{code}", f"{code}01", total=amount),
                  line(f"类{code}", code, unit="下属单位", total="7777.00")]
    summary = table("expense_summary", lines)
    summary["amount_unit"] = unit
    tables = [summary]
    if three_public is not None:
        three = table("three_public_expense", [line("合计", row_type="total", total=three_public, general_budget=three_public),
                                               line("公务接待费", total=three_public)])
        three["amount_unit"] = three_unit
        tables.append(three)
    data = disclosure(name, year, kind=kind, tables=tables)
    data["document"]["amount_unit"] = unit
    return ingested(data)


@pytest.fixture
def reviewer(client):
    client.force_login(staff("reviewer", REVIEWER))


def overview(client, year=2025, **params):
    response = client.get(reverse("disclosures:year_overview", args=[year]), params)
    assert response.status_code == 200
    return response


def figures(response, key):
    [section] = [s for s in response.context["sections"] if s.key == key]
    return [(f.label, f.value, f.previous, f.change, f.percent) for f in section.figures]


def test_units_convert_by_the_settings_factors_and_the_most_used_unit_wins():
    assert in_unit(Decimal("1234567.00"), "元", "万元") == Decimal("123.4567")
    assert in_unit(Decimal("1.5"), "万元", "元") == Decimal("15000")
    assert in_unit(Decimal("1"), "美元", "元") is None and in_unit(None, "元", "元") is None
    assert main_unit({"元": 3, "万元": 2}) == "元"
    assert main_unit({"元": 2, "万元": 2, "件": 9}) == "万元"


def test_row_bars_keep_a_row_for_a_missing_value():
    result = row_bars([("a", Decimal("50")), ("b", None), ("c", Decimal("100"))])
    assert [(b.label, b.value, b.width, b.y) for b in result] == [
        ("a", Decimal("50"), Decimal("50.0"), 0), ("b", None, Decimal(0), 22), ("c", Decimal("100"), Decimal("100.0"), 44)]


def test_figures_per_department_and_per_class_with_the_change_on_the_previous_year(client, reviewer):
    department("财政局", 2024, "200.00", {"201": "150.00", "205": "50.00"}, "4.00")
    department("财政局", 2025, "250.00", {"201": "180.00", "205": "70.00"}, "3.00")
    department("教育局", 2025, "1000.00", {"205": "900.00", "208": "100.00"}, "8.00")
    department("教育局", 2024, "999.00", {"205": "1.00"}, "1.00", kind="final_accounts")  # another kind
    response = overview(client)
    assert sorted(figures(response, "totals")) == [
        ("教育局", Decimal("1000.00"), None, None, None),
        ("财政局", Decimal("250.00"), Decimal("200.00"), Decimal("50.00"), Decimal("25.0")),
    ]
    # 类 lines only (no 款, no unit's line), summed across departments; only 财政局 has a previous year,
    # so the change sets 财政局's part of this year against it.
    assert figures(response, "functions") == [
        ("201 类201", Decimal("180.00"), Decimal("150.00"), Decimal("30.00"), Decimal("20.0")),
        ("205 类205", Decimal("970.00"), Decimal("50.00"), Decimal("20.00"), Decimal("40.0")),
        ("208 类208", Decimal("100.00"), None, None, None),
    ]
    [functions] = [s for s in response.context["sections"] if s.key == "functions"]
    assert functions.partial and [f.compared for f in functions.figures] == [Decimal("180.00"), Decimal("70.00"), None]
    assert "2025（有上年的部门）" in response.content.decode()
    three = dict((label, rest) for label, *rest in figures(response, "three-public"))
    assert three == {"财政局": [Decimal("3.00"), Decimal("4.00"), Decimal("-1.00"), Decimal("-25.0")],
                     "教育局": [Decimal("8.00"), None, None, None]}


def test_when_every_department_has_a_previous_year_the_sums_compare_whole(client, reviewer):
    for name, before, now in (("财政局", "10.00", "12.00"), ("教育局", "30.00", "24.00")):
        department(name, 2024, before, {"201": before})
        department(name, 2025, now, {"201": now})
    response = overview(client)
    [functions] = [s for s in response.context["sections"] if s.key == "functions"]
    assert not functions.partial and "有上年的部门）" not in response.content.decode()
    assert figures(response, "functions") == [("201 类201", Decimal("36.00"), Decimal("40.00"), Decimal("-4.00"),
                                               Decimal("-10.0"))]


def test_the_page_draws_bars_with_titles_and_lists_the_change_in_its_value_tables(client, reviewer):
    department("财政局", 2024, "200.00", {"201": "150.00"}, "4.00")
    record = department("财政局", 2025, "250.00", {"201": "180.00"}, "3.00")
    department("教育局", 2025, "500.00", {"201": "500.00"})
    page = overview(client).content.decode()
    totals = page[page.index('id="totals"'):page.index('id="functions"')]
    assert sorted(re.findall(r'width="([\d.]+)" height="16"><title>([^<]*)</title>', totals)) == [
        ("100.0", "教育局：500.00"), ("50.0", "财政局：250.00")]
    assert f'<a href="/disclosures/{record.pk}/">财政局</a>' in totals
    assert re.search(r'>250\.00</td><td class="num">200\.00</td>\s*<td class="num up">\+50\.00</td>\s*'
                     r'<td class="num">\+25\.0%</td>', totals)
    assert re.search(r'>500\.00</td><td class="num"></td>\s*<td class="num"></td>\s*<td class="num"></td>', totals)
    three = page[page.index('id="three-public"'):]
    assert "<title>财政局：3.00</title>" in three and "教育局" in three and "<title>教育局" not in three
    assert 'class="num down">-1.00</td>' in three
    assert "单位：万元" in page and 'class="card picker no-print"' in page
    assert '<h1>2025年部门预算 · 各部门概览</h1>' in page


def test_amounts_in_another_unit_are_converted_to_the_unit_most_disclosures_use(client, reviewer):
    department("甲局", 2025, "100.00", {"201": "100.00"}, "1.00")
    department("乙局", 2025, "300.00", {"201": "300.00"}, "2.00")
    # printed in 元, its 三公 table in 万元 (as Putuo's disclosures print them)
    department("丙局", 2025, "1234567.00", {"201": "1234567.00"}, "0.50", unit="元")
    response = overview(client)
    assert response.context["unit"] == "万元"
    assert ("丙局", Decimal("123.46"), None, None, None) in figures(response, "totals")
    assert figures(response, "functions")[0][:2] == ("201 类201", Decimal("523.46"))
    assert ("丙局", Decimal("0.50"), None, None, None) in figures(response, "three-public")
    department("丁局", 2025, "50000.00", {"201": "50000.00"}, unit="元")
    department("戊局", 2025, "70000.00", {"201": "70000.00"}, unit="元")
    response = overview(client)
    assert response.context["unit"] == "元"
    assert ("甲局", Decimal("1000000.00"), None, None, None) in figures(response, "totals")
    assert ("丙局", Decimal("5000.00"), None, None, None) in figures(response, "three-public")
    assert "单位：元" in response.content.decode()


def test_a_clerk_sees_only_their_departments_in_every_figure(client):
    own = department("财政局", 2025, "250.00", {"201": "180.00"}, "3.00")
    department("教育局", 2025, "500.00", {"201": "500.00", "205": "9.00"}, "8.00")
    department("教育局", 2026, "500.00", {"201": "500.00"})
    client.force_login(staff("clerk", CLERK, [own.department]))
    response = overview(client)
    body = response.content.decode()
    assert "教育局" not in body and "财政局" in body
    assert figures(response, "functions") == [("201 类201", Decimal("180.00"), None, None, None)]
    assert response.context["years"] == [2025]
    assert "教育局" not in overview(client, 2026).content.decode()


def test_years_page_shows_the_latest_year_and_the_kind_picked(client, reviewer):
    department("财政局", 2024, "200.00", {"201": "150.00"})
    department("财政局", 2025, "250.00", {"201": "180.00"})
    department("财政局", 2023, "90.00", {"201": "90.00"}, kind="final_accounts")
    response = client.get(reverse("disclosures:year_overview"))
    assert response.context["year"] == 2025 and response.context["years"] == [2025, 2024]
    assert f'href="{reverse("disclosures:year_overview", args=[2024])}?kind=budget"' in response.content.decode()
    response = client.get(reverse("disclosures:year_overview"), {"kind": "final_accounts"})
    assert response.context["year"] == 2023 and figures(response, "totals")[0][1] == Decimal("90.00")
    assert client.get(reverse("disclosures:year_overview"), {"kind": "bogus"}).context["kind"] == "budget"
    assert "没有您可查看的当前版本" in overview(client, 2030).content.decode()
    assert client.get("/years/99999/").status_code == 404


def test_departments_are_paged_and_the_class_sums_cover_every_department(client, reviewer, monkeypatch):
    monkeypatch.setattr(years, "PER_PAGE", 2)
    for name, amount in (("甲局", "1.00"), ("乙局", "2.00"), ("丙局", "4.00")):
        department(name, 2025, amount, {"201": amount})
    first, second = overview(client), overview(client, page=2)
    assert [f[0] for f in figures(first, "totals")] == ["丙局", "乙局"]
    assert [f[0] for f in figures(second, "totals")] == ["甲局"]
    assert figures(second, "functions")[0][1] == Decimal("7.00")
    assert "本页列出第 3–3 个部门，共 3 个。" in second.content.decode()


def test_the_queries_do_not_grow_with_the_departments(client, reviewer):
    def build(names):
        for name in names:
            department(name, 2024, "90.00", {"201": "60.00", "205": "30.00"}, "1.00")
            department(name, 2025, "100.00", {"201": "70.00", "205": "30.00"}, "2.00")

    build(["甲局", "乙局"])
    with CaptureQueriesContext(connection) as two:
        assert len(figures(overview(client), "totals")) == 2
    build(["丙局", "丁局", "戊局", "己局"])
    with CaptureQueriesContext(connection) as six:
        assert len(figures(overview(client), "totals")) == 6
    assert len(six) == len(two)


def test_the_dashboard_links_the_overview_once(client, reviewer):
    page = client.get(reverse("disclosures:dashboard")).content.decode()
    assert page.count(f'href="{reverse("disclosures:year_overview")}"') == 1
