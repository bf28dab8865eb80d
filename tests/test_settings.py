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


@pytest.mark.parametrize("env", [{"DEBUG": "1"}, {"SECRET_KEY": "a-key-from-the-environment"}])
def test_debug_or_a_secret_key_lets_django_start(env):
    done = start_django(**env)
    assert done.returncode == 0, done.stderr
