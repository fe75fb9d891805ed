"""Enrolment in training sessions: requests and nominations, the agency's approval, the
training manager's confirmation of seats, the waiting list, attendance per day and the
end of a session (completed, not completed, no-show).

Every change of an enrolment's status goes through ``_apply``, which checks
``ENROLMENT_TRANSITIONS`` and writes an event ``training.enrolment.<action>`` in the same
transaction; emails leave after the commit (``_notify``).

The calendar decides too: a confirmed seat is given up only before the session's first
day, a request or a place on the waiting list until its last day; the waiting list is
served in order only before the first day (a seat freed or added is given by the
system, not by whoever freed or added it), and nobody is confirmed into a session that
has ended. Attendance is recorded on the day or after it. An agency
administrator does not nominate themself nor decide on their own request (a training
manager may).

Locks are always taken in the same order, session row, then employee row, then
enrolment rows, so two services never wait on each other in a circle. The session lock
serialises everything that moves a seat: ``seats_taken`` is read and changed only while
the session row is locked, and the database refuses it past ``capacity`` anyway.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, F
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from penata.core.errors import ApplicationError, InvalidTransition, PermissionDenied
from penata.core.events import event_record
from penata.core.models import AuditEvent
from penata.workforce.models import Employee, EmployeeStatus

from ..models import (
    ACTIVE_ENROLMENT_STATUSES,
    ENROLMENT_TRANSITIONS,
    FINISHED_ENROLMENT_STATUSES,
    Attendance,
    Enrolment,
    EnrolmentAction,
    EnrolmentStatus,
    JpLedgerEntry,
    SessionAction,
    SessionDay,
    SessionStatus,
    TrainingSession,
)
from ..permissions import can_manage_employee_training, is_self, is_training_manager

logger = logging.getLogger(__name__)

EVENT_PREFIX = "training.enrolment."
NOTICE_ACTION = EVENT_PREFIX + "notice"
REMIND_ACTION = EVENT_PREFIX + "remind"
ATTENDANCE_ACTION = EVENT_PREFIX + "attendance"
MOTIVATION_MAX_LENGTH = 2000
REASON_MAX_LENGTH = 2000

# Statuses that hold a seat for good or held one: an overlapping session is refused at
# confirmation against these.
SEAT_STATUSES = (EnrolmentStatus.CONFIRMED, *FINISHED_ENROLMENT_STATUSES)
# A person holds at most one of these per session (the database's
# ``enrolment_once_per_session``): a new request after a withdrawal or a rejection is fine.
ENROLLED_STATUSES = (*ACTIVE_ENROLMENT_STATUSES, *FINISHED_ENROLMENT_STATUSES)
# Sessions whose enrolments may still be decided: open, or closed to new requests.
RUNNING_SESSION_STATUSES = (SessionStatus.OPEN, SessionStatus.CLOSED)


# --- errors -------------------------------------------------------------------------------


class EnrolmentRefused(ApplicationError):
    code = "enrolment_refused"
    status_code = 409
    default_message = gettext_lazy("The enrolment cannot be made.")


class EmployeeNotActive(EnrolmentRefused):
    code = "employee_not_active"


class SessionNotOpen(EnrolmentRefused):
    code = "session_not_open"


class AlreadyEnrolled(EnrolmentRefused):
    code = "already_enrolled"


class OverlappingSession(EnrolmentRefused):
    code = "overlapping_session"


class SessionUnderWay(EnrolmentRefused):
    """Too late: the session has started (or ended) for what was asked."""

    code = "session_under_way"


class AttendanceRefused(ApplicationError):
    code = "attendance_refused"
    status_code = 400
    default_message = gettext_lazy("The attendance cannot be recorded.")


class FinishRefused(ApplicationError):
    code = "finish_refused"
    status_code = 409
    default_message = gettext_lazy("The participants cannot be finished yet.")


# --- shared helpers -------------------------------------------------------------------------


def _date(value: date) -> str:
    return formats.date_format(value, "j F Y")


def _status_label(status: str) -> str:
    return str(EnrolmentStatus(status).label)


def _lock_session(session_id: int) -> TrainingSession:
    # No select_related: on PostgreSQL FOR UPDATE would lock the joined rows as well.
    return TrainingSession.objects.select_for_update().get(pk=session_id)


def _lock_employee(employee_id: int) -> Employee:
    return Employee.objects.select_for_update().get(pk=employee_id)


def _locked(enrolment: Enrolment, *, lock_employee: bool = False) -> Enrolment:
    """The enrolment re-read under lock, with its session (locked first) and employee."""
    session = _lock_session(enrolment.session_id)
    employee = (
        _lock_employee(enrolment.employee_id)
        if lock_employee
        else Employee.objects.get(pk=enrolment.employee_id)
    )
    locked = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
    locked.session = session
    locked.employee = employee
    return locked


def _target(enrolment: Enrolment, action: str) -> str:
    to = ENROLMENT_TRANSITIONS.get((enrolment.status, action))
    if to is None:
        raise InvalidTransition(
            _("An enrolment that is “%(status)s” cannot be given the action “%(action)s”.")
            % {"status": _status_label(enrolment.status), "action": EnrolmentAction(action).label}
        )
    return to


def _apply(
    enrolment: Enrolment,
    *,
    action: str,
    actor,
    note: str = "",
    extra: dict | None = None,
    **fields,
) -> AuditEvent:
    """Move ``enrolment`` by ``action`` (checked against the table) and record the event."""
    to = _target(enrolment, action)
    from_status = enrolment.status
    enrolment.status = to
    for name, value in fields.items():
        setattr(enrolment, name, value)
    enrolment.save()
    return event_record(
        subject=enrolment,
        action=EVENT_PREFIX + action,
        actor=actor,
        from_state={"status": from_status},
        to_state={"status": to, **(extra or {})},
        note=note,
    )


def _require_manager(actor) -> None:
    if actor is None or not is_training_manager(actor):
        raise PermissionDenied(_("Only a training manager can do this."))


def _require_agency_or_manager(actor, employee: Employee) -> None:
    if actor is None or not can_manage_employee_training(actor, employee):
        raise PermissionDenied(
            _("Only an administrator of the employee's agency or a training manager can do this.")
        )


def _require_running(session: TrainingSession) -> None:
    if session.status not in RUNNING_SESSION_STATUSES:
        raise SessionNotOpen(
            _("Session %(code)s is “%(status)s”: its enrolments can no longer be changed.")
            % {"code": session.code, "status": SessionStatus(session.status).label},
            fields={"session": _("The session is no longer running.")},
        )


def _require_not_ended(session: TrainingSession, message: str) -> None:
    """``message`` (with %(code)s and %(date)s, the last day) once the session has ended."""
    if session.end_date < timezone.localdate():
        text = message % {"code": session.code, "date": _date(session.end_date)}
        raise SessionUnderWay(text, fields={"session": text})


def _has_started(session: TrainingSession) -> bool:
    return session.start_date <= timezone.localdate()


def _require_not_own(actor, employee: Employee, message: str) -> None:
    """An agency administrator does not decide on their own enrolment; a training manager
    (or a province administrator) may."""
    if is_self(actor, employee) and not is_training_manager(actor):
        raise PermissionDenied(message)


def _require_active_employee(employee: Employee) -> None:
    if employee.status != EmployeeStatus.ACTIVE:
        message = _(
            "%(name)s (NIP %(nip)s) cannot be enrolled: their status is “%(status)s”; "
            "only active employees take part in training."
        ) % {"name": employee.full_name, "nip": employee.nip, "status": EmployeeStatus(employee.status).label}
        raise EmployeeNotActive(message, fields={"employee": message})


def _overlapping(*, employee_id: int, session: TrainingSession, statuses) -> Enrolment | None:
    """The employee's first enrolment with one of ``statuses`` in another session whose
    dates overlap ``session``'s (both ends included)."""
    return (
        Enrolment.objects.filter(
            employee_id=employee_id,
            status__in=statuses,
            session__start_date__lte=session.end_date,
            session__end_date__gte=session.start_date,
        )
        .exclude(session_id=session.pk)
        .select_related("session__program")
        .order_by("session__start_date", "session_id")
        .first()
    )


def _refuse_overlap(employee: Employee, clash: Enrolment) -> None:
    other = clash.session
    message = _(
        "%(name)s is already enrolled in session %(code)s “%(title)s” (%(start)s – %(end)s), "
        "whose dates overlap with this session."
    ) % {
        "name": employee.full_name,
        "code": other.code,
        "title": other.program.title,
        "start": _date(other.start_date),
        "end": _date(other.end_date),
    }
    raise OverlappingSession(message, fields={"session": message})


def _seat_take(session: TrainingSession) -> None:
    TrainingSession.objects.filter(pk=session.pk).update(seats_taken=F("seats_taken") + 1)
    session.seats_taken += 1


def _seat_free(session: TrainingSession) -> None:
    TrainingSession.objects.filter(pk=session.pk, seats_taken__gt=0).update(seats_taken=F("seats_taken") - 1)
    session.seats_taken = max(session.seats_taken - 1, 0)


def _notify(enrolment: Enrolment, kind: str, event: AuditEvent) -> None:
    """Queue the email ``kind`` about ``event`` for after the commit."""
    from penata.training.tasks import enrolment_email_send

    enrolment_id, event_id = enrolment.pk, event.pk
    transaction.on_commit(
        lambda: enrolment_email_send.delay(enrolment_id=enrolment_id, kind=kind, event_id=event_id),
        robust=True,
    )


def _clean_text(value: str, *, field: str, max_length: int, required: bool = False) -> str:
    value = (value or "").strip()
    if required and not value:
        raise ValidationError({field: _("Give a reason.")})
    if len(value) > max_length:
        raise ValidationError({field: _("Write at most %(count)d characters.") % {"count": max_length}})
    return value


# --- request and nomination -----------------------------------------------------------------


def _enrolment_create(
    *, session: TrainingSession, employee: Employee, actor, motivation: str, nominated: bool
) -> Enrolment:
    session = _lock_session(session.pk)
    if session.status != SessionStatus.OPEN:
        message = _("Session %(code)s is not open for enrolment (it is “%(status)s”).") % {
            "code": session.code,
            "status": SessionStatus(session.status).label,
        }
        raise SessionNotOpen(message, fields={"session": message})
    # The employee row lock keeps two requests of one person (this or an overlapping
    # session) from both passing the checks below.
    employee = _lock_employee(employee.pk)
    _require_active_employee(employee)
    current = Enrolment.objects.filter(
        session=session, employee=employee, status__in=ENROLLED_STATUSES
    ).first()
    if current is not None:
        message = _("%(name)s is already enrolled in session %(code)s (%(status)s).") % {
            "name": employee.full_name,
            "code": session.code,
            "status": _status_label(current.status),
        }
        raise AlreadyEnrolled(message, fields={"session": message})
    clash = _overlapping(employee_id=employee.pk, session=session, statuses=ENROLLED_STATUSES)
    if clash is not None:
        _refuse_overlap(employee, clash)
    status = EnrolmentStatus.APPROVED if nominated else EnrolmentStatus.PENDING_APPROVAL
    enrolment = Enrolment.objects.create(
        session=session,
        employee=employee,
        status=status,
        nominated=nominated,
        requested_by=actor if actor is not None and actor.is_authenticated else None,
        motivation=motivation,
    )
    event = event_record(
        subject=enrolment,
        action=EVENT_PREFIX + ("nominate" if nominated else "request"),
        actor=actor,
        from_state=None,
        to_state={"status": status, "session": session.code},
    )
    if nominated:
        _notify(enrolment, "nominated", event)
    return enrolment


@transaction.atomic
def enrolment_request(
    *, session: TrainingSession, employee: Employee, actor, motivation: str = ""
) -> Enrolment:
    """An employee asks for a seat (for themself; a training manager may file it for
    them). It waits for their agency's approval."""
    if actor is None or not (is_self(actor, employee) or is_training_manager(actor)):
        raise PermissionDenied(_("You can request a seat only for yourself."))
    motivation = _clean_text(motivation, field="motivation", max_length=MOTIVATION_MAX_LENGTH)
    return _enrolment_create(
        session=session, employee=employee, actor=actor, motivation=motivation, nominated=False
    )


@transaction.atomic
def enrolment_nominate(*, session: TrainingSession, employee: Employee, actor) -> Enrolment:
    """The agency puts an employee forward: approved at once, waiting for confirmation.
    An administrator does not nominate themself (they request a seat instead)."""
    _require_agency_or_manager(actor, employee)
    _require_not_own(
        actor,
        employee,
        _(
            "You cannot nominate yourself: request a seat, and another administrator of your "
            "agency or a training manager approves it."
        ),
    )
    return _enrolment_create(session=session, employee=employee, actor=actor, motivation="", nominated=True)


# --- the agency's decision ------------------------------------------------------------------


@transaction.atomic
def enrolment_approve(*, enrolment: Enrolment, actor, note: str = "") -> Enrolment:
    note = _clean_text(note, field="note", max_length=REASON_MAX_LENGTH)
    enrolment = _locked(enrolment)
    _require_agency_or_manager(actor, enrolment.employee)
    _require_not_own(
        actor,
        enrolment.employee,
        _(
            "You cannot approve your own request: another administrator of your agency or a "
            "training manager decides on it."
        ),
    )
    _target(enrolment, EnrolmentAction.APPROVE)
    _require_running(enrolment.session)
    event = _apply(enrolment, action=EnrolmentAction.APPROVE, actor=actor, note=note, decision_note=note)
    _notify(enrolment, "approved", event)
    return enrolment


@transaction.atomic
def enrolment_reject(*, enrolment: Enrolment, actor, reason: str) -> Enrolment:
    reason = _clean_text(reason, field="reason", max_length=REASON_MAX_LENGTH, required=True)
    enrolment = _locked(enrolment)
    _require_agency_or_manager(actor, enrolment.employee)
    _require_not_own(
        actor,
        enrolment.employee,
        _(
            "You cannot reject your own request: withdraw it instead, or let another "
            "administrator of your agency or a training manager decide on it."
        ),
    )
    _target(enrolment, EnrolmentAction.REJECT)
    _require_running(enrolment.session)
    event = _apply(enrolment, action=EnrolmentAction.REJECT, actor=actor, note=reason, decision_note=reason)
    _notify(enrolment, "rejected", event)
    return enrolment


# --- seats and the waiting list -------------------------------------------------------------


@transaction.atomic
def enrolment_confirm(*, enrolment: Enrolment, actor) -> Enrolment:
    """The training manager gives an approved enrolment a seat, or a place on the waiting
    list when the session is full or someone already waits (the newcomer is behind them;
    the free seats then go to the list in order). Two confirmations for the last seat queue
    on the session row lock: the second one sees the session full. A session that has
    ended takes nobody."""
    _require_manager(actor)
    enrolment = _locked(enrolment, lock_employee=True)
    _target(enrolment, EnrolmentAction.CONFIRM)
    session = enrolment.session
    _require_running(session)
    _require_not_ended(
        session, _("Session %(code)s ended on %(date)s: nobody can be confirmed into it any more.")
    )
    # The employee may have retired or gone on leave since the approval.
    _require_active_employee(enrolment.employee)
    # Dates may have moved since the request; a confirmed seat must never clash.
    clash = _overlapping(employee_id=enrolment.employee_id, session=session, statuses=SEAT_STATUSES)
    if clash is not None:
        _refuse_overlap(enrolment.employee, clash)
    free = session.seats_taken < session.capacity
    someone_waits = Enrolment.objects.filter(session=session, status=EnrolmentStatus.WAITLISTED).exists()
    if free and not someone_waits:
        _seat_take(session)
        event = _apply(
            enrolment, action=EnrolmentAction.CONFIRM, actor=actor, extra={"seats_taken": session.seats_taken}
        )
        _notify(enrolment, "confirmed", event)
    else:
        event = _apply(enrolment, action=EnrolmentAction.WAITLIST, actor=actor, waitlisted_at=timezone.now())
        _notify(enrolment, "waitlisted", event)
        if free:
            # A seat is free while people wait: the list is served in its order (by the
            # system), the newcomer last.
            _waitlist_promote(session, None)
            enrolment.refresh_from_db(fields=["status", "updated_at"])
    return enrolment


@transaction.atomic
def enrolment_waitlist(*, enrolment: Enrolment, actor) -> Enrolment:
    """Put an approved enrolment on the waiting list without giving it a seat."""
    _require_manager(actor)
    enrolment = _locked(enrolment)
    _target(enrolment, EnrolmentAction.WAITLIST)
    _require_running(enrolment.session)
    event = _apply(enrolment, action=EnrolmentAction.WAITLIST, actor=actor, waitlisted_at=timezone.now())
    _notify(enrolment, "waitlisted", event)
    return enrolment


def _waitlist_promote(session: TrainingSession, actor) -> list[Enrolment]:
    """Fill free seats from the waiting list in order (``waitlisted_at``, id). The caller
    holds the session lock. Someone no longer active, or now holding a seat in an
    overlapping session, keeps their place and the next in line is served. Nobody is
    promoted once the session has started: a seat freed then stays free."""
    promoted: list[Enrolment] = []
    free = session.capacity - session.seats_taken
    if free <= 0 or session.status not in RUNNING_SESSION_STATUSES or _has_started(session):
        return promoted
    waiting = Enrolment.objects.filter(session=session, status=EnrolmentStatus.WAITLISTED).order_by(
        "waitlisted_at", "id"
    )
    for candidate in waiting.values_list("pk", "employee_id"):
        if free <= 0:
            break
        enrolment_id, employee_id = candidate
        employee = _lock_employee(employee_id)
        if employee.status != EmployeeStatus.ACTIVE:
            continue
        if _overlapping(employee_id=employee_id, session=session, statuses=SEAT_STATUSES) is not None:
            continue
        enrolment = Enrolment.objects.select_for_update().get(pk=enrolment_id)
        enrolment.session, enrolment.employee = session, employee
        _seat_take(session)
        event = _apply(
            enrolment, action=EnrolmentAction.PROMOTE, actor=actor, extra={"seats_taken": session.seats_taken}
        )
        _notify(enrolment, "promoted", event)
        promoted.append(enrolment)
        free -= 1
    return promoted


def waitlist_fill(*, session: TrainingSession) -> list[Enrolment]:
    """The free seats to the waiting list in order, by the system (the catalogue services
    call it when a capacity goes up). The caller holds the session's row lock."""
    return _waitlist_promote(session, None)


@transaction.atomic
def session_waitlist_promote(*, session: TrainingSession, actor) -> list[Enrolment]:
    """Give the free seats (after a capacity increase, say) to the waiting list in order,
    until the session starts."""
    _require_manager(actor)
    session = _lock_session(session.pk)
    _require_running(session)
    if _has_started(session):
        message = _("Session %(code)s started on %(date)s: its waiting list is no longer promoted.") % {
            "code": session.code,
            "date": _date(session.start_date),
        }
        raise SessionUnderWay(message, fields={"session": message})
    return _waitlist_promote(session, actor)


@transaction.atomic
def enrolment_withdraw(*, enrolment: Enrolment, actor, reason: str = "") -> Enrolment:
    """The employee (or their agency, or a training manager) withdraws. A confirmed seat
    goes to the first on the waiting list in the same transaction (a promotion by the
    system, not by whoever withdrew).

    A confirmed participant withdraws only before the session's first day (from then on
    attendance decides how it ends); a request or a place on the waiting list may be
    withdrawn until the last day."""
    reason = _clean_text(reason, field="reason", max_length=REASON_MAX_LENGTH)
    enrolment = _locked(enrolment)
    if actor is None or not (
        is_self(actor, enrolment.employee) or can_manage_employee_training(actor, enrolment.employee)
    ):
        raise PermissionDenied(_("You cannot withdraw this enrolment."))
    _target(enrolment, EnrolmentAction.WITHDRAW)
    session = enrolment.session
    _require_running(session)
    held_seat = enrolment.status == EnrolmentStatus.CONFIRMED
    if held_seat and _has_started(session):
        message = _(
            "Session %(code)s started on %(date)s: a confirmed participant can no longer withdraw; "
            "attendance decides how the session ends for them."
        ) % {"code": session.code, "date": _date(session.start_date)}
        raise SessionUnderWay(message, fields={"session": message})
    _require_not_ended(
        session, _("Session %(code)s ended on %(date)s: its enrolments can no longer be withdrawn.")
    )
    _apply(enrolment, action=EnrolmentAction.WITHDRAW, actor=actor, note=reason)
    if held_seat:
        _seat_free(session)
        _waitlist_promote(session, None)
    return enrolment


@transaction.atomic
def enrolments_cancel_for_session(*, session: TrainingSession, actor, reason: str = "") -> int:
    """The session is cancelled: every active enrolment is cancelled, its seats freed,
    and each participant told. Returns how many enrolments were cancelled.

    Called by ``session_transition`` when a session is cancelled (``actor`` None: by the
    system)."""
    if actor is not None:
        _require_manager(actor)
    session = _lock_session(session.pk)
    employees = {e.pk: e for e in Employee.objects.filter(enrolments__session=session).distinct()}
    enrolments = list(
        Enrolment.objects.select_for_update()
        .filter(session=session, status__in=ACTIVE_ENROLMENT_STATUSES)
        .order_by("id")
    )
    for enrolment in enrolments:
        enrolment.session, enrolment.employee = session, employees[enrolment.employee_id]
        event = _apply(enrolment, action=EnrolmentAction.CANCEL, actor=actor, note=reason)
        _notify(enrolment, "cancelled", event)
    TrainingSession.objects.filter(pk=session.pk).update(seats_taken=0)
    session.seats_taken = 0
    return len(enrolments)


# --- attendance -------------------------------------------------------------------------------


def _require_session_day(session: TrainingSession, day: date) -> None:
    if not SessionDay.objects.filter(session=session, date=day).exists():
        message = _("%(date)s is not a day of session %(code)s (%(start)s – %(end)s).") % {
            "date": _date(day),
            "code": session.code,
            "start": _date(session.start_date),
            "end": _date(session.end_date),
        }
        raise AttendanceRefused(message, fields={"date": message})


def _require_day_come(day: date) -> None:
    if day > timezone.localdate():
        message = _("%(date)s has not come yet: attendance is recorded on the day or after it.") % {
            "date": _date(day)
        }
        raise AttendanceRefused(message, fields={"date": message})


def _require_attendance_open(session: TrainingSession) -> None:
    if session.status not in RUNNING_SESSION_STATUSES:
        message = _("Session %(code)s is “%(status)s”: attendance can no longer be recorded.") % {
            "code": session.code,
            "status": SessionStatus(session.status).label,
        }
        raise AttendanceRefused(message, fields={"session": message})


def _attendance_event(enrolment: Enrolment, day: date, before: bool | None, present: bool, actor) -> None:
    event_record(
        subject=enrolment,
        action=ATTENDANCE_ACTION,
        actor=actor,
        from_state=None if before is None else {"date": day.isoformat(), "present": before},
        to_state={"date": day.isoformat(), "present": present},
    )


@transaction.atomic
def attendance_record(*, enrolment: Enrolment, date: date, present: bool, actor) -> Attendance:
    """Present or absent on one day of the session: one row per day, updated in place."""
    _require_manager(actor)
    enrolment = _locked(enrolment)
    _require_attendance_open(enrolment.session)
    if enrolment.status != EnrolmentStatus.CONFIRMED:
        message = _(
            "Attendance is recorded only for confirmed participants; %(name)s's enrolment is “%(status)s”."
        ) % {"name": enrolment.employee.full_name, "status": _status_label(enrolment.status)}
        raise AttendanceRefused(message, fields={"enrolment": message})
    _require_session_day(enrolment.session, date)
    _require_day_come(date)
    row = Attendance.objects.filter(enrolment=enrolment, date=date).first()
    before = None if row is None else row.present
    if row is None:
        row = Attendance.objects.create(enrolment=enrolment, date=date, present=present, recorded_by=actor)
    elif row.present != present:
        row.present, row.recorded_by = present, actor
        row.save(update_fields=["present", "recorded_by", "updated_at"])
    else:
        return row
    _attendance_event(enrolment, date, before, present, actor)
    return row


@dataclass(frozen=True)
class DayAttendance:
    present: int
    absent: int
    changed: int


@transaction.atomic
def attendance_record_day(*, session: TrainingSession, date: date, present_ids, actor) -> DayAttendance:
    """One day of the attendance list at once: the confirmed participants whose enrolment
    ids are in ``present_ids`` were there, the other confirmed participants were not."""
    _require_manager(actor)
    session = _lock_session(session.pk)
    _require_attendance_open(session)
    _require_session_day(session, date)
    _require_day_come(date)
    confirmed = {
        e.pk: e
        for e in Enrolment.objects.filter(session=session, status=EnrolmentStatus.CONFIRMED).order_by("id")
    }
    try:
        present = {int(value) for value in present_ids}
    except (TypeError, ValueError):
        present = None
    if present is None or not present <= confirmed.keys():
        message = _("Attendance can be ticked only for the session's confirmed participants.")
        raise AttendanceRefused(message, fields={"present": message})
    existing = {a.enrolment_id: a for a in Attendance.objects.filter(enrolment_id__in=confirmed, date=date)}
    now = timezone.now()
    created, updated = [], []
    for enrolment_id, enrolment in confirmed.items():
        value = enrolment_id in present
        row = existing.get(enrolment_id)
        if row is None:
            created.append(Attendance(enrolment=enrolment, date=date, present=value, recorded_by=actor))
            _attendance_event(enrolment, date, None, value, actor)
        elif row.present != value:
            before = row.present
            row.present, row.recorded_by, row.updated_at = value, actor, now
            updated.append(row)
            _attendance_event(enrolment, date, before, value, actor)
    Attendance.objects.bulk_create(created, batch_size=1000)
    Attendance.objects.bulk_update(updated, ["present", "recorded_by", "updated_at"], batch_size=1000)
    return DayAttendance(
        present=len(present), absent=len(confirmed) - len(present), changed=len(created) + len(updated)
    )


# --- end of the session ----------------------------------------------------------------------


@dataclass(frozen=True)
class FinishResult:
    completed: int = 0
    incomplete: int = 0
    no_show: int = 0


def _require_finishable(session: TrainingSession) -> list[date]:
    if session.status not in RUNNING_SESSION_STATUSES:
        raise FinishRefused(
            _("Session %(code)s is “%(status)s”: its participants cannot be finished.")
            % {"code": session.code, "status": SessionStatus(session.status).label}
        )
    if timezone.localdate() < session.end_date:
        raise FinishRefused(
            _("Session %(code)s ends on %(date)s: participants are finished after its last day.")
            % {"code": session.code, "date": _date(session.end_date)}
        )
    days = list(SessionDay.objects.filter(session=session).order_by("date").values_list("date", flat=True))
    if not days:
        raise FinishRefused(
            _("Session %(code)s has no scheduled days, so attendance cannot be judged.")
            % {"code": session.code}
        )
    return days


def _present_days(enrolment_ids, days: list[date]) -> dict[int, int]:
    rows = (
        Attendance.objects.filter(enrolment_id__in=enrolment_ids, present=True, date__in=days)
        .values("enrolment_id")
        .annotate(days=Count("id"))
        .order_by()
    )
    return {row["enrolment_id"]: row["days"] for row in rows}


def _finish_one(enrolment: Enrolment, *, present: int, day_count: int, min_percent: int, actor, now) -> str:
    # The program's attendance rule: present days / session days × 100 ≥ the minimum share.
    if present == 0:
        action = EnrolmentAction.MARK_NO_SHOW
    elif present * 100 >= min_percent * day_count:
        action = EnrolmentAction.COMPLETE
    else:
        action = EnrolmentAction.MARK_INCOMPLETE
    _apply(
        enrolment,
        action=action,
        actor=actor,
        extra={"present_days": present, "session_days": day_count, "required_percent": min_percent},
        completed_at=now,
    )
    if enrolment.status == EnrolmentStatus.COMPLETED:
        _jp_credit(enrolment)
    return enrolment.status


@transaction.atomic
def enrolment_complete(*, enrolment: Enrolment, actor) -> Enrolment:
    """Apply the attendance rule to one confirmed participant."""
    _require_manager(actor)
    enrolment = _locked(enrolment)
    if enrolment.status != EnrolmentStatus.CONFIRMED:
        _target(enrolment, EnrolmentAction.COMPLETE)
    session = enrolment.session
    days = _require_finishable(session)
    program = session.program
    _finish_one(
        enrolment,
        present=_present_days([enrolment.pk], days).get(enrolment.pk, 0),
        day_count=len(days),
        min_percent=program.attendance_min_percent,
        actor=actor,
        now=timezone.now(),
    )
    return enrolment


@transaction.atomic
def session_enrolments_finish(*, session: TrainingSession, actor) -> FinishResult:
    """Apply the attendance rule to every confirmed participant of the session: completed
    (and the JP credited), not completed, or no-show."""
    _require_manager(actor)
    session = _lock_session(session.pk)
    days = _require_finishable(session)
    program = session.program
    enrolments = list(
        Enrolment.objects.select_for_update()
        .filter(session=session, status=EnrolmentStatus.CONFIRMED)
        .order_by("id")
    )
    present = _present_days([e.pk for e in enrolments], days)
    employees = Employee.objects.in_bulk({e.employee_id for e in enrolments})
    now = timezone.now()
    counts = {EnrolmentStatus.COMPLETED: 0, EnrolmentStatus.INCOMPLETE: 0, EnrolmentStatus.NO_SHOW: 0}
    for enrolment in enrolments:
        enrolment.session, enrolment.employee = session, employees[enrolment.employee_id]
        status = _finish_one(
            enrolment,
            present=present.get(enrolment.pk, 0),
            day_count=len(days),
            min_percent=program.attendance_min_percent,
            actor=actor,
            now=now,
        )
        counts[status] += 1
    return FinishResult(
        completed=counts[EnrolmentStatus.COMPLETED],
        incomplete=counts[EnrolmentStatus.INCOMPLETE],
        no_show=counts[EnrolmentStatus.NO_SHOW],
    )


def _jp_credit(enrolment: Enrolment) -> JpLedgerEntry:
    # Imported here: the ledger's services read enrolments and may import this module.
    from .ledger import jp_credit_enrolment

    return jp_credit_enrolment(enrolment=enrolment)


@transaction.atomic
def session_finish(*, session: TrainingSession, actor) -> FinishResult:
    """End of a session on the roster, in one transaction: every confirmed participant
    finished by the attendance rule, the requests that never got a seat cancelled (without
    an email: the session they waited for is over), then the session closed (if still
    open) and completed."""
    from .programs import session_transition

    result = session_enrolments_finish(session=session, actor=actor)
    # Requests still pending, approved or waiting have no session left to wait for.
    leftovers = Enrolment.objects.select_for_update().filter(
        session=session,
        status__in=[EnrolmentStatus.PENDING_APPROVAL, EnrolmentStatus.APPROVED, EnrolmentStatus.WAITLISTED],
    )
    for enrolment in leftovers.order_by("id"):
        _apply(enrolment, action=EnrolmentAction.CANCEL, actor=actor, note=_("The session is over."))
    session.refresh_from_db(fields=["status"])
    if session.status == SessionStatus.OPEN:
        session_transition(session=session, action=SessionAction.CLOSE, actor=actor)
    session_transition(session=session, action=SessionAction.COMPLETE, actor=actor)
    return result
