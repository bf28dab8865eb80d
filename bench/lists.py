"""How does the budget-line list behave with a realistic amount of data? Prints, per request, the
rows shown, the SQL queries and the server time (median of several runs, in the test client).

usage: .venv/bin/python bench/lists.py [--disclosures N] [--repeat N]

Builds a throw-away SQLite database in a temporary folder: the urumqi-2025 sample (parsed once)
plus N generated disclosures (copies of it under other department names and years, amounts scaled),
each ingested from its own source bytes. Then requests the list as a reviewer. No goals, no asserts.
"""
import argparse
import copy
import os
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
SAMPLE = REPO.parent / "shared" / "corpus" / "urumqi-2025" / "disclosure.pdf"
DEPARTMENTS = 25


def scaled(printed, factor):
    """``printed`` times ``factor``, with the printed number of decimals."""
    value = Decimal(printed)
    return str((value * factor).quantize(value))


def variant(parsed, i):
    """The sample as another department's (or another year's) disclosure."""
    data = copy.deepcopy(parsed)
    factor = Decimal(1) + Decimal(i % 9) / 10
    data["document"]["department"] = f"{parsed['document']['department']}（样本{i % DEPARTMENTS + 1}）"
    data["document"]["fiscal_year"] = parsed["document"]["fiscal_year"] - 1 - i // DEPARTMENTS
    for table in data["tables"]:
        for line in table["lines"]:
            line["amounts"] = {key: scaled(value, factor) for key, value in line["amounts"].items()}
    for project in data["projects"]:
        if project.get("amount"):
            project["amount"] = scaled(project["amount"], factor)
    return data


def timed(client, url, params, repeat):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    times = []
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            response = client.get(url, params)
            times.append(time.perf_counter() - start)
        assert response.status_code == 200, response.status_code
    return response, len(queries), statistics.median(times)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--disclosures", type=int, default=100, help="generated disclosures (default 100)")
    parser.add_argument("--repeat", type=int, default=7, help="runs per request (default 7)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        os.environ.update(DJANGO_SETTINGS_MODULE="budget_site.settings", DEBUG="0", SECRET_KEY="bench-only",
                          DATABASE_URL=f"sqlite:///{tmp}/bench.sqlite3", MEDIA_ROOT=f"{tmp}/media")
        import django

        django.setup()
        from django.contrib.auth.models import Group, User
        from django.core.management import call_command
        from django.test import Client
        from django.test.utils import setup_test_environment
        from django.urls import reverse

        from disclosures.ingest import ingest
        from disclosures.models import BudgetLine, Disclosure
        from disclosures.parsing import parse
        from disclosures.roles import REVIEWER

        setup_test_environment()
        call_command("migrate", verbosity=0)
        start = time.perf_counter()
        source = SAMPLE.read_bytes()
        parsed = parse(SAMPLE)
        ingest(parsed, source_bytes=source, source_name=SAMPLE.name)
        for i in range(args.disclosures):
            ingest(variant(parsed, i), source_bytes=b"bench variant %d" % i)
        print(f"loaded {Disclosure.objects.count()} disclosures, {BudgetLine.objects.count():,} budget lines "
              f"in {time.perf_counter() - start:.1f} s")

        reviewer = User.objects.create_user("bench-reviewer", is_staff=True)
        reviewer.groups.add(Group.objects.get(name=REVIEWER))
        client = Client()
        client.force_login(reviewer)
        url = reverse("disclosures:line_list")
        cases = [
            ("25 per page", {"per_page": 25}),
            ("100 per page", {"per_page": 100}),
            ("100 per page, last page", {"per_page": 100, "page": 10 ** 6}),
            ("filter code=201 name=支出 amount 100–5000 (合计), sorted by code",
             {"per_page": 100, "code": "201", "name": "支出", "amount_min": 100, "amount_max": 5000,
              "amount_column": "total", "sort": "code"}),
            ("the same filter, CSV export", {"code": "201", "name": "支出", "amount_min": 100,
                                            "amount_max": 5000, "amount_column": "total", "_export": "csv"}),
        ]
        print(f"{'request':<66} {'matching':>9} {'queries':>8} {'median ms':>10}")
        for label, params in cases:
            response, queries, seconds = timed(client, url, params, args.repeat)
            table = response.context["table"] if response.context else None
            matching = table.paginator.count if table is not None else len(response.content.splitlines()) - 1
            print(f"{label:<66} {matching:>9,} {queries:>8} {seconds * 1000:>10.1f}")


if __name__ == "__main__":
    main()
