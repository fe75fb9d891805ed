"""The JP ledger's writes: crediting completed enrolments, claiming external training with
evidence checked by content, verifying and rejecting claims."""

import io
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils import timezone, translation
from PIL import Image

from penata.accounts.models import Role
from penata.core.errors import InvalidTransition, PermissionDenied
from penata.core.models import AuditEvent
from penata.training.models import (
    EVIDENCE_MAX_BYTES,
    EnrolmentStatus,
    ExternalTraining,
    ExternalTrainingStatus,
    JpLedgerEntry,
    TrainingForm,
)
from penata.training.services import ledger
from penata.training.services.ledger import (
    external_training_reject,
    external_training_submit,
    external_training_verify,
    jp_credit_enrolment,
)
from penata.workforce.tests.factories import EmployeeFactory

from .factories import EnrolmentFactory, ExternalTrainingFactory, ProgramFactory, TrainingSessionFactory

pytestmark = pytest.mark.django_db

EXE = (
    b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00"
    + b"\x00" * 48
    + b"PE\x00\x00"
    + b"\x90" * 400
)
MINIMAL_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def image_bytes(image_format: str, size=(64, 48)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (15, 76, 92)).save(buffer, format=image_format)
    return buffer.getvalue()


def truncated_png() -> bytes:
    # Noise does not compress, so half the file cuts through the pixel data itself (a
    # solid colour would fit in the first bytes and lose only the end marker).
    image = Image.frombytes("RGB", (64, 48), bytes(range(256)) * 36)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    data = buffer.getvalue()
    return data[: len(data) // 2]


def upload(name: str, content: bytes, content_type: str = "application/pdf") -> SimpleUploadedFile:
    # The declared content type is what the browser (or an attacker) says; it is ignored.
    return SimpleUploadedFile(name, content, content_type=content_type)


def media_files(root) -> list[Path]:
    return sorted(path for path in Path(root).rglob("*") if path.is_file())


@pytest.fixture(autouse=True)
def english():
    """The assertions read the English source strings; Indonesian is the default."""
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def employee(agency_a):
    return EmployeeFactory(agency=agency_a, full_name="Nurul Hasanah")


@pytest.fixture
def employee_user(make_user, agency_a, employee):
    return make_user(Role.EMPLOYEE, agency_a, employee=employee, username="nurul")


def claim_data(**overrides) -> dict:
    data = {
        "title": "Webinar Keamanan Siber untuk ASN",
        "provider": "BSSN",
        "form": TrainingForm.SEMINAR,
        "start_date": date(2026, 2, 10),
        "end_date": date(2026, 2, 11),
        "jp": Decimal("8"),
        "evidence": upload("sertifikat.pdf", MINIMAL_PDF),
    }
    data.update(overrides)
    return data


def nothing_written(media) -> None:
    assert ExternalTraining.objects.count() == 0
    assert JpLedgerEntry.objects.count() == 0
    assert AuditEvent.objects.count() == 0
    assert media_files(media) == []


# --- jp_credit_enrolment ---------------------------------------------------------------------


def completed_enrolment(employee, **session):
    program = ProgramFactory(title="Pelayanan Publik Digital", form=TrainingForm.TECHNICAL_GUIDANCE, jp=24)
    session = TrainingSessionFactory(program=program, **session)
    return EnrolmentFactory(session=session, employee=employee, status=EnrolmentStatus.COMPLETED)


def test_credit_writes_the_programs_jp_for_the_year_of_the_last_day(employee):
    # A session across the new year counts for the year it ends in.
    enrolment = completed_enrolment(employee, start_date=date(2025, 12, 30), end_date=date(2026, 1, 2))

    entry = jp_credit_enrolment(enrolment=enrolment)

    assert JpLedgerEntry.objects.count() == 1
    assert (entry.employee, entry.year, entry.jp, entry.source) == (employee, 2026, Decimal("24"), "session")
    assert (entry.title, entry.form, entry.completed_on) == (
        "Pelayanan Publik Digital",
        "technical_guidance",
        date(2026, 1, 2),
    )
    assert (entry.enrolment, entry.external_training) == (enrolment, None)
    event = AuditEvent.objects.get()
    assert (event.subject_type, event.subject_id, event.action) == (
        "workforce.employee",
        str(employee.pk),
        "employee.jp_credited",
    )
    assert event.to_state == {
        "entry": entry.pk,
        "year": 2026,
        "jp": "24.0",
        "source": "session",
        "enrolment": enrolment.pk,
        "external_training": None,
        "title": "Pelayanan Publik Digital",
    }


def test_credit_is_idempotent(employee):
    enrolment = completed_enrolment(employee)
    first = jp_credit_enrolment(enrolment=enrolment)

    again = jp_credit_enrolment(enrolment=enrolment)

    assert again.pk == first.pk
    assert JpLedgerEntry.objects.count() == 1
    assert AuditEvent.objects.filter(action="employee.jp_credited").count() == 1


@pytest.mark.parametrize(
    "status",
    [
        EnrolmentStatus.CONFIRMED,
        EnrolmentStatus.INCOMPLETE,
        EnrolmentStatus.NO_SHOW,
        EnrolmentStatus.WITHDRAWN,
    ],
)
def test_only_a_completed_enrolment_earns_jp(employee, status):
    enrolment = completed_enrolment(employee)
    enrolment.status = status
    enrolment.save()

    with pytest.raises(InvalidTransition, match=r"Only a completed enrolment earns JP\."):
        jp_credit_enrolment(enrolment=enrolment)

    assert JpLedgerEntry.objects.count() == 0
    assert AuditEvent.objects.count() == 0


# --- external_training_submit ------------------------------------------------------------------


def test_employee_claims_external_training(employee, employee_user, media):
    claim = external_training_submit(employee=employee, actor=employee_user, **claim_data())

    claim.refresh_from_db()
    assert claim.status == ExternalTrainingStatus.SUBMITTED
    assert (claim.title, claim.provider, claim.form, claim.jp) == (
        "Webinar Keamanan Siber untuk ASN",
        "BSSN",
        "seminar",
        Decimal("8.0"),
    )
    assert (claim.start_date, claim.end_date) == (date(2026, 2, 10), date(2026, 2, 11))
    assert (claim.evidence_name, claim.evidence_content_type, claim.evidence_size) == (
        "sertifikat.pdf",
        "application/pdf",
        len(MINIMAL_PDF),
    )
    assert claim.submitted_by == employee_user
    # Stored under a random name, never the one the employee chose.
    assert claim.evidence.name.startswith(f"training/evidence/{employee.pk}/")
    assert claim.evidence.name.endswith(".pdf")
    assert "sertifikat" not in claim.evidence.name
    assert [path.read_bytes() for path in media_files(media)] == [MINIMAL_PDF]
    assert JpLedgerEntry.objects.count() == 0  # only a verified claim counts
    event = AuditEvent.objects.get()
    assert (event.subject_type, event.subject_id, event.action, event.actor) == (
        "training.externaltraining",
        str(claim.pk),
        "external_training.submitted",
        employee_user,
    )
    assert event.to_state == {
        "status": "submitted",
        "employee": employee.pk,
        "title": "Webinar Keamanan Siber untuk ASN",
        "jp": "8.0",
        "start_date": "2026-02-10",
        "end_date": "2026-02-11",
        "evidence": {"name": "sertifikat.pdf", "type": "application/pdf", "size": len(MINIMAL_PDF)},
    }


@pytest.mark.parametrize(
    ("name", "content", "content_type", "extension"),
    [
        ("foto-sertifikat.jpg", image_bytes("JPEG"), "image/jpeg", ".jpg"),
        ("layar.png", image_bytes("PNG"), "image/png", ".png"),
        ("sertifikat.webp", image_bytes("WEBP"), "image/webp", ".webp"),
        # The type comes from the content: a PNG named .pdf is stored as what it is.
        ("sertifikat.pdf", image_bytes("PNG"), "image/png", ".png"),
    ],
)
def test_photos_are_accepted_by_content(employee, employee_user, name, content, content_type, extension):
    claim = external_training_submit(
        employee=employee, actor=employee_user, **claim_data(evidence=upload(name, content))
    )

    assert claim.evidence_content_type == content_type
    assert claim.evidence.name.endswith(extension)


def test_agency_admin_claims_for_their_staff(employee, agency_admin_a):
    claim = external_training_submit(employee=employee, actor=agency_admin_a, **claim_data())

    assert claim.submitted_by == agency_admin_a
    assert ExternalTraining.objects.count() == 1


@pytest.mark.parametrize("who", ["other_employee", "other_agency_admin", "training_manager", "leader"])
def test_others_may_not_claim_for_an_employee(employee, make_user, agency_a, agency_b, media, who):
    actor = {
        "other_employee": lambda: make_user(
            Role.EMPLOYEE, agency_a, employee=EmployeeFactory(agency=agency_a)
        ),
        "other_agency_admin": lambda: make_user(Role.AGENCY_ADMIN, agency_b),
        "training_manager": lambda: make_user(Role.TRAINING_MANAGER, agency_b),
        "leader": lambda: make_user(Role.LEADER, agency_b),
    }[who]()

    with pytest.raises(PermissionDenied):
        external_training_submit(employee=employee, actor=actor, **claim_data())

    nothing_written(media)


EVIDENCE_NOT_A_DOCUMENT = "{name} is not a photo (JPEG, PNG, WebP) or a PDF document."


@pytest.mark.parametrize(
    ("evidence", "message"),
    [
        (upload("sertifikat.pdf", EXE), EVIDENCE_NOT_A_DOCUMENT.format(name="sertifikat.pdf")),
        (
            upload("catatan.pdf", b"Sertifikat pelatihan 8 JP\n" * 20),
            EVIDENCE_NOT_A_DOCUMENT.format(name="catatan.pdf"),
        ),
        (
            upload("catatan.txt", b"hanya teks", "text/plain"),
            EVIDENCE_NOT_A_DOCUMENT.format(name="catatan.txt"),
        ),
        # A PDF header without its end: a truncated or forged document.
        (upload("potong.pdf", MINIMAL_PDF[:60]), EVIDENCE_NOT_A_DOCUMENT.format(name="potong.pdf")),
        (
            upload("potong.png", truncated_png(), "image/png"),
            EVIDENCE_NOT_A_DOCUMENT.format(name="potong.png"),
        ),
        (upload("kosong.pdf", b""), "kosong.pdf is empty."),
        (
            upload("besar.pdf", b"%PDF-1.4\n" + b"0" * EVIDENCE_MAX_BYTES + b"\n%%EOF\n"),
            "besar.pdf is larger than {max}.",
        ),
        (None, "Attach the certificate or attendance letter (PDF or photo)."),
    ],
    ids=[
        "exe-renamed-pdf",
        "text-named-pdf",
        "text-file",
        "truncated-pdf",
        "truncated-png",
        "empty",
        "too-large",
        "none",
    ],
)
def test_bad_evidence_is_refused_and_nothing_is_written(employee, employee_user, media, evidence, message):
    with pytest.raises(ValidationError) as refused:
        external_training_submit(employee=employee, actor=employee_user, **claim_data(evidence=evidence))

    assert refused.value.message_dict == {
        "evidence": [message.format(max=filesizeformat(EVIDENCE_MAX_BYTES))]
    }
    assert filesizeformat(EVIDENCE_MAX_BYTES) == "5.0\xa0MB"
    nothing_written(media)


def test_evidence_at_the_size_limit_is_accepted(employee, employee_user):
    body = b"%PDF-1.4\n"
    tail = b"\n%%EOF\n"
    content = body + b"0" * (EVIDENCE_MAX_BYTES - len(body) - len(tail)) + tail

    claim = external_training_submit(
        employee=employee, actor=employee_user, **claim_data(evidence=upload("pas.pdf", content))
    )

    assert claim.evidence_size == EVIDENCE_MAX_BYTES


TODAY = timezone.localdate()


@pytest.mark.parametrize(
    ("overrides", "errors"),
    [
        (
            {"start_date": date(2026, 2, 11), "end_date": date(2026, 2, 10)},
            {"end_date": ["The end date is before the start date."]},
        ),
        ({"jp": Decimal("0")}, {"jp": ["The lesson hours (JP) must be more than 0."]}),
        ({"jp": Decimal("-2")}, {"jp": ["The lesson hours (JP) must be more than 0."]}),
        ({"jp": Decimal("0.2")}, {"jp": ["Enter from 0.5 to 500 JP, with at most one decimal."]}),
        ({"jp": Decimal("501")}, {"jp": ["Enter from 0.5 to 500 JP, with at most one decimal."]}),
        ({"jp": Decimal("2.25")}, {"jp": ["Enter from 0.5 to 500 JP, with at most one decimal."]}),
        ({"jp": "delapan"}, {"jp": ["Enter the lesson hours (JP) as a number."]}),
        (
            {"start_date": TODAY, "end_date": TODAY + timedelta(days=1)},
            {"end_date": ["The date is in the future: claim training once it has taken place."]},
        ),
        (
            {"start_date": TODAY + timedelta(days=3), "end_date": TODAY + timedelta(days=4)},
            {
                "start_date": ["The date is in the future: claim training once it has taken place."],
                "end_date": ["The date is in the future: claim training once it has taken place."],
            },
        ),
        ({"start_date": date(1999, 12, 31)}, {"start_date": ["Enter a date from 2000-01-01."]}),
        ({"start_date": None}, {"start_date": ["Enter a valid date."]}),
        ({"title": "   "}, {"title": ["Enter the title of the training."]}),
        ({"title": "x" * 201}, {"title": ["At most 200 characters."]}),
        ({"provider": ""}, {"provider": ["Enter who provided the training."]}),
        ({"form": "holiday"}, {"form": ["Choose the form of the training."]}),
        # Every problem at once, the bad file included.
        (
            {
                "title": "",
                "end_date": date(2026, 2, 1),
                "jp": Decimal("0"),
                "evidence": upload("virus.pdf", EXE),
            },
            {
                "title": ["Enter the title of the training."],
                "end_date": ["The end date is before the start date."],
                "jp": ["The lesson hours (JP) must be more than 0."],
                "evidence": [EVIDENCE_NOT_A_DOCUMENT.format(name="virus.pdf")],
            },
        ),
    ],
)
def test_bad_claims_are_refused_by_field_and_nothing_is_written(
    employee, employee_user, media, overrides, errors
):
    with pytest.raises(ValidationError) as refused:
        external_training_submit(employee=employee, actor=employee_user, **claim_data(**overrides))

    assert refused.value.message_dict == errors
    nothing_written(media)


def test_the_same_training_is_not_claimed_twice(employee, employee_user, media):
    external_training_submit(employee=employee, actor=employee_user, **claim_data())

    with pytest.raises(ValidationError) as refused:
        external_training_submit(
            employee=employee, actor=employee_user, **claim_data(title="webinar keamanan siber untuk asn")
        )

    assert refused.value.message_dict == {"title": ["This training is already claimed for these dates."]}
    assert ExternalTraining.objects.count() == 1
    assert len(media_files(media)) == 1


def test_a_rejected_claim_can_be_sent_again(employee, employee_user, agency_admin_a):
    first = external_training_submit(employee=employee, actor=employee_user, **claim_data())
    external_training_reject(
        external_training=first, actor=agency_admin_a, reason="Sertifikat tidak terbaca."
    )

    again = external_training_submit(employee=employee, actor=employee_user, **claim_data())

    assert again.pk != first.pk
    assert ExternalTraining.objects.filter(status="submitted").count() == 1


def test_a_failed_transaction_leaves_no_stored_file(employee, employee_user, media, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(ledger, "event_record", broken)

    with pytest.raises(RuntimeError):
        external_training_submit(employee=employee, actor=employee_user, **claim_data())

    nothing_written(media)


# --- verify / reject ---------------------------------------------------------------------------


@pytest.fixture
def claim(employee):
    return ExternalTrainingFactory(
        employee=employee,
        title="Kursus Analisis Data",
        form=TrainingForm.E_LEARNING,
        start_date=date(2025, 12, 20),
        end_date=date(2026, 1, 5),
        jp=Decimal("12.5"),
    )


def test_agency_admin_verifies_and_the_jp_reach_the_ledger(claim, employee, agency_admin_a):
    verified = external_training_verify(external_training=claim, actor=agency_admin_a, note="Sesuai.")

    claim.refresh_from_db()
    assert (claim.status, claim.decided_by, claim.decision_note) == ("verified", agency_admin_a, "Sesuai.")
    assert claim.decided_at is not None and verified.pk == claim.pk
    entry = JpLedgerEntry.objects.get()
    assert (entry.employee, entry.year, entry.jp, entry.source) == (
        employee,
        2026,
        Decimal("12.5"),
        "external",
    )
    assert (entry.title, entry.form, entry.completed_on) == (
        "Kursus Analisis Data",
        "e_learning",
        date(2026, 1, 5),
    )
    assert (entry.external_training, entry.enrolment) == (claim, None)
    events = list(AuditEvent.objects.order_by("id").values_list("action", "from_state", "to_state", "note"))
    assert events == [
        (
            "external_training.verified",
            {"status": "submitted"},
            {"status": "verified", "entry": entry.pk, "jp": "12.5", "year": 2026},
            "Sesuai.",
        ),
        (
            "employee.jp_credited",
            None,
            {
                "entry": entry.pk,
                "year": 2026,
                "jp": "12.5",
                "source": "external",
                "enrolment": None,
                "external_training": claim.pk,
                "title": "Kursus Analisis Data",
            },
            "",
        ),
    ]


def test_training_manager_verifies_any_agency(claim, make_user, agency_b):
    external_training_verify(external_training=claim, actor=make_user(Role.TRAINING_MANAGER, agency_b))

    assert JpLedgerEntry.objects.count() == 1


def test_a_claim_is_decided_once(claim, agency_admin_a):
    external_training_verify(external_training=claim, actor=agency_admin_a)

    with pytest.raises(InvalidTransition, match=r"already been decided \(Verified\)"):
        external_training_verify(external_training=claim, actor=agency_admin_a)
    with pytest.raises(InvalidTransition):
        external_training_reject(external_training=claim, actor=agency_admin_a, reason="Salah.")

    assert JpLedgerEntry.objects.count() == 1
    assert AuditEvent.objects.count() == 2
    claim.refresh_from_db()
    assert claim.status == "verified"


@pytest.mark.parametrize(
    "who", ["other_agency_admin", "leader", "employee_self", "admin_self", "complaint_officer"]
)
def test_who_may_not_decide(claim, employee, make_user, agency_a, agency_b, who):
    actor = {
        "other_agency_admin": lambda: make_user(Role.AGENCY_ADMIN, agency_b),
        "leader": lambda: make_user(Role.LEADER, agency_a),
        "employee_self": lambda: make_user(Role.EMPLOYEE, agency_a, employee=employee),
        # An administrator never verifies their own claim.
        "admin_self": lambda: make_user(Role.AGENCY_ADMIN, agency_a, employee=employee),
        "complaint_officer": lambda: make_user(Role.COMPLAINT_OFFICER, agency_a),
    }[who]()

    with pytest.raises(PermissionDenied):
        external_training_verify(external_training=claim, actor=actor)
    with pytest.raises(PermissionDenied):
        external_training_reject(external_training=claim, actor=actor, reason="Tidak sah.")

    claim.refresh_from_db()
    assert (claim.status, claim.decided_by) == ("submitted", None)
    assert JpLedgerEntry.objects.count() == 0
    assert AuditEvent.objects.count() == 0


def test_reject_needs_a_reason(claim, agency_admin_a):
    for reason in ("", "   ", None):
        with pytest.raises(ValidationError) as refused:
            external_training_reject(external_training=claim, actor=agency_admin_a, reason=reason)
        assert refused.value.message_dict == {"reason": ["Say why the claim is rejected."]}

    claim.refresh_from_db()
    assert claim.status == "submitted"
    assert AuditEvent.objects.count() == 0


def test_reject_records_the_reason_and_credits_nothing(claim, agency_admin_a):
    external_training_reject(
        external_training=claim, actor=agency_admin_a, reason="  Sertifikat tidak terbaca. "
    )

    claim.refresh_from_db()
    assert (claim.status, claim.decided_by, claim.decision_note) == (
        "rejected",
        agency_admin_a,
        "Sertifikat tidak terbaca.",
    )
    assert JpLedgerEntry.objects.count() == 0
    event = AuditEvent.objects.get()
    assert (event.action, event.from_state, event.to_state, event.note) == (
        "external_training.rejected",
        {"status": "submitted"},
        {"status": "rejected"},
        "Sertifikat tidak terbaca.",
    )
