from datetime import date

import pytest

from penata.accounts.models import Role
from penata.competency.tests.factories import competency
from penata.training.models import NeedSource, NeedStatus, SessionStatus, TrainingNeed
from penata.training.selectors_needs import (
    DEFAULT_SESSION_CAPACITY,
    can_plan_sessions,
    can_record_need_for,
    can_see_needs,
    employee_needs,
    need_people,
    needs_summary,
    needs_totals,
    needs_visible_to,
    programs_closing,
    recorded_needs,
    sessions_to_open,
)
from penata.training.services.needs import (
    training_need_record,
    training_need_set_status,
    training_needs_compute,
)

from .factories import ProgramCompetencyFactory, ProgramFactory, TrainingSessionFactory
from .needs_world import YEAR, build_needs_world

pytestmark = pytest.mark.django_db

TODAY = date(2026, 6, 1)


@pytest.fixture
def world(agency_a, agency_b, make_user):
    world = build_needs_world(agency_a, agency_b, make_user)
    training_needs_compute(year=YEAR)
    training_need_record(
        agency=agency_a,
        unit=world.units["A-1"],
        competency=competency("M.05"),
        source=NeedSource.COMPLAINTS,
        reason="Pengaduan tentang pelayanan loket",
        year=YEAR,
    )
    return world


@pytest.fixture
def programs(world):
    """M.01: P-INT (level 2, 8 JP), P-KOM (level 3, 24 JP), P-OLD (level 4, inactive);
    M.02: P-KERJA (level 2). P-KOM has an upcoming open session of 2 seats, a completed one
    of 30 and a cancelled one of 100 (left out); P-INT has a session that already began."""
    integrity = ProgramFactory(code="P-INT", title="Integritas Dasar", jp=8)
    ProgramCompetencyFactory(program=integrity, competency=competency("M.01"), target_level=2)
    communication = ProgramFactory(code="P-KOM", title="Komunikasi Efektif", jp=24)
    ProgramCompetencyFactory(program=communication, competency=competency("M.01"), target_level=3)
    old = ProgramFactory(code="P-OLD", title="Integritas Lama", jp=16, is_active=False)
    ProgramCompetencyFactory(program=old, competency=competency("M.01"), target_level=4)
    teamwork = ProgramFactory(code="P-KERJA", title="Kerja Sama Tim", jp=16)
    ProgramCompetencyFactory(program=teamwork, competency=competency("M.02"), target_level=2)
    TrainingSessionFactory(
        program=communication, start_date=date(2026, 9, 7), capacity=2, status=SessionStatus.OPEN
    )
    TrainingSessionFactory(
        program=communication, start_date=date(2026, 2, 2), capacity=30, status=SessionStatus.COMPLETED
    )
    TrainingSessionFactory(
        program=communication, start_date=date(2026, 10, 5), capacity=100, status=SessionStatus.CANCELLED
    )
    TrainingSessionFactory(
        program=integrity, start_date=date(2026, 5, 25), capacity=10, status=SessionStatus.OPEN
    )
    return {"integrity": integrity, "communication": communication, "teamwork": teamwork}


def summary(user, by, **filters):
    needs = needs_visible_to(user=user, year=YEAR).filter(**filters)
    return [
        (
            row.code,
            row.employees,
            row.gap_needs,
            row.mean_gap,
            row.priority_sum,
            row.priority_max,
            row.recorded,
        )
        for row in needs_summary(needs=needs, by=by)
    ]


def test_needs_by_agency(world):
    assert summary(world.manager, "agency") == [
        ("DINA", 3, 4, 2.0, 40 + 29 + 52 + 52, 52, 1),
        ("DINB", 1, 1, 2.0, 32, 32, 0),
    ]


def test_needs_by_unit_of_one_agency(world):
    assert summary(world.admin_a, "unit") == [
        ("A-1", 2, 3, 2.0, 40 + 29 + 52, 52, 1),
        ("A-2", 1, 1, 2.0, 52, 52, 0),
    ]


def test_needs_by_competency(world):
    assert summary(world.manager, "competency") == [
        ("M.01", 3, 3, 2.0, 40 + 52 + 32, 52, 0),
        ("M.03", 1, 1, 2.0, 52, 52, 0),
        ("M.02", 1, 1, 2.0, 29, 29, 0),
        ("M.05", 0, 0, None, 0, 0, 1),
    ]


def test_met_and_dismissed_needs_leave_the_summaries(world):
    ani_m01 = TrainingNeed.objects.get(employee=world.people["ani"], competency__code="M.01")
    training_need_set_status(need=ani_m01, status=NeedStatus.DISMISSED)
    citra = TrainingNeed.objects.get(employee=world.people["citra"])
    training_need_set_status(need=citra, status=NeedStatus.PLANNED)
    needs = needs_visible_to(user=world.admin_a, year=YEAR)
    assert needs_totals(needs=needs) == {"employees": 3, "gap_needs": 3, "planned": 1, "recorded": 1}
    assert summary(world.admin_a, "competency", competency__code="M.01") == [("M.01", 1, 1, 2.0, 52, 52, 0)]


@pytest.mark.parametrize(
    ("role", "agency", "visible"),
    [
        (Role.TRAINING_MANAGER, "a", 6),
        (Role.PROVINCE_ADMIN, "a", 6),
        (Role.LEADER, "a", 6),
        (Role.AGENCY_ADMIN, "a", 5),
        (Role.AGENCY_ADMIN, "b", 1),
        (Role.COMPLAINT_OFFICER, "a", 0),
        (Role.COMPLAINT_VERIFIER, "a", 0),
        (Role.EMPLOYEE, "a", 0),
        (Role.CITIZEN, None, 0),
    ],
)
def test_who_sees_which_needs(world, make_user, role, agency, visible):
    user = make_user(
        role, {"a": world.agency_a, "b": world.agency_b, None: None}[agency], username=f"u-{role}-{agency}"
    )
    TrainingNeed.objects.create(source=NeedSource.SURVEY, agency=world.agency_b, year=YEAR - 1, reason="2025")
    assert needs_visible_to(user=user, year=YEAR).count() == visible
    assert can_see_needs(user) == (visible > 0)


def test_who_plans_and_records(world, make_user):
    assert [
        can_plan_sessions(u) for u in (world.manager, world.province_admin, world.leader, world.admin_a)
    ] == [
        True,
        True,
        True,
        False,
    ]
    assert [can_record_need_for(world.manager, a) for a in (world.agency_a, world.agency_b)] == [True, True]
    assert [can_record_need_for(world.admin_a, a) for a in (world.agency_a, world.agency_b)] == [True, False]
    assert [can_record_need_for(world.leader, a) for a in (world.agency_a, world.agency_b)] == [False, False]


def test_need_people_the_most_urgent_first(world):
    needs = needs_visible_to(user=world.manager, year=YEAR)
    people = need_people(needs=needs, competency=competency("M.01"))
    assert [(n.employee.full_name, n.gap, n.priority, n.unit.code) for n in people] == [
        ("Citra Dewi", 2, 52, "A-2"),
        ("Ani Lestari", 2, 40, "A-1"),
        ("Joko Susilo", 2, 32, "B-1"),
    ]


def test_recorded_needs(world):
    needs = needs_visible_to(user=world.admin_a, year=YEAR)
    assert [(n.source, n.unit.code, n.competency.code) for n in recorded_needs(needs=needs)] == [
        ("complaints", "A-1", "M.05")
    ]
    assert list(recorded_needs(needs=needs_visible_to(user=world.admin_b, year=YEAR))) == []


def test_programs_closing(world, programs):
    m01 = competency("M.01")
    assert [(p.code, p.target_level) for p in programs_closing(competency=m01, level=2)] == [
        ("P-INT", 2),
        ("P-KOM", 3),
    ]
    assert [(p.code, p.target_level) for p in programs_closing(competency=m01, level=3)] == [("P-KOM", 3)]
    assert list(programs_closing(competency=m01, level=4)) == []  # P-OLD is no longer offered
    assert list(programs_closing(competency=competency("M.03"), level=1)) == []


def test_sessions_to_open(world, programs, django_assert_num_queries):
    needs = needs_visible_to(user=world.manager, year=YEAR)
    with django_assert_num_queries(4):
        rows = sessions_to_open(needs=needs, today=TODAY)
    summary_rows = [
        (
            row.competency.code,
            row.employees,
            (row.lowest_required, row.highest_required),
            [(p.program.code, p.target_level, p.planned_sessions, p.planned_seats) for p in row.programs],
            row.planned_seats,
            row.typical_capacity,
            row.uncovered,
            row.sessions_needed,
            row.recorded,
        )
        for row in rows
    ]
    assert summary_rows == [
        # 3 people; P-KOM's 2 upcoming seats leave 1; its sessions average (2 + 30) / 2 = 16
        # seats, P-INT's (already started) 10: (32 + 10) / 3 = 14.
        ("M.01", 3, (2, 3), [("P-INT", 2, 0, 0), ("P-KOM", 3, 1, 2)], 2, 14, 1, 1, 0),
        ("M.02", 1, (2, 2), [("P-KERJA", 2, 0, 0)], 0, DEFAULT_SESSION_CAPACITY, 1, 1, 0),
        ("M.03", 1, (2, 2), [], 0, DEFAULT_SESSION_CAPACITY, 1, 1, 0),
        ("M.05", 0, (1, 0), [], 0, DEFAULT_SESSION_CAPACITY, 0, 0, 1),
    ]
    assert [row.has_program for row in rows] == [True, True, False, False]


def test_sessions_to_open_counts_seats_against_the_people(world, programs):
    # 40 more people in need of M.01 at level 2: 43 − 2 seats = 41 → ceil(41 / 14) = 3 sessions.
    position = world.positions["PA2"]
    from penata.workforce.tests.factories import EmployeeFactory

    for _ in range(40):
        EmployeeFactory(position=position, agency=world.agency_a)
    training_needs_compute(year=YEAR)
    rows = {
        row.competency.code: row
        for row in sessions_to_open(needs=TrainingNeed.objects.filter(year=YEAR), today=TODAY)
    }
    assert (rows["M.01"].employees, rows["M.01"].uncovered, rows["M.01"].sessions_needed) == (43, 41, 3)


def test_sessions_to_open_without_needs(agency_a):
    assert sessions_to_open(needs=TrainingNeed.objects.all(), today=TODAY) == []


def test_employee_needs_with_the_programs_that_close_them(world, programs, django_assert_num_queries):
    with django_assert_num_queries(2):
        items = employee_needs(employee=world.people["ani"], year=YEAR)
    assert [
        (item.need.competency.code, item.need.priority, [(p.code, p.target_level) for p in item.programs])
        for item in items
    ] == [
        ("M.01", 40, [("P-KOM", 3)]),  # P-INT reaches level 2 only; Ani needs 3
        ("M.02", 29, [("P-KERJA", 2)]),
    ]
    assert employee_needs(employee=world.people["budi"], year=YEAR) == []
