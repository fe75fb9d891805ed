import hashlib
import json
import os
import subprocess
import sys
from collections import Counter
from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import F
from django.test import override_settings
from django.urls import reverse

from penata.accounts.models import Role, User
from penata.competency.jpm import jpm_category
from penata.competency.models import Assessment, Competency, PositionStandard
from penata.competency.selectors import own_position_jpm, talent_grid
from penata.core.models import AuditEvent
from penata.demo import catalogue, names
from penata.demo.competencies import competency_plan
from penata.demo.complaints import complaint_plan
from penata.demo.loader import DEFAULT_SEED, DEMO_ACCOUNTS, _csv_agencies, demo_plan
from penata.demo.people import REFERENCE_DATE
from penata.organization.models import EDUCATION_ORDER, Agency, Position, PublicService, Rank, Unit
from penata.organization.selectors import position_list_with_vacancies
from penata.organization.services import AGENCIES_CSV
from penata.workforce.models import Employee, PerformanceRating, PlacementInterest, PositionHistory
from penata.workforce.nip import parse_nip
from penata.workforce.services import employee_identity_errors, employee_validate

SMALL = 200
LOGIN = reverse("accounts:login")
APP_LABELS = ("core", "accounts", "organization", "workforce", "competency", "complaints")


def table_counts() -> dict[str, int]:
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label in APP_LABELS
    }


def load(employees: int = SMALL, **options) -> str:
    out = StringIO()
    call_command("load_demo", employees=employees, stdout=out, stderr=StringIO(), **options)
    return out.getvalue()


def plan_digest(employees: int, seed: int) -> str:
    structure, people = demo_plan(employees=employees, seed=seed)
    payload = {
        "units": [(u.agency, u.code, u.name, u.parent) for u in structure.units],
        "positions": [
            (p.code, p.title, p.position_class, p.headcount, p.min_rank, p.max_rank)
            for p in structure.positions
        ],
        "people": [(p.nip, p.full_name, p.position, p.rank, str(p.position_start_date)) for p in people],
    }
    competencies = competency_plan(_csv_agencies(), structure, people, seed=seed)
    payload["competencies"] = {
        "technical": [(t.agency, t.code, t.name, t.levels) for t in competencies.technical],
        "standards": sorted((code, sorted(std.items())) for code, std in competencies.standards.items()),
        "assessments": [
            (a.nip, a.code, a.level, str(a.assessed_on), a.method, a.assessor_name, a.is_valid)
            for a in competencies.assessments
        ],
        "asn": competencies.asn_nip,
    }
    payload["complaints"] = [
        (r.tracking_code, r.path, r.kind, r.category, r.description, r.agency, r.privacy, r.reporter_name,
         r.latitude, r.longitude, r.kelurahan, [t.isoformat() for t in r.times], r.texts)
        for r in complaint_plan(employees=employees, seed=seed)
    ]  # fmt: skip
    return hashlib.sha256(json.dumps(payload).encode()).hexdigest()


@pytest.fixture
def small_demo(db):
    load()
    structure, people = demo_plan(employees=SMALL, seed=DEFAULT_SEED)
    return structure, people


def test_small_demo_matches_its_plan(small_demo):
    structure, people = small_demo
    agency_count = len(AGENCIES_CSV.read_text(encoding="utf-8").strip().splitlines()) - 1
    assert Agency.objects.count() == agency_count == 43
    assert Unit.objects.count() == len(structure.units) == 393
    assert Position.objects.count() == len(structure.positions) == 1255
    assert Employee.objects.count() == SMALL
    assert list(Employee.objects.order_by("pk").values_list("nip", flat=True)) == [p.nip for p in people]
    assert PositionHistory.objects.count() == sum(len(p.history) for p in people)
    assert PerformanceRating.objects.count() == sum(len(p.ratings) for p in people)
    assert PlacementInterest.objects.count() == sum(len(p.interests) for p in people)
    assert PublicService.objects.count() == 33
    assert Employee.objects.filter(status="retired").count() == 4
    # One audit event per created object, as the services write them.
    assert AuditEvent.objects.filter(action="employee.created").count() == SMALL
    assert AuditEvent.objects.filter(action="position.created").count() == len(structure.positions)
    assert AuditEvent.objects.filter(action="unit.created").count() == len(structure.units)
    assert AuditEvent.objects.filter(action="public_service.created").count() == 33
    assert AuditEvent.objects.filter(action="demo.loaded").count() == 1
    competencies = competency_plan(_csv_agencies(), structure, people, seed=DEFAULT_SEED)
    assert Competency.objects.filter(kind="technical").count() == len(competencies.technical) == 81
    assert AuditEvent.objects.filter(action="competency.created").count() == 81
    standard_rows = sum(len(s) for s in competencies.standards.values())
    assert PositionStandard.objects.count() == standard_rows == 12705
    assert AuditEvent.objects.filter(action="position.standard_set").count() == 1255
    assert Assessment.objects.count() == len(competencies.assessments) == 1824
    assert AuditEvent.objects.filter(action="employee.assessed").count() == 1824


def check_employees_follow_the_rules(*, full_validation_every: int = 1) -> int:
    """Every employee passes the identity rules, and every n-th the whole validation of
    the workforce services (a query per person); returns the PPPK count."""
    employees = list(Employee.objects.select_related("rank", "position", "agency").order_by("pk"))
    pppk = 0
    for index, employee in enumerate(employees):
        assert (
            employee_identity_errors(
                nip=employee.nip,
                employment_type=employee.employment_type,
                birth_date=employee.birth_date,
                sex=employee.sex,
            )
            == {}
        ), employee.nip
        if index % full_validation_every == 0:
            employee_validate(employee)  # raises on any broken rule
        if employee.employment_type == "pns":
            parts = parse_nip(employee.nip, today=REFERENCE_DATE)
            assert (parts.birth_date, parts.sex) == (employee.birth_date, employee.sex)
            assert 1 <= parts.sequence <= 999
            assert parts.appointment_year >= employee.birth_date.year + 18
        else:
            pppk += 1
            assert employee.nip[:8] == employee.birth_date.strftime("%Y%m%d")
            assert employee.nip[12:14] == "21"
        assert employee.home_regency in names.REGENCY_NAMES
    assert len({e.nip for e in employees}) == len(employees)
    return pppk


def check_holders_fit_their_positions() -> int:
    """Rank and education of every holder fit the position; returns the holder count."""
    holders = list(
        Employee.objects.exclude(position=None).select_related(
            "rank", "position__min_rank", "position__max_rank"
        )
    )
    orders = dict(Rank.objects.values_list("code", "order"))
    for employee in holders:
        position = employee.position
        if employee.employment_type == "pns":
            assert position.min_rank.order <= employee.rank.order <= position.max_rank.order, employee.nip
        else:
            assert position.position_class not in catalogue.MANAGERIAL
            if position.position_class == "pelaksana":
                low, high = catalogue.PPPK_PELAKSANA_GRADES[position.required_education_level]
            else:
                low, high = catalogue.PPPK_GRADES_BY_CLASS[position.position_class]
            assert orders[low] <= employee.rank.order <= orders[high], employee.nip
            assert employee.rank.employment_type == "pppk"
        assert EDUCATION_ORDER[employee.education_level] >= EDUCATION_ORDER[position.required_education_level]
        if position.required_education_fields:
            assert employee.education_field in position.required_education_fields
    return len(holders)


def test_every_employee_passes_the_workforce_rules(small_demo):
    # The 200 people of the small demo all hold managerial seats (filled first): no PPPK.
    assert check_employees_follow_the_rules() == 0
    assert Employee.objects.count() == SMALL


def test_ranks_and_education_fit_the_position(small_demo):
    assert check_holders_fit_their_positions() == SMALL - 4


def test_no_position_holds_more_than_its_headcount(small_demo, django_assert_num_queries):
    with django_assert_num_queries(1):
        positions = list(position_list_with_vacancies())
    assert len(positions) == 1255
    assert [p.code for p in positions if p.filled > p.headcount_needed] == []
    assert sum(p.filled for p in positions) == SMALL - 4
    heads = [
        p
        for p in positions
        if p.position_class in ("jpt_madya", "jpt_pratama") and p.code.endswith("PIMPINAN-01")
    ]
    assert len(heads) == 43
    assert all(p.filled == 1 for p in heads)


def test_history_ends_in_the_current_position(small_demo):
    employees = Employee.objects.prefetch_related("history")
    for employee in employees:
        rows = sorted(employee.history.all(), key=lambda r: (r.start_date, r.pk))
        assert rows[0].kind == "appointment"
        last = rows[-1]
        if employee.status == "retired":
            assert (last.kind, last.position_id) == ("release", None)
            assert employee.position_id is None
        else:
            assert (last.position_id, last.agency_id, last.rank_id) == (
                employee.position_id,
                employee.agency_id,
                employee.rank_id,
            )
            assert employee.position_start_date in [
                r.start_date for r in rows if r.position_id == employee.position_id
            ]
        if employee.employment_type == "pns":
            appointed = parse_nip(employee.nip, today=REFERENCE_DATE)
            assert (rows[0].start_date.year, rows[0].start_date.month) == (
                appointed.appointment_year,
                appointed.appointment_month,
            )


def test_demo_accounts_have_their_roles_and_sign_in(small_demo, client):
    # The demo complaint officers of the other agencies (petugas.<agency>) are checked in
    # test_complaints_demo.
    users = {
        u.username: u
        for u in User.objects.select_related("agency", "employee").exclude(username__startswith="petugas.")
    }
    assert sorted(users) == sorted(a.username for a in DEMO_ACCOUNTS)
    expected = {
        "admin": (Role.PROVINCE_ADMIN, "BKD"),
        "opd_admin": (Role.AGENCY_ADMIN, "DISDUKCAPIL"),
        "verifier": (Role.COMPLAINT_VERIFIER, "BIRO-ORG"),
        "officer": (Role.COMPLAINT_OFFICER, "DISDUKCAPIL"),
        "trainer": (Role.TRAINING_MANAGER, "BPSDM"),
        "leader": (Role.LEADER, "SETDA"),
        "asn": (Role.EMPLOYEE, "DISDUKCAPIL"),
        "citizen": (Role.CITIZEN, None),
    }
    assert {name: (u.role, u.agency.code if u.agency else None) for name, u in users.items()} == expected
    assert all(u.is_demo for u in users.values())
    assert (users["admin"].is_staff, users["admin"].is_superuser) == (True, True)
    assert [name for name, u in users.items() if u.is_superuser] == ["admin"]
    asn = users["asn"]
    assert asn.employee.agency.code == "DISDUKCAPIL"
    assert asn.full_name == asn.employee.full_name
    for username in expected:
        client.post(LOGIN, {"username": username, "password": "penata-demo"})
        assert client.session["_auth_user_id"] == str(users[username].pk)
        client.logout()


def test_second_run_creates_nothing(small_demo):
    before = table_counts()
    output = load()
    assert output.startswith("Provinsi demo sudah dimuat (200 pegawai")
    assert table_counts() == before


def test_run_after_removing_accounts_only_recreates_them(small_demo):
    call_command("demo_accounts_remove", stdout=StringIO())
    before = table_counts()
    load()
    after = table_counts()
    assert after["accounts.User"] == 8
    assert after["core.AuditEvent"] == before["core.AuditEvent"] + 8
    assert {k: v for k, v in after.items() if k not in ("accounts.User", "core.AuditEvent")} == {
        k: v for k, v in before.items() if k not in ("accounts.User", "core.AuditEvent")
    }


def test_another_size_is_refused(small_demo):
    before = table_counts()
    with pytest.raises(CommandError, match="sudah berisi provinsi demo dengan 200 pegawai"):
        load(employees=300)
    assert table_counts() == before


def test_the_demo_is_deterministic(small_demo):
    _structure, people = small_demo
    assert [p.nip for p in people[:3]] == list(
        Employee.objects.order_by("pk").values_list("nip", flat=True)[:3]
    )
    assert [p.nip for p in people[:3]] == ["197410182005032004", "198004092004032002", "197709252006012004"]
    assert plan_digest(SMALL, DEFAULT_SEED) == plan_digest(SMALL, DEFAULT_SEED)
    assert plan_digest(SMALL, DEFAULT_SEED) != plan_digest(SMALL, DEFAULT_SEED + 1)


def test_the_plan_does_not_depend_on_hash_randomization(db):
    # Set and dict order of strings changes between processes; the plan must not.
    code = (
        "import django; django.setup(); "
        "from penata.demo.tests.test_load_demo import plan_digest; "
        f"print(plan_digest({SMALL}, {DEFAULT_SEED}))"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345", "DJANGO_SETTINGS_MODULE": "config.settings"}
    root = Path(__file__).resolve().parents[3]
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=root, check=True
    )
    assert result.stdout.strip().splitlines()[-1] == plan_digest(SMALL, DEFAULT_SEED)


def test_default_size(db):
    output = load(employees=3000)
    assert "Provinsi demo dimuat" in output
    assert Employee.objects.count() == 3000
    structure, _people = demo_plan(employees=3000, seed=DEFAULT_SEED)
    assert Position.objects.count() == len(structure.positions) == 1437
    positions = position_list_with_vacancies()
    assert positions.filter(filled__gt=F("headcount_needed")).count() == 0
    assert positions.filter(filled__lt=F("headcount_needed")).count() == 67
    assert Employee.objects.filter(employment_type="pppk").count() == 249
    assert check_employees_follow_the_rules(full_validation_every=10) == 249
    assert check_holders_fit_their_positions() == 3000 - 60
    # The talent grid of the default province has people in all nine boxes, and all three
    # JPM categories occur.
    active = Employee.objects.filter(status="active")
    grid = talent_grid(employees=active, year=2025)
    assert grid.counts == {1: 40, 2: 483, 3: 22, 4: 56, 5: 313, 6: 112, 7: 44, 8: 1329, 9: 207}
    assert (len(grid.unrated), len(grid.no_standard)) == (296, 0)
    categories = Counter(jpm_category(value) for value in own_position_jpm(employees=active).values())
    assert categories == {"optimal": 1648, "fairly_optimal": 379, "less_optimal": 875}
    for line in ("admin", "opd_admin", "asn", "citizen"):
        assert f"\n  {line} " in output
    assert "Masuk di http://127.0.0.1:8000/accounts/login/" in output


@override_settings(IS_PRODUCTION=True)
def test_production_refuses_to_load(db):
    with pytest.raises(CommandError, match="tidak pernah dimuat di lingkungan produksi"):
        load()
    assert (Agency.objects.count(), Employee.objects.count(), User.objects.count()) == (0, 0, 0)


@pytest.mark.parametrize("employees", [0, 49, 200_001])
def test_size_out_of_range_is_refused(db, employees):
    with pytest.raises(CommandError, match="antara 50 dan 200000"):
        load(employees=employees)
    assert Employee.objects.count() == 0


def test_an_existing_non_demo_user_is_left_alone(db, make_user):
    make_user(Role.CITIZEN, username="citizen", full_name="Warga Sungguhan")
    err = StringIO()
    call_command("load_demo", employees=SMALL, stdout=StringIO(), stderr=err)
    assert "“citizen” sudah ada dan bukan akun demo" in err.getvalue()
    citizen = User.objects.get(username="citizen")
    assert (citizen.is_demo, citizen.full_name) == (False, "Warga Sungguhan")
    # 7 demo accounts and 10 demo complaint officers; no reports of the demo citizen.
    assert User.objects.filter(is_demo=True).count() == 7 + 10
    assert citizen.complaints_reported.count() == 0


def test_sign_in_address_follows_the_served_port(db):
    output = load(employees=SMALL, url="http://127.0.0.1:8123/")
    assert "Masuk di http://127.0.0.1:8123/accounts/login/" in output
    assert "8000" not in output
