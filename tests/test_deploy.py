"""Production settings pass Django's deployment checklist."""
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def production_env():
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("SECURE_", "SESSION_", "CSRF_", "DJANGO_"))}
    for line in (ROOT / "deploy" / "production.env").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            key, _, value = line.partition("=")
            env[key] = value
    env["SECRET_KEY"] = "x7" * 30 + "-a-long-random-production-secret"
    env["DATABASE_URL"] = f"sqlite:///{ROOT / 'never-created.sqlite3'}"
    return env


def check_deploy(env):
    return subprocess.run([sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)


def test_production_settings_pass_check_deploy():
    done = check_deploy(production_env())
    assert done.returncode == 0, done.stdout + done.stderr


def test_without_a_secret_key_check_deploy_fails_saying_so():
    env = production_env()
    env.pop("SECRET_KEY")
    done = check_deploy(env)
    assert done.returncode != 0 and "SECRET_KEY is not set" in done.stderr


def test_the_placeholder_key_fails_check_deploy():
    env = production_env()
    env["SECRET_KEY"] = "change-me-to-a-long-random-string"  # as in deploy/production.env
    done = check_deploy(env)
    assert done.returncode != 0 and "security.W009" in done.stdout + done.stderr
