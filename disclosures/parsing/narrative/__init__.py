"""The explanations around the tables: document facts, overview, projects, other matters.

Everything is read from the running text (paragraphs from :mod:`textflow`) by vocabulary:
the labels and phrasings of :mod:`disclosures.parsing.vocab.narrative` are all it knows about how disclosures
word things. Figures are returned as printed, without thousands separators.
"""
from ..textflow import paragraphs, sections
from .document import parse_document
from .other_matters import parse_other_matters
from .overview import parse_overview
from .projects import parse_projects

__all__ = ["parse_document", "parse_other_matters", "parse_overview", "parse_projects", "parse_sections"]


def parse_sections(pages):
    """The running text section by section: ``{heading, text, pages}``, paragraphs one a line."""
    out = []
    for heading, body in sections(paragraphs(pages)):
        if body or heading is not None:  # a heading alone (第三部分 … before 一、…) still states its year
            numbers = sorted({n for p in ([heading] if heading else []) + body for n in p.pages})
            text = "\n".join(p.text for p in body)
            out.append({"heading": heading.text if heading else "", "text": text, "pages": numbers})
    return out
