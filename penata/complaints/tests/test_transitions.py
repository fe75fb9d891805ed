"""The lifecycle as a full table of (from, action, allowed) rows, then the happy paths with
their exact deadlines on the 2026 calendar.

2026 dates used (WIT): Fri 6 March; Wed 18–Tue 24 March closed (Nyepi 18–19, Idul Fitri
cuti bersama 20, 23, 24, weekend 21–22); Fri 3 April Good Friday.
"""

from datetime import datetime, time

import pytest

from penata.accounts.models import Role
from penata.complaints import services
from penata.complaints.models import TRANSITIONS, Complaint, ComplaintAction, ComplaintStatus, Step
from penata.core.errors import InvalidTransition
from penata.core.events import events_for
from penata.core.models import AuditEvent
from penata.core.workdays import WIT

from .factories import ComplaintFactory

pytestmark = pytest.mark.django_db

S, A = ComplaintStatus, ComplaintAction

EXPECTED = {
    (S.SUBMITTED, A.DISPATCH): S.DISPATCHED,
    (S.SUBMITTED, A.REQUEST_INFO): S.NEEDS_INFO,
    (S.SUBMITTED, A.DECLINE_NOT_AUTHORITY): S.NOT_AUTHORITY,
    (S.SUBMITTED, A.ARCHIVE): S.ARCHIVED,
    (S.NEEDS_INFO, A.SUPPLEMENT): S.SUBMITTED,
    (S.NEEDS_INFO, A.ARCHIVE): S.ARCHIVED,
    (S.DISPATCHED, A.ASSIGN): S.DISPATCHED,
    (S.DISPATCHED, A.ANSWER): S.ANSWERED,
    (S.DISPATCHED, A.REFER): S.DISPATCHED,
    (S.ANSWERED, A.ACCEPT): S.FINISHED,
    (S.ANSWERED, A.CLOSE_RESPONSE_WINDOW): S.FINISHED,
    (S.ANSWERED, A.REOPEN): S.DISPATCHED,
}

ROWS = [(status, action, (status, action) in EXPECTED) for status in S.values for action in A.values]


def end_of(year, month, day):
    return datetime.combine(datetime(year, month, day).date(), time.max, tzinfo=WIT)


def test_table_is_exactly_the_expected_one():
    assert TRANSITIONS == EXPECTED
    assert len(ROWS) == 77
    assert sum(allowed for _, _, allowed in ROWS) == 12


@pytest.fixture
def people(make_user, agency_a, agency_b, verifier, officer_a):
    return {
        "verifier": verifier,
        "officer": officer_a,
        "reporter": make_user(Role.CITIZEN, None, username="warga"),
        "agency_a": agency_a,
        "agency_b": agency_b,
    }


def report_in(status, people):
    fields = {"status": status, "agency": people["agency_a"], "reporter": people["reporter"]}
    if status == S.ANSWERED:
        fields.update(
            answer="Sudah diperbaiki.",
            answered_at=datetime(2026, 2, 2, 9, tzinfo=WIT),
            step=Step.RESPONSE,
            step_started_at=datetime(2026, 2, 2, 9, tzinfo=WIT),
            step_due_at=end_of(2026, 2, 16),
        )
    return ComplaintFactory(**fields)


def perform(action, complaint, people):
    reporter, verifier, officer = people["reporter"], people["verifier"], people["officer"]
    calls = {
        A.DISPATCH: lambda: services.complaint_dispatch(
            complaint=complaint, agency=people["agency_b"], actor=verifier
        ),
        A.REQUEST_INFO: lambda: services.complaint_request_info(
            complaint=complaint, actor=verifier, question="Di ruas jalan mana?"
        ),
        A.SUPPLEMENT: lambda: services.complaint_supplement(
            complaint=complaint, actor=reporter, information="Jalan Trans Halmahera km 3."
        ),
        A.DECLINE_NOT_AUTHORITY: lambda: services.complaint_decline_not_authority(
            complaint=complaint, actor=verifier, reason="Jalan nasional."
        ),
        A.ARCHIVE: lambda: services.complaint_archive(
            complaint=complaint, actor=verifier, reason="Duplikat."
        ),
        A.ASSIGN: lambda: services.complaint_assign(complaint=complaint, officer=officer, actor=verifier),
        A.ANSWER: lambda: services.complaint_answer(
            complaint=complaint, answer="Sudah ditambal.", actor=officer
        ),
        A.REFER: lambda: services.complaint_refer(
            complaint=complaint, agency=people["agency_b"], actor=officer, reason="Bukan bidang kami."
        ),
        A.ACCEPT: lambda: services.complaint_accept(complaint=complaint, actor=reporter),
        A.REOPEN: lambda: services.complaint_reopen(
            complaint=complaint, actor=reporter, reason="Belum beres."
        ),
        A.CLOSE_RESPONSE_WINDOW: lambda: services.complaint_close_response_window(complaint=complaint),
    }
    return calls[action]()


@pytest.mark.parametrize(("status", "action", "allowed"), ROWS, ids=[f"{s}-{a}" for s, a, _ in ROWS])
def test_transition_table(
    status, action, allowed, people, clock, mailoutbox, django_capture_on_commit_callbacks
):
    complaint = report_in(status, people)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        if allowed:
            result = perform(action, complaint, people)
        else:
            with pytest.raises(InvalidTransition) as caught:
                perform(action, complaint, people)
    complaint.refresh_from_db()
    events = list(events_for(subject=complaint).values_list("action", "from_state", "to_state"))
    if allowed:
        to = EXPECTED[(status, action)]
        assert result.status == complaint.status == to
        assert [(e[0], e[1], e[2]["status"]) for e in events] == [
            (f"complaint.{action}", {"status": status}, to)
        ]
        assert len(mailoutbox) == (1 if to != status else 0)
        assert len(callbacks) == (1 if to != status else 0)
    else:
        assert caught.value.status_code == 409
        assert caught.value.code == "invalid_transition"
        assert str(caught.value.message) == (
            f"A report that is “{S(status).label}” cannot be given the action “{A(action).label}”."
        )
        assert complaint.status == status
        assert events == []
        assert AuditEvent.objects.count() == 0
        assert mailoutbox == []


def test_friday_report_through_to_finished(
    submit, clock, people, mailoutbox, django_capture_on_commit_callbacks
):
    verifier, officer = people["verifier"], people["officer"]
    clock.set(2026, 3, 6, 10, 0)  # Friday
    with django_capture_on_commit_callbacks(execute=True):
        complaint, _secret = submit()
    assert (complaint.status, complaint.step) == (S.SUBMITTED, Step.VERIFICATION)
    assert complaint.step_started_at == datetime(2026, 3, 6, 10, 0, tzinfo=WIT)
    assert complaint.step_due_at == end_of(2026, 3, 11)  # Mon 1, Tue 2, Wed 3

    clock.set(2026, 3, 10, 9, 0)
    with django_capture_on_commit_callbacks(execute=True):
        complaint = services.complaint_dispatch(
            complaint=complaint, agency=people["agency_a"], actor=verifier
        )
    assert (complaint.status, complaint.step, complaint.agency) == (
        S.DISPATCHED,
        Step.FOLLOW_UP,
        people["agency_a"],
    )
    assert complaint.step_due_at == end_of(2026, 3, 17)  # Wed 11 … Tue 17

    clock.set(2026, 3, 16, 14, 0)
    with django_capture_on_commit_callbacks(execute=True):
        complaint = services.complaint_answer(complaint=complaint, answer="Sudah ditambal.", actor=officer)
    assert (complaint.status, complaint.step) == (S.ANSWERED, Step.RESPONSE)
    assert complaint.answered_at == datetime(2026, 3, 16, 14, 0, tzinfo=WIT)
    # Tue 17 (1); 18–24 March closed; 25, 26, 27, 30, 31 March, 1, 2 April (2–8); 3 April
    # Good Friday; Mon 6 (9), Tue 7 April (10).
    assert complaint.step_due_at == end_of(2026, 4, 7)

    clock.set(2026, 4, 7, 23, 0)
    with pytest.raises(InvalidTransition) as caught:
        services.complaint_close_response_window(complaint=complaint)
    assert caught.value.code == "response_window_open"
    clock.set(2026, 4, 8, 0, 0, 1)
    with django_capture_on_commit_callbacks(execute=True):
        complaint = services.complaint_close_response_window(complaint=complaint, actor=None)
    assert (complaint.status, complaint.step, complaint.step_due_at) == (S.FINISHED, "", None)
    assert complaint.closed_at == datetime(2026, 4, 8, 0, 0, 1, tzinfo=WIT)
    assert list(events_for(subject=complaint).order_by("id").values_list("action", "actor_id")) == [
        ("complaint.submitted", None),
        ("complaint.dispatch", verifier.pk),
        ("complaint.answer", officer.pk),
        ("complaint.close_response_window", None),
    ]
    assert [m.subject for m in mailoutbox] == [
        f"Your report {complaint.tracking_code}: Submitted",
        f"Your report {complaint.tracking_code}: Dispatched to an agency",
        f"Your report {complaint.tracking_code}: Answered",
        f"Your report {complaint.tracking_code}: Finished",
    ]
    assert {tuple(m.to) for m in mailoutbox} == {("siti@example.test",)}


def test_submission_before_idul_fitri_is_due_after_the_holidays(submit, clock):
    clock.set(2026, 3, 17, 15, 30)  # Tuesday; 18–24 March closed
    complaint, _secret = submit()
    assert complaint.step_due_at == end_of(2026, 3, 27)  # Wed 25, Thu 26, Fri 27


def test_request_info_stops_the_clock_and_supplement_restarts_verification(submit, clock, people):
    clock.set(2026, 3, 6, 10, 0)
    complaint, secret = submit()
    clock.set(2026, 3, 9, 8, 0)
    complaint = services.complaint_request_info(
        complaint=complaint, actor=people["verifier"], question="Di ruas jalan mana?"
    )
    assert (complaint.status, complaint.step, complaint.step_due_at) == (S.NEEDS_INFO, "", None)
    clock.set(2026, 3, 12, 8, 0)
    complaint = services.complaint_supplement(
        complaint=complaint, information="Km 3 arah Payahe.", secret=secret
    )
    assert (complaint.status, complaint.step) == (S.SUBMITTED, Step.VERIFICATION)
    assert complaint.step_due_at == end_of(2026, 3, 17)  # Fri 13, Mon 16, Tue 17
    assert complaint.additional_information == "Km 3 arah Payahe."
    assert complaint.description == "Jalan di Sofifi berlubang besar."


def test_refer_keeps_history_and_restarts_follow_up_across_the_holidays(submit, clock, people):
    complaint, _ = submit()
    clock.set(2026, 3, 10, 9, 0)
    complaint = services.complaint_dispatch(
        complaint=complaint, agency=people["agency_a"], actor=people["verifier"]
    )
    complaint = services.complaint_assign(
        complaint=complaint, officer=people["officer"], actor=people["officer"]
    )
    clock.set(2026, 3, 12, 11, 0)
    complaint = services.complaint_refer(
        complaint=complaint, agency=people["agency_b"], actor=people["officer"], reason="Urusan Dinas B."
    )
    assert (complaint.status, complaint.agency, complaint.assigned_to) == (
        S.DISPATCHED,
        people["agency_b"],
        None,
    )
    # Fri 13, Mon 16, Tue 17 (1–3); 18–24 closed; Wed 25 (4), Thu 26 (5).
    assert complaint.step_due_at == end_of(2026, 3, 26)
    refer = AuditEvent.objects.get(action="complaint.refer")
    assert (refer.from_state, refer.to_state, refer.note) == (
        {"status": "dispatched"},
        {"status": "dispatched", "agency": "DINB", "previous_agency": "DINA"},
        "Urusan Dinas B.",
    )


def test_reopen_once_with_a_new_follow_up_deadline(submit, clock, people):
    complaint, secret = submit()
    complaint = services.complaint_dispatch(
        complaint=complaint, agency=people["agency_a"], actor=people["verifier"]
    )
    clock.set(2026, 3, 16, 14, 0)
    complaint = services.complaint_answer(complaint=complaint, answer="Sudah.", actor=people["officer"])
    clock.set(2026, 3, 17, 9, 0)
    complaint = services.complaint_reopen(complaint=complaint, reason="Belum ditambal.", secret=secret)
    assert (complaint.status, complaint.reopen_count, complaint.step) == (S.DISPATCHED, 1, Step.FOLLOW_UP)
    assert complaint.step_due_at == end_of(2026, 3, 31)  # Wed 25 … Tue 31
    complaint = services.complaint_answer(
        complaint=complaint, answer="Sudah ditambal.", actor=people["officer"]
    )
    events_before = AuditEvent.objects.count()
    with pytest.raises(InvalidTransition) as caught:
        services.complaint_reopen(complaint=complaint, reason="Masih.", secret=secret)
    assert (caught.value.code, str(caught.value.message)) == (
        "reopened_already",
        "A report can be reopened only once.",
    )
    complaint.refresh_from_db()
    assert (complaint.status, complaint.reopen_count) == (S.ANSWERED, 1)
    assert AuditEvent.objects.count() == events_before


def test_accept_finishes(submit, people):
    complaint, secret = submit()
    complaint = services.complaint_dispatch(
        complaint=complaint, agency=people["agency_a"], actor=people["verifier"]
    )
    complaint = services.complaint_answer(complaint=complaint, answer="Sudah.", actor=people["officer"])
    complaint = services.complaint_accept(complaint=complaint, secret=secret)
    assert (Complaint.objects.get().status, complaint.step_due_at) == (S.FINISHED, None)
