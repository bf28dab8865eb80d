"""How fast and how lean is parse()? Prints its speed beside pdfplumber's own table extraction,
and its peak memory on a 300-page document.

usage: .venv/bin/python bench/parse.py [PDF] [--repeat N]      (default: the urumqi-2025 sample)

1. Times parse() on the PDF and pdfplumber's extract_tables() over every page of the same file
   (open, each page: extract_tables, close the page); the best of N runs each. Goal: the ratio
   parse / extract_tables at most 1.0.
2. Builds a 300-page PDF by repeating the file's pages (pypdfium2) in a temporary folder and
   parses it in a fresh subprocess, reading that child's peak RSS. Goal: under 400 MB.

Exits 1 when parse() fails or a goal is missed.
"""
import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pdfplumber
import pypdfium2

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from disclosures.parsing import ParseError, parse, parts  # noqa: E402
from performance.parsing import parse_targets  # noqa: E402

parts.register("performance_targets", parse_targets)  # without Django, as PerformanceConfig.ready() does

SAMPLE = REPO.parent / "shared" / "corpus" / "urumqi-2025" / "disclosure.pdf"
RATIO_GOAL = 1.0
RSS_GOAL_MB = 400
BIG_PAGES = 300
CHILD = """
import sys
from disclosures.parsing import ParseError, parse, parts
from performance.parsing import parse_targets
parts.register("performance_targets", parse_targets)
try:
    parse(sys.argv[1])
except ParseError as exc:
    sys.exit(f"{type(exc).__name__}: {exc.message}")
"""


def best_time(run, repeat):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def extract_tables(path):
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_tables()
            page.close()


def repeat_pages(source, dest, count):
    """Write a ``count``-page PDF to ``dest``: ``source``'s pages over and over."""
    src = pypdfium2.PdfDocument(source)
    out = pypdfium2.PdfDocument.new()
    n = len(src)
    for done in range(0, count, n):
        out.import_pages(src, list(range(min(n, count - done))))
    out.save(dest)


def verdict(ok):
    return "OK" if ok else "MISSED"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pdf", nargs="?", default=SAMPLE, type=Path)
    parser.add_argument("--repeat", type=int, default=3, help="timed runs of each (best counts)")
    args = parser.parse_args(argv)
    if not args.pdf.is_file():
        sys.exit(f"{args.pdf}: no such file")
    with pdfplumber.open(args.pdf) as pdf:
        pages = len(pdf.pages)
    print(f"file: {args.pdf} ({pages} pages)")
    ok = True

    try:
        parse_s = best_time(lambda: parse(args.pdf), args.repeat)
    except ParseError as exc:
        parse_s = None
        ok = False
        print(f"parse():          FAILED — {type(exc).__name__}: {exc.message}")
    else:
        print(f"parse():          {parse_s:7.3f} s  {pages / parse_s:7.1f} pages/s")
    tables_s = best_time(lambda: extract_tables(args.pdf), args.repeat)
    print(f"extract_tables(): {tables_s:7.3f} s  {pages / tables_s:7.1f} pages/s")
    if parse_s is None:
        print(f"ratio parse/extract_tables: n/a, parse() failed (goal <= {RATIO_GOAL})")
    else:
        ratio = parse_s / tables_s
        ok &= ratio <= RATIO_GOAL
        print(f"ratio parse/extract_tables: {ratio:.2f} (goal <= {RATIO_GOAL}) {verdict(ratio <= RATIO_GOAL)}")

    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / f"repeated-{BIG_PAGES}.pdf"
        repeat_pages(args.pdf, big, BIG_PAGES)
        start = time.perf_counter()
        child = subprocess.run([sys.executable, "-c", CHILD, str(big)], cwd=REPO,
                               capture_output=True, text=True)
        seconds = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # KB on Linux
    if child.returncode:
        ok = False
        print(f"{BIG_PAGES}-page file: parse() FAILED after {seconds:.1f} s — {child.stderr.strip()}")
    else:
        print(f"{BIG_PAGES}-page file: parse() took {seconds:.1f} s ({BIG_PAGES / seconds:.1f} pages/s)")
    met = peak_mb < RSS_GOAL_MB
    ok &= met
    print(f"peak RSS of parse() on {BIG_PAGES} pages: {peak_mb:.0f} MB (goal < {RSS_GOAL_MB} MB) {verdict(met)}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
