from datetime import date

import pytest
from django.urls import reverse

from penata.accounts.models import Role
from penata.core.events import event_record
from penata.core.models import AuditEvent
from penata.organization.tests.factories import PublicServiceFactory
from penata.workforce.models import PositionHistory
from penata.workforce.tests.factories import EmployeeFactory


@pytest.fixture
def superuser(make_user, agency_a):
    return make_user(Role.PROVINCE_ADMIN, agency_a, username="root", is_staff=True, is_superuser=True)


@pytest.fixture
def admin_client(client, superuser):
    client.force_login(superuser)
    return client


@pytest.fixture
def some_data(agency_a, position_a, position_b, superuser):
    for number in range(4):
        position = [position_a, position_a, position_b, None][number]
        employee = EmployeeFactory(position=position) if position else EmployeeFactory(agency=agency_a)
        event_record(subject=employee, action="employee.created", actor=superuser)
        PositionHistory.objects.create(
            employee=employee,
            kind="appointment",
            position=position,
            agency=employee.agency,
            rank=employee.rank,
            start_date=date(2020, 1, 2),
            actor=superuser,
        )
    for agency in (agency_a, position_b.agency):
        PublicServiceFactory(agency=agency)


# Exact counts with several rows per table: a per-row query would show up here.
@pytest.mark.parametrize(
    ("name", "queries"),
    [
        ("core_auditevent", 8),
        ("accounts_user", 5),
        ("organization_agency", 5),
        ("organization_unit", 5),
        ("organization_position", 5),
        ("organization_rank", 5),
        ("organization_publicservice", 6),
        ("workforce_employee", 5),
        ("workforce_positionhistory", 6),
    ],
)
def test_every_changelist_loads_in_a_fixed_number_of_queries(
    admin_client, some_data, name, queries, django_assert_num_queries
):
    with django_assert_num_queries(queries):
        response = admin_client.get(reverse(f"admin:{name}_changelist"))
    assert response.status_code == 200


def test_audit_events_are_read_only(admin_client, some_data):
    event = AuditEvent.objects.order_by("pk").first()
    count = AuditEvent.objects.count()
    assert admin_client.get(reverse("admin:core_auditevent_add")).status_code == 403
    response = admin_client.post(reverse("admin:core_auditevent_change", args=[event.pk]), {"action": "x"})
    assert response.status_code == 403
    response = admin_client.post(reverse("admin:core_auditevent_delete", args=[event.pk]), {"post": "yes"})
    assert response.status_code == 403
    assert admin_client.get(reverse("admin:core_auditevent_change", args=[event.pk])).status_code == 200
    event.refresh_from_db()
    assert (event.action, AuditEvent.objects.count()) == ("employee.created", count)


def test_a_non_staff_user_cannot_open_the_admin(client, make_user, agency_a):
    client.force_login(make_user(Role.PROVINCE_ADMIN, agency_a, username="notstaff"))
    response = client.get(reverse("admin:core_auditevent_changelist"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
