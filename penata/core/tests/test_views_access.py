"""Who may open which page: (page, role) → status, for every page and role."""

import pytest
from django.urls import reverse

from penata.accounts.models import Role
from penata.organization.tests.factories import PublicServiceFactory
from penata.workforce.tests.factories import EmployeeFactory

ROLES = [
    "anonymous",
    Role.CITIZEN,
    Role.EMPLOYEE,
    "agency_admin_b",
    Role.COMPLAINT_OFFICER,
    Role.LEADER,
    Role.TRAINING_MANAGER,
    Role.COMPLAINT_VERIFIER,
    Role.AGENCY_ADMIN,
    Role.PROVINCE_ADMIN,
]

# One column per role above: the employee is the record's own user; "agency_admin_b"
# administers another agency; the officer and the agency admin belong to agency A.
EXPECTED = {
    "home": [302, 200, 200, 200, 200, 200, 200, 200, 200, 200],
    "agency_list": [302, 403, 403, 200, 200, 200, 200, 200, 200, 200],
    "agency_detail": [302, 403, 403, 404, 200, 200, 200, 200, 200, 200],
    "position_list": [302, 403, 403, 200, 200, 200, 200, 200, 200, 200],
    "position_detail": [302, 403, 403, 404, 200, 200, 200, 200, 200, 200],
    "employee_list": [302, 403, 403, 200, 200, 200, 200, 200, 200, 200],
    "employee_detail": [302, 404, 200, 404, 200, 200, 200, 200, 200, 200],
    "employee_interests": [302, 404, 200, 404, 403, 403, 403, 403, 200, 200],
    "employee_transfer": [302, 404, 403, 404, 403, 403, 403, 403, 200, 200],
    "service_list": [200] * 10,
    "service_detail": [200] * 10,
}

CASES = [
    (page, role, status) for page, row in EXPECTED.items() for role, status in zip(ROLES, row, strict=True)
]


@pytest.fixture
def world(agency_a, agency_b, position_a, make_user):
    employee = EmployeeFactory(position=position_a)
    service = PublicServiceFactory(agency=agency_a)
    users = {
        Role.CITIZEN: make_user(Role.CITIZEN),
        Role.EMPLOYEE: make_user(Role.EMPLOYEE, agency_a, employee=employee),
        "agency_admin_b": make_user(Role.AGENCY_ADMIN, agency_b),
        Role.COMPLAINT_OFFICER: make_user(Role.COMPLAINT_OFFICER, agency_a),
        Role.LEADER: make_user(Role.LEADER, agency_a),
        Role.TRAINING_MANAGER: make_user(Role.TRAINING_MANAGER, agency_a),
        Role.COMPLAINT_VERIFIER: make_user(Role.COMPLAINT_VERIFIER, agency_a),
        Role.AGENCY_ADMIN: make_user(Role.AGENCY_ADMIN, agency_a),
        Role.PROVINCE_ADMIN: make_user(Role.PROVINCE_ADMIN, agency_b),
    }
    urls = {
        "home": reverse("insights:home"),
        "agency_list": reverse("organization:agency_list"),
        "agency_detail": reverse("organization:agency_detail", kwargs={"code": agency_a.code}),
        "position_list": reverse("organization:position_list"),
        "position_detail": reverse("organization:position_detail", kwargs={"pk": position_a.pk}),
        "employee_list": reverse("workforce:employee_list"),
        "employee_detail": reverse("workforce:employee_detail", kwargs={"nip": employee.nip}),
        "employee_interests": reverse("workforce:employee_interests", kwargs={"nip": employee.nip}),
        "employee_transfer": reverse("workforce:employee_transfer", kwargs={"nip": employee.nip}),
        "service_list": reverse("organization:service_list"),
        "service_detail": reverse("organization:service_detail", kwargs={"code": service.code}),
    }
    return {"users": users, "urls": urls}


@pytest.mark.parametrize(("page", "role", "status"), CASES)
def test_page_access(client, world, page, role, status):
    if role != "anonymous":
        client.force_login(world["users"][role])
    response = client.get(world["urls"][page])
    assert response.status_code == status
    if status == 302:
        assert response["Location"].startswith(reverse("accounts:login") + "?next=")
