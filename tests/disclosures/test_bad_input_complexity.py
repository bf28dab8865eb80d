"""Bounded work per page: the complexity guard counts what a page draws (its content streams and their
operators, the Form XObjects they draw, nested ones each time they are drawn) before pdfminer
interprets it, and refuses a page that would take too long in one line; real disclosure pages stay
far below its limits.

The hostile PDFs are written as raw bytes here (60,000 objects take a tenth of a second). The page of
60,000 forms took over 90 s before the guard; refused, it costs the 1–3 s pdfminer needs to read its
60,000-entry resource dictionary, so the bound is 10 s to stay clear of a loaded machine."""
import random
import time

import pdfplumber
import pytest

from disclosures.parsing import errors, parse
from disclosures.parsing.pdf import Limits, check_budget
from tests.conftest import shared_path
from tests.rawpdf import pdf_bytes, stream

FORM = b"/Type /XObject /Subtype /Form /BBox [0 0 10 10]"


def one_page_pdf(content, xobjects, objects=()):
    """A one-page PDF drawing ``content`` with ``xobjects`` (name → object number, numbered from 5)
    and ``objects`` (the bodies of objects 5, 6, …)."""
    names = b" ".join(b"/%s %d 0 R" % (name, number) for name, number in xobjects)
    bodies = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /XObject << " + names + b" >> >> >>",
        stream(content),
        *objects,
    ]
    return pdf_bytes(bodies)


def refused_quickly(path, bound=10):
    started = time.monotonic()
    with pytest.raises(errors.TooComplex) as caught:
        parse(path)
    assert time.monotonic() - started < bound
    assert "\n" not in caught.value.message and caught.value.message.startswith("第 1 页内容过于复杂")
    return caught.value.message


def test_page_of_60000_tiny_forms_each_drawn_once_is_refused_quickly(tmp_path):
    n = 60_000
    path = tmp_path / "forms.pdf"
    path.write_bytes(one_page_pdf(
        b"".join(b"/F%d Do\n" % i for i in range(n)),
        [(b"F%d" % i, 5 + i) for i in range(n)],
        [stream(b"0 0 m 1 1 l S", FORM)] * n,
    ))
    assert "嵌入对象超过" in refused_quickly(path)


def test_forms_nested_to_draw_a_line_a_million_times_are_refused_quickly(tmp_path):
    # object 5 draws 6 a hundred times, 6 draws 7 a hundred times, 7 draws a line a hundred times
    levels = [stream(b"/N Do\n" * 100, FORM + b" /Resources << /XObject << /N %d 0 R >> >>" % (6 + i))
              for i in range(2)] + [stream(b"0 0 m 1 1 l S\n" * 100, FORM)]
    path = tmp_path / "nested.pdf"
    path.write_bytes(one_page_pdf(b"/N Do\n", [(b"N", 5)], levels))
    refused_quickly(path)


def test_form_that_draws_itself_is_refused(tmp_path):
    path = tmp_path / "loop.pdf"
    path.write_bytes(one_page_pdf(b"/L Do\n", [(b"L", 5)],
                                  [stream(b"/L Do\n", FORM + b" /Resources << /XObject << /L 5 0 R >> >>")]))
    assert "嵌套过深" in refused_quickly(path)


def test_page_of_a_quarter_million_drawing_operators_is_refused_quickly(tmp_path):
    path = tmp_path / "lines.pdf"  # 3.5 MB of paths: pdfminer would spend about 15 s on them
    path.write_bytes(one_page_pdf(b"0 0 m 1 1 l S\n" * 250_000, []))
    assert "绘制操作超过" in refused_quickly(path)


def test_inline_image_data_is_not_counted_as_operators(tmp_path):
    ascii85 = bytes(random.Random(0).choices(range(33, 118), k=1_500_000)).replace(b"E", b"F")
    path = tmp_path / "image.pdf"  # its ASCII85 data reads as 150,000 operators when not skipped
    path.write_bytes(one_page_pdf(b"q 100 0 0 100 0 0 cm BI /W 1500 /H 800 /BPC 8 /CS /G /F /A85 ID\n"
                                  + ascii85 + b"~>\nEI Q\n", []))
    with pytest.raises(errors.NoTextLayer):
        parse(path)


def test_forms_within_the_limits_are_read(tmp_path):
    path = tmp_path / "few.pdf"
    path.write_bytes(one_page_pdf(b"/F0 Do\n/F1 Do\n", [(b"F0", 5), (b"F1", 6)],
                                  [stream(b"0 0 m 1 1 l S", FORM)] * 2))
    with pytest.raises(errors.NoTextLayer):  # read through to the end: a drawing without text
        parse(path, limits=Limits(max_draws=2))
    with pytest.raises(errors.TooComplex):
        parse(path, limits=Limits(max_draws=1))


@pytest.mark.parametrize("document", [
    "corpus/urumqi-2025/disclosure.pdf", "corpus/putuo-wanli-2025/disclosure.pdf",
    "corpus/putuo-finance-2024-final/disclosure.pdf", "corpus-unkeyed/putuo-socialwork-2024-final.pdf",
])
def test_real_disclosure_pages_stay_far_below_the_limits(document):
    limits = Limits()
    with pdfplumber.open(shared_path(*document.split("/"))) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            budget = check_budget(page, number, limits)
            assert budget.size < limits.max_content_bytes / 20 and budget.draws < limits.max_draws / 20
            assert budget.operators < limits.max_operators / 10
