from datetime import date, timedelta

import pytest
from django.utils import timezone

from penata.accounts.models import Role
from penata.accounts.tests.factories import UserFactory
from penata.competency.models import Assessment, Competency, PositionStandard
from penata.competency.services import position_standard_set
from penata.competency.tests.factories import AssessmentFactory, TechnicalCompetencyFactory, competency
from penata.core.models import AuditEvent
from penata.core.tests.api_world import build_world, client_for
from penata.organization.models import Agency, Position
from penata.organization.tests.factories import PositionFactory, UnitFactory
from penata.workforce.models import Employee
from penata.workforce.tests.factories import EmployeeFactory, PerformanceRatingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_world()


def as_role(world, role):
    return client_for(world["users"].get(role))


def employee(world, key: str = "emp_a") -> Employee:
    return Employee.objects.get(nip=world[key])


def position(world, key: str = "pos_a") -> Position:
    return Position.objects.get(code=world[key])


def snapshot():
    """Everything a competency write could touch."""
    return (
        list(Competency.objects.order_by("pk").values()),
        list(PositionStandard.objects.order_by("pk").values()),
        list(Assessment.objects.order_by("pk").values()),
        AuditEvent.objects.count(),
    )


def assert_bad(response, fields, code="invalid"):
    assert response.status_code == 400, response.content
    body = response.json()
    assert body["code"] == code
    assert sorted(body["fields"]) == sorted(fields)


# --- the dictionary ----------------------------------------------------------------------

DICTIONARY_CODES = ["M.01", "M.02", "M.03", "M.04", "M.05", "M.06", "M.07", "M.08"]


def codes(response):
    assert response.status_code == 200, response.content
    return [row["code"] for row in response.json()["results"]]


def test_dictionary_list_and_filters(world):
    client = as_role(world, "employee")
    assert codes(client.get("/api/v1/competencies/")) == [
        *DICTIONARY_CODES,
        "SK.01",
        world["tech_a"],
        world["tech_b"],
    ]
    assert codes(client.get("/api/v1/competencies/?kind=technical")) == [world["tech_a"], world["tech_b"]]
    assert codes(client.get("/api/v1/competencies/?agency=DINB")) == [world["tech_b"]]
    assert codes(client.get("/api/v1/competencies/?kind=sociocultural")) == ["SK.01"]
    assert codes(client.get("/api/v1/competencies/?search=T.DINA")) == [world["tech_a"]]
    assert_bad(client.get("/api/v1/competencies/?kind=moral"), ["kind"])
    row = client.get("/api/v1/competencies/?agency=DINA").json()["results"][0]
    assert row == {
        "code": "T.DINA.01",
        "name": "Kompetensi teknis Dinas A",
        "kind": "technical",
        "agency": {"code": "DINA", "name": "Dinas A"},
        "is_active": True,
    }


@pytest.mark.parametrize("extra", [0, 12])
def test_dictionary_list_query_count(world, extra, django_assert_num_queries):
    agency = Agency.objects.get(code="DINA")
    for _ in range(extra):
        TechnicalCompetencyFactory(agency=agency)
    client = as_role(world, "agency_admin")
    # token, count, page (agency joined)
    with django_assert_num_queries(3):
        response = client.get("/api/v1/competencies/?page_size=100")
    assert response.json()["count"] == 11 + extra


def test_competency_detail_has_levels_and_indicators(world):
    body = as_role(world, "leader").get("/api/v1/competencies/M.01/").json()
    stored = Competency.objects.get(code="M.01")
    assert body == {
        "code": "M.01",
        "name": stored.name,
        "kind": "managerial",
        "agency": None,
        "is_active": True,
        "description": stored.description,
        "levels": stored.levels,
    }
    assert [level["level"] for level in body["levels"]] == [1, 2, 3, 4, 5]
    assert all(level["indicators"] for level in body["levels"])


LEVELS = [{"level": n, "title": f"Level {n}", "indicators": [f"Indikator {n}"]} for n in range(1, 6)]


def test_create_technical_competency(world):
    payload = {
        "agency": "DINA",
        "code": "t.dina.02",
        "name": "Pelayanan adminduk digital",
        "description": "Layanan kependudukan daring.",
        "levels": LEVELS,
    }
    response = as_role(world, "agency_admin").post("/api/v1/competencies/", payload, format="json")
    assert response.status_code == 201, response.content
    assert response.json() == {
        "code": "T.DINA.02",
        "name": "Pelayanan adminduk digital",
        "kind": "technical",
        "agency": {"code": "DINA", "name": "Dinas A"},
        "is_active": True,
        "description": "Layanan kependudukan daring.",
        "levels": LEVELS,
    }
    event = AuditEvent.objects.get()
    assert (event.action, event.actor_id) == ("competency.created", world["users"]["agency_admin"].pk)


@pytest.mark.parametrize(
    ("overrides", "fields"),
    [
        ({"agency": "DINB"}, ["agency"]),  # another agency reads as unknown
        ({"agency": "NOPE"}, ["agency"]),
        ({"code": "M.09"}, ["code"]),  # reserved for the dictionary
        ({"code": "T.DINA.01"}, ["code"]),  # taken
        ({"code": "T/DINA"}, ["code"]),
        ({"code": ""}, ["code"]),
        ({"name": ""}, ["name"]),
        ({"levels": LEVELS[:3]}, ["levels"]),
        ({"levels": list(reversed(LEVELS))}, ["levels"]),
        ({"levels": [{**LEVELS[0], "level": 6}, *LEVELS[1:]]}, ["levels[1].level"]),
    ],
)
def test_create_technical_competency_bad_input(world, overrides, fields):
    before = snapshot()
    payload = {"agency": "DINA", "code": "T.DINA.02", "name": "Baru", "levels": LEVELS, **overrides}
    response = as_role(world, "agency_admin").post("/api/v1/competencies/", payload, format="json")
    assert_bad(response, fields)
    assert snapshot() == before


def test_change_technical_competency(world):
    client = as_role(world, "agency_admin")
    response = client.patch(
        f"/api/v1/competencies/{world['tech_a']}/", {"name": "Diubah", "is_active": False}, format="json"
    )
    assert response.status_code == 200, response.content
    assert (response.json()["name"], response.json()["is_active"]) == ("Diubah", False)
    event = AuditEvent.objects.get()
    assert (event.action, event.from_state, event.to_state) == (
        "competency.updated",
        {"name": "Kompetensi teknis Dinas A", "is_active": True},
        {"name": "Diubah", "is_active": False},
    )


@pytest.mark.parametrize(
    "levels",
    [
        LEVELS[:4],
        [{k: v for k, v in level.items() if k != "title"} for level in LEVELS],
        [{"title": "x"}] * 5,
    ],
)
def test_change_with_bad_levels(world, levels):
    before = snapshot()
    response = as_role(world, "province_admin").patch(
        f"/api/v1/competencies/{world['tech_a']}/", {"levels": levels}, format="json"
    )
    assert_bad(response, ["levels"])
    assert snapshot() == before


def test_dictionary_entries_are_not_editable(world):
    before = snapshot()
    response = as_role(world, "province_admin").patch(
        "/api/v1/competencies/M.01/", {"name": "Integritas Baru"}, format="json"
    )
    assert response.status_code == 403
    assert response.json()["code"] == "dictionary_fixed"
    assert snapshot() == before


def test_another_agencys_technical_competency_is_not_editable(world):
    before = snapshot()
    response = as_role(world, "agency_admin").patch(
        f"/api/v1/competencies/{world['tech_b']}/", {"name": "Diubah"}, format="json"
    )
    assert (response.status_code, response.json()["code"]) == (403, "permission_denied")
    assert snapshot() == before


# --- position standards ----------------------------------------------------------------


def test_standard_of_a_position(world):
    body = as_role(world, "agency_admin").get("/api/v1/positions/POS-A/standard/").json()
    names = dict(Competency.objects.values_list("code", "name"))
    assert body == {
        "position": "POS-A",
        "competencies": [
            {
                "competency": "M.01",
                "name": names["M.01"],
                "kind": "managerial",
                "required_level": 3,
                "is_core": True,
            },
            {
                "competency": "M.02",
                "name": names["M.02"],
                "kind": "managerial",
                "required_level": 2,
                "is_core": True,
            },
            {
                "competency": "SK.01",
                "name": names["SK.01"],
                "kind": "sociocultural",
                "required_level": 2,
                "is_core": False,
            },
        ],
    }
    assert as_role(world, "agency_admin").get("/api/v1/positions/POS-B/standard/").status_code == 404


def test_replace_a_standard(world):
    payload = {
        "competencies": [
            {"competency": "M.01", "required_level": 4, "is_core": True},
            {"competency": world["tech_a"], "required_level": 2, "is_core": False},
            {"competency": "M.05", "required_level": 3},
        ]
    }
    response = as_role(world, "agency_admin").put("/api/v1/positions/POS-A/standard/", payload, format="json")
    assert response.status_code == 200, response.content
    assert [
        (row["competency"], row["kind"], row["required_level"], row["is_core"])
        for row in response.json()["competencies"]
    ] == [
        ("M.01", "managerial", 4, True),
        ("M.05", "managerial", 3, True),
        ("T.DINA.01", "technical", 2, False),
    ]
    assert sorted(
        PositionStandard.objects.filter(position__code="POS-A").values_list(
            "competency__code", "required_level"
        )
    ) == [("M.01", 4), ("M.05", 3), ("T.DINA.01", 2)]
    event = AuditEvent.objects.get()
    assert (event.action, event.from_state, event.to_state) == (
        "position.standard_set",
        {"M.01": 3, "M.02": 2, "SK.01": 2},
        {"M.01": 4, "T.DINA.01": 2, "M.05": 3},
    )


def row(code, level=3, **extra):
    return {"competency": code, "required_level": level, **extra}


@pytest.mark.parametrize(
    ("rows", "fields"),
    [
        ([row("M.01", 0)], ["competencies[1].required_level"]),
        ([row("M.01"), row("M.02", 6)], ["competencies[2].required_level"]),
        ([row("M.01", "x")], ["competencies[1].required_level"]),
        ([row("M.01", None)], ["competencies[1].required_level"]),
        ([row("M.01"), row("M.99")], ["competencies[2].competency"]),
        ([row("M.01"), row("M.02"), row("M.01", 4)], ["competencies[3].competency"]),
        ([row("T.DINB.01")], ["competencies[1].competency"]),
        ([{"required_level": 3}], ["competencies[1].competency"]),
        ([row("M.01", is_core="maybe")], ["competencies[1].is_core"]),
        # Shape and reference errors are reported together, per row.
        ([row("M.01", 6), row("M.99"), row("M.01")], [
            "competencies[1].required_level",
            "competencies[2].competency",
            "competencies[3].competency",
        ]),
        ([row("M.01")] * 101, ["competencies"]),
        ([row("M.01"), "M.02", row("M.99")], ["competencies[2]", "competencies[3].competency"]),
        ("M.01", ["competencies"]),
    ],
)  # fmt: skip
def test_standard_bad_input_names_the_row(world, rows, fields):
    before = snapshot()
    response = as_role(world, "province_admin").put(
        "/api/v1/positions/POS-A/standard/", {"competencies": rows}, format="json"
    )
    assert_bad(response, fields)
    assert snapshot() == before


def test_standard_error_messages(world):
    response = as_role(world, "province_admin").put(
        "/api/v1/positions/POS-A/standard/",
        {"competencies": [row("M.01", 6), row("M.01"), row("T.DINB.01"), row("M.99")]},
        format="json",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.json()["fields"] == {
        "competencies[1].required_level": ["A level is a whole number from 1 to 5."],
        "competencies[2].competency": ["M.01 is listed twice (row 1)."],
        "competencies[3].competency": ["T.DINB.01 is a technical competency of another agency."],
        "competencies[4].competency": ["Unknown competency “M.99”."],
    }


def test_empty_list_clears_the_standard(world):
    response = as_role(world, "province_admin").put(
        "/api/v1/positions/POS-A/standard/", {"competencies": []}, format="json"
    )
    assert response.json() == {"position": "POS-A", "competencies": []}
    assert PositionStandard.objects.filter(position__code="POS-A").count() == 0


def test_class_defaults(world):
    client = as_role(world, "agency_admin")
    response = client.post("/api/v1/positions/POS-A-FREE/standard/class-defaults/", {}, format="json")
    body = response.json()
    assert (body["position"], body["applied"]) == ("POS-A-FREE", True)
    # A pelaksana position: level 1 of the eight managerial competencies and SK.01.
    assert [(r["competency"], r["required_level"]) for r in body["competencies"]] == [
        (code, 1) for code in [*DICTIONARY_CODES, "SK.01"]
    ]
    kept = client.post("/api/v1/positions/POS-A/standard/class-defaults/", {}, format="json").json()
    assert kept["applied"] is False
    assert [(r["competency"], r["required_level"]) for r in kept["competencies"]] == [
        ("M.01", 3),
        ("M.02", 2),
        ("SK.01", 2),
    ]
    assert AuditEvent.objects.count() == 1
    assert_bad(
        client.post(
            "/api/v1/positions/POS-A/standard/class-defaults/", {"overwrite": "perhaps"}, format="json"
        ),
        ["overwrite"],
    )


# --- assessments -----------------------------------------------------------------------


def test_assessment_history_newest_first(world):
    emp = employee(world)
    recorder = world["users"]["training_manager"]
    older = AssessmentFactory(
        employee=emp,
        competency=competency("M.01"),
        level=1,
        assessed_on=date(2023, 3, 1),
        method="supervisor",
    )
    withdrawn = AssessmentFactory(
        employee=emp, competency=competency("M.01"), level=5, assessed_on=date(2025, 8, 1), is_valid=False
    )
    own = AssessmentFactory(
        employee=emp,
        competency=competency("M.02"),
        level=4,
        assessed_on=date(2025, 9, 1),
        method="self",
        assessor=recorder,
    )
    response = as_role(world, "agency_admin").get(f"/api/v1/employees/{emp.nip}/assessments/")
    body = response.json()
    assert body["count"] == 5
    world_rows = list(Assessment.objects.filter(employee=emp, assessed_on=date(2025, 6, 2)).order_by("-pk"))
    summary = [
        (r["id"], r["competency"], r["level"], r["method"], r["is_valid"], r["counts"])
        for r in body["results"]
    ]
    assert summary == [
        (own.pk, "M.02", 4, "self", True, False),
        (withdrawn.pk, "M.01", 5, "assessment_centre", False, False),
        (world_rows[0].pk, "M.02", 2, "assessment_centre", True, True),
        (world_rows[1].pk, "M.01", 2, "assessment_centre", True, True),
        (older.pk, "M.01", 1, "supervisor", True, False),
    ]  # fmt: skip
    assert body["results"][0] == {
        "id": own.pk,
        "competency": "M.02",
        "competency_name": competency("M.02").name,
        "level": 4,
        "assessed_on": "2025-09-01",
        "method": "self",
        "assessor_name": "",
        "recorded_by": recorder.full_name,
        "is_valid": True,
        "counts": False,
        "note": "",
    }
    assert body["results"][2]["assessor_name"] == "UPT Penilaian Kompetensi"
    assert body["results"][2]["recorded_by"] is None
    filtered = as_role(world, "agency_admin").get(
        f"/api/v1/employees/{emp.nip}/assessments/?method=supervisor"
    )
    assert [r["id"] for r in filtered.json()["results"]] == [older.pk]


@pytest.mark.parametrize("extra", [0, 10])
def test_assessment_history_query_count(world, extra, django_assert_num_queries):
    emp = employee(world)
    for n in range(extra):
        AssessmentFactory(
            employee=emp, competency=competency(f"M.0{1 + n % 8}"), assessed_on=date(2020, 1, 1 + n)
        )
    client = as_role(world, "agency_admin")
    # token, agency tree, employee, count, page, assessments in force
    with django_assert_num_queries(6):
        response = client.get(f"/api/v1/employees/{emp.nip}/assessments/")
    assert response.json()["count"] == 2 + extra


def test_record_an_assessment(world):
    emp = employee(world)
    payload = {
        "competency": "M.01",
        "level": 4,
        "assessed_on": "2025-10-06",
        "method": "assessment_centre",
        "assessor_name": "UPT Penilaian Kompetensi",
        "note": "Hasil asesmen 2025",
    }
    response = as_role(world, "training_manager").post(
        f"/api/v1/employees/{emp.nip}/assessments/", payload, format="json"
    )
    assert response.status_code == 201, response.content
    created = Assessment.objects.get(employee=emp, level=4)
    assert response.json() == {
        "id": created.pk,
        "competency": "M.01",
        "competency_name": competency("M.01").name,
        "level": 4,
        "assessed_on": "2025-10-06",
        "method": "assessment_centre",
        "assessor_name": "UPT Penilaian Kompetensi",
        "recorded_by": world["users"]["training_manager"].full_name,
        "is_valid": True,
        "counts": True,
        "note": "Hasil asesmen 2025",
    }
    event = AuditEvent.objects.get()
    assert (event.action, event.to_state) == (
        "employee.assessed",
        {"competency": "M.01", "level": 4, "method": "assessment_centre", "on": "2025-10-06"},
    )


def test_employee_records_a_self_assessment_that_never_counts(world):
    payload = {"competency": "M.04", "level": 5, "assessed_on": "2025-10-06", "method": "self"}
    client = as_role(world, "employee")
    response = client.post(f"/api/v1/employees/{world['emp_self']}/assessments/", payload, format="json")
    assert response.status_code == 201, response.content
    assert (response.json()["method"], response.json()["counts"]) == ("self", False)
    before = snapshot()
    refused = client.post(
        f"/api/v1/employees/{world['emp_self']}/assessments/",
        {**payload, "method": "supervisor"},
        format="json",
    )
    assert (refused.status_code, refused.json()["code"]) == (403, "permission_denied")
    assert snapshot() == before


def tomorrow() -> str:
    return (timezone.localdate() + timedelta(days=1)).isoformat()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"level": 0}, "level"),
        ({"level": 6}, "level"),
        ({"level": "x"}, "level"),
        ({"level": None}, "level"),
        ({"competency": "M.99"}, "competency"),
        ({"competency": 7}, "competency"),
        ({"assessed_on": tomorrow}, "assessed_on"),
        ({"assessed_on": "2025-02-30"}, "assessed_on"),
        ({"method": "interview"}, "method"),
        ({"assessor_name": "x" * 201}, "assessor_name"),
    ],
)
def test_assessment_bad_input_names_the_field(world, overrides, field):
    overrides = {k: v() if callable(v) else v for k, v in overrides.items()}
    payload = {
        "competency": "M.01",
        "level": 3,
        "assessed_on": "2025-10-06",
        "method": "supervisor",
        **overrides,
    }
    before = snapshot()
    response = as_role(world, "agency_admin").post(
        f"/api/v1/employees/{world['emp_a']}/assessments/", payload, format="json"
    )
    assert_bad(response, [field])
    assert snapshot() == before


@pytest.mark.parametrize(("competency", "assessed_on"), [("tech_b", "2025-10-06"), ("M.01", "1999-12-31")])
def test_assessment_on_another_agencys_technical_competency_or_before_2000(world, competency, assessed_on):
    payload = {
        "competency": world.get(competency, competency),
        "level": 3,
        "assessed_on": assessed_on,
        "method": "supervisor",
    }
    before = snapshot()
    response = as_role(world, "agency_admin").post(
        f"/api/v1/employees/{world['emp_a']}/assessments/", payload, format="json"
    )
    assert_bad(response, ["competency" if competency == "tech_b" else "assessed_on"])
    assert snapshot() == before


def test_assessment_of_another_agencys_employee_is_not_found(world):
    before = snapshot()
    payload = {"competency": "M.01", "level": 3, "assessed_on": "2025-10-06", "method": "supervisor"}
    client = as_role(world, "agency_admin")
    response = client.post(f"/api/v1/employees/{world['emp_b']}/assessments/", payload, format="json")
    assert (response.status_code, response.json()["code"]) == (404, "not_found")
    assert client.get(f"/api/v1/employees/{world['emp_b']}/assessments/").status_code == 404
    assert snapshot() == before


def test_a_role_that_records_nothing_gets_403_before_validation(world):
    before = snapshot()
    response = as_role(world, "leader").post(
        f"/api/v1/employees/{world['emp_a']}/assessments/", {}, format="json"
    )
    assert (response.status_code, response.json()["code"]) == (403, "permission_denied")
    assert snapshot() == before


# --- job–person match ------------------------------------------------------------------


@pytest.fixture
def head_position(world):
    """Standard M.01–M.04 at level 4 (M.04 secondary); the issue's example gives 81.25."""
    head = PositionFactory(unit=UnitFactory(agency=Agency.objects.get(code="DINA")), code="KABID-A")
    position_standard_set(
        position=head,
        requirements={"M.01": (4, True), "M.02": (4, True), "M.03": (4, True), "M.04": (4, False)},
    )
    emp = employee(world)
    for code, level in {"M.01": 3, "M.02": 4, "M.03": 3, "M.04": 3}.items():
        AssessmentFactory(
            employee=emp, competency=competency(code), level=level, assessed_on=date(2025, 9, 1)
        )
    # A self-assessment never counts, whatever its level.
    AssessmentFactory(
        employee=emp, competency=competency("M.01"), level=5, assessed_on=date(2025, 10, 1), method="self"
    )
    return head


def test_job_match_against_another_position(world, head_position):
    response = as_role(world, "agency_admin").get(
        f"/api/v1/employees/{world['emp_a']}/job-match/?position=KABID-A"
    )
    assert response.json() == {
        "position": "KABID-A",
        "jpm": 81.25,
        "category": "fairly_optimal",
        "method": "jpm",
        "gaps": [
            {"competency": "M.01", "required": 4, "level": 3, "gap": -1},
            {"competency": "M.03", "required": 4, "level": 3, "gap": -1},
            {"competency": "M.04", "required": 4, "level": 3, "gap": -1},
            {"competency": "M.02", "required": 4, "level": 4, "gap": 0},
        ],
    }


def test_job_match_profile_matching(world, head_position):
    response = as_role(world, "province_admin").get(
        f"/api/v1/employees/{world['emp_a']}/job-match/?position=KABID-A&method=profile_matching"
    )
    body = response.json()
    # Core M.01–M.03: weights 4, 5, 4; secondary M.04: 4 → 0.6 × 13/3 + 0.4 × 4.
    assert {k: body[k] for k in ("position", "jpm", "category", "method")} == {
        "position": "KABID-A",
        "jpm": 4.2,
        "category": None,
        "method": "profile_matching",
    }


def test_job_match_against_the_own_position(world):
    response = as_role(world, "agency_admin").get(f"/api/v1/employees/{world['emp_a']}/job-match/")
    # POS-A: M.01 3, M.02 2, SK.01 2; levels M.01 2, M.02 2, SK.01 never assessed: 4/7.
    assert response.json() == {
        "position": "POS-A",
        "jpm": 57.14,
        "category": "less_optimal",
        "method": "jpm",
        "gaps": [
            {"competency": "SK.01", "required": 2, "level": 0, "gap": -2},
            {"competency": "M.01", "required": 3, "level": 2, "gap": -1},
            {"competency": "M.02", "required": 2, "level": 2, "gap": 0},
        ],
    }


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("?position=POS-B", "position"),  # outside the agency administrator's scope
        ("?position=NOPE", "position"),
        ("?method=fuzzy", "method"),
    ],
)
def test_job_match_bad_query(world, query, field):
    response = as_role(world, "agency_admin").get(f"/api/v1/employees/{world['emp_a']}/job-match/{query}")
    assert_bad(response, [field])


def test_an_empty_position_parameter_means_the_own_position(world):
    response = as_role(world, "agency_admin").get(f"/api/v1/employees/{world['emp_a']}/job-match/?position=")
    assert (response.status_code, response.json()["position"]) == (200, "POS-A")


def test_job_match_without_a_standard(world):
    client = as_role(world, "agency_admin")
    response = client.get(f"/api/v1/employees/{world['emp_a']}/job-match/?position=POS-A-FREE")
    assert (response.status_code, response.json()["code"]) == (400, "no_standard")
    unplaced = client.get(f"/api/v1/employees/{world['emp_self']}/job-match/")
    assert (unplaced.status_code, unplaced.json()["code"]) == (400, "no_standard")


def test_job_match_of_another_agencys_employee_is_not_found(world):
    response = as_role(world, "agency_admin").get(f"/api/v1/employees/{world['emp_b']}/job-match/")
    assert (response.status_code, response.json()["code"]) == (404, "not_found")


@pytest.fixture
def placed_employee_user(world):
    """An ASN holding POS-A, signed in as themself."""
    emp = EmployeeFactory(position=position(world), full_name="Rina Pemegang POS-A")
    AssessmentFactory(employee=emp, competency=competency("M.01"), level=3)
    return emp, UserFactory(role=Role.EMPLOYEE, agency=emp.agency, employee=emp, username="rina")


def test_employee_sees_the_match_with_their_own_position_only(world, placed_employee_user):
    emp, user = placed_employee_user
    client = client_for(user)
    own = client.get(f"/api/v1/employees/{emp.nip}/job-match/")
    assert (own.json()["position"], own.json()["jpm"]) == ("POS-A", 42.86)
    named = client.get(f"/api/v1/employees/{emp.nip}/job-match/?position=POS-A")
    assert named.json()["jpm"] == 42.86
    assert_bad(client.get(f"/api/v1/employees/{emp.nip}/job-match/?position=POS-A-FREE"), ["position"])
    assert client.get(f"/api/v1/employees/{world['emp_a']}/job-match/").status_code == 404


# --- talent box ------------------------------------------------------------------------


def test_talent_box(world):
    emp = employee(world)
    PerformanceRatingFactory(employee=emp, year=2024, rating="meets")
    PerformanceRatingFactory(employee=emp, year=2025, rating="above")
    client = as_role(world, "agency_admin")
    # Potential from JPM against the held position POS-A (57.14: low).
    assert client.get(f"/api/v1/employees/{emp.nip}/talent-box/?year=2024").json() == {
        "year": 2024,
        "performance": "meets",
        "potential": "low",
        "box": 2,
        "actions": ["performance_coaching", "competency_development", "fitting_placement"],
        "jpm": 57.14,
    }
    # The latest rated year when none is asked for.
    assert client.get(f"/api/v1/employees/{emp.nip}/talent-box/").json() == {
        "year": 2025,
        "performance": "above",
        "potential": "low",
        "box": 4,
        "actions": ["rotation", "competency_development"],
        "jpm": 57.14,
    }


def test_talent_box_high_potential(world):
    emp = employee(world)
    for code in ("M.01", "M.02", "SK.01"):
        AssessmentFactory(employee=emp, competency=competency(code), level=3, assessed_on=date(2025, 9, 1))
    PerformanceRatingFactory(employee=emp, year=2025, rating="above")
    body = as_role(world, "leader").get(f"/api/v1/employees/{emp.nip}/talent-box/?year=2025").json()
    assert body == {
        "year": 2025,
        "performance": "above",
        "potential": "high",
        "box": 9,
        "actions": ["promote_and_retain", "succession_pool", "award"],
        "jpm": 100.0,
    }


@pytest.mark.parametrize(
    ("query", "field"),
    [("?year=1999", "year"), ("?year=x", "year"), ("?year=" + "9" * 40, "year"), ("?year=２０２５", "year")],
)
def test_talent_box_bad_year(world, query, field):
    PerformanceRatingFactory(employee=employee(world), year=2025)
    response = as_role(world, "province_admin").get(f"/api/v1/employees/{world['emp_a']}/talent-box/{query}")
    assert_bad(response, [field])


def test_talent_box_without_rating_or_standard(world):
    client = as_role(world, "province_admin")
    emp = employee(world)
    none_yet = client.get(f"/api/v1/employees/{emp.nip}/talent-box/")
    assert (none_yet.status_code, none_yet.json()["code"]) == (400, "no_rating")
    PerformanceRatingFactory(employee=emp, year=2025)
    other_year = client.get(f"/api/v1/employees/{emp.nip}/talent-box/?year=2023")
    assert (other_year.status_code, other_year.json()["code"]) == (400, "no_rating")
    free = EmployeeFactory(position=position(world, "pos_a_free"))
    PerformanceRatingFactory(employee=free, year=2025)
    no_standard = client.get(f"/api/v1/employees/{free.nip}/talent-box/?year=2025")
    assert (no_standard.status_code, no_standard.json()["code"]) == (400, "no_standard")


def test_talent_box_visibility(world, placed_employee_user, settings):
    emp, user = placed_employee_user
    PerformanceRatingFactory(employee=emp, year=2025, rating="meets")
    assert client_for(user).get(f"/api/v1/employees/{emp.nip}/talent-box/").json()["box"] == 2
    expected = {"complaint_verifier": 404, "complaint_officer": 404, "training_manager": 403}
    for role, status in expected.items():
        response = as_role(world, role).get(f"/api/v1/employees/{emp.nip}/talent-box/")
        assert (role, response.status_code) == (role, status)
    assert (
        as_role(world, "agency_admin").get(f"/api/v1/employees/{world['emp_b']}/talent-box/").status_code
        == 404
    )
    settings.PENATA_TALENT_BOX_SELF_VISIBLE = False
    hidden = client_for(user).get(f"/api/v1/employees/{emp.nip}/talent-box/")
    assert (hidden.status_code, hidden.json()["code"]) == (403, "permission_denied")


# --- talent grid -----------------------------------------------------------------------


def test_talent_grid(world):
    emp_a, emp_b = employee(world), employee(world, "emp_b")
    PerformanceRatingFactory(employee=emp_a, year=2025, rating="above")  # JPM 57.14: box 4
    PerformanceRatingFactory(employee=emp_b, year=2025, rating="meets")  # POS-B, never assessed: box 2
    PerformanceRatingFactory(employee=employee(world, "emp_self"), year=2025)  # no position
    EmployeeFactory(agency=emp_a.agency, status="retired")
    province = as_role(world, "province_admin").get("/api/v1/talent-grid/?year=2025").json()
    assert province == {
        "year": 2025,
        "agency": None,
        "counts": [{"box": n, "count": {2: 1, 4: 1}.get(n, 0)} for n in range(1, 10)],
        "placed": 2,
        "unrated": 0,
        "no_standard": 1,
    }
    mine = as_role(world, "agency_admin").get("/api/v1/talent-grid/").json()
    assert (mine["year"], mine["placed"], mine["no_standard"], mine["counts"][3]) == (
        2025,
        1,
        1,
        {"box": 4, "count": 1},
    )
    dinb = as_role(world, "leader").get("/api/v1/talent-grid/?agency=DINB").json()
    assert (dinb["agency"], dinb["placed"], dinb["counts"][1]) == ("DINB", 1, {"box": 2, "count": 1})
    assert_bad(as_role(world, "agency_admin").get("/api/v1/talent-grid/?agency=DINB"), ["agency"])
    assert_bad(as_role(world, "province_admin").get("/api/v1/talent-grid/?year=20x5"), ["year"])
    assert as_role(world, "employee").get("/api/v1/talent-grid/").status_code == 403


def test_talent_grid_without_ratings(world):
    response = as_role(world, "province_admin").get("/api/v1/talent-grid/")
    assert (response.status_code, response.json()["code"]) == (400, "no_rating")


@pytest.mark.parametrize("extra", [0, 20])
def test_talent_grid_query_count(world, extra, django_assert_num_queries):
    agency = Agency.objects.get(code="DINA")
    pos = position(world)
    for _ in range(extra):
        emp = EmployeeFactory(agency=agency, position=pos)
        PerformanceRatingFactory(employee=emp, year=2025)
        AssessmentFactory(employee=emp, competency=competency("M.01"), level=2)
    client = as_role(world, "leader")
    # token, ratings, employees, JPM against the held positions (summed in the database)
    with django_assert_num_queries(4):
        response = client.get("/api/v1/talent-grid/?year=2025")
    assert response.json()["placed"] == extra
