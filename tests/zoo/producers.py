"""Producers: ways to turn a layout into a PDF other than reportlab (see :mod:`tests.zoo`).

A layout is a list of blocks: ``Grid`` (a ruled table of :class:`Cell` rows, HTML-style: a
merged cell appears once, in its top-left position) and ``Para`` (a paragraph). The same
layout goes to WeasyPrint as HTML (:func:`weasyprint`) or to LibreOffice as an xlsx workbook
(:func:`calc`, one sheet a page group, cells merged and ruled as office users draw them) or a
docx document (:func:`writer`). :func:`join` concatenates PDFs, as the rerendered corpus
documents were assembled.
"""
import html
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

CJK_FONT = "Noto Sans CJK SC"


@dataclass
class Cell:
    """One cell: its text, how many columns and rows it spans, its alignment."""

    text: str = ""
    colspan: int = 1
    rowspan: int = 1
    align: str = "center"  # left, center, right
    bold: bool = False


@dataclass
class Grid:
    """A ruled table; ``widths`` in relative units (characters), ``rows`` of :class:`Cell`."""

    rows: list
    widths: list
    border: bool = True


@dataclass
class Para:
    """A paragraph; ``style`` is title (centred, large), heading, body (indented) or right."""

    text: str
    style: str = "body"


@dataclass
class Page:
    """Blocks printed together; every page but the first starts on a new sheet."""

    blocks: list = field(default_factory=list)
    landscape: bool = False
    repeat_rows: int = 0  # calc: the sheet's first rows printed again atop every page (顶端标题行)


def positions(grid):
    """Yield (row, column, cell) with absolute positions, skipping the places spans cover."""
    taken = set()
    for r, row in enumerate(grid.rows):
        c = 0
        for cell in row:
            while (r, c) in taken:
                c += 1
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    taken.add((r + dr, c + dc))
            yield r, c, cell
            c += cell.colspan


# -- HTML → WeasyPrint -------------------------------------------------------------------------

CSS = f"""
@page {{ size: A4; margin: 18mm 15mm; @bottom-center {{ content: counter(page); font-size: 9pt; }} }}
@page wide {{ size: A4 landscape; }}
body {{ font-family: "{CJK_FONT}"; font-size: 10pt; }}
section {{ break-before: page; }} section:first-child {{ break-before: auto; }}
section.wide {{ page: wide; }}
p.title {{ text-align: center; font-size: 15pt; font-weight: bold; }}
p.heading {{ font-weight: bold; }}
p.body {{ text-indent: 2em; line-height: 1.6; }}
p.right {{ text-align: right; }}
table {{ border-collapse: collapse; width: 100%; table-layout: fixed; }}
table.ruled td {{ border: 0.6pt solid #000; }}
td {{ padding: 2pt 3pt; font-size: 9pt; vertical-align: middle; }}
td.left {{ text-align: left; }} td.center {{ text-align: center; }} td.right {{ text-align: right; }}
td.bold {{ font-weight: bold; }}
"""


def to_html(pages, css=""):
    """The layout as one HTML document, a ``<section>`` a page group; ``css`` is added to :data:`CSS`."""
    out = [f"<!doctype html><html><head><meta charset='utf-8'><style>{CSS}{css}</style></head><body>"]
    for page in pages:
        out.append(f"<section class='{'wide' if page.landscape else ''}'>")
        for block in page.blocks:
            out.append(_html_block(block))
        out.append("</section>")
    out.append("</body></html>")
    return "".join(out)


def _html_block(block):
    if isinstance(block, Para):
        return f"<p class='{block.style}'>{html.escape(block.text)}</p>"
    total = sum(block.widths)
    cols = "".join(f"<col style='width:{100 * w / total:.2f}%'>" for w in block.widths)
    rows = []
    for row in block.rows:
        cells = "".join(
            f"<td class='{cell.align}{' bold' if cell.bold else ''}' colspan='{cell.colspan}' rowspan='{cell.rowspan}'>"
            f"{html.escape(cell.text).replace(chr(10), '<br>')}</td>"
            for cell in row
        )
        rows.append(f"<tr>{cells}</tr>")
    return f"<table class='{'ruled' if block.border else ''}'><colgroup>{cols}</colgroup>{''.join(rows)}</table>"


def weasyprint(pages, out, css=""):
    """Render ``pages`` through WeasyPrint's HTML to PDF; ``css`` restyles them (fonts, headings)."""
    from weasyprint import HTML

    HTML(string=to_html(pages, css)).write_pdf(str(out))
    return Path(out)


# -- xlsx / docx → LibreOffice ----------------------------------------------------------------


def text_lines(text, width):
    """How many lines ``text`` takes in a cell ``width`` characters wide (a CJK glyph is two)."""
    room = max(width - 1, 1)
    return sum(max(1, -(-sum(1 if ord(ch) < 0x2E80 else 1.8 for ch in part) // room))
               for part in (text or "").split("\n"))


def row_heights(grid, size=9):
    """Heights (points) the rows of ``grid`` need so no wrapped cell overflows (spans share out)."""
    lead = size * 1.4
    heights = [lead + 4] * len(grid.rows)
    spans = []
    for r, c, cell in positions(grid):
        need = text_lines(cell.text, sum(grid.widths[c:c + cell.colspan])) * lead + 4
        if cell.rowspan == 1:
            heights[r] = max(heights[r], need)
        else:
            spans.append((r, cell.rowspan, need))
    for r, n, need in spans:
        short = need - sum(heights[r:r + n])
        if short > 0:
            heights[r + n - 1] += short
    return heights


def calc(pages, out, fit_width=True, fit_rows=False):
    """Render ``pages`` as an xlsx workbook (a sheet a page group) printed by LibreOffice Calc.

    ``fit_rows`` sets each grid row's height to what its wrapped cells need, as a user drags
    the rows open (Calc does not grow the rows of an imported workbook by itself)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter

    book = Workbook()
    book.remove(book.active)
    thin = Side(style="thin", color="000000")
    ruled = Border(left=thin, right=thin, top=thin, bottom=thin)
    for n, page in enumerate(pages, 1):
        sheet = book.create_sheet(f"Sheet{n}")
        sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
        sheet.page_setup.orientation = "landscape" if page.landscape else "portrait"
        if fit_width:
            sheet.sheet_properties.pageSetUpPr.fitToPage = True
            sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
        if page.repeat_rows:
            sheet.print_title_rows = f"1:{page.repeat_rows}"
        widths = max((b.widths for b in page.blocks if isinstance(b, Grid)), key=len, default=[60])
        for c, width in enumerate(widths, 1):
            sheet.column_dimensions[get_column_letter(c)].width = width
        row = 1
        for block in page.blocks:
            if isinstance(block, Para):
                sheet.cell(row, 1, block.text).font = Font(name=CJK_FONT, size=14 if block.style == "title" else 10,
                                                           bold=block.style in ("title", "heading"))
                sheet.cell(row, 1).alignment = Alignment(horizontal="center" if block.style == "title" else
                                                         "right" if block.style == "right" else "left")
                if len(widths) > 1:
                    sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(widths))
                row += 1
                continue
            for r, c, cell in positions(block):
                target = sheet.cell(row + r, c + 1, cell.text)
                target.data_type = "s"  # printed text, never a formula (指标值 ``=0次``)
                target.font = Font(name=CJK_FONT, size=9, bold=cell.bold)
                target.alignment = Alignment(horizontal=cell.align, vertical="center", wrap_text=True)
                if cell.colspan > 1 or cell.rowspan > 1:
                    sheet.merge_cells(start_row=row + r, start_column=c + 1,
                                      end_row=row + r + cell.rowspan - 1, end_column=c + cell.colspan)
                if block.border:
                    for dr in range(cell.rowspan):
                        for dc in range(cell.colspan):
                            sheet.cell(row + r + dr, c + 1 + dc).border = ruled
            if fit_rows:
                for r, height in enumerate(row_heights(block)):
                    sheet.row_dimensions[row + r].height = height
            row += len(block.rows)
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "layout.xlsx"
        book.save(source)
        return libreoffice(source, out)


def writer(pages, out):
    """Render ``pages`` as a docx document printed by LibreOffice Writer."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
    from docx.oxml.ns import qn
    from docx.shared import Pt

    document = Document()
    style = document.styles["Normal"]
    style.font.name = CJK_FONT
    style.element.rPr.rFonts.set(qn("w:eastAsia"), CJK_FONT)
    style.font.size = Pt(10.5)
    for n, page in enumerate(pages):
        if n:
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        if page.landscape:
            section = document.sections[-1]
            section.orientation = WD_ORIENT.LANDSCAPE
            section.page_width, section.page_height = section.page_height, section.page_width
        for block in page.blocks:
            if isinstance(block, Para):
                paragraph = document.add_paragraph(block.text)
                if block.style == "title":
                    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
                    paragraph.runs[0].bold = True
                    paragraph.runs[0].font.size = Pt(15)
                elif block.style == "heading":
                    paragraph.runs[0].bold = True
                elif block.style == "right":
                    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                else:
                    paragraph.paragraph_format.first_line_indent = Pt(21)
                continue
            cells = list(positions(block))
            n_rows, n_cols = len(block.rows), len(block.widths)
            table = document.add_table(rows=n_rows, cols=n_cols)
            table.style = "Table Grid" if block.border else None
            for r, c, cell in cells:
                target = table.cell(r, c)
                if cell.colspan > 1 or cell.rowspan > 1:
                    target = target.merge(table.cell(r + cell.rowspan - 1, c + cell.colspan - 1))
                target.text = cell.text
                paragraph = target.paragraphs[0]
                paragraph.alignment = {"left": WD_ALIGN_PARAGRAPH.LEFT, "right": WD_ALIGN_PARAGRAPH.RIGHT}.get(
                    cell.align, WD_ALIGN_PARAGRAPH.CENTER)
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "layout.docx"
        document.save(source)
        return libreoffice(source, out)


def libreoffice(source, out):
    """Convert ``source`` (xlsx, docx, odt, html …) to the PDF ``out`` with headless LibreOffice."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        raise RuntimeError("LibreOffice is needed to rebuild the zoo (Debian: libreoffice-calc libreoffice-writer)")
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([soffice, f"-env:UserInstallation=file://{tmp}/profile", "--headless",
                        "--convert-to", "pdf", "--outdir", tmp, str(source)],
                       check=True, capture_output=True, timeout=300)
        shutil.move(Path(tmp) / (Path(source).stem + ".pdf"), out)
    return Path(out)


def join(parts, out):
    """Concatenate the PDFs ``parts`` into ``out`` (pypdfium2)."""
    import pypdfium2

    whole = pypdfium2.PdfDocument.new()
    for part in parts:
        source = pypdfium2.PdfDocument(str(part))
        whole.import_pages(source)
        source.close()
    whole.save(str(out))
    whole.close()
    return Path(out)
