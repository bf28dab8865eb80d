"""How far a scan's reading can be trusted: warnings naming every doubtful value, and refusals.

Every value OCR read in a table cell carries its confidence; an amount read below
:data:`scanpage.LOW_CONFIDENCE`, or one whose look-alike letters were turned into digits, becomes a
warning with its page and row, for the clerk to check against the scan. A scan whose amounts are
mostly doubtful, or in which no budget table could be read, is refused with that reason.
"""
from statistics import median

from ..numbers import parse_amount
from . import UnreadableScan
from .scanpage import LOW_CONFIDENCE

MIN_MEDIAN = 0.8  # median confidence of a scan's amounts below which it is refused
MAX_DOUBTFUL = 0.2  # share of amounts read below LOW_CONFIDENCE above which it is refused


def amounts(pages):
    return [r for page in pages for r in getattr(page, "readings", ()) if parse_amount(r.text) is not None]


def check_readings(pages):
    """Warnings for the doubtful amounts of scanned ``pages``; UnreadableScan when too many are."""
    read = amounts(pages)
    if not read:
        return ["本文件为扫描件，经 OCR 识别"]
    doubtful = [r for r in read if r.confidence < LOW_CONFIDENCE or r.corrected]
    middle = median(r.confidence for r in read)
    if middle < MIN_MEDIAN or len(doubtful) > MAX_DOUBTFUL * len(read):
        raise UnreadableScan(f"扫描件不够清晰：{len(read)} 个金额中 {len(doubtful)} 个识别置信度低"
                             f"（中位数 {middle:.2f}），为避免误读金额，已停止解析；请上传更清晰的扫描件")
    out = [f"本文件为扫描件，经 OCR 识别：{len(read)} 个金额，置信度中位数 {middle:.2f}，"
           f"{len(doubtful)} 个需核对"]
    for r in doubtful:
        why = "字母按数字读" if r.corrected else "识别置信度低"
        out.append({"page": r.page, "bbox": [round(float(v), 1) for v in r.bbox], "row": r.row, "value": r.text,
                    "confidence": round(r.confidence, 3),
                    "message": f"第 {r.page} 页“{r.row}”行的金额 {r.text} {why}（{r.confidence:.2f}），请对照扫描件核对"})
    return out


def refuse_without_tables(pages):
    """Raise UnreadableScan saying why no budget table was read from the scanned ``pages``."""
    if not any(page.grids for page in pages):
        raise UnreadableScan("扫描件中没有找到表格线，无法识别预算表格")
    read = amounts(pages)
    if not read:
        raise UnreadableScan("扫描件的表格中没有识别出金额，无法读取预算表格")
    raise UnreadableScan("扫描件中识别出的表格没有预算公开表的标题（如“收支总表”），无法读取预算表格")
