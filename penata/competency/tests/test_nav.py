import pytest
from django.test import RequestFactory

from penata.accounts.models import Role
from penata.competency.context_processors import competency_nav
from penata.workforce.tests.factories import EmployeeFactory

pytestmark = pytest.mark.django_db

EXPECTED = {
    Role.PROVINCE_ADMIN: [
        "competency:dictionary",
        "competency:standards",
        "competency:gap_map",
        "competency:talent_grid",
    ],
    Role.AGENCY_ADMIN: [
        "competency:dictionary",
        "competency:standards",
        "competency:gap_map",
        "competency:talent_grid",
    ],
    Role.LEADER: ["competency:dictionary", "competency:gap_map", "competency:talent_grid"],
    Role.TRAINING_MANAGER: ["competency:dictionary", "competency:gap_map"],
    Role.COMPLAINT_VERIFIER: ["competency:dictionary"],
    Role.COMPLAINT_OFFICER: ["competency:dictionary"],
    Role.CITIZEN: [],
}


@pytest.mark.parametrize(("role", "expected"), EXPECTED.items())
def test_menu_follows_the_page_rules(make_user, agency_a, role, expected):
    request = RequestFactory().get("/")
    request.user = make_user(role, agency_a)
    assert [name for name, _label, _id in competency_nav(request)["competency_nav"]] == expected


def test_employee_sees_own_competencies_and_the_dictionary(make_user, agency_a, position_a, client):
    user = make_user(Role.EMPLOYEE, agency_a, employee=EmployeeFactory(position=position_a))
    client.force_login(user)
    html = client.get("/").content.decode()
    assert 'data-testid="nav-my-competencies"' in html
    assert 'data-testid="nav-dictionary"' in html
    assert 'data-testid="nav-talent"' not in html
