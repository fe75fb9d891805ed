import logging
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from penata.accounts.models import Role
from penata.complaints import services
from penata.complaints.models import Complaint, ComplaintCategory, Privacy
from penata.complaints.selectors import complaint_list_visible_to
from penata.complaints.services import intake
from penata.core.errors import PermissionDenied
from penata.core.models import AuditEvent
from penata.organization.tests.factories import AgencyFactory

from .factories import ComplaintCategoryFactory, ComplaintFactory

pytestmark = pytest.mark.django_db


def assert_nothing_written():
    assert Complaint.objects.count() == 0
    assert AuditEvent.objects.count() == 0


# --- categories -------------------------------------------------------------------------


def test_categories_load_is_idempotent_and_warns_about_unknown_agencies(caplog):
    pupr = AgencyFactory(code="PUPR")
    with caplog.at_level(logging.WARNING):
        assert services.complaint_categories_load() == 20
        assert services.complaint_categories_load() == 20
    assert ComplaintCategory.objects.count() == 20
    road = ComplaintCategory.objects.get(code="JALAN")
    assert (road.name, road.default_agency, road.is_active) == ("Jalan dan jembatan", pupr, True)
    assert ComplaintCategory.objects.get(code="AIR").default_agency is None
    assert "Complaint category AIR: unknown agency PERKIM; left without one." in caplog.messages


# --- submit -----------------------------------------------------------------------------


def test_submit_public_report_without_account(submit, clock, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        complaint, secret = submit(latitude="0.7", longitude="127.56", kecamatan="Oba Utara")
    assert len(secret) == 20
    assert services.complaint_secret_matches(complaint=complaint, secret=secret) is True
    assert services.complaint_secret_matches(complaint=complaint, secret="WRONG") is False
    assert secret not in complaint.secret_hash
    stored = Complaint.objects.get()
    assert (stored.status, stored.latitude, stored.longitude, stored.kecamatan) == (
        "submitted",
        Decimal("0.700000"),
        Decimal("127.560000"),
        "Oba Utara",
    )
    event = AuditEvent.objects.get()
    assert (event.action, event.actor_id, event.to_state) == (
        "complaint.submitted",
        None,
        {"status": "submitted", "tracking_code": stored.tracking_code, "channel": "web"},
    )
    assert [(m.to, m.subject) for m in mailoutbox] == [
        (["siti@example.test"], f"Your report {stored.tracking_code}: Submitted")
    ]


def test_signed_in_public_reporter_gets_no_secret_and_contact_from_account(submit, make_user):
    citizen = make_user(Role.CITIZEN, None, username="warga", full_name="Budi", email="budi@example.test")
    complaint, secret = submit(actor=citizen, reporter_name="", reporter_email="")
    assert secret is None
    assert complaint.secret_hash == ""
    assert (complaint.reporter, complaint.reporter_name, complaint.reporter_email) == (
        citizen,
        "Budi",
        "budi@example.test",
    )


def test_confidential_report_of_a_signed_in_reporter_has_a_secret(submit, make_user):
    citizen = make_user(Role.CITIZEN, None, username="warga")
    complaint, secret = submit(actor=citizen, privacy=Privacy.CONFIDENTIAL)
    assert services.complaint_secret_matches(complaint=complaint, secret=secret) is True


def test_anonymous_needs_no_contact(submit, mailoutbox):
    complaint, secret = submit(privacy=Privacy.ANONYMOUS, reporter_name="", reporter_email="")
    assert (complaint.privacy, complaint.reporter_name, len(secret)) == ("anonymous", "", 20)
    assert mailoutbox == []


def test_script_tags_are_stored_as_typed(submit):
    text = '<script>alert("x")</script> Jalan & jembatan'
    submit(description=text)
    assert Complaint.objects.get().description == text


def test_description_of_exactly_5000_characters_is_accepted(submit):
    submit(description="a" * 5000)
    assert len(Complaint.objects.get().description) == 5000


def test_late_filing_is_flagged_not_refused(submit, clock):
    clock.set(2026, 3, 6, 10, 0)
    submit(service_date=date(2026, 2, 4))  # 30 days before: on time
    submit(service_date=date(2026, 2, 3))  # 31 days before: late
    assert list(Complaint.objects.order_by("id").values_list("is_late_filing", flat=True)) == [False, True]


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"description": "   "}, "description", "Describe what happened."),
        ({"description": "a" * 5001}, "description", "The description is at most 5000 characters long."),
        ({"latitude": "0.7"}, "longitude", "Give both latitude and longitude, or neither."),
        ({"longitude": "127.5"}, "latitude", "Give both latitude and longitude, or neither."),
        ({"latitude": "-6.2", "longitude": "106.8"}, "latitude", "The location is outside the province."),
        ({"latitude": "127.5", "longitude": "0.7"}, "latitude", "The location is outside the province."),
        ({"latitude": "abc", "longitude": "127.5"}, "latitude", "Enter a number."),
        ({"latitude": "NaN", "longitude": "127.5"}, "latitude", "Enter a number."),
        ({"latitude": "0.7", "longitude": "Infinity"}, "longitude", "Enter a number."),
        ({"latitude": "1e400", "longitude": "127.5"}, "latitude", "Enter a number."),
        (
            {"service_date": date(2026, 3, 7)},
            "service_date",
            "The date of the service cannot be in the future.",
        ),
        (
            {"reporter_email": "", "reporter_phone": ""},
            "reporter_email",
            "Give an email address or a phone number, or report anonymously.",
        ),
        ({"reporter_name": ""}, "reporter_name", "Give your name, or report anonymously."),
        ({"reporter_email": "bukan-email"}, "reporter_email", "Enter a valid email address."),
        ({"kind": "gossip"}, "kind", "Choose a kind of report."),
        ({"privacy": "secret"}, "privacy", "Choose a privacy setting."),
        ({"category": None}, "category", "Choose an active category."),
    ],
)
def test_bad_input_names_the_field_and_writes_nothing(submit, clock, overrides, field, message):
    clock.set(2026, 3, 6, 10, 0)
    with pytest.raises(ValidationError) as caught:
        submit(**overrides)
    assert caught.value.message_dict == {field: [message]}
    assert_nothing_written()


def test_inactive_category_refused(submit):
    inactive = ComplaintCategoryFactory(code="OLD", is_active=False)
    with pytest.raises(ValidationError) as caught:
        submit(category=inactive)
    assert caught.value.message_dict == {"category": ["Choose an active category."]}
    assert_nothing_written()


def test_province_bounds_setting_overrides_the_default(submit, settings):
    settings.PENATA_PROVINCE_BOUNDS = {"lat_min": 0.0}
    with pytest.raises(ValidationError) as caught:
        submit(latitude="-1.5", longitude="127.5")
    assert caught.value.message_dict == {"latitude": ["The location is outside the province."]}
    assert_nothing_written()


def test_tracking_code_collision_is_retried_in_a_savepoint(submit, monkeypatch):
    first, _ = submit()
    codes = iter([first.tracking_code, first.tracking_code, "LPR-7K3M-Q9XA"])
    monkeypatch.setattr(intake, "tracking_code_generate", lambda: next(codes))
    second, _ = submit()
    assert second.tracking_code == "LPR-7K3M-Q9XA"
    assert Complaint.objects.count() == 2
    assert AuditEvent.objects.filter(action="complaint.submitted").count() == 2


# --- permissions ------------------------------------------------------------------------


def test_only_a_verifier_dispatches(submit, officer_a, agency_a):
    complaint, _ = submit()
    with pytest.raises(PermissionDenied) as caught:
        services.complaint_dispatch(complaint=complaint, agency=agency_a, actor=officer_a)
    assert (caught.value.status_code, str(caught.value.message)) == (
        403,
        "Only a complaint verifier can do this.",
    )
    complaint.refresh_from_db()
    assert (complaint.status, complaint.agency) == ("submitted", None)
    assert AuditEvent.objects.filter(action="complaint.dispatch").count() == 0


def test_officer_of_another_agency_cannot_answer_or_be_assigned(
    submit, verifier, officer_a, officer_b, agency_a
):
    complaint, _ = submit()
    services.complaint_dispatch(complaint=complaint, agency=agency_a, actor=verifier)
    with pytest.raises(PermissionDenied):
        services.complaint_answer(complaint=complaint, answer="Bukan urusan kami.", actor=officer_b)
    with pytest.raises(PermissionDenied) as caught:
        services.complaint_assign(complaint=complaint, officer=officer_b, actor=officer_a)
    assert str(caught.value.message) == "The officer does not work for the responsible agency."
    complaint.refresh_from_db()
    assert (complaint.status, complaint.answer, complaint.assigned_to) == ("dispatched", "", None)
    assert list(AuditEvent.objects.order_by("id").values_list("action", flat=True)) == [
        "complaint.submitted",
        "complaint.dispatch",
    ]


def test_officer_of_a_parent_agency_may_answer_for_a_sub_agency(submit, verifier, make_user):
    parent = AgencyFactory(code="DINKES")
    hospital = AgencyFactory(code="RSUD", parent=parent)
    officer = make_user(Role.COMPLAINT_OFFICER, parent, username="dinkes")
    complaint, _ = submit()
    services.complaint_dispatch(complaint=complaint, agency=hospital, actor=verifier)
    complaint = services.complaint_answer(complaint=complaint, answer="Dokter sudah ditambah.", actor=officer)
    assert complaint.status == "answered"


def test_only_the_reporter_accepts(submit, verifier, officer_a, agency_a):
    complaint, _secret = submit()
    services.complaint_dispatch(complaint=complaint, agency=agency_a, actor=verifier)
    services.complaint_answer(complaint=complaint, answer="Sudah.", actor=officer_a)
    with pytest.raises(PermissionDenied):
        services.complaint_accept(complaint=complaint, secret="WRONGSECRET")
    with pytest.raises(PermissionDenied):
        services.complaint_accept(complaint=complaint, actor=officer_a)
    complaint.refresh_from_db()
    assert complaint.status == "answered"
    assert AuditEvent.objects.filter(action="complaint.accept").count() == 0


def test_refer_needs_a_reason_and_another_agency(submit, verifier, officer_a, agency_a):
    complaint, _ = submit()
    services.complaint_dispatch(complaint=complaint, agency=agency_a, actor=verifier)
    with pytest.raises(ValidationError) as caught:
        services.complaint_refer(complaint=complaint, agency=agency_a, actor=officer_a, reason="x")
    assert caught.value.message_dict == {"agency": ["Choose another agency."]}
    with pytest.raises(ValidationError) as caught:
        services.complaint_refer(complaint=complaint, agency=agency_a, actor=officer_a, reason=" ")
    assert caught.value.message_dict == {"reason": ["Give a reason."]}
    assert AuditEvent.objects.filter(action="complaint.refer").count() == 0


# --- privacy ----------------------------------------------------------------------------


def test_privacy_tightens_but_never_loosens(submit, verifier):
    complaint, _ = submit()
    complaint = services.complaint_privacy_tighten(
        complaint=complaint, privacy=Privacy.ANONYMOUS, actor=verifier
    )
    complaint = services.complaint_privacy_tighten(
        complaint=complaint, privacy=Privacy.CONFIDENTIAL, actor=verifier
    )
    for looser in (Privacy.PUBLIC, Privacy.ANONYMOUS, Privacy.CONFIDENTIAL):
        with pytest.raises(ValidationError) as caught:
            services.complaint_privacy_tighten(complaint=complaint, privacy=looser, actor=verifier)
        assert caught.value.message_dict == {"privacy": ["Privacy can only be tightened, never loosened."]}
    assert Complaint.objects.get().privacy == "confidential"
    assert list(
        AuditEvent.objects.filter(action="complaint.privacy_tightened")
        .order_by("id")
        .values_list("from_state", "to_state")
    ) == [
        ({"privacy": "public"}, {"privacy": "anonymous"}),
        ({"privacy": "anonymous"}, {"privacy": "confidential"}),
    ]


def test_only_a_verifier_tightens_privacy(submit, officer_a):
    complaint, _ = submit()
    with pytest.raises(PermissionDenied):
        services.complaint_privacy_tighten(complaint=complaint, privacy=Privacy.ANONYMOUS, actor=officer_a)
    assert Complaint.objects.get().privacy == "public"


# --- selectors --------------------------------------------------------------------------


def test_visibility_per_role(make_user, agency_a, agency_b, verifier, officer_a, django_assert_num_queries):
    sub = AgencyFactory(code="DINA-SUB", parent=agency_a)
    citizen = make_user(Role.CITIZEN, None, username="warga")
    mine = ComplaintFactory(agency=None, reporter=citizen)
    in_a = ComplaintFactory(agency=agency_a)
    in_sub = ComplaintFactory(agency=sub)
    in_b = ComplaintFactory(agency=agency_b)
    admin_b = make_user(Role.AGENCY_ADMIN, agency_b, username="admin_b")
    leader = make_user(Role.LEADER, agency_b, username="leader")
    employee = make_user(Role.EMPLOYEE, agency_b, username="pegawai")

    def visible(user):
        return sorted(c.pk for c in complaint_list_visible_to(user=user))

    assert visible(verifier) == sorted([mine.pk, in_a.pk, in_sub.pk, in_b.pk])
    assert visible(leader) == sorted([mine.pk, in_a.pk, in_sub.pk, in_b.pk])
    assert visible(officer_a) == sorted([in_a.pk, in_sub.pk])
    assert visible(admin_b) == [in_b.pk]
    assert visible(citizen) == [mine.pk]
    assert visible(employee) == []
    with django_assert_num_queries(1):
        rows = [
            (c.category.name, c.agency and c.agency.code) for c in complaint_list_visible_to(user=verifier)
        ]
    assert len(rows) == 4
