"""Key-free checks on every real PDF: amounts conserved, document identified, 目录 tables found.

``../shared/tools/conserve.py`` compares, page by page, the amounts PDFium reads on each table
page with the amounts of the parsed lines of that page (its docstring says how). It runs on the
keyed corpus and on ``../shared/corpus-unkeyed/``, whose README table says each file's
department, kind and year.
"""
import json
import re
import subprocess
import sys

import pytest

from disclosures.parsing import parse
from tests.conftest import shared_path

KEYED = ["urumqi-2025", "putuo-commerce-2025", "putuo-commerce-2025/rerender", "putuo-wanli-2025",
         "putuo-wanli-2025/rerender", "putuo-finance-2024-final", "putuo-finance-2024-final/rerender"]
UNKEYED_ROW = re.compile(r"^\| `(?P<file>[^`]+\.pdf)` \| (?P<department>[^|]+?) \| (?P<kind>[^|]+?) \| (?P<year>\d{4}) \|")
KINDS = {"预算": "budget", "决算": "final_accounts"}


def unkeyed():
    """(file, department, kind, year) of each row of corpus-unkeyed/README.md's table."""
    rows = []
    for line in shared_path("corpus-unkeyed", "README.md").read_text(encoding="utf-8").splitlines():
        if match := UNKEYED_ROW.match(line):
            kind = next(key for word, key in KINDS.items() if word in match["kind"])
            rows.append((match["file"], match["department"], kind, int(match["year"])))
    return rows


UNKEYED = unkeyed()
PDFS = [pytest.param(pdf, id=name) for pdf, name in
        [(shared_path("corpus", slug, "disclosure.pdf"), slug) for slug in KEYED] +
        [(shared_path("corpus-unkeyed", row[0]), row[0]) for row in UNKEYED]]


@pytest.fixture(scope="module")
def parses():
    cache = {}
    return lambda pdf: cache.setdefault(pdf, parse(pdf))


def test_the_unkeyed_readme_lists_every_unkeyed_pdf():
    assert len(UNKEYED) == len(list(shared_path("corpus-unkeyed").glob("*.pdf"))) > 0


@pytest.mark.parametrize("pdf", PDFS)
def test_amounts_are_conserved_both_ways(pdf, parses, tmp_path):
    parsed = tmp_path / "parsed.json"
    parsed.write_text(json.dumps(parses(pdf), ensure_ascii=False), encoding="utf-8")
    run = subprocess.run([sys.executable, shared_path("tools", "conserve.py"), parsed, pdf, "--min", "0.99"],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stdout + run.stderr


@pytest.mark.parametrize("row", UNKEYED, ids=[row[0] for row in UNKEYED])
def test_unkeyed_document_is_identified(row, parses):
    document = parses(shared_path("corpus-unkeyed", row[0]))["document"]
    assert (document["department"], document["kind"], document["fiscal_year"]) == row[1:]


@pytest.mark.parametrize("pdf", PDFS)
def test_every_table_of_the_contents_is_found(pdf, parses):
    """Each of these documents prints every table its 目录 lists, so none is reported missing."""
    assert [w for w in parses(pdf)["warnings"] if w.startswith("缺少")] == []
