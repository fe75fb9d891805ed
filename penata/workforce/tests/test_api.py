from datetime import date

import pytest
from django.utils import translation
from django.utils.translation import gettext

from penata.accounts.models import Role
from penata.core.models import AuditEvent
from penata.core.tests.api_world import build_world, client_for, employee_payload
from penata.organization.models import Position
from penata.organization.tests.factories import AgencyFactory, PositionFactory, UnitFactory
from penata.workforce.models import Employee, PerformanceRating, PlacementInterest, PositionHistory
from penata.workforce.services import NIP_MESSAGES
from penata.workforce.tests.factories import EmployeeFactory, PerformanceRatingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_world()


def as_role(world, role):
    return client_for(world["users"].get(role))


def nips(response):
    assert response.status_code == 200, response.content
    return sorted(row["nip"] for row in response.json()["results"])


def snapshot():
    """Everything an employee write could touch."""
    return (
        list(Employee.objects.order_by("pk").values()),
        list(PositionHistory.objects.order_by("pk").values()),
        list(PlacementInterest.objects.order_by("pk").values()),
        list(PerformanceRating.objects.order_by("pk").values()),
        AuditEvent.objects.count(),
    )


# --- reading -------------------------------------------------------------------------------


def test_list_is_scoped_per_role(world):
    hospital_employee = EmployeeFactory(agency=AgencyFactory(code="RSUD-X", parent_id=None))
    everyone = sorted([world["emp_a"], world["emp_self"], world["emp_b"], hospital_employee.nip])
    assert nips(as_role(world, "province_admin").get("/api/v1/employees/")) == everyone
    assert nips(as_role(world, "leader").get("/api/v1/employees/")) == everyone
    assert nips(as_role(world, "agency_admin").get("/api/v1/employees/")) == sorted(
        [world["emp_a"], world["emp_self"]]
    )
    assert nips(as_role(world, "employee").get("/api/v1/employees/")) == [world["emp_self"]]


def test_agency_admin_sees_sub_agency_staff(world):
    child = Employee.objects.get(nip=world["emp_a"]).agency.children.first()
    assert child.code == "RSUD-A"
    nurse = EmployeeFactory(agency=child)
    listed = nips(as_role(world, "agency_admin").get("/api/v1/employees/?agency=RSUD-A"))
    assert listed == [nurse.nip]


def test_filters_and_search(world):
    client = as_role(world, "province_admin")
    retired = EmployeeFactory(agency=Employee.objects.get(nip=world["emp_b"]).agency, status="retired")
    assert nips(client.get("/api/v1/employees/?status=retired")) == [retired.nip]
    assert nips(client.get("/api/v1/employees/?agency=DINB&status=active")) == [world["emp_b"]]
    assert nips(client.get("/api/v1/employees/?position=POS-A")) == [world["emp_a"]]
    assert nips(client.get("/api/v1/employees/?position_class=pelaksana")) == sorted(
        [world["emp_a"], world["emp_b"]]
    )
    assert nips(client.get("/api/v1/employees/?employment_type=pppk")) == []
    assert nips(client.get("/api/v1/employees/?rank=III/a")) == sorted(
        [world["emp_a"], world["emp_self"], world["emp_b"], retired.nip]
    )
    assert nips(client.get(f"/api/v1/employees/?search={world['emp_b'][:12]}")) == [world["emp_b"]]
    assert nips(client.get("/api/v1/employees/?search=pegawai sendiri")) == [world["emp_self"]]
    bad = client.get("/api/v1/employees/?status=dead")
    assert bad.status_code == 400
    assert list(bad.json()["fields"]) == ["status"]


def test_detail_by_nip_with_history_interests_and_ratings(world):
    employee = Employee.objects.get(nip=world["emp_a"])
    PerformanceRatingFactory(employee=employee, year=2024, rating="above")
    PlacementInterest.objects.create(employee=employee, preference=1, field="Kesehatan")
    PositionHistory.objects.create(
        employee=employee,
        kind="appointment",
        position=employee.position,
        agency=employee.agency,
        rank=employee.rank,
        start_date=date(2022, 1, 3),
    )
    body = as_role(world, "agency_admin").get(f"/api/v1/employees/{employee.nip}/").json()
    assert (
        body["nip_display"]
        == f"{employee.nip[:8]} {employee.nip[8:14]} {employee.nip[14]} {employee.nip[15:]}"
    )
    assert body["position"] == {
        "code": "POS-A",
        "title": employee.position.title,
        "position_class": "pelaksana",
    }
    assert body["history"] == [
        {
            "kind": "appointment",
            "position": {"code": "POS-A", "title": employee.position.title, "position_class": "pelaksana"},
            "agency": {"code": "DINA", "name": "Dinas A"},
            "rank": "III/a",
            "start_date": "2022-01-03",
            "reference": "",
        }
    ]
    assert body["interests"] == [
        {"preference": 1, "position_class": "", "field": "Kesehatan", "agency": None}
    ]
    assert body["ratings"] == [{"year": 2024, "rating": "above"}]


def test_detail_accepts_a_grouped_nip(world):
    nip = world["emp_a"]
    grouped = f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}"
    assert as_role(world, "province_admin").get(f"/api/v1/employees/{grouped}/").json()["nip"] == nip


@pytest.mark.parametrize(
    ("role", "target", "masked"),
    [
        ("province_admin", "emp_b", False),
        ("agency_admin", "emp_a", False),
        ("employee", "emp_self", False),
        ("leader", "emp_a", True),
        ("training_manager", "emp_a", True),
        ("complaint_verifier", "emp_a", True),
        ("complaint_officer", "emp_a", True),
    ],
)
def test_personal_data_is_null_for_roles_that_may_not_see_it(world, role, target, masked):
    employee = Employee.objects.get(nip=world[target])
    employee.phone, employee.email, employee.birth_place = "0811", "x@example.test", "Ternate"
    employee.save()
    client = as_role(world, role)
    detail = client.get(f"/api/v1/employees/{employee.nip}/").json()
    listed = next(r for r in client.get("/api/v1/employees/").json()["results"] if r["nip"] == employee.nip)
    for body in (detail, listed):
        assert body["personal_data_masked"] is masked
        if masked:
            assert [body[f] for f in ("birth_date", "birth_place", "phone", "email")] == [None] * 4
        else:
            assert (body["birth_date"], body["birth_place"], body["phone"], body["email"]) == (
                employee.birth_date.isoformat(),
                "Ternate",
                "0811",
                "x@example.test",
            )
        # Name and NIP are not personal data in this sense: they identify the official.
        assert body["full_name"] == employee.full_name


@pytest.mark.parametrize("rows", [3, 10])
@pytest.mark.parametrize(("role", "queries"), [("province_admin", 3), ("agency_admin", 4), ("leader", 3)])
def test_list_query_count(world, rows, role, queries, django_assert_num_queries):
    unit = UnitFactory(agency=Employee.objects.get(nip=world["emp_a"]).agency)
    for _ in range(rows):
        EmployeeFactory(position=PositionFactory(unit=unit))
    client = as_role(world, role)
    # token, (the agency tree for an agency administrator,) count, page
    with django_assert_num_queries(queries):
        response = client.get("/api/v1/employees/")
    assert response.json()["count"] == rows + (2 if role == "agency_admin" else 3)


@pytest.mark.parametrize("rows", [3, 10])
def test_detail_query_count(world, rows, django_assert_num_queries):
    employee = Employee.objects.get(nip=world["emp_a"])
    for year in range(2010, 2010 + rows):
        PerformanceRatingFactory(employee=employee, year=year)
        PositionHistory.objects.create(
            employee=employee,
            kind="transfer",
            agency=employee.agency,
            rank=employee.rank,
            start_date=date(year, 1, 2),
        )
    client = as_role(world, "province_admin")
    # token, employee, history, interests, ratings
    with django_assert_num_queries(5):
        response = client.get(f"/api/v1/employees/{employee.nip}/")
    assert len(response.json()["ratings"]) == rows


# --- creating and changing -------------------------------------------------------------


def test_create_employee(world):
    payload = employee_payload("DINA", position="POS-A-FREE", position_start_date="2024-07-01")
    response = as_role(world, "agency_admin").post("/api/v1/employees/", payload, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["nip"], body["agency"]["code"], body["position"]["code"]) == (
        payload["nip"],
        "DINA",
        "POS-A-FREE",
    )
    assert body["email"] == "nur.aini@example.test"
    employee = Employee.objects.get(nip=payload["nip"])
    assert employee.history.get().kind == "appointment"
    assert AuditEvent.objects.filter(action="employee.created", subject_id=str(employee.pk)).count() == 1


def test_create_employee_agency_follows_the_position(world):
    payload = employee_payload("DINA", position="POS-A-FREE")
    del payload["agency"]
    response = as_role(world, "province_admin").post("/api/v1/employees/", payload, format="json")
    assert response.status_code == 201
    assert response.json()["agency"]["code"] == "DINA"


def test_create_employee_accepts_a_grouped_nip(world):
    payload = employee_payload("DINA")
    nip = payload["nip"]
    payload["nip"] = f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}"
    response = as_role(world, "province_admin").post("/api/v1/employees/", payload, format="json")
    assert response.status_code == 201
    assert response.json()["nip"] == nip


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        # Month 13 in the appointment digits.
        ({"nip": "199004172015132007"}, "nip", lambda: NIP_MESSAGES["appointment"]),
        ({"nip": "199004172015031000"}, "nip", lambda: NIP_MESSAGES["sequence"]),
        ({"nip": "199004172015033007"}, "nip", lambda: NIP_MESSAGES["sex"]),
        ({"nip": "1990041720150320"}, "nip", lambda: "Enter 18 digits."),
        (
            {"birth_date": "1990-04-18"},
            "birth_date",
            lambda: (
                gettext("The birth date does not match the NIP (%(nip_date)s).") % {"nip_date": "17-04-1990"}
            ),
        ),
        ({"sex": "M"}, "sex", lambda: gettext("The sex does not match digit 15 of the NIP.")),
        ({"rank": "X/z"}, "rank", lambda: "Unknown rank “X/z”."),
        ({"rank": "PPPK-IX"}, "rank", lambda: "A PNS has a golongan/ruang rank and a PPPK a PPPK grade."),
        ({"agency": "NOPE"}, "agency", lambda: "Unknown agency “NOPE”."),
        ({"position": "NOPE"}, "position", lambda: "Unknown position “NOPE”."),
        ({"position": "POS-B-FREE"}, "position", lambda: "The position belongs to another agency."),
        ({"agency": None}, "agency", lambda: "This field may not be null."),
        ({"email": "bukan-email"}, "email", lambda: "Enter a valid email address."),
    ],
)
def test_create_employee_bad_input_names_the_field(world, overrides, field, message):
    payload = employee_payload("DINA", **overrides)
    before = snapshot()
    response = as_role(world, "province_admin").post(
        "/api/v1/employees/", payload, format="json", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 400
    assert response.json()["code"] == "invalid"
    with translation.override("en"):
        assert response.json()["fields"] == {field: [str(message())]}
    assert snapshot() == before


def test_create_employee_needs_an_agency_or_a_position(world):
    payload = employee_payload("DINA")
    del payload["agency"]
    response = as_role(world, "province_admin").post("/api/v1/employees/", payload, format="json")
    assert response.status_code == 400
    assert list(response.json()["fields"]) == ["agency"]


def test_duplicate_nip_is_refused(world):
    payload = employee_payload("DINA", nip=world["emp_a"])
    response = as_role(world, "province_admin").post("/api/v1/employees/", payload, format="json")
    assert response.status_code == 400
    assert "nip" in response.json()["fields"]
    assert Employee.objects.count() == 3


def test_patch_employee(world):
    response = as_role(world, "agency_admin").patch(
        f"/api/v1/employees/{world['emp_a']}/", {"home_regency": "Kota Tidore Kepulauan"}, format="json"
    )
    assert response.status_code == 200
    assert Employee.objects.get(nip=world["emp_a"]).home_regency == "Kota Tidore Kepulauan"
    event = AuditEvent.objects.get(action="employee.updated")
    assert (event.from_state, event.to_state) == (
        {"home_regency": ""},
        {"home_regency": "Kota Tidore Kepulauan"},
    )


def test_patch_refuses_fields_with_their_own_workflow(world):
    before = snapshot()
    response = as_role(world, "province_admin").patch(
        f"/api/v1/employees/{world['emp_a']}/",
        {"full_name": "Diubah", "nip": "1", "position": "POS-B", "rank": "IV/a"},
        format="json",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400
    assert response.json()["fields"] == {
        "nip": ["The NIP never changes."],
        "position": ["Changed by a transfer, not here."],
        "rank": ["Changed by a promotion, not here."],
    }
    assert snapshot() == before


# --- the other agency ----------------------------------------------------------------------


def test_agency_admin_cannot_read_or_change_another_agencys_employees(world):
    client = as_role(world, "agency_admin")
    other = world["emp_b"]
    before = snapshot()

    assert other not in nips(client.get("/api/v1/employees/"))
    assert nips(client.get(f"/api/v1/employees/?search={other}")) == []
    assert client.get(f"/api/v1/employees/{other}/").status_code == 404
    patch = client.patch(f"/api/v1/employees/{other}/", {"full_name": "Diubah"}, format="json")
    assert patch.status_code == 404
    assert patch.json()["code"] == "not_found"
    transfer = client.post(
        f"/api/v1/employees/{other}/transfer/",
        {"position": "POS-A-FREE", "start_date": "2025-01-06"},
        format="json",
    )
    assert transfer.status_code == 404
    interests = client.put(f"/api/v1/employees/{other}/interests/", {"interests": []}, format="json")
    assert interests.status_code == 404
    rating = client.put(f"/api/v1/employees/{other}/ratings/2025/", {"rating": "below"}, format="json")
    assert rating.status_code == 404
    # Moving their own employee into the other agency's position is refused as well.
    into_other = client.post(
        f"/api/v1/employees/{world['emp_a']}/transfer/",
        {"position": "POS-B-FREE", "start_date": "2025-01-06"},
        format="json",
    )
    assert into_other.status_code == 400
    assert into_other.json()["fields"] == {"position": ["Jabatan “POS-B-FREE” tidak dikenal."]}
    created = client.post("/api/v1/employees/", employee_payload("DINB"), format="json")
    assert created.status_code == 400
    assert list(created.json()["fields"]) == ["agency"]

    assert snapshot() == before


# --- transfer ------------------------------------------------------------------------------


def test_transfer(world):
    response = as_role(world, "agency_admin").post(
        f"/api/v1/employees/{world['emp_a']}/transfer/",
        {"position": "POS-A-FREE", "start_date": "2025-01-06", "reference": "SK 821/12/2025"},
        format="json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["position"]["code"] == "POS-A-FREE"
    assert response.json()["position_start_date"] == "2025-01-06"
    employee = Employee.objects.get(nip=world["emp_a"])
    history = employee.history.get()
    assert (history.kind, history.position.code, history.reference) == (
        "transfer",
        "POS-A-FREE",
        "SK 821/12/2025",
    )


def test_province_admin_transfers_between_agencies(world):
    response = as_role(world, "province_admin").post(
        f"/api/v1/employees/{world['emp_a']}/transfer/",
        {"position": "POS-B-FREE", "start_date": "2025-01-06"},
        format="json",
    )
    assert response.status_code == 200
    assert response.json()["agency"]["code"] == "DINB"


def test_transfer_into_a_full_position_is_refused(world):
    Employee.objects.filter(nip=world["emp_self"]).update(
        position=Position.objects.get(code="POS-A-FREE"), position_start_date=date(2023, 1, 2)
    )
    before = snapshot()
    response = as_role(world, "province_admin").post(
        f"/api/v1/employees/{world['emp_a']}/transfer/",
        {"position": "POS-A-FREE", "start_date": "2025-01-06"},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["code"] == "position_full"
    assert list(response.json()["fields"]) == ["position"]
    assert snapshot() == before


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"position": "POS-A-FREE", "start_date": "2021-01-04"}, "start_date"),  # before the current one
        ({"position": "POS-A", "start_date": "2025-01-06"}, "position"),  # already holds it
        ({"start_date": "2025-01-06"}, "position"),
        ({"position": "POS-A-FREE"}, "start_date"),
        ({"position": "POS-A-FREE", "start_date": "kemarin"}, "start_date"),
    ],
)
def test_transfer_bad_input_names_the_field(world, body, field):
    before = snapshot()
    response = as_role(world, "province_admin").post(
        f"/api/v1/employees/{world['emp_a']}/transfer/", body, format="json"
    )
    assert response.status_code == 400
    assert list(response.json()["fields"]) == [field]
    assert snapshot() == before


# --- interests and ratings ------------------------------------------------------------


def test_employee_states_own_interests(world):
    body = {
        "interests": [{"position_class": "ahli_pertama"}, {"field": "Kesehatan", "agency": "DINB"}],
        "note": "Dekat rumah di Sofifi",
    }
    response = as_role(world, "employee").put(
        f"/api/v1/employees/{world['emp_self']}/interests/", body, format="json"
    )
    assert response.status_code == 200, response.content
    assert response.json() == {
        "interests": [
            {"preference": 1, "position_class": "ahli_pertama", "field": "", "agency": None},
            {
                "preference": 2,
                "position_class": "",
                "field": "Kesehatan",
                "agency": {"code": "DINB", "name": "Dinas B"},
            },
        ],
        "note": "Dekat rumah di Sofifi",
    }
    employee = Employee.objects.get(nip=world["emp_self"])
    assert list(employee.interests.values_list("preference", "field")) == [(1, ""), (2, "Kesehatan")]
    assert employee.interest_note == "Dekat rumah di Sofifi"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"interests": [{"position_class": "ahli_pertama"}] * 6}, "interests"),
        ({"interests": [{}]}, "interests[1]"),
        ({"interests": [{"field": "Hukum"}, {"agency": "NOPE"}]}, "interests[2].agency"),
        ({"interests": [{"position_class": "raja"}]}, "interests[1].position_class"),
        ({}, "interests"),
    ],
)
def test_interests_bad_input_names_the_field(world, body, field):
    before = snapshot()
    response = as_role(world, "employee").put(
        f"/api/v1/employees/{world['emp_self']}/interests/", body, format="json"
    )
    assert response.status_code == 400
    assert list(response.json()["fields"]) == [field]
    assert snapshot() == before


def test_set_and_change_a_rating(world):
    client = as_role(world, "agency_admin")
    url = f"/api/v1/employees/{world['emp_a']}/ratings/2025/"
    assert client.put(url, {"rating": "meets"}, format="json").json() == {"year": 2025, "rating": "meets"}
    assert client.put(url, {"rating": "above"}, format="json").json() == {"year": 2025, "rating": "above"}
    assert list(PerformanceRating.objects.values_list("year", "rating")) == [(2025, "above")]


@pytest.mark.parametrize(
    ("year", "body", "field"),
    [
        (1999, {"rating": "meets"}, "year"),
        (99999999999999999999, {"rating": "meets"}, "year"),
        ("9" * 5000, {"rating": "meets"}, "year"),
        (2025, {"rating": "superb"}, "rating"),
        (2025, {}, "rating"),
    ],
)
def test_rating_bad_input_names_the_field(world, year, body, field):
    response = as_role(world, "province_admin").put(
        f"/api/v1/employees/{world['emp_a']}/ratings/{year}/", body, format="json"
    )
    assert response.status_code == 400
    assert list(response.json()["fields"]) == [field]
    assert PerformanceRating.objects.count() == 0


def test_citizen_sees_no_staff_data(make_user):
    response = client_for(make_user(Role.CITIZEN)).get("/api/v1/employees/")
    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"
