"""A small world for the enrolment tests: two agencies, their administrators, a training
manager, employees with accounts, and a three-day session (Mon 2 – Wed 4 March 2026) with
two seats, open for enrolment."""

from dataclasses import dataclass
from datetime import date, datetime, time

import pytest

from penata.accounts.models import Role
from penata.core.models import AuditEvent
from penata.core.workdays import WIT
from penata.training.models import Attendance, Enrolment, EnrolmentStatus, TrainingSession
from penata.workforce.tests.factories import EmployeeFactory

from .factories import ProgramFactory, TrainingSessionFactory


@dataclass
class World:
    agency_a: object
    agency_b: object
    manager: object
    province_admin: object
    leader: object
    admin_a: object
    admin_b: object
    ani: object  # employee of agency A, with an account
    ani_user: object
    budi: object  # employee of agency A, with an account
    budi_user: object
    citra: object  # employee of agency B, with an account
    citra_user: object
    session: TrainingSession


@pytest.fixture(name="world")
def world_fixture(agency_a, agency_b, make_user) -> World:
    ani = EmployeeFactory(agency=agency_a, full_name="Ani Lestari", email="ani@dinas-a.test")
    budi = EmployeeFactory(agency=agency_a, full_name="Budi Santoso")
    citra = EmployeeFactory(agency=agency_b, full_name="Citra Dewi", email="citra@dinas-b.test")
    program = ProgramFactory(code="PLT-DIG-01", title="Pelayanan Publik Digital", jp=24)
    session = TrainingSessionFactory(
        code="PLT-DIG-01-2026-01",
        program=program,
        start_date=date(2026, 3, 2),
        end_date=date(2026, 3, 4),
        capacity=2,
        organizer=agency_a,
    )
    return World(
        agency_a=agency_a,
        agency_b=agency_b,
        manager=make_user(Role.TRAINING_MANAGER, agency_a, username="bpsdm", email="bpsdm@prov.test"),
        province_admin=make_user(Role.PROVINCE_ADMIN, agency_a, username="prov"),
        leader=make_user(Role.LEADER, agency_a, username="sekda"),
        admin_a=make_user(Role.AGENCY_ADMIN, agency_a, username="admin_a"),
        admin_b=make_user(Role.AGENCY_ADMIN, agency_b, username="admin_b"),
        ani=ani,
        ani_user=make_user(Role.EMPLOYEE, agency_a, username="ani", employee=ani),
        budi=budi,
        budi_user=make_user(Role.EMPLOYEE, agency_a, username="budi", employee=budi, email="budi@akun.test"),
        citra=citra,
        citra_user=make_user(Role.EMPLOYEE, agency_b, username="citra", employee=citra),
        session=session,
    )


def at_wit(day: date, hour: int = 9, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=WIT)


def enrolment_events(action: str | None = None) -> list[tuple]:
    """(action, subject id, from status, to status) of the enrolment events, oldest first."""
    events = AuditEvent.objects.filter(subject_type="training.enrolment").order_by("id")
    if action is not None:
        events = events.filter(action=f"training.enrolment.{action}")
    return [
        (
            e.action.removeprefix("training.enrolment."),
            int(e.subject_id),
            (e.from_state or {}).get("status"),
            (e.to_state or {}).get("status"),
        )
        for e in events
    ]


def snapshot() -> dict:
    """What a refused call must leave untouched."""
    return {
        "enrolments": sorted(Enrolment.objects.values_list("id", "status", "waitlisted_at")),
        "events": AuditEvent.objects.count(),
        "attendance": sorted(Attendance.objects.values_list("id", "enrolment_id", "date", "present")),
        "seats": sorted(TrainingSession.objects.values_list("id", "seats_taken")),
    }


def confirmed_in(session: TrainingSession, employee, **kwargs) -> Enrolment:
    """A confirmed enrolment holding one of ``session``'s seats."""
    from .factories import EnrolmentFactory

    enrolment = EnrolmentFactory(
        session=session, employee=employee, status=EnrolmentStatus.CONFIRMED, **kwargs
    )
    TrainingSession.objects.filter(pk=session.pk).update(seats_taken=session.seats_taken + 1)
    session.refresh_from_db()
    return enrolment
