"""Reads of enrolment: an employee's own enrolments, the agency's pending requests, a
session's roster and attendance, and what the session page's enrolment panel shows."""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, F, Q, QuerySet, Window
from django.db.models.functions import RowNumber

from penata.accounts.models import Role
from penata.accounts.scoping import filter_by_scope, scope_of
from penata.workforce.models import Employee, EmployeeStatus

from .models import (
    ACTIVE_ENROLMENT_STATUSES,
    Attendance,
    Enrolment,
    EnrolmentStatus,
    SessionDay,
    SessionStatus,
    TrainingSession,
)
from .permissions import is_training_manager


def enrolments_visible_to(*, user) -> QuerySet[Enrolment]:
    """Enrolments of the employees the user sees: their own (employee), their agency's
    (agency administrator), every one (province-wide roles)."""
    return filter_by_scope(
        Enrolment.objects.all(), user=user, agency_field="employee__agency", employee_field="employee"
    )


def enrolments_actionable_by(*, user) -> QuerySet[Enrolment]:
    """Enrolments the user may act on (withdraw, approve, confirm, ...): their own, their
    agencies' as an agency administrator, every one as a training manager. Roles that only
    read (leader, complaint verifier) act on none but their own, so an action on any other
    enrolment is a 404 rather than a refusal that confirms it exists."""
    if not user.is_authenticated or not user.is_active:
        return Enrolment.objects.none()
    if is_training_manager(user):
        return Enrolment.objects.all()
    condition = Q(pk__in=[])
    if user.employee_id:
        condition |= Q(employee_id=user.employee_id)
    if user.role == Role.AGENCY_ADMIN:
        agency_ids = scope_of(user).agency_ids
        if agency_ids:
            condition |= Q(employee__agency__in=agency_ids)
    return Enrolment.objects.filter(condition)


def enrolments_of_employee(*, employee_id: int) -> QuerySet[Enrolment]:
    return (
        Enrolment.objects.filter(employee_id=employee_id)
        .select_related("session__program", "session__organizer")
        .order_by("-session__start_date", "-id")
    )


def enrolments_pending_for(*, user) -> QuerySet[Enrolment]:
    """Requests waiting for the agency's decision, of the employees the user manages: an
    agency administrator's own agency (and its sub-agencies); every agency for a training
    manager. Oldest first."""
    if not user.is_authenticated:
        return Enrolment.objects.none()
    if not (is_training_manager(user) or user.role == Role.AGENCY_ADMIN):
        return Enrolment.objects.none()
    pending = enrolments_visible_to(user=user).filter(status=EnrolmentStatus.PENDING_APPROVAL)
    if not is_training_manager(user) and user.employee_id is not None:
        # Nobody decides on their own request (services/enrolment.py refuses it).
        pending = pending.exclude(employee_id=user.employee_id)
    return pending.select_related("employee__agency", "employee__position", "session__program").order_by(
        "created_at", "id"
    )


def employee_for_nomination(*, user, nip: str) -> Employee | None:
    """The active employee with this NIP whom the user may nominate, or None."""
    employees = filter_by_scope(Employee.objects.all(), user=user, agency_field="agency")
    if not scope_of(user).sees_agencies:
        return None
    if not is_training_manager(user) and user.employee_id is not None:
        employees = employees.exclude(pk=user.employee_id)  # nobody nominates themself
    return employees.filter(nip=nip.strip()).select_related("agency").first()


def sessions_open_for_enrolment() -> QuerySet[TrainingSession]:
    return (
        TrainingSession.objects.filter(status=SessionStatus.OPEN)
        .select_related("program")
        .order_by("start_date", "code")
    )


def waitlist_positions(*, session_id: int) -> dict[int, int]:
    """Enrolment id → place on the session's waiting list (1 = next to get a seat)."""
    ids = (
        Enrolment.objects.filter(session_id=session_id, status=EnrolmentStatus.WAITLISTED)
        .order_by("waitlisted_at", "id")
        .values_list("pk", flat=True)
    )
    return {pk: place for place, pk in enumerate(ids, start=1)}


def waitlist_positions_of_employee(*, employee_id: int) -> dict[int, int]:
    """Enrolment id → place on its session's waiting list (1 = next to get a seat), for
    every waitlisted enrolment of the employee: one query, whatever the number of sessions."""
    sessions = Enrolment.objects.filter(employee_id=employee_id, status=EnrolmentStatus.WAITLISTED).values(
        "session_id"
    )
    rows = (
        Enrolment.objects.filter(status=EnrolmentStatus.WAITLISTED, session_id__in=sessions)
        .annotate(
            place=Window(
                RowNumber(),
                partition_by=[F("session_id")],
                order_by=[F("waitlisted_at").asc(), F("id").asc()],
            )
        )
        .values_list("pk", "employee_id", "place")
        .order_by()
    )
    return {pk: place for pk, employee, place in rows if employee == employee_id}


# --- the session page's panel ------------------------------------------------------------------


@dataclass
class EnrolmentPanel:
    session: TrainingSession
    employee: Employee | None = None
    current: Enrolment | None = None
    waitlist_position: int | None = None
    may_request: bool = False
    not_active: bool = False
    is_manager: bool = False
    may_nominate: bool = False
    counts: dict = field(default_factory=dict)

    @property
    def is_open(self) -> bool:
        return self.session.status == SessionStatus.OPEN

    @property
    def is_full(self) -> bool:
        return self.session.seats_taken >= self.session.capacity

    @property
    def may_withdraw(self) -> bool:
        return self.current is not None and self.current.status in ACTIVE_ENROLMENT_STATUSES


def enrolment_panel(*, user, session: TrainingSession) -> EnrolmentPanel:
    panel = EnrolmentPanel(session=session)
    if not user.is_authenticated:
        return panel
    if user.employee_id:
        employee = Employee.objects.filter(pk=user.employee_id).first()
        panel.employee = employee
        if employee is not None:
            mine = Enrolment.objects.filter(session=session, employee=employee)
            panel.current = mine.order_by("-created_at", "-id").first()
            if panel.current is not None and panel.current.status == EnrolmentStatus.WAITLISTED:
                panel.waitlist_position = waitlist_positions(session_id=session.pk).get(panel.current.pk)
            panel.not_active = employee.status != EmployeeStatus.ACTIVE
            active = panel.current is not None and panel.current.status in (
                *ACTIVE_ENROLMENT_STATUSES,
                EnrolmentStatus.COMPLETED,
                EnrolmentStatus.INCOMPLETE,
                EnrolmentStatus.NO_SHOW,
            )
            panel.may_request = panel.is_open and not panel.not_active and not active
    panel.is_manager = is_training_manager(user)
    panel.may_nominate = panel.is_open and (panel.is_manager or user.role == Role.AGENCY_ADMIN)
    if panel.is_manager:
        panel.counts = session_status_counts(session_id=session.pk)
    return panel


def session_status_counts(*, session_id: int) -> dict[str, int]:
    rows = (
        Enrolment.objects.filter(session_id=session_id)
        .values("status")
        .annotate(count=Count("id"))
        .order_by()
    )
    counts = dict.fromkeys(EnrolmentStatus.values, 0)
    counts.update({row["status"]: row["count"] for row in rows})
    return counts


# --- the roster -----------------------------------------------------------------------------------


@dataclass
class Roster:
    session: TrainingSession
    days: list[SessionDay]
    pending: list[Enrolment]
    approved: list[Enrolment]
    confirmed: list[Enrolment]
    waitlisted: list[Enrolment]
    finished: list[Enrolment]
    others: list[Enrolment]
    # (enrolment id, date) → present
    attendance: dict[tuple[int, date], bool]

    @property
    def day_dates(self) -> list[date]:
        return [day.date for day in self.days]

    def present_days(self, enrolment_id: int) -> int:
        return sum(1 for day in self.days if self.attendance.get((enrolment_id, day.date)) is True)


def session_roster(*, session: TrainingSession) -> Roster:
    """Everyone enrolled in the session, grouped by status (the waiting list in its
    order), with the session's days and the attendance recorded: three queries."""
    days = list(SessionDay.objects.filter(session=session).order_by("date"))
    enrolments = list(
        Enrolment.objects.filter(session=session)
        .select_related("employee__agency", "requested_by")
        .order_by("employee__full_name", "id")
    )
    attendance = {
        (row.enrolment_id, row.date): row.present
        for row in Attendance.objects.filter(enrolment__session=session).only(
            "enrolment_id", "date", "present"
        )
    }
    day_dates = [day.date for day in days]
    groups: dict[str, list[Enrolment]] = {status: [] for status in EnrolmentStatus.values}
    for enrolment in enrolments:
        groups[enrolment.status].append(enrolment)
        enrolment.present_days = sum(1 for d in day_dates if attendance.get((enrolment.pk, d)) is True)
    waitlisted = sorted(groups[EnrolmentStatus.WAITLISTED], key=lambda e: (e.waitlisted_at, e.pk))
    for place, enrolment in enumerate(waitlisted, start=1):
        enrolment.waitlist_position = place
    finished = [
        e
        for e in enrolments
        if e.status in (EnrolmentStatus.COMPLETED, EnrolmentStatus.INCOMPLETE, EnrolmentStatus.NO_SHOW)
    ]
    others = [
        e
        for e in enrolments
        if e.status in (EnrolmentStatus.REJECTED, EnrolmentStatus.WITHDRAWN, EnrolmentStatus.CANCELLED)
    ]
    return Roster(
        session=session,
        days=days,
        pending=groups[EnrolmentStatus.PENDING_APPROVAL],
        approved=sorted(groups[EnrolmentStatus.APPROVED], key=lambda e: (e.updated_at, e.pk)),
        confirmed=groups[EnrolmentStatus.CONFIRMED],
        waitlisted=waitlisted,
        finished=finished,
        others=others,
        attendance=attendance,
    )


def session_for_roster(*, code: str) -> TrainingSession | None:
    return TrainingSession.objects.filter(code=code).select_related("program", "organizer").first()
