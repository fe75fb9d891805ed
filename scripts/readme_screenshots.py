"""Screenshots of the competency journeys for the README, from a running demo.

    make run                      # in another terminal (or any server with the demo loaded)
    .venv/bin/python scripts/readme_screenshots.py --url http://127.0.0.1:8000

Signs in with the demo accounts in Debian's Chromium (headless) and writes
docs/screenshots/14-…18-*.png.
"""

import argparse
import re
import shutil
from pathlib import Path

from playwright.sync_api import sync_playwright

OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"
PASSWORD = "penata-demo"  # noqa: S105 - the published demo password


def sign_in(page, url: str, username: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{url}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("[data-testid=login-submit]")
    page.wait_for_load_state("networkidle")


def shot(page, name: str) -> None:
    page.wait_for_load_state("networkidle")
    page.screenshot(path=str(OUT / f"{name}.png"), full_page=False)
    print(OUT / f"{name}.png")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://127.0.0.1:8000")
    url = parser.parse_args().url.rstrip("/")
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=shutil.which("chromium"), headless=True, args=["--no-sandbox"]
        )
        page = browser.new_context(locale="id-ID", viewport={"width": 1366, "height": 900}).new_page()

        sign_in(page, url, "asn")
        shot_me = f"{url}/competency/me/"
        page.goto(shot_me)
        shot(page, "18-my-competencies")
        nip = re.sub(r"\D", "", page.locator(".lead .nip").first.inner_text())

        sign_in(page, url, "opd_admin")
        page.goto(f"{url}/competency/employees/{nip}/")
        shot(page, "14-competency-profile")
        page.goto(f"{url}/competency/gaps/")
        shot(page, "16-gap-map")
        page.goto(f"{url}/competency/standards/?status=set")
        page.locator("td a[href*='/standard/']").first.click()
        shot(page, "17-position-standard")

        sign_in(page, url, "admin")
        page.goto(f"{url}/competency/talent/")
        shot(page, "15-talent-grid")
        browser.close()


if __name__ == "__main__":
    main()
