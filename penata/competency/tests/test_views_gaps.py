import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from penata.accounts.models import Role
from penata.competency.models import Assessment, PositionStandard
from penata.competency.tests.test_gaps import assess, build_world, standard
from penata.core.models import AuditEvent
from penata.organization.tests.factories import PositionFactory, UnitFactory
from penata.workforce.tests.factories import EmployeeFactory

pytestmark = pytest.mark.django_db

MAP = reverse("competency:gap_map")
PEOPLE = reverse("competency:gap_people")
EXPORT = reverse("competency:gap_export")
PROVINCE = reverse("competency:gap_province")


@pytest.fixture(autouse=True)
def english(client, settings):
    """The assertions read the English source strings; pages default to Indonesian."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


@pytest.fixture
def world(agency_a, agency_b):
    return build_world(agency_a, agency_b)


@pytest.mark.parametrize(
    ("role", "url", "expected"),
    [
        (Role.PROVINCE_ADMIN, MAP, 200),
        (Role.PROVINCE_ADMIN, PROVINCE, 200),
        (Role.TRAINING_MANAGER, MAP, 200),
        (Role.TRAINING_MANAGER, PROVINCE, 200),
        (Role.LEADER, PROVINCE, 200),
        (Role.AGENCY_ADMIN, MAP, 200),
        (Role.AGENCY_ADMIN, PROVINCE, 403),
        (Role.COMPLAINT_OFFICER, MAP, 403),
        (Role.COMPLAINT_VERIFIER, PROVINCE, 403),
        (Role.EMPLOYEE, MAP, 403),
        (Role.EMPLOYEE, PROVINCE, 403),
        (Role.EMPLOYEE, EXPORT, 403),
        (Role.CITIZEN, MAP, 403),
        (Role.CITIZEN, f"{PEOPLE}?competency=M.01", 403),
    ],
)
def test_who_may_open_the_pages(client, make_user, world, agency_a, role, url, expected):
    client.force_login(make_user(role, None if role == Role.CITIZEN else agency_a))
    assert client.get(url).status_code == expected


def test_anonymous_is_sent_to_sign_in(client):
    response = client.get(MAP)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_agency_admin_sees_own_map_by_default_and_not_another_agency(client, world, agency_admin_a):
    client.force_login(agency_admin_a)
    response = client.get(MAP)
    assert response.status_code == 200
    assert response.context["agency"].code == "DINA"
    html = response.content.decode()
    assert html.count('data-testid="gap-row"') == 3
    assert 'data-share="66.7"' in html  # A-1 × M.01
    assert "Below standard: the level that counts" in html
    assert client.get(MAP, {"agency": "DINB"}).status_code == 404
    assert client.get(MAP, {"agency": "NOPE"}).status_code == 404
    assert client.get(EXPORT, {"agency": "DINB"}).status_code == 404
    assert client.get(PEOPLE, {"agency": "DINB", "competency": "M.01"}).status_code == 404


def test_province_admin_picks_any_agency(client, world, province_admin):
    client.force_login(province_admin)
    response = client.get(MAP, {"agency": "DINB", "sort": "worst"})
    assert response.status_code == 200
    gap_map = response.context["gap_map"]
    assert [(r.unit.code, r.cells[0].staff, r.cells[0].below) for r in gap_map.rows] == [("B-1", 1, 1)]
    assert [a.code for a in response.context["agencies"]] == ["DINA", "DINB"]


def test_bad_sort_is_a_400_naming_the_field(client, world, agency_admin_a):
    client.force_login(agency_admin_a)
    response = client.get(MAP, {"sort": "sideways"})
    assert response.status_code == 400
    assert "Order of units" in response.content.decode()


def test_cells_link_to_the_drill_down(client, world, agency_admin_a):
    client.force_login(agency_admin_a)
    response = client.get(MAP)
    first = response.context["rows"][1]
    assert first["cells"][0]["href"] == f"{PEOPLE}?agency=DINA&competency=M.01&unit=A-1"
    assert response.context["footer"][0]["href"] == f"{PEOPLE}?agency=DINA&competency=M.01"


@pytest.mark.parametrize("units", [3, 6])
def test_map_query_count_does_not_grow(client, agency_a, agency_admin_a, django_assert_num_queries, units):
    for n in range(units):
        position = PositionFactory(unit=UnitFactory(agency=agency_a))
        standard(position, M_01=2, M_04=3)
        for _ in range(3):
            assess(EmployeeFactory(position=position, agency=agency_a), "M.04", 1 + n % 4)
    client.force_login(agency_admin_a)
    # session, user, sub-agencies (scope), agencies for the picker, gap cells, staff counts,
    # competencies, unit tree
    with django_assert_num_queries(8):
        response = client.get(MAP)
    assert len(response.context["gap_map"].rows) == units


def test_drill_down_lists_exactly_the_people_below(client, world, agency_admin_a, django_assert_num_queries):
    client.force_login(agency_admin_a)
    # session, user, scope, agencies, competency, unit, count, page, N
    with django_assert_num_queries(9):
        response = client.get(PEOPLE, {"agency": "DINA", "unit": "A-1", "competency": "M.01"})
    assert response.status_code == 200
    rows = [(e.full_name, e.level, e.required_level) for e in response.context["page"].object_list]
    assert rows == [("Candra Wijaya", 1, 3), ("Bunga Citra", 2, 3)]
    assert response.context["staff"] == 3
    html = response.content.decode()
    assert reverse("workforce:employee_detail", kwargs={"nip": world["people"]["e3"].nip}) in html
    assert "Ahmad Fauzi" not in html

    whole = client.get(PEOPLE, {"competency": "M.01"})
    assert [e.full_name for e in whole.context["page"].object_list] == [
        "Candra Wijaya",
        "Eka Putri",
        "Bunga Citra",
    ]
    assert whole.context["staff"] == 6


def test_drill_down_bad_input(client, world, agency_admin_a):
    client.force_login(agency_admin_a)
    assessments, standards, events = Assessment.objects.count(), PositionStandard.objects.count(), 0
    events = AuditEvent.objects.count()
    unknown = client.get(PEOPLE, {"unit": "A-1", "competency": "X.99"})
    assert unknown.status_code == 400
    assert "Unknown competency code: X.99." in unknown.content.decode()
    missing = client.get(PEOPLE, {"unit": "A-1"})
    assert missing.status_code == 400
    assert "Competency" in missing.content.decode()
    assert client.get(PEOPLE, {"unit": "B-1", "competency": "M.01"}).status_code == 404
    assert (Assessment.objects.count(), PositionStandard.objects.count(), AuditEvent.objects.count()) == (
        assessments,
        standards,
        events,
    )


def test_drill_down_is_paginated(client, agency_a, agency_admin_a):
    position = PositionFactory(unit=UnitFactory(agency=agency_a, code="BIG"))
    standard(position, M_01=2)
    for _ in range(30):
        EmployeeFactory(position=position, agency=agency_a)
    client.force_login(agency_admin_a)
    first = client.get(PEOPLE, {"unit": "BIG", "competency": "M.01"})
    second = client.get(PEOPLE, {"unit": "BIG", "competency": "M.01", "page": 2})
    assert (len(first.context["page"].object_list), len(second.context["page"].object_list)) == (25, 5)
    assert first.context["page"].paginator.count == 30


def test_export_workbook(client, world, agency_admin_a):
    client.force_login(agency_admin_a)
    response = client.get(EXPORT)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert 'filename="competency-gaps-DINA-' in response["Content-Disposition"]
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Gap map", "Details", "Definition"]
    sheet = book["Gap map"]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0] == [
        "Unit code",
        "Unit",
        "M.01",
        "T.DINA.01",
        "M.02",
        "All competencies",
        "Staff",
        "Not mapped",
    ]
    assert rows[2][0] == "A-1"
    assert rows[2][2:] == [pytest.approx(2 / 3), None, pytest.approx(1 / 3), 0.5, 3, 0]
    assert rows[-1][1:] == ["Whole agency", 0.5, 0.5, pytest.approx(1 / 3), pytest.approx(5 / 11), 8, 2]
    details = [[cell.value for cell in row] for row in book["Details"].iter_rows(min_row=2)]
    assert details[1] == ["A-1", "Bidang Pelayanan", "M.01", "Integritas", 3, 2, pytest.approx(2 / 3), -1.5]
    assert len(details) == 5


def test_province_page(client, world, province_admin, django_assert_num_queries):
    client.force_login(province_admin)
    # session, user, gap cells, staff counts, competencies, agencies
    with django_assert_num_queries(6):
        response = client.get(PROVINCE, {"top": 8, "sort": "M.01"})
    assert response.status_code == 200
    overview = response.context["overview"]
    assert [c.competency.code for c in overview.weakest] == ["M.01", "T.DINA.01", "M.02"]
    assert [r.agency.code for r in overview.rows] == ["DINB", "DINA"]
    html = response.content.decode()
    assert f'href="{MAP}?agency=DINA"' in html
    assert html.count('data-testid="weakest-row"') == 3
    assert client.get(PROVINCE, {"top": 7}).status_code == 400
