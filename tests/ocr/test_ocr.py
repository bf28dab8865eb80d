"""Scanned disclosures read through OCR: a generated table page scanned at 150 dpi parses to its
spec's amounts; a scan without tables, and one read with too little confidence, are refused."""
import numpy as np
import pypdfium2
import pytest
from PIL import Image

from disclosures.parsing import errors, ocr, parse
from disclosures.parsing.ocr import image
from disclosures.parsing.ocr.digits import clean_number
from disclosures.parsing.ocr.scanpage import Reading, column_numbers, dashes, quotes, restore_lead, text_rows
from disclosures.parsing.ocr.trust import check_readings
from tests import pdfgen
from tests.ocr.scans import make_scan


def amounts(tables):
    return {(t["kind"], line.get("code"), line["name"], key, value)
            for t in tables for line in t["lines"] for key, value in line["amounts"].items() if value}


@pytest.fixture(scope="module")
def scanned(tmp_path_factory):
    """A two-table disclosure (表3 and 表4 of the generated one) rendered, then scanned at 150 dpi."""
    folder = tmp_path_factory.mktemp("scan")
    spec = pdfgen.disclosure_spec(performance=False)
    spec = {"department": spec["department"], "year": spec["year"],
            "tables": [t for t in spec["tables"] if t["kind"] in ("general_budget_expense", "gov_fund_expense")]}
    vector, spec = pdfgen.render_disclosure(folder / "vector.pdf", spec)
    scan = make_scan(vector, folder / "scan.pdf", dpi=150, seed=7)
    return spec, parse(scan)


def test_scan_parses_to_the_amounts_of_its_spec(scanned):
    spec, got = scanned
    want = amounts(pdfgen.expected(spec)["tables"])
    read = amounts(got["tables"])
    assert [t["kind"] for t in got["tables"]] == [t["kind"] for t in spec["tables"]]
    assert len(want & read) >= 0.95 * len(want)
    assert len(read - want) <= 0.05 * len(want)


def test_scan_says_it_was_read_by_ocr_with_its_confidence(scanned):
    _, got = scanned
    summary = got["warnings"][0]
    assert summary["kind"] == "ocr" and summary["message"].startswith("本文件为扫描件，经 OCR 识别")
    assert summary["readings"] and all(isinstance(page, int) and isinstance(confidence, float)
                                       for page, _, _, confidence in summary["readings"])
    assert got["document"]["department"] == "某市教育局"


def test_progress_moves_with_each_page_read_by_ocr(tmp_path):
    path = tmp_path / "blank.pdf"
    blank = Image.new("L", (620, 877), 255)
    blank.save(path, "PDF", resolution=75, save_all=True, append_images=[blank])
    calls = []
    assert len(list(ocr.read_pages(path, lambda done, total: calls.append((done, total))))) == 2
    assert calls == [(1, 2), (2, 2)]


def test_scan_without_tables_is_refused_with_its_reason(tmp_path):
    path = tmp_path / "blank.pdf"
    Image.new("L", (1240, 1754), 235).save(path, "PDF", resolution=150)
    with pytest.raises(ocr.UnreadableScan, match="没有找到表格线"):
        parse(path)


def test_without_the_ocr_engine_a_scan_has_no_text_layer(tmp_path, monkeypatch):
    path = tmp_path / "blank.pdf"
    Image.new("L", (620, 877), 235).save(path, "PDF", resolution=75)
    monkeypatch.setattr(ocr, "available", lambda: False)
    with pytest.raises(errors.NoTextLayer) as refused:
        parse(path)
    assert type(refused.value) is errors.NoTextLayer


def reading(confidence, text="1,234.50", corrected=False):
    return Reading(5, "行政运行", text, confidence, corrected, (0, 0, 1, 1))


class Page:
    def __init__(self, readings):
        self.readings = readings


def test_a_doubtful_amount_is_warned_with_its_page_row_and_confidence():
    warnings = check_readings([Page([reading(0.99)] * 9 + [reading(0.61, "519.70")])])
    assert warnings[0]["kind"] == "ocr" and "1 个需核对" in warnings[0]["message"]
    assert warnings[0]["readings"] == [[5, "行政运行", "1,234.50", 0.99]] * 9 + [[5, "行政运行", "519.70", 0.61]]
    doubt = warnings[1]
    assert (doubt["page"], doubt["row"], doubt["value"], doubt["confidence"]) == (5, "行政运行", "519.70", 0.61)
    assert "第 5 页“行政运行”行的金额 519.70" in doubt["message"]


def test_a_scan_without_amounts_still_says_it_was_read_by_ocr():
    assert check_readings([Page([reading(0.99, "行政运行")])]) == [
        {"kind": "ocr", "message": "本文件为扫描件，经 OCR 识别", "readings": []}]


def test_a_scan_of_mostly_doubtful_amounts_is_refused():
    with pytest.raises(ocr.UnreadableScan, match="识别置信度低"):
        check_readings([Page([reading(0.99)] * 8 + [reading(0.5)] * 2)])


@pytest.mark.parametrize("read, number, corrected", [
    ("14.101.12", "14,101.12", True),  # thousands commas read as full stops
    ("1,23", "1.23", True),  # a decimal point read as a comma
    ("14,101.12", "14,101.12", False),
    ("１２，３６４．９１", "12,364.91", False),  # full-width forms
    ("1 037.57", "1037.57", False),
    ("l2.5O", "12.50", True),  # look-alike letters
    ("O.00", "0.00", True),
    ("一般公共服务支出", "一般公共服务支出", False),
    ("IO", "IO", False),  # no digit: text, left alone
])
def test_numbers_as_ocr_reads_them(read, number, corrected):
    assert clean_number(read) == (number, corrected)


@pytest.mark.parametrize("angle", [-0.6, 0.4])
def test_skew_is_measured_from_the_rulings(tmp_path, angle):
    ruled = np.full((800, 600), 255, np.uint8)
    for y in range(100, 700, 40):
        ruled[y:y + 2, 50:550] = 0
    turned = image.rotate(ruled, -angle)
    measured = image.skew(image.binarise(turned), 150)
    assert abs(measured - angle) < 0.1
    assert abs(image.skew(image.binarise(image.rotate(turned, measured)), 150)) < 0.1


def test_a_scan_is_rendered_at_its_own_resolution(tmp_path):
    path = tmp_path / "scan.pdf"
    Image.new("L", (1240, 1754), 255).save(path, "PDF", resolution=150)
    pdf = pypdfium2.PdfDocument(str(path))
    assert round(image.scan_dpi(pdf[0])) == 150


def test_letters_read_as_digits_are_confirmed_only_by_the_sums_of_their_page():
    pages = [Page([reading(0.99)] * 9 + [reading(0.95, "12.50", corrected=True)])]
    assert ocr.corrections(pages, [])[0]["confirmed"] is True
    mismatch = ["表3（第 5 页）：总计「合计」100.00 与各行之和 112.50 不符"]
    unconfirmed = ocr.corrections(pages, mismatch)[0]
    assert unconfirmed["confirmed"] is False
    assert "本页合计不符" in unconfirmed["message"]
    assert ocr.corrections(pages, ["表3（第 6 页）：总计「合计」100.00 与各行之和 112.50 不符"])[0]["confirmed"]


def test_a_speck_at_the_end_of_a_text_row_is_left_out_of_its_crop():
    row = np.zeros((20, 120), np.uint8)
    row[2:18, 5:60] = 255  # the text
    row[8:11, 100:103] = 255  # a ruling's stub
    assert text_rows(row) == [(2, 18, 5, 60)]


@pytest.mark.parametrize("read, fixed", [("一—般行政管理事务", "一般行政管理事务"), ("—般", "一般"),
                                         ("一、—-般", "一、般"), ("-12.50", "-12.50")])
def test_a_leading_bar_read_as_dashes(read, fixed):
    assert dashes(read) == fixed


def test_the_column_number_row_is_told_despite_a_misread_number():
    class Cell:
        pass

    cells = [Cell() for _ in range(7)]
    texts = {id(c): (c, [(t, 0.9)]) for c, t in zip(cells, ["X", "凝", "1", "2", "S", "4", "5"], strict=True)}

    class Grid:
        n_rows = 1

        def row_cells(self, r):
            return cells

    column_numbers([Grid()], texts)
    assert [texts[id(c)][1][0][0] for c in cells] == ["※", "※", "1", "2", "3", "4", "5"]


@pytest.mark.parametrize("read, lead, text", [("一般公共服务支出", "一、", "一、一般公共服务支出"),
                                              ("一般公共服务支出", "一", "一般公共服务支出"),
                                              ("、科学技术支出", "一、", "一、科学技术支出"),
                                              ("326.72", "一", "326.72")])
def test_a_dropped_lead_is_restored(read, lead, text):
    assert restore_lead(read, lead) == text


@pytest.mark.parametrize("read", ["“三公“经费", "“三公\"经费", "\"三公\"经费"])
def test_double_quotes_are_paired_as_printed(read):
    assert quotes(read) == "“三公”经费"
