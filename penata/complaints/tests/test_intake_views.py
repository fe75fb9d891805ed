"""The public report form at /complaints/new/: filing, the once-only confirmation, the
similar-reports and service-search partials, and bad input that must write nothing."""

import io
import time
from datetime import timedelta
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings as django_settings
from django.contrib.sessions.models import Session
from django.core import signing
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from PIL import Image

from penata.complaints import views_intake
from penata.complaints.models import (
    ATTACHMENT_MAX_BYTES,
    Complaint,
    ComplaintAttachment,
    ComplaintStatus,
    Privacy,
)
from penata.complaints.reporter_access import UNLOCKED_COOKIE
from penata.complaints.services import complaint_secret_matches
from penata.core.models import AuditEvent
from penata.organization.tests.factories import PublicServiceFactory

from .factories import ComplaintCategoryFactory, ComplaintFactory

pytestmark = pytest.mark.django_db

NEW = reverse("complaints:new")
DONE = reverse("complaints:new_done")
SIMILAR = reverse("complaints:new_similar")
SERVICES = reverse("complaints:new_services")
EXE = (
    b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00"
    + b"\x00" * 48
    + b"PE\x00\x00"
    + b"\x90" * 400
)
NOT_A_PHOTO = "%(name)s is not a photo (JPEG, PNG, WebP) or a PDF document."


def status_url(code: str) -> str | None:
    # The status page belongs to the public pages (urls_public), built alongside.
    try:
        return reverse("complaints:status", kwargs={"code": code})
    except NoReverseMatch:
        return None


def png(name="foto.png") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (32, 24), (20, 120, 200)).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def media_files(root) -> list[Path]:
    return [path for path in Path(root).rglob("*") if path.is_file()]


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def client_en(client):
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def form_data(category):
    def make(**overrides):
        data = {
            "kind": "complaint",
            "category": str(category.pk),
            "description": "Jalan di depan kantor gubernur berlubang besar dan membahayakan pengendara.",
            "privacy": "public",
            "reporter_name": "Siti Rahma",
            "reporter_email": "siti@example.test",
            "reporter_phone": "",
            "kecamatan": "",
            "kelurahan": "",
            "address": "",
            "service_date": "",
            "latitude": "",
            "longitude": "",
            "public_service": "",
        }
        data.update(overrides)
        return data

    return make


def assert_nothing_written(media_root) -> None:
    assert Complaint.objects.count() == 0
    assert ComplaintAttachment.objects.count() == 0
    assert AuditEvent.objects.count() == 0
    assert media_files(media_root) == []


def errors_of(response) -> dict:
    return {name: list(errors) for name, errors in response.context["form"].errors.items()}


# --- the page ---------------------------------------------------------------------------


def test_form_opens_without_an_account_in_indonesian_with_active_categories(
    client, category, django_assert_num_queries
):
    ComplaintCategoryFactory(code="OLD", name="Kategori Lama", is_active=False)
    ComplaintCategoryFactory(code="AIR", name="Air bersih", description="Air bersih, sumur, sanitasi")
    with django_assert_num_queries(1):
        response = client.get(NEW)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="id">' in html
    assert [c.code for c in response.context["categories"]] == ["AIR", "JALAN"]
    assert 'data-description="Air bersih, sumur, sanitasi"' in html
    assert "Kategori Lama" not in html
    assert 'enctype="multipart/form-data"' in html
    assert 'data-outline-url="/static/penata/complaints/maluku-utara.geojson"' in html
    assert 'data-tile-url=""' in html
    assert 'data-bounds="{&quot;lat_min&quot;: -2.6, &quot;lat_max&quot;: 3.0' in html
    assert 'maxlength="5000"' in html
    assert 'data-days="30"' in html  # the late-filing hint uses the service's threshold
    assert 'id="id_privacy_public" value="public" aria-describedby="privacy-help-public" checked' in html


def test_map_settings_reach_the_page(client, category, settings):
    settings.PENATA_MAP_TILE_URL = "https://peta.malutprov.go.id/{z}/{x}/{y}.png"
    settings.PENATA_MAP_TILE_ATTRIBUTION = "Diskominfo Malut"
    html = client.get(NEW).content.decode()
    assert 'data-tile-url="https://peta.malutprov.go.id/{z}/{x}/{y}.png"' in html
    assert 'data-tile-attribution="Diskominfo Malut"' in html


def test_signed_in_citizen_finds_their_details_filled_in(client, make_user):
    user = make_user(full_name="Budi Warga", email="budi@example.test", phone="081234567890")
    client.force_login(user)
    form = client.get(NEW).context["form"]
    assert (
        form["reporter_name"].value(),
        form["reporter_email"].value(),
        form["reporter_phone"].value(),
    ) == (
        "Budi Warga",
        "budi@example.test",
        "081234567890",
    )


def test_the_bundled_outline_is_small_valid_geojson_inside_the_province_box():
    import json

    path = Path(django_settings.BASE_DIR) / "penata/static/penata/complaints/maluku-utara.geojson"
    assert path.stat().st_size < 400 * 1024
    data = json.loads(path.read_text())
    (feature,) = data["features"]
    assert feature["geometry"]["type"] == "MultiPolygon"
    points = [point for polygon in feature["geometry"]["coordinates"] for ring in polygon for point in ring]
    assert min(p[1] for p in points) >= -2.6 and max(p[1] for p in points) <= 3.0
    assert min(p[0] for p in points) >= 124.0 and max(p[0] for p in points) <= 129.9
    assert "OpenStreetMap" in feature["properties"]["attribution"]


# --- filing -----------------------------------------------------------------------------


def test_file_a_report_with_a_pin_and_a_photo_then_see_code_and_secret_once(
    client_en, form_data, media, category
):
    service = PublicServiceFactory(name="Pemeliharaan Jalan Provinsi")
    data = form_data(
        latitude="0.741234",
        longitude="127.571234",
        kecamatan="Oba Utara",
        kelurahan="Guraping",
        address="Jl. Raya Sofifi depan masjid",
        public_service=str(service.pk),
        attachments=[png()],
    )
    response = client_en.post(NEW, data)

    assert response.status_code == 302
    assert response["Location"] == DONE
    complaint = Complaint.objects.get()
    assert (
        complaint.kind,
        complaint.category,
        complaint.public_service,
        complaint.latitude,
        complaint.longitude,
        complaint.kecamatan,
        complaint.kelurahan,
        complaint.address,
        complaint.privacy,
        complaint.reporter,
        complaint.reporter_name,
        complaint.reporter_email,
        complaint.status,
        complaint.channel,
        complaint.is_late_filing,
    ) == (
        "complaint",
        category,
        service,
        Decimal("0.741234"),
        Decimal("127.571234"),
        "Oba Utara",
        "Guraping",
        "Jl. Raya Sofifi depan masjid",
        "public",
        None,
        "Siti Rahma",
        "siti@example.test",
        ComplaintStatus.SUBMITTED,
        "web",
        False,
    )
    attachment = ComplaintAttachment.objects.get()
    assert (attachment.original_name, attachment.content_type, attachment.kind) == (
        "foto.png",
        "image/png",
        "report",
    )
    assert len(media_files(media)) == 1
    assert sorted(AuditEvent.objects.values_list("action", flat=True)) == [
        "complaint.attachments_added",
        "complaint.submitted",
    ]
    # Code and secret wait for the confirmation page in a signed cookie sent to it alone.
    assert response["Cache-Control"] == "no-store, private"
    cookie = response.cookies[views_intake.DONE_COOKIE]
    assert (cookie["path"], cookie["max-age"], cookie["httponly"], cookie["samesite"]) == (
        DONE,
        10 * 60,
        True,
        "Lax",
    )

    done = client_en.get(DONE)
    html = done.content.decode()
    secret = done.context["secret"]
    assert complaint_secret_matches(complaint=complaint, secret=secret) is True
    assert done["Cache-Control"] == "no-store, private"
    assert f'data-testid="tracking-code">{complaint.tracking_code}<' in html
    assert f'data-testid="secret">{secret}<' in html
    assert "it is shown only this once" in html
    if status_url(complaint.tracking_code):
        assert f'href="{status_url(complaint.tracking_code)}" data-testid="status-link"' in html

    # Shown, the cookie is deleted: a reload shows neither code nor secret.
    deleted = done.cookies[views_intake.DONE_COOKIE]
    assert (deleted.value, deleted["path"], deleted["max-age"]) == ("", DONE, 0)
    again = client_en.get(DONE)
    assert again["Cache-Control"] == "no-store, private"
    assert complaint.tracking_code not in again.content.decode()
    assert secret not in again.content.decode()
    assert 'data-testid="done-gone"' in again.content.decode()

    # The browser that filed it may open its status page without typing the secret.
    if status_url(complaint.tracking_code):
        page = client_en.get(status_url(complaint.tracking_code))
        assert (page.status_code, page.context["reporter"]) == (200, True)
    assert Session.objects.count() == 0


def test_signed_in_public_report_needs_no_secret(client_en, form_data, make_user, media):
    user = make_user(full_name="Budi Warga", email="budi@example.test", phone="0812345678")
    client_en.force_login(user)
    response = client_en.post(NEW, form_data(reporter_name="", reporter_email="", reporter_phone=""))
    assert response.status_code == 302
    complaint = Complaint.objects.get()
    assert (complaint.reporter, complaint.reporter_name, complaint.reporter_email, complaint.secret_hash) == (
        user,
        "Budi Warga",
        "budi@example.test",
        "",
    )
    done = client_en.get(DONE)
    assert done.context["secret"] is None
    assert 'data-testid="account-note"' in done.content.decode()


def test_anonymous_report_keeps_no_identity_even_when_typed(client_en, form_data, media):
    response = client_en.post(
        NEW,
        form_data(
            privacy="anonymous", reporter_name="Siti", reporter_email="bukan-email", reporter_phone="abc"
        ),
    )
    assert response.status_code == 302
    complaint = Complaint.objects.get()
    assert (
        complaint.privacy,
        complaint.reporter_name,
        complaint.reporter_email,
        complaint.reporter_phone,
    ) == (
        Privacy.ANONYMOUS,
        "",
        "",
        "",
    )
    assert len(client_en.get(DONE).context["secret"]) == 20


def test_a_service_date_older_than_30_days_is_received_and_flagged(client_en, form_data, media):
    old = timezone.localdate() - timedelta(days=45)
    response = client_en.post(NEW, form_data(service_date=old.isoformat()))
    assert response.status_code == 302
    complaint = Complaint.objects.get()
    assert (complaint.service_date, complaint.is_late_filing) == (old, True)
    assert 'data-testid="late-note"' in client_en.get(DONE).content.decode()


def test_script_in_the_description_is_stored_as_text_and_shown_escaped(client_en, form_data, media):
    text = 'Petugas kasar. <script>alert("x")</script> <b>tebal</b>'
    response = client_en.post(NEW, form_data(description=text))
    assert response.status_code == 302
    assert Complaint.objects.get().description == text
    html = client_en.get(DONE).content.decode()
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &lt;b&gt;tebal&lt;/b&gt;" in html
    assert "<script>alert" not in html
    assert "<b>tebal" not in html


def test_the_done_page_without_a_report_shows_nothing(client_en):
    response = client_en.get(DONE)
    assert response.status_code == 200
    assert response.context["complaint"] is None
    assert 'data-testid="done-gone"' in response.content.decode()


# --- the confirmation and the unlocked code travel in signed cookies, not the session ------


def signing_clock_moved(monkeypatch, seconds: int) -> None:
    """Signed values are checked as if ``seconds`` had passed."""
    now = time.time() + seconds
    monkeypatch.setattr(signing, "time", SimpleNamespace(time=lambda: now))


def test_a_report_without_an_account_writes_no_session_row(
    client_en, form_data, media, django_assert_num_queries
):
    response = client_en.post(NEW, form_data())
    assert response.status_code == 302
    assert set(response.cookies) == {views_intake.DONE_COOKIE, UNLOCKED_COOKIE}
    with django_assert_num_queries(2):  # the report and the count of its attachments
        assert client_en.get(DONE).context["secret"] is not None
    with django_assert_num_queries(0):
        client_en.get(DONE)
    assert Session.objects.count() == 0
    assert django_settings.SESSION_COOKIE_NAME not in client_en.cookies


@pytest.mark.parametrize("secure", [False, True])
def test_the_cookies_are_secure_when_the_session_cookie_is(client_en, form_data, media, settings, secure):
    settings.SESSION_COOKIE_SECURE = secure
    response = client_en.post(NEW, form_data())
    assert [response.cookies[name]["secure"] for name in (views_intake.DONE_COOKIE, UNLOCKED_COOKIE)] == (
        [True, True] if secure else ["", ""]
    )


def test_a_tampered_confirmation_cookie_shows_nothing(client_en, form_data, media):
    other = ComplaintFactory()
    client_en.post(NEW, form_data())
    complaint = Complaint.objects.exclude(pk=other.pk).get()
    signed = client_en.cookies[views_intake.DONE_COOKIE].value
    for forged in (
        signed.replace(complaint.tracking_code, other.tracking_code),
        other.tracking_code + "|SECRETSECRETSECRET23",
        signing.get_cookie_signer(salt="another").sign(other.tracking_code + "|"),
    ):
        client_en.cookies[views_intake.DONE_COOKIE] = forged
        response = client_en.get(DONE)
        assert (response.context["complaint"], response.context["secret"]) == (None, None)
        assert 'data-testid="done-gone"' in response.content.decode()
        assert response.cookies[views_intake.DONE_COOKIE].value == ""


def test_an_expired_confirmation_cookie_shows_nothing(client_en, form_data, media, monkeypatch):
    client_en.post(NEW, form_data())
    signing_clock_moved(monkeypatch, views_intake.DONE_MAX_AGE + 1)
    response = client_en.get(DONE)
    assert (response.context["complaint"], response.context["secret"]) == (None, None)
    assert 'data-testid="done-gone"' in response.content.decode()


# --- bad input: a clear message next to the field, nothing written -----------------------


def test_empty_form(client_en, media):
    response = client_en.post(NEW, {})
    assert response.status_code == 200
    assert errors_of(response) == {
        "kind": ["Choose a kind of report."],
        "category": ["Choose an active category."],
        "description": ["Describe what happened."],
        "privacy": ["Choose a privacy setting."],
    }
    html = response.content.decode()
    assert 'data-testid="form-errors"' in html
    assert (
        '<div class="invalid-feedback d-block" data-testid="error-description">Describe what happened.</div>'
        in html
    )
    assert_nothing_written(media)


def test_errors_are_shown_in_indonesian_by_default(client, form_data, media):
    response = client.post(NEW, form_data(description="   ", privacy="confidential", reporter_name=""))
    html = response.content.decode()
    assert '<html lang="id">' in html
    assert "Uraikan apa yang terjadi." in html
    assert_nothing_written(media)


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        ({"description": "    "}, {"description": ["Describe what happened."]}),
        ({"category": "999999"}, {"category": ["Choose an active category."]}),
        ({"category": "jalan"}, {"category": ["Choose an active category."]}),
        ({"kind": "pujian"}, {"kind": ["Choose a kind of report."]}),
        (
            {"latitude": "-6.200000", "longitude": "106.816666"},  # Jakarta
            {"latitude": ["The location is outside the province."]},
        ),
        (
            {"latitude": "0.74", "longitude": ""},
            {"latitude": ["Give both latitude and longitude, or neither."]},
        ),
        (
            {"latitude": "NaN", "longitude": "127.5"},
            {"latitude": ["The map position is not valid; place the pin again."]},
        ),
        (
            {"description": "x" * 100_000},
            {"description": ["The description is at most 5000 characters long."]},
        ),
        (
            {"privacy": "public", "reporter_name": "", "reporter_email": ""},
            {
                "reporter_name": ["Give your name, or report anonymously."],
                "reporter_email": ["Give an email address or a phone number, or report anonymously."],
            },
        ),
        (
            {"privacy": "confidential", "reporter_email": "bukan-email"},
            {"reporter_email": ["Enter a valid email address."]},
        ),
        (
            {"reporter_phone": "<script>"},
            {"reporter_phone": ["Enter a phone number: digits, spaces and + - ( ) only."]},
        ),
        ({"privacy": "secret"}, {"privacy": ["Choose a privacy setting."]}),
        (
            {"service_date": "2999-01-01"},
            {"service_date": ["The date of the service cannot be in the future."]},
        ),
        ({"service_date": "kemarin"}, {"service_date": ["Enter a valid date."]}),
        (
            {"public_service": "424242"},
            {"public_service": ["Choose a public service from the list, or none."]},
        ),
        (
            {"kecamatan": "K" * 101},
            {"kecamatan": ["Ensure this value has at most 100 characters (it has 101)."]},
        ),
    ],
    ids=lambda value: str(value)[:40],
)
def test_bad_input(client_en, form_data, media, overrides, expected):
    response = client_en.post(NEW, form_data(attachments=[png()], **overrides))
    assert response.status_code == 200
    assert errors_of(response) == expected
    # The chosen file is gone from the re-shown form: the page says so.
    assert response.context["files_lost"] is True
    assert_nothing_written(media)


def test_an_executable_renamed_jpg_is_refused(client_en, form_data, media):
    virus = SimpleUploadedFile("foto.jpg", EXE, content_type="image/jpeg")
    response = client_en.post(NEW, form_data(attachments=[png(), virus]))
    assert errors_of(response) == {"attachments": [NOT_A_PHOTO % {"name": "foto.jpg"}]}
    assert 'data-testid="error-attachments">foto.jpg is not a photo' in response.content.decode()
    assert_nothing_written(media)


def test_six_attachments_are_refused(client_en, form_data, media):
    response = client_en.post(NEW, form_data(attachments=[png(f"foto{i}.png") for i in range(6)]))
    assert errors_of(response) == {"attachments": ["At most 5 files can be attached."]}
    assert_nothing_written(media)


def test_a_50_mb_upload_is_refused_with_a_clear_message_and_never_stored_whole(
    client_en, form_data, media, monkeypatch
):
    received = []
    original = views_intake.complaint_submit

    def spy(**kwargs):
        for upload in kwargs["attachments"]:
            upload.seek(0)
            received.append((upload.name, upload.size, len(upload.read())))
            upload.seek(0)
        return original(**kwargs)

    monkeypatch.setattr(views_intake, "complaint_submit", spy)
    big = SimpleUploadedFile(
        "video.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * (50 * 1024 * 1024), content_type="image/jpeg"
    )
    response = client_en.post(NEW, form_data(attachments=[big]))

    assert response.status_code == 200
    assert errors_of(response) == {"attachments": ["video.jpg is larger than 10.0\xa0MB."]}
    # The upload handler dropped everything past the limit (plus at most one chunk).
    ((name, size, stored),) = received
    assert (name, size) == ("video.jpg", stored)
    assert ATTACHMENT_MAX_BYTES < stored <= ATTACHMENT_MAX_BYTES + 64 * 1024
    assert_nothing_written(media)


def test_nothing_is_left_behind_when_the_database_fails_after_the_files_were_written(
    client_en, form_data, media, monkeypatch
):
    from penata.complaints.services import intake

    def broken_notify(complaint, **kwargs):
        assert len(media_files(media)) == 2  # the files are on disk at this point
        raise RuntimeError("database went away")

    monkeypatch.setattr(intake.common, "notify_reporter", broken_notify)
    with pytest.raises(RuntimeError):
        client_en.post(NEW, form_data(attachments=[png("a.png"), png("b.png")]))
    assert_nothing_written(media)


def test_a_wrong_method_is_refused(client_en):
    assert client_en.put(NEW).status_code == 405
    assert client_en.post(DONE).status_code == 405


def test_the_form_is_protected_against_cross_site_posts(form_data, media):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(NEW, form_data())
    assert response.status_code == 403
    assert_nothing_written(media)


# --- similar reports --------------------------------------------------------------------


def test_similar_panel_lists_nearby_open_reports_without_identity(
    client_en, category, agency_a, django_assert_num_queries
):
    now = timezone.now()
    ComplaintFactory(
        tracking_code="LPR-AAAA-AAAA",
        category=category,
        status=ComplaintStatus.DISPATCHED,
        agency=agency_a,
        latitude=Decimal("0.740000"),
        longitude=Decimal("127.570000"),
        kecamatan="Oba Utara",
        description="Jalan berlubang <b>besar</b> di depan pasar Sofifi.",
        reporter_name="Nama Pelapor Rahasia",
        reporter_email="rahasia@example.test",
        reporter_phone="0811111111",
        submitted_at=now - timedelta(days=3),
    )
    ComplaintFactory(
        tracking_code="LPR-CCCC-CCCC",
        category=category,
        status=ComplaintStatus.DISPATCHED,
        agency=agency_a,
        privacy=Privacy.CONFIDENTIAL,
        kecamatan="Oba Utara",
        submitted_at=now,
    )
    with django_assert_num_queries(2):
        response = client_en.get(
            SIMILAR, {"category": category.pk, "latitude": "0.741", "longitude": "127.571", "kecamatan": ""}
        )
    html = response.content.decode()
    assert [item.complaint.tracking_code for item in response.context["reports"]] == ["LPR-AAAA-AAAA"]
    assert "LPR-AAAA-AAAA" in html
    assert "Jalan berlubang &lt;b&gt;besar&lt;/b&gt;" in html
    assert "0.2 km away" in html
    for secret in ("Nama Pelapor Rahasia", "rahasia@example.test", "0811111111", "LPR-CCCC-CCCC"):
        assert secret not in html
    if status_url("LPR-AAAA-AAAA"):
        assert f'href="{status_url("LPR-AAAA-AAAA")}"' in html


@pytest.mark.parametrize(
    "query",
    [
        {},
        {"category": "abc", "kecamatan": "Oba Utara"},
        {"category": "999", "kecamatan": "Oba Utara"},
        {"kecamatan": "Oba Utara"},
        {"latitude": "-6.2", "longitude": "106.8"},
    ],
)
def test_similar_panel_is_empty_without_enough_to_compare(client_en, category, agency_a, query):
    ComplaintFactory(
        category=category, status=ComplaintStatus.DISPATCHED, agency=agency_a, kecamatan="Oba Utara"
    )
    response = client_en.get(SIMILAR, query)
    assert response.status_code == 200
    assert response.context["reports"] == []
    assert response.content.decode().strip() == ""


def test_similar_panel_ignores_a_pin_outside_the_province(client_en, category, agency_a):
    ComplaintFactory(
        tracking_code="LPR-JKTA-JKTA",
        category=category,
        status=ComplaintStatus.DISPATCHED,
        agency=agency_a,
        latitude=Decimal("-6.200000"),
        longitude=Decimal("106.816666"),
    )
    response = client_en.get(
        SIMILAR, {"category": category.pk, "latitude": "-6.2", "longitude": "106.816666"}
    )
    assert response.context["reports"] == []


# --- public service search --------------------------------------------------------------


def test_service_search_finds_active_services_by_name_or_agency(
    client_en, agency_a, django_assert_num_queries
):
    PublicServiceFactory(agency=agency_a, code="KTP", name="Penerbitan KTP-el")
    PublicServiceFactory(agency=agency_a, code="KK", name="Kartu Keluarga")
    PublicServiceFactory(agency=agency_a, code="KTP-OLD", name="KTP lama", is_active=False)
    with django_assert_num_queries(1):
        response = client_en.get(SERVICES, {"service_q": "ktp"})
    assert [s.code for s in response.context["services"]] == ["KTP"]
    assert 'data-service-name="Penerbitan KTP-el · Dinas A"' in response.content.decode()
    assert [s.code for s in client_en.get(SERVICES, {"service_q": "dinas a"}).context["services"]] == [
        "KK",
        "KTP",
    ]


@pytest.mark.parametrize("query", ["", "k", "x" * 101])
def test_service_search_needs_two_letters_and_caps_the_query(
    client_en, agency_a, query, django_assert_num_queries
):
    PublicServiceFactory(agency=agency_a, code="KTP", name="Penerbitan KTP-el")
    with django_assert_num_queries(0):
        response = client_en.get(SERVICES, {"service_q": query})
    assert response.context["services"] == []


def test_a_chosen_service_is_shown_again_after_an_error(client_en, form_data, agency_a, media):
    service = PublicServiceFactory(agency=agency_a, code="KTP", name="Penerbitan KTP-el")
    response = client_en.post(NEW, form_data(description="", public_service=str(service.pk)))
    assert response.context["chosen_service"] == service
    assert '<span id="service-chosen-name">Penerbitan KTP-el · Dinas A</span>' in response.content.decode()
    assert_nothing_written(media)
