"""The annotated PDF: each finding's rows outlined on their page with its message; nothing elsewhere."""
import io

import pdfplumber
import pypdfium2
import pytest
from django.urls import reverse
from pypdf import PdfReader, PdfWriter
from pypdf.generic import RectangleObject
from reportlab.pdfgen import canvas

from disclosures.annotate import NoSourcePdf, annotated_pdf, user_rect
from disclosures.ingest import ingest
from disclosures.models import Finding
from disclosures.parsing.pdfpage import LeanPdf
from disclosures.roles import REVIEWER
from tests.builders import disclosure, finding, ingested, line, staff, table

pytestmark = pytest.mark.django_db


@pytest.fixture
def sample(sample_parsed, sample_pdf):
    record = ingest(sample_parsed, source_bytes=sample_pdf.read_bytes()).disclosure
    boxed = record.lines.exclude(source_bbox=None).exclude(code="").order_by("source_page", "order")
    first, last = boxed.first(), boxed.last()
    assert first.source_page != last.source_page
    finding(record, "X01", message="甲行与乙行不符（测试）", lines=[first, last])
    finding(record, "X02", severity="info", message="只在一页（测试）", lines=[last])
    finding(record, "X03", message="没有行的发现（测试）")
    return record


def annotations(content):
    """``{page number: [annotation dict, ...]}`` of every page of the PDF ``content``."""
    reader = PdfReader(io.BytesIO(content))
    return {n: [a.get_object() for a in page.get("/Annots", [])] for n, page in enumerate(reader.pages, start=1)}


def squares(annots):
    return [a for a in annots if a["/Subtype"] == "/Square"]


def test_every_boxed_finding_is_outlined_on_its_pages_and_no_other_page_is_touched(sample):
    annots = annotations(annotated_pdf(sample))
    expected = {}  # page → {message: rows}
    for f in Finding.objects.filter(disclosure=sample).prefetch_related("lines"):
        for record in [*f.lines.all(), f.target, f.indicator]:  # the records that keep a page and box
            if record is not None and record.source_bbox:
                expected.setdefault(record.source_page, {}).setdefault(f.message, 0)
                expected[record.source_page][f.message] += 1
    assert len(expected) > 3, "the sample's checks find things on several pages"
    assert len(expected) < len(annots), "and some pages have none"
    for page, annots_on_page in annots.items():
        found = {}
        for square in squares(annots_on_page):
            message = next(m for m in expected.get(page, {}) if m in square["/Contents"])
            found[message] = found.get(message, 0) + 1
        assert found == expected.get(page, {}), page
        assert all(a["/Subtype"] in ("/Square", "/Popup") for a in annots_on_page)
    assert not any("没有行的发现" in a.get("/Contents", "") for page in annots.values() for a in page)


def test_the_outline_surrounds_the_row_as_printed(sample):
    """The Square's rectangle holds the row's text on the page (read back with pdfium), and one popup per finding."""
    x01 = Finding.objects.get(disclosure=sample, rule="X01")
    content = annotated_pdf(sample)
    pdf = pypdfium2.PdfDocument(content)
    try:
        for row in x01.lines.all():
            [square] = [a for a in squares(annotations(content)[row.source_page]) if "甲行与乙行" in a["/Contents"]]
            left, bottom, right, top = (float(v) for v in square["/Rect"])
            text = pdf[row.source_page - 1].get_textpage().get_text_bounded(left, bottom, right, top)
            assert row.name[:4] in text.replace("\n", "").replace("\r", "").replace(" ", ""), (row.name, text)
            assert "/Popup" in square and square["/C"] == [0.85, 0.1, 0.1]
    finally:
        pdf.close()


def test_rows_of_one_finding_on_a_page_are_grouped_under_one_note(sample):
    rows = list(sample.lines.exclude(source_bbox=None).exclude(code="").order_by("source_page", "order")[:3])
    rows = [r for r in rows if r.source_page == rows[0].source_page]
    assert len(rows) >= 2
    finding(sample, "X04", message="同页多行（测试）", lines=rows)
    page = annotations(annotated_pdf(sample))[rows[0].source_page]
    mine = [a for a in squares(page) if "同页多行" in a["/Contents"]]
    primary = [a for a in mine if "/IRT" not in a]
    assert len(mine) == len(rows) and len(primary) == 1 and "/Popup" in primary[0]
    assert all(a["/IRT"].get_object() == primary[0] and a["/RT"] == "/Group" for a in mine if a is not primary[0])


def test_findings_sharing_a_row_get_nested_outlines(sample):
    shared = Finding.objects.get(disclosure=sample, rule="X02").lines.get()
    page = squares(annotations(annotated_pdf(sample))[shared.source_page])
    [error] = [a for a in page if "X01" in a["/Contents"]]
    [info] = [a for a in page if "X02" in a["/Contents"]]
    inner, outer = ([float(v) for v in a["/Rect"]] for a in (error, info))  # errors first, innermost
    assert outer[0] < inner[0] and outer[1] < inner[1] and outer[2] > inner[2] and outer[3] > inner[3]


def rendered_char(rotation, mediabox):
    """A one-page PDF with "X" drawn at user-space (100, 500), then rotated and given ``mediabox``."""
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=(600, 800))
    page.setFont("Helvetica", 20)
    page.drawString(100, 500, "X")
    page.save()
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(buffer.getvalue())))
    writer.pages[0].mediabox = RectangleObject(mediabox)
    writer.pages[0].rotation = rotation
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.mark.parametrize("rotation", [0, 90, 180, 270])
@pytest.mark.parametrize("mediabox", [(0, 0, 600, 800), (-20, 30, 620, 850)])
def test_boxes_go_back_to_user_space_whatever_the_rotation_and_mediabox(rotation, mediabox):
    content = rendered_char(rotation, mediabox)
    with LeanPdf(io.BytesIO(content)) as pdf:
        [char] = pdf.pages[0].chars
    x0, y0, x1, y1 = user_rect((char["x0"], char["top"], char["x1"], char["bottom"]), mediabox, rotation)
    assert x0 == pytest.approx(100, abs=0.5) and x1 - x0 == pytest.approx(13.3, abs=0.5)  # Helvetica X at 20 pt
    assert y0 < 500 < y1 and y1 - y0 < 25
    with pdfplumber.open(io.BytesIO(content)) as plain:  # pdfplumber itself places it the same way
        assert plain.pages[0].chars[0]["top"] == pytest.approx(char["top"])


def test_the_pdf_is_otherwise_unchanged(sample, sample_pdf):
    original, annotated = PdfReader(str(sample_pdf)), PdfReader(io.BytesIO(annotated_pdf(sample)))
    assert len(annotated.pages) == len(original.pages)
    for before, after in zip(original.pages, annotated.pages, strict=True):
        assert after.extract_text() == before.extract_text()


def test_a_disclosure_without_a_pdf_gets_a_clear_message(client):
    record = ingested(disclosure("财政局", 2025, tables=[table("expense_summary", [line("合计", total="1.00", page=1)])]))
    with pytest.raises(NoSourcePdf):
        annotated_pdf(record)
    client.force_login(staff("reviewer", REVIEWER))
    report = client.get(reverse("disclosures:report", args=[record.pk]))
    assert reverse("disclosures:annotated_pdf", args=[record.pk]) not in report.content.decode()
    response = client.get(reverse("disclosures:annotated_pdf", args=[record.pk]), follow=True)
    assert response.status_code == 200 and response.redirect_chain[-1][0].endswith(
        reverse("disclosures:report", args=[record.pk]))
    assert "没有源 PDF，无法生成批注版 PDF" in response.content.decode()


def test_download_link_and_file(client, sample):
    client.force_login(staff("reviewer", REVIEWER))
    url = reverse("disclosures:annotated_pdf", args=[sample.pk])
    for page in ("disclosures:disclosure", "disclosures:report"):
        assert url in client.get(reverse(page, args=[sample.pk])).content.decode()
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="annotated-{sample.pk}.pdf"'
    assert any(squares(a) for a in annotations(response.content).values())


def test_user_rect_keeps_a_box_its_size():
    assert user_rect((10, 20, 110, 40), (0, 0, 600, 800), 0) == (10, 760, 110, 780)
