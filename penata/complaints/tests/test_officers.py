"""The officers' services: internal notes, response templates, the confidential reporter's
identity, answers with files and bulk actions (at most 100 reports, all or nothing)."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from penata.accounts.models import Role
from penata.complaints import services
from penata.complaints.models import (
    Complaint,
    ComplaintAttachment,
    ComplaintNote,
    ComplaintStatus,
    ResponseTemplate,
)
from penata.core.errors import ApplicationError, PermissionDenied
from penata.core.events import events_for
from penata.core.models import AuditEvent
from penata.organization.tests.factories import AgencyFactory

from .factories import ComplaintFactory

pytestmark = pytest.mark.django_db


def png_file(name="foto.png"):
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 30, 30)).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def pdf_file(name="surat.pdf"):
    return SimpleUploadedFile(
        name, b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n", "application/pdf"
    )


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def stored_files(root):
    return sorted(p.name for p in root.rglob("*") if p.is_file())


@pytest.fixture
def dispatched(submit, verifier, agency_a, clock):
    def make(count=1, agency=None, **overrides):
        reports = []
        for _ in range(count):
            complaint, _secret = submit(**overrides)
            reports.append(
                services.complaint_dispatch(complaint=complaint, agency=agency or agency_a, actor=verifier)
            )
        return reports

    return make


def actions_of(complaint):
    return [e.action for e in events_for(subject=complaint).order_by("id")]


# --- notes --------------------------------------------------------------------------------


def test_officer_in_scope_adds_a_note_with_an_event_without_its_text(dispatched, officer_a):
    (complaint,) = dispatched()
    note = services.complaint_note_add(complaint=complaint, author=officer_a, text="  Cek lokasi besok.  ")
    assert (note.text, note.author, note.complaint) == ("Cek lokasi besok.", officer_a, complaint)
    event = AuditEvent.objects.get(action="complaint.note_added")
    assert (event.actor, event.to_state, event.note) == (officer_a, {"note": note.pk}, "")


def test_verifier_adds_a_note_to_a_report_not_yet_dispatched(submit, verifier):
    complaint, _secret = submit()
    services.complaint_note_add(complaint=complaint, author=verifier, text="Mungkin duplikat.")
    assert ComplaintNote.objects.count() == 1


@pytest.mark.parametrize(
    ("text", "message"),
    [("   ", "Write the note."), ("x" * 5001, "A note is at most 5000 characters long.")],
)
def test_bad_note_names_the_field_and_writes_nothing(dispatched, officer_a, text, message):
    (complaint,) = dispatched()
    before = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as caught:
        services.complaint_note_add(complaint=complaint, author=officer_a, text=text)
    assert caught.value.message_dict == {"text": [message]}
    assert (ComplaintNote.objects.count(), AuditEvent.objects.count()) == (0, before)


def test_note_of_exactly_5000_characters_is_accepted(dispatched, officer_a):
    (complaint,) = dispatched()
    assert (
        len(services.complaint_note_add(complaint=complaint, author=officer_a, text="x" * 5000).text) == 5000
    )


def test_officer_of_another_agency_cannot_add_a_note(dispatched, officer_b, make_user, agency_a):
    (complaint,) = dispatched()
    before = AuditEvent.objects.count()
    employee = make_user(Role.EMPLOYEE, agency_a, username="pegawai")
    for author in (officer_b, employee):
        with pytest.raises(PermissionDenied):
            services.complaint_note_add(complaint=complaint, author=author, text="Catatan")
    assert (ComplaintNote.objects.count(), AuditEvent.objects.count()) == (0, before)


# --- identity -----------------------------------------------------------------------------


def test_every_identity_view_by_the_verifier_is_logged(submit, verifier):
    complaint, _secret = submit(privacy="confidential", reporter_phone="0812-1111-2222")
    for _ in range(2):
        identity = services.complaint_identity_view(complaint=complaint, actor=verifier)
    assert identity == services.ReporterIdentity(
        name="Siti Rahma", email="siti@example.test", phone="0812-1111-2222"
    )
    views = AuditEvent.objects.filter(action="complaint.identity_viewed")
    assert [(e.actor, e.subject_id, e.subject_type) for e in views] == [
        (verifier, str(complaint.pk), "complaints.complaint")
    ] * 2


def test_superuser_may_view_a_confidential_identity(submit, make_user, agency_a):
    complaint, _secret = submit(privacy="confidential")
    root = make_user(Role.PROVINCE_ADMIN, agency_a, username="root", is_superuser=True)
    assert services.complaint_identity_view(complaint=complaint, actor=root).name == "Siti Rahma"
    assert AuditEvent.objects.filter(action="complaint.identity_viewed", actor=root).count() == 1


def test_nobody_else_views_a_confidential_identity(submit, officer_a, province_admin, agency_admin_a):
    complaint, _secret = submit(privacy="confidential")
    for user in (officer_a, province_admin, agency_admin_a):
        with pytest.raises(PermissionDenied):
            services.complaint_identity_view(complaint=complaint, actor=user)
    assert AuditEvent.objects.filter(action="complaint.identity_viewed").count() == 0


# --- response templates -------------------------------------------------------------------


def test_officer_creates_and_updates_a_template_of_their_agency(officer_a, agency_a):
    template = services.response_template_create(
        agency=agency_a, title=" Jalan rusak ", body="Terima kasih, tim kami akan turun.", actor=officer_a
    )
    assert (template.agency, template.title, template.is_active) == (agency_a, "Jalan rusak", True)
    services.response_template_update(template=template, actor=officer_a, title="Jalan berlubang")
    services.response_template_update(template=template, actor=officer_a, is_active=False)
    template.refresh_from_db()
    assert (template.title, template.is_active) == ("Jalan berlubang", False)
    events = list(events_for(subject=template).order_by("id"))
    assert [(e.action, e.to_state) for e in events] == [
        (
            "complaint.response_template_created",
            {"agency": "DINA", "title": "Jalan rusak", "is_active": True},
        ),
        (
            "complaint.response_template_updated",
            {"title": "Jalan berlubang", "is_active": True, "body_changed": False},
        ),
        (
            "complaint.response_template_updated",
            {"title": "Jalan berlubang", "is_active": False, "body_changed": False},
        ),
    ]


def test_saving_an_unchanged_template_records_nothing(officer_a, agency_a):
    template = services.response_template_create(agency=agency_a, title="A", body="B", actor=officer_a)
    services.response_template_update(template=template, actor=officer_a, title="A", body="B", is_active=True)
    assert AuditEvent.objects.count() == 1


def test_template_title_is_unique_per_agency_ignoring_case(officer_a, officer_b, agency_a, agency_b):
    services.response_template_create(agency=agency_a, title="Jalan rusak", body="Teks", actor=officer_a)
    with pytest.raises(ValidationError) as caught:
        services.response_template_create(agency=agency_a, title="JALAN RUSAK", body="Lain", actor=officer_a)
    assert caught.value.message_dict == {"title": ["The agency already has a template with this title."]}
    # Another agency may use the same title.
    services.response_template_create(agency=agency_b, title="Jalan rusak", body="Teks", actor=officer_b)
    assert ResponseTemplate.objects.count() == 2
    assert AuditEvent.objects.count() == 2


def test_template_needs_title_and_text(officer_a, agency_a):
    with pytest.raises(ValidationError) as caught:
        services.response_template_create(agency=agency_a, title=" ", body="", actor=officer_a)
    assert caught.value.message_dict == {
        "title": ["Give the template a title."],
        "body": ["Write the text of the template."],
    }
    assert (ResponseTemplate.objects.count(), AuditEvent.objects.count()) == (0, 0)


def test_only_the_agency_staff_and_the_province_admin_manage_templates(
    officer_b, verifier, agency_a, province_admin, agency_admin_a
):
    for user in (officer_b, verifier):
        with pytest.raises(PermissionDenied):
            services.response_template_create(agency=agency_a, title="T", body="B", actor=user)
    assert ResponseTemplate.objects.count() == 0
    template = services.response_template_create(agency=agency_a, title="T", body="B", actor=agency_admin_a)
    with pytest.raises(PermissionDenied):
        services.response_template_update(template=template, actor=officer_b, is_active=False)
    services.response_template_update(template=template, actor=province_admin, is_active=False)
    assert ResponseTemplate.objects.get().is_active is False


# --- answers with files ---------------------------------------------------------------------


def test_answer_with_files_stores_them_as_answer_attachments(dispatched, officer_a, media):
    (complaint,) = dispatched()
    services.complaint_answer(
        complaint=complaint, answer="Sudah diperbaiki.", actor=officer_a, attachments=[png_file(), pdf_file()]
    )
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.ANSWERED
    files = list(ComplaintAttachment.objects.order_by("id"))
    assert [(f.kind, f.original_name, f.content_type, f.uploaded_by) for f in files] == [
        ("answer", "foto.png", "image/png", officer_a),
        ("answer", "surat.pdf", "application/pdf", officer_a),
    ]
    assert len(stored_files(media)) == 2
    assert actions_of(complaint)[-2:] == ["complaint.answer", "complaint.attachments_added"]


def test_answer_with_a_renamed_executable_writes_nothing(dispatched, officer_a, media):
    (complaint,) = dispatched()
    before = AuditEvent.objects.count()
    fake = SimpleUploadedFile("foto.jpg", b"MZ\x90\x00" + b"\x00" * 100, content_type="image/jpeg")
    with pytest.raises(ValidationError) as caught:
        services.complaint_answer(complaint=complaint, answer="Jawaban", actor=officer_a, attachments=[fake])
    assert caught.value.message_dict == {
        "attachments": ["foto.jpg is not a photo (JPEG, PNG, WebP) or a PDF document."]
    }
    complaint.refresh_from_db()
    assert (complaint.status, complaint.answer) == (ComplaintStatus.DISPATCHED, "")
    assert (ComplaintAttachment.objects.count(), AuditEvent.objects.count(), stored_files(media)) == (
        0,
        before,
        [],
    )


def test_answer_with_six_files_is_refused(dispatched, officer_a, media):
    (complaint,) = dispatched()
    with pytest.raises(ValidationError) as caught:
        services.complaint_answer(
            complaint=complaint, answer="Jawaban", actor=officer_a, attachments=[png_file() for _ in range(6)]
        )
    assert caught.value.message_dict == {"attachments": ["At most 5 files can be attached."]}
    assert (Complaint.objects.get().status, ComplaintAttachment.objects.count()) == ("dispatched", 0)


def test_files_written_before_a_refused_answer_are_removed(dispatched, officer_b, media):
    (complaint,) = dispatched()
    with pytest.raises(PermissionDenied):
        services.complaint_answer(
            complaint=complaint, answer="Jawaban", actor=officer_b, attachments=[png_file()]
        )
    assert (ComplaintAttachment.objects.count(), stored_files(media)) == (0, [])


# --- bulk -----------------------------------------------------------------------------------


def test_bulk_refuses_101_reports_and_does_nothing(officer_a, agency_a):
    reports = [ComplaintFactory(agency=agency_a, status=ComplaintStatus.DISPATCHED) for _ in range(101)]
    with pytest.raises(ValidationError) as caught:
        services.complaints_bulk_assign(complaints=reports, officer=officer_a, actor=officer_a)
    assert caught.value.message_dict == {
        "complaints": ["At most 100 reports can be changed at once; 101 were chosen."]
    }
    assert Complaint.objects.filter(assigned_to__isnull=False).count() == 0
    assert AuditEvent.objects.count() == 0


def test_bulk_refuses_an_empty_selection(officer_a):
    with pytest.raises(ValidationError) as caught:
        services.complaints_bulk_assign(complaints=[], officer=officer_a, actor=officer_a)
    assert caught.value.message_dict == {"complaints": ["Choose at least one report."]}


def test_bulk_assign_gives_each_report_its_own_event(dispatched, officer_a, agency_admin_a):
    reports = dispatched(3)
    done = services.complaints_bulk_assign(complaints=reports, officer=officer_a, actor=agency_admin_a)
    assert sorted(c.pk for c in done) == sorted(c.pk for c in reports)
    assert set(Complaint.objects.values_list("assigned_to", flat=True)) == {officer_a.pk}
    events = AuditEvent.objects.filter(action="complaint.assign")
    assert sorted(e.subject_id for e in events) == sorted(str(c.pk) for c in reports)
    assert {e.actor_id for e in events} == {agency_admin_a.pk}


def test_bulk_is_all_or_nothing_and_names_the_reports_that_failed(dispatched, submit, officer_a, clock):
    reports = dispatched(2)
    waiting, _secret = submit()
    before = AuditEvent.objects.count()
    with pytest.raises(ApplicationError) as caught:
        services.complaints_bulk_assign(complaints=[*reports, waiting], officer=officer_a, actor=officer_a)
    error = caught.value
    assert error.code == "bulk_action_refused"
    assert str(error.message) == "Nothing was changed: 1 of the 3 reports cannot take this action."
    assert error.fields == {
        "complaints": [f"{waiting.tracking_code}: Only the responsible agency can assign this report."]
    }
    assert Complaint.objects.filter(assigned_to__isnull=False).count() == 0
    assert AuditEvent.objects.count() == before


def test_bulk_answer_from_a_template(
    dispatched, officer_a, agency_a, mailoutbox, django_capture_on_commit_callbacks
):
    reports = dispatched(2)
    template = services.response_template_create(
        agency=agency_a, title="Selesai", body="Laporan Anda sudah ditindaklanjuti.", actor=officer_a
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.complaints_bulk_answer(complaints=reports, template_or_text=template, actor=officer_a)
    assert set(Complaint.objects.values_list("status", "answer")) == {
        ("answered", "Laporan Anda sudah ditindaklanjuti.")
    }
    assert AuditEvent.objects.filter(action="complaint.answer").count() == 2
    assert len(mailoutbox) == 2


def test_bulk_answer_refuses_an_inactive_template_or_another_agencys(
    dispatched, officer_a, officer_b, agency_b
):
    reports = dispatched(1)
    other = services.response_template_create(agency=agency_b, title="T", body="B", actor=officer_b)
    with pytest.raises(PermissionDenied):
        services.complaints_bulk_answer(complaints=reports, template_or_text=other, actor=officer_a)
    other = services.response_template_update(template=other, actor=officer_b, is_active=False)
    with pytest.raises(ValidationError) as caught:
        services.complaints_bulk_answer(complaints=reports, template_or_text=other, actor=officer_b)
    assert caught.value.message_dict == {"template": ["This response template is no longer active."]}
    assert Complaint.objects.get().status == "dispatched"


def test_bulk_answer_with_a_text_refuses_another_agencys_report(dispatched, officer_b):
    reports = dispatched(2)
    with pytest.raises(ApplicationError) as caught:
        services.complaints_bulk_answer(complaints=reports, template_or_text="Jawaban", actor=officer_b)
    assert len(caught.value.fields["complaints"]) == 2
    assert set(Complaint.objects.values_list("status", flat=True)) == {"dispatched"}


def test_bulk_archive_and_dispatch_are_the_verifiers(submit, verifier, officer_a, agency_b):
    reports = [submit()[0] for _ in range(3)]
    before = AuditEvent.objects.count()
    with pytest.raises(PermissionDenied):
        services.complaints_bulk_archive(complaints=reports, actor=officer_a, reason="Duplikat")
    with pytest.raises(PermissionDenied):
        services.complaints_bulk_dispatch(complaints=reports, agency=agency_b, actor=officer_a)
    assert AuditEvent.objects.count() == before
    services.complaints_bulk_dispatch(complaints=reports[:2], agency=agency_b, actor=verifier)
    services.complaints_bulk_archive(complaints=reports[2:], actor=verifier, reason="Duplikat")
    assert sorted(Complaint.objects.values_list("status", "agency__code")) == [
        ("archived", None),
        ("dispatched", "DINB"),
        ("dispatched", "DINB"),
    ]


def test_bulk_archive_needs_a_reason(submit, verifier):
    complaint, _secret = submit()
    with pytest.raises(ValidationError) as caught:
        services.complaints_bulk_archive(complaints=[complaint], actor=verifier, reason=" ")
    assert caught.value.message_dict == {"reason": ["Give a reason."]}
    assert Complaint.objects.get().status == "submitted"


def test_bulk_dispatch_with_one_already_dispatched_changes_nothing(submit, dispatched, verifier, agency_b):
    (done,) = dispatched()
    fresh, _secret = submit()
    before = AuditEvent.objects.count()
    with pytest.raises(ApplicationError) as caught:
        services.complaints_bulk_dispatch(complaints=[fresh, done], agency=agency_b, actor=verifier)
    assert caught.value.fields == {
        "complaints": [
            f"{done.tracking_code}: A report that is “Dispatched to an agency” "
            "cannot be given the action “dispatch”."
        ]
    }
    assert Complaint.objects.get(pk=fresh.pk).status == "submitted"
    assert Complaint.objects.get(pk=done.pk).agency.code == "DINA"
    assert AuditEvent.objects.count() == before


def test_bulk_for_a_sub_agency_by_the_parent_agency_officer(dispatched, officer_a, agency_a):
    sub = AgencyFactory(code="DINA-RS", parent=agency_a)
    reports = dispatched(2, agency=sub)
    services.complaints_bulk_assign(complaints=reports, officer=officer_a, actor=officer_a)
    assert Complaint.objects.filter(assigned_to=officer_a).count() == 2
