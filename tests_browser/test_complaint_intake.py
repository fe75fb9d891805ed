"""A citizen files a report on a phone: category, a pin dropped on the offline map, a
photo, the hint of a similar report nearby, then the tracking code and secret once."""

import io
import re
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import timezone
from PIL import Image
from playwright.sync_api import expect

from penata.complaints.models import Complaint, ComplaintAttachment, ComplaintStatus
from penata.complaints.services import complaint_secret_matches
from penata.complaints.tests.factories import ComplaintCategoryFactory, ComplaintFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PHONE = {"width": 390, "height": 844}
SOFIFI = (0.7245, 127.5610)
MAP_POINT_JS = """([lat, lon]) => {
  const p = document.getElementById('complaint-map')._penataMap.map.latLngToContainerPoint([lat, lon]);
  return [p.x, p.y];
}"""


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (120, 90), (180, 60, 40)).save(buffer, format="PNG")
    return buffer.getvalue()


def click_map_at(page, lat: float, lon: float) -> None:
    box = page.get_by_test_id("complaint-map").bounding_box()
    x, y = page.evaluate(MAP_POINT_JS, [lat, lon])
    page.mouse.click(box["x"] + x, box["y"] + y)


@pytest.fixture
def road_report(province, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    road = ComplaintCategoryFactory(
        code="JALAN", name="Jalan dan jembatan", description="Jalan rusak, berlubang, longsor, jembatan putus"
    )
    ComplaintCategoryFactory(
        code="AIR", name="Air bersih dan sanitasi", description="Air bersih, sumur, sanitasi"
    )
    nearby = ComplaintFactory(
        tracking_code="LPR-7K3M-Q9XA",
        category=road,
        status=ComplaintStatus.DISPATCHED,
        agency=province["agencies"]["dinkes"],
        latitude=Decimal("0.726000"),
        longitude=Decimal("127.562000"),
        kecamatan="Oba Utara",
        description="Jalan poros Sofifi–Guraping berlubang dalam sejak sebulan.",
        reporter_name="Nama Yang Tidak Boleh Tampil",
        submitted_at=timezone.now() - timedelta(days=4),
    )
    return road, nearby


def test_citizen_files_a_report_on_a_phone(page, road_report, screenshot, tmp_path):
    road, nearby = road_report
    page.set_viewport_size(PHONE)
    page.goto("/complaints/new/", wait_until="domcontentloaded")
    expect(page.locator("html")).to_have_attribute("lang", "id")
    expect(page.get_by_test_id("page-title")).to_be_visible()

    page.get_by_test_id("category-select").select_option(label="Jalan dan jembatan")
    expect(page.locator("#category-help")).to_have_text("Jalan rusak, berlubang, longsor, jembatan putus")

    # The offline base map: the bundled outline is drawn, no tile server needed.
    map_element = page.get_by_test_id("complaint-map")
    expect(map_element).to_have_class(re.compile(r"\bpenata-map-ready\b"))
    expect(map_element).not_to_have_class(re.compile(r"penata-map-no-outline"))
    expect(page.locator("#complaint-map path.leaflet-interactive, #complaint-map canvas")).not_to_have_count(
        0
    )
    map_element.scroll_into_view_if_needed()
    expect(page.locator("#complaint-map .leaflet-tile")).to_have_count(0)
    # The first tap zooms in around the pin, the second places it precisely.
    click_map_at(page, *SOFIFI)
    click_map_at(page, *SOFIFI)
    expect(page.locator("#complaint-map .leaflet-marker-icon")).to_have_count(1)
    expect(page.get_by_test_id("pin-clear")).to_be_visible()
    latitude = float(page.input_value("#id_latitude"))
    longitude = float(page.input_value("#id_longitude"))
    assert abs(latitude - SOFIFI[0]) < 0.005 and abs(longitude - SOFIFI[1]) < 0.005

    # The similar open report nearby, with a link to follow it, and no identity.
    similar = page.get_by_test_id("similar-report")
    expect(similar).to_have_count(1)
    expect(similar).to_contain_text("LPR-7K3M-Q9XA")
    expect(similar).to_contain_text("Oba Utara")
    expect(page.get_by_test_id("similar-reports")).not_to_contain_text("Nama Yang Tidak Boleh Tampil")
    page.get_by_test_id("similar-panel").scroll_into_view_if_needed()
    screenshot(page, "complaint-intake-01-similar", full_page=False)

    description = "Jalan di depan kantor camat Oba Utara amblas, <script>alert(1)</script> berbahaya."
    page.fill("#id_description", description)
    expect(page.locator("#description-count")).to_have_text(str(len(description)))
    page.fill("#id_kecamatan", "Oba Utara")
    page.fill("#id_address", "Jl. Raya Sofifi")
    photo = tmp_path / "jalan-rusak.png"
    photo.write_bytes(png_bytes())
    page.get_by_test_id("attachments").set_input_files(str(photo))
    expect(page.locator("#attachments-list li")).to_have_count(1)
    expect(page.locator("#attachments-warning")).to_be_hidden()

    # Anonymous hides the contact details; public needs them again.
    page.get_by_test_id("privacy-anonymous").check()
    expect(page.get_by_test_id("contact-section")).to_be_hidden()
    expect(page.get_by_test_id("anonymous-note")).to_be_visible()
    page.get_by_test_id("privacy-public").check()
    expect(page.get_by_test_id("contact-section")).to_be_visible()
    page.fill("#id_reporter_name", "Siti Rahma")
    page.fill("#id_reporter_email", "siti@example.test")
    screenshot(page, "complaint-intake-02-form")

    page.get_by_test_id("complaint-submit").click()
    expect(page).to_have_url(f"{page.url.split('/complaints/')[0]}/complaints/new/done/")
    complaint = Complaint.objects.exclude(pk=nearby.pk).get()
    expect(page.get_by_test_id("tracking-code")).to_have_text(complaint.tracking_code)
    secret = page.get_by_test_id("secret").text_content()
    assert complaint_secret_matches(complaint=complaint, secret=secret) is True
    # Stored as text, shown as text.
    expect(page.get_by_test_id("report-description")).to_have_text(description)
    assert (complaint.category, complaint.kecamatan, complaint.reporter_name) == (
        road,
        "Oba Utara",
        "Siti Rahma",
    )
    assert (round(float(complaint.latitude), 6), round(float(complaint.longitude), 6)) == (
        latitude,
        longitude,
    )
    attachment = ComplaintAttachment.objects.get(complaint=complaint)
    assert (attachment.original_name, attachment.content_type) == ("jalan-rusak.png", "image/png")
    assert Path(attachment.file.path).read_bytes() == photo.read_bytes()
    screenshot(page, "complaint-intake-03-done")

    # Shown once: a reload no longer shows the code or the secret.
    page.reload()
    expect(page.get_by_test_id("done-gone")).to_be_visible()
    expect(page.locator("body")).not_to_contain_text(secret)


def test_bad_attachment_is_refused_next_to_its_field(page, road_report, tmp_path):
    page.set_viewport_size(PHONE)
    page.goto("/complaints/new/", wait_until="domcontentloaded")
    page.get_by_test_id("category-select").select_option(label="Jalan dan jembatan")
    page.fill("#id_description", "Lampu jalan mati di depan kantor gubernur.")
    fake = tmp_path / "foto.jpg"
    fake.write_bytes(b"MZ\x90\x00" + b"\x00" * 200)
    page.get_by_test_id("attachments").set_input_files(str(fake))
    page.fill("#id_reporter_name", "Siti Rahma")
    page.fill("#id_reporter_phone", "0812 3456 7890")
    page.get_by_test_id("complaint-submit").click()
    expect(page.get_by_test_id("form-errors")).to_be_visible()
    expect(page.get_by_test_id("error-attachments")).to_contain_text("foto.jpg")
    expect(page.get_by_test_id("files-lost")).to_be_visible()
    assert Complaint.objects.count() == 1  # only the report made by the fixture
    assert ComplaintAttachment.objects.count() == 0


def test_use_my_location_places_the_pin_only_inside_the_province(page, road_report, live_server):
    page.set_viewport_size(PHONE)
    page.context.grant_permissions(["geolocation"], origin=live_server.url)
    page.context.set_geolocation({"latitude": -6.2, "longitude": 106.8166})  # Jakarta
    page.goto("/complaints/new/", wait_until="domcontentloaded")
    expect(page.get_by_test_id("complaint-map")).to_have_class(re.compile(r"\bpenata-map-ready\b"))
    page.get_by_test_id("pin-locate").click()
    expect(page.get_by_test_id("pin-status")).to_have_class(re.compile(r"\btext-danger\b"))
    assert page.input_value("#id_latitude") == ""

    page.context.set_geolocation({"latitude": 0.7312, "longitude": 127.5643})  # Sofifi
    page.get_by_test_id("pin-locate").click()
    expect(page.locator("#id_latitude")).to_have_value("0.731200")
    expect(page.locator("#id_longitude")).to_have_value("127.564300")
    expect(page.locator("#complaint-map .leaflet-marker-icon")).to_have_count(1)
    # The pin refreshes the similar reports once a category is chosen.
    expect(page.get_by_test_id("similar-report")).to_have_count(0)
    page.get_by_test_id("category-select").select_option(label="Jalan dan jembatan")
    expect(page.get_by_test_id("similar-report")).to_have_count(1)
