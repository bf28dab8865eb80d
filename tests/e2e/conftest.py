"""Browser fixtures: Playwright on Debian's chromium (``scripts/browser.sh`` installs it; Playwright's own
browser download is not used), and staff to sign in."""
import shutil
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.db import connections

from disclosures.roles import CLERK, REVIEWER

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]


@pytest.fixture
def browser(monkeypatch):
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the ORM calls of the test are
    # plain synchronous code, not async views.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    if not Path(CHROMIUM).exists():
        pytest.fail("chromium is not installed: run scripts/browser.sh as root (make test does)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()
        # While Playwright's loop runs, Django's connections live in that context, not in the
        # thread: close them here, or PostgreSQL refuses to drop the test database afterwards.
        connections.close_all()


@pytest.fixture
def staff(django_user_model, role_groups):
    def make(username, group, full_name):
        user = django_user_model.objects.create_user(username, password=f"{username}-pass-2031",
                                                     is_staff=True, first_name=full_name)
        user.groups.add(Group.objects.get(name=group))
        return user

    return make("clerk", CLERK, "张录入"), make("reviewer", REVIEWER, "李审核")
