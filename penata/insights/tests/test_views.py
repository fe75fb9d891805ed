from datetime import date

import pytest
from django.urls import reverse

from penata.accounts.models import Role
from penata.organization.tests.factories import PositionFactory, PublicServiceFactory, UnitFactory, rank
from penata.workforce.models import PlacementInterest, PositionHistory
from penata.workforce.tests.factories import EmployeeFactory

HOME = reverse("insights:home")


@pytest.fixture
def province(agency_a, agency_b, position_a, position_b):
    """Two agencies, one 2-seat position each, four employees.

    agency A: two holders of position A (active, on leave) → full;
    agency B: one active holder of position B (one seat open), one retired PPPK.
    """
    holder_1 = EmployeeFactory(position=position_a, full_name="Ani Lestari")
    holder_2 = EmployeeFactory(position=position_a, status="on_leave", full_name="Budi Santoso")
    holder_3 = EmployeeFactory(position=position_b, full_name="Citra Dewi")
    retired = EmployeeFactory(
        agency=agency_b,
        employment_type="pppk",
        rank=rank("PPPK-V"),
        status="retired",
        full_name="Dedi Pensiun",
    )
    return {"a": [holder_1, holder_2], "b": [holder_3, retired]}


def _summary_numbers(response) -> dict:
    summary = response.context["summary"]
    return {
        "agencies": summary["agencies"],
        "positions": summary["positions"],
        "headcount": summary["headcount"],
        "filled": summary["filled"],
        "vacancies": summary["vacancies"],
        "employees": summary["employees"],
        "by_status": {row["value"]: row["count"] for row in summary["by_status"]},
        "by_type": {row["value"]: row["count"] for row in summary["by_type"]},
    }


PROVINCE_NUMBERS = {
    "agencies": 2,
    "positions": 2,
    "headcount": 4,
    "filled": 3,
    "vacancies": 1,
    "employees": 4,
    "by_status": {"active": 2, "on_leave": 1, "retired": 1},
    "by_type": {"pns": 3, "pppk": 1},
}


def test_anonymous_is_sent_to_sign_in(client):
    response = client.get(HOME)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('accounts:login')}?next=/"


def test_province_admin_home_counts_the_whole_province(client, province, province_admin):
    client.force_login(province_admin)
    response = client.get(HOME)
    assert response.status_code == 200
    assert response.context["home_kind"] == "province_admin"
    assert _summary_numbers(response) == PROVINCE_NUMBERS
    assert response.context["top_agencies"] == [
        {"agency__code": "DINB", "agency__name": "Dinas B", "vacancies": 1, "open_positions": 1}
    ]
    html = response.content.decode()
    assert 'data-testid="stat-employees">4<' in html
    assert 'data-testid="stat-vacancies">1<' in html
    assert 'data-testid="admin-links"' in html
    assert '<html lang="id">' in html


def test_province_admin_home_query_count_is_fixed(
    client, province, province_admin, django_assert_num_queries
):
    client.force_login(province_admin)
    # session, user, employees, agencies, seats, top agencies, the user's agency
    with django_assert_num_queries(7):
        client.get(HOME)
    for _ in range(5):
        EmployeeFactory(position=PositionFactory(unit=UnitFactory()))
    with django_assert_num_queries(7):
        client.get(HOME)


def test_leader_home_is_a_read_only_province_summary(client, province, make_user, agency_a):
    client.force_login(make_user(Role.LEADER, agency_a))
    response = client.get(HOME)
    assert response.context["home_kind"] == "leader"
    assert _summary_numbers(response) == PROVINCE_NUMBERS
    html = response.content.decode()
    assert 'data-testid="read-only-note"' in html
    assert 'data-testid="admin-links"' not in html


def test_agency_admin_home_counts_only_their_agency(client, province, agency_admin_a, agency_a, agency_b):
    holder_a, _ = province["a"]
    holder_b, _ = province["b"]
    PositionHistory.objects.create(
        employee=holder_a,
        kind="appointment",
        position=holder_a.position,
        agency=agency_a,
        rank=holder_a.rank,
        start_date=date(2024, 1, 2),
    )
    PositionHistory.objects.create(
        employee=holder_b,
        kind="appointment",
        position=holder_b.position,
        agency=agency_b,
        rank=holder_b.rank,
        start_date=date(2024, 1, 2),
    )
    client.force_login(agency_admin_a)
    response = client.get(HOME)
    assert response.context["home_kind"] == "agency_admin"
    assert _summary_numbers(response) == {
        "agencies": 1,
        "positions": 1,
        "headcount": 2,
        "filled": 2,
        "vacancies": 0,
        "employees": 2,
        "by_status": {"active": 1, "on_leave": 1, "retired": 0},
        "by_type": {"pns": 2, "pppk": 0},
    }
    assert response.context["vacant_positions"] == []
    assert [row.employee.full_name for row in response.context["recent_changes"]] == ["Ani Lestari"]
    html = response.content.decode()
    assert "Ani Lestari" in html
    assert "Citra Dewi" not in html
    assert "2 Januari 2024" in html


@pytest.mark.parametrize(
    ("role", "employees"),
    [(Role.TRAINING_MANAGER, 4), (Role.COMPLAINT_VERIFIER, 4), (Role.COMPLAINT_OFFICER, 2)],
)
def test_other_staff_see_their_workforce_numbers_and_upcoming_modules(
    client, province, make_user, agency_a, role, employees
):
    client.force_login(make_user(role, agency_a))
    response = client.get(HOME)
    assert response.context["home_kind"] == role
    assert response.context["summary"]["employees"] == employees
    html = response.content.decode()
    assert 'data-testid="upcoming-modules"' in html
    assert f'data-testid="stat-employees">{employees}<' in html


def test_employee_home_shows_own_profile_summary(client, province, make_user, agency_a):
    me = province["a"][0]
    PlacementInterest.objects.create(employee=me, preference=1, field="Statistik")
    PositionHistory.objects.create(
        employee=me,
        kind="appointment",
        position=me.position,
        agency=agency_a,
        rank=me.rank,
        start_date=date(2022, 1, 3),
    )
    client.force_login(make_user(Role.EMPLOYEE, agency_a, employee=me))
    response = client.get(HOME)
    assert response.context["home_kind"] == "employee"
    assert response.context["employee"] == me
    html = response.content.decode()
    assert f'data-testid="own-nip">{me.nip_display}<' in html
    assert me.position.title in html
    assert "III/a Penata Muda" in html
    assert "Statistik" in html
    assert "3 Januari 2022" in html
    assert reverse("workforce:employee_interests", kwargs={"nip": me.nip}) in html
    assert "Budi Santoso" not in html


def test_employee_without_record_is_told_so(client, make_user, agency_a):
    client.force_login(make_user(Role.EMPLOYEE, agency_a))
    response = client.get(HOME)
    assert response.context["employee"] is None
    assert 'data-testid="no-employee-record"' in response.content.decode()


def test_citizen_home_points_to_the_public_catalogue(client, make_user, agency_a, agency_b):
    PublicServiceFactory(agency=agency_a, fee=0)
    PublicServiceFactory(agency=agency_a, fee=15000)
    PublicServiceFactory(agency=agency_b, fee=0)
    PublicServiceFactory(agency=agency_b, is_active=False)
    client.force_login(make_user(Role.CITIZEN))
    response = client.get(HOME)
    assert response.context["home_kind"] == "citizen"
    assert response.context["public"] == {"services": 3, "agencies": 2, "free": 2}
    html = response.content.decode()
    assert reverse("organization:service_list") in html
    assert 'data-testid="nav-agencies"' not in html
