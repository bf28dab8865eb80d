"""Scanned disclosures: page images read through OCR into the pages the vector parser reads.

A PDF without a text layer is rendered page by page (:mod:`.image`; a coarse scan enlarged to
:data:`.image.READ_DPI`), its ruling lines found and turned into the same grids a vector PDF gives
(:mod:`.rulings`), and the text of every cell and of the page outside the tables recognised by
RapidOCR (:mod:`.engine`), so that tables, headers, vocabulary and checks apply unchanged. Each recognised value keeps its confidence
(:class:`.scanpage.Reading`); a scan that cannot be read reliably is refused (:class:`UnreadableScan`).
"""
from ..errors import NoTextLayer


class UnreadableScan(NoTextLayer):
    """A PDF without a text layer whose page images OCR could not read reliably."""

    code = "unreadable_scan"
    default_message = "扫描件无法可靠识别"


def available():
    """True when the OCR engine (RapidOCR with its bundled models) can be imported."""
    try:
        import rapidocr_onnxruntime  # noqa: F401
    except ImportError:
        return False
    return True


def read_pages(path, progress=None):
    """Yield a :class:`~disclosures.parsing.pdf.Page` per page of the scanned PDF at ``path``;
    ``progress``, a callable, receives (pages read, page count) after each page."""
    from .scanpage import read_scan

    yield from read_scan(path, progress)


def check_readings(pages):
    """Warnings for the doubtful values of scanned ``pages`` (see :mod:`.trust`)."""
    from .trust import check_readings

    return check_readings(pages)


def corrections(pages, warnings):
    """Warnings for amounts read with look-alike characters, confirmed or not by the sums (see :mod:`.trust`)."""
    from .trust import corrections

    return corrections(pages, warnings)


def refuse_without_tables(pages):
    """Raise :class:`UnreadableScan` saying why no table was read (see :mod:`.trust`)."""
    from .trust import refuse_without_tables

    refuse_without_tables(pages)
