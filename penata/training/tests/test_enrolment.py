"""Enrolment services: the workflow table, who may do what, bad input that writes
nothing, seats and the waiting list, attendance and the end of a session.

Session under test: Mon 2 – Wed 4 March 2026, two seats, 80% attendance to complete. The
clock stands on Fri 27 February 2026, before it; attendance and the end of the session are
tested on its last day (``last_day``).
"""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from penata.accounts.models import Role
from penata.core.errors import InvalidTransition, PermissionDenied
from penata.core.models import AuditEvent
from penata.training.models import (
    Attendance,
    Enrolment,
    EnrolmentStatus,
    JpLedgerEntry,
    LedgerSource,
    SessionStatus,
    TrainingSession,
)
from penata.training.services.enrolment import (
    AlreadyEnrolled,
    AttendanceRefused,
    EmployeeNotActive,
    FinishRefused,
    OverlappingSession,
    SessionNotOpen,
    SessionUnderWay,
    attendance_record,
    attendance_record_day,
    enrolment_approve,
    enrolment_complete,
    enrolment_confirm,
    enrolment_nominate,
    enrolment_reject,
    enrolment_request,
    enrolment_waitlist,
    enrolment_withdraw,
    enrolments_cancel_for_session,
    session_enrolments_finish,
    session_finish,
    session_waitlist_promote,
    waitlist_fill,
)
from penata.workforce.models import EmployeeStatus
from penata.workforce.tests.factories import EmployeeFactory

from .clock import set_today_fixture  # noqa: F401
from .enrolment_world import at_wit, confirmed_in, enrolment_events, snapshot, world_fixture  # noqa: F401
from .factories import EnrolmentFactory, TrainingSessionFactory

pytestmark = pytest.mark.django_db

S = EnrolmentStatus
MARCH = [date(2026, 3, 2), date(2026, 3, 3), date(2026, 3, 4)]
BEFORE = date(2026, 2, 27)


@pytest.fixture(autouse=True)
def before_the_session(set_today):
    set_today(BEFORE)


@pytest.fixture
def last_day(set_today):
    set_today(MARCH[2])


def make_enrolment(world, status: str, employee=None) -> Enrolment:
    employee = employee or world.ani
    if status == S.CONFIRMED:
        return confirmed_in(world.session, employee)
    extra = {"waitlisted_at": timezone.now()} if status == S.WAITLISTED else {}
    return EnrolmentFactory(session=world.session, employee=employee, status=status, **extra)


def attend(enrolment: Enrolment, *days_present: date, absent=()) -> None:
    for day in days_present:
        Attendance.objects.create(enrolment=enrolment, date=day, present=True)
    for day in absent:
        Attendance.objects.create(enrolment=enrolment, date=day, present=False)


# --- the workflow table ------------------------------------------------------------------------

ACTIONS = {
    "approve": lambda w, e: enrolment_approve(enrolment=e, actor=w.admin_a),
    "reject": lambda w, e: enrolment_reject(enrolment=e, actor=w.admin_a, reason="Beban kerja unit tinggi."),
    "confirm": lambda w, e: enrolment_confirm(enrolment=e, actor=w.manager),
    "waitlist": lambda w, e: enrolment_waitlist(enrolment=e, actor=w.manager),
    "withdraw": lambda w, e: enrolment_withdraw(enrolment=e, actor=w.ani_user),
    "complete": lambda w, e: enrolment_complete(enrolment=e, actor=w.manager),
}

# (from status, action) → status after; every pair not listed is refused.
ALLOWED = {
    (S.PENDING_APPROVAL, "approve"): S.APPROVED,
    (S.PENDING_APPROVAL, "reject"): S.REJECTED,
    (S.PENDING_APPROVAL, "withdraw"): S.WITHDRAWN,
    (S.APPROVED, "confirm"): S.CONFIRMED,
    (S.APPROVED, "waitlist"): S.WAITLISTED,
    (S.APPROVED, "reject"): S.REJECTED,
    (S.APPROVED, "withdraw"): S.WITHDRAWN,
    (S.WAITLISTED, "reject"): S.REJECTED,
    (S.WAITLISTED, "withdraw"): S.WITHDRAWN,
    (S.CONFIRMED, "withdraw"): S.WITHDRAWN,
    (S.CONFIRMED, "complete"): S.COMPLETED,
}
WORKFLOW = [(status, action, ALLOWED.get((status, action))) for status in S.values for action in ACTIONS]
# Events named after what happened: a completion with full attendance is "complete".
EVENT_OF = {"complete": "complete"}


@pytest.mark.parametrize(("status", "action", "after"), WORKFLOW, ids=[f"{s}-{a}" for s, a, _ in WORKFLOW])
def test_workflow(world, set_today, status, action, after):
    if action == "complete":
        set_today(MARCH[2])
    enrolment = make_enrolment(world, status)
    attend(enrolment, *MARCH)
    seats_before = world.session.seats_taken
    before = snapshot()
    if after is None:
        with pytest.raises(InvalidTransition):
            ACTIONS[action](world, enrolment)
        assert snapshot() == before
        return
    ACTIONS[action](world, enrolment)
    enrolment.refresh_from_db()
    assert enrolment.status == after
    assert enrolment_events() == [(EVENT_OF.get(action, action), enrolment.pk, status, after)]
    world.session.refresh_from_db()
    seat_change = {"confirm": 1}.get(action, -1 if (status, action) == (S.CONFIRMED, "withdraw") else 0)
    assert world.session.seats_taken == seats_before + seat_change


@pytest.mark.parametrize("status", S.values)
def test_cancel_with_the_session_cancels_only_active_enrolments(world, status):
    enrolment = make_enrolment(world, status)
    active = status in (S.PENDING_APPROVAL, S.APPROVED, S.CONFIRMED, S.WAITLISTED)
    count = enrolments_cancel_for_session(session=world.session, actor=world.manager)
    enrolment.refresh_from_db()
    world.session.refresh_from_db()
    assert count == (1 if active else 0)
    assert enrolment.status == (S.CANCELLED if active else status)
    assert enrolment_events() == ([("cancel", enrolment.pk, status, S.CANCELLED)] if active else [])
    assert world.session.seats_taken == 0


def test_every_transition_records_actor_time_from_and_to(world):
    enrolment = enrolment_request(
        session=world.session, employee=world.ani, actor=world.ani_user, motivation=" "
    )
    enrolment_approve(enrolment=enrolment, actor=world.admin_a)
    enrolment_confirm(enrolment=enrolment, actor=world.manager)
    events = AuditEvent.objects.filter(
        subject_type="training.enrolment", subject_id=str(enrolment.pk)
    ).order_by("id")
    assert [(e.action, e.actor_id, e.from_state, e.to_state) for e in events] == [
        (
            "training.enrolment.request",
            world.ani_user.pk,
            None,
            {"status": "pending_approval", "session": "PLT-DIG-01-2026-01"},
        ),
        (
            "training.enrolment.approve",
            world.admin_a.pk,
            {"status": "pending_approval"},
            {"status": "approved"},
        ),
        (
            "training.enrolment.confirm",
            world.manager.pk,
            {"status": "approved"},
            {"status": "confirmed", "seats_taken": 1},
        ),
    ]
    assert all(e.created_at is not None for e in events)
    enrolment.refresh_from_db()
    assert (enrolment.requested_by_id, enrolment.motivation, enrolment.nominated) == (
        world.ani_user.pk,
        "",
        False,
    )


def test_nomination_is_approved_at_once(world):
    enrolment = enrolment_nominate(session=world.session, employee=world.budi, actor=world.admin_a)
    assert (enrolment.status, enrolment.nominated, enrolment.requested_by_id) == (
        S.APPROVED,
        True,
        world.admin_a.pk,
    )
    assert enrolment_events() == [("nominate", enrolment.pk, None, S.APPROVED)]


# --- who may do what ----------------------------------------------------------------------------

WHO = {
    "self": lambda w: w.ani_user,
    "colleague": lambda w: w.budi_user,
    "agency_admin": lambda w: w.admin_a,
    "other_agency_admin": lambda w: w.admin_b,
    "manager": lambda w: w.manager,
    "province_admin": lambda w: w.province_admin,
    "leader": lambda w: w.leader,
}
PERMISSIONS = [
    # (who, action, allowed) — the enrolment is Ani's (agency A)
    ("self", "request", True),
    ("colleague", "request", False),
    ("agency_admin", "request", False),
    ("manager", "request", True),
    ("leader", "request", False),
    ("self", "nominate", False),
    ("agency_admin", "nominate", True),
    ("other_agency_admin", "nominate", False),
    ("manager", "nominate", True),
    ("province_admin", "nominate", True),
    ("leader", "nominate", False),
    ("self", "approve", False),
    ("agency_admin", "approve", True),
    ("other_agency_admin", "approve", False),
    ("manager", "approve", True),
    ("leader", "approve", False),
    ("self", "reject", False),
    ("agency_admin", "reject", True),
    ("other_agency_admin", "reject", False),
    ("manager", "reject", True),
    ("agency_admin", "confirm", False),
    ("self", "confirm", False),
    ("manager", "confirm", True),
    ("province_admin", "confirm", True),
    ("leader", "confirm", False),
    ("self", "withdraw", True),
    ("colleague", "withdraw", False),
    ("agency_admin", "withdraw", True),
    ("other_agency_admin", "withdraw", False),
    ("manager", "withdraw", True),
    ("leader", "withdraw", False),
    ("agency_admin", "attendance", False),
    ("self", "attendance", False),
    ("manager", "attendance", True),
    ("agency_admin", "finish", False),
    ("manager", "finish", True),
    ("agency_admin", "cancel", False),
    ("manager", "cancel", True),
]
START_STATUS = {
    "request": None,
    "nominate": None,
    "approve": S.PENDING_APPROVAL,
    "reject": S.PENDING_APPROVAL,
    "confirm": S.APPROVED,
    "withdraw": S.PENDING_APPROVAL,
    "attendance": S.CONFIRMED,
    "finish": S.CONFIRMED,
    "cancel": S.APPROVED,
}


def run_as(world, actor, action, enrolment):
    calls = {
        "request": lambda: enrolment_request(session=world.session, employee=world.ani, actor=actor),
        "nominate": lambda: enrolment_nominate(session=world.session, employee=world.ani, actor=actor),
        "approve": lambda: enrolment_approve(enrolment=enrolment, actor=actor),
        "reject": lambda: enrolment_reject(enrolment=enrolment, actor=actor, reason="Tidak relevan."),
        "confirm": lambda: enrolment_confirm(enrolment=enrolment, actor=actor),
        "withdraw": lambda: enrolment_withdraw(enrolment=enrolment, actor=actor),
        "attendance": lambda: attendance_record(
            enrolment=enrolment, date=MARCH[0], present=True, actor=actor
        ),
        "finish": lambda: session_enrolments_finish(session=world.session, actor=actor),
        "cancel": lambda: enrolments_cancel_for_session(session=world.session, actor=actor),
    }
    return calls[action]()


@pytest.mark.parametrize(("who", "action", "allowed"), PERMISSIONS)
def test_permissions(world, set_today, who, action, allowed):
    if action in ("attendance", "finish"):
        set_today(MARCH[2])
    start = START_STATUS[action]
    enrolment = make_enrolment(world, start) if start else None
    actor = WHO[who](world)
    before = snapshot()
    if allowed:
        run_as(world, actor, action, enrolment)
        assert snapshot() != before
    else:
        with pytest.raises(PermissionDenied):
            run_as(world, actor, action, enrolment)
        assert snapshot() == before


# --- bad input writes nothing -------------------------------------------------------------------


def long(day: date) -> str:
    return date_format(day, "j F Y")


@pytest.mark.parametrize("status", [EmployeeStatus.RETIRED, EmployeeStatus.ON_LEAVE])
def test_an_employee_who_is_not_active_cannot_be_enrolled(world, status):
    world.ani.status = status
    world.ani.save()
    before = snapshot()
    for call in (
        lambda: enrolment_request(session=world.session, employee=world.ani, actor=world.ani_user),
        lambda: enrolment_nominate(session=world.session, employee=world.ani, actor=world.admin_a),
    ):
        with pytest.raises(EmployeeNotActive) as refused:
            call()
        message = _(
            "%(name)s (NIP %(nip)s) cannot be enrolled: their status is “%(status)s”; "
            "only active employees take part in training."
        ) % {"name": "Ani Lestari", "nip": world.ani.nip, "status": status.label}
        assert str(refused.value.message) == message
        assert refused.value.fields == {"employee": message}
        assert snapshot() == before


def test_an_overlapping_session_is_refused_naming_it(world):
    other = TrainingSessionFactory(
        code="PLT-LAIN-2026",
        start_date=date(2026, 3, 4),
        end_date=date(2026, 3, 6),
        program__title="Etika ASN",
    )
    enrolment_request(session=other, employee=world.ani, actor=world.ani_user)
    before = snapshot()
    with pytest.raises(OverlappingSession) as refused:
        enrolment_request(session=world.session, employee=world.ani, actor=world.ani_user)
    message = _(
        "%(name)s is already enrolled in session %(code)s “%(title)s” (%(start)s – %(end)s), "
        "whose dates overlap with this session."
    ) % {
        "name": "Ani Lestari",
        "code": "PLT-LAIN-2026",
        "title": "Etika ASN",
        "start": long(date(2026, 3, 4)),
        "end": long(date(2026, 3, 6)),
    }
    assert str(refused.value.message) == message
    assert refused.value.fields == {"session": message}
    assert snapshot() == before


@pytest.mark.parametrize(
    ("status", "overlaps"),
    [
        (S.PENDING_APPROVAL, True),
        (S.WAITLISTED, True),
        (S.COMPLETED, True),
        (S.NO_SHOW, True),
        (S.WITHDRAWN, False),
        (S.REJECTED, False),
        (S.CANCELLED, False),
    ],
)
def test_which_other_enrolments_count_as_overlapping(world, status, overlaps):
    other = TrainingSessionFactory(code="PLT-LAIN", start_date=date(2026, 3, 1), end_date=date(2026, 3, 2))
    EnrolmentFactory(session=other, employee=world.ani, status=status)
    if overlaps:
        with pytest.raises(OverlappingSession):
            enrolment_request(session=world.session, employee=world.ani, actor=world.ani_user)
    else:
        enrolment = enrolment_request(session=world.session, employee=world.ani, actor=world.ani_user)
        assert enrolment.status == S.PENDING_APPROVAL


def test_a_session_on_the_next_day_does_not_overlap(world):
    later = TrainingSessionFactory(code="PLT-SESUDAH", start_date=date(2026, 3, 5), end_date=date(2026, 3, 5))
    enrolment_request(session=later, employee=world.ani, actor=world.ani_user)
    assert (
        enrolment_request(session=world.session, employee=world.ani, actor=world.ani_user).status
        == S.PENDING_APPROVAL
    )


def test_confirmation_rechecks_the_overlap_with_confirmed_seats(world):
    enrolment = make_enrolment(world, S.APPROVED)
    # Dates moved after the request: the other session now overlaps.
    other = TrainingSessionFactory(code="PLT-PINDAH", start_date=date(2026, 3, 3), end_date=date(2026, 3, 3))
    confirmed_in(other, world.ani)
    before = snapshot()
    with pytest.raises(OverlappingSession) as refused:
        enrolment_confirm(enrolment=enrolment, actor=world.manager)
    assert "PLT-PINDAH" in str(refused.value.message)
    assert snapshot() == before


def test_confirmation_refuses_an_employee_who_retired_since_the_approval(world):
    enrolment = make_enrolment(world, S.APPROVED)
    world.ani.status = EmployeeStatus.RETIRED
    world.ani.save()
    before = snapshot()
    with pytest.raises(EmployeeNotActive):
        enrolment_confirm(enrolment=enrolment, actor=world.manager)
    assert snapshot() == before


@pytest.mark.parametrize("status", [SessionStatus.PLANNED, SessionStatus.CLOSED, SessionStatus.CANCELLED])
def test_a_request_needs_an_open_session(world, status):
    TrainingSession.objects.filter(pk=world.session.pk).update(status=status)
    before = snapshot()
    with pytest.raises(SessionNotOpen):
        enrolment_request(session=world.session, employee=world.ani, actor=world.ani_user)
    assert snapshot() == before


def test_a_second_request_for_the_same_session_is_refused(world):
    enrolment_request(session=world.session, employee=world.ani, actor=world.ani_user)
    before = snapshot()
    with pytest.raises(AlreadyEnrolled) as refused:
        enrolment_request(session=world.session, employee=world.ani, actor=world.ani_user)
    assert str(refused.value.message) == _(
        "%(name)s is already enrolled in session %(code)s (%(status)s)."
    ) % {
        "name": "Ani Lestari",
        "code": "PLT-DIG-01-2026-01",
        "status": S.PENDING_APPROVAL.label,
    }
    assert snapshot() == before


def test_a_new_request_after_withdrawing_is_allowed(world):
    first = enrolment_request(session=world.session, employee=world.ani, actor=world.ani_user)
    enrolment_withdraw(enrolment=first, actor=world.ani_user)
    second = enrolment_request(session=world.session, employee=world.ani, actor=world.ani_user)
    assert (second.pk != first.pk, second.status) == (True, S.PENDING_APPROVAL)


def test_a_rejection_needs_a_reason(world):
    enrolment = make_enrolment(world, S.PENDING_APPROVAL)
    before = snapshot()
    with pytest.raises(ValidationError) as refused:
        enrolment_reject(enrolment=enrolment, actor=world.admin_a, reason="   ")
    assert refused.value.message_dict == {"reason": [_("Give a reason.")]}
    assert snapshot() == before


def test_the_rejection_reason_is_kept(world):
    enrolment = make_enrolment(world, S.PENDING_APPROVAL)
    enrolment_reject(enrolment=enrolment, actor=world.admin_a, reason="  Sudah mengikuti tahun lalu. ")
    enrolment.refresh_from_db()
    assert enrolment.decision_note == "Sudah mengikuti tahun lalu."
    assert AuditEvent.objects.get(action="training.enrolment.reject").note == "Sudah mengikuti tahun lalu."


def test_too_long_a_motivation_is_refused(world):
    before = snapshot()
    with pytest.raises(ValidationError) as refused:
        enrolment_request(
            session=world.session, employee=world.ani, actor=world.ani_user, motivation="x" * 2001
        )
    assert refused.value.message_dict == {
        "motivation": [_("Write at most %(count)d characters.") % {"count": 2000}]
    }
    assert snapshot() == before


# --- seats and the waiting list ------------------------------------------------------------------


def test_confirming_past_capacity_puts_on_the_waiting_list(world):
    confirmed_in(world.session, world.budi)
    confirmed_in(world.session, EmployeeFactory())
    enrolment = make_enrolment(world, S.APPROVED)
    enrolment_confirm(enrolment=enrolment, actor=world.manager)
    enrolment.refresh_from_db()
    world.session.refresh_from_db()
    assert enrolment.status == S.WAITLISTED
    assert enrolment.waitlisted_at is not None
    assert world.session.seats_taken == world.session.capacity == 2
    assert enrolment_events() == [("waitlist", enrolment.pk, S.APPROVED, S.WAITLISTED)]


def test_a_freed_seat_goes_to_the_first_on_the_waiting_list(world):
    TrainingSession.objects.filter(pk=world.session.pk).update(capacity=1)
    world.session.refresh_from_db()
    holder = confirmed_in(world.session, world.ani)
    early = timezone.now() - timedelta(hours=3)
    # Two joined at the same moment: the lower id goes first.
    second = EnrolmentFactory(session=world.session, status=S.WAITLISTED, waitlisted_at=early)
    first = EnrolmentFactory(
        session=world.session, status=S.WAITLISTED, waitlisted_at=early - timedelta(hours=1)
    )
    third = EnrolmentFactory(session=world.session, status=S.WAITLISTED, waitlisted_at=early)
    assert second.pk < third.pk

    enrolment_withdraw(enrolment=holder, actor=world.ani_user)
    statuses = dict(Enrolment.objects.values_list("pk", "status"))
    assert statuses == {
        holder.pk: S.WITHDRAWN,
        first.pk: S.CONFIRMED,
        second.pk: S.WAITLISTED,
        third.pk: S.WAITLISTED,
    }
    assert enrolment_events() == [
        ("withdraw", holder.pk, S.CONFIRMED, S.WITHDRAWN),
        ("promote", first.pk, S.WAITLISTED, S.CONFIRMED),
    ]
    world.session.refresh_from_db()
    assert world.session.seats_taken == 1

    # The next seat to free goes to the earlier of the two tied, by id.
    enrolment_withdraw(enrolment=Enrolment.objects.get(pk=first.pk), actor=world.manager)
    statuses = dict(Enrolment.objects.values_list("pk", "status"))
    assert (statuses[second.pk], statuses[third.pk]) == (S.CONFIRMED, S.WAITLISTED)


def test_promotion_skips_who_now_holds_an_overlapping_seat(world):
    TrainingSession.objects.filter(pk=world.session.pk).update(capacity=1)
    world.session.refresh_from_db()
    holder = confirmed_in(world.session, world.ani)
    first = EnrolmentFactory(
        session=world.session,
        employee=world.budi,
        status=S.WAITLISTED,
        waitlisted_at=at_wit(date(2026, 2, 1)),
    )
    next_in_line = EnrolmentFactory(
        session=world.session, status=S.WAITLISTED, waitlisted_at=at_wit(date(2026, 2, 2))
    )
    elsewhere = TrainingSessionFactory(
        code="PLT-LAIN", start_date=date(2026, 3, 2), end_date=date(2026, 3, 2)
    )
    confirmed_in(elsewhere, world.budi)

    enrolment_withdraw(enrolment=holder, actor=world.ani_user)
    first.refresh_from_db()
    next_in_line.refresh_from_db()
    assert (first.status, next_in_line.status) == (S.WAITLISTED, S.CONFIRMED)


def test_withdrawing_without_a_seat_promotes_nobody(world):
    TrainingSession.objects.filter(pk=world.session.pk).update(capacity=1)
    confirmed_in(world.session, world.budi)
    waiting = make_enrolment(world, S.WAITLISTED, employee=EmployeeFactory())
    enrolment = make_enrolment(world, S.APPROVED)
    enrolment_withdraw(enrolment=enrolment, actor=world.ani_user)
    waiting.refresh_from_db()
    assert waiting.status == S.WAITLISTED
    assert enrolment_events() == [("withdraw", enrolment.pk, S.APPROVED, S.WITHDRAWN)]


def test_free_seats_go_to_the_waiting_list_in_order_on_request(world):
    # After a capacity increase from 2 to 4, say.
    confirmed_in(world.session, world.ani)
    TrainingSession.objects.filter(pk=world.session.pk).update(capacity=3)
    waiting = [
        EnrolmentFactory(session=world.session, status=S.WAITLISTED, waitlisted_at=at_wit(date(2026, 2, day)))
        for day in (3, 1, 2)
    ]
    promoted = session_waitlist_promote(session=world.session, actor=world.manager)
    assert [e.pk for e in promoted] == [waiting[1].pk, waiting[2].pk]
    world.session.refresh_from_db()
    assert world.session.seats_taken == 3
    waiting[0].refresh_from_db()
    assert waiting[0].status == S.WAITLISTED


def test_cancelling_the_session_frees_every_seat(world):
    confirmed = confirmed_in(world.session, world.ani)
    pending = make_enrolment(world, S.PENDING_APPROVAL, employee=world.budi)
    withdrawn = make_enrolment(world, S.WITHDRAWN, employee=world.citra)
    assert enrolments_cancel_for_session(session=world.session, actor=world.manager, reason="Banjir") == 2
    world.session.refresh_from_db()
    assert world.session.seats_taken == 0
    assert dict(Enrolment.objects.values_list("pk", "status")) == {
        confirmed.pk: S.CANCELLED,
        pending.pk: S.CANCELLED,
        withdrawn.pk: S.WITHDRAWN,
    }


# --- attendance ---------------------------------------------------------------------------------


def test_attendance_is_one_row_per_day_updated_in_place(world, last_day):
    enrolment = make_enrolment(world, S.CONFIRMED)
    attendance_record(enrolment=enrolment, date=MARCH[0], present=True, actor=world.manager)
    attendance_record(enrolment=enrolment, date=MARCH[0], present=False, actor=world.manager)
    attendance_record(enrolment=enrolment, date=MARCH[0], present=False, actor=world.manager)
    assert list(Attendance.objects.values_list("enrolment_id", "date", "present", "recorded_by_id")) == [
        (enrolment.pk, MARCH[0], False, world.manager.pk)
    ]
    events = AuditEvent.objects.filter(action="training.enrolment.attendance").order_by("id")
    assert [(e.from_state, e.to_state) for e in events] == [
        (None, {"date": "2026-03-02", "present": True}),
        ({"date": "2026-03-02", "present": True}, {"date": "2026-03-02", "present": False}),
    ]


@pytest.mark.parametrize(
    "day",
    [
        date(2026, 3, 1),  # the day before
        date(2026, 3, 5),  # the day after
    ],
)
def test_attendance_for_a_day_outside_the_session_is_refused(world, last_day, day):
    enrolment = make_enrolment(world, S.CONFIRMED)
    before = snapshot()
    with pytest.raises(AttendanceRefused) as refused:
        attendance_record(enrolment=enrolment, date=day, present=True, actor=world.manager)
    message = _("%(date)s is not a day of session %(code)s (%(start)s – %(end)s).") % {
        "date": long(day),
        "code": "PLT-DIG-01-2026-01",
        "start": long(MARCH[0]),
        "end": long(MARCH[2]),
    }
    assert str(refused.value.message) == message
    assert refused.value.fields == {"date": message}
    assert snapshot() == before
    with pytest.raises(AttendanceRefused):
        attendance_record_day(
            session=world.session, date=day, present_ids=[enrolment.pk], actor=world.manager
        )
    assert snapshot() == before


def test_a_day_inside_the_dates_but_not_scheduled_is_refused(world, last_day):
    from penata.training.models import SessionDay

    SessionDay.objects.filter(session=world.session, date=MARCH[1]).delete()
    enrolment = make_enrolment(world, S.CONFIRMED)
    with pytest.raises(AttendanceRefused):
        attendance_record(enrolment=enrolment, date=MARCH[1], present=True, actor=world.manager)
    assert Attendance.objects.count() == 0


@pytest.mark.parametrize("status", [S.APPROVED, S.WAITLISTED, S.WITHDRAWN, S.PENDING_APPROVAL])
def test_attendance_only_for_confirmed_participants(world, last_day, status):
    enrolment = make_enrolment(world, status)
    before = snapshot()
    with pytest.raises(AttendanceRefused) as refused:
        attendance_record(enrolment=enrolment, date=MARCH[0], present=True, actor=world.manager)
    assert refused.value.fields.keys() == {"enrolment"}
    assert snapshot() == before


def test_attendance_of_a_whole_day(world, last_day):
    ani = make_enrolment(world, S.CONFIRMED)
    budi = make_enrolment(world, S.CONFIRMED, employee=world.budi)
    waiting = make_enrolment(world, S.WAITLISTED, employee=world.citra)
    attendance_record(enrolment=budi, date=MARCH[0], present=True, actor=world.manager)

    result = attendance_record_day(
        session=world.session, date=MARCH[0], present_ids=[str(ani.pk)], actor=world.manager
    )
    assert (result.present, result.absent, result.changed) == (1, 1, 2)
    assert sorted(Attendance.objects.values_list("enrolment_id", "present")) == sorted(
        [(ani.pk, True), (budi.pk, False)]
    )
    # Saving the same day again changes nothing and records nothing.
    events = AuditEvent.objects.count()
    result = attendance_record_day(
        session=world.session, date=MARCH[0], present_ids=[ani.pk], actor=world.manager
    )
    assert (result.present, result.absent, result.changed) == (1, 1, 0)
    assert AuditEvent.objects.count() == events

    before = snapshot()
    with pytest.raises(AttendanceRefused) as refused:
        attendance_record_day(
            session=world.session, date=MARCH[0], present_ids=[ani.pk, waiting.pk], actor=world.manager
        )
    assert refused.value.fields.keys() == {"present"}
    with pytest.raises(AttendanceRefused):
        attendance_record_day(session=world.session, date=MARCH[0], present_ids=["x"], actor=world.manager)
    assert snapshot() == before


# --- the end of the session ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("present", "absent", "min_percent", "after"),
    [
        (MARCH, [], 80, S.COMPLETED),
        (MARCH[:2], MARCH[2:], 80, S.INCOMPLETE),  # 66.7% < 80%
        (MARCH[:2], [], 66, S.COMPLETED),  # 66.7% ≥ 66%
        (MARCH[:2], [], 67, S.INCOMPLETE),  # 66.7% < 67%
        ([], MARCH, 80, S.NO_SHOW),
        ([], [], 80, S.NO_SHOW),
        (MARCH[:1], [], 30, S.COMPLETED),  # 33.3% ≥ 30%
    ],
)
def test_the_attendance_rule(world, last_day, present, absent, min_percent, after):
    world.session.program.attendance_min_percent = min_percent
    world.session.program.save()
    enrolment = make_enrolment(world, S.CONFIRMED)
    attend(enrolment, *present, absent=absent)
    enrolment_complete(enrolment=enrolment, actor=world.manager)
    enrolment.refresh_from_db()
    assert enrolment.status == after
    assert enrolment.completed_at is not None
    event = AuditEvent.objects.get(subject_type="training.enrolment", subject_id=str(enrolment.pk))
    assert event.to_state == {
        "status": after,
        "present_days": len(present),
        "session_days": 3,
        "required_percent": min_percent,
    }
    entries = list(JpLedgerEntry.objects.values_list("employee_id", "year", "jp", "source", "completed_on"))
    if after == S.COMPLETED:
        assert entries == [(world.ani.pk, 2026, Decimal("24.0"), LedgerSource.SESSION, date(2026, 3, 4))]
    else:
        assert entries == []


def test_finishing_the_session_applies_the_rule_to_every_confirmed_participant(world, last_day):
    TrainingSession.objects.filter(pk=world.session.pk).update(capacity=5)
    world.session.refresh_from_db()
    full = make_enrolment(world, S.CONFIRMED)
    partial = make_enrolment(world, S.CONFIRMED, employee=world.budi)
    absent = make_enrolment(world, S.CONFIRMED, employee=world.citra)
    waiting = make_enrolment(world, S.WAITLISTED, employee=EmployeeFactory())
    attend(full, *MARCH)
    attend(partial, MARCH[0], absent=MARCH[1:])
    result = session_enrolments_finish(session=world.session, actor=world.manager)
    assert (result.completed, result.incomplete, result.no_show) == (1, 1, 1)
    assert dict(Enrolment.objects.values_list("pk", "status")) == {
        full.pk: S.COMPLETED,
        partial.pk: S.INCOMPLETE,
        absent.pk: S.NO_SHOW,
        waiting.pk: S.WAITLISTED,
    }
    assert list(JpLedgerEntry.objects.values_list("enrolment_id", flat=True)) == [full.pk]
    # Finishing again finds nobody confirmed: nothing more is written.
    events = AuditEvent.objects.count()
    assert session_enrolments_finish(session=world.session, actor=world.manager) == type(result)(0, 0, 0)
    assert AuditEvent.objects.count() == events


def test_the_roster_finish_also_completes_the_session(
    world, last_day, mailoutbox, django_capture_on_commit_callbacks
):
    enrolment = make_enrolment(world, S.CONFIRMED)
    attend(enrolment, *MARCH)
    waiting = make_enrolment(world, S.WAITLISTED, employee=world.budi)
    pending = make_enrolment(world, S.PENDING_APPROVAL, employee=world.citra)
    with django_capture_on_commit_callbacks(execute=True):
        session_finish(session=world.session, actor=world.manager)
    world.session.refresh_from_db()
    assert world.session.status == SessionStatus.COMPLETED
    assert dict(Enrolment.objects.values_list("pk", "status")) == {
        enrolment.pk: S.COMPLETED,
        waiting.pk: S.CANCELLED,
        pending.pk: S.CANCELLED,
    }
    assert enrolment_events() == [
        ("complete", enrolment.pk, S.CONFIRMED, S.COMPLETED),
        ("cancel", waiting.pk, S.WAITLISTED, S.CANCELLED),
        ("cancel", pending.pk, S.PENDING_APPROVAL, S.CANCELLED),
    ]
    session_events = AuditEvent.objects.filter(subject_type="training.trainingsession").order_by("id")
    assert list(session_events.values_list("action", flat=True)) == [
        "training.session.closed",
        "training.session.completed",
    ]
    # The leftovers are not told that the session was cancelled: it was not.
    assert mailoutbox == []


def test_a_session_is_not_finished_before_its_last_day(world, monkeypatch):
    enrolment = make_enrolment(world, S.CONFIRMED)
    attend(enrolment, *MARCH)
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: date(2026, 3, 3))
    before = snapshot()
    with pytest.raises(FinishRefused) as refused:
        session_enrolments_finish(session=world.session, actor=world.manager)
    assert str(refused.value.message) == _(
        "Session %(code)s ends on %(date)s: participants are finished after its last day."
    ) % {"code": "PLT-DIG-01-2026-01", "date": long(MARCH[2])}
    with pytest.raises(FinishRefused):
        enrolment_complete(enrolment=enrolment, actor=world.manager)
    assert snapshot() == before
    assert JpLedgerEntry.objects.count() == 0


# --- too late: the session has started or ended ---------------------------------------------------


def withdrawn_too_late(session_code: str, day: date) -> str:
    return _(
        "Session %(code)s started on %(date)s: a confirmed participant can no longer withdraw; "
        "attendance decides how the session ends for them."
    ) % {"code": session_code, "date": long(day)}


@pytest.mark.parametrize("today", [MARCH[0], MARCH[2], date(2026, 3, 9)])
def test_a_confirmed_seat_is_not_given_up_once_the_session_has_started(
    world, set_today, mailoutbox, django_capture_on_commit_callbacks, today
):
    holder = make_enrolment(world, S.CONFIRMED)
    waiting = make_enrolment(world, S.WAITLISTED, employee=world.budi)
    TrainingSession.objects.filter(pk=world.session.pk).update(capacity=1)
    set_today(today)
    before = snapshot()
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(SessionUnderWay) as refused,
    ):
        enrolment_withdraw(enrolment=holder, actor=world.ani_user)
    message = withdrawn_too_late("PLT-DIG-01-2026-01", MARCH[0])
    assert str(refused.value.message) == message
    assert refused.value.fields == {"session": message}
    assert snapshot() == before
    assert (callbacks, mailoutbox) == ([], [])
    waiting.refresh_from_db()
    assert waiting.status == S.WAITLISTED


def test_a_confirmed_seat_is_given_up_until_the_day_before(world, set_today):
    holder = make_enrolment(world, S.CONFIRMED)
    set_today(date(2026, 3, 1), hour=23)
    enrolment_withdraw(enrolment=holder, actor=world.ani_user)
    holder.refresh_from_db()
    world.session.refresh_from_db()
    assert (holder.status, world.session.seats_taken) == (S.WITHDRAWN, 0)


@pytest.mark.parametrize("status", [S.PENDING_APPROVAL, S.APPROVED, S.WAITLISTED])
def test_a_request_or_a_waiting_place_is_withdrawn_until_the_last_day(world, set_today, status):
    enrolment = make_enrolment(world, status)
    set_today(MARCH[2], hour=15)
    enrolment_withdraw(enrolment=enrolment, actor=world.ani_user)
    enrolment.refresh_from_db()
    assert enrolment.status == S.WITHDRAWN
    assert enrolment_events() == [("withdraw", enrolment.pk, status, S.WITHDRAWN)]


@pytest.mark.parametrize("status", [S.PENDING_APPROVAL, S.APPROVED, S.WAITLISTED, S.CONFIRMED])
def test_nothing_is_withdrawn_after_the_last_day(
    world, set_today, mailoutbox, django_capture_on_commit_callbacks, status
):
    enrolment = make_enrolment(world, status)
    set_today(date(2026, 3, 5))
    before = snapshot()
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(SessionUnderWay) as refused,
    ):
        enrolment_withdraw(enrolment=enrolment, actor=world.manager)
    if status == S.CONFIRMED:
        assert str(refused.value.message) == withdrawn_too_late("PLT-DIG-01-2026-01", MARCH[0])
    else:
        assert str(refused.value.message) == _(
            "Session %(code)s ended on %(date)s: its enrolments can no longer be withdrawn."
        ) % {"code": "PLT-DIG-01-2026-01", "date": long(MARCH[2])}
    assert snapshot() == before
    assert (callbacks, mailoutbox) == ([], [])


@pytest.mark.parametrize("session_status", [SessionStatus.COMPLETED, SessionStatus.CANCELLED])
@pytest.mark.parametrize("status", [S.PENDING_APPROVAL, S.APPROVED, S.WAITLISTED, S.CONFIRMED])
def test_nothing_is_withdrawn_from_a_completed_or_cancelled_session(world, session_status, status):
    # Left behind by an older version: the session's status decides.
    enrolment = make_enrolment(world, status)
    TrainingSession.objects.filter(pk=world.session.pk).update(status=session_status)
    before = snapshot()
    with pytest.raises(SessionNotOpen) as refused:
        enrolment_withdraw(enrolment=enrolment, actor=world.ani_user)
    assert str(refused.value.message) == _(
        "Session %(code)s is “%(status)s”: its enrolments can no longer be changed."
    ) % {"code": "PLT-DIG-01-2026-01", "status": session_status.label}
    assert snapshot() == before


def test_nobody_is_confirmed_into_a_session_that_has_ended(
    world, set_today, mailoutbox, django_capture_on_commit_callbacks
):
    enrolment = make_enrolment(world, S.APPROVED)
    set_today(date(2026, 3, 5))
    before = snapshot()
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(SessionUnderWay) as refused,
    ):
        enrolment_confirm(enrolment=enrolment, actor=world.manager)
    message = _("Session %(code)s ended on %(date)s: nobody can be confirmed into it any more.") % {
        "code": "PLT-DIG-01-2026-01",
        "date": long(MARCH[2]),
    }
    assert str(refused.value.message) == message
    assert refused.value.fields == {"session": message}
    assert snapshot() == before
    assert (callbacks, mailoutbox) == ([], [])


def test_a_seat_is_still_confirmed_on_the_last_day(world, set_today):
    enrolment = make_enrolment(world, S.APPROVED)
    set_today(MARCH[2])
    enrolment_confirm(enrolment=enrolment, actor=world.manager)
    enrolment.refresh_from_db()
    world.session.refresh_from_db()
    assert (enrolment.status, world.session.seats_taken) == (S.CONFIRMED, 1)


def test_the_waiting_list_is_not_promoted_once_the_session_has_started(world, set_today):
    TrainingSession.objects.filter(pk=world.session.pk).update(capacity=3)
    confirmed_in(world.session, world.ani)
    waiting = make_enrolment(world, S.WAITLISTED, employee=world.budi)
    set_today(MARCH[0])
    before = snapshot()
    with pytest.raises(SessionUnderWay) as refused:
        session_waitlist_promote(session=world.session, actor=world.manager)
    message = _("Session %(code)s started on %(date)s: its waiting list is no longer promoted.") % {
        "code": "PLT-DIG-01-2026-01",
        "date": long(MARCH[0]),
    }
    assert str(refused.value.message) == message
    assert refused.value.fields == {"session": message}
    # Nor when the catalogue raises a capacity.
    with transaction.atomic():
        assert (
            waitlist_fill(session=TrainingSession.objects.select_for_update().get(pk=world.session.pk)) == []
        )
    assert snapshot() == before
    waiting.refresh_from_db()
    assert waiting.status == S.WAITLISTED


# --- nobody jumps the waiting list -----------------------------------------------------------------


def test_a_newcomer_is_put_behind_whoever_already_waits(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    # One seat free (a capacity raised by hand, say) and Budi waiting for it.
    confirmed_in(world.session, world.ani)
    waiting = make_enrolment(world, S.WAITLISTED, employee=world.budi)
    newcomer = make_enrolment(world, S.APPROVED, employee=world.citra)
    with django_capture_on_commit_callbacks(execute=True):
        enrolment_confirm(enrolment=newcomer, actor=world.manager)
    assert dict(Enrolment.objects.values_list("pk", "status")) == {
        world.session.enrolments.get(employee=world.ani).pk: S.CONFIRMED,
        waiting.pk: S.CONFIRMED,
        newcomer.pk: S.WAITLISTED,
    }
    assert [e for e in enrolment_events() if e[0] != "notice"] == [
        ("waitlist", newcomer.pk, S.APPROVED, S.WAITLISTED),
        ("promote", waiting.pk, S.WAITLISTED, S.CONFIRMED),
    ]
    # The promotion is the waiting list's order, not the confirming manager's decision.
    assert AuditEvent.objects.get(action="training.enrolment.promote").actor_id is None
    world.session.refresh_from_db()
    assert world.session.seats_taken == 2
    assert sorted(sent.to[0] for sent in mailoutbox) == ["budi@akun.test", "citra@dinas-b.test"]


def test_a_newcomer_takes_a_free_seat_that_nobody_waiting_can_take(world):
    # Budi waits but retired since: he keeps his place, the newcomer is served after him.
    confirmed_in(world.session, world.ani)
    waiting = make_enrolment(world, S.WAITLISTED, employee=world.budi)
    world.budi.status = EmployeeStatus.RETIRED
    world.budi.save()
    newcomer = make_enrolment(world, S.APPROVED, employee=world.citra)
    enrolment_confirm(enrolment=newcomer, actor=world.manager)
    assert enrolment_events() == [
        ("waitlist", newcomer.pk, S.APPROVED, S.WAITLISTED),
        ("promote", newcomer.pk, S.WAITLISTED, S.CONFIRMED),
    ]
    waiting.refresh_from_db()
    newcomer.refresh_from_db()
    assert (waiting.status, newcomer.status) == (S.WAITLISTED, S.CONFIRMED)


def test_once_the_session_has_started_a_newcomer_still_waits_behind_the_list(world, set_today):
    confirmed_in(world.session, world.ani)
    waiting = make_enrolment(world, S.WAITLISTED, employee=world.budi)
    newcomer = make_enrolment(world, S.APPROVED, employee=world.citra)
    set_today(MARCH[1])
    enrolment_confirm(enrolment=newcomer, actor=world.manager)
    assert enrolment_events() == [("waitlist", newcomer.pk, S.APPROVED, S.WAITLISTED)]
    waiting.refresh_from_db()
    world.session.refresh_from_db()
    assert (waiting.status, world.session.seats_taken) == (S.WAITLISTED, 1)


def test_a_promotion_after_a_withdrawal_is_the_systems(world):
    TrainingSession.objects.filter(pk=world.session.pk).update(capacity=1)
    holder = confirmed_in(world.session, world.ani)
    waiting = make_enrolment(world, S.WAITLISTED, employee=world.budi)
    enrolment_withdraw(enrolment=holder, actor=world.ani_user)
    events = AuditEvent.objects.filter(subject_type="training.enrolment").order_by("id")
    assert [(e.action, int(e.subject_id), e.actor_id) for e in events] == [
        ("training.enrolment.withdraw", holder.pk, world.ani_user.pk),
        ("training.enrolment.promote", waiting.pk, None),
    ]


# --- nobody decides on their own enrolment ----------------------------------------------------------


def with_own_record(user):
    """``user`` given an employee record of their own (Dewi, of the user's agency)."""
    user.employee = EmployeeFactory(agency=user.agency, full_name="Dewi Kurnia")
    user.save()
    return user.employee


OWN_DECISIONS = {
    "approve": (
        S.PENDING_APPROVAL,
        lambda e, actor: enrolment_approve(enrolment=e, actor=actor),
        "You cannot approve your own request: another administrator of your agency or a "
        "training manager decides on it.",
    ),
    "reject": (
        S.PENDING_APPROVAL,
        lambda e, actor: enrolment_reject(enrolment=e, actor=actor, reason="Tidak jadi."),
        "You cannot reject your own request: withdraw it instead, or let another "
        "administrator of your agency or a training manager decide on it.",
    ),
}


@pytest.mark.parametrize("action", OWN_DECISIONS)
def test_an_agency_administrator_does_not_decide_on_their_own_request(
    world, make_user, mailoutbox, django_capture_on_commit_callbacks, action
):
    start, call, message = OWN_DECISIONS[action]
    enrolment = make_enrolment(world, start, employee=with_own_record(world.admin_a))
    before = snapshot()
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(PermissionDenied) as refused,
    ):
        call(enrolment, world.admin_a)
    assert str(refused.value.message) == _(message)
    assert snapshot() == before
    assert (callbacks, mailoutbox) == ([], [])
    # Another administrator of the agency may.
    call(enrolment, make_user(Role.AGENCY_ADMIN, world.agency_a, username="admin_a2"))
    enrolment.refresh_from_db()
    assert enrolment.status == {"approve": S.APPROVED, "reject": S.REJECTED}[action]


def test_an_agency_administrator_does_not_nominate_themself(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    dewi = with_own_record(world.admin_a)
    before = snapshot()
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(PermissionDenied) as refused,
    ):
        enrolment_nominate(session=world.session, employee=dewi, actor=world.admin_a)
    assert str(refused.value.message) == _(
        "You cannot nominate yourself: request a seat, and another administrator of your "
        "agency or a training manager approves it."
    )
    assert snapshot() == before
    assert (callbacks, mailoutbox) == ([], [])
    # They nominate their colleagues as before.
    assert (
        enrolment_nominate(session=world.session, employee=world.ani, actor=world.admin_a).status
        == S.APPROVED
    )


@pytest.mark.parametrize("who", ["manager", "province_admin"])
def test_a_training_manager_may_decide_on_their_own_enrolment(world, who):
    actor = getattr(world, who)
    own = with_own_record(actor)
    nominated = enrolment_nominate(session=world.session, employee=own, actor=actor)
    assert nominated.status == S.APPROVED
    enrolment_withdraw(enrolment=nominated, actor=actor)
    requested = enrolment_request(session=world.session, employee=own, actor=actor)
    enrolment_approve(enrolment=requested, actor=actor)
    requested.refresh_from_db()
    assert requested.status == S.APPROVED
    enrolment_reject(enrolment=requested, actor=actor, reason="Jadwal bentrok.")
    requested.refresh_from_db()
    assert requested.status == S.REJECTED


# --- a rejection needs a running session ------------------------------------------------------------


@pytest.mark.parametrize("session_status", [SessionStatus.COMPLETED, SessionStatus.CANCELLED])
@pytest.mark.parametrize("status", [S.PENDING_APPROVAL, S.APPROVED, S.WAITLISTED])
def test_nothing_is_rejected_in_a_completed_or_cancelled_session(
    world, mailoutbox, django_capture_on_commit_callbacks, session_status, status
):
    enrolment = make_enrolment(world, status)
    TrainingSession.objects.filter(pk=world.session.pk).update(status=session_status)
    before = snapshot()
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(SessionNotOpen) as refused,
    ):
        enrolment_reject(enrolment=enrolment, actor=world.admin_a, reason="Tidak relevan.")
    assert str(refused.value.message) == _(
        "Session %(code)s is “%(status)s”: its enrolments can no longer be changed."
    ) % {"code": "PLT-DIG-01-2026-01", "status": session_status.label}
    assert snapshot() == before
    assert (callbacks, mailoutbox) == ([], [])


# --- attendance is not recorded ahead -----------------------------------------------------------------


def test_attendance_for_a_day_still_to_come_is_refused(world, set_today):
    enrolment = make_enrolment(world, S.CONFIRMED)
    set_today(MARCH[1], hour=16)
    before = snapshot()
    message = _("%(date)s has not come yet: attendance is recorded on the day or after it.") % {
        "date": long(MARCH[2])
    }
    with pytest.raises(AttendanceRefused) as refused:
        attendance_record(enrolment=enrolment, date=MARCH[2], present=True, actor=world.manager)
    assert (str(refused.value.message), refused.value.fields) == (message, {"date": message})
    with pytest.raises(AttendanceRefused) as refused:
        attendance_record_day(
            session=world.session, date=MARCH[2], present_ids=[enrolment.pk], actor=world.manager
        )
    assert (str(refused.value.message), refused.value.fields) == (message, {"date": message})
    assert snapshot() == before
    # The day itself is fine.
    attendance_record(enrolment=enrolment, date=MARCH[1], present=True, actor=world.manager)
    result = attendance_record_day(
        session=world.session, date=MARCH[0], present_ids=[enrolment.pk], actor=world.manager
    )
    assert (result.present, result.absent, result.changed) == (1, 0, 1)
    assert sorted(Attendance.objects.values_list("date", "present")) == [(MARCH[0], True), (MARCH[1], True)]
