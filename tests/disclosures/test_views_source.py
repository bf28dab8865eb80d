"""The source PDF and its page images: scoped to who may see the disclosure, and within budget."""
import io
import math

import pytest
from django.urls import reverse
from PIL import Image
from reportlab.pdfgen import canvas

from disclosures.ingest import ingest
from disclosures.roles import CLERK
from disclosures.views.pages import SCALE
from tests.builders import disclosure, ingested, staff

pytestmark = pytest.mark.django_db

HUGE = (14400, 14400)  # the largest page PDF allows: 200 × 200 inches
A4 = (595, 842)


def pdf_of(*sizes):
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    for size in sizes:
        pdf.setPageSize(size)
        pdf.drawString(72, 72, "page")
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


@pytest.fixture
def pdf_bytes():
    return pdf_of(HUGE, A4)


@pytest.fixture
def record(pdf_bytes):
    return ingest(disclosure("财政局", 2025), source_bytes=pdf_bytes, source_name="财政局2025.pdf").disclosure


def signed_in(client, departments):
    client.force_login(staff(f"clerk{len(departments)}-{departments[0].pk}", CLERK, departments))
    return client


def page_image(client, record, page):
    response = client.get(reverse("disclosures:page_image", args=[record.pk, page]))
    assert response.status_code == 200
    return Image.open(io.BytesIO(b"".join(response.streaming_content)))


def test_a_huge_page_renders_within_the_pixel_budget(client, record, settings):
    image = page_image(signed_in(client, [record.department]), record, 1)
    assert image.width * image.height <= settings.PAGE_IMAGE_MAX_PIXELS
    assert image.width * image.height > settings.PAGE_IMAGE_MAX_PIXELS * 0.99  # not needlessly small


def test_a_normal_page_renders_at_the_normal_scale(client, record):
    image = page_image(signed_in(client, [record.department]), record, 2)
    assert image.size == (math.ceil(A4[0] * SCALE), math.ceil(A4[1] * SCALE))


def test_the_department_s_clerk_gets_the_source_pdf_inline(client, record, pdf_bytes):
    response = signed_in(client, [record.department]).get(reverse("disclosures:source_pdf", args=[record.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline")
    assert b"".join(response.streaming_content) == pdf_bytes


def test_a_clerk_of_another_department_gets_404(client, record):
    other = ingested(disclosure("教育局", 2025)).department
    response = signed_in(client, [other]).get(reverse("disclosures:source_pdf", args=[record.pk]))
    assert response.status_code == 404


def test_a_disclosure_without_a_stored_pdf_gives_404(client):
    record = ingested(disclosure("教育局", 2025))  # a source that is not a PDF is not stored
    response = signed_in(client, [record.department]).get(reverse("disclosures:source_pdf", args=[record.pk]))
    assert response.status_code == 404


def test_the_source_pdf_needs_a_login(client, record):
    response = client.get(reverse("disclosures:source_pdf", args=[record.pk]))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
