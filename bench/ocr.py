"""How well and how fast are scanned disclosures read? Scans each corpus PDF at each resolution and
scores the parse against its answer key.

usage: .venv/bin/python bench/ocr.py [SLUG ...] [--dpi 150,120] [--first N] [--tables-only] [--verbose]

Each PDF is rasterised (tests/ocr/scans.py: greyscale, slight rotation, noise, fixed seed) into a
temporary scan with no text layer, parsed through OCR, and scored with ../shared/tools/score.py.
``--tables-only`` scans just the pages holding the key's tables (and page 1), ``--first N`` the
tables of the first N of those pages, both scored against those tables only, for quick trials.
Prints per document and resolution:

  ocr: doc=SLUG dpi=150 amounts_f1=0.991 tables=9/9 pages=26 pages_per_s=0.12

Goals (issue 15): amounts F1 >= 0.98 at 150 dpi and >= 0.95 at 120 dpi. Exits 1 when one is missed.
"""
import argparse
import importlib.util
import json
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from disclosures.parsing import ParseError, parse, parts  # noqa: E402
from performance.parsing import parse_targets  # noqa: E402
from tests.ocr.scans import make_scan  # noqa: E402

parts.register("performance_targets", parse_targets)  # without Django, as PerformanceConfig.ready() does

CORPUS = REPO.parent / "shared" / "corpus"
GOALS = {150: 0.98, 120: 0.95}
spec = importlib.util.spec_from_file_location("score", REPO.parent / "shared" / "tools" / "score.py")
score = importlib.util.module_from_spec(spec)
spec.loader.exec_module(score)


def selection(expected, tables_only, first):
    """The 1-based pages to scan and the key restricted to the tables on them (None: everything)."""
    if not (tables_only or first):
        return None, expected
    pages = sorted({p for t in expected["tables"] for p in t["pages"]})
    if first:
        pages = pages[:first]
    kept = [t for t in expected["tables"] if set(t["pages"]) <= set(pages)]
    return sorted({1, *pages}), {**expected, "tables": kept}


def run(slug, dpi, args, folder):
    expected = json.loads((CORPUS / slug / "expected.json").read_text(encoding="utf-8"))
    pages, key = selection(expected, args.tables_only, args.first)
    scan = make_scan(CORPUS / slug / "disclosure.pdf", Path(folder) / f"{slug.replace('/', '-')}-{dpi}.pdf",
                     dpi=dpi, seed=dpi, pages=pages)
    stats = {}
    start = time.perf_counter()
    try:
        got = parse(scan, stats=stats)
    except ParseError as exc:
        print(f"ocr: doc={slug} dpi={dpi} refused={type(exc).__name__}: {exc.message}")
        return False
    seconds = time.perf_counter() - start
    if args.tables_only or args.first:
        got["tables"] = [t for t in got["tables"] if t["kind"] in {k["kind"] for k in key["tables"]}]
    exp_facts, got_facts = score.facts(key), score.facts(got)
    _, _, f1, _ = score.prf(exp_facts["amounts"], got_facts["amounts"])
    found = {t["kind"] for t in got["tables"]} & {t["kind"] for t in key["tables"]}
    doubtful = sum(1 for w in got["warnings"] if isinstance(w, dict) and "confidence" in w)
    print(f"ocr: doc={slug} dpi={dpi} amounts_f1={f1:.3f} tables={len(found)}/{len(key['tables'])} "
          f"pages={stats['pages']} pages_per_s={stats['pages'] / seconds:.2f} doubtful={doubtful}", flush=True)
    if args.verbose:
        for fact in sorted(map(str, exp_facts["amounts"] - got_facts["amounts"]))[:25]:
            print("   missing", fact)
        for fact in sorted(map(str, got_facts["amounts"] - exp_facts["amounts"]))[:25]:
            print("   extra  ", fact)
    return f1 >= GOALS.get(dpi, 0)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("slugs", nargs="*")
    parser.add_argument("--dpi", default="150,120")
    parser.add_argument("--first", type=int, default=0)
    parser.add_argument("--tables-only", action="store_true")
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    slugs = args.slugs or sorted(p.parent.name for p in CORPUS.glob("*/expected.json"))
    ok = True
    with tempfile.TemporaryDirectory() as folder:
        for dpi in (int(d) for d in args.dpi.split(",")):
            for slug in slugs:
                ok = run(slug, dpi, args, folder) and ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
