"""The officers' and verifier's journeys through the complaints inbox, in headless Chromium.

The routing model is replaced by a fixed answer: the live server runs in this process, so
the monkeypatched ``route_suggestions`` is the one its views call. Texts of this app are
checked through test ids (the Indonesian catalogue is produced separately).
"""

import io
import re

import pytest
from playwright.sync_api import expect

from penata.accounts.models import Role
from penata.accounts.tests.factories import UserFactory
from penata.complaints import services
from penata.complaints.models import Complaint, ComplaintAttachment, ComplaintNote
from penata.complaints.routing.classifier import Suggestion
from penata.complaints.services import routing as routing_service
from penata.complaints.tests.factories import ComplaintCategoryFactory

from .conftest import sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}


@pytest.fixture
def inbox_world(province, settings, tmp_path, monkeypatch):
    settings.MEDIA_ROOT = tmp_path / "media"
    dinkes, bkd = province["agencies"]["dinkes"], province["agencies"]["bkd"]
    health = ComplaintCategoryFactory(code="KESEHATAN", name="Layanan kesehatan", default_agency=dinkes)
    verifier = UserFactory(
        username="verifikator", full_name="Nurlaila Tomagola", role=Role.COMPLAINT_VERIFIER, agency=bkd
    )
    officer = UserFactory(
        username="petugas.dinkes", full_name="Ridwan Marsaoly", role=Role.COMPLAINT_OFFICER, agency=dinkes
    )

    def file(description, **extra):
        values = {
            "kind": "complaint",
            "category": health,
            "description": description,
            "privacy": "public",
            "reporter_name": "Siti Rahma",
            "reporter_email": "siti@example.test",
            "kecamatan": "Oba Utara",
        }
        values.update(extra)
        return services.complaint_submit(**values)[0]

    dispatched = []
    for text in (
        "Puskesmas Guraping tutup pada jam pelayanan, pasien pulang tanpa diperiksa.",
        "Antrean obat di puskesmas sangat lama, petugas loket tidak ada.",
    ):
        dispatched.append(services.complaint_dispatch(complaint=file(text), agency=dinkes, actor=verifier))
    other = services.complaint_dispatch(
        complaint=file("Legalisir SK lambat sekali."), agency=bkd, actor=verifier
    )
    waiting = file(
        "Ambulans desa tidak datang saat dipanggil malam hari, keluarga kami terpaksa menyewa mobil."
    )
    services.response_template_create(
        agency=dinkes,
        title="Puskesmas telah dibina",
        body="Kepala puskesmas telah kami minta membuka layanan sesuai jadwal.",
        actor=officer,
    )
    monkeypatch.setattr(
        routing_service,
        "route_suggestions",
        lambda *, description, top=3: [
            Suggestion("KESEHATAN", "RSUD-SOFIFI", 0.72),
            Suggestion("KESEHATAN", "DINKES", 0.21),
            Suggestion("KESEHATAN", "BKD", 0.04),
        ],
    )
    return {"dispatched": dispatched, "other": other, "waiting": waiting, "officer": officer}


def png_bytes() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (30, 120, 90)).save(buffer, format="PNG")
    return buffer.getvalue()


def test_officer_filters_opens_notes_and_answers_from_a_template(page, inbox_world, screenshot):
    first = inbox_world["dispatched"][0]
    sign_in(page, "petugas.dinkes")
    page.get_by_test_id("nav-complaints").click()
    page.get_by_test_id("nav-complaints-inbox").click()
    rows = page.get_by_test_id("inbox-row")
    expect(rows).to_have_count(2)
    expect(page.get_by_test_id("inbox-table")).not_to_contain_text(inbox_world["other"].tracking_code)
    # Each row has its badge twice: in its column and, for phones, under the report.
    expect(page.locator("[data-testid=deadline-badge]:visible")).to_have_count(2)
    screenshot(page, "complaint-inbox-01-officer-desktop")

    page.locator("#id_assigned").select_option("none")
    expect(page).to_have_url(re.compile(r"assigned=none"))
    expect(rows).to_have_count(2)
    page.locator("#id_q").press_sequentially(first.tracking_code[4:8])
    expect(rows).to_have_count(1)
    page.set_viewport_size(PHONE)
    screenshot(page, "complaint-inbox-02-officer-filtered-phone")
    page.set_viewport_size(DESKTOP)

    page.get_by_test_id("report-link").click()
    expect(page.get_by_test_id("page-title")).to_have_text(first.tracking_code)
    expect(page.get_by_test_id("description")).to_contain_text("Puskesmas Guraping")
    expect(page.get_by_test_id("reporter-name")).to_have_text("Siti Rahma")

    page.locator("#id_note-text").fill("Sudah menelepon kepala puskesmas.")
    page.get_by_test_id("add-note").click()
    expect(page.get_by_test_id("note")).to_have_count(1)
    expect(page.get_by_test_id("note")).to_contain_text("Sudah menelepon kepala puskesmas.")

    answer = page.get_by_test_id("action-answer")
    expect(answer).to_have_attribute("open", "")
    page.locator("#id_answer-template").select_option(label="Puskesmas telah dibina")
    expect(page.locator("#id_answer-answer")).to_have_value(
        "Kepala puskesmas telah kami minta membuka layanan sesuai jadwal."
    )
    page.locator("#id_answer-attachments").set_input_files(
        {"name": "bukti.png", "mimeType": "image/png", "buffer": png_bytes()}
    )
    screenshot(page, "complaint-inbox-03-answer-desktop")
    page.get_by_test_id("submit-answer").click()
    expect(page.get_by_test_id("message")).to_have_count(1)
    expect(page.get_by_test_id("status")).to_have_attribute("class", re.compile(r"status-answered"))
    expect(page.get_by_test_id("answer")).to_have_text(
        "Kepala puskesmas telah kami minta membuka layanan sesuai jadwal."
    )
    expect(page.get_by_test_id("answer-files").get_by_test_id("file")).to_contain_text("bukti.png")
    expect(page.get_by_test_id("history-row").last).to_have_attribute(
        "data-action", "complaint.attachments_added"
    )
    page.set_viewport_size(PHONE)
    screenshot(page, "complaint-inbox-04-answered-phone")

    complaint = Complaint.objects.get(pk=first.pk)
    assert (complaint.status, complaint.answer) == (
        "answered",
        "Kepala puskesmas telah kami minta membuka layanan sesuai jadwal.",
    )
    assert list(ComplaintAttachment.objects.values_list("kind", "original_name")) == [("answer", "bukti.png")]
    assert list(ComplaintNote.objects.values_list("text", flat=True)) == ["Sudah menelepon kepala puskesmas."]


def test_officer_assigns_two_reports_in_bulk(page, inbox_world, screenshot):
    sign_in(page, "petugas.dinkes")
    page.goto("/complaints/inbox/")
    page.get_by_test_id("select-all").check()
    expect(page.get_by_test_id("bulk-count")).to_have_text("2")
    page.locator("#id_bulk-action").select_option("assign")
    page.locator("#id_bulk-officer").select_option(label="Ridwan Marsaoly · DINKES")
    screenshot(page, "complaint-inbox-05-bulk-desktop")
    page.get_by_test_id("bulk-submit").click()
    expect(page.get_by_test_id("message")).to_have_count(1)
    expect(page.get_by_test_id("officer")).to_have_text(["Ridwan Marsaoly", "Ridwan Marsaoly"])
    assert Complaint.objects.filter(assigned_to=inbox_world["officer"]).count() == 2


def test_verifier_dispatches_picking_a_suggestion(page, inbox_world, screenshot):
    waiting = inbox_world["waiting"]
    sign_in(page, "verifikator")
    page.get_by_test_id("nav-complaints").click()
    page.get_by_test_id("nav-complaints-inbox").click()
    # The verifier starts on the reports awaiting verification.
    expect(page.locator("#id_status")).to_have_value("submitted")
    expect(page.get_by_test_id("inbox-row")).to_have_count(1)
    screenshot(page, "complaint-inbox-06-verifier-desktop")
    page.get_by_test_id("report-link").click()
    suggestions = page.get_by_test_id("suggestion")
    expect(suggestions).to_have_count(3)
    expect(suggestions.first).to_contain_text("RSUD Sofifi")
    expect(suggestions.first).to_contain_text("72%")
    # Pre-filled with the first suggestion; the verifier picks the second.
    expect(page.locator("#id_dispatch-agency")).to_have_value("RSUD-SOFIFI")
    suggestions.nth(1).get_by_test_id("pick-suggestion").click()
    expect(page.locator("#id_dispatch-agency")).to_have_value("DINKES")
    page.set_viewport_size(PHONE)
    screenshot(page, "complaint-inbox-07-dispatch-phone")
    page.set_viewport_size(DESKTOP)
    page.get_by_test_id("submit-dispatch").click()
    expect(page.get_by_test_id("agency")).to_have_text("Dinas Kesehatan")
    expect(page.get_by_test_id("status")).to_have_attribute("class", re.compile(r"status-dispatched"))
    screenshot(page, "complaint-inbox-08-dispatched-desktop")
    complaint = Complaint.objects.get(pk=waiting.pk)
    assert (complaint.status, complaint.agency.code) == ("dispatched", "DINKES")
