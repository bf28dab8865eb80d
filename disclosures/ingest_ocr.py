"""What OCR read, from the parser's warnings onto the records.

A scanned disclosure's warnings carry one ``{"kind": "ocr", "message", "readings"}`` object whose
``readings`` are ``[page, row, value, confidence]``, one per amount read; earlier parses said only
"本文件为扫描件，经 OCR 识别". A reading gives its confidence to the amount cell printed on that page,
in a line of that name (whitespace aside), with that value. Readings that find no such cell are
ignored; where several cells fit, each takes a reading only when there are exactly as many readings
as cells (the same value twice in a row), and then the least sure of them: a reading is never
guessed onto a cell.
"""
import re
from collections import defaultdict
from decimal import Decimal, InvalidOperation

from .parsing.numbers import parse_amount, split_code_name

OCR_KIND = "ocr"
OCR_PREFIX = "本文件为扫描件，经 OCR 识别"
SPACE_RE = re.compile(r"\s+")


def ocr_summary(warnings):
    """The ``{"kind": "ocr", ...}`` warning of ``warnings``, or None."""
    return next((w for w in warnings or () if isinstance(w, dict) and w.get("kind") == OCR_KIND), None)


def read_by_ocr(warnings):
    """Whether the parser read the document by OCR (its summary warning, or the older sentence)."""
    return ocr_summary(warnings) is not None or any(
        isinstance(w, str) and w.startswith(OCR_PREFIX) for w in warnings or ())


def doubt(warning):
    """A parser warning about a single value, well formed, as ``page``, ``bbox``, ``row`` key, printed
    ``value``, ``confidence``, ``message`` and ``confirmed`` (the sums confirmed a corrected reading);
    None for any other warning."""
    if not isinstance(warning, dict) or warning.get("kind") or type(warning.get("page")) is not int:
        return None
    bbox, value = warning.get("bbox"), warning.get("value")
    if not (isinstance(bbox, list) and len(bbox) == 4 and all(isinstance(v, (int, float)) for v in bbox)):
        return None
    return {"page": warning["page"], "bbox": bbox, "row": row_key(warning.get("row") or ""),
            "value": parse_amount(value) if isinstance(value, str) else None,
            "confidence": warning.get("confidence"), "message": str(warning.get("message") or ""),
            "confirmed": warning.get("confirmed") is True}


def doubts(warnings):
    """The well-formed warnings about single values (:func:`doubt`) of ``warnings``."""
    return [d for d in map(doubt, warnings or ()) if d is not None]


def row_key(text):
    """A row label as compared: without its code and its whitespace."""
    _code, name = split_code_name(SPACE_RE.sub(" ", str(text)))
    return SPACE_RE.sub("", name)


def readings(warnings):
    """``(page, row key, printed value, confidence)`` of each well-formed reading; others are skipped."""
    for reading in (ocr_summary(warnings) or {}).get("readings") or ():
        if not isinstance(reading, (list, tuple)) or len(reading) != 4:
            continue
        page, row, value, confidence = reading
        printed = parse_amount(value) if isinstance(value, str) else None
        if type(page) is not int or not isinstance(row, str) or printed is None:
            continue
        try:
            confidence = Decimal(str(confidence)).quantize(Decimal("0.001"))
        except (InvalidOperation, ValueError, TypeError):
            continue
        if Decimal(0) <= confidence <= Decimal(1):
            yield page, row_key(row), printed, confidence


def pages_of(line, table):
    """The pages a line of ``table`` may be printed on: its own, else its table's."""
    return [line.source_page] if line.source_page else table.pages


def mark_confidences(cells, warnings):
    """Set ``ocr_confidence`` on the unsaved LineAmount ``cells`` (each with its ``line`` and the line's
    ``table``) from the readings in ``warnings``; a line without its own page may be on any of its table's."""
    wanted = defaultdict(list)
    for page, row, printed, confidence in readings(warnings):
        wanted[page, row, printed].append(confidence)
    if not wanted:
        return
    found = defaultdict(list)
    for cell in cells:
        for page in pages_of(cell.line, cell.line.table):
            key = (page, row_key(cell.line.name), cell.printed)
            if key in wanted:
                found[key].append(cell)
    for key, fitting in found.items():
        confidences = wanted[key]
        if len(fitting) == len(confidences):
            least = min(confidences)
            for cell in fitting:
                cell.ocr_confidence = least if cell.ocr_confidence is None else min(cell.ocr_confidence, least)
