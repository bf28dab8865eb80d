"""The whole parse: pages → document, overview, tables, projects, registered parts, other matters."""
from . import errors, narrative, tables
from .parts import parse_parts
from .pdf import Limits, read_pages

FORMAT = "budget-disclosure/1"


def parse(path, limits=None, stats=None):
    """Parse the disclosure PDF at ``path`` into a disclosure-v1 dict.

    Raises a :class:`~disclosures.parsing.errors.ParseError` subclass for input that is
    not a readable budget disclosure. ``stats``, a dict, receives the page count. The parts
    registered in :mod:`parts` (``performance_targets``) follow the projects.
    """
    pages = list(read_pages(path, limits or Limits()))
    if stats is not None:
        stats["pages"] = len(pages)
    if not any(page.lines or page.grids for page in pages):
        raise errors.NoTextLayer()
    warnings = []
    budget_tables = tables.parse_tables(pages, warnings)
    parts = parse_parts(pages, warnings)
    if not budget_tables and not any(parts.values()):
        raise errors.NotADisclosure()
    document = narrative.parse_document(pages, budget_tables)
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
