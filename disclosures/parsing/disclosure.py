"""The whole parse: pages → document, overview, tables, projects, registered parts, other matters."""
from . import errors, narrative, ocr, tables
from .parts import parse_parts
from .pdf import Limits, read_pages
from .vocab.checks import PLACEHOLDER

FORMAT = "budget-disclosure/1"


def parse(path, limits=None, stats=None, progress=None):
    """Parse the disclosure PDF at ``path`` into a disclosure-v1 dict.

    Raises a :class:`~disclosures.parsing.errors.ParseError` subclass for input that is
    not a readable budget disclosure. ``stats``, a dict, receives the page count; ``progress``, a
    callable, receives (pages read, page count) after each page is read. The parts
    registered in :mod:`parts` (``performance_targets``) follow the projects.
    """
    pages = list(read_pages(path, limits or Limits(), progress))
    warnings, scanned = [], not any(page.lines or page.grids for page in pages)
    if scanned:
        if not ocr.available():
            raise errors.NoTextLayer()
        pages = list(ocr.read_pages(path, progress))
        warnings += ocr.check_readings(pages)
    if stats is not None:
        stats["pages"] = len(pages)
    budget_tables = tables.parse_tables(pages, warnings)
    if scanned:
        warnings += ocr.corrections(pages, warnings)
    parts = parse_parts(pages, warnings)
    if not budget_tables and not any(parts.values()):
        if scanned:
            ocr.refuse_without_tables(pages)
        raise errors.NotADisclosure()
    document = narrative.parse_document(pages, budget_tables)
    check_filled_in(document, budget_tables, warnings)
    return {
        "format": FORMAT,
        "document": document,
        "overview": narrative.parse_overview(pages, document),
        "tables": budget_tables,
        "projects": narrative.parse_projects(pages),
        **parts,
        "other_matters": narrative.parse_other_matters(pages),
        "sections": narrative.parse_sections(pages),
        "warnings": warnings,
    }


def check_filled_in(document, budget_tables, warnings):
    """Refuse a template that was never filled in: its department a placeholder (上海市XX局, 某某局)
    and its tables without a single figure. Either alone is a warning."""
    department = document.get("department") or ""
    placeholder = not department or PLACEHOLDER.search(department)
    figures = any(value is not None for table in budget_tables for line in table["lines"]
                  for value in line["amounts"].values())
    if placeholder and not figures:
        raise errors.BlankTemplate(f"这是一份未填写的模板（部门名称为“{department or '空白'}”，表格没有数字），不是已公开的预算")
    if department and placeholder:
        warnings.append(f"部门名称“{department}”含模板占位符，可能是未填写完整的模板")
    elif not figures:
        warnings.append("所有表格都没有数字，可能是未填写的模板")
