import pytest

from penata.accounts.models import Role
from penata.accounts.scoping import can_manage_agency, filter_by_scope, scope_of
from penata.organization.tests.factories import AgencyFactory
from penata.workforce.models import Employee
from penata.workforce.tests.factories import EmployeeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(agency_a, agency_b):
    hospital = AgencyFactory(code="RSUD-A", parent=agency_a, kind="rsud")
    return {
        "a": EmployeeFactory(agency=agency_a),
        "hospital": EmployeeFactory(agency=hospital),
        "b": EmployeeFactory(agency=agency_b),
    }


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        (Role.PROVINCE_ADMIN, {"a", "hospital", "b"}),
        (Role.LEADER, {"a", "hospital", "b"}),
        (Role.TRAINING_MANAGER, {"a", "hospital", "b"}),
        (Role.COMPLAINT_VERIFIER, {"a", "hospital", "b"}),
        (Role.AGENCY_ADMIN, {"a", "hospital"}),
        (Role.COMPLAINT_OFFICER, {"a", "hospital"}),
        (Role.EMPLOYEE, {"a"}),
        (Role.CITIZEN, set()),
    ],
)
def test_scope_per_role(make_user, agency_a, staff, role, expected):
    user = make_user(role, None if role == Role.CITIZEN else agency_a)
    if role == Role.EMPLOYEE:
        user.employee = staff["a"]
        user.save()
    visible = set(filter_by_scope(Employee.objects.all(), user=user, employee_field="pk"))
    assert visible == {staff[k] for k in expected}


def test_inactive_and_anonymous_see_nothing(make_user, agency_a, staff):
    from django.contrib.auth.models import AnonymousUser

    user = make_user(Role.PROVINCE_ADMIN, agency_a, is_active=False)
    assert scope_of(user).is_empty
    assert scope_of(AnonymousUser()).is_empty


def test_can_manage_agency(make_user, agency_a, agency_b):
    assert can_manage_agency(make_user(Role.PROVINCE_ADMIN, agency_b), agency_a.pk) is True
    assert can_manage_agency(make_user(Role.AGENCY_ADMIN, agency_a), agency_a.pk) is True
    assert can_manage_agency(make_user(Role.AGENCY_ADMIN, agency_b), agency_a.pk) is False
    assert can_manage_agency(make_user(Role.LEADER, agency_a), agency_a.pk) is False
