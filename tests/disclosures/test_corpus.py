"""Every real disclosure in ../shared/corpus parses to its answer key, scored by its scorer."""
import json

import jsonschema
import pytest

from disclosures.parsing import parse
from tests.conftest import shared_path

DOCUMENTS = [
    "urumqi-2025",
    "putuo-commerce-2025",
    "putuo-commerce-2025/rerender",
    "putuo-wanli-2025",
    "putuo-wanli-2025/rerender",
    "putuo-finance-2024-final",
    "putuo-finance-2024-final/rerender",
]


@pytest.fixture(scope="module")
def schema():
    return json.loads(shared_path("schema", "disclosure-v1.schema.json").read_text(encoding="utf-8"))


def overall_f1(scorer, expected, got):
    exp, out = scorer.facts(expected), scorer.facts(got)
    tp = sum(len(exp[f] & out[f]) for f in exp)
    n_exp, n_got = sum(map(len, exp.values())), sum(map(len, out.values()))
    p, r = tp / n_got, tp / n_exp
    missing = {f: sorted(map(str, exp[f] - out[f]))[:5] for f in exp if exp[f] - out[f]}
    extra = {f: sorted(map(str, out[f] - exp[f]))[:5] for f in exp if out[f] - exp[f]}
    return 2 * p * r / (p + r), missing, extra


@pytest.mark.parametrize("slug", DOCUMENTS)
def test_document_scores_f1_one_and_validates(slug, scorer, schema):
    got = parse(shared_path("corpus", slug, "disclosure.pdf"))
    jsonschema.validate(got, schema)
    expected = json.loads(shared_path("corpus", slug, "expected.json").read_text(encoding="utf-8"))
    f1, missing, extra = overall_f1(scorer, expected, got)
    assert f1 == 1.0, f"{slug}: F1={f1:.4f}\nmissing {missing}\nextra {extra}"


@pytest.mark.parametrize("slug", ["urumqi-2025", "putuo-wanli-2025"])
def test_tables_keep_printed_pages_numbers_and_units(slug):
    """Not scored by the scorer, but staff read them: 表号, pages and units as printed."""
    got = parse(shared_path("corpus", slug, "disclosure.pdf"))
    expected = json.loads(shared_path("corpus", slug, "expected.json").read_text(encoding="utf-8"))
    keys = ("kind", "number", "title", "pages", "amount_unit", "empty_note")
    assert [{k: t[k] for k in keys} for t in got["tables"]] == [{k: t[k] for k in keys} for t in expected["tables"]]
