"""A citizen on a phone after filing: track the report with code and secret, read the
history, rate the answer and reopen the report; then the public list, the map and the
agencies' figures."""

import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from penata.accounts.models import Role

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def reports(province):
    from penata.accounts.tests.factories import UserFactory
    from penata.complaints import services
    from penata.complaints.tests.factories import ComplaintCategoryFactory

    dinkes = province["agencies"]["dinkes"]
    verifier = UserFactory(username="verif", role=Role.COMPLAINT_VERIFIER, agency=province["agencies"]["bkd"])
    officer = UserFactory(
        username="petugas", full_name="Petugas Puskesmas", role=Role.COMPLAINT_OFFICER, agency=dinkes
    )
    health = ComplaintCategoryFactory(code="KESEHATAN", name="Pelayanan kesehatan")
    road = ComplaintCategoryFactory(code="JALAN", name="Jalan dan jembatan")

    mine, secret = services.complaint_submit(
        kind="complaint",
        category=health,
        description="Antrean di Puskesmas Sofifi sangat panjang, loket baru buka pukul 10.",
        privacy="anonymous",
        kecamatan="Oba Utara",
        kelurahan="Guraping",
        latitude=Decimal("0.7350"),
        longitude=Decimal("127.5650"),
    )
    services.complaint_dispatch(complaint=mine, agency=dinkes, actor=verifier)
    services.complaint_answer(
        complaint=mine,
        answer="Mulai bulan depan loket buka pukul 07.30 dan ada nomor antrean.",
        actor=officer,
    )
    other, _ = services.complaint_submit(
        kind="complaint",
        category=road,
        description="Jalan menuju Desa Akelamo rusak berat setelah hujan.",
        privacy="public",
        reporter_name="Yusuf Marasabessy",
        reporter_email="yusuf@example.test",
        kecamatan="Oba Selatan",
        latitude=Decimal("0.6000"),
        longitude=Decimal("127.5000"),
    )
    services.complaint_dispatch(complaint=other, agency=dinkes, actor=verifier)
    hidden, _ = services.complaint_submit(
        kind="complaint",
        category=health,
        description="Laporan rahasia tentang pungutan.",
        privacy="confidential",
        reporter_name="Rahasia",
        reporter_email="rahasia@example.test",
    )
    services.complaint_dispatch(complaint=hidden, agency=dinkes, actor=verifier)
    return {"mine": mine, "secret": secret, "other": other, "hidden": hidden}


def test_reporter_tracks_rates_and_reopens_on_a_phone(page, reports, screenshot):
    page.set_viewport_size(PHONE)
    mine = reports["mine"]
    page.goto("/complaints/track/")
    expect(page.get_by_test_id("page-title")).to_be_visible()
    # Typed the easy way: lower case, no dashes.
    page.fill("#id_code", mine.tracking_code.lower().replace("-", " "))
    page.fill("#id_secret", "SALAHSALAHSALAHSALAH")
    page.get_by_test_id("track-submit").click()
    expect(page.get_by_test_id("error-secret")).to_be_visible()
    screenshot(page, "complaint-status-01-wrong-secret-phone", full_page=False)

    page.fill("#id_secret", reports["secret"])
    page.get_by_test_id("track-submit").click()
    expect(page).to_have_url(re.compile(rf"/complaints/r/{mine.tracking_code}/$"))
    expect(page.get_by_test_id("page-title")).to_have_text(mine.tracking_code)
    expect(page.get_by_test_id("reporter-banner")).to_be_visible()
    entries = page.get_by_test_id("timeline-entry")
    expect(entries).to_have_count(3)
    expect(entries.nth(1)).to_contain_text("Dinas Kesehatan")
    expect(page.get_by_test_id("answer-text")).to_contain_text("loket buka pukul 07.30")
    expect(page.get_by_text("Petugas Puskesmas")).to_have_count(0)
    # The secret typed on the track page fills the action forms (this tab only).
    expect(page.locator("[data-testid=rating-form] .js-secret-wrap")).to_be_hidden()
    screenshot(page, "complaint-status-02-reporter-view-phone")

    page.get_by_test_id("score-4").click()
    page.fill("#id_rate-comment", "Jawaban jelas, semoga ditepati.")
    page.get_by_test_id("rating-submit").click()
    expect(page.get_by_test_id("message")).to_be_visible()
    expect(page.get_by_test_id("current-rating")).to_contain_text("4")

    page.get_by_test_id("reopen-details").locator("summary").click()
    page.fill("#id_reopen-reason", "Hari ini loket masih buka pukul 10.")
    screenshot(page, "complaint-status-03-respond-phone")
    page.get_by_test_id("reopen-submit").click()
    expect(page.get_by_test_id("status-badge")).to_have_class(re.compile(r"badge-cstatus-dispatched"))
    expect(page.get_by_test_id("timeline-entry")).to_have_count(4)
    expect(page.get_by_test_id("respond-card")).to_have_count(0)
    screenshot(page, "complaint-status-04-reopened-phone")


def test_confidential_report_is_not_public(page, reports):
    page.goto(f"/complaints/r/{reports['hidden'].tracking_code}/")
    expect(page.get_by_test_id("secret-hint")).to_be_visible()
    expect(page.get_by_text("Laporan rahasia")).to_have_count(0)


def test_public_list_map_and_agency_figures_on_a_phone(page, reports, screenshot):
    page.set_viewport_size(PHONE)
    page.goto("/complaints/")
    rows = page.get_by_test_id("report-row")
    expect(rows).to_have_count(2)
    expect(page.get_by_text("Yusuf Marasabessy")).to_have_count(0)
    expect(page.get_by_text("Laporan rahasia")).to_have_count(0)
    screenshot(page, "complaint-public-01-list-phone")
    # On a phone the filters fold away behind one button.
    expect(page.locator("#id_category")).to_be_hidden()
    page.get_by_test_id("filter-toggle").click()
    page.select_option("#id_category", "JALAN")
    expect(rows).to_have_count(1)
    expect(page).to_have_url(re.compile(r"category=JALAN"))
    rows.first.click()
    expect(page.get_by_test_id("page-title")).to_have_text(reports["other"].tracking_code)
    expect(page.get_by_test_id("follow-form")).to_be_visible()
    expect(page.get_by_test_id("reporter-banner")).to_have_count(0)
    screenshot(page, "complaint-public-02-status-public-phone")

    page.goto("/complaints/map/")
    expect(page.get_by_test_id("complaint-map")).to_have_attribute("data-points", "2")
    expect(page.locator("#complaint-map.penata-map-ready")).to_have_count(1)
    expect(page.get_by_test_id("map-count")).to_contain_text("2")
    screenshot(page, "complaint-public-03-map-phone", full_page=False)
    page.get_by_test_id("filter-toggle").click()
    page.select_option("#id_category", "KESEHATAN")
    expect(page.get_by_test_id("complaint-map")).to_have_attribute("data-points", "1")
    expect(page).to_have_url(re.compile(r"category=KESEHATAN"))

    page.goto("/complaints/agencies/")
    card = page.get_by_test_id("agency-card").filter(has_text="Dinas Kesehatan")
    # All three reports count, the confidential one too.
    expect(card).to_contain_text("3")
    expect(card).to_contain_text("100%")
    expect(page.get_by_test_id("agency-table")).to_be_hidden()
    screenshot(page, "complaint-public-04-agencies-phone")
    page.get_by_test_id("sort-select").select_option("name")
    expect(page).to_have_url(re.compile(r"sort=name"))


def test_public_pages_on_a_desktop(page, reports, screenshot):
    page.goto(f"/complaints/r/{reports['mine'].tracking_code}/")
    expect(page.get_by_test_id("timeline-entry")).to_have_count(3)
    screenshot(page, "complaint-public-05-status-desktop")
    page.goto("/complaints/map/")
    expect(page.get_by_test_id("complaint-map")).to_have_attribute("data-points", "2")
    screenshot(page, "complaint-public-06-map-desktop", full_page=False)
    page.goto("/complaints/agencies/")
    row = page.get_by_test_id("agency-row").filter(has_text="Dinas Kesehatan")
    expect(row.get_by_test_id("received")).to_have_text("3")
    expect(row.get_by_test_id("within")).to_contain_text("100%")
    screenshot(page, "complaint-public-07-agencies-desktop")
    page.get_by_test_id("sort-name").click()
    expect(page).to_have_url(re.compile(r"sort=name"))
    expect(page.get_by_test_id("nav-reports")).to_be_visible()
