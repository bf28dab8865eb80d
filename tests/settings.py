"""Settings of the test run: the project's own, with a test key.

The project refuses to start without ``SECRET_KEY`` outside DEBUG; the suite runs with DEBUG
off, so it brings its own key.
"""
import os

os.environ.setdefault("SECRET_KEY", "tests-only-secret-key-not-for-any-server")

from budget_site.settings import *  # noqa: E402, F403
