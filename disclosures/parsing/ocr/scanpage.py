"""One scanned page → a :class:`~disclosures.parsing.pdf.Page`: grids from the rulings, cell text
from OCR of each text row inside a cell, page text from OCR of the rest of the page.

Positions are in PDF points (origin top-left), as the vector reader gives them, so titles, units
and tables are found by the same code. Every recognised cell keeps a :class:`Reading`.
"""
import re
import time
from dataclasses import dataclass

import cv2
import numpy as np

from .. import errors
from ..pdf import Line, Page
from . import UnreadableScan, engine, image
from .digits import clean_number
from .rulings import find_grids

MAX_PAGES = 300
PAGE_SECONDS = 120  # CPU seconds; a page taking longer is refused
INK_MIN = 6  # ink pixels below which a cell (or a row of it) is blank
PAD = 3  # pixels around a text crop
LOW_CONFIDENCE = 0.9
MARGIN = (0.15, 0.33)  # white margin of a text crop, above and below / left and right, in row heights


@dataclass
class Reading:
    """One cell's recognised text with its confidence (the weakest of its text rows)."""

    page: int
    row: str  # the first text of the cell's grid row not starting with a digit, to name it
    text: str
    confidence: float
    corrected: bool
    bbox: tuple


def read_scan(path, progress=None):
    """Yield each page of the scanned PDF at ``path``, read through OCR; ``progress`` (a callable)
    receives (pages read, page count) after each page."""
    pdf = image.open_pdf(path)
    try:
        if len(pdf) > MAX_PAGES:
            raise UnreadableScan(f"扫描件共 {len(pdf)} 页，超过 OCR 上限 {MAX_PAGES} 页")
        for index in range(len(pdf)):
            page = pdf[index]
            try:
                read = read_page(page, index + 1)
            finally:
                page.close()
            if progress is not None:
                progress(index + 1, len(pdf))
            yield read
    except errors.ParseError:
        raise
    except Exception as exc:
        raise errors.CorruptPdf("扫描件无法读取，PDF 文件可能已损坏") from exc
    finally:
        pdf.close()


class Clock:
    """The CPU time spent on one page (this process's, all threads), so a busy machine slows a page
    down without refusing it."""

    def __init__(self, number):
        self.number, self.end = number, time.process_time() + PAGE_SECONDS

    def check(self):
        if time.process_time() > self.end:
            raise UnreadableScan(f"第 {self.number} 页 OCR 超过 {PAGE_SECONDS} 秒，已停止识别")


def read_page(pdf_page, number):
    clock = Clock(number)
    width, height = pdf_page.get_size()
    dpi = image.scan_dpi(pdf_page)
    grey, dpi = image.enlarge(image.render(pdf_page, dpi), dpi)
    grey = image.rotate(grey, image.skew(image.binarise(grey), dpi))
    ink = image.binarise(grey)
    horizontal, vertical = image.line_masks(ink, dpi)
    scale = 72 / dpi
    grids = find_grids(horizontal, vertical, scale, number)
    rulings = cv2.dilate(horizontal | vertical, np.ones((int(dpi / 30), int(dpi / 30)), np.uint8))
    text_ink = cv2.bitwise_and(ink, cv2.bitwise_not(rulings))
    clock.check()
    readings = read_cells(grey, text_ink, rulings, grids, scale, number, clock)
    lines = read_free_text(grey, grids, scale, clock)
    page = Page(number, float(width), float(height), lines, grids)
    page.readings = readings
    return page


def text_rows(mask):
    """(top, bottom, left, right) pixel spans of the text rows in a cell's ink ``mask``."""
    filled = np.nonzero(mask.sum(axis=1) >= 255)[0]
    if len(filled) == 0:
        return []
    runs, start, prev = [], filled[0], filled[0]
    for y in filled[1:]:
        if y - prev > 1:
            runs.append((start, prev + 1))
            start = y
        prev = y
    runs.append((start, prev + 1))
    out = []
    for top, bottom in runs:
        band = mask[top:bottom]
        if np.count_nonzero(band) < INK_MIN:
            continue
        left, right = without_specks(np.nonzero(band.sum(axis=0))[0], bottom - top)
        out.append((top, bottom, left, right))
    return merge_thin(out)


def without_specks(cols, height):
    """(left, right) of a text row's inked columns ``cols`` without a speck at either end (ink
    narrower than a third of the row's height, set off by more than half of it: a ruling's stub or
    scanner dirt, which the recogniser would read as a character)."""
    gaps = np.nonzero(np.diff(cols) > height / 2)[0]
    clusters = np.split(cols, gaps + 1)
    while len(clusters) > 1 and clusters[-1][-1] - clusters[-1][0] + 1 < height / 3:
        clusters.pop()
    while len(clusters) > 1 and clusters[0][-1] - clusters[0][0] + 1 < height / 3:
        clusters.pop(0)
    return clusters[0][0], clusters[-1][-1] + 1


def leading_bar(row):
    """"一" or "一、" when a text row starts with a lone horizontal bar (一), optionally followed by a
    small mark no higher than the bar (、), else "": the recogniser tends to drop them. The bar: ink in
    every column of the first 0.6 row-heights, spanning under a quarter of the row's height."""
    height = row.shape[0]
    cols = np.nonzero(row.sum(axis=0))[0]
    if len(cols) < 2 or cols[-1] - cols[0] < height:
        return ""
    start = cols[0]
    window = row[:, start:start + int(0.6 * height)]
    head = np.nonzero(window.sum(axis=1))[0]
    if len(head) == 0 or head[-1] - head[0] + 1 >= height / 4 \
            or np.count_nonzero(window.any(axis=0)) < 0.9 * window.shape[1]:
        return ""
    bar_end, top, bottom = start + int(0.6 * height), max(0, head[0] - 1), head[-1] + 2
    while bar_end < row.shape[1] and row[top:bottom, bar_end].any() \
            and not row[:top, bar_end].any() and not row[bottom:, bar_end].any():
        bar_end += 1
    after = np.nonzero(row[:, bar_end:].sum(axis=0))[0]
    if len(after) == 0:
        return "一"
    first = bar_end + after[0]
    gaps = np.nonzero(np.diff(after) > 1)[0]
    last = bar_end + (after[gaps[0]] if len(gaps) else after[-1])
    mark = np.nonzero(row[:, first:last + 1].sum(axis=1))[0]
    small = last - first + 1 < 0.45 * height and mark[-1] - mark[0] + 1 < 0.45 * height
    return "一、" if small and mark[0] >= head[0] - 0.15 * height else "一"


def restore_lead(text, lead):
    """``text`` starting with ``lead`` (一 or 一、, seen in the image) where the recogniser dropped it,
    or added a 、 the image does not show; a number has no lead (the bar was a minus or a speck).
    The 一 of 一般 is not the lead: 一、一般 read as 一般 gets its lead back whole."""
    if lead == "一" and text.startswith("一、"):
        return "一" + text[2:]
    if not lead or text.startswith(lead) or text[:1].isdigit():
        return text
    for dropped in ("一、", "一", "、"):
        if text.startswith(dropped) and not text[len(dropped):].startswith("般"):
            return lead + text[len(dropped):]
    return lead + text


def dashes(text):
    """A leading 一 read as dashes (—, -) or doubled by them, before text (not a negative
    number), as the one 一 printed."""
    text = re.sub(r"^(一、)[—–\-－]+", r"\1", text)
    return re.sub(r"^一?[—–\-－]+(?=[^\d.\-—–－])", "一", text)


def quotes(text):
    """Curly double quotes paired as printed: OCR often reads a closing ” as an opening “, or
    either as a straight ""."""
    out, opening = [], True
    for ch in text:
        if ch in "“”〝〞\"＂":
            ch = "“" if opening else "”"
            opening = not opening
        out.append(ch)
    return "".join(out)


def merge_thin(rows):
    """Join a row much thinner than its neighbours (a stray dot, a comma's tail) to the nearest."""
    if len(rows) < 2:
        return rows
    tallest = max(b - t for t, b, _, _ in rows)
    out = []
    for row in rows:
        if out and (row[1] - row[0] < tallest / 3 or out[-1][1] - out[-1][0] < tallest / 3) \
                and row[0] - out[-1][1] < tallest / 2:
            last = out.pop()
            row = (last[0], row[1], min(last[2], row[2]), max(last[3], row[3]))
        out.append(row)
    return out


def read_cells(grey, text_ink, rulings, grids, scale, number, clock):
    """Fill every grid cell's ``lines`` with its recognised text rows; the :class:`Reading` of each."""
    clean = np.where(rulings > 0, 255, grey).astype(np.uint8)
    jobs, crops = [], []
    for grid in grids:
        seen = set()
        for row in grid.matrix:
            for cell in row:
                if cell is None or id(cell) in seen:
                    continue
                seen.add(id(cell))
                x0, y0 = int(cell.x0 / scale) + 2, int(cell.top / scale) + 2
                x1, y1 = int(cell.x1 / scale) - 2, int(cell.bottom / scale) - 2
                if x1 <= x0 or y1 <= y0:
                    continue
                mask = text_ink[y0:y1, x0:x1]
                if np.count_nonzero(mask) < INK_MIN:
                    continue
                for top, bottom, left, right in text_rows(mask):
                    crops.append(crop(clean, (x0, y0, x1, y1), x0 + left, y0 + top, x0 + right, y0 + bottom))
                    jobs.append((cell, leading_bar(mask[top:bottom, left:right])))
    results = recognise(crops, clock)
    texts = {}
    for (cell, lead), (text, score) in zip(jobs, results, strict=True):
        text = restore_lead(dashes(quotes(text)), lead).replace("一、般", "一般").replace("一股", "一般")
        # no list item starts with 般; 一股 is 一般 misread
        texts.setdefault(id(cell), (cell, []))[1].append((text, score))
    values = {}
    column_numbers(grids, texts)
    for key, (cell, rows) in texts.items():
        joined = "".join(text for text, _ in rows)
        value, corrected = clean_number(joined)
        cell.lines = [value] if value != joined else [text for text, _ in rows if text]
        values[key] = (value, min(score for _, score in rows), corrected)
    readings = []
    for grid in grids:
        for r in range(grid.n_rows):
            label = next((t for t in grid.texts(r) if t and not t[0].isdigit()), "")
            for cell in grid.row_cells(r):
                if cell.row == r and id(cell) in values:
                    readings.append(Reading(number, label, *values[id(cell)], cell.bbox))
    return readings


def recognise(crops, clock):
    """(text, confidence) of each crop; a crop read below :data:`LOW_CONFIDENCE` is read again
    binarised (:func:`sharpen`), and the more confident of the two readings kept."""
    results = []
    for start in range(0, len(crops), 64):
        results += engine.recognise(crops[start:start + 64])
        clock.check()
    doubtful = [i for i, (_, score) in enumerate(results) if score < LOW_CONFIDENCE]
    for i, again in zip(doubtful, engine.recognise([sharpen(crops[i]) for i in doubtful]), strict=True):
        if again[1] > results[i][1]:
            results[i] = again
    clock.check()
    return results


def sharpen(crop):
    """``crop`` smoothed and thresholded (Otsu) to black on white: scanner noise and grey edges
    gone, which often decides a character read with doubt (入 or 人)."""
    _, black = cv2.threshold(cv2.GaussianBlur(crop, (3, 3), 0), 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    return black


def column_numbers(grids, texts):
    """The row that numbers the columns (``※ ※ 1 2 3``): its single characters before the numbers
    become ※, which OCR reads as anything (X, ￥, 茶), and those among them the numbers they stand
    for (S for 5). The row is told by its cells: single characters, then numbers counting up (at
    least two, most of them read as numbers)."""
    for grid in grids:
        for r in range(grid.n_rows):
            read = [texts[id(c)][1] for c in grid.row_cells(r) if id(c) in texts]
            flat = ["".join(t for t, _ in rows).strip() for rows in read]
            first = next((i for i, t in enumerate(flat) if t.isdigit() and len(t) <= 2), None)
            if not first or any(len(t) != 1 for t in flat[:first]):
                continue
            start = int(flat[first]) - first
            wanted = [str(start + i) for i in range(first, len(flat))]
            hits = sum(t == w for t, w in zip(flat[first:], wanted, strict=True))
            if hits < 2 or hits * 3 < len(wanted) * 2 \
                    or any(t != w and len(t) != 1 for t, w in zip(flat[first:], wanted, strict=True)):
                continue
            for i, (rows, t) in enumerate(zip(read, flat, strict=True)):
                shown = "※" if i < first else wanted[i - first]
                if t != shown:
                    rows[:] = [(shown, min(score for _, score in rows))]


def crop(clean, inside, x0, y0, x1, y1):
    """The text row (x0, y0)–(x1, y1) of a cell (``inside``: its interior) on a white margin."""
    left, top, right, bottom = inside
    part = clean[max(top, y0 - PAD):min(bottom, y1 + PAD), max(left, x0 - PAD):min(right, x1 + PAD)]
    v, h = int(MARGIN[0] * (y1 - y0)) + 2, int(MARGIN[1] * (y1 - y0)) + 2
    return cv2.copyMakeBorder(part, v, v, h, h, cv2.BORDER_CONSTANT, value=255)


def read_free_text(grey, grids, scale, clock):
    """The page's text outside its grids as :class:`Line` objects, one per printed line."""
    masked = grey.copy()
    for grid in grids:
        x0, top, x1, bottom = (int(v / scale) for v in grid.bbox)
        masked[max(0, top - 2):bottom + 3, max(0, x0 - 2):x1 + 3] = 255
    quads = engine.detect(masked)
    clock.check()
    if not quads:
        return []
    results = engine.recognise([engine.crop_quad(masked, q) for q in quads])
    clock.check()
    boxes = []
    for quad, (text, _) in zip(quads, results, strict=True):
        text = quotes(" ".join(text.split()))
        if text:
            xs, ys = quad[:, 0] * scale, quad[:, 1] * scale
            boxes.append((float(ys.min()), float(ys.max()), float(xs.min()), float(xs.max()), text))
    return join_lines(boxes)


def join_lines(boxes):
    """Boxes whose vertical centres share a band become one line, left to right, space-joined."""
    rows = []
    for box in sorted(boxes, key=lambda b: (b[0] + b[1]) / 2):
        centre = (box[0] + box[1]) / 2
        if rows and rows[-1][0][0] <= centre <= rows[-1][0][1]:
            rows[-1].append(box)
        else:
            rows.append([box])
    lines = []
    for row in rows:
        row.sort(key=lambda b: b[2])
        top, bottom = min(b[0] for b in row), max(b[1] for b in row)
        size = round(min(b[1] - b[0] for b in row) / 1.15 * 2) / 2
        lines.append(Line(" ".join(b[4] for b in row), row[0][2], top, max(b[3] for b in row), bottom, size))
    return lines
