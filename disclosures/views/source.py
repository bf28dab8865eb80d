"""The stored source PDF of a disclosure, for those who may see the disclosure, and the page of it
shown beside a record."""
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.views import View

from ..ingest_ocr import doubts
from ..models import Disclosure
from .base import StaffRequiredMixin
from .pages import page_size


def page_view(disclosure, page, record=None):
    """What the page image beside a record shows: PDF ``page``; on ``record``'s own page, its box
    (``source_bbox``); on a page read by OCR, the boxes of the values to check against the scan. Boxes
    in percent of the page; None without a source PDF or a page."""
    if not disclosure.source_pdf or not page:
        return None
    box, doubtful = None, []
    size = page_size(disclosure, page)
    bbox = getattr(record, "source_bbox", None)
    if size and bbox and record.source_page == page:
        box = in_percent(bbox, size)
    if size and disclosure.read_by_ocr:
        doubtful = [{**in_percent(d["bbox"], size), "message": d["message"]}
                    for d in doubts(disclosure.warnings) if d["page"] == page and not d["confirmed"]]
    return {"page": page, "box": box, "doubtful": doubtful, "last": disclosure.page_count or page}


def in_percent(bbox, size):
    """A PDF box ``[x0, top, x1, bottom]`` as CSS percentages of a page of ``size`` (width, height)."""
    width, height = size
    x0, top, x1, bottom = bbox
    return {"left": 100 * x0 / width, "top": 100 * top / height,
            "width": 100 * (x1 - x0) / width, "height": 100 * (bottom - top) / height}


class SourcePdfView(StaffRequiredMixin, View):
    """The PDF shown in the browser (inline); under the access rule like the page images, 404 without a PDF."""

    def get(self, request, pk):
        disclosure = get_object_or_404(self.restrict(Disclosure.objects.all()), pk=pk)
        if not disclosure.source_pdf:
            raise Http404
        name = disclosure.source_name or f"{disclosure.sha256}.pdf"
        response = FileResponse(disclosure.source_pdf.open("rb"), content_type="application/pdf",
                                as_attachment=False, filename=name)
        response["Cache-Control"] = "private, max-age=86400"
        return response
