"""Steps the browser tests share: signing in, a screenshot to ``artifacts/e2e/``."""
from pathlib import Path

SHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "e2e"


def sign_in(page, base, username):
    page.goto(f"{base}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", f"{username}-pass-2031")
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/")


def shot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=False)
