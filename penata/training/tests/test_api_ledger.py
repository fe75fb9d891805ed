"""``GET /api/v1/employees/<nip>/jp/``: who may call it (a (role, endpoint, status) table on
the shared API world), the exact body, the year parameter and the query count.

The world (penata/core/tests/api_world.py) has agency A (with sub-agency RSUD-A) and agency
B; every staff user belongs to A and the employee user is ``emp_self`` (in A). ``emp_a`` is
another employee of A, ``emp_b`` one of B.
"""

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone

from penata.core.tests.api_world import ROLES, build_world, client_for
from penata.organization.models import Agency
from penata.workforce.models import Employee

from .factories import ExternalTrainingFactory, JpLedgerEntryFactory

pytestmark = pytest.mark.django_db

THIS_YEAR = timezone.localdate().year

PERMISSION_ROWS: list[tuple[str, str, str, int]] = []


def rows(method: str, endpoint: str, **expected: int) -> None:
    """One row per role; every role must be given, so no caller is forgotten."""
    assert set(expected) == set(ROLES), (endpoint, set(ROLES) ^ set(expected))
    for role in ROLES:
        PERMISSION_ROWS.append((role, method, endpoint, expected[role]))


NO_STAFF = {"citizen": 403, "anonymous": 401}
# Training data: the personnel-development roles and the employee themself. The complaint
# roles see employee records (to route reports) but an employee's JP reads as unknown.
JP_READERS = {"province_admin": 200, "agency_admin": 200, "training_manager": 200, "leader": 200}
NOT_JP = {"complaint_verifier": 404, "complaint_officer": 404}

rows("GET", "/api/v1/employees/{emp_self}/jp/", **JP_READERS, **NOT_JP, employee=200, **NO_STAFF)
rows("GET", "/api/v1/employees/{emp_a}/jp/", **JP_READERS, **NOT_JP, employee=404, **NO_STAFF)
# Another agency's employee: unknown to agency A's administrator.
rows(
    "GET",
    "/api/v1/employees/{emp_b}/jp/",
    **{**JP_READERS, "agency_admin": 404},
    **NOT_JP,
    employee=404,
    **NO_STAFF,
)
rows("GET", "/api/v1/employees/{emp_b}/jp/?year=2025", **{**JP_READERS, "agency_admin": 404}, **NOT_JP,
     employee=404, **NO_STAFF)  # fmt: skip
# A bad year is a 400 for whoever may see the employee, the employee stays unknown to others.
rows(
    "GET",
    "/api/v1/employees/{emp_self}/jp/?year=dua",
    **dict.fromkeys(JP_READERS, 400),
    **NOT_JP,
    employee=400,
    **NO_STAFF,
)
rows(
    "GET",
    "/api/v1/employees/000000000000000000/jp/",
    **dict.fromkeys(JP_READERS, 404),
    **NOT_JP,
    employee=404,
    **NO_STAFF,
)
# Read-only.
rows(
    "POST",
    "/api/v1/employees/{emp_self}/jp/",
    **dict.fromkeys(JP_READERS, 405),
    **dict.fromkeys(NOT_JP, 405),
    employee=405,
    **NO_STAFF,
)


@pytest.fixture
def world():
    world = build_world()
    employees = {key: Employee.objects.get(nip=world[key]) for key in ("emp_self", "emp_a", "emp_b")}
    agency = Agency.objects.get(code=world["agency_a"])
    session_entry = JpLedgerEntryFactory(
        employee=employees["emp_self"],
        jp=Decimal("24"),
        title="Pelayanan Publik Digital",
        form="technical_guidance",
        completed_on=date(THIS_YEAR, 3, 4),
        enrolment__session__organizer=agency,
    )
    claim = ExternalTrainingFactory(
        employee=employees["emp_self"],
        title="Webinar Etika ASN",
        status="verified",
        start_date=date(THIS_YEAR, 5, 20),
        end_date=date(THIS_YEAR, 5, 20),
        jp=Decimal("2.5"),
    )
    JpLedgerEntryFactory(
        employee=employees["emp_self"],
        enrolment=None,
        external_training=claim,
        source="external",
        jp=Decimal("2.5"),
        title="Webinar Etika ASN",
        form="seminar",
        completed_on=date(THIS_YEAR, 5, 20),
    )
    JpLedgerEntryFactory(
        employee=employees["emp_self"],
        jp=Decimal("6"),
        title="Kursus Tahun Lalu",
        completed_on=date(THIS_YEAR - 1, 11, 2),
        enrolment__session__organizer=agency,
    )
    world["session_entry"] = session_entry
    return world


@pytest.mark.parametrize(
    ("role", "method", "endpoint", "expected"),
    PERMISSION_ROWS,
    ids=[f"{r[0]}-{r[1]}-{r[2]}" for r in PERMISSION_ROWS],
)
def test_permission(world, role, method, endpoint, expected):
    client = client_for(world["users"].get(role))
    response = getattr(client, method.lower())(endpoint.format(**world))
    assert response.status_code == expected, response.content
    if expected >= 400:
        assert set(response.json()) == {"code", "message", "fields"}


def test_the_body_for_the_current_year(world):
    response = client_for(world["users"]["employee"]).get(f"/api/v1/employees/{world['emp_self']}/jp/")
    assert response.status_code == 200
    assert response.json() == {
        "year": THIS_YEAR,
        "jp_total": 26.5,
        "target": 20,
        "entries": [
            {
                "title": "Webinar Etika ASN",
                "form": "seminar",
                "source": "external",
                "jp": 2.5,
                "completed_on": f"{THIS_YEAR}-05-20",
            },
            {
                "title": "Pelayanan Publik Digital",
                "form": "technical_guidance",
                "source": "session",
                "jp": 24.0,
                "completed_on": f"{THIS_YEAR}-03-04",
            },
        ],
    }


def test_another_year_and_a_year_without_entries(world, settings):
    settings.PENATA_JP_TARGET = 24
    client = client_for(world["users"]["agency_admin"])
    body = client.get(f"/api/v1/employees/{world['emp_self']}/jp/?year={THIS_YEAR - 1}").json()
    assert body == {
        "year": THIS_YEAR - 1,
        "jp_total": 6.0,
        "target": 24,
        "entries": [
            {
                "title": "Kursus Tahun Lalu",
                "form": "workshop",
                "source": "session",
                "jp": 6.0,
                "completed_on": f"{THIS_YEAR - 1}-11-02",
            }
        ],
    }
    body = client.get(f"/api/v1/employees/{world['emp_a']}/jp/?year=2001").json()
    assert body == {"year": 2001, "jp_total": 0.0, "target": 24, "entries": []}


@pytest.mark.parametrize("year", ["dua", "1999", "2101", "20261", "-2026", "2026.0"])
def test_a_bad_year_names_the_field(world, year):
    response = client_for(world["users"]["employee"]).get(
        f"/api/v1/employees/{world['emp_self']}/jp/", {"year": year}
    )
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert list(body["fields"]) == ["year"]


def test_the_nip_may_be_written_with_spaces(world):
    nip = world["emp_self"]
    spaced = f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}"
    response = client_for(world["users"]["employee"]).get(f"/api/v1/employees/{spaced}/jp/")
    assert response.status_code == 200
    assert response.json()["jp_total"] == 26.5


@pytest.mark.parametrize(("role", "queries"), [("employee", 3), ("agency_admin", 4), ("leader", 3)])
def test_query_count(world, django_assert_num_queries, role, queries):
    client = client_for(world["users"][role])
    # token and user, (an agency administrator's agency tree), the employee, the entries
    with django_assert_num_queries(queries):
        response = client.get(f"/api/v1/employees/{world['emp_self']}/jp/")
    assert response.status_code == 200
    assert len(response.json()["entries"]) == 2


def test_the_schema_documents_the_endpoint(tmp_path: Path):
    target = tmp_path / "schema.yml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(target))
    text = target.read_text()
    assert "/api/v1/employees/{nip}/jp/:" in text
    assert "EmployeeJp:" in text
    assert "JpEntry:" in text
