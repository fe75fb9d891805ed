"""Certificates: issuing, revoking, the PDF and the public verification page."""

import re
import shutil
import subprocess
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from penata.accounts.models import Role
from penata.core.errors import PermissionDenied
from penata.core.models import AuditEvent
from penata.training import certificates as certificate_module
from penata.training.certificates import certificate_html, certificate_pdf, certificate_verify_url
from penata.training.models import Certificate, EnrolmentStatus, SessionStatus
from penata.training.services import after
from penata.training.services.after import (
    CERTIFICATE_CODE_ALPHABET,
    AlreadyRevoked,
    NotCompleted,
    certificate_issue,
    certificate_revoke,
    certificates_issue_for_session,
)
from penata.training.tests.factories import EnrolmentFactory, ProgramFactory, TrainingSessionFactory
from penata.workforce.tests.factories import EmployeeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(agency_a, make_user, settings):
    settings.PENATA_CERTIFICATE_SIGNATORY_NAME = "Dr. Hasan Basri, M.Si."
    settings.PENATA_CERTIFICATE_SIGNATORY_TITLE = "Kepala BPSDM Provinsi Maluku Utara"
    settings.PENATA_CERTIFICATE_PLACE = "Sofifi"
    settings.PENATA_SITE_URL = "https://penata.malutprov.test/"
    ani = EmployeeFactory(agency=agency_a, full_name="Ani Lestari", nip="198001012005012001")
    program = ProgramFactory(code="PRG-CRT", title="Pelayanan Publik Digital", jp=24)
    session = TrainingSessionFactory(
        program=program,
        code="SES-CRT",
        start_date=date(2026, 3, 2),
        end_date=date(2026, 3, 4),
        status=SessionStatus.COMPLETED,
    )
    return {
        "agency": agency_a,
        "ani": ani,
        "session": session,
        "enrolment": EnrolmentFactory(session=session, employee=ani, status=EnrolmentStatus.COMPLETED),
        "manager": make_user(Role.TRAINING_MANAGER, agency_a, username="bpsdm"),
    }


def issued_events() -> int:
    return AuditEvent.objects.filter(action="certificate.issued").count()


# --- issuing -----------------------------------------------------------------------------


def test_certificate_keeps_what_it_says_as_issued(world):
    certificate = certificate_issue(enrolment=world["enrolment"], actor=world["manager"])

    certificate.refresh_from_db()
    assert (
        certificate.employee_name,
        certificate.employee_nip,
        certificate.program_title,
        certificate.jp,
        certificate.start_date,
        certificate.end_date,
        certificate.signatory_name,
        certificate.signatory_title,
        certificate.issued_by_id,
        certificate.revoked_at,
    ) == (
        "Ani Lestari",
        "198001012005012001",
        "Pelayanan Publik Digital",
        24,
        date(2026, 3, 2),
        date(2026, 3, 4),
        "Dr. Hasan Basri, M.Si.",
        "Kepala BPSDM Provinsi Maluku Utara",
        world["manager"].pk,
        None,
    )
    assert len(certificate.code) == 10
    assert set(certificate.code) <= set(CERTIFICATE_CODE_ALPHABET)
    assert not set(certificate.code) & set("0O1I")
    event = AuditEvent.objects.get(action="certificate.issued")
    assert event.subject_id == str(certificate.pk)
    assert event.to_state == {
        "code": certificate.code,
        "enrolment": world["enrolment"].pk,
        "employee": "198001012005012001",
    }

    # A later change of name or program does not change it.
    world["ani"].full_name = "Ani Lestari Sangadji"
    world["ani"].save(update_fields=["full_name"])
    again = certificate_issue(enrolment=world["enrolment"], actor=world["manager"])
    assert (again.pk, again.code, again.employee_name) == (certificate.pk, certificate.code, "Ani Lestari")
    assert Certificate.objects.count() == 1
    assert issued_events() == 1


@pytest.mark.parametrize(
    "status",
    [
        EnrolmentStatus.INCOMPLETE,
        EnrolmentStatus.NO_SHOW,
        EnrolmentStatus.CONFIRMED,
        EnrolmentStatus.APPROVED,
        EnrolmentStatus.PENDING_APPROVAL,
        EnrolmentStatus.WAITLISTED,
        EnrolmentStatus.WITHDRAWN,
        EnrolmentStatus.CANCELLED,
        EnrolmentStatus.REJECTED,
    ],
)
def test_no_certificate_for_an_enrolment_not_completed(world, status):
    enrolment = world["enrolment"]
    enrolment.status = status
    enrolment.save(update_fields=["status"])
    with pytest.raises(NotCompleted) as caught, translation.override("en"):
        certificate_issue(enrolment=enrolment, actor=world["manager"])
    assert str(caught.value.message) == "A certificate is issued only for a completed enrolment."
    assert Certificate.objects.count() == 0
    assert issued_events() == 0


@pytest.mark.parametrize("role", [Role.EMPLOYEE, Role.AGENCY_ADMIN, Role.LEADER])
def test_only_a_training_manager_issues(world, make_user, role):
    actor = make_user(role, world["agency"], username=f"u-{role}")
    with pytest.raises(PermissionDenied):
        certificate_issue(enrolment=world["enrolment"], actor=actor)
    assert Certificate.objects.count() == 0
    assert issued_events() == 0


def test_a_code_already_taken_is_drawn_again(world, monkeypatch):
    taken = certificate_issue(enrolment=world["enrolment"], actor=world["manager"]).code
    draws = iter([taken, "ABCDEFGH23"])
    monkeypatch.setattr(after, "certificate_code_generate", lambda: next(draws))
    other = EnrolmentFactory(
        session=world["session"], employee=EmployeeFactory(), status=EnrolmentStatus.COMPLETED
    )

    certificate = certificate_issue(enrolment=other, actor=world["manager"])

    assert certificate.code == "ABCDEFGH23"
    assert Certificate.objects.count() == 2


def test_codes_are_not_sequential(world):
    enrolments = [
        EnrolmentFactory(
            session=world["session"], employee=EmployeeFactory(), status=EnrolmentStatus.COMPLETED
        )
        for _ in range(5)
    ]
    codes = [certificate_issue(enrolment=e, actor=world["manager"]).code for e in enrolments]
    assert len(set(codes)) == 5
    assert codes != sorted(codes) or codes != sorted(codes, reverse=True)


def test_issue_for_session_covers_every_completed_participant_once(world, django_assert_num_queries):
    session = world["session"]
    already = certificate_issue(enrolment=world["enrolment"], actor=world["manager"])
    completed = [
        EnrolmentFactory(session=session, employee=EmployeeFactory(), status=EnrolmentStatus.COMPLETED)
        for _ in range(3)
    ]
    for status in (EnrolmentStatus.NO_SHOW, EnrolmentStatus.INCOMPLETE, EnrolmentStatus.WITHDRAWN):
        EnrolmentFactory(session=session, employee=EmployeeFactory(), status=status)

    # Lock the enrolments, read the issued ones, check the codes, insert, insert the events,
    # and two savepoints: the same count for 3 participants or 300.
    with django_assert_num_queries(9):
        issued = certificates_issue_for_session(session=session, actor=world["manager"])

    assert sorted(c.enrolment_id for c in issued) == sorted(e.pk for e in completed)
    assert Certificate.objects.count() == 4
    assert Certificate.objects.get(enrolment=world["enrolment"]).code == already.code
    assert issued_events() == 4
    assert certificates_issue_for_session(session=session, actor=world["manager"]) == []
    assert issued_events() == 4


# --- revoking ----------------------------------------------------------------------------


def test_revoke_needs_a_reason(world):
    certificate = certificate_issue(enrolment=world["enrolment"], actor=world["manager"])
    with pytest.raises(ValidationError) as caught, translation.override("en"):
        certificate_revoke(certificate=certificate, actor=world["manager"], reason="   ")
    assert caught.value.message_dict == {"reason": ["Give the reason for revoking the certificate."]}
    certificate.refresh_from_db()
    assert (certificate.revoked_at, certificate.revocation_reason) == (None, "")
    assert AuditEvent.objects.filter(action="certificate.revoked").count() == 0


def test_revoke_records_when_and_why(world):
    certificate = certificate_issue(enrolment=world["enrolment"], actor=world["manager"])
    certificate_revoke(certificate=certificate, actor=world["manager"], reason=" Daftar hadir dipalsukan. ")

    certificate.refresh_from_db()
    assert certificate.is_revoked
    assert certificate.revocation_reason == "Daftar hadir dipalsukan."
    event = AuditEvent.objects.get(action="certificate.revoked")
    assert (event.actor_id, event.note, event.from_state, event.to_state) == (
        world["manager"].pk,
        "Daftar hadir dipalsukan.",
        {"revoked": False},
        {"revoked": True},
    )
    with pytest.raises(AlreadyRevoked):
        certificate_revoke(certificate=certificate, actor=world["manager"], reason="Lagi")
    assert AuditEvent.objects.filter(action="certificate.revoked").count() == 1


def test_only_a_training_manager_revokes(world, make_user):
    certificate = certificate_issue(enrolment=world["enrolment"], actor=world["manager"])
    admin = make_user(Role.AGENCY_ADMIN, world["agency"], username="admin")
    with pytest.raises(PermissionDenied):
        certificate_revoke(certificate=certificate, actor=admin, reason="Salah")
    certificate.refresh_from_db()
    assert certificate.revoked_at is None


# --- the PDF -----------------------------------------------------------------------------


def pdf_text(pdf: bytes, tmp_path) -> str:
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) is not installed")
    path = tmp_path / "certificate.pdf"
    path.write_bytes(pdf)
    command = [shutil.which("pdftotext"), "-layout", str(path), "-"]
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout  # noqa: S603


def test_the_pdf_is_one_a4_landscape_page_with_name_code_and_indonesian_dates(world, tmp_path):
    certificate = certificate_issue(enrolment=world["enrolment"], actor=world["manager"])
    pdf = certificate_pdf(certificate)

    assert pdf.startswith(b"%PDF-")
    text = pdf_text(pdf, tmp_path)
    assert "Ani Lestari" in text
    assert "19800101 200501 2 001" in text
    assert certificate.code in text
    assert "Pelayanan Publik Digital" in text
    assert "2 Maret 2026" in text and "4 Maret 2026" in text
    assert "Dr. Hasan Basri, M.Si." in text
    assert f"https://penata.malutprov.test/verify/{certificate.code}/" in text
    command = [shutil.which("pdfinfo"), str(tmp_path / "certificate.pdf")]
    info = subprocess.run(command, check=True, capture_output=True, text=True).stdout  # noqa: S603
    assert re.search(r"^Pages:\s+1$", info, re.MULTILINE)
    width, height = map(
        float, re.search(r"^Page size:\s+([\d.]+) x ([\d.]+) pts \(A4\)", info, re.MULTILINE).groups()
    )
    assert (round(width), round(height)) == (842, 595)  # A4 landscape: 297 x 210 mm


def test_the_pdf_of_a_revoked_certificate_says_so(world, tmp_path):
    certificate = certificate_issue(enrolment=world["enrolment"], actor=world["manager"])
    certificate_revoke(certificate=certificate, actor=world["manager"], reason="Salah terbit")
    certificate.refresh_from_db()
    html = certificate_html(certificate)
    assert 'class="revoked"' in html


def test_the_pdf_needs_no_network(world, monkeypatch):
    certificate = certificate_issue(enrolment=world["enrolment"], actor=world["manager"])
    html = certificate_html(certificate)
    assert "http://" not in html.replace(certificate_verify_url(certificate), "")
    assert 'src="data:image/svg+xml' in html
    fetcher = certificate_module._url_fetcher()
    with pytest.raises(ValueError, match="disallowed protocol"):
        fetcher.fetch("https://fonts.example.test/font.woff2")
    with pytest.raises(ValueError, match="disallowed protocol"):
        fetcher.fetch("file:///etc/passwd")


def test_verify_url_uses_the_site_address(world):
    certificate = certificate_issue(enrolment=world["enrolment"], actor=world["manager"])
    assert certificate_verify_url(certificate) == f"https://penata.malutprov.test/verify/{certificate.code}/"
    assert reverse("training-verify:certificate-verify", kwargs={"code": "X"}) == "/verify/X/"
