"""The generator's own complete disclosure, through reportlab: the zoo's point of comparison."""
from tests import pdfgen
from tests.zoo.build import Variant


def _render(path):
    _, spec = pdfgen.render_disclosure(path, pdfgen.disclosure_spec())
    return pdfgen.expected(spec)


VARIANTS = [
    Variant("baseline-reportlab", "reportlab", _render,
            facets=["document", "lines", "amounts", "targets", "indicators"],
            about="tests/pdfgen.py's disclosure_spec(): ruled cells, STSong-Light, one table a page"),
]
