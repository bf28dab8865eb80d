"""Images of the source PDF's pages, rendered once with pypdfium2 and cached on disk."""
import math
from pathlib import Path

import pypdfium2
from django.conf import settings
from django.core.cache import cache
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.views import View

from ..models import Disclosure
from .base import StaffRequiredMixin

SCALE = 1.6  # 72 dpi × 1.6 ≈ 115 dpi: legible figures, small files


def cache_path(disclosure, page):
    return Path(settings.MEDIA_ROOT) / "page-cache" / disclosure.sha256 / f"{page}.png"


def scale_for(width, height):
    """The render scale of a ``width`` × ``height`` pt page: SCALE, or less when the image would
    pass ``settings.PAGE_IMAGE_MAX_PIXELS`` (a 200-inch page at SCALE takes seconds and gigabytes)."""
    budget = settings.PAGE_IMAGE_MAX_PIXELS
    scale = min(SCALE, math.sqrt(budget / (width * height)))
    while math.ceil(width * scale) * math.ceil(height * scale) > budget:  # pypdfium2 rounds up
        scale *= 0.999
    return scale


def render(disclosure, page):
    """The PNG of ``page`` (1-based), rendered on first request."""
    path = cache_path(disclosure, page)
    if not path.exists():
        with disclosure.source_pdf.open("rb") as fh:
            pdf = pypdfium2.PdfDocument(fh.read())
        try:
            if not 1 <= page <= len(pdf):
                raise Http404
            pdf_page = pdf[page - 1]
            image = pdf_page.render(scale=scale_for(*pdf_page.get_size())).to_pil()
        finally:
            pdf.close()
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        image.save(tmp, format="PNG", optimize=True)
        tmp.replace(path)
    return path


def page_size(disclosure, page):
    """(width, height) of a page in PDF points, for placing highlight boxes, or None.

    The sizes of all pages are read in one pass over the file and cached together.
    """
    key = f"page-sizes:{disclosure.sha256}"
    sizes = cache.get(key)
    if sizes is None:
        with disclosure.source_pdf.open("rb") as fh:
            pdf = pypdfium2.PdfDocument(fh.read())
        try:
            sizes = [tuple(p.get_size()) for p in pdf]
        finally:
            pdf.close()
        cache.set(key, sizes, None)
    return sizes[page - 1] if 1 <= page <= len(sizes) else None


class PageImageView(StaffRequiredMixin, View):
    def get(self, request, pk, page):
        disclosure = get_object_or_404(self.restrict(Disclosure.objects.all()), pk=pk)
        if not disclosure.source_pdf:
            raise Http404
        response = FileResponse(render(disclosure, page).open("rb"), content_type="image/png")
        response["Cache-Control"] = "private, max-age=86400"
        return response
