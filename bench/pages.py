"""Does every staff page cost the same at a million budget lines as at ten thousand?

usage: DATABASE_URL=postgres://… .venv/bin/python bench/pages.py [--lines N] [--small N] [--repeat N]
       [--database NAME] [--keep | --reuse]

Creates a throw-away database (``--database``, default ``bench_pages``) on the server of
``DATABASE_URL`` (without it, an SQLite file in a temporary folder), migrates it and ingests the
urumqi-2025 sample with its checks. Generated disclosures are then bulk-inserted from that
disclosure's records (tables, lines, amounts, projects, findings, units, plus two performance
targets with ten indicators each), varied in department (all departments exist from the start, twenty
disclosures each at the end), year, kind, status, classification codes and amounts, until ``--small``
lines (default 10,000) are stored. Every page is measured; then more are inserted up to ``--lines``
(default 100,000) and every page is measured again.

Each page is requested once to warm up, then ``--repeat`` times (default 5) in the test client: the
review pages as a reviewer, the admin pages as a superuser. One line per page:

    page=<name> small_ms=<median> large_ms=<median> ratio=<large/small> queries_small=<n> queries_large=<n>

The CSV export is timed to its first row. The database is dropped at the end unless ``--keep``, which
on PostgreSQL also keeps a copy of the small data (``NAME_small``); ``--reuse`` then measures both kept
databases again without loading anything (a million lines take minutes to load).
"""
import argparse
import os
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
SAMPLE = REPO.parent / "shared" / "corpus" / "urumqi-2025" / "disclosure.pdf"
PER_DEPARTMENT = 20  # ten years, both kinds
BATCH = 50  # disclosures per bulk insert
CLASSES = ("201", "204", "205", "206", "207", "208", "210", "211", "212", "213", "214", "215", "216", "220",
           "221", "222", "224", "227", "229", "230")
STATUSES = ("draft",) * 5 + ("submitted", "returned", "approved", "approved", "approved")
TARGETS, INDICATORS = 2, 10


def create_database(url, name):
    """The URL of a new, empty database ``name`` on the server of ``url`` (dropped first if it exists)."""
    import psycopg

    parts = urlsplit(url)
    with psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    return urlunsplit(parts._replace(path=f"/{name}"))


def renamed(url, name):
    return urlunsplit(urlsplit(url)._replace(path=f"/{name}"))


def copy_database(url, name):
    """A copy of the database of ``url`` as ``name`` (replacing it), for ``--reuse``."""
    import psycopg
    from django.db import connections

    connections.close_all()
    parts = urlsplit(url)
    with psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{parts.path.lstrip("/")}"')


def use_database(url):
    """Point Django's connection at the database of ``url`` (same server)."""
    from django.db import connections

    connections.close_all()
    connections["default"].settings_dict["NAME"] = urlsplit(url).path.lstrip("/")


def drop_database(url):
    import psycopg
    from django.db import connections

    connections.close_all()
    parts = urlsplit(url)
    with psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{parts.path.lstrip("/")}"')


def copied(obj, **overrides):
    """A new unsaved instance with ``obj``'s stored fields but its primary key, and ``overrides``."""
    fields = {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields if not f.primary_key}
    return type(obj)(**{**fields, **overrides})


def scaled(printed, factor):
    """``printed`` times ``factor``, with the printed number of decimals."""
    value = Decimal(printed)
    return str((value * factor).quantize(value))


def varied_code(code, i):
    """``code`` under another classification (类) for disclosure ``i``, same length and level."""
    if code[:3] not in CLASSES:
        return code
    return CLASSES[(CLASSES.index(code[:3]) + i) % len(CLASSES)] + code[3:]


class Generator:
    """Bulk copies of one ingested disclosure's records, each a new department, year or kind."""

    def __init__(self, template, clerk):
        from disclosures.models import BudgetLine, Finding, LineAmount

        self.template, self.clerk = template, clerk
        self.tables = list(template.tables.order_by("order"))
        self.units = list(template.units.order_by("order"))
        self.lines = list(BudgetLine.objects.filter(disclosure=template).order_by("table__order", "order"))
        self.amounts = defaultdict(list)
        for amount in LineAmount.objects.filter(line__disclosure=template).order_by("id"):
            self.amounts[amount.line_id].append(amount)
        self.projects = list(template.projects.order_by("order"))
        self.findings = list(Finding.objects.filter(disclosure=template).prefetch_related("lines"))
        self.matters = list(template.other_matters.all())
        self.sections = list(template.sections.order_by("order"))
        self.staffing = template.staffing
        self.count = 0
        self.departments = []

    @property
    def line_count(self):
        return len(self.lines)

    def department(self, i):
        """The department of generated disclosure ``i`` (created with those before it if new)."""
        from disclosures.models import Department

        while len(self.departments) <= i // PER_DEPARTMENT:
            self.departments.append(Department.objects.create(name=f"样本部门{len(self.departments) + 1:04d}"))
        return self.departments[i // PER_DEPARTMENT]

    def add(self, n):
        """Insert ``n`` more disclosures, ``BATCH`` at a time."""
        while n > 0:
            size = min(n, BATCH)
            self.batch(range(self.count, self.count + size))
            self.count += size
            n -= size

    def total(self, line, factor):
        """The copy of template ``line``'s 合计 amount, scaled by ``factor`` as its cell is."""
        printed = next((a.printed for a in self.amounts[line.pk] if a.column == "total"), None)
        return Decimal(scaled(printed, factor)) if printed is not None else None

    def batch(self, indices):
        from django.db import transaction

        from disclosures.models import (
            BudgetLine,
            BudgetTable,
            BudgetUnit,
            Disclosure,
            Finding,
            LineAmount,
            OtherMatter,
            Project,
            Section,
            Staffing,
        )
        from performance.models import Indicator, PerformanceTarget

        with transaction.atomic():
            disclosures = Disclosure.objects.bulk_create([
                copied(self.template, department_id=self.department(i).pk, fiscal_year=2025 - i % 10,
                       kind=("budget", "final_accounts")[i // 10 % 2], version=1, is_current=True,
                       status=STATUSES[i % len(STATUSES)], sha256=f"bench-{i}", source_pdf="",
                       uploaded_by_id=self.clerk.pk)
                for i in indices
            ])
            factors = {d.pk: Decimal(1) + Decimal(i % 9) / 10 for i, d in zip(indices, disclosures, strict=True)}
            tables = BudgetTable.objects.bulk_create(
                copied(t, disclosure_id=d.pk) for d in disclosures for t in self.tables)
            units = BudgetUnit.objects.bulk_create(
                copied(u, disclosure_id=d.pk, department_id=d.department_id) for d in disclosures for u in self.units)
            table_of = {(t.disclosure_id, t.order): t.pk for t in tables}
            unit_of = {(u.disclosure_id, u.order): u.pk for u in units}
            template_table = {t.pk: t.order for t in self.tables}
            template_unit = {u.pk: u.order for u in self.units}
            lines = []
            for i, d in zip(indices, disclosures, strict=True):
                for line in self.lines:
                    lines.append(copied(
                        line, disclosure_id=d.pk, table_id=table_of[d.pk, template_table[line.table_id]],
                        unit_id=unit_of.get((d.pk, template_unit.get(line.unit_id))), code=varied_code(line.code, i),
                        total_amount=self.total(line, factors[d.pk])))
            BudgetLine.objects.bulk_create(lines, batch_size=2000)
            line_of = {}
            for k, line in enumerate(lines):
                line_of[line.disclosure_id, self.lines[k % len(self.lines)].pk] = line.pk
            LineAmount.objects.bulk_create(
                (copied(a, line_id=line.pk, printed=scaled(a.printed, factors[line.disclosure_id]),
                        amount=Decimal(scaled(a.printed, factors[line.disclosure_id])))
                 for k, line in enumerate(lines) for a in self.amounts[self.lines[k % len(self.lines)].pk]),
                batch_size=2000)
            projects = Project.objects.bulk_create(
                copied(p, disclosure_id=d.pk) for d in disclosures for p in self.projects)
            project_of = {(p.disclosure_id, p.order): p.pk for p in projects}
            template_project = {p.pk: p.order for p in self.projects}
            findings = Finding.objects.bulk_create(
                copied(f, disclosure_id=d.pk, table_id=table_of.get((d.pk, template_table.get(f.table_id))),
                       project_id=project_of.get((d.pk, template_project.get(f.project_id))), section_id=None,
                       target_id=None, indicator_id=None)
                for d in disclosures for f in self.findings)
            Through = Finding.lines.through
            Through.objects.bulk_create(
                (Through(finding_id=new.pk, budgetline_id=line_of[new.disclosure_id, line.pk])
                 for new, old in zip(findings, self.findings * len(disclosures), strict=True)
                 for line in old.lines.all()), batch_size=2000)
            OtherMatter.objects.bulk_create(copied(m, disclosure_id=d.pk) for d in disclosures for m in self.matters)
            Section.objects.bulk_create(copied(s, disclosure_id=d.pk) for d in disclosures for s in self.sections)
            Staffing.objects.bulk_create(copied(self.staffing, disclosure_id=d.pk) for d in disclosures)
            targets = PerformanceTarget.objects.bulk_create(
                PerformanceTarget(disclosure_id=d.pk, order=t, scope="project", unit_name=self.units[0].name,
                                  project=p.name, goal="保障项目按期完成", pages=[p.source_page or 1],
                                  source_page=p.source_page)
                for d in disclosures for t, p in enumerate((self.projects * TARGETS)[:TARGETS]))
            Indicator.objects.bulk_create(
                Indicator(target_id=t.pk, order=k, level1=("产出指标", "效益指标", "满意度指标")[k % 3],
                          level2=("数量指标", "质量指标", "时效指标", "社会效益指标")[k % 4],
                          name=f"指标{k + 1}完成率", target_text="≥95%", comparator=">=", target_value="95",
                          target_unit="%", weight=Decimal(10), source_page=t.source_page)
                for t in targets for k in range(INDICATORS))


def measure(client, url, params, repeat, first_byte=False):
    """(median ms, queries of one request): the whole response, or until the first row of a streamed one."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    times, queries = [], 0
    for run in range(repeat + 1):
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            response = client.get(url, params)
            assert response.status_code == 200, (url, params, response.status_code)
            if first_byte and response.streaming:  # the byte order mark, the header, the first row
                chunks = iter(response.streaming_content)
                next(chunks), next(chunks), next(chunks)
            elapsed = time.perf_counter() - start
        if response.streaming:
            response.close()
        if run:
            times.append(elapsed * 1000)
            queries = len(captured)
    return statistics.median(times), queries


def pages(probe):
    """(name, url, params, as superuser, to the first row) of every staff page, for the data as it is now.

    ``probe``: (pk, department pk) of the disclosure whose own pages are requested, the same at both sizes.
    """
    from django.urls import reverse

    from disclosures.models import Disclosure

    current = Disclosure.objects.filter(is_current=True).count()
    filtered = {"code": "201", "amount_min": 100, "amount_max": 5000, "amount_column": "total"}
    lines = reverse("disclosures:line_list")
    return [
        ("dashboard", reverse("disclosures:dashboard"), {}, False, False),
        ("dashboard_middle", reverse("disclosures:dashboard"), {"page": max(1, current // 50 // 2)}, False, False),
        ("disclosure", reverse("disclosures:disclosure", args=[probe[0]]), {}, False, False),
        ("lines_first", lines, {"per_page": 100}, False, False),
        ("lines_last", lines, {"per_page": 100, "page": 10 ** 6}, False, False),
        ("lines_code", lines, {"per_page": 100, "code": "201"}, False, False),
        ("lines_name", lines, {"per_page": 100, "name": "运行"}, False, False),
        ("lines_amount", lines, {"per_page": 100, "amount_min": 100, "amount_max": 5000,
                                 "amount_column": "total"}, False, False),
        ("lines_by_code", lines, {"per_page": 100, "sort": "-code"}, False, False),
        ("lines_sorted_amount", lines, {"per_page": 100, "sort": "-total_amount"}, False, False),
        ("projects", reverse("disclosures:project_list"), {}, False, False),
        ("indicators", reverse("performance:indicator_list"), {}, False, False),
        ("findings", reverse("disclosures:finding_list"), {"per_page": 100}, False, False),
        ("compare", reverse("disclosures:compare", args=[probe[1]]), {}, False, False),
        ("history", reverse("disclosures:history", args=[probe[0]]), {}, False, False),
        ("admin_disclosures", reverse("admin:disclosures_disclosure_changelist"), {}, True, False),
        ("admin_lines", reverse("admin:disclosures_budgetline_changelist"), {}, True, False),
        ("admin_amounts", reverse("admin:disclosures_lineamount_changelist"), {}, True, False),
        ("admin_indicators", reverse("admin:performance_indicator_changelist"), {}, True, False),
        ("admin_findings", reverse("admin:disclosures_finding_changelist"), {}, True, False),
        ("export_csv", lines, {**filtered, "_export": "csv"}, False, True),
    ]


def measure_all(probe, reviewer, superuser, repeat):
    from django.db import connection
    from django.test import Client

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    clients = {}
    for flag, user in ((False, reviewer), (True, superuser)):
        clients[flag] = Client()
        clients[flag].force_login(user)
    return {name: measure(clients[admin], url, params, repeat, first_byte)
            for name, url, params, admin, first_byte in pages(probe)}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=100_000, help="budget lines of the large run (default 100,000)")
    parser.add_argument("--small", type=int, default=10_000, help="budget lines of the small run (default 10,000)")
    parser.add_argument("--repeat", type=int, default=5, help="timed requests per page (default 5)")
    parser.add_argument("--database", default="bench_pages", help="name of the throw-away PostgreSQL database")
    reuse = parser.add_mutually_exclusive_group()
    reuse.add_argument("--keep", action="store_true", help="keep the databases (large and small) at the end")
    reuse.add_argument("--reuse", action="store_true", help="measure the databases a --keep run left")
    args = parser.parse_args()

    tmp = tempfile.mkdtemp(prefix="bench-pages-")
    url = os.environ.get("DATABASE_URL", "")
    if args.reuse and not url.startswith("postgres"):
        parser.error("--reuse needs DATABASE_URL=postgres://…")
    if url.startswith("postgres"):
        url = renamed(url, args.database) if args.reuse else create_database(url, args.database)
    else:
        url = f"sqlite:///{tmp}/bench.sqlite3"
    small_url = renamed(url, f"{args.database}_small")
    os.environ.update(DJANGO_SETTINGS_MODULE="budget_site.settings", DEBUG="0", SECRET_KEY="bench-only",
                      DATABASE_URL=url, MEDIA_ROOT=f"{tmp}/media")
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth.models import Group, User
    from django.core.management import call_command

    from disclosures.ingest import ingest
    from disclosures.models import BudgetLine
    from disclosures.parsing import parse
    from disclosures.roles import CLERK, REVIEWER

    # The test client's host, without setup_test_environment(): its template instrumentation (a copy of
    # every context for response.context) would be timed too, and no server pays for it.
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    if args.reuse:
        measure_kept(small_url, url, args.repeat)
        return
    try:
        call_command("migrate", verbosity=0)
        clerk = User.objects.create_user("bench-clerk", is_staff=True)
        clerk.groups.add(Group.objects.get(name=CLERK))
        reviewer = User.objects.create_user("bench-reviewer", is_staff=True)
        reviewer.groups.add(Group.objects.get(name=REVIEWER))
        superuser = User.objects.create_superuser("bench-admin")
        template = ingest(parse(SAMPLE), source_bytes=SAMPLE.read_bytes(), source_name=SAMPLE.name).disclosure
        generator = Generator(template, clerk)
        generator.department(max(args.lines // generator.line_count, 1))  # every department from the start
        results = {}
        for label, target in (("small", args.small), ("large", args.lines)):
            start = time.perf_counter()
            generator.add(max(0, -(-(target - BudgetLine.objects.count()) // generator.line_count)))
            print(f"# {label}: {generator.count + 1:,} disclosures, {BudgetLine.objects.count():,} budget lines "
                  f"(loaded in {time.perf_counter() - start:.0f} s)", flush=True)
            if label == "small":
                probe = probe_of(generator.count)
            results[label] = measure_all(probe, reviewer, superuser, args.repeat)
            if label == "small" and args.keep and url.startswith("postgres"):
                copy_database(url, f"{args.database}_small")
        report(results)
    finally:
        if url.startswith("postgres") and not args.keep:
            drop_database(url)


def probe_of(generated):
    """(pk, department pk) of the disclosure in the middle of the ``generated`` ones."""
    from disclosures.models import Disclosure

    return Disclosure.objects.order_by("pk").values_list("pk", "department_id")[generated // 2 + 1]


def measure_kept(small_url, large_url, repeat):
    """Measure the databases of a ``--keep`` run, migrated to the code's models: the small copy, then
    the large one."""
    from django.contrib.auth.models import User
    from django.core.management import call_command

    from disclosures.models import BudgetLine, Disclosure

    results = {}
    for label, url in (("small", small_url), ("large", large_url)):
        use_database(url)
        call_command("migrate", verbosity=0)
        reviewer, superuser = User.objects.get(username="bench-reviewer"), User.objects.get(username="bench-admin")
        if label == "small":
            probe = probe_of(Disclosure.objects.count() - 1)
        print(f"# {label}: {Disclosure.objects.count():,} disclosures, {BudgetLine.objects.count():,} budget lines "
              "(kept)", flush=True)
        results[label] = measure_all(probe, reviewer, superuser, repeat)
    report(results)


def report(results):
    for name, (small_ms, small_queries) in results["small"].items():
        large_ms, large_queries = results["large"][name]
        print(f"page={name} small_ms={small_ms:.1f} large_ms={large_ms:.1f} ratio={large_ms / small_ms:.2f} "
              f"queries_small={small_queries} queries_large={large_queries}")


if __name__ == "__main__":
    main()
