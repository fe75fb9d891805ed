"""The officers' and verifiers' pages: who sees what, filters, badges, the report page
with its actions, identity, notes, attachments, bulk actions and response templates."""

import io
from datetime import datetime, time, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from penata.accounts.models import Role
from penata.complaints import services
from penata.complaints.models import (
    Complaint,
    ComplaintAttachment,
    ComplaintNote,
    ResponseTemplate,
    Step,
)
from penata.complaints.reporter_access import UNLOCKED_COOKIE, unlocked_cookie_write
from penata.complaints.routing.classifier import Suggestion
from penata.complaints.selectors_inbox import deadline_badges
from penata.complaints.services import routing as routing_service
from penata.core.errors import InvalidTransition
from penata.core.models import AuditEvent
from penata.core.workdays import WIT
from penata.organization.tests.factories import AgencyFactory

from .factories import ComplaintCategoryFactory, ComplaintFactory

pytestmark = pytest.mark.django_db

INBOX = reverse("complaints:inbox")


def detail_url(complaint):
    return reverse("complaints:inbox_detail", kwargs={"code": complaint.tracking_code})


def action_url(complaint, action):
    return reverse("complaints:inbox_action", kwargs={"code": complaint.tracking_code, "action": action})


def png_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (20, 120, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


def end_of(day):
    return datetime.combine(day, time.max, tzinfo=WIT)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture(autouse=True)
def english_pages(client, settings):
    # Pages are Indonesian unless the language cookie says otherwise.
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


@pytest.fixture(autouse=True)
def no_routing_model(monkeypatch):
    # The routing model is not part of these tests; a test that wants suggestions sets its own.
    monkeypatch.setattr(routing_service, "route_suggestions", lambda *, description, top=3: [])


@pytest.fixture
def people(make_user, agency_a, agency_b, verifier, officer_a, officer_b, province_admin, agency_admin_a):
    return {
        "anonymous": None,
        "citizen": make_user(Role.CITIZEN, None, username="warga"),
        "employee": make_user(Role.EMPLOYEE, agency_a, username="pegawai"),
        "leader": make_user(Role.LEADER, agency_a, username="pimpinan"),
        "training_manager": make_user(Role.TRAINING_MANAGER, agency_a, username="bpsdm"),
        "officer_a": officer_a,
        "officer_b": officer_b,
        "agency_admin_a": agency_admin_a,
        "agency_admin_b": make_user(Role.AGENCY_ADMIN, agency_b, username="admin_b"),
        "verifier": verifier,
        "province_admin": province_admin,
    }


@pytest.fixture
def report_a(submit, verifier, agency_a, people):
    complaint, _secret = submit(actor=people["citizen"])
    return services.complaint_dispatch(complaint=complaint, agency=agency_a, actor=verifier)


# --- who gets in --------------------------------------------------------------------------

ACCESS = [
    # role, inbox, report of agency A
    ("anonymous", 302, 302),
    ("citizen", 403, 403),
    ("employee", 403, 403),
    ("leader", 403, 403),
    ("training_manager", 403, 403),
    ("officer_a", 200, 200),
    ("agency_admin_a", 200, 200),
    ("officer_b", 200, 404),
    ("agency_admin_b", 200, 404),
    ("verifier", 200, 200),
    ("province_admin", 200, 200),
]


@pytest.mark.parametrize(("role", "inbox_status", "detail_status"), ACCESS)
def test_access_per_role(client, people, report_a, role, inbox_status, detail_status):
    if people[role] is not None:
        client.force_login(people[role])
    assert client.get(INBOX).status_code == inbox_status
    assert client.get(detail_url(report_a)).status_code == detail_status


def test_the_reporter_does_not_get_the_staff_page_of_their_own_report(client, people, report_a):
    assert report_a.reporter == people["citizen"]
    client.force_login(people["citizen"])
    assert client.get(detail_url(report_a)).status_code == 403
    assert (
        client.post(reverse("complaints:inbox_note", kwargs={"code": report_a.tracking_code}), {}).status_code
        == 403
    )


def test_officer_sees_their_agencys_reports_and_sub_agencies_only(client, officer_a, agency_a, agency_b):
    sub = AgencyFactory(code="DINA-RS", parent=agency_a)
    mine = ComplaintFactory(agency=agency_a, status="dispatched")
    in_sub = ComplaintFactory(agency=sub, status="dispatched")
    ComplaintFactory(agency=agency_b, status="dispatched")
    ComplaintFactory(agency=None)
    client.force_login(officer_a)
    response = client.get(INBOX)
    assert sorted(c.pk for c in response.context["page"].object_list) == sorted([mine.pk, in_sub.pk])


def test_unknown_code_is_404(client, officer_a):
    client.force_login(officer_a)
    assert client.get(reverse("complaints:inbox_detail", kwargs={"code": "LPR-XXXX-XXXX"})).status_code == 404


# --- list: default, filters, sorting, badges, queries ---------------------------------------


def codes(response):
    return [c.tracking_code for c in response.context["page"].object_list]


def test_verifier_starts_on_reports_awaiting_verification(client, verifier, agency_a):
    waiting = ComplaintFactory(status="submitted")
    ComplaintFactory(status="dispatched", agency=agency_a)
    client.force_login(verifier)
    response = client.get(INBOX)
    assert codes(response) == [waiting.tracking_code]
    assert response.context["form"]["status"].value() == "submitted"
    # "All statuses" is an explicit empty choice.
    assert len(codes(client.get(INBOX, {"status": ""}))) == 2


def test_list_is_sorted_by_the_current_deadline_none_last(client, province_admin):
    now = timezone.now()
    later = ComplaintFactory(step=Step.VERIFICATION, step_started_at=now, step_due_at=now + timedelta(days=9))
    none = ComplaintFactory(status="archived")
    sooner = ComplaintFactory(
        step=Step.VERIFICATION, step_started_at=now, step_due_at=now + timedelta(days=2)
    )
    overdue = ComplaintFactory(
        step=Step.VERIFICATION, step_started_at=now, step_due_at=now - timedelta(days=2)
    )
    client.force_login(province_admin)
    assert codes(client.get(INBOX)) == [c.tracking_code for c in (overdue, sooner, later, none)]


@pytest.fixture
def mix(agency_a, agency_b, officer_a):
    now = timezone.now()
    road = ComplaintCategoryFactory(code="JALAN", name="Jalan")
    water = ComplaintCategoryFactory(code="AIR", name="Air")
    step = {"step": Step.FOLLOW_UP, "step_started_at": now - timedelta(days=20)}
    return {
        "late_mine": ComplaintFactory(
            category=road,
            agency=agency_a,
            status="dispatched",
            assigned_to=officer_a,
            step_due_at=now - timedelta(days=3),
            **step,
        ),
        "open_unassigned": ComplaintFactory(
            category=water, agency=agency_a, status="dispatched", step_due_at=now + timedelta(days=5), **step
        ),
        "answered": ComplaintFactory(
            category=road,
            agency=agency_a,
            status="answered",
            answer="Sudah.",
            answered_at=now,
            assigned_to=officer_a,
            step=Step.RESPONSE,
            step_started_at=now,
            step_due_at=now + timedelta(days=14),
        ),
        "closed": ComplaintFactory(category=water, agency=agency_a, status="finished"),
        "other_agency": ComplaintFactory(
            category=road, agency=agency_b, status="dispatched", step_due_at=now - timedelta(days=1), **step
        ),
    }


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, ["late_mine", "open_unassigned", "answered", "closed"]),
        ({"status": "dispatched"}, ["late_mine", "open_unassigned"]),
        ({"status": "open"}, ["late_mine", "open_unassigned", "answered"]),
        ({"category": "AIR"}, ["open_unassigned", "closed"]),
        ({"overdue": "on"}, ["late_mine"]),
        ({"assigned": "me"}, ["late_mine", "answered"]),
        ({"assigned": "none"}, ["open_unassigned", "closed"]),
        ({"status": "open", "category": "JALAN", "assigned": "me"}, ["late_mine", "answered"]),
    ],
)
def test_officer_filters(client, officer_a, mix, params, expected):
    client.force_login(officer_a)
    assert codes(client.get(INBOX, params)) == [mix[name].tracking_code for name in expected]


def test_search_by_tracking_code_whole_or_in_part(client, officer_a, mix):
    client.force_login(officer_a)
    code = mix["open_unassigned"].tracking_code
    assert codes(client.get(INBOX, {"q": code.lower().replace("-", " ")})) == [code]
    assert codes(client.get(INBOX, {"q": code[4:8].lower()})) == [code]
    # Another agency's report is not found by its code either.
    assert codes(client.get(INBOX, {"q": mix["other_agency"].tracking_code})) == []


def test_agency_filter_for_province_wide_roles_only(client, verifier, officer_a, mix):
    client.force_login(verifier)
    response = client.get(INBOX, {"status": "", "agency": "DINB"})
    assert codes(response) == [mix["other_agency"].tracking_code]
    client.force_login(officer_a)
    response = client.get(INBOX, {"agency": "DINB"})
    assert "agency" not in response.context["form"].fields
    assert len(codes(response)) == 4


def test_badges_in_the_list(client, officer_a, mix):
    client.force_login(officer_a)
    response = client.get(INBOX)
    rows = {c.tracking_code: c.badge for c in response.context["page"].object_list}
    assert rows[mix["late_mine"].tracking_code].level == "overdue"
    assert rows[mix["open_unassigned"].tracking_code].level in {"ok", "soon"}
    assert rows[mix["closed"].tracking_code] is None
    html = response.content.decode()
    # Three badges, each twice: in its column and, for phones, under the report.
    assert html.count('data-testid="deadline-badge"') == 6
    assert 'data-level="overdue"' in html


@pytest.mark.parametrize("count", [3, 12])
def test_inbox_query_count_does_not_grow(client, officer_a, agency_a, django_assert_num_queries, count):
    now = timezone.now()
    for number in range(count):
        ComplaintFactory(
            agency=agency_a,
            status="dispatched",
            assigned_to=officer_a if number % 2 else None,
            step=Step.FOLLOW_UP,
            step_started_at=now,
            step_due_at=now + timedelta(days=number - 4),
        )
    client.force_login(officer_a)
    # session, user, the agency tree (scope), count, page, calendar overrides, the user's
    # agency (page title), category choices, bulk officers, bulk templates
    with django_assert_num_queries(10):
        response = client.get(INBOX)
    assert len(response.context["page"].object_list) == count


@pytest.mark.parametrize("count", [3, 12])
def test_htmx_results_query_count_does_not_grow(client, verifier, django_assert_num_queries, count):
    now = timezone.now()
    for number in range(count):
        ComplaintFactory(
            status="submitted",
            step=Step.VERIFICATION,
            step_started_at=now,
            step_due_at=now + timedelta(days=number - 4),
        )
    client.force_login(verifier)
    # session, user, count, page, calendar overrides: the filter choices are not rendered
    with django_assert_num_queries(5):
        response = client.get(INBOX, {"status": "submitted"}, headers={"HX-Request": "true"})
    assert response.templates[0].name == "complaints/inbox/_results.html"
    assert len(response.context["page"].object_list) == count


def test_list_is_paginated_by_25(client, province_admin):
    for _ in range(27):
        ComplaintFactory()
    client.force_login(province_admin)
    response = client.get(INBOX)
    assert (len(response.context["page"].object_list), response.context["page"].paginator.count) == (25, 27)
    assert len(client.get(INBOX, {"page": 2}).context["page"].object_list) == 2


# --- badges on the 2026 calendar (Nyepi and Idul Fitri 18–24 March closed) -----------------


@pytest.mark.parametrize(
    ("due", "level", "days", "label"),
    [
        (datetime(2026, 3, 2).date(), "overdue", 4, "4 working days overdue"),
        (datetime(2026, 3, 5).date(), "overdue", 1, "1 working day overdue"),
        (datetime(2026, 3, 6).date(), "soon", 0, "Due today"),
        (datetime(2026, 3, 9).date(), "soon", 1, "Due next working day"),
        (datetime(2026, 3, 10).date(), "ok", 2, "2 working days left"),
        (datetime(2026, 3, 25).date(), "ok", 8, "8 working days left"),
    ],
)
def test_badge_counts_working_days(due, level, days, label):
    complaint = ComplaintFactory(step=Step.FOLLOW_UP, step_started_at=end_of(due), step_due_at=end_of(due))
    badge = deadline_badges([complaint], now=datetime(2026, 3, 6, 10, tzinfo=WIT))[complaint.pk]
    assert (badge.level, badge.days, badge.label) == (level, days, label)


def test_badge_the_weekend_after_a_friday_deadline_is_overdue_by_no_working_day():
    due = datetime(2026, 3, 6).date()
    complaint = ComplaintFactory(step=Step.FOLLOW_UP, step_started_at=end_of(due), step_due_at=end_of(due))
    badge = deadline_badges([complaint], now=datetime(2026, 3, 7, 10, tzinfo=WIT))[complaint.pk]
    assert (badge.level, badge.days, badge.label) == ("overdue", 0, "Overdue")


def test_no_badge_without_a_running_clock(django_assert_num_queries):
    closed = ComplaintFactory(status="finished")
    waiting = ComplaintFactory(status="needs_info")
    with django_assert_num_queries(0):
        assert deadline_badges([closed, waiting]) == {}


# --- the report page ------------------------------------------------------------------------


def test_report_page_shows_the_report_files_history_and_notes(
    client, submit, verifier, officer_a, agency_a, clock
):
    clock.set(2026, 3, 6, 10)
    complaint, _secret = submit(
        kecamatan="Oba Utara",
        kelurahan="Guraping",
        address="Jl. Trans Halmahera",
        service_date=datetime(2026, 1, 2).date(),
        attachments=[SimpleUploadedFile("jalan.png", png_bytes(), "image/png")],
    )
    complaint = services.complaint_dispatch(complaint=complaint, agency=agency_a, actor=verifier)
    services.complaint_note_add(complaint=complaint, author=officer_a, text="Koordinasi dengan UPT.")
    client.force_login(officer_a)
    response = client.get(detail_url(complaint))
    html = response.content.decode()
    assert "Jalan di Sofifi berlubang besar." in html
    assert "Jl. Trans Halmahera, Guraping, Kecamatan Oba Utara" in html
    assert 'data-testid="late-filing"' in html
    assert [a.original_name for a in response.context["report_files"]] == ["jalan.png"]
    assert [row["event"].action for row in response.context["history"]] == [
        "complaint.submitted",
        "complaint.attachments_added",
        "complaint.dispatch",
        "complaint.note_added",
    ]
    assert [n.text for n in response.context["notes"]] == ["Koordinasi dengan UPT."]
    assert response.context["actions"] == ["assign", "answer", "refer"]
    assert "Siti Rahma" in html and "siti@example.test" in html


def test_script_in_a_description_is_shown_escaped(client, submit, verifier):
    complaint, _secret = submit(description="<script>alert(1)</script> jalan rusak")
    client.force_login(verifier)
    html = client.get(detail_url(complaint)).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; jalan rusak" in html


def test_verifier_actions_and_suggestions(client, submit, verifier, agency_a, agency_b, monkeypatch):
    ComplaintCategoryFactory(code="AIR", name="Air bersih")
    complaint, _secret = submit()
    calls = []

    def suggest(*, description, top=3):
        calls.append(description)
        return [
            Suggestion("JALAN", "DINB", 0.81),
            Suggestion("AIR", "DINA", 0.12),
            Suggestion("AIR", None, 0.04),
            Suggestion("JALAN", "DINA", 0.03),
        ]

    monkeypatch.setattr(routing_service, "route_suggestions", suggest)
    client.force_login(verifier)
    response = client.get(detail_url(complaint))
    assert calls == ["Jalan di Sofifi berlubang besar."]
    assert response.context["actions"] == [
        "dispatch",
        "request_info",
        "decline_not_authority",
        "archive",
        "privacy",
    ]
    rows = [
        (s["agency"] and s["agency"].code, s["category_code"], s["percent"])
        for s in response.context["suggestions"]
    ]
    assert rows == [("DINB", "JALAN", 81), ("DINA", "AIR", 12), (None, "AIR", 4)]
    dispatch = next(p for p in response.context["panels"] if p["name"] == "dispatch")
    assert dispatch["form"].initial == {"agency": "DINB"}
    assert dispatch["open"] is True
    assert "81%" in response.content.decode()


def test_a_failing_routing_model_shows_no_suggestions(client, submit, verifier, monkeypatch):
    complaint, _secret = submit()

    def broken(*, description, top=3):
        raise RuntimeError("model file missing")

    monkeypatch.setattr(routing_service, "route_suggestions", broken)
    client.force_login(verifier)
    response = client.get(detail_url(complaint))
    assert response.status_code == 200
    assert response.context["suggestions"] == []
    assert 'data-testid="no-suggestions"' in response.content.decode()


def test_verifier_dispatches(client, submit, verifier, agency_b):
    complaint, _secret = submit()
    client.force_login(verifier)
    response = client.post(action_url(complaint, "dispatch"), {"dispatch-agency": "DINB"})
    assert response.status_code == 302
    assert response.url == detail_url(complaint)
    complaint.refresh_from_db()
    assert (complaint.status, complaint.agency) == ("dispatched", agency_b)


@pytest.mark.parametrize(
    ("action", "data", "status"),
    [
        ("request_info", {"request_info-question": "Di kelurahan mana?"}, "needs_info"),
        ("decline_not_authority", {"decline_not_authority-reason": "Jalan nasional."}, "not_authority"),
        ("archive", {"archive-reason": "Duplikat."}, "archived"),
    ],
)
def test_verifier_other_actions(client, submit, verifier, action, data, status):
    complaint, _secret = submit()
    client.force_login(verifier)
    assert client.post(action_url(complaint, action), data).status_code == 302
    assert Complaint.objects.get().status == status


def test_verifier_tightens_privacy(client, submit, verifier):
    complaint, _secret = submit()
    client.force_login(verifier)
    form = next(p for p in client.get(detail_url(complaint)).context["panels"] if p["name"] == "privacy")[
        "form"
    ]
    assert [value for value, _label in form.fields["privacy"].choices] == ["anonymous", "confidential"]
    client.post(action_url(complaint, "privacy"), {"privacy-privacy": "confidential"})
    assert Complaint.objects.get().privacy == "confidential"


def test_missing_reason_is_shown_next_to_the_field_and_nothing_is_written(client, submit, verifier):
    complaint, _secret = submit()
    before = AuditEvent.objects.count()
    client.force_login(verifier)
    response = client.post(action_url(complaint, "archive"), {"archive-reason": ""})
    assert response.status_code == 200
    panel = next(p for p in response.context["panels"] if p["name"] == "archive")
    assert panel["open"] is True
    assert panel["form"].errors == {"reason": ["This field is required."]}
    assert 'data-testid="error-reason"' in response.content.decode()
    assert (Complaint.objects.get().status, AuditEvent.objects.count()) == ("submitted", before)


def test_an_action_not_allowed_for_the_role_or_status_is_refused(client, report_a, officer_a, verifier):
    before = AuditEvent.objects.count()
    client.force_login(officer_a)
    response = client.post(action_url(report_a, "archive"), {"archive-reason": "x"}, follow=True)
    assert [str(m) for m in response.context["messages"]] == [
        "This action is not possible for this report now."
    ]
    client.force_login(verifier)
    client.post(action_url(report_a, "dispatch"), {"dispatch-agency": "DINB"})
    assert (Complaint.objects.get().agency.code, AuditEvent.objects.count()) == ("DINA", before)
    assert client.post(action_url(report_a, "explode"), {}).status_code == 404


def test_invalid_transition_from_the_service_is_a_message(client, submit, verifier, monkeypatch):
    from penata.complaints import views_detail

    complaint, _secret = submit()

    def raced(**kwargs):
        raise InvalidTransition("A report that is “Archived” cannot be given the action “dispatch”.")

    monkeypatch.setattr(views_detail, "complaint_dispatch", raced)
    client.force_login(verifier)
    response = client.post(action_url(complaint, "dispatch"), {"dispatch-agency": "DINA"}, follow=True)
    assert response.redirect_chain == [(detail_url(complaint), 302)]
    assert [str(m) for m in response.context["messages"]] == [
        "A report that is “Archived” cannot be given the action “dispatch”."
    ]
    assert Complaint.objects.get().status == "submitted"


def test_officer_assigns_answers_from_a_template_with_a_file(
    client, report_a, officer_a, agency_a, make_user, media
):
    colleague = make_user(Role.COMPLAINT_OFFICER, agency_a, username="rekan", full_name="Rekan Kerja")
    make_user(Role.COMPLAINT_OFFICER, AgencyFactory(code="LAIN"), username="lain")
    template = services.response_template_create(
        agency=agency_a, title="Perbaikan", body="Jalan sudah kami tambal.", actor=officer_a
    )
    client.force_login(officer_a)
    page = client.get(detail_url(report_a))
    assign = next(p for p in page.context["panels"] if p["name"] == "assign")["form"]
    assert sorted(u.username for u in assign.fields["officer"].queryset) == ["admin_a", "officer_a", "rekan"]
    assert page.context["template_bodies"] == {str(template.pk): "Jalan sudah kami tambal."}
    assert 'id="response-templates"' in page.content.decode()
    client.post(action_url(report_a, "assign"), {"assign-officer": colleague.pk})
    assert Complaint.objects.get().assigned_to == colleague
    response = client.post(
        action_url(report_a, "answer"),
        {
            "answer-template": template.pk,
            "answer-answer": "Jalan sudah kami tambal.",
            "answer-attachments": [SimpleUploadedFile("hasil.png", png_bytes(), "image/png")],
        },
    )
    assert response.status_code == 302
    complaint = Complaint.objects.get()
    assert (complaint.status, complaint.answer) == ("answered", "Jalan sudah kami tambal.")
    assert list(ComplaintAttachment.objects.values_list("kind", "original_name")) == [("answer", "hasil.png")]
    page = client.get(detail_url(report_a))
    assert [a.original_name for a in page.context["answer_files"]] == ["hasil.png"]
    assert page.context["actions"] == []


def test_answer_with_a_bad_file_shows_the_error_and_writes_nothing(client, report_a, officer_a, media):
    before = AuditEvent.objects.count()
    client.force_login(officer_a)
    response = client.post(
        action_url(report_a, "answer"),
        {
            "answer-answer": "Jawaban",
            "answer-attachments": [SimpleUploadedFile("foto.jpg", b"MZ" + b"\x00" * 64, "image/jpeg")],
        },
    )
    assert response.status_code == 200
    form = next(p for p in response.context["panels"] if p["name"] == "answer")["form"]
    assert form.errors == {"attachments": ["foto.jpg is not a photo (JPEG, PNG, WebP) or a PDF document."]}
    assert (Complaint.objects.get().status, ComplaintAttachment.objects.count()) == ("dispatched", 0)
    assert AuditEvent.objects.count() == before
    assert [p for p in media.rglob("*") if p.is_file()] == []


def test_refer_takes_the_report_out_of_the_officers_inbox(client, report_a, officer_a, agency_b):
    client.force_login(officer_a)
    response = client.post(
        action_url(report_a, "refer"), {"refer-agency": "DINB", "refer-reason": "Bukan kami."}
    )
    assert response.url == INBOX
    assert Complaint.objects.get().agency == agency_b
    assert client.get(detail_url(report_a)).status_code == 404


# --- notes ----------------------------------------------------------------------------------


def test_officer_adds_a_note(client, report_a, officer_a):
    client.force_login(officer_a)
    url = reverse("complaints:inbox_note", kwargs={"code": report_a.tracking_code})
    response = client.post(url, {"note-text": "Sudah ditelepon."}, follow=True)
    assert [str(m) for m in response.context["messages"]] == ["The note is added."]
    assert list(ComplaintNote.objects.values_list("text", "author__username")) == [
        ("Sudah ditelepon.", "officer_a")
    ]


def test_empty_note_is_refused_next_to_the_field(client, report_a, officer_a):
    client.force_login(officer_a)
    url = reverse("complaints:inbox_note", kwargs={"code": report_a.tracking_code})
    response = client.post(url, {"note-text": "  "})
    assert response.context["note_form"].errors == {"text": ["This field is required."]}
    assert ComplaintNote.objects.count() == 0


def test_officer_of_another_agency_cannot_add_a_note(client, report_a, officer_b):
    client.force_login(officer_b)
    url = reverse("complaints:inbox_note", kwargs={"code": report_a.tracking_code})
    assert client.post(url, {"note-text": "Halo"}).status_code == 404
    assert ComplaintNote.objects.count() == 0


# --- the reporter's identity ----------------------------------------------------------------


@pytest.fixture
def confidential(submit, verifier, agency_a, people):
    complaint, _secret = submit(
        actor=people["citizen"], privacy="confidential", reporter_name="Rahasia Orang"
    )
    return services.complaint_dispatch(complaint=complaint, agency=agency_a, actor=verifier)


def test_officer_sees_confidential_and_no_button(client, confidential, officer_a):
    client.force_login(officer_a)
    html = client.get(detail_url(confidential)).content.decode()
    assert 'data-testid="confidential"' in html
    assert 'data-testid="show-identity"' not in html
    assert "Rahasia Orang" not in html
    assert "warga" not in html
    url = reverse("complaints:inbox_identity", kwargs={"code": confidential.tracking_code})
    response = client.post(url, follow=True)
    assert [str(m) for m in response.context["messages"]] == [
        "Only a complaint verifier can see a confidential reporter's identity."
    ]
    assert "Rahasia Orang" not in response.content.decode()
    assert AuditEvent.objects.filter(action="complaint.identity_viewed").count() == 0


def test_history_shows_the_reporter_not_their_account(client, confidential, officer_a, people):
    client.force_login(officer_a)
    history = client.get(detail_url(confidential)).context["history"]
    assert history[0]["actor"] == "The reporter"
    assert people["citizen"].full_name not in client.get(detail_url(confidential)).content.decode()


def test_verifier_reveals_the_identity_and_each_view_is_logged(client, confidential, verifier):
    client.force_login(verifier)
    page = client.get(detail_url(confidential)).content.decode()
    assert 'data-testid="show-identity"' in page
    assert "Rahasia Orang" not in page
    url = reverse("complaints:inbox_identity", kwargs={"code": confidential.tracking_code})
    for _ in range(2):
        response = client.post(url)
        assert response.status_code == 200
        assert response["Cache-Control"] == "no-store"
        html = response.content.decode()
        assert "Rahasia Orang" in html and "siti@example.test" in html
    views = AuditEvent.objects.filter(action="complaint.identity_viewed")
    assert [(e.actor, e.subject_id) for e in views] == [(verifier, str(confidential.pk))] * 2


def test_province_admin_sees_confidential_without_button(client, confidential, province_admin):
    client.force_login(province_admin)
    html = client.get(detail_url(confidential)).content.decode()
    assert 'data-testid="confidential"' in html and 'data-testid="show-identity"' not in html


def test_anonymous_report_shows_no_identity(client, submit, verifier):
    complaint, _secret = submit(privacy="anonymous", reporter_name="", reporter_email="")
    client.force_login(verifier)
    response = client.get(detail_url(complaint))
    assert response.context["identity"] is None
    assert 'data-testid="anonymous"' in response.content.decode()


# --- attachments ----------------------------------------------------------------------------


@pytest.fixture
def files(submit, verifier, agency_a, people):
    pdf = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
    complaint, _secret = submit(
        actor=people["citizen"],
        attachments=[
            SimpleUploadedFile("foto.png", png_bytes(), "image/png"),
            SimpleUploadedFile("surat.pdf", pdf, "application/pdf"),
        ],
    )
    services.complaint_dispatch(complaint=complaint, agency=agency_a, actor=verifier)
    image, document = ComplaintAttachment.objects.order_by("id")
    return {"complaint": complaint, "image": image, "pdf": document}


def attachment_url(attachment):
    return reverse("complaints:attachment", kwargs={"pk": attachment.pk})


def test_attachment_for_staff_in_scope_with_safe_headers(client, files, officer_a):
    client.force_login(officer_a)
    image = client.get(attachment_url(files["image"]))
    assert image.status_code == 200
    assert (image["Content-Type"], image["X-Content-Type-Options"]) == ("image/png", "nosniff")
    assert image["Content-Disposition"] == 'inline; filename="foto.png"'
    assert b"".join(image.streaming_content) == png_bytes()
    pdf = client.get(attachment_url(files["pdf"]))
    assert (pdf["Content-Type"], pdf["Content-Disposition"]) == (
        "application/pdf",
        'attachment; filename="surat.pdf"',
    )


@pytest.mark.parametrize(("role", "status"), [("officer_b", 404), ("employee", 404), ("verifier", 200)])
def test_attachment_per_role(client, files, people, role, status):
    client.force_login(people[role])
    assert client.get(attachment_url(files["image"])).status_code == status


def test_attachment_for_the_reporter_and_the_unlocked_browser(client, files, people):
    assert client.get(attachment_url(files["image"])).status_code == 404
    # The cookie the track page sets once the secret was given.
    response = HttpResponse()
    unlocked_cookie_write(response, [files["complaint"].tracking_code])
    client.cookies[UNLOCKED_COOKIE] = response.cookies[UNLOCKED_COOKIE].value
    assert client.get(attachment_url(files["image"])).status_code == 200
    client.logout()
    client.force_login(people["citizen"])
    assert client.get(attachment_url(files["pdf"])).status_code == 200
    assert client.get(reverse("complaints:attachment", kwargs={"pk": 999999})).status_code == 404


# --- bulk -----------------------------------------------------------------------------------


def test_bulk_assign_from_the_inbox(client, submit, verifier, agency_a, officer_a, clock):
    reports = []
    for _ in range(2):
        complaint, _secret = submit()
        reports.append(services.complaint_dispatch(complaint=complaint, agency=agency_a, actor=verifier))
    client.force_login(officer_a)
    response = client.post(
        reverse("complaints:inbox_bulk"),
        {
            "codes": [c.tracking_code for c in reports],
            "bulk-action": "assign",
            "bulk-officer": officer_a.pk,
            "next": INBOX + "?status=dispatched",
        },
        follow=True,
    )
    assert response.redirect_chain == [(INBOX + "?status=dispatched", 302)]
    assert [str(m) for m in response.context["messages"]] == ["2 reports were changed."]
    assert Complaint.objects.filter(assigned_to=officer_a).count() == 2
    assert AuditEvent.objects.filter(action="complaint.assign").count() == 2


def test_bulk_over_100_is_refused_by_the_server(client, officer_a, agency_a):
    reports = [ComplaintFactory(agency=agency_a, status="dispatched") for _ in range(101)]
    client.force_login(officer_a)
    response = client.post(
        reverse("complaints:inbox_bulk"),
        {"codes": [c.tracking_code for c in reports], "bulk-action": "assign", "bulk-officer": officer_a.pk},
        follow=True,
    )
    assert [str(m) for m in response.context["messages"]] == [
        "At most 100 reports can be changed at once; 101 were chosen."
    ]
    assert (Complaint.objects.filter(assigned_to__isnull=False).count(), AuditEvent.objects.count()) == (0, 0)


def test_bulk_with_a_report_outside_the_scope_is_404(client, officer_a, agency_a, agency_b):
    mine = ComplaintFactory(agency=agency_a, status="dispatched")
    theirs = ComplaintFactory(agency=agency_b, status="dispatched")
    client.force_login(officer_a)
    response = client.post(
        reverse("complaints:inbox_bulk"),
        {
            "codes": [mine.tracking_code, theirs.tracking_code],
            "bulk-action": "assign",
            "bulk-officer": officer_a.pk,
        },
    )
    assert response.status_code == 404
    assert Complaint.objects.filter(assigned_to__isnull=False).count() == 0


def test_bulk_failure_names_the_reports_and_changes_nothing(client, submit, officer_a, verifier, agency_a):
    done, _secret = submit()
    done = services.complaint_dispatch(complaint=done, agency=agency_a, actor=verifier)
    answered = ComplaintFactory(
        agency=agency_a, status="answered", answer="Sudah.", answered_at=timezone.now()
    )
    client.force_login(officer_a)
    response = client.post(
        reverse("complaints:inbox_bulk"),
        {
            "codes": [done.tracking_code, answered.tracking_code],
            "bulk-action": "answer",
            "bulk-text": "Jawaban",
        },
        follow=True,
    )
    (message,) = [str(m) for m in response.context["messages"]]
    assert message.startswith("Nothing was changed: 1 of the 2 reports cannot take this action.")
    assert answered.tracking_code in message
    assert Complaint.objects.get(pk=done.pk).status == "dispatched"


def test_bulk_action_the_role_may_not_take_is_refused(client, officer_a, agency_a):
    report = ComplaintFactory(agency=agency_a, status="dispatched")
    client.force_login(officer_a)
    response = client.post(
        reverse("complaints:inbox_bulk"),
        {"codes": [report.tracking_code], "bulk-action": "archive", "bulk-reason": "x"},
        follow=True,
    )
    assert [str(m) for m in response.context["messages"]] == [
        "Action: Select a valid choice. archive is not one of the available choices."
    ]
    assert Complaint.objects.get().status == "dispatched"


# --- response templates ---------------------------------------------------------------------

TEMPLATES = reverse("complaints:templates")


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("citizen", 403),
        ("employee", 403),
        ("verifier", 403),
        ("officer_a", 200),
        ("agency_admin_a", 200),
        ("province_admin", 200),
    ],
)
def test_templates_page_access(client, people, role, status):
    client.force_login(people[role])
    assert client.get(TEMPLATES).status_code == status


def test_templates_per_agency(client, officer_a, officer_b, province_admin, agency_a, agency_b):
    mine = services.response_template_create(agency=agency_a, title="A", body="a", actor=officer_a)
    theirs = services.response_template_create(agency=agency_b, title="B", body="b", actor=officer_b)
    client.force_login(officer_a)
    assert list(client.get(TEMPLATES).context["page"].object_list) == [mine]
    assert client.get(reverse("complaints:template_edit", kwargs={"pk": theirs.pk})).status_code == 404
    client.force_login(province_admin)
    assert list(client.get(TEMPLATES).context["page"].object_list) == [mine, theirs]
    assert list(client.get(TEMPLATES, {"agency": "DINB"}).context["page"].object_list) == [theirs]


def test_officer_creates_edits_and_deactivates_a_template(client, officer_a, agency_a):
    client.force_login(officer_a)
    response = client.post(
        reverse("complaints:template_create"),
        {"agency": "DINA", "title": "Terima kasih", "body": "Terima kasih."},
    )
    assert response.url == TEMPLATES
    template = ResponseTemplate.objects.get()
    duplicate = client.post(
        reverse("complaints:template_create"), {"agency": "DINA", "title": "terima kasih", "body": "Lain."}
    )
    assert duplicate.context["form"].errors == {
        "title": ["The agency already has a template with this title."]
    }
    client.post(
        reverse("complaints:template_edit", kwargs={"pk": template.pk}),
        {"title": "Terima kasih", "body": "Terima kasih banyak.", "is_active": "on"},
    )
    client.post(reverse("complaints:template_active", kwargs={"pk": template.pk}), {"active": "0"})
    template.refresh_from_db()
    assert (template.body, template.is_active) == ("Terima kasih banyak.", False)
    assert ResponseTemplate.objects.count() == 1


def test_officer_cannot_create_a_template_for_another_agency(client, officer_a):
    client.force_login(officer_a)
    response = client.post(
        reverse("complaints:template_create"), {"agency": "DINB", "title": "T", "body": "B"}
    )
    assert response.context["form"].errors == {
        "agency": ["Select a valid choice. That choice is not one of the available choices."]
    }
    assert ResponseTemplate.objects.count() == 0


def test_nav_has_the_inbox_for_inbox_roles(client, people):
    for role, expected in [("officer_a", True), ("verifier", True), ("citizen", False), ("leader", False)]:
        client.force_login(people[role])
        html = client.get(reverse("insights:home")).content.decode()
        assert ('data-testid="nav-complaints-inbox"' in html) is expected, role


@pytest.mark.parametrize("notes", [1, 6])
def test_report_page_query_count_does_not_grow_with_history(
    client, report_a, officer_a, agency_a, make_user, django_assert_num_queries, notes
):
    colleague = make_user(Role.COMPLAINT_OFFICER, agency_a, username="rekan")
    for number in range(notes):
        author = officer_a if number % 2 else colleague
        services.complaint_note_add(complaint=report_a, author=author, text=f"Catatan {number}")
    services.complaint_assign(complaint=report_a, officer=colleague, actor=officer_a)
    client.force_login(officer_a)
    # 14: the required officer select reads its options once (it was twice: once to
    # decide on the "required" attribute, once to render).
    with django_assert_num_queries(14):
        response = client.get(detail_url(report_a))
    assert len(response.context["history"]) == 3 + notes
    assert len(response.context["notes"]) == notes
