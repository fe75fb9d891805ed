"""JP journey: an ASN sees their progress towards the yearly 20 JP, claims external training
with a PDF certificate; their agency's administrator opens the evidence and verifies the
claim; the ASN's progress bar moves and the province's compliance report counts them.
Checks structure and numbers, not the project's translated words."""

from datetime import date, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from .conftest import sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

CERTIFICATE = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


@pytest.fixture
def ledger(province, settings, tmp_path):
    """Ani (Dinas Kesehatan) has 12 JP from a session this year; nobody else has any."""
    from decimal import Decimal

    from penata.training.tests.factories import JpLedgerEntryFactory

    settings.MEDIA_ROOT = tmp_path / "media"
    today = timezone.localdate()
    JpLedgerEntryFactory(
        employee=province["employees"]["ani"],
        jp=Decimal("12"),
        title="Pelayanan Prima Berbasis Digital",
        completed_on=date(today.year, 1, 1),
        enrolment__session__organizer=province["agencies"]["dinkes"],
    )
    return province


def progress(page) -> str:
    return page.get_by_test_id("jp-progress").get_attribute("data-percent")


def test_employee_claims_external_training_and_the_agency_verifies(page, ledger, screenshot):
    today = timezone.localdate()
    start = max(today - timedelta(days=3), date(today.year, 1, 1))

    # The ASN sees 12 of 20 JP and claims an e-learning course with its certificate.
    sign_in(page, "ani")
    page.goto("/training/jp/")
    expect(page.get_by_test_id("page-title")).to_be_visible()
    assert progress(page) == "60"
    expect(page.get_by_test_id("entry-row")).to_have_count(1)
    expect(page.get_by_test_id("no-claims")).to_be_visible()
    screenshot(page, "training-jp-1-employee-before")

    form = page.get_by_test_id("claim-form")
    form.locator("#id_title").fill("Kursus Daring Analisis Kebijakan")
    form.locator("#id_provider").fill("Lembaga Administrasi Negara")
    form.locator("#id_form").select_option("e_learning")
    form.locator("#id_start_date").fill(start.isoformat())
    form.locator("#id_end_date").fill(today.isoformat())
    form.locator("#id_jp").fill("8")
    form.locator("#id_evidence").set_input_files(
        files=[{"name": "sertifikat-lan.pdf", "mimeType": "application/pdf", "buffer": CERTIFICATE}]
    )
    page.get_by_test_id("claim-submit").click()

    expect(page.get_by_test_id("message")).to_be_visible()
    expect(page.get_by_test_id("claim-row")).to_have_count(1)
    row = page.get_by_test_id("claim-row")
    assert row.get_attribute("data-status") == "submitted"
    # Not verified yet: the bar has not moved.
    assert progress(page) == "60"
    screenshot(page, "training-jp-2-employee-claimed")
    page.get_by_test_id("user-menu").click()
    page.get_by_test_id("sign-out").click()

    # The agency's administrator opens the evidence and verifies the claim.
    sign_in(page, "admin_dinkes")
    page.goto("/training/jp/verify/")
    expect(page.get_by_test_id("verify-row")).to_have_count(1)
    expect(page.get_by_test_id("verify-title")).to_have_text("Kursus Daring Analisis Kebijakan")
    evidence_url = page.get_by_test_id("verify-evidence").get_attribute("href")
    assert evidence_url.startswith("/training/jp/evidence/")
    download = page.request.get(evidence_url)
    assert download.status == 200
    assert download.headers["content-type"] == "application/pdf"
    assert download.body() == CERTIFICATE
    screenshot(page, "training-jp-3-admin-queue")
    page.get_by_test_id("decision-reason").fill("Sertifikat LAN sesuai.")
    page.get_by_test_id("verify-button").click()
    expect(page.get_by_test_id("message")).to_be_visible()
    expect(page.get_by_test_id("no-claims")).to_be_visible()

    # The agency's compliance: Ani now at 20 JP, Budi still behind.
    page.goto("/training/jp/compliance/")
    expect(page.get_by_test_id("stat-at-target")).to_have_text("1")
    expect(page.get_by_test_id("behind-row")).to_have_count(1)
    screenshot(page, "training-jp-4-admin-compliance")
    page.get_by_test_id("user-menu").click()
    page.get_by_test_id("sign-out").click()

    # The ASN's bar is full: 20 of 20 JP.
    sign_in(page, "ani")
    page.goto("/training/jp/")
    assert progress(page) == "100"
    expect(page.get_by_test_id("entry-row")).to_have_count(2)
    assert page.get_by_test_id("claim-row").get_attribute("data-status") == "verified"
    screenshot(page, "training-jp-5-employee-after")


def test_a_bad_upload_is_refused_on_the_page(page, ledger, screenshot):
    from penata.training.models import ExternalTraining

    today = timezone.localdate()
    sign_in(page, "ani")
    page.goto("/training/jp/")
    form = page.get_by_test_id("claim-form")
    form.locator("#id_title").fill("Seminar Nasional")
    form.locator("#id_provider").fill("Universitas Khairun")
    form.locator("#id_form").select_option("seminar")
    form.locator("#id_start_date").fill(today.isoformat())
    form.locator("#id_end_date").fill(today.isoformat())
    form.locator("#id_jp").fill("4")
    # An executable renamed to look like a certificate.
    form.locator("#id_evidence").set_input_files(
        files=[
            {"name": "sertifikat.pdf", "mimeType": "application/pdf", "buffer": b"MZ\x90\x00" + b"\x00" * 200}
        ]
    )
    page.get_by_test_id("claim-submit").click()

    expect(page.get_by_test_id("error-evidence")).to_be_visible()
    expect(page.get_by_test_id("error-evidence")).to_contain_text("sertifikat.pdf")
    assert progress(page) == "60"
    assert ExternalTraining.objects.count() == 0
    screenshot(page, "training-jp-6-bad-upload")
