"""A copy of a disclosure's PDF with its findings on it, as GovBudgetChecker offers.

Every finding whose records carry a source box (budget lines; performance targets and indicators)
outlines them on their page: one Square annotation per row, coloured by severity (error red, warning
orange, info blue; nested where findings share a row), the first carrying the finding's message in its popup and the others grouped
with it (``/IRT`` + ``/RT /Group``), so a viewer shows one note per finding and page. Each Square
has its own appearance stream, so every viewer draws it alike. The PDF is otherwise unchanged.

Boxes are stored in pdfplumber's coordinates (origin top-left of the page as displayed, see
disclosure-v1); :func:`user_rect` turns them back into the page's user space, undoing the page's
``/Rotate`` and MediaBox as pdfminer applied them.
"""
import io
from collections import defaultdict

from django.utils.translation import gettext as _
from pypdf import PdfReader, PdfWriter
from pypdf.annotations import Popup, Rectangle
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    FloatObject,
    NameObject,
    NumberObject,
    TextStringObject,
)

from .models import Finding
from .report import SEVERITY_ORDER

COLOURS = {Finding.Severity.ERROR: (0.85, 0.1, 0.1), Finding.Severity.WARNING: (0.95, 0.55, 0.0),
           Finding.Severity.INFO: (0.1, 0.4, 0.9)}
LINE_WIDTH = 1.5
PAD = 1.0  # points between a row's box and its outline
PRINT = 4  # annotation flag: printed with the page
POPUP_SIZE = (220, 90)


class NoSourcePdf(Exception):
    """The disclosure has no stored PDF (it was imported from disclosure-v1 JSON)."""


def user_rect(bbox, mediabox, rotation):
    """``bbox`` = (x0, top, x1, bottom) as pdfplumber gives it → (x0, y0, x1, y1) in the page's user space.

    pdfminer maps user space through the page's MediaBox (mx0, my0, mx1, my1) and ``/Rotate`` onto the
    displayed page, and pdfplumber flips it to a top-left origin; this inverts both, corner by corner.
    """
    mx0, my0, mx1, my1 = min(mediabox[0], mediabox[2]), min(mediabox[1], mediabox[3]), \
        max(mediabox[0], mediabox[2]), max(mediabox[1], mediabox[3])
    rotation %= 360

    def point(x, top):
        if rotation == 90:
            return top + 2 * mx0, x
        if rotation == 180:
            return mx0 + mx1 - x, top + 2 * my0
        if rotation == 270:
            return mx1 - mx0 - top, my0 + my1 - x
        return x, (my1 - my0) - top

    x0, top, x1, bottom = bbox
    (ax, ay), (bx, by) = point(x0, top), point(x1, bottom)
    return min(ax, bx), min(ay, by), max(ax, bx), max(ay, by)


def boxed_records(finding):
    """The records of ``finding`` that say where they were printed: (page, bbox) of each."""
    records = [*finding.lines.all(), finding.target, finding.indicator]
    return [(r.source_page, r.source_bbox) for r in records
            if r is not None and r.source_page and r.source_bbox and len(r.source_bbox) == 4]


def marks(disclosure):
    """``{page: [(finding, [bbox, ...]), ...]}``: the findings with source boxes, errors first, by page."""
    findings = (Finding.objects.filter(disclosure=disclosure)
                .select_related("target", "indicator", "overridden_by").prefetch_related("lines"))
    by_page = defaultdict(list)
    for finding in sorted(findings, key=lambda f: (SEVERITY_ORDER.get(f.severity, 9), f.rule, f.pk)):
        boxes = defaultdict(list)
        for page, bbox in boxed_records(finding):
            boxes[page].append(bbox)
        for page, page_boxes in boxes.items():
            by_page[page].append((finding, page_boxes))
    return dict(by_page)


def note(finding):
    """The text of a finding's annotation: rule, severity, message and any 放行."""
    text = f"{finding.rule} {finding.title}（{finding.get_severity_display()}）：{finding.message}"
    if finding.overridden:
        text += "\n" + _("已放行：%(reason)s") % {"reason": finding.override_reason}
    return text


def appearance(writer, rect, colour):
    """A form XObject that strokes ``rect``'s outline in ``colour``."""
    width, height = rect[2] - rect[0], rect[3] - rect[1]
    inset = LINE_WIDTH / 2
    stream = DecodedStreamObject()
    stream.set_data((f"{colour[0]} {colour[1]} {colour[2]} RG {LINE_WIDTH} w "
                     f"{inset} {inset} {width - LINE_WIDTH:.2f} {height - LINE_WIDTH:.2f} re S").encode())
    stream.update({NameObject("/Type"): NameObject("/XObject"), NameObject("/Subtype"): NameObject("/Form"),
                   NameObject("/BBox"): ArrayObject([FloatObject(0), FloatObject(0), FloatObject(width),
                                                     FloatObject(height)])})
    return DictionaryObject({NameObject("/N"): writer._add_object(stream)})


def outline(writer, index, rect, finding, text, colour, group=None):
    """Add one Square around ``rect`` on page ``index``; grouped with ``group``'s when given."""
    kwargs = {"in_reply_to": group, "reply_type": "Group"} if group is not None else {}
    square = Rectangle(rect, title_bar=finding.get_severity_display(), **kwargs)
    square.update({
        NameObject("/C"): ArrayObject([FloatObject(c) for c in colour]),
        NameObject("/BS"): DictionaryObject({NameObject("/W"): FloatObject(LINE_WIDTH)}),
        NameObject("/Contents"): TextStringObject(text),
        NameObject("/Subj"): TextStringObject(f"{finding.rule} {finding.title}"),
        NameObject("/F"): NumberObject(PRINT),
        NameObject("/AP"): appearance(writer, rect, colour),
    })
    return writer.add_annotation(index, square)


def annotate_page(writer, index, page_marks):
    """Outline each finding's boxes on page ``index``; a row several findings share gets nested outlines."""
    page = writer.pages[index]
    mediabox, rotation = [float(v) for v in page.mediabox], page.rotation
    drawn = defaultdict(int)  # box → outlines around it so far
    for finding, boxes in page_marks:
        text, colour = note(finding), COLOURS.get(finding.severity, COLOURS[Finding.Severity.INFO])
        primary = None
        for bbox in boxes:
            x0, y0, x1, y1 = user_rect(bbox, mediabox, rotation)
            pad = PAD + drawn[tuple(bbox)] * (LINE_WIDTH + 0.5)
            drawn[tuple(bbox)] += 1
            rect = (x0 - pad, y0 - pad, x1 + pad, y1 + pad)
            added = outline(writer, index, rect, finding, text, colour, group=primary)
            if primary is None:
                primary = added
                right, top = min(rect[2] + POPUP_SIZE[0], mediabox[2]), rect[3]
                writer.add_annotation(index, Popup(  # pypdf links it as the primary's /Popup
                    rect=(right - POPUP_SIZE[0], top - POPUP_SIZE[1], right, top), parent=primary))


def annotated_pdf(disclosure):
    """The bytes of the disclosure's PDF with its findings annotated; :class:`NoSourcePdf` without one."""
    if not disclosure.source_pdf:
        raise NoSourcePdf
    with disclosure.source_pdf.open("rb") as fh:
        writer = PdfWriter(clone_from=PdfReader(io.BytesIO(fh.read())))
    for page, page_marks in sorted(marks(disclosure).items()):
        if 1 <= page <= len(writer.pages):
            annotate_page(writer, page - 1, page_marks)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()
