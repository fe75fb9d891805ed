"""A small world for API tests: two agencies (A with a sub-agency), positions, services,
employees and one signed-in user per role, plus a client that signs in by token.

``build_world()`` returns a dict; tests format endpoint templates with it
(``"/api/v1/employees/{emp_a}/"``). Another app that needs its own objects in the
permission table appends a builder to ``WORLD_BUILDERS``: a callable taking the world
and returning more entries.
"""

from collections.abc import Callable
from datetime import date

from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from penata.accounts.models import Role
from penata.accounts.tests.factories import UserFactory
from penata.organization.tests.factories import (
    AgencyFactory,
    PositionFactory,
    PublicServiceFactory,
    UnitFactory,
)
from penata.workforce.tests.factories import EmployeeFactory, make_nip

TEST_PASSWORD = "rahasia-uji-123"

# Every caller the permission table covers; "anonymous" sends no credentials.
ROLES = (
    "province_admin",
    "agency_admin",
    "complaint_verifier",
    "complaint_officer",
    "training_manager",
    "leader",
    "employee",
    "citizen",
    "anonymous",
)

WORLD_BUILDERS: list[Callable[[dict], dict]] = []


def build_world() -> dict:
    agency_a = AgencyFactory(code="DINA", name="Dinas A")
    agency_a_child = AgencyFactory(code="RSUD-A", name="RSUD A", kind="rsud", parent=agency_a)
    agency_b = AgencyFactory(code="DINB", name="Dinas B")
    unit_a = UnitFactory(agency=agency_a, code="UA", name="Bidang A")
    unit_b = UnitFactory(agency=agency_b, code="UB", name="Bidang B")
    position_a = PositionFactory(unit=unit_a, code="POS-A", headcount_needed=2)
    position_a_free = PositionFactory(unit=unit_a, code="POS-A-FREE", headcount_needed=1)
    position_b = PositionFactory(unit=unit_b, code="POS-B", headcount_needed=2)
    position_b_free = PositionFactory(unit=unit_b, code="POS-B-FREE", headcount_needed=1)
    employee_a = EmployeeFactory(position=position_a, full_name="Ahmad Pegawai A")
    employee_self = EmployeeFactory(agency=agency_a, full_name="Siti Pegawai Sendiri")
    employee_b = EmployeeFactory(position=position_b, full_name="Budi Pegawai B")
    service_a = PublicServiceFactory(agency=agency_a, code="SVC-A", legal_basis="Perda 1/2020")
    service_b = PublicServiceFactory(agency=agency_b, code="SVC-B")
    service_inactive = PublicServiceFactory(agency=agency_a, code="SVC-OFF", is_active=False)

    users = {}
    for role in ROLES:
        if role == "anonymous":
            continue
        users[role] = UserFactory(
            username=role,
            role=role,
            agency=None if role == Role.CITIZEN else agency_a,
            employee=employee_self if role == Role.EMPLOYEE else None,
        )
    world = {
        "agency_a": agency_a.code,
        "agency_a_child": agency_a_child.code,
        "agency_b": agency_b.code,
        "unit_a": unit_a.pk,
        "unit_b": unit_b.pk,
        "pos_a": position_a.code,
        "pos_a_free": position_a_free.code,
        "pos_b": position_b.code,
        "pos_b_free": position_b_free.code,
        "emp_a": employee_a.nip,
        "emp_self": employee_self.nip,
        "emp_b": employee_b.nip,
        "svc_a": service_a.code,
        "svc_b": service_b.code,
        "svc_inactive": service_inactive.code,
        "users": users,
    }
    for builder in WORLD_BUILDERS:
        world.update(builder(world))
    return world


def _competency_world(world: dict) -> dict:
    """Standards for POS-A and POS-B, a technical competency per agency and a few
    assessments. Created directly, without services, so the world writes no audit events.
    No performance ratings: the workforce tests count them, so talent boxes in this world
    answer ``no_rating`` and the competency tests add ratings where they need them."""
    from penata.competency.models import Assessment, Competency, PositionStandard
    from penata.organization.models import Agency, Position
    from penata.workforce.models import Employee

    dictionary = {c.code: c for c in Competency.objects.filter(code__in=["M.01", "M.02", "SK.01"])}
    agencies = {a.code: a for a in Agency.objects.filter(code__in=[world["agency_a"], world["agency_b"]])}
    tech = {
        key: Competency.objects.create(
            code=f"T.{agency.code}.01",
            name=f"Kompetensi teknis {agency.name}",
            kind="technical",
            agency=agency,
        )
        for key, agency in (("tech_a", agencies[world["agency_a"]]), ("tech_b", agencies[world["agency_b"]]))
    }
    positions = {p.code: p for p in Position.objects.filter(code__in=[world["pos_a"], world["pos_b"]])}
    # POS-A: M.01 3, M.02 2 (core), SK.01 2 (secondary); POS-B: M.01 2. POS-*-FREE: none.
    PositionStandard.objects.bulk_create(
        [
            PositionStandard(
                position=positions[world[key]], competency=dictionary[code], required_level=lv, is_core=core
            )
            for key, code, lv, core in (
                ("pos_a", "M.01", 3, True),
                ("pos_a", "M.02", 2, True),
                ("pos_a", "SK.01", 2, False),
                ("pos_b", "M.01", 2, True),
            )
        ]
    )
    employees = {e.nip: e for e in Employee.objects.filter(nip__in=[world["emp_a"], world["emp_self"]])}
    Assessment.objects.bulk_create(
        [
            Assessment(
                employee=employees[world["emp_a"]],
                competency=dictionary["M.01"],
                level=2,
                assessed_on=date(2025, 6, 2),
                method="assessment_centre",
                assessor_name="UPT Penilaian Kompetensi",
            ),
            Assessment(
                employee=employees[world["emp_a"]],
                competency=dictionary["M.02"],
                level=2,
                assessed_on=date(2025, 6, 2),
                method="assessment_centre",
                assessor_name="UPT Penilaian Kompetensi",
            ),
            Assessment(
                employee=employees[world["emp_self"]],
                competency=dictionary["M.01"],
                level=3,
                assessed_on=date(2025, 7, 1),
                method="self",
            ),
        ]
    )
    assessments = Assessment.objects.filter(competency=dictionary["M.01"])
    return {
        **{key: competency.code for key, competency in tech.items()},
        # Ids for the invalidate endpoint: emp_a's M.01 by the assessment centre, and
        # emp_self's own self-assessment.
        "assess_a": assessments.get(employee=employees[world["emp_a"]]).pk,
        "assess_self": assessments.get(employee=employees[world["emp_self"]]).pk,
    }


WORLD_BUILDERS.append(_competency_world)


def _complaints_world(world: dict) -> dict:
    """Three reports for the complaints API (rows without services, so no audit events): one
    submitted (no agency yet), one dispatched to agency A, one to agency B. The dispatched
    ones are confidential, so they never appear on public lists or Open311."""
    from datetime import timedelta

    from django.utils import timezone

    from penata.complaints.tests.factories import ComplaintCategoryFactory, ComplaintFactory
    from penata.organization.models import Agency

    agencies = {a.code: a for a in Agency.objects.filter(code__in=[world["agency_a"], world["agency_b"]])}
    category = ComplaintCategoryFactory(code="PERM-CAT", name="Kategori uji izin")
    now = timezone.now()
    step = {"step_started_at": now, "step_due_at": now + timedelta(days=5)}
    new = ComplaintFactory(category=category, status="submitted", step="verification", **step)
    dispatched = {
        key: ComplaintFactory(
            category=category,
            status="dispatched",
            privacy="confidential",
            agency=agencies[world[agency]],
            step="follow_up",
            **step,
        )
        for key, agency in (("cmp_a", "agency_a"), ("cmp_b", "agency_b"))
    }
    return {"cmp_new": new.tracking_code, **{k: c.tracking_code for k, c in dispatched.items()}}


WORLD_BUILDERS.append(_complaints_world)


def client_for(user) -> APIClient:
    client = APIClient()
    if user is not None:
        token, _created = Token.objects.get_or_create(user=user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def employee_payload(agency_code: str, *, sequence: int = 7, **overrides) -> dict:
    birth = date(1990, 4, 17)
    payload = {
        "nip": make_nip(birth, (2015, 3), "F", sequence),
        "employment_type": "pns",
        "full_name": "Nur Aini",
        "sex": "F",
        "birth_date": birth.isoformat(),
        "rank": "III/a",
        "education_level": "s1",
        "education_field": "Manajemen",
        "agency": agency_code,
        "phone": "081234567890",
        "email": "nur.aini@example.test",
    }
    payload.update(overrides)
    return payload
