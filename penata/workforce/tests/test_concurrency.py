"""Races that only a real database with row locks can decide (run on PostgreSQL)."""

import threading
from datetime import date

import pytest
from django.db import connection

from penata.core.models import AuditEvent
from penata.organization.selectors import position_list_with_vacancies
from penata.organization.tests.factories import PositionFactory, UnitFactory
from penata.workforce.models import PositionChangeKind, PositionHistory
from penata.workforce.services import PositionFull, employee_transfer
from penata.workforce.tests.factories import EmployeeFactory

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks"),
]


def run_at_once(*calls):
    """Start each call in its own thread and connection, released together by a barrier."""
    barrier = threading.Barrier(len(calls), timeout=30)
    outcomes: list = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait()
            outcomes[index] = call()
        except Exception as exc:
            outcomes[index] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert [thread.is_alive() for thread in threads] == [False] * len(calls)
    return outcomes


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_transfers_racing_for_the_last_seat_one_wins(agency_a):
    unit = UnitFactory(agency=agency_a)
    target = PositionFactory(unit=unit, headcount_needed=2)
    EmployeeFactory(position=target)
    movers = [EmployeeFactory(position=PositionFactory(unit=unit)) for _ in range(2)]
    held_before = {employee.pk: employee.position_id for employee in movers}

    outcomes = run_at_once(
        *(
            lambda employee=employee: employee_transfer(
                employee=employee, position=target, start_date=date(2026, 3, 2)
            )
            for employee in movers
        )
    )

    winners = [o for o in outcomes if not isinstance(o, Exception)]
    losers = [o for o in outcomes if isinstance(o, Exception)]
    assert len(winners) == 1
    assert [type(o) for o in losers] == [PositionFull]
    winner = winners[0]
    loser = movers[1] if winner.pk == movers[0].pk else movers[0]
    assert position_list_with_vacancies().get(pk=target.pk).filled == target.headcount_needed == 2
    assert list(
        PositionHistory.objects.filter(kind=PositionChangeKind.TRANSFER).values_list(
            "employee_id", "position_id"
        )
    ) == [(winner.pk, target.pk)]
    assert list(
        AuditEvent.objects.filter(action="employee.transfer").values_list("subject_id", flat=True)
    ) == [str(winner.pk)]
    loser.refresh_from_db()
    assert loser.position_id == held_before[loser.pk]
