"""How far a scan's reading can be trusted: warnings naming every doubtful value, and refusals.

Every value OCR read in a table cell carries its confidence; an amount read below
:data:`scanpage.LOW_CONFIDENCE` becomes a warning with its page and row, for the clerk to check
against the scan. An amount read with look-alike characters (O → 0, l → 1, a full stop for a
thousands comma) is rewritten as the number it shows and warned too, saying whether the table's own
sums on that page confirm it (no total there differs from its rows); unconfirmed, it stays doubtful. A scan whose amounts are
largely unreadable, or in which no budget table could be read, is refused with that reason.
"""
from statistics import median

from ..numbers import parse_amount
from . import UnreadableScan
from .scanpage import LOW_CONFIDENCE

MIN_MEDIAN = 0.85  # median confidence of a scan's amounts below which it is refused
UNREADABLE = 0.75  # an amount read below this confidence is taken as unreadable …
MAX_UNREADABLE = 0.15  # … and a scan with a larger share of them is refused


def amounts(pages):
    return [r for page in pages for r in getattr(page, "readings", ()) if parse_amount(r.text) is not None]


def check_readings(pages):
    """Warnings for the doubtful amounts of scanned ``pages``; UnreadableScan when too many are.

    The first is one ``{"kind": "ocr", "message", "readings"}`` object: the summary, and every
    amount read as ``[page, row, value, confidence]``."""
    read = amounts(pages)
    if not read:
        return [summary("本文件为扫描件，经 OCR 识别", read)]
    doubtful = [r for r in read if r.confidence < LOW_CONFIDENCE and not r.corrected]
    unreadable = sum(1 for r in read if r.confidence < UNREADABLE)
    middle = median(r.confidence for r in read)
    if middle < MIN_MEDIAN or unreadable > MAX_UNREADABLE * len(read):
        raise UnreadableScan(f"扫描件不够清晰：{len(read)} 个金额中 {unreadable} 个识别置信度低于 {UNREADABLE}"
                             f"（中位数 {middle:.2f}），为避免误读金额，已停止解析；请上传更清晰的扫描件")
    out = [summary(f"本文件为扫描件，经 OCR 识别：{len(read)} 个金额，置信度中位数 {middle:.2f}，"
                   f"{len(doubtful)} 个需核对", read)]
    for r in doubtful:
        out.append(doubt(r, f"识别置信度低（{r.confidence:.2f}），请对照扫描件核对"))
    return out


def summary(message, read):
    return {"kind": "ocr", "message": message,
            "readings": [[r.page, r.row, r.text, round(r.confidence, 3)] for r in read]}


def doubt(reading, why):
    return {"page": reading.page, "bbox": [round(float(v), 1) for v in reading.bbox], "row": reading.row,
            "value": reading.text, "confidence": round(reading.confidence, 3),
            "message": f"第 {reading.page} 页“{reading.row}”行的金额 {reading.text} {why}"}


def corrections(pages, warnings):
    """Warnings for the amounts read with look-alike characters, each saying whether
    the sums checked on its page (the ``warnings`` of :mod:`..verify` so far) confirm it."""
    out = []
    for r in amounts(pages):
        if r.corrected:
            differs = any(isinstance(w, str) and f"第 {r.page} 页" in w and "不符" in w for w in warnings)
            why = "由易混字符（字母、逗号与句点）改读，" + ("本页合计不符，请对照扫描件核对" if differs else "已由本页合计确认")
            out.append({**doubt(r, why), "confirmed": not differs})
    return out


def refuse_without_tables(pages):
    """Raise UnreadableScan saying why no budget table was read from the scanned ``pages``."""
    if not any(page.grids for page in pages):
        raise UnreadableScan("扫描件中没有找到表格线，无法识别预算表格")
    read = amounts(pages)
    if not read:
        raise UnreadableScan("扫描件的表格中没有识别出金额，无法读取预算表格")
    raise UnreadableScan("扫描件中识别出的表格没有预算公开表的标题（如“收支总表”），无法读取预算表格")
