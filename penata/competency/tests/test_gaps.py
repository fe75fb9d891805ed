from datetime import date

import pytest

from penata.competency import gaps
from penata.competency.models import AssessmentMethod, PositionStandard
from penata.competency.tests.factories import AssessmentFactory, TechnicalCompetencyFactory, competency
from penata.organization.models import Agency
from penata.organization.tests.factories import PositionFactory, UnitFactory
from penata.workforce.tests.factories import EmployeeFactory

pytestmark = pytest.mark.django_db


def standard(position, **levels):
    for code, level in levels.items():
        PositionStandard.objects.create(
            position=position, competency=competency(code.replace("_", ".")), required_level=level
        )


def assess(employee, code, level, on=date(2025, 6, 1), **kwargs):
    return AssessmentFactory(
        employee=employee, competency=competency(code), level=level, assessed_on=on, **kwargs
    )


def build_world(agency_a, agency_b) -> dict:
    """Agency A: units A-0 (no standard / M.01 4), A-1 (M.01 3, M.02 2) and its child
    A-1.1 (M.01 2, technical T 3); agency B: one position (M.01 3). Expected shares are
    worked out by hand in the comments."""
    tech = TechnicalCompetencyFactory(code="T.DINA.01", name="Registrasi digital", agency=agency_a)
    a0 = UnitFactory(agency=agency_a, code="A-0", name="Sekretariat")
    a1 = UnitFactory(agency=agency_a, code="A-1", name="Bidang Pelayanan")
    a11 = UnitFactory(agency=agency_a, code="A-1.1", name="Seksi Pendaftaran", parent=a1)
    UnitFactory(agency=agency_a, code="A-9", name="Bidang Kosong")  # no staff: not shown

    p1 = PositionFactory(unit=a1, code="P1", title="Kepala Bidang")
    standard(p1, M_01=3, M_02=2)
    p2 = PositionFactory(unit=a11, code="P2", title="Pengadministrasi")
    standard(p2, M_01=2)
    PositionStandard.objects.create(position=p2, competency=tech, required_level=3)
    p3 = PositionFactory(unit=a0, code="P3", title="Pramu Bakti")  # no standard
    p4 = PositionFactory(unit=a0, code="P4", title="Sekretaris")
    standard(p4, M_01=4)
    pb = PositionFactory(unit=UnitFactory(agency=agency_b, code="B-1"), code="PB")
    standard(pb, M_01=3)

    def person(name, position, **kwargs):
        return EmployeeFactory(full_name=name, position=position, agency=agency_a, **kwargs)

    # A-1, M.01 (required 3): e1 meets; e2 dropped from 4 to 2 (latest counts: −1);
    # e3 has a valid 1 and a later invalid 5 (−2). → N 3, B 2.
    # A-1, M.02 (required 2): e1 only self-assessed 5 (counts 0: −2); e2, e3 meet. → N 3, B 1.
    e1 = person("Ahmad Fauzi", p1)
    assess(e1, "M.01", 3)
    assess(e1, "M.02", 5, method=AssessmentMethod.SELF)
    e2 = person("Bunga Citra", p1)
    assess(e2, "M.01", 4, on=date(2024, 1, 10))
    assess(e2, "M.01", 2, on=date(2025, 1, 10))
    assess(e2, "M.02", 2, method=AssessmentMethod.SUPERVISOR)
    e3 = person("Candra Wijaya", p1)
    assess(e3, "M.01", 1, on=date(2023, 5, 5))
    assess(e3, "M.01", 5, on=date(2025, 5, 5), is_valid=False)
    assess(e3, "M.02", 3)
    # Retired: not counted anywhere.
    person("Dedi Retiring", p1, status="retired")
    # M.01 (required 2): e4 never assessed (0: −2), e5 meets. → N 2, B 1.
    # T (required 3): e4 meets; e5 has 4 then 2 on the same day, the later record
    # counts (−1). → N 2, B 1.
    e4 = person("Eka Putri", p2)
    AssessmentFactory(employee=e4, competency=tech, level=3)
    e5 = person("Fajar Nugraha", p2)
    assess(e5, "M.01", 2)
    AssessmentFactory(employee=e5, competency=tech, level=4)
    AssessmentFactory(employee=e5, competency=tech, level=2)
    # e6 holds a position without a standard (not mapped); e8 meets M.01 4. → N 1, B 0.
    e6 = person("Gita Sari", p3)
    e8 = person("Hadi Saputra", p4)
    assess(e8, "M.01", 4, method=AssessmentMethod.COMPETENCY_TEST)
    # No position at all: not mapped, counted in agency A.
    e7 = EmployeeFactory(full_name="Indah Permata", agency=agency_a, position=None)
    # Agency B: one person never assessed on M.01 (required 3).
    e9 = EmployeeFactory(full_name="Joko Susilo", position=pb, agency=agency_b)
    return {
        "tech": tech,
        "units": {"A-0": a0, "A-1": a1, "A-1.1": a11},
        "people": {"e1": e1, "e2": e2, "e3": e3, "e4": e4, "e5": e5, "e6": e6, "e7": e7, "e8": e8, "e9": e9},
    }


@pytest.fixture
def world(agency_a, agency_b):
    return build_world(agency_a, agency_b)


def shares(gap_map) -> dict[tuple[str, str], tuple[int, int, int]]:
    """(unit code, competency code) → (N, B, shortfall) for the cells with staff."""
    return {
        (row.unit.code, column.competency.code): (cell.staff, cell.below, cell.shortfall)
        for row in gap_map.rows
        for column, cell in zip(gap_map.columns, row.cells, strict=True)
        if cell.staff
    }


def test_gap_cell_arithmetic():
    cell = gaps.GapCell(staff=3, below=2, shortfall=3)
    assert cell.share == pytest.approx(200 / 3)
    assert cell.mean_gap == -1.5
    assert cell.severity == 3
    assert gaps.GapCell().share is None
    assert gaps.GapCell().severity is None
    assert gaps.GapCell(staff=4).mean_gap is None
    assert gaps.GapCell(staff=4).severity == 0
    assert [gaps.GapCell(100, b).severity for b in (1, 25, 26, 50, 51, 75, 76, 100)] == [
        1,
        1,
        2,
        2,
        3,
        3,
        4,
        4,
    ]
    assert cell + gaps.GapCell(1, 1, 2) == gaps.GapCell(4, 3, 5)


def test_agency_map_counts_exactly(world, agency_a, django_assert_num_queries):
    with django_assert_num_queries(4):
        gap_map = gaps.agency_gap_map(agency=agency_a)
    assert shares(gap_map) == {
        ("A-0", "M.01"): (1, 0, 0),
        ("A-1", "M.01"): (3, 2, 3),
        ("A-1", "M.02"): (3, 1, 2),
        ("A-1.1", "M.01"): (2, 1, 2),
        ("A-1.1", "T.DINA.01"): (2, 1, 1),
    }
    # Agency-wide: M.01 3/6 = 50% (3 below), T 1/2 = 50% (1 below), M.02 1/3.
    assert [c.competency.code for c in gap_map.columns] == ["M.01", "T.DINA.01", "M.02"]
    assert [(c.total.staff, c.total.below) for c in gap_map.columns] == [(6, 3), (2, 1), (3, 1)]
    assert gap_map.columns[0].total.share == 50.0
    assert gap_map.columns[2].total.mean_gap == -2.0
    # Unit tree order; the unit without staff is left out.
    assert [(r.unit.code, r.depth) for r in gap_map.rows] == [("A-0", 0), ("A-1", 0), ("A-1.1", 1)]
    assert gap_map.units_without_staff == 1
    assert [(r.total.staff, r.total.below, r.staff, r.unmapped) for r in gap_map.rows] == [
        (1, 0, 2, 1),
        (6, 3, 3, 0),
        (4, 2, 2, 0),
    ]
    assert (gap_map.staff, gap_map.unmapped, gap_map.without_position, gap_map.mapped) == (8, 2, 1, 6)
    assert (gap_map.total.staff, gap_map.total.below) == (11, 5)
    row, column = gap_map.worst
    assert (row.unit.code, column.competency.code) == ("A-1", "M.01")


def test_agency_map_sorted_by_largest_gaps(world, agency_a):
    gap_map = gaps.agency_gap_map(agency=agency_a, sort="worst")
    # both 50%; A-1 has the larger shortfall (5 against 3).
    assert [r.unit.code for r in gap_map.rows] == ["A-1", "A-1.1", "A-0"]
    with pytest.raises(ValueError):
        gaps.agency_gap_map(agency=agency_a, sort="name")


def test_agency_without_standards_is_all_unmapped(agency_b):
    EmployeeFactory(position=PositionFactory(unit=UnitFactory(agency=agency_b)), agency=agency_b)
    gap_map = gaps.agency_gap_map(agency=agency_b)
    assert gap_map.columns == []
    assert (gap_map.staff, gap_map.unmapped, gap_map.total.share) == (1, 1, None)
    assert gap_map.worst is None


def test_query_count_does_not_grow_with_units(agency_a, django_assert_num_queries):
    def grow(count):
        for n in range(count):
            unit = UnitFactory(agency=agency_a)
            position = PositionFactory(unit=unit)
            standard(position, M_01=2, M_03=3, SK_01=2)
            for _ in range(2):
                employee = EmployeeFactory(position=position, agency=agency_a)
                assess(employee, "M.01", 1 + n % 3)

    grow(3)
    with django_assert_num_queries(4):
        small = gaps.agency_gap_map(agency=agency_a)
    grow(3)
    with django_assert_num_queries(4):
        large = gaps.agency_gap_map(agency=agency_a)
    assert (len(small.rows), len(large.rows)) == (3, 6)
    assert (large.columns[0].total.staff, large.columns[0].total.below) == (12, 12)


def test_staff_below_standard_lists_exactly_the_right_people(world, agency_a):
    units, people = world["units"], world["people"]
    below = gaps.staff_below_standard(agency=agency_a, competency=competency("M.01"), unit=units["A-1"])
    assert [(e.full_name, e.level, e.required_level, e.shortfall) for e in below] == [
        ("Candra Wijaya", 1, 3, 2),
        ("Bunga Citra", 2, 3, 1),
    ]
    whole = gaps.staff_below_standard(agency=agency_a, competency=competency("M.01"))
    assert [e.pk for e in whole] == [people["e3"].pk, people["e4"].pk, people["e2"].pk]
    self_only = gaps.staff_below_standard(agency=agency_a, competency=competency("M.02"), unit=units["A-1"])
    assert [(e.full_name, e.level) for e in self_only] == [("Ahmad Fauzi", 0)]
    tech = gaps.staff_below_standard(agency=agency_a, competency=world["tech"], unit=units["A-1.1"])
    assert [(e.full_name, e.level, e.required_level) for e in tech] == [("Fajar Nugraha", 2, 3)]
    assert (
        list(gaps.staff_below_standard(agency=agency_a, competency=competency("M.01"), unit=units["A-0"]))
        == []
    )


def test_province_overview(world, agency_a, agency_b, django_assert_num_queries):
    with django_assert_num_queries(4):
        overview = gaps.province_gap_overview(agencies=Agency.objects.all(), top=2)
    # M.01 across the province: 6 in A (3 below) + 1 in B (below, level 0 against 3).
    assert [
        (c.competency.code, c.total.staff, c.total.below, c.total.shortfall) for c in overview.weakest
    ] == [
        ("M.01", 7, 4, 8),
        ("T.DINA.01", 2, 1, 1),
        ("M.02", 3, 1, 2),
    ]
    assert overview.weakest[0].total.share == pytest.approx(400 / 7)
    assert overview.weakest[0].total.mean_gap == -2.0
    assert [c.competency.code for c in overview.top] == ["M.01", "T.DINA.01"]
    # B: 1/1 below in total; A: 5/11.
    assert [(r.agency.code, [(c.staff, c.below) for c in r.cells]) for r in overview.rows] == [
        ("DINB", [(1, 1), (0, 0)]),
        ("DINA", [(6, 3), (2, 1)]),
    ]
    assert (overview.staff, overview.unmapped) == (9, 2)
    by_tech = gaps.province_gap_overview(agencies=Agency.objects.all(), top=2, sort="T.DINA.01")
    assert [r.agency.code for r in by_tech.rows] == ["DINA", "DINB"]
    assert by_tech.sort == "T.DINA.01"
    unknown = gaps.province_gap_overview(agencies=Agency.objects.all(), sort="nope")
    assert unknown.sort == "total"


def test_who_sees_gap_maps(make_user, agency_a, agency_b):
    from penata.accounts.models import Role

    expectations = {
        Role.PROVINCE_ADMIN: (True, True),
        Role.TRAINING_MANAGER: (True, True),
        Role.LEADER: (True, True),
        Role.AGENCY_ADMIN: (True, False),
        Role.COMPLAINT_OFFICER: (False, False),
        Role.COMPLAINT_VERIFIER: (False, False),
        Role.EMPLOYEE: (False, False),
        Role.CITIZEN: (False, False),
    }
    for role, (maps, province) in expectations.items():
        user = make_user(role, None if role == Role.CITIZEN else agency_a)
        assert (gaps.can_see_gap_maps(user), gaps.can_see_province_gaps(user)) == (maps, province), role
    admin = make_user(Role.AGENCY_ADMIN, agency_a)
    assert list(gaps.gap_agencies_visible_to(user=admin)) == [agency_a]
