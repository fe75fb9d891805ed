"""Races for seats that only a real database with row locks can decide (run on PostgreSQL)."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.utils import timezone

from penata.accounts.models import Role
from penata.accounts.tests.factories import UserFactory
from penata.core.models import AuditEvent
from penata.organization.tests.factories import AgencyFactory
from penata.training.models import Enrolment, EnrolmentStatus, TrainingSession
from penata.training.services.enrolment import enrolment_confirm, enrolment_request, enrolment_withdraw
from penata.workforce.tests.factories import EmployeeFactory
from penata.workforce.tests.test_concurrency import run_at_once

from .factories import EnrolmentFactory, TrainingSessionFactory

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks"),
]

S = EnrolmentStatus


@pytest.fixture
def manager(db):
    return UserFactory(username="bpsdm", role=Role.TRAINING_MANAGER, agency=AgencyFactory(code="BPSDM"))


def last_seat_session(capacity: int = 2) -> TrainingSession:
    """A session a month ahead (seats are confirmed and given up before it starts) with
    every seat but one taken."""
    session = TrainingSessionFactory(
        code="PLT-RACE", capacity=capacity, start_date=timezone.localdate() + timedelta(days=30)
    )
    for _ in range(capacity - 1):
        EnrolmentFactory(session=session, status=S.CONFIRMED)
    TrainingSession.objects.filter(pk=session.pk).update(seats_taken=capacity - 1)
    return session


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_confirmations_for_the_last_seat_one_gets_it_the_other_waits(manager):
    session = last_seat_session()
    racers = [EnrolmentFactory(session=session, status=S.APPROVED) for _ in range(2)]

    outcomes = run_at_once(
        *(
            lambda enrolment=enrolment: enrolment_confirm(enrolment=enrolment, actor=manager)
            for enrolment in racers
        )
    )

    assert [type(o) for o in outcomes] == [Enrolment, Enrolment]
    statuses = sorted(
        Enrolment.objects.filter(pk__in=[e.pk for e in racers]).values_list("status", flat=True)
    )
    assert statuses == [S.CONFIRMED, S.WAITLISTED]
    session.refresh_from_db()
    assert session.seats_taken == session.capacity == 2
    assert Enrolment.objects.filter(session=session, status=S.CONFIRMED).count() == 2
    winner = Enrolment.objects.get(pk__in=[e.pk for e in racers], status=S.CONFIRMED)
    loser = Enrolment.objects.get(pk__in=[e.pk for e in racers], status=S.WAITLISTED)
    assert loser.waitlisted_at is not None
    assert sorted(
        AuditEvent.objects.filter(
            action__in=["training.enrolment.confirm", "training.enrolment.waitlist"]
        ).values_list("action", "subject_id")
    ) == [("training.enrolment.confirm", str(winner.pk)), ("training.enrolment.waitlist", str(loser.pk))]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_withdrawal_and_a_confirmation_at_once_never_exceed_capacity(manager):
    session = last_seat_session()
    holder = Enrolment.objects.get(session=session, status=S.CONFIRMED)
    # Take the last seat first: the session is full, one on the waiting list.
    first = EnrolmentFactory(session=session, status=S.APPROVED)
    enrolment_confirm(enrolment=first, actor=manager)
    waiting = EnrolmentFactory(session=session, status=S.APPROVED)
    enrolment_confirm(enrolment=waiting, actor=manager)
    late = EnrolmentFactory(session=session, status=S.APPROVED)

    outcomes = run_at_once(
        lambda: enrolment_withdraw(enrolment=holder, actor=manager),
        lambda: enrolment_confirm(enrolment=late, actor=manager),
    )

    assert [type(o) for o in outcomes] == [Enrolment, Enrolment]
    session.refresh_from_db()
    assert session.seats_taken == session.capacity == 2
    assert Enrolment.objects.filter(session=session, status=S.CONFIRMED).count() == 2
    # Whichever ran first, the freed seat went to the one already waiting, and the late
    # confirmation found the session full again (or joined the list behind them).
    waiting.refresh_from_db()
    assert waiting.status == S.CONFIRMED
    late.refresh_from_db()
    assert late.status == S.WAITLISTED


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_requests_of_one_person_for_overlapping_sessions_at_once_one_passes(manager):
    first = TrainingSessionFactory(code="PLT-A", start_date=date(2026, 3, 2), end_date=date(2026, 3, 4))
    second = TrainingSessionFactory(code="PLT-B", start_date=date(2026, 3, 3), end_date=date(2026, 3, 5))
    employee = EmployeeFactory()

    outcomes = run_at_once(
        *(
            lambda session=session: enrolment_request(session=session, employee=employee, actor=manager)
            for session in (first, second)
        )
    )

    assert sorted(type(o).__name__ for o in outcomes) == ["Enrolment", "OverlappingSession"]
    assert Enrolment.objects.filter(employee=employee).count() == 1
