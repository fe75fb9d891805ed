import math

import numpy as np
import pytest

from penata.competency.selectors import (
    NoRating,
    NoStandard,
    jpm_table,
    own_position_jpm,
    talent_box,
    talent_grid,
)
from penata.competency.services import position_standard_set
from penata.competency.tests.factories import AssessmentFactory, competency
from penata.organization.tests.factories import PositionFactory, UnitFactory
from penata.workforce.models import Employee
from penata.workforce.tests.factories import EmployeeFactory, PerformanceRatingFactory

pytestmark = pytest.mark.django_db


def assess(employee, **levels):
    for code, level in levels.items():
        AssessmentFactory(employee=employee, competency=competency(code.replace("_", ".")), level=level)


@pytest.fixture
def world(agency_a):
    unit = UnitFactory(agency=agency_a)
    head, clerk, bare = (PositionFactory(unit=unit) for _ in range(3))
    position_standard_set(position=head, requirements={"M.01": (4, True), "M.02": (4, True)})
    position_standard_set(position=clerk, requirements={"M.01": (2, True), "SK.01": (2, False)})
    strong = EmployeeFactory(position=clerk, agency=agency_a)
    assess(strong, M_01=4, M_02=3, SK_01=1)
    weak = EmployeeFactory(position=head, agency=agency_a)
    assess(weak, M_01=1)
    unplaced = EmployeeFactory(position=bare, agency=agency_a)
    return {"head": head, "clerk": clerk, "bare": bare, "strong": strong, "weak": weak, "unplaced": unplaced}


def test_jpm_table_matches_the_rule_for_every_pair(world, django_assert_num_queries):
    positions = [world["head"].pk, world["clerk"].pk, world["bare"].pk]
    with django_assert_num_queries(4):
        table = jpm_table(employees=Employee.objects.all(), positions=positions)
    assert table.codes == ("M.01", "M.02", "SK.01")
    strong, weak = table.row(world["strong"].pk), table.row(world["weak"].pk)
    head, clerk, bare = (table.column(world[k].pk) for k in ("head", "clerk", "bare"))
    assert table.scores[strong, head] == pytest.approx(100 * (4 + 3) / 8)
    assert table.scores[strong, clerk] == pytest.approx(100 * (2 + 1) / 4)
    assert table.scores[weak, head] == pytest.approx(100 * 1 / 8)
    assert table.scores[weak, clerk] == pytest.approx(100 * 1 / 4)
    assert np.isnan(table.scores[:, bare]).all()
    assert table.scores[table.row(world["unplaced"].pk), head] == 0.0


def test_own_position_jpm_in_bulk(world):
    jpms = own_position_jpm(employees=Employee.objects.all())
    assert jpms == {
        world["strong"].pk: pytest.approx(75.0),
        world["weak"].pk: pytest.approx(12.5),
        world["unplaced"].pk: None,
    }


def test_talent_box_and_grid(world):
    PerformanceRatingFactory(employee=world["strong"], year=2025, rating="above")
    PerformanceRatingFactory(employee=world["weak"], year=2025, rating="meets")
    PerformanceRatingFactory(employee=world["unplaced"], year=2025, rating="meets")
    placed = talent_box(employee=world["strong"], year=2025)
    assert (placed.performance, placed.potential, placed.box) == ("above", "low", 4)
    assert placed.actions == ("rotation", "competency_development")
    with pytest.raises(NoRating):
        talent_box(employee=world["strong"], year=2024)
    with pytest.raises(NoStandard):
        talent_box(employee=world["unplaced"], year=2025)

    grid = talent_grid(employees=Employee.objects.all(), year=2025)
    assert grid.counts == {1: 0, 2: 1, 3: 0, 4: 1, 5: 0, 6: 0, 7: 0, 8: 0, 9: 0}
    assert grid.in_box(2) == [world["weak"].pk]
    assert grid.no_standard == [world["unplaced"].pk]
    assert grid.unrated == []
    assert talent_grid(employees=Employee.objects.all(), year=2024).unrated == sorted(
        e.pk for e in (world["strong"], world["weak"], world["unplaced"])
    )


def test_potential_cutoffs_are_settings(world, settings):
    PerformanceRatingFactory(employee=world["strong"], year=2025, rating="above")
    settings.PENATA_POTENTIAL_MEDIUM = 70.0
    assert talent_box(employee=world["strong"], year=2025).box == 7
    settings.PENATA_POTENTIAL_HIGH = 75.0
    assert talent_box(employee=world["strong"], year=2025).box == 9
    assert not math.isnan(talent_box(employee=world["strong"], year=2025).jpm)


def test_empty_sets_read_nothing():
    assert jpm_table(employees=[], positions=[]).scores.shape == (0, 0)
    assert own_position_jpm(employees=Employee.objects.none()) == {}
    assert talent_grid(employees=Employee.objects.none(), year=2025).counts == dict.fromkeys(range(1, 10), 0)
