import pytest

from penata.accounts.models import Role
from penata.core.models import AuditEvent
from penata.core.tests.api_world import client_for
from penata.organization.models import Agency, Position, PublicService
from penata.organization.tests.factories import (
    AgencyFactory,
    PositionFactory,
    PublicServiceFactory,
    UnitFactory,
)
from penata.workforce.tests.factories import EmployeeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def hospital(agency_a):
    return AgencyFactory(code="RSUD-A", name="RSUD A", kind="rsud", parent=agency_a)


@pytest.fixture
def province(province_admin):
    return client_for(province_admin)


@pytest.fixture
def admin_a(agency_admin_a):
    return client_for(agency_admin_a)


def codes(response, key="code"):
    assert response.status_code == 200, response.content
    return [row[key] for row in response.json()["results"]]


# --- agencies and units ----------------------------------------------------------------


def test_agencies_scoped_to_own_agency_and_sub_agencies(province, admin_a, agency_b, hospital):
    assert codes(province.get("/api/v1/agencies/")) == ["DINA", "DINB", "RSUD-A"]
    assert codes(admin_a.get("/api/v1/agencies/")) == ["DINA", "RSUD-A"]
    assert admin_a.get("/api/v1/agencies/DINB/").status_code == 404


def test_agency_detail_filters_and_search(province, agency_b, hospital):
    assert province.get("/api/v1/agencies/RSUD-A/").json() == {
        "code": "RSUD-A",
        "name": "RSUD A",
        "kind": "rsud",
        "parent": "DINA",
        "serves_public": True,
    }
    assert codes(province.get("/api/v1/agencies/?kind=rsud")) == ["RSUD-A"]
    assert codes(province.get("/api/v1/agencies/?parent=DINA")) == ["RSUD-A"]
    assert codes(province.get("/api/v1/agencies/?search=dinas b")) == ["DINB"]
    bad = province.get("/api/v1/agencies/?kind=planet")
    assert bad.status_code == 400
    assert list(bad.json()["fields"]) == ["kind"]


def test_agencies_are_read_only(province):
    response = province.post("/api/v1/agencies/", {"code": "X", "name": "X", "kind": "dinas"}, format="json")
    assert response.status_code == 405
    assert response.json()["code"] == "method_not_allowed"
    assert Agency.objects.filter(code="X").count() == 0


@pytest.mark.parametrize("rows", [3, 10])
def test_agency_list_query_count(province_admin, agency_a, rows, django_assert_num_queries):
    for number in range(rows):
        AgencyFactory(parent=agency_a if number % 2 else None)
    client = client_for(province_admin)
    # token, count, page
    with django_assert_num_queries(3):
        response = client.get("/api/v1/agencies/")
    assert response.json()["count"] == rows + 1


def test_units_scoped_and_filtered(province, admin_a, agency_a, agency_b, hospital):
    unit_a = UnitFactory(agency=agency_a, code="UA")
    UnitFactory(agency=hospital, code="UH")
    unit_b = UnitFactory(agency=agency_b, code="UB")
    assert codes(province.get("/api/v1/units/")) == ["UA", "UB", "UH"]
    assert codes(admin_a.get("/api/v1/units/")) == ["UA", "UH"]
    assert codes(province.get("/api/v1/units/?agency=DINB")) == ["UB"]
    assert admin_a.get(f"/api/v1/units/{unit_b.pk}/").status_code == 404
    assert admin_a.get(f"/api/v1/units/{unit_a.pk}/").json() == {
        "id": unit_a.pk,
        "code": "UA",
        "name": unit_a.name,
        "agency": {"code": "DINA", "name": "Dinas A"},
        "parent": None,
    }


@pytest.mark.parametrize("rows", [3, 10])
def test_unit_list_query_count(agency_admin_a, agency_a, rows, django_assert_num_queries):
    for _ in range(rows):
        UnitFactory(agency=agency_a)
    client = client_for(agency_admin_a)
    # token, the agency tree for the scope, count, page
    with django_assert_num_queries(4):
        response = client.get("/api/v1/units/")
    assert response.json()["count"] == rows


# --- positions -----------------------------------------------------------------------------


def test_positions_expose_filled_and_vacancies(province, agency_a):
    unit = UnitFactory(agency=agency_a)
    full = PositionFactory(unit=unit, code="P-FULL", headcount_needed=1)
    partly = PositionFactory(unit=unit, code="P-PART", headcount_needed=3, position_class="ahli_muda")
    EmployeeFactory(position=full)
    EmployeeFactory(position=partly)
    EmployeeFactory(position=partly, status="retired")

    rows = {row["code"]: row for row in province.get("/api/v1/positions/").json()["results"]}
    assert (rows["P-FULL"]["filled"], rows["P-FULL"]["vacancies"]) == (1, 0)
    assert (rows["P-PART"]["filled"], rows["P-PART"]["vacancies"]) == (1, 2)
    assert codes(province.get("/api/v1/positions/?has_vacancies=true")) == ["P-PART"]
    assert codes(province.get("/api/v1/positions/?has_vacancies=false")) == ["P-FULL"]
    assert codes(province.get("/api/v1/positions/?position_class=ahli_muda")) == ["P-PART"]
    assert codes(province.get("/api/v1/positions/?ordering=-vacancies")) == ["P-PART", "P-FULL"]
    assert codes(province.get(f"/api/v1/positions/?unit={unit.pk}")) == ["P-FULL", "P-PART"]
    assert province.get("/api/v1/positions/?unit=-5").status_code == 400
    assert province.get("/api/v1/positions/?unit=99999999999999999999999").status_code == 400
    assert province.get("/api/v1/positions/?unit=" + "9" * 5000).status_code == 400
    assert province.get("/api/v1/units/" + "9" * 5000 + "/").status_code == 404


def test_positions_scoped_search_and_paginated(admin_a, agency_a, agency_b):
    for number in range(3):
        PositionFactory(unit=UnitFactory(agency=agency_a), code=f"A-{number}", title=f"Perawat {number}")
    PositionFactory(unit=UnitFactory(agency=agency_b), code="B-0", title="Perawat B")
    assert codes(admin_a.get("/api/v1/positions/?search=perawat")) == ["A-0", "A-1", "A-2"]
    page = admin_a.get("/api/v1/positions/?page_size=2").json()
    assert page["count"] == 3
    assert [row["code"] for row in page["results"]] == ["A-0", "A-1"]
    assert page["next"].endswith("?page=2&page_size=2")
    assert admin_a.get("/api/v1/positions/B-0/").status_code == 404
    assert admin_a.get("/api/v1/positions/?page=9").status_code == 404


@pytest.mark.parametrize("rows", [3, 10])
def test_position_list_query_count(province_admin, agency_a, rows, django_assert_num_queries):
    for _ in range(rows):
        position = PositionFactory(unit=UnitFactory(agency=agency_a))
        EmployeeFactory(position=position)
    client = client_for(province_admin)
    with django_assert_num_queries(3):
        response = client.get("/api/v1/positions/")
    assert [row["filled"] for row in response.json()["results"]] == [1] * rows


def position_body(unit_obj, **overrides):
    body = {
        "code": "POS-NEW",
        "title": "Analis Kebijakan",
        "position_class": "ahli_pertama",
        "unit": unit_obj.pk,
        "min_rank": "III/a",
        "max_rank": "III/d",
        "required_education_level": "s1",
        "required_education_fields": ["Administrasi Publik", " Hukum "],
        "headcount_needed": 3,
    }
    body.update(overrides)
    return body


def test_create_position(admin_a, agency_a, agency_admin_a):
    unit = UnitFactory(agency=agency_a)
    response = admin_a.post("/api/v1/positions/", position_body(unit), format="json")
    assert response.status_code == 201, response.content
    assert response.json() == {
        "code": "POS-NEW",
        "title": "Analis Kebijakan",
        "position_class": "ahli_pertama",
        "agency": {"code": "DINA", "name": "Dinas A"},
        "unit": {"id": unit.pk, "code": unit.code, "name": unit.name},
        "min_rank": "III/a",
        "max_rank": "III/d",
        "required_education_level": "s1",
        "required_education_fields": ["Administrasi Publik", "Hukum"],
        "headcount_needed": 3,
        "filled": 0,
        "vacancies": 3,
    }
    position = Position.objects.get(code="POS-NEW")
    event = AuditEvent.objects.get(subject_type="organization.position", subject_id=str(position.pk))
    assert (event.action, event.actor_id) == ("position.created", agency_admin_a.pk)


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"min_rank": "X/z"}, "min_rank"),
        ({"unit": 987654}, "unit"),
        ({"unit": "satu"}, "unit"),
        ({"unit": "9" * 5000}, "unit"),
        ({"unit": 2**64}, "unit"),
        ({"position_class": "raja"}, "position_class"),
        ({"max_rank": "II/a"}, "max_rank"),  # below the lowest rank
        ({"headcount_needed": -1}, "headcount_needed"),
        ({"required_education_fields": ["x"] * 21}, "required_education_fields"),
        ({"code": ""}, "code"),
    ],
)
def test_create_position_bad_input_names_the_field(province, agency_a, overrides, field):
    unit = UnitFactory(agency=agency_a)
    response = province.post("/api/v1/positions/", position_body(unit, **overrides), format="json")
    assert response.status_code == 400
    assert list(response.json()["fields"]) == [field]
    assert Position.objects.count() == 0
    assert AuditEvent.objects.count() == 0


def test_duplicate_position_code_is_refused(province, agency_a):
    unit = UnitFactory(agency=agency_a)
    PositionFactory(unit=unit, code="POS-NEW")
    response = province.post("/api/v1/positions/", position_body(unit), format="json")
    assert response.status_code == 400
    assert list(response.json()["fields"]) == ["code"]
    assert Position.objects.count() == 1


def test_agency_admin_cannot_create_or_change_positions_of_another_agency(admin_a, agency_b):
    unit_b = UnitFactory(agency=agency_b)
    other = PositionFactory(unit=unit_b, code="B-1", title="Asli")
    created = admin_a.post("/api/v1/positions/", position_body(unit_b), format="json")
    assert created.status_code == 400
    assert created.json()["fields"] == {"unit": [f"Unit Kerja “{unit_b.pk}” tidak dikenal."]}
    changed = admin_a.patch("/api/v1/positions/B-1/", {"title": "Diubah"}, format="json")
    assert changed.status_code == 404
    other.refresh_from_db()
    assert other.title == "Asli"
    assert Position.objects.count() == 1
    assert AuditEvent.objects.count() == 0


def test_patch_position(admin_a, agency_a):
    position = PositionFactory(unit=UnitFactory(agency=agency_a), code="A-1", headcount_needed=1)
    EmployeeFactory(position=position)
    response = admin_a.patch("/api/v1/positions/A-1/", {"headcount_needed": 4}, format="json")
    assert response.status_code == 200
    assert (response.json()["headcount_needed"], response.json()["vacancies"]) == (4, 3)
    position.refresh_from_db()
    assert position.headcount_needed == 4


def test_patch_position_to_another_agencys_unit_is_refused(province, agency_a, agency_b):
    position = PositionFactory(unit=UnitFactory(agency=agency_a), code="A-1")
    unit_b = UnitFactory(agency=agency_b)
    response = province.patch("/api/v1/positions/A-1/", {"unit": unit_b.pk}, format="json")
    assert response.status_code == 400
    assert list(response.json()["fields"]) == ["unit"]
    position.refresh_from_db()
    assert position.agency_id == agency_a.pk


# --- public services -----------------------------------------------------------------------


def test_public_catalogue_for_anonymous_callers(agency_a):
    PublicServiceFactory(agency=agency_a, code="S-1", legal_basis="Perda 1/2020", fee=15000)
    PublicServiceFactory(agency=agency_a, code="S-OFF", is_active=False)
    client = client_for(None)
    response = client.get("/api/v1/public-services/")
    assert codes(response) == ["S-1"]
    row = response.json()["results"][0]
    assert row["fee"] == 15000
    assert row["legal_basis"] is None
    assert row["staff_count"] is None
    assert client.get("/api/v1/public-services/S-OFF/").status_code == 404


def test_staff_see_internal_components_and_inactive_services(make_user, agency_a, agency_b):
    PublicServiceFactory(agency=agency_a, code="S-1", legal_basis="Perda 1/2020")
    PublicServiceFactory(agency=agency_b, code="S-OFF", is_active=False)
    client = client_for(make_user(Role.LEADER, agency_a))
    assert codes(client.get("/api/v1/public-services/")) == ["S-1", "S-OFF"]
    assert client.get("/api/v1/public-services/S-1/").json()["legal_basis"] == "Perda 1/2020"
    assert codes(client.get("/api/v1/public-services/?is_active=false")) == ["S-OFF"]
    assert codes(client.get("/api/v1/public-services/?agency=DINA")) == ["S-1"]


@pytest.mark.parametrize("rows", [3, 10])
def test_public_service_list_query_count(agency_a, rows, django_assert_num_queries):
    for _ in range(rows):
        PublicServiceFactory(agency=agency_a, unit=UnitFactory(agency=agency_a))
    client = client_for(None)
    with django_assert_num_queries(2):
        response = client.get("/api/v1/public-services/")
    assert response.json()["count"] == rows


def test_create_and_change_a_public_service(admin_a, agency_a):
    unit = UnitFactory(agency=agency_a)
    body = {
        "agency": "DINA",
        "unit": unit.pk,
        "code": "SVC-IZIN",
        "name": "Izin Praktik",
        "completion_days": 5,
        "fee": 25000,
        "staff_count": 4,
    }
    response = admin_a.post("/api/v1/public-services/", body, format="json")
    assert response.status_code == 201, response.content
    assert (response.json()["fee"], response.json()["staff_count"]) == (25000, 4)
    changed = admin_a.patch("/api/v1/public-services/SVC-IZIN/", {"completion_days": 3}, format="json")
    assert changed.status_code == 200
    service = PublicService.objects.get(code="SVC-IZIN")
    assert (service.agency_id, service.unit_id, service.completion_days) == (agency_a.pk, unit.pk, 3)
    events = AuditEvent.objects.filter(subject_type="organization.publicservice").order_by("id")
    assert list(events.values_list("action", flat=True)) == [
        "public_service.created",
        "public_service.updated",
    ]


def test_agency_admin_cannot_touch_another_agencys_service(admin_a, agency_b):
    service = PublicServiceFactory(agency=agency_b, code="S-B", name="Asli")
    created = admin_a.post(
        "/api/v1/public-services/", {"agency": "DINB", "code": "S-NEW", "name": "Baru"}, format="json"
    )
    assert created.status_code == 400
    assert created.json()["fields"] == {"agency": ["Perangkat Daerah “DINB” tidak dikenal."]}
    changed = admin_a.patch("/api/v1/public-services/S-B/", {"name": "Diubah"}, format="json")
    assert changed.status_code == 403
    service.refresh_from_db()
    assert service.name == "Asli"
    assert PublicService.objects.count() == 1
    assert AuditEvent.objects.count() == 0


def test_service_unit_must_belong_to_its_agency(province, agency_a, agency_b):
    unit_b = UnitFactory(agency=agency_b)
    response = province.post(
        "/api/v1/public-services/",
        {"agency": "DINA", "unit": unit_b.pk, "code": "S-NEW", "name": "Baru"},
        format="json",
    )
    assert response.status_code == 400
    assert list(response.json()["fields"]) == ["unit"]
    assert PublicService.objects.count() == 0
