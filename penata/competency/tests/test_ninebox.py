import pytest

from penata.competency.ninebox import ACTIONS, PotentialCutoffs, box, potential_from_jpm


@pytest.mark.parametrize(
    ("potential", "performance", "expected"),
    [
        ("high", "below", 6), ("high", "meets", 8), ("high", "above", 9),
        ("medium", "below", 3), ("medium", "meets", 5), ("medium", "above", 7),
        ("low", "below", 1), ("low", "meets", 2), ("low", "above", 4),
    ],
)  # fmt: skip
def test_box_grid(potential, performance, expected):
    assert box(performance=performance, potential=potential) == expected


def test_unknown_axis_value_is_refused():
    with pytest.raises(ValueError):
        box(performance="excellent", potential="high")


@pytest.mark.parametrize(
    ("jpm", "expected"), [(100, "high"), (90, "high"), (89.99, "medium"), (78, "medium"), (77.9, "low")]
)
def test_potential_from_jpm(jpm, expected):
    assert potential_from_jpm(jpm) == expected


def test_potential_cutoffs_are_parameters():
    assert potential_from_jpm(80, PotentialCutoffs(medium=70, high=80)) == "high"


def test_every_box_has_actions():
    assert sorted(ACTIONS) == list(range(1, 10))
    assert ACTIONS[1] == ("discipline_and_performance_rules",)
    assert "succession_pool" in ACTIONS[9]
