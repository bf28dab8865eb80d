"""Every zoo PDF (tests/zoo/pdf, built by ``python -m tests.zoo.build``) parses to its own spec.

A rendition of a corpus document names its answer key instead. Scored with the corpus scorer
(../shared/tools/score.py), facet by facet: every facet a variant names must match exactly, no
fact missing and none invented.
"""
import json
from pathlib import Path

import pytest

from disclosures.parsing import parse
from tests.conftest import shared_path

RECORDS = sorted((Path(__file__).resolve().parent / "pdf").glob("*.json"))


@pytest.mark.parametrize("record", RECORDS, ids=[r.stem for r in RECORDS])
def test_variant_parses_to_its_spec(record, scorer):
    variant = json.loads(record.read_text(encoding="utf-8"))
    got = parse(record.with_suffix(".pdf"))
    if "key" in variant:
        variant["expected"] = json.loads(shared_path(variant["key"]).read_text(encoding="utf-8"))
    expected, parsed = scorer.facts(variant["expected"]), scorer.facts(got)
    wrong = {}
    for facet in variant["facets"]:
        missing, extra = expected[facet] - parsed[facet], parsed[facet] - expected[facet]
        if missing or extra:
            wrong[facet] = {"missing": sorted(map(str, missing))[:8], "extra": sorted(map(str, extra))[:8]}
    assert not wrong, f"{variant['name']} ({variant['producer']}): {json.dumps(wrong, ensure_ascii=False, indent=1)}"


def test_every_variant_is_built():
    """A variant added without rebuilding (or a PDF left after its variant went) is caught."""
    from tests.zoo.build import all_variants

    assert sorted(all_variants()) == [r.stem for r in RECORDS]
