"""Screenshots of the competency and complaint journeys for the README, from a running demo.

    make run                      # in another terminal (or any server with the demo loaded)
    .venv/bin/python scripts/readme_screenshots.py --url http://127.0.0.1:8000

Signs in with the demo accounts in Debian's Chromium (headless) and writes
docs/screenshots/14-…18-*.png (competencies), 19-…26-*.png (complaints) and 27-…33-*.png
(training). The
complaint part files one report through the form, so run it against a demo, not
production.
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
    parser.add_argument("--part", choices=("all", "competency", "complaints", "training"), default="all")
    args = parser.parse_args()
    url = args.url.rstrip("/")
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=shutil.which("chromium"), headless=True, args=["--no-sandbox"]
        )
        page = browser.new_context(locale="id-ID", viewport={"width": 1366, "height": 900}).new_page()
        if args.part in ("all", "competency"):
            competency(page, url)
        if args.part in ("all", "complaints"):
            complaints(browser, page, url)
        if args.part in ("all", "training"):
            training(page, url)
        browser.close()


def competency(page, url: str) -> None:
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


def complaints(browser, page, url: str) -> None:
    phone = browser.new_context(
        locale="id-ID", viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True
    ).new_page()
    phone.goto(f"{url}/complaints/new/")
    phone.locator("input[name=kind][value=complaint]").check(force=True)
    phone.select_option("select[name=category]", index=1)
    phone.fill(
        "textarea[name=description]",
        "Antrean perekaman KTP elektronik di kantor kecamatan Oba Utara sangat panjang; "
        "petugas baru datang pukul 10.00 dan alat perekam sering rusak.",
    )
    phone.locator("[data-testid=complaint-map]").scroll_into_view_if_needed()
    box = phone.locator("[data-testid=complaint-map]").bounding_box()
    # Halmahera's west coast near Sofifi: the pin is placed and the map zooms in on it.
    phone.mouse.click(box["x"] + box["width"] * 0.6, box["y"] + box["height"] * 0.45)
    phone.wait_for_timeout(500)
    for _ in range(3):  # back out far enough to see the coast around the pin
        phone.locator(".leaflet-control-zoom-out").click()
        phone.wait_for_timeout(300)
    phone.fill("input[name=kecamatan]", "Oba Utara")
    phone.fill("input[name=reporter_name]", "Siti Rahma")
    phone.fill("input[name=reporter_email]", "siti@example.test")
    # The "where" section: the map with its pin and the district.
    phone.evaluate(
        "window.scrollTo(0, document.querySelector('[data-testid=complaint-map]')"
        ".getBoundingClientRect().top + window.scrollY - 200)"
    )
    phone.wait_for_timeout(300)
    shot(phone, "19-report-form-phone")
    phone.locator("[data-testid=complaint-submit]").click()
    shot(phone, "20-report-filed-phone")
    phone.goto(f"{url}/complaints/map/")
    shot(phone, "21-report-map-phone")
    phone.context.close()

    page.context.clear_cookies()
    page.goto(f"{url}/complaints/")
    page.locator("a[href*='/complaints/r/']").first.click()
    shot(page, "22-report-status")
    page.goto(f"{url}/complaints/agencies/?year=2025")  # the demo reports are from 2025
    shot(page, "23-agency-figures")

    sign_in(page, url, "officer")
    page.goto(f"{url}/complaints/inbox/?status=open")
    shot(page, "24-officer-inbox")
    sign_in(page, url, "verifier")
    page.goto(f"{url}/complaints/inbox/?status=submitted")
    page.locator("a[href*='/complaints/inbox/LPR-']").first.click()
    shot(page, "25-verifier-dispatch")
    page.goto(f"{url}/complaints/routing/")
    shot(page, "26-routing-model")


def training(page, url: str) -> None:
    sign_in(page, url, "asn")
    page.goto(f"{url}/training/")
    shot(page, "27-training-catalogue")
    page.locator("main a[href*='/training/sessions/']").first.click()
    shot(page, "28-training-session")
    page.goto(f"{url}/training/jp/")
    shot(page, "29-my-jp")

    sign_in(page, url, "opd_admin")
    page.goto(f"{url}/training/approvals/")
    shot(page, "30-enrolment-approvals")

    sign_in(page, url, "trainer")
    page.goto(f"{url}/training/jp/compliance/")
    shot(page, "31-jp-compliance")
    page.goto(f"{url}/training/needs/")
    shot(page, "32-training-needs")
    page.goto(f"{url}/training/calendar/")
    shot(page, "33-training-calendar")


if __name__ == "__main__":
    main()
