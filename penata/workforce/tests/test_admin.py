from datetime import date

import pytest
from django.urls import reverse

from penata.accounts.models import Role
from penata.core.models import AuditEvent
from penata.organization.tests.factories import rank
from penata.workforce.models import Employee, PositionHistory
from penata.workforce.tests.factories import EmployeeFactory

NIP = "199003152015032001"


@pytest.fixture
def admin_client(client, make_user, agency_a):
    client.force_login(
        make_user(Role.PROVINCE_ADMIN, agency_a, username="root", is_staff=True, is_superuser=True)
    )
    return client


def employee_form(position, **overrides) -> dict:
    data = {
        "nip": NIP,
        "employment_type": "pns",
        "full_name": "Nurul Fadilah, S.Kom.",
        "sex": "F",
        "birth_date": "1990-03-15",
        "birth_place": "Ternate",
        "rank": rank("III/a").pk,
        "education_level": "s1",
        "education_field": "Teknik Informatika",
        "agency": position.agency_id,
        "position": position.pk,
        "position_start_date": "2015-03-01",
        "status": "active",
        "phone": "081234567890",
        "email": "",
        "home_regency": "Kota Ternate",
        "interest_note": "",
        "history-TOTAL_FORMS": "0",
        "history-INITIAL_FORMS": "0",
    }
    return {**data, **overrides}


def test_adding_an_employee_writes_the_appointment_row(admin_client, position_a):
    response = admin_client.post(reverse("admin:workforce_employee_add"), employee_form(position_a))
    assert response.status_code == 302
    employee = Employee.objects.get(nip=NIP)
    row = PositionHistory.objects.get(employee=employee)
    assert (row.kind, row.position, row.start_date, row.actor.username) == (
        "appointment",
        position_a,
        date(2015, 3, 1),
        "root",
    )
    assert AuditEvent.objects.filter(action="employee.created", subject_id=str(employee.pk)).count() == 1


def test_a_nip_that_disagrees_with_the_birth_date_is_refused(admin_client, position_a):
    response = admin_client.post(
        reverse("admin:workforce_employee_add"), employee_form(position_a, birth_date="1991-03-15")
    )
    assert response.status_code == 200
    assert "Tanggal lahir tidak sesuai dengan NIP (15-03-1990)." in response.content.decode()
    assert (Employee.objects.count(), PositionHistory.objects.count(), AuditEvent.objects.count()) == (
        0,
        0,
        0,
    )


def test_an_edit_cannot_move_the_employee(admin_client, position_a, position_b):
    employee = EmployeeFactory(position=position_a, phone="0811")
    url = reverse("admin:workforce_employee_change", args=[employee.pk])
    page = admin_client.get(url).content.decode()
    assert 'name="position"' not in page
    data = employee_form(position_b, nip=employee.nip, phone="0812999", history_TOTAL_FORMS="0")
    data.update(
        {
            "full_name": employee.full_name,
            "sex": employee.sex,
            "birth_date": employee.birth_date.isoformat(),
            "education_field": employee.education_field,
        }
    )
    response = admin_client.post(url, data)
    assert response.status_code == 302
    employee.refresh_from_db()
    assert (employee.phone, employee.position, employee.agency) == ("0812999", position_a, position_a.agency)
    event = AuditEvent.objects.get(action="employee.updated")
    assert event.to_state == {
        "birth_place": "Ternate",
        "home_regency": "Kota Ternate",
        "phone": "0812999",
    }
    assert PositionHistory.objects.filter(employee=employee).count() == 0


def test_position_history_is_append_only(admin_client, position_a):
    response = admin_client.post(reverse("admin:workforce_employee_add"), employee_form(position_a))
    assert response.status_code == 302
    row = PositionHistory.objects.get()
    assert admin_client.get(reverse("admin:workforce_positionhistory_add")).status_code == 403
    response = admin_client.post(
        reverse("admin:workforce_positionhistory_delete", args=[row.pk]), {"post": "yes"}
    )
    assert response.status_code == 403
    assert PositionHistory.objects.count() == 1
