"""Settings of the test run: the project's own, with a test key and a file test database.

The project refuses to start without ``SECRET_KEY`` outside DEBUG; the suite runs with DEBUG
off, so it brings its own key. On SQLite the test database is a file, not memory, so that
the live-server tests exercise the journal and locking of a real deployment.
"""
import os
import tempfile
from pathlib import Path

os.environ.setdefault("SECRET_KEY", "tests-only-secret-key-not-for-any-server")

from budget_site.settings import *  # noqa: F403
from budget_site.settings import DATABASES

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["TEST"] = {
        "NAME": str(Path(tempfile.gettempdir()) / f"budget-records-test-{os.getpid()}.sqlite3"),
    }

# The task logic runs in the test process; tests/jobs/test_worker.py turns this off for a real worker.
CELERY_TASK_ALWAYS_EAGER = True

# Django's advice for test speed: the staff accounts the fixtures create need no slow hash.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
