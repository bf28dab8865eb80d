"""Rebuild the zoo's PDFs: ``python -m tests.zoo.build [NAME …]`` (default: every variant).

For each :class:`Variant` of every module in :mod:`tests.zoo.variants` this writes
``tests/zoo/pdf/NAME.pdf`` and ``NAME.json``: the producer, the facets the test scores and the
expected disclosure-v1 facts taken from the variant's own spec — or, for a rendition of a corpus
document by another producer, the path of its answer key under ../shared (never a copy).
"""
import importlib
import json
import pkgutil
import sys
from dataclasses import dataclass, field
from pathlib import Path

from . import variants

OUT = Path(__file__).resolve().parent / "pdf"


@dataclass
class Variant:
    """A layout variant rendered by one producer.

    ``render(path)`` writes the PDF and returns the expected disclosure-v1 dict, or the path
    (under ../shared) of the corpus answer key the rendition reproduces; ``facets`` are
    the scorer's facets (../shared/tools/score.py) the test requires to match exactly.
    """

    name: str
    producer: str  # reportlab, libreoffice-calc, libreoffice-writer, weasyprint
    render: object
    facets: list = field(default_factory=lambda: ["document", "lines", "amounts"])
    about: str = ""


def all_variants():
    """Every variant of every module of :mod:`tests.zoo.variants`, by name."""
    found = {}
    for module in pkgutil.iter_modules(variants.__path__):
        for variant in importlib.import_module(f"{variants.__name__}.{module.name}").VARIANTS:
            if variant.name in found:
                raise ValueError(f"two variants named {variant.name}")
            found[variant.name] = variant
    return found


def build(variant):
    """Render ``variant`` into :data:`OUT`."""
    OUT.mkdir(exist_ok=True)
    expected = variant.render(OUT / f"{variant.name}.pdf")
    record = {"name": variant.name, "producer": variant.producer, "about": variant.about,
              "facets": variant.facets, ("key" if isinstance(expected, str) else "expected"): expected}
    (OUT / f"{variant.name}.json").write_text(json.dumps(record, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def main(names):
    found = all_variants()
    for name in names or sorted(found):
        build(found[name])
        print("built", name, found[name].producer)


if __name__ == "__main__":
    main(sys.argv[1:])
