"""Ingest of a disclosure read by OCR: the parser's readings become the confidences of the amount cells."""
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from disclosures.ingest import Outcome, ingest
from disclosures.ingest_ocr import mark_confidences, read_by_ocr, readings
from disclosures.models import BudgetLine, Disclosure, LineAmount
from tests.builders import disclosure, ingested, line, table

pytestmark = pytest.mark.django_db

SUMMARY = "本文件为扫描件，经 OCR 识别：{n} 个金额，置信度中位数 0.97，{k} 个需核对"


def scanned(tables, readings, *more_warnings):
    data = disclosure("扫描局", tables=tables)
    data["warnings"] = [{"kind": "ocr", "message": SUMMARY.format(n=len(readings), k=0), "readings": readings},
                        *more_warnings]
    return data


def confidences(record):
    """{(line name, column): confidence} of the cells that have one."""
    cells = LineAmount.objects.filter(line__disclosure=record, ocr_confidence__isnull=False)
    return {(c.line.name, c.column): c.ocr_confidence for c in cells.select_related("line")}


def expense(*lines, pages=(2,)):
    return table("general_budget_expense", lines, pages=pages)


def test_each_reading_gives_its_confidence_to_the_cell_of_its_page_row_and_value():
    record = ingested(scanned([expense(
        line("合计", row_type="total", total="15908.55", basic="908.55", page=2),
        line("行政运行", "2010301", total="908.55", basic="908.55", page=2),
        line("一般行政管理事务", "2010302", total="15000.00", page=2),
    )], [
        [2, "合计", "15,908.55", 0.991],  # thousands separators as printed
        [2, "合计", "908.55", 0.82],
        [2, "一般行政管理事务", "15000.00", 0.973],
    ]))
    assert record.read_by_ocr
    assert confidences(record) == {("合计", "total"): Decimal("0.991"), ("合计", "basic"): Decimal("0.820"),
                                   ("一般行政管理事务", "total"): Decimal("0.973")}


def test_a_row_label_is_compared_without_whitespace_or_its_code():
    record = ingested(scanned([expense(
        line("其他政府办公厅（室）及相关机构事务支出", "2010399", total="12.00", page=2),
        line("行政运行", "2010301", total="13.00", page=2),
        line("一、本年收入", total="30.00", page=2),
    )], [[2, "其他政府办公厅（室）及相关机\n构事务支出", "12.00", 0.95], [2, "2010301 行政运行", "13.00", 0.9],
         [2, "一、 本年 收入", "30.00", 0.5]]))
    assert confidences(record) == {("其他政府办公厅（室）及相关机构事务支出", "total"): Decimal("0.950"),
                                   ("行政运行", "total"): Decimal("0.900"), ("一、本年收入", "total"): Decimal("0.500")}


def test_two_readings_for_one_cell_are_not_guessed_onto_it():
    record = ingested(scanned([expense(line("行政运行", "2010301", total="13.00", page=2))],
                              [[2, "行政运行", "13.00", 0.95], [2, "2010301 行政运行", "13.00", 0.6]]))
    assert confidences(record) == {}


def test_a_reading_of_another_page_value_or_row_is_ignored():
    record = ingested(scanned([expense(line("行政运行", "2010301", total="908.55", page=2))], [
        [3, "行政运行", "908.55", 0.5], [2, "行政运行", "908.56", 0.5], [2, "机关服务", "908.55", 0.5],
    ]))
    assert record.read_by_ocr and confidences(record) == {}


def test_the_same_row_label_twice_on_a_page_matches_only_the_line_with_that_value():
    record = ingested(scanned([expense(
        line("其中：一般财力", total="10.00", page=2),
        line("其中：一般财力", total="20.00", page=2),
    )], [[2, "其中：一般财力", "20.00", 0.7]]))
    (cell,) = LineAmount.objects.filter(line__disclosure=record, ocr_confidence__isnull=False)
    assert (cell.line.order, cell.printed, cell.ocr_confidence) == (1, "20.00", Decimal("0.700"))


def test_the_same_value_in_two_cells_of_a_row_needs_as_many_readings_and_takes_the_least_sure():
    one = ingested(scanned([expense(line("行政运行", total="5.00", basic="5.00", page=2))],
                           [[2, "行政运行", "5.00", 0.99]]))
    assert confidences(one) == {}
    both = ingested(scanned([expense(line("行政运行", total="5.00", basic="5.00", page=2))],
                            [[2, "行政运行", "5.00", 0.99], [2, "行政运行", "5.00", 0.6]]))
    assert confidences(both) == {("行政运行", "total"): Decimal("0.600"), ("行政运行", "basic"): Decimal("0.600")}


def test_a_line_without_its_own_page_is_looked_for_on_its_tables_pages():
    record = ingested(scanned([expense(line("行政运行", total="5.00"), pages=(4, 5))],
                              [[5, "行政运行", "5.00", 0.88], [6, "行政运行", "5.00", 0.1]]))
    assert confidences(record) == {("行政运行", "total"): Decimal("0.880")}


@pytest.mark.parametrize("reading", [
    [2, "行政运行", "5.00"], [2, "行政运行", "5.00", 1.5], [2, "行政运行", "5.00", -0.1], ["2", "行政运行", "5.00", 0.5],
    [2, None, "5.00", 0.5], [2, "行政运行", 5, 0.5], [2, "行政运行", "五", 0.5], [2, "行政运行", "5.00", "x"],
    [2, "行政运行", "5.00", None], "2 行政运行 5.00 0.5", {"page": 2},
])
def test_a_malformed_reading_is_skipped_not_an_error(reading):
    record = ingested(scanned([expense(line("行政运行", total="5.00", page=2))],
                              [reading, [2, "行政运行", "5.00", 0.4]]))
    assert confidences(record) == {("行政运行", "total"): Decimal("0.400")}


def test_a_disclosure_not_read_by_ocr_has_no_confidences():
    record = ingested(disclosure(tables=[expense(line("行政运行", total="5.00", page=2))]))
    assert not record.read_by_ocr and confidences(record) == {}


def test_the_older_ocr_sentence_marks_the_disclosure_without_confidences():
    data = disclosure(tables=[expense(line("行政运行", total="5.00", page=2))])
    data["warnings"] = ["本文件为扫描件，经 OCR 识别"]
    record = ingested(data)
    assert record.read_by_ocr and confidences(record) == {}
    assert read_by_ocr([{"kind": "ocr", "message": "", "readings": []}]) and not read_by_ocr(["表3 合计不符", {}])


def test_importing_the_same_file_twice_creates_nothing_new():
    data = scanned([expense(line("行政运行", total="5.00", page=2))], [[2, "行政运行", "5.00", 0.4]])
    first = ingest(data, source_bytes=b"scan")
    counts = (Disclosure.objects.count(), BudgetLine.objects.count(), LineAmount.objects.count(),
              LineAmount.history.count())
    again = ingest(data, source_bytes=b"scan")
    assert (again.outcome, again.disclosure) == (Outcome.UNCHANGED, first.disclosure)
    assert counts == (Disclosure.objects.count(), BudgetLine.objects.count(), LineAmount.objects.count(),
                      LineAmount.history.count())
    assert confidences(first.disclosure) == {("行政运行", "total"): Decimal("0.400")}


def test_the_confidences_cost_no_query_per_cell():
    def queries(n):
        rows = [line(f"行{i}", total=f"{i}.00", page=2) for i in range(n)]
        data = scanned([expense(*rows)], [[2, f"行{i}", f"{i}.00", 0.5] for i in range(n)])
        with CaptureQueriesContext(connection) as captured:
            ingested(data)
        return len(captured)

    queries(1)  # the department, created once
    assert queries(3) == queries(30)


def test_readings_round_to_three_places():
    warnings = [{"kind": "ocr", "readings": [[1, "合计", "1.00", 0.98765], [1, "合计", "1.00", 1]]}]
    assert [r[3] for r in readings(warnings)] == [Decimal("0.988"), Decimal("1.000")]


def test_mark_confidences_without_readings_leaves_the_cells_alone():
    cell = LineAmount(printed="1.00")
    mark_confidences([cell], ["表3 合计不符"])
    assert cell.ocr_confidence is None
