"""Open a PDF defensively and turn each page into text lines and ruled-table grids.

This is the only module that talks to pdfplumber. Text is assigned to table cells by
position (each character goes to the cell that holds its centre), so text drawn slightly
off its ruling grid still lands in the right cell. Pages are closed as soon as they are
read, so memory stays flat however long the document is.
"""
import re
import zlib
from bisect import bisect_right
from dataclasses import dataclass, field
from pathlib import Path

from pdfminer.pdfdocument import PDFPasswordIncorrect
from pdfminer.pdfinterp import LITERAL_FORM
from pdfminer.pdftypes import LITERALS_FLATE_DECODE, PDFStream, dict_value, resolve1
from pdfplumber.utils.exceptions import PdfminerException

from . import errors
from .pdfpage import LeanPdf

# Horizontal gap (points) between two characters that reads as a space, as in pdfplumber.
SPACE_GAP = 3.0
# Characters whose tops differ by less than this share a text line.
LINE_TOLERANCE = 3.0
# Two identical characters closer than this are one fake-bold glyph drawn twice.
DEDUPE_TOLERANCE = 1.0

SIGNATURES = [
    (b"\x89PNG", "PNG 图片"),
    (b"\xff\xd8\xff", "JPEG 图片"),
    (b"GIF8", "GIF 图片"),
    (b"II*\x00", "TIFF 图片"),
    (b"MM\x00*", "TIFF 图片"),
    (b"PK\x03\x04", "ZIP 压缩包或 Office 文档（docx/xlsx）"),
    (b"\xd0\xcf\x11\xe0", "旧版 Office 文档（doc/xls）"),
    (b"{\\rtf", "RTF 文档"),
    (b"Rar!", "RAR 压缩包"),
    (b"7z\xbc\xaf", "7z 压缩包"),
]


# An XObject drawn by a content stream: its resource name followed by the Do operator.
DRAW = re.compile(rb"/([^\s/\[\]<>(){}%]+)\s*Do(?![^\s/\[\]<>(){}%])")
# A content-stream operator (re, Tj, T*, ', "): a bare word of up to three characters. Words inside
# strings count too, so this may overcount, never undercount, the operators pdfminer will run.
OPERATOR = re.compile(rb"(?<![\w/#.+-])[A-Za-z'\"*][A-Za-z*0-9]{0,2}(?!\w)")
# The data of an inline image (BI … ID data EI), not operators however its bytes look.
INLINE_IMAGE_DATA = re.compile(rb"(?<!\w)ID\s.*?\sEI(?!\w)", re.DOTALL)


@dataclass
class Limits:
    """Caps on the work spent on one page, checked before pdfminer interprets it.

    ``max_content_bytes`` bounds the decoded content the page draws, a Form XObject's content
    counted each time it is drawn, and ``max_operators`` the operators in it (pdfminer spends
    10–75 µs on each, so 100,000 take a few seconds; a real disclosure page has under 10,000);
    ``max_draws`` bounds the XObjects (forms and images) drawn, nested ones included;
    ``max_depth`` bounds how deep forms are nested.
    """

    max_content_bytes: int = 8 * 1024 * 1024
    max_operators: int = 100_000
    max_draws: int = 2_000
    max_depth: int = 12
    max_objects: int = 200_000


@dataclass
class Line:
    """One line of text: characters sharing a baseline, spaces restored from gaps."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float = 0.0

    @property
    def bbox(self):
        return (self.x0, self.top, self.x1, self.bottom)


@dataclass
class Cell:
    """A ruled table cell; ``lines`` are its wrapped text lines, ``text`` them joined."""

    x0: float
    top: float
    x1: float
    bottom: float
    row: int = 0
    col: int = 0
    rowspan: int = 1
    colspan: int = 1
    lines: list = field(default_factory=list)

    @property
    def text(self):
        return "".join(self.lines)

    @property
    def bbox(self):
        return (self.x0, self.top, self.x1, self.bottom)


@dataclass
class Grid:
    """A ruled table on one page: ``matrix[r][c]`` is the cell covering that slot."""

    page: int
    bbox: tuple
    matrix: list
    col_edges: list
    row_edges: list

    @property
    def n_rows(self):
        return len(self.matrix)

    @property
    def n_cols(self):
        return len(self.col_edges) - 1

    def row_cells(self, r):
        """The distinct cells of row ``r``, left to right (a spanning cell once)."""
        seen, out = set(), []
        for cell in self.matrix[r]:
            if cell is not None and id(cell) not in seen:
                seen.add(id(cell))
                out.append(cell)
        return out

    def texts(self, r):
        """Row ``r`` as one text per column slot (a spanning cell in its first slot only)."""
        out = []
        for c, cell in enumerate(self.matrix[r]):
            first = cell is not None and cell.col == c and cell.row == r
            out.append(cell.text if first else "")
        return out


@dataclass
class Page:
    number: int
    width: float
    height: float
    lines: list  # text lines outside every grid, top to bottom
    grids: list

    @property
    def text(self):
        return "\n".join(line.text for line in self.lines)

    @property
    def landscape(self):
        return self.width > self.height


def check_file(path):
    """Raise the matching ParseError when ``path`` is not a readable, whole PDF."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise errors.ParseError(f"无法打开文件：{exc.strerror}") from exc
    if size == 0:
        raise errors.EmptyFile()
    with path.open("rb") as fh:
        head = fh.read(1024)
        fh.seek(max(0, size - 2048))
        tail = fh.read()
    if b"%PDF-" not in head:
        raise errors.NotAPdf(f"不是 PDF 文件（看起来是{describe(head)}）")
    if b"%%EOF" not in tail:
        raise errors.CorruptPdf("PDF 文件不完整：缺少文件结尾（可能下载或上传时被截断）")


def describe(head):
    """Name the kind of file whose first bytes are ``head``."""
    for signature, name in SIGNATURES:
        if head.startswith(signature):
            return name
    stripped = head.lstrip().lower()
    if stripped.startswith((b"<!doctype html", b"<html")):
        return " HTML 网页"
    try:
        head.decode("utf-8")
    except UnicodeDecodeError:
        return "未知格式的二进制文件"
    return "纯文本文件"


def read_pages(path, limits=None, progress=None):
    """Yield a :class:`Page` per page of the PDF at ``path``, closing each as it goes; ``progress``
    (optional) is called with (pages read, page count) after each."""
    limits = limits or Limits()
    check_file(path)
    try:
        pdf = LeanPdf.open(path)
    except Exception as exc:  # pdfminer raises many ad-hoc types for broken files
        # pdfplumber wraps whatever pdfminer raised in a PdfminerException.
        cause = exc.args[0] if isinstance(exc, PdfminerException) and exc.args else exc
        if isinstance(cause, PDFPasswordIncorrect) or "password" in str(cause).lower() \
                or "encrypt" in type(cause).__name__.lower():
            raise errors.EncryptedPdf() from exc
        raise errors.CorruptPdf() from exc
    with pdf:
        try:
            pages = pdf.pages
        except Exception as exc:
            raise errors.CorruptPdf() from exc
        for index, page in enumerate(pages, start=1):
            try:
                yield read_page(page, index, limits)
            except errors.ParseError:
                raise
            except Exception as exc:
                raise errors.CorruptPdf(f"第 {index} 页无法读取，PDF 文件可能已损坏") from exc
            finally:
                page.close()
            if progress is not None:
                progress(index, len(pages))


def decoded(stream, limit):
    """The decoded bytes of ``stream``, decrypted first and, when Flate, inflated only up to just
    past ``limit``, so a small file that would expand to gigabytes is never held in memory."""
    filters = stream.get_filters()
    if stream.rawdata is None or len(filters) != 1 or filters[0][0] not in LITERALS_FLATE_DECODE:
        return stream.get_data()
    data = stream.rawdata
    if stream.decipher:
        data = stream.decipher(stream.objid, stream.genno, data, stream.attrs)
    try:
        return zlib.decompressobj().decompress(data, limit + 1)
    except zlib.error:
        return stream.get_data()  # a damaged stream: pdfminer's own recovery decides


class Budget:
    """What a page draws, counted against its :class:`Limits`; ``TooComplex`` when one is exceeded.

    A Form XObject's content is measured once and charged each time it is drawn, so a page of
    60,000 tiny forms, or a form drawn a million times through nesting, is refused up front.
    """

    def __init__(self, number, limits):
        self.number, self.limits = number, limits
        self.size = self.operators = self.draws = 0
        self.forms = {}  # objid → (content bytes, operators, draws) of one drawing of that form

    def refuse(self, why):
        raise errors.TooComplex(f"第 {self.number} 页内容过于复杂（{why}），已停止解析")

    def charge(self, size, operators, draws):
        self.size += size
        self.operators += operators
        self.draws += draws
        if self.size > self.limits.max_content_bytes:
            self.refuse("内容流超过上限")
        if self.operators > self.limits.max_operators:
            self.refuse(f"绘制操作超过 {self.limits.max_operators} 个")
        if self.draws > self.limits.max_draws:
            self.refuse(f"嵌入对象超过 {self.limits.max_draws} 个")

    def content(self, data, resources, depth=0, open_forms=()):
        """Charge ``data`` (a content stream drawn with ``resources``) and every XObject it draws."""
        self.charge(len(data), 0, 0)
        self.charge(0, len(OPERATOR.findall(INLINE_IMAGE_DATA.sub(b" ID EI ", data))), 0)
        xobjects = dict_value(dict_value(resources).get("XObject")) if resources else {}
        for m in DRAW.finditer(data):
            self.charge(0, 0, 1)
            xobject = resolve1(xobjects.get(m.group(1).decode("latin-1")))
            if isinstance(xobject, PDFStream) and resolve1(xobject.get("Subtype")) is LITERAL_FORM:
                self.form(xobject, resources, depth + 1, open_forms)

    def form(self, stream, parent_resources, depth, open_forms):
        key = stream.objid
        if key in self.forms:
            self.charge(*self.forms[key])
            return
        if depth > self.limits.max_depth or key in open_forms:
            self.refuse("表单对象嵌套过深")
        before = (self.size, self.operators, self.draws)
        data = decoded(stream, self.limits.max_content_bytes - self.size)
        resources = resolve1(stream.get("Resources")) or parent_resources
        self.content(data, resources, depth, (*open_forms, key))
        if key is not None:
            self.forms[key] = (self.size - before[0], self.operators - before[1], self.draws - before[2])


def check_budget(page, number, limits):
    """Refuse the page before it is interpreted when it would draw more than ``limits`` allow;
    return its :class:`Budget` (what it draws) otherwise."""
    budget = Budget(number, limits)
    resources = page.page_obj.resources
    for stream in page.page_obj.contents or []:
        stream = resolve1(stream)
        if isinstance(stream, PDFStream):
            budget.content(decoded(stream, limits.max_content_bytes - budget.size), resources)
    return budget


def read_page(page, number, limits):
    check_budget(page, number, limits)
    objects = page.objects
    count = sum(len(v) for v in objects.values())
    if count > limits.max_objects:
        raise errors.TooComplex(f"第 {number} 页包含 {count} 个对象，超过上限，已停止解析")
    chars = dedupe([c for c in page.chars if c["text"].strip() or c["text"] == " "])
    grids = [make_grid(t, number) for t in page.find_tables()]
    grids = [g for g in grids if g is not None]
    free, held = [], {}
    for ch in chars:
        cx, cy = (ch["x0"] + ch["x1"]) / 2, (ch["top"] + ch["bottom"]) / 2
        for grid in grids:
            cell = locate(grid, cx, cy)
            if cell is not None:
                held.setdefault(id(cell), (cell, []))[1].append(ch)
                break
        else:
            free.append(ch)
    for cell, cell_chars in held.values():
        cell.lines = [line.text for line in group_lines(cell_chars)]
    return Page(number, float(page.width), float(page.height), group_lines(free), grids)


def dedupe(chars):
    """Drop the second copy of characters drawn twice at (almost) the same spot."""
    kept, seen = [], {}
    for ch in chars:
        key = (ch["text"], round(ch["x0"]), round(ch["top"]))
        dup = False
        for dx in (-1, 0, 1):
            for dy in (-1, 0, 1):
                for other in seen.get((key[0], key[1] + dx, key[2] + dy), ()):
                    if (
                        abs(other["x0"] - ch["x0"]) <= DEDUPE_TOLERANCE
                        and abs(other["top"] - ch["top"]) <= DEDUPE_TOLERANCE
                    ):
                        dup = True
        if not dup:
            seen.setdefault(key, []).append(ch)
            kept.append(ch)
    return kept


def group_lines(chars):
    """Group characters into lines top to bottom, each left to right with spaces restored.

    A character joins the current line when its vertical centre lies within the line's
    band, so glyphs of another font drawn a few points off the baseline stay on their line.
    """
    rows = []
    for ch in sorted(chars, key=lambda c: (c["top"], c["x0"])):
        centre = (ch["top"] + ch["bottom"]) / 2
        if rows and (abs(ch["top"] - rows[-1][0]) <= LINE_TOLERANCE or rows[-1][0] <= centre <= rows[-1][2]):
            rows[-1][1].append(ch)
            rows[-1][2] = max(rows[-1][2], min(ch["bottom"], rows[-1][0] + ch["size"] * 1.2))
        else:
            rows.append([ch["top"], [ch], ch["bottom"]])
    lines = []
    for _, row, _ in rows:
        row.sort(key=lambda c: c["x0"])
        parts, prev = [], None
        for ch in row:
            if prev is not None and ch["x0"] - prev["x1"] > SPACE_GAP and parts[-1] != " " and ch["text"] != " ":
                parts.append(" ")
            parts.append(ch["text"])
            prev = ch
        text = " ".join("".join(parts).split())
        if text:
            lines.append(
                Line(
                    text,
                    min(c["x0"] for c in row),
                    min(c["top"] for c in row),
                    max(c["x1"] for c in row),
                    max(c["bottom"] for c in row),
                    max(c["size"] for c in row),
                )
            )
    return lines


def cluster(values, tolerance=1.0):
    out = []
    for v in sorted(values):
        if not out or v - out[-1] > tolerance:
            out.append(v)
    return out


def make_grid(table, page_number):
    """Build a :class:`Grid` from a pdfplumber table: slots, spans and empty cells."""
    boxes = table.cells
    if not boxes:
        return None
    col_edges = cluster([b[0] for b in boxes] + [b[2] for b in boxes])
    row_edges = cluster([b[1] for b in boxes] + [b[3] for b in boxes])
    if len(col_edges) < 2 or len(row_edges) < 2:
        return None
    matrix = [[None] * (len(col_edges) - 1) for _ in range(len(row_edges) - 1)]
    for x0, top, x1, bottom in boxes:
        c0 = nearest(col_edges, x0)
        c1 = nearest(col_edges, x1)
        r0 = nearest(row_edges, top)
        r1 = nearest(row_edges, bottom)
        if c1 <= c0 or r1 <= r0:
            continue
        cell = Cell(x0, top, x1, bottom, r0, c0, r1 - r0, c1 - c0)
        for r in range(r0, r1):
            for c in range(c0, c1):
                matrix[r][c] = cell
    return Grid(page_number, tuple(table.bbox), matrix, col_edges, row_edges)


def nearest(edges, value):
    return min(range(len(edges)), key=lambda i: abs(edges[i] - value))


def locate(grid, x, y):
    """The cell of ``grid`` holding point (x, y), or None."""
    x0, top, x1, bottom = grid.bbox
    if not (x0 <= x <= x1 and top <= y <= bottom):
        return None
    c = bisect_right(grid.col_edges, x) - 1
    r = bisect_right(grid.row_edges, y) - 1
    if 0 <= r < grid.n_rows and 0 <= c < grid.n_cols:
        return grid.matrix[r][c]
    return None
