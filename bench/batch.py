"""How many files a minute the background import takes with one worker process, and with two.

usage: [DATABASE_URL=postgres://…] .venv/bin/python bench/batch.py [--variants N] [--redis-port P] [--keep]

Builds the set in a temporary folder: the ten corpus PDFs (../shared/corpus with its rerenders, and
../shared/corpus-unkeyed) and ``--variants`` (default 2) copies of each with an incremental update
whose document information names another producer — other bytes, the same records, so each imports
as the next version of its document —, plus three bad files (not a PDF, a truncated PDF, a PDF
without text). Then, for 1 and then 2 worker processes: a fresh database (an SQLite file in the
temporary folder, or the throw-away database ``bench_batch_<n>`` on the server of DATABASE_URL),
migrated; Redis from scripts/redis.sh on ``--redis-port`` (stopped at the end if the bench started
it); ``celery worker -c N``, started by the bench; every file queued (``tasks.enqueue``) and timed
from the first queued to the last job finished. One line on stdout:

    batch: files=<n> good=<g> imported=<i> failed=<f> lost=<l> workers1=<files/min> workers2=<files/min> speedup=<s>

with the counts of the two-worker run, except ``lost``, summed over both: a good file whose job did
not end saved, or whose disclosure lacks a line or an amount of its own parsed original (``imported``
counts the others). Each run's outcomes go to stderr. The PostgreSQL databases are dropped unless
``--keep``.
"""
import argparse
import io
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
SHARED = REPO.parent / "shared"
BASES = (  # documents of the same department, year and kind kept apart, so two workers rarely race
    "corpus/urumqi-2025/disclosure.pdf",
    "corpus/putuo-commerce-2025/disclosure.pdf",
    "corpus/putuo-wanli-2025/disclosure.pdf",
    "corpus/putuo-finance-2024-final/disclosure.pdf",
    "corpus-unkeyed/putuo-govoffice-2025.pdf",
    "corpus/putuo-commerce-2025/rerender/disclosure.pdf",
    "corpus/putuo-wanli-2025/rerender/disclosure.pdf",
    "corpus/putuo-finance-2024-final/rerender/disclosure.pdf",
    "corpus-unkeyed/putuo-socialwork-2024-final.pdf",
    "corpus-unkeyed/putuo-commerce-2025-unit.pdf",
)
TIMEOUT = 900


def with_producer(data, producer):
    """The PDF ``data`` with an incremental update: a new document information dictionary naming ``producer``."""
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfparser import PDFParser

    trailer = PDFDocument(PDFParser(io.BytesIO(data))).xrefs[0].get_trailer()
    root, size = trailer["Root"].objid, int(trailer["Size"])
    previous = int(re.findall(rb"startxref\s+(\d+)", data)[-1])
    body = data if data.endswith(b"\n") else data + b"\n"
    info = f"{size} 0 obj\n<< /Producer ({producer}) >>\nendobj\n".encode()
    xref = len(body) + len(info)
    return body + info + (
        f"xref\n0 1\n0000000000 65535 f \n{size} 1\n{len(body):010d} 00000 n \n"
        f"trailer\n<< /Size {size + 1} /Root {root} 0 R /Info {size} 0 R /Prev {previous} >>\n"
        f"startxref\n{xref}\n%%EOF\n"
    ).encode()


def blank_pdf():
    """A one-page PDF with nothing on it (no text layer)."""
    import pypdfium2

    out = io.BytesIO()
    document = pypdfium2.PdfDocument.new()
    document.new_page(595, 842)
    document.save(out)
    return out.getvalue()


def build(folder, variants):
    """Write the set into ``folder``; (good files with the base each copies, bad files), in queue order."""
    good = []
    for k in range(variants + 1):
        for i, base in enumerate(BASES):
            data = (SHARED / base).read_bytes()
            path = folder / f"{i:02d}-{k}.pdf"
            path.write_bytes(with_producer(data, f"budget-records bench variant {k}") if k else data)
            good.append((path, folder / f"{i:02d}-0.pdf"))
    sample = (SHARED / BASES[0]).read_bytes()
    bad = {"not-a-pdf.pdf": "姓名,金额\n张三,100\n".encode(), "truncated.pdf": sample[: len(sample) // 2],
           "blank.pdf": blank_pdf()}
    for name, data in bad.items():
        (folder / name).write_bytes(data)
    return good, [folder / name for name in bad]


def redis(port):
    """The broker URL of a Redis on ``port`` (started by scripts/redis.sh) and whether it was running before."""
    import redis as client

    try:
        running = client.Redis(port=port).ping()
    except client.ConnectionError:
        running = False
    url = subprocess.run([REPO / "scripts" / "redis.sh"], check=True, capture_output=True, text=True,
                         env={**os.environ, "REDIS_PORT": str(port)}).stdout.strip()
    return url, running


def run(workers, database, folder, broker, good, bad):
    """One timed run in this process (Django set up on ``database``); its figures as a dict."""
    media = folder / f"media-{workers}"
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "budget_site.settings", "DEBUG": "0",
           "SECRET_KEY": "bench-only", "DATABASE_URL": database, "MEDIA_ROOT": str(media),
           "CELERY_BROKER_URL": broker}
    os.environ.update(env)
    import django

    django.setup()
    from django.core.management import call_command

    from budget_site.celery import app
    from disclosures import tasks
    from disclosures.models import ImportJob

    call_command("migrate", verbosity=0)
    queue = f"bench-batch-{os.getpid()}"
    app.conf.task_default_queue = queue
    log = folder / f"worker-{workers}.log"
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "budget_site", "worker", "-c", str(workers), "--pool", "prefork",
         "-Q", queue, "--without-gossip", "--without-mingle", "--loglevel", "INFO", "--logfile", str(log)],
        cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        wait(lambda: log.exists() and " ready." in log.read_text(), "the worker to start")
        start = time.perf_counter()
        jobs = {path: tasks.enqueue(path).pk for path in [p for p, _ in good] + bad}
        wait(lambda: not ImportJob.objects.exclude(status__in=ImportJob.FINISHED).exists(), "the jobs to finish")
        seconds = time.perf_counter() - start
    finally:
        worker.terminate()
        worker.wait(timeout=60)

    found = {job.pk: job for job in ImportJob.objects.select_related("disclosure")}
    lost, same = 0, 0
    for path, base in good:
        job = found[jobs[path]]
        disclosure = job.disclosure
        if job.status != ImportJob.Status.SAVED or disclosure is None or not complete(disclosure):
            lost += 1
        elif path != base and disclosure.parsed == found[jobs[base]].disclosure.parsed:
            same += 1
    outcomes = {}
    for job in found.values():
        outcomes[job.outcome] = outcomes.get(job.outcome, 0) + 1
    return {"seconds": seconds, "files": len(jobs), "good": len(good), "lost": lost, "outcomes": outcomes,
            "imported": len(good) - lost, "failed": outcomes.get(ImportJob.Outcome.FAILED, 0), "same_records": same,
            "variants": sum(path != base for path, base in good), "retries": log.read_text().count(" retry: ")}


def complete(disclosure):
    """Whether ``disclosure`` has every line and amount of the parse it was saved from."""
    from disclosures.models import BudgetLine, LineAmount

    lines = [line for table in disclosure.parsed["tables"] for line in table["lines"]]
    return (BudgetLine.objects.filter(disclosure=disclosure).count() == len(lines)
            and LineAmount.objects.filter(line__disclosure=disclosure).count()
            == sum(len(line["amounts"]) for line in lines))


def drop(url):
    """Drop the PostgreSQL database of ``url``."""
    import psycopg

    parts = urlsplit(url)
    with psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{parts.path.lstrip("/")}"')


def wait(done, what):
    deadline = time.monotonic() + TIMEOUT
    while not done():
        if time.monotonic() > deadline:
            sys.exit(f"batch: gave up waiting for {what} after {TIMEOUT} s")
        time.sleep(0.2)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--variants", type=int, default=2, help="producer variants of each corpus PDF (default 2)")
    parser.add_argument("--redis-port", type=int, default=int(os.environ.get("REDIS_PORT", 63798)),
                        help="port of the bench's Redis (default $REDIS_PORT or 63798)")
    parser.add_argument("--keep", action="store_true", help="keep the PostgreSQL databases")
    parser.add_argument("--run", help=argparse.SUPPRESS)  # internal: one run, as JSON arguments
    args = parser.parse_args()
    if args.run:
        spec = json.loads(args.run)
        good = [(Path(p), Path(b)) for p, b in spec["good"]]
        result = run(spec["workers"], spec["database"], Path(spec["folder"]), spec["broker"], good,
                     [Path(p) for p in spec["bad"]])
        print(json.dumps(result))
        return

    from pages import create_database

    server = os.environ.get("DATABASE_URL", "")
    broker, running = redis(args.redis_port)
    results = {}
    with tempfile.TemporaryDirectory(prefix="bench-batch-") as tmp:
        folder = Path(tmp)
        good, bad = build(folder, args.variants)
        try:
            for workers in (1, 2):
                database = (create_database(server, f"bench_batch_{workers}") if server.startswith("postgres")
                            else f"sqlite:///{folder}/batch-{workers}.sqlite3")
                spec = {"workers": workers, "database": database, "folder": str(folder), "broker": broker,
                        "good": [[str(p), str(b)] for p, b in good], "bad": [str(p) for p in bad]}
                child = subprocess.run([sys.executable, __file__, "--run", json.dumps(spec)],
                                       capture_output=True, text=True)
                if child.returncode:
                    sys.exit(f"{child.stderr}batch: the run with {workers} worker(s) failed")
                results[workers] = result = json.loads(child.stdout.splitlines()[-1])
                print(f"# workers={workers} ({database.split(':')[0]}): {result['files']} files in "
                      f"{result['seconds']:.1f} s; outcomes {result['outcomes']}; {result['retries']} retries; "
                      f"{result['same_records']}/{result['variants']} producer variants saved the records "
                      f"of their original (as new versions: a file is known by its SHA-256)",
                      file=sys.stderr, flush=True)
                if server.startswith("postgres") and not args.keep:
                    drop(database)
        finally:
            if not running:
                import redis as client

                client.Redis(port=args.redis_port).shutdown(nosave=True)
    rates = {n: r["files"] / r["seconds"] * 60 for n, r in results.items()}
    last = results[2]
    print(f"batch: files={last['files']} good={last['good']} imported={last['imported']} failed={last['failed']} "
          f"lost={results[1]['lost'] + last['lost']} workers1={rates[1]:.1f} workers2={rates[2]:.1f} "
          f"speedup={rates[2] / rates[1]:.2f}")


if __name__ == "__main__":
    main()
