"""Many staff at once: parallel page views and edits on the real server never end in a 500.

The server runs in a thread against the test database — a file on SQLite (tests/settings.py),
so that WAL, the busy timeout and IMMEDIATE transactions are what is exercised — or PostgreSQL
when DATABASE_URL names one. Traffic goes to 127.0.0.1 only.
"""
import http.client
import re
import time
from concurrent.futures import ThreadPoolExecutor
from http.cookies import SimpleCookie
from urllib.parse import urlencode

import pytest
from django.db import connection
from django.urls import reverse

from disclosures.models import BudgetLine, LineAmount
from disclosures.roles import CLERK
from tests.builders import disclosure, ingested, line, staff, table
from tests.formdata import form_data

pytestmark = pytest.mark.django_db(transaction=True)

GETS, POSTS, WORKERS, TIMEOUT = 20, 6, 8, 60


class Browser:
    """A signed-in staff member's cookies, sending requests to the live server on 127.0.0.1."""

    def __init__(self, port):
        self.port, self.cookies = port, {}

    def request(self, method, path, form=None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=TIMEOUT)
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if form is not None:
            body = urlencode({**form, "csrfmiddlewaretoken": self.cookies.get("csrftoken", "")})
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            content = response.read()
            for header in response.headers.get_all("Set-Cookie") or []:
                self.cookies.update({k: m.value for k, m in SimpleCookie(header).items()})
            return response.status, content
        finally:
            conn.close()

    def sign_in(self, username, password):
        self.request("GET", reverse("login"))
        status, _ = self.request("POST", reverse("login"), {"username": username, "password": password})
        assert status == 302 and "sessionid" in self.cookies


@pytest.fixture
def record():
    return ingested(disclosure("财政局", 2025, tables=[table("expense_summary", [
        line("总计", row_type="total", total="600.00", page=3),
        *(line(f"事项{i}", f"20101{i:02d}", total="100.00", page=3) for i in range(POSTS)),
    ])]))


def test_parallel_views_and_edits_never_fail(live_server, role_groups, record):
    if connection.vendor == "sqlite":
        assert not connection.is_in_memory_db()  # else the server would share this one connection
        with connection.cursor() as cursor:
            assert cursor.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    staff("clerk", CLERK, [record.department])
    browser = Browser(live_server.thread.port)
    browser.sign_in("clerk", "password")
    pages = [reverse("disclosures:dashboard"), reverse("disclosures:disclosure", args=[record.pk]),
             reverse("disclosures:line_list"), reverse("disclosures:finding_list"),
             reverse("disclosures:project_list")]
    lines = list(BudgetLine.objects.filter(disclosure=record, name__startswith="事项").order_by("code"))
    urls = [reverse("disclosures:line_edit", args=[line.pk]) for line in lines]
    edits = [(url, {**form_data(browser.request("GET", url)[1].decode()), "reason": "并发测试",
                    "amount_total": f"{101 + i}.00"}) for i, url in enumerate(urls)]
    jobs = [("GET", pages[i % len(pages)], None) for i in range(GETS)] + [("POST", url, form) for url, form in edits]
    jobs = jobs[::2] + jobs[1::2]  # writes spread among the reads

    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        results = list(pool.map(lambda job: (job[0], *browser.request(*job)), jobs))
    assert time.monotonic() - started < TIMEOUT

    statuses = [(method, status) for method, status, _ in results]
    assert not [s for s in statuses if s[1] >= 500], statuses
    assert statuses.count(("GET", 200)) == GETS and statuses.count(("POST", 302)) == POSTS, statuses
    saved = LineAmount.objects.filter(line__in=lines, column="total").values_list("printed", flat=True)
    assert sorted(saved) == [f"{101 + i}.00" for i in range(POSTS)]
    assert not any(re.search(rb"Traceback|Server Error", content) for _, _, content in results)
