"""Settings read from the environment: no start without a secret key outside DEBUG."""
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def start_django(**env):
    environ = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DEBUG")}
    environ.update(DJANGO_SETTINGS_MODULE="budget_site.settings", **env)
    return subprocess.run([sys.executable, "-c", "import django; django.setup()"], cwd=ROOT, env=environ,
                          capture_output=True, text=True, timeout=60)


def test_without_secret_key_outside_debug_django_does_not_start():
    done = start_django()
    assert done.returncode != 0
    assert "ImproperlyConfigured: SECRET_KEY is not set" in done.stderr


def manage(*args):
    environ = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DEBUG", "DJANGO_SETTINGS_MODULE")}
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=environ, capture_output=True,
                          text=True, timeout=120)


def test_a_command_that_serves_nothing_runs_without_a_secret_key(sample_pdf, tmp_path):
    done = manage("parse_pdf", str(sample_pdf), "-o", str(tmp_path / "out.json"))
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "out.json").stat().st_size > 0


def test_the_development_server_does_not_start_without_a_secret_key():
    done = manage("runserver", "--noreload", "127.0.0.1:0")
    assert done.returncode != 0 and "SECRET_KEY is not set" in done.stderr


@pytest.mark.parametrize("env", [{"DEBUG": "1"}, {"SECRET_KEY": "a-key-from-the-environment"}])
def test_debug_or_a_secret_key_lets_django_start(env):
    done = start_django(**env)
    assert done.returncode == 0, done.stderr


def database_options(url):
    done = subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); from django.conf import settings; "
                               "print(sorted(settings.DATABASES['default'].get('OPTIONS', {}).items()))"],
        cwd=ROOT, env={**os.environ, "DJANGO_SETTINGS_MODULE": "budget_site.settings", "SECRET_KEY": "k",
                       "DATABASE_URL": url}, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_sqlite_gets_wal_a_busy_timeout_and_immediate_transactions_and_postgresql_does_not(tmp_path):
    assert database_options(f"sqlite:///{tmp_path / 'db.sqlite3'}") == (
        "[('init_command', 'PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL'), ('timeout', 20), "
        "('transaction_mode', 'IMMEDIATE')]")
    assert database_options("postgres://u@127.0.0.1:5432/db") == "[]"
