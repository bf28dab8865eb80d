"""pdfplumber pages that keep only what the parser reads of each character and path.

pdfplumber turns every pdfminer layout object into a dict of some thirty attributes, resolving
colours and colour spaces along the way; on a table page that costs about as much as the table
finder itself. :class:`LeanPage` builds, for characters and paths, just the keys the parser
(:mod:`.pdf`) and pdfplumber's table finder use (position, size, text, points); every other
object is processed by pdfplumber as usual.
"""
from unicodedata import normalize

import pdfplumber
from pdfminer.layout import LTChar, LTCurve, LTLine, LTRect

PATH_KINDS = ((LTRect, "rect"), (LTLine, "line"), (LTCurve, "curve"))


class LeanPage(pdfplumber.page.Page):
    def process_object(self, obj):
        if isinstance(obj, LTChar):
            text = obj.get_text()
            if self.pdf.unicode_norm is not None:
                text = normalize(self.pdf.unicode_norm, text)
            attr = {"object_type": "char", "text": text, "size": obj.size, "fontname": obj.fontname,
                    "upright": obj.upright, "width": obj.width, "height": obj.height}
        else:
            kind = next((name for cls, name in PATH_KINDS if isinstance(obj, cls)), None)
            if kind is None:
                return super().process_object(obj)
            attr = {"object_type": kind, "width": obj.width, "height": obj.height, "stroke": obj.stroke,
                    "fill": obj.fill, "linewidth": obj.linewidth, "pts": list(map(self.point2coord, obj.pts))}
        attr["page_number"] = self.page_number
        mb_x0, mb_top = self.mediabox[:2]
        attr["x0"], attr["x1"] = obj.x0 + mb_x0, obj.x1 + mb_x0
        attr["y0"], attr["y1"] = obj.y0, obj.y1
        attr["top"] = (self.height - obj.y1) + mb_top
        attr["bottom"] = (self.height - obj.y0) + mb_top
        attr["doctop"] = self.initial_doctop + attr["top"]
        return attr


class LeanPdf(pdfplumber.PDF):
    """A pdfplumber PDF whose pages are :class:`LeanPage`."""

    @property
    def pages(self):
        if not hasattr(self, "_pages"):
            self._pages, doctop = [], 0
            for number, page in enumerate(pdfplumber.pdf.PDFPage.create_pages(self.doc), start=1):
                lean = LeanPage(self, page, page_number=number, initial_doctop=doctop)
                self._pages.append(lean)
                doctop += lean.height
        return self._pages
