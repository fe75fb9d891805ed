"""The JP pages: an employee's JP and claims, the verification queue, evidence downloads and
the compliance report; who sees what, exact figures and query counts."""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from penata.accounts.models import Role
from penata.core.models import AuditEvent
from penata.organization.tests.factories import AgencyFactory
from penata.training.models import EVIDENCE_MAX_BYTES, ExternalTraining, JpLedgerEntry
from penata.workforce.tests.factories import EmployeeFactory

from .factories import ExternalTrainingFactory, JpLedgerEntryFactory
from .test_ledger_services import EXE, MINIMAL_PDF, media_files

pytestmark = pytest.mark.django_db

MY_JP = reverse("training:my-jp")
VERIFY = reverse("training:external-verify")
COMPLIANCE = reverse("training:jp-compliance")
EXPORT = reverse("training:jp-compliance-export")


@pytest.fixture(autouse=True)
def english(client, settings):
    """The assertions read the English source strings; pages default to Indonesian."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def world(agency_a, agency_b, make_user):
    """Agency A: Ani (an ASN with an account; 12 JP from a session and 4.5 verified
    external JP in 2026, one claim waiting) and Budi (one claim waiting). Agency B: Citra
    (one claim waiting). One user per role, staff in agency A unless said."""
    ani = EmployeeFactory(agency=agency_a, full_name="Ani Lestari")
    budi = EmployeeFactory(agency=agency_a, full_name="Budi Santoso")
    citra = EmployeeFactory(agency=agency_b, full_name="Citra Dewi")
    JpLedgerEntryFactory(
        employee=ani,
        jp=Decimal("12"),
        title="Pelayanan Prima",
        completed_on=date(2026, 3, 4),
        enrolment__session__organizer=agency_a,
    )
    verified = ExternalTrainingFactory(
        employee=ani,
        title="Webinar Etika ASN",
        status="verified",
        start_date=date(2026, 5, 20),
        end_date=date(2026, 5, 20),
        jp=Decimal("4.5"),
    )
    JpLedgerEntryFactory(
        employee=ani,
        enrolment=None,
        external_training=verified,
        source="external",
        jp=Decimal("4.5"),
        form="seminar",
        completed_on=date(2026, 5, 20),
    )
    claims = {
        "ani": ExternalTrainingFactory(employee=ani, title="Kursus Excel Lanjut", jp=Decimal("6")),
        "budi": ExternalTrainingFactory(employee=budi, title="Bimtek Arsip Digital", jp=Decimal("8")),
        "citra": ExternalTrainingFactory(employee=citra, title="Seminar Kesehatan", jp=Decimal("3")),
    }
    users = {
        "employee": make_user(Role.EMPLOYEE, agency_a, employee=ani, username="ani"),
        "agency_admin": make_user(Role.AGENCY_ADMIN, agency_a, username="admin_a"),
        "agency_admin_b": make_user(Role.AGENCY_ADMIN, agency_b, username="admin_b"),
        "province_admin": make_user(Role.PROVINCE_ADMIN, agency_a, username="prov"),
        "training_manager": make_user(Role.TRAINING_MANAGER, agency_a, username="bpsdm"),
        "leader": make_user(Role.LEADER, agency_a, username="sekda"),
        "complaint_officer": make_user(Role.COMPLAINT_OFFICER, agency_a, username="petugas"),
        "citizen": make_user(Role.CITIZEN, None, username="warga"),
    }
    AuditEvent.objects.all().delete()
    return {"ani": ani, "budi": budi, "citra": citra, "claims": claims, "users": users}


def login(client, world, role):
    client.force_login(world["users"][role])
    return client


@pytest.mark.parametrize(
    ("role", "url", "expected"),
    [
        ("employee", MY_JP, 200),
        ("agency_admin", MY_JP, 200),  # no employee record: told so
        ("citizen", MY_JP, 200),
        ("employee", VERIFY, 403),
        ("agency_admin", VERIFY, 200),
        ("training_manager", VERIFY, 200),
        ("province_admin", VERIFY, 200),
        ("leader", VERIFY, 403),
        ("complaint_officer", VERIFY, 403),
        ("citizen", VERIFY, 403),
        ("employee", COMPLIANCE, 403),
        ("agency_admin", COMPLIANCE, 200),
        ("training_manager", COMPLIANCE, 200),
        ("province_admin", COMPLIANCE, 200),
        ("leader", COMPLIANCE, 200),
        ("complaint_officer", COMPLIANCE, 403),
        ("citizen", COMPLIANCE, 403),
        ("employee", EXPORT, 403),
        ("leader", EXPORT, 200),
    ],
)
def test_who_may_open_the_pages(client, world, role, url, expected):
    assert login(client, world, role).get(url).status_code == expected


@pytest.mark.parametrize("url", [MY_JP, VERIFY, COMPLIANCE, EXPORT])
def test_anonymous_is_sent_to_sign_in(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


# --- my JP -----------------------------------------------------------------------------------


def test_my_jp_shows_the_years_total_progress_entries_and_claims(client, world, django_assert_num_queries):
    login(client, world, "employee")
    # session, user, employee, entries, years with entries, claims
    with django_assert_num_queries(6):
        response = client.get(MY_JP, {"year": 2026})
    assert response.status_code == 200
    context = response.context
    assert (context["total"], context["target"], context["missing"], context["percent"]) == (
        Decimal("16.5"),
        20,
        Decimal("3.5"),
        82,
    )
    assert [(e.title, e.jp, e.source) for e in context["entries"]] == [
        ("Webinar Etika ASN", Decimal("4.5"), "external"),
        ("Pelayanan Prima", Decimal("12.0"), "session"),
    ]
    # Newest first by the training's last day.
    assert [(c.title, c.status) for c in context["claims"]] == [
        ("Webinar Etika ASN", "verified"),
        ("Kursus Excel Lanjut", "submitted"),
    ]
    html = response.content.decode()
    assert 'data-testid="jp-progress" data-percent="82"' in html
    assert 'style="width: 82%"' in html
    assert "3.5 JP still missing to reach 20 JP this year." in html
    assert html.count('data-testid="entry-row"') == 2
    assert html.count('data-testid="claim-row"') == 2
    assert 'data-testid="claim-form"' in html


def test_my_jp_of_another_year_and_a_bad_year(client, world):
    login(client, world, "employee")
    response = client.get(MY_JP, {"year": 2025})
    assert (response.context["total"], response.context["percent"]) == (Decimal("0.0"), 0)
    assert 'data-testid="no-entries"' in response.content.decode()
    assert client.get(MY_JP, {"year": "dua ribu"}).status_code == 400
    assert client.get(MY_JP, {"year": 1899}).status_code == 400


def test_account_without_employee_record(client, world):
    response = login(client, world, "agency_admin").get(MY_JP)
    assert 'data-testid="no-employee"' in response.content.decode()


def claim_post(evidence: SimpleUploadedFile, **overrides) -> dict:
    data = {
        "title": "Pelatihan Kepemimpinan Daring",
        "provider": "LAN RI",
        "form": "e_learning",
        "start_date": "2026-04-06",
        "end_date": "2026-04-09",
        "jp": "10",
        "evidence": evidence,
    }
    data.update(overrides)
    return data


def test_employee_claims_external_training_from_the_page(client, world, media):
    login(client, world, "employee")
    response = client.post(
        MY_JP, claim_post(SimpleUploadedFile("sertifikat.pdf", MINIMAL_PDF, "application/pdf"))
    )
    assert response.status_code == 302
    assert response["Location"] == f"{MY_JP}?year=2026"
    claim = ExternalTraining.objects.get(title="Pelatihan Kepemimpinan Daring")
    assert (claim.employee, claim.status, claim.jp, claim.evidence_content_type) == (
        world["ani"],
        "submitted",
        Decimal("10.0"),
        "application/pdf",
    )
    assert [path.read_bytes() for path in media_files(media) if "evidence" in str(path)][-1:] == [MINIMAL_PDF]
    page = client.get(response["Location"])
    assert "Your claim for “Pelatihan Kepemimpinan Daring” is sent." in page.content.decode()


def test_a_bad_claim_is_shown_with_its_errors_and_nothing_is_written(client, world, media):
    login(client, world, "employee")
    before = ExternalTraining.objects.count()
    files_before = media_files(media)
    response = client.post(
        MY_JP,
        claim_post(
            SimpleUploadedFile("sertifikat.pdf", EXE, "application/pdf"),
            start_date="2026-04-09",
            end_date="2026-04-06",
            jp="0",
        ),
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'data-testid="error-end_date">The end date is before the start date.' in html
    assert 'data-testid="error-jp">The lesson hours (JP) must be more than 0.' in html
    assert (
        'data-testid="error-evidence">sertifikat.pdf is not a photo (JPEG, PNG, WebP) or a PDF document.'
        in html
    )
    assert ExternalTraining.objects.count() == before
    assert media_files(media) == files_before
    assert AuditEvent.objects.count() == 0


def test_a_6_mb_evidence_is_refused_on_its_field_and_never_received_whole(client, world, media, monkeypatch):
    from penata.training import views_ledger

    received = []
    original = views_ledger.external_training_submit

    def spy(**kwargs):
        upload = kwargs["evidence"]
        upload.seek(0)
        received.append((upload.name, upload.size, len(upload.read())))
        upload.seek(0)
        return original(**kwargs)

    monkeypatch.setattr(views_ledger, "external_training_submit", spy)
    login(client, world, "employee")
    before = ExternalTraining.objects.count()
    files_before = media_files(media)
    big = SimpleUploadedFile("sertifikat.pdf", MINIMAL_PDF + b"\x00" * (6 * 1024 * 1024), "application/pdf")
    response = client.post(MY_JP, claim_post(big))

    assert response.status_code == 400
    html = response.content.decode()
    assert 'data-testid="error-evidence">sertifikat.pdf is larger than 5.0\xa0MB.' in html
    # The upload handler dropped everything past the limit (plus at most one chunk).
    ((name, size, stored),) = received
    assert (name, size) == ("sertifikat.pdf", stored)
    assert EVIDENCE_MAX_BYTES < stored <= EVIDENCE_MAX_BYTES + 64 * 1024
    assert ExternalTraining.objects.count() == before
    assert media_files(media) == files_before
    assert AuditEvent.objects.count() == 0


def test_a_second_file_beside_the_evidence_arrives_empty_and_is_refused(client, world, media):
    login(client, world, "employee")
    before = ExternalTraining.objects.count()
    files_before = media_files(media)
    evidence = [
        SimpleUploadedFile("sertifikat.pdf", MINIMAL_PDF, "application/pdf"),
        SimpleUploadedFile("lain.pdf", MINIMAL_PDF, "application/pdf"),
    ]
    response = client.post(MY_JP, claim_post(evidence))
    assert response.status_code == 400
    assert 'data-testid="error-evidence">' in response.content.decode()
    assert ExternalTraining.objects.count() == before
    assert media_files(media) == files_before


def test_the_claim_form_still_checks_the_csrf_token(world, media, settings):
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    browser.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    browser.force_login(world["users"]["employee"])
    before = ExternalTraining.objects.count()
    evidence = SimpleUploadedFile("sertifikat.pdf", MINIMAL_PDF, "application/pdf")
    assert browser.post(MY_JP, claim_post(evidence)).status_code == 403
    assert ExternalTraining.objects.count() == before

    browser.get(MY_JP)
    token = browser.cookies[settings.CSRF_COOKIE_NAME].value
    evidence = SimpleUploadedFile("sertifikat.pdf", MINIMAL_PDF, "application/pdf")
    response = browser.post(MY_JP, {**claim_post(evidence), "csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert ExternalTraining.objects.count() == before + 1


# --- an employee's JP seen by staff --------------------------------------------------------------


def test_agency_admin_sees_their_staffs_jp_but_not_another_agencys(client, world):
    login(client, world, "agency_admin")
    response = client.get(reverse("training:employee-jp", kwargs={"nip": world["ani"].nip}), {"year": 2026})
    assert response.status_code == 200
    assert response.context["total"] == Decimal("16.5")
    assert 'data-testid="claim-form"' not in response.content.decode()
    assert client.get(reverse("training:employee-jp", kwargs={"nip": world["citra"].nip})).status_code == 404


def test_an_employee_sees_only_their_own_jp(client, world):
    login(client, world, "employee")
    assert client.get(reverse("training:employee-jp", kwargs={"nip": world["budi"].nip})).status_code == 404
    own = client.get(reverse("training:employee-jp", kwargs={"nip": world["ani"].nip}), {"year": 2026})
    assert own.status_code == 302
    assert own["Location"] == f"{MY_JP}?year=2026"


def test_complaint_officer_reads_no_jp(client, world):
    login(client, world, "complaint_officer")
    assert client.get(reverse("training:employee-jp", kwargs={"nip": world["ani"].nip})).status_code == 404


# --- verification ------------------------------------------------------------------------------


def titles(response) -> list[str]:
    return [row["claim"].title for row in response.context["rows"]]


def test_the_queue_is_scoped_to_the_agency(client, world, django_assert_num_queries):
    login(client, world, "agency_admin")
    # session, user, the agency tree (scope), count, page
    with django_assert_num_queries(5):
        response = client.get(VERIFY)
    assert titles(response) == ["Kursus Excel Lanjut", "Bimtek Arsip Digital"]
    assert response.content.decode().count('data-testid="verify-row"') == 2
    login(client, world, "training_manager")
    assert titles(client.get(VERIFY)) == ["Kursus Excel Lanjut", "Bimtek Arsip Digital", "Seminar Kesehatan"]
    login(client, world, "agency_admin_b")
    assert titles(client.get(VERIFY)) == ["Seminar Kesehatan"]


def decide(world, who: str) -> str:
    return reverse("training:external-decide", kwargs={"pk": world["claims"][who].pk})


def test_agency_admin_verifies_from_the_queue(client, world):
    login(client, world, "agency_admin")
    response = client.post(decide(world, "budi"), {"action": "verify", "reason": ""})
    assert response.status_code == 302
    assert response["Location"].startswith(VERIFY)
    entry = JpLedgerEntry.objects.get(external_training=world["claims"]["budi"])
    assert (entry.employee, entry.jp, entry.year, entry.source) == (
        world["budi"],
        Decimal("8.0"),
        2026,
        "external",
    )
    assert titles(client.get(VERIFY)) == ["Kursus Excel Lanjut"]


def test_reject_needs_a_reason_on_the_page(client, world):
    login(client, world, "agency_admin")
    response = client.post(decide(world, "budi"), {"action": "reject", "reason": "  "})
    assert response.status_code == 400
    assert 'data-testid="error-reason">Say why the claim is rejected.' in response.content.decode()
    world["claims"]["budi"].refresh_from_db()
    assert world["claims"]["budi"].status == "submitted"
    assert AuditEvent.objects.count() == 0

    response = client.post(decide(world, "budi"), {"action": "reject", "reason": "Bukan sertifikat."})
    assert response.status_code == 302
    world["claims"]["budi"].refresh_from_db()
    assert (world["claims"]["budi"].status, world["claims"]["budi"].decision_note) == (
        "rejected",
        "Bukan sertifikat.",
    )


def test_another_agencys_claim_is_not_found(client, world):
    login(client, world, "agency_admin")
    response = client.post(decide(world, "citra"), {"action": "verify"})
    assert response.status_code == 404
    assert JpLedgerEntry.objects.filter(external_training=world["claims"]["citra"]).count() == 0


def test_a_claim_decided_meanwhile_is_said_so(client, world):
    login(client, world, "training_manager")
    client.post(decide(world, "budi"), {"action": "verify"})
    response = client.post(decide(world, "budi"), {"action": "verify"}, follow=True)
    assert "This claim has already been decided (Verified)." in response.content.decode()
    assert JpLedgerEntry.objects.filter(external_training=world["claims"]["budi"]).count() == 1


def test_nobody_verifies_their_own_claim(client, world, make_user, agency_a):
    admin_and_asn = make_user(Role.AGENCY_ADMIN, agency_a, employee=world["budi"], username="admin_budi")
    client.force_login(admin_and_asn)
    assert titles(client.get(VERIFY)) == ["Kursus Excel Lanjut"]
    assert client.post(decide(world, "budi"), {"action": "verify"}).status_code == 403
    world["claims"]["budi"].refresh_from_db()
    assert world["claims"]["budi"].status == "submitted"


def test_decide_takes_post_only_and_the_right_roles(client, world):
    login(client, world, "employee")
    assert client.post(decide(world, "budi"), {"action": "verify"}).status_code == 403
    login(client, world, "agency_admin")
    assert client.get(decide(world, "budi")).status_code == 405


# --- evidence ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "claim", "expected"),
    [
        ("employee", "ani", 200),
        ("employee", "budi", 404),
        ("agency_admin", "ani", 200),
        ("agency_admin", "citra", 404),
        ("agency_admin_b", "ani", 404),
        ("training_manager", "citra", 200),
        ("leader", "ani", 200),
        ("complaint_officer", "ani", 404),
        ("citizen", "ani", 404),
    ],
)
def test_evidence_is_served_through_a_checked_view(client, world, role, claim, expected):
    login(client, world, role)
    response = client.get(reverse("training:external-evidence", kwargs={"pk": world["claims"][claim].pk}))
    assert response.status_code == expected
    if expected == 200:
        assert b"".join(response.streaming_content) == MINIMAL_PDF
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"] == 'attachment; filename="sertifikat.pdf"'
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Cache-Control"] == "private, no-store"


# --- compliance ----------------------------------------------------------------------------------


@pytest.fixture
def compliance_world(world, agency_a, agency_b):
    """Agency A: Ani 16.5, Budi 0, Dedi 20 (at target), Eko on leave. Agency B: Citra 0,
    Fitri 25 (at target)."""
    dedi = EmployeeFactory(agency=agency_a, full_name="Dedi Kurniawan")
    JpLedgerEntryFactory(employee=dedi, jp=Decimal("20"), enrolment__session__organizer=agency_a)
    EmployeeFactory(agency=agency_a, full_name="Eko Prasetyo", status="on_leave")
    fitri = EmployeeFactory(agency=agency_b, full_name="Fitri Handayani")
    JpLedgerEntryFactory(employee=fitri, jp=Decimal("25"), enrolment__session__organizer=agency_b)
    return world


def stats(response) -> tuple:
    report = response.context["report"]
    return report.counted, report.at_target, report.behind_count


def test_agency_admin_sees_their_agency_and_those_behind(client, compliance_world, django_assert_num_queries):
    login(client, compliance_world, "agency_admin")
    # session, user, the agency tree (scope), the agency, compliance, page of those behind
    # without JP, then past them the totals, the names and the people
    with django_assert_num_queries(9):
        response = client.get(COMPLIANCE, {"year": 2026})
    assert response.status_code == 200
    assert response.context["agency"].code == "DINA"
    assert stats(response) == (3, 1, 2)
    assert [(e.full_name, e.jp_total, e.missing) for e in response.context["page"].object_list] == [
        ("Budi Santoso", Decimal("0.0"), Decimal("20.0")),
        ("Ani Lestari", Decimal("16.5"), Decimal("3.5")),
    ]
    html = response.content.decode()
    assert 'data-testid="stat-share">33.3%' in html
    assert 'data-testid="agency-table"' not in html
    assert html.count('data-testid="behind-row"') == 2
    assert client.get(COMPLIANCE, {"agency": "DINB"}).status_code == 404
    assert client.get(EXPORT, {"agency": "DINB"}).status_code == 404
    assert client.get(COMPLIANCE, {"agency": "NOPE"}).status_code == 404


def test_province_overview_sorted_with_drill_down(client, compliance_world, django_assert_num_queries):
    AgencyFactory(code="DINC", name="Dinas C")  # no staff
    login(client, compliance_world, "province_admin")
    # session, user, compliance, then the page: those without JP (Budi, Citra), and past
    # them the year's totals, the names and the people
    with django_assert_num_queries(7):
        response = client.get(COMPLIANCE, {"year": 2026})
    assert response.context["agency"] is None
    rows = [(r.agency.code, r.counted, r.at_target, r.share) for r in response.context["rows"]]
    # Lowest share first, an agency without active staff last.
    assert rows == [("DINA", 3, 1, pytest.approx(100 / 3)), ("DINB", 2, 1, 50.0), ("DINC", 0, 0, None)]
    assert stats(response) == (5, 2, 3)
    assert [e.full_name for e in response.context["page"].object_list] == [
        "Budi Santoso",
        "Citra Dewi",
        "Ani Lestari",
    ]
    by_code = client.get(COMPLIANCE, {"year": 2026, "sort": "code"})
    assert [r.agency.code for r in by_code.context["rows"]] == ["DINA", "DINB", "DINC"]
    by_behind = client.get(COMPLIANCE, {"year": 2026, "sort": "behind"})
    assert [r.agency.code for r in by_behind.context["rows"]] == ["DINA", "DINB", "DINC"]
    assert 'data-testid="agency-share">33.3%' in response.content.decode()
    assert "no active staff" in response.content.decode()
    drill = client.get(COMPLIANCE, {"year": 2026, "agency": "DINB"})
    assert drill.context["agency"].code == "DINB"
    assert stats(drill) == (2, 1, 1)
    assert 'data-testid="overview-link"' in drill.content.decode()


def test_export_has_the_agencies_and_everyone_behind(client, compliance_world):
    login(client, compliance_world, "training_manager")
    response = client.get(EXPORT, {"year": 2026, "agency": "DINA"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert response["Content-Disposition"].startswith('attachment; filename="jp-compliance-2026-DINA-')
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Agencies", "Behind"]
    summary = [list(row) for row in book["Agencies"].iter_rows(values_only=True)]
    assert summary[1:] == [
        ["Agency code", "Agency", "Staff counted", "At or above target", "Behind", "Share"],
        ["DINA", "Dinas A", 3, 1, 2, 0.3333],
        [None, "Total", 3, 1, 2, 0.3333],
    ]
    behind = [list(row) for row in book["Behind"].iter_rows(values_only=True)]
    assert behind == [
        ["NIP", "Name", "Agency code", "Position", "JP", "JP missing"],
        [compliance_world["budi"].nip, "Budi Santoso", "DINA", None, 0, 20],
        [compliance_world["ani"].nip, "Ani Lestari", "DINA", None, 16.5, 3.5],
    ]
