"""The priority of a training need: a pure table, no database."""

from decimal import Decimal
from fractions import Fraction

import pytest

from penata.training.needs_priority import DEFAULT_WEIGHTS, PriorityWeights, jp_missing, need_priority

# 80 × gap/5 × (1 core, 2/3 secondary) + 20 × min(missing, 20)/20, rounded half up.
TABLE = [
    # gap, core, JP missing, priority
    (1, True, "0", 16),
    (1, True, "20", 36),
    (2, True, "0", 32),
    (3, True, "0", 48),
    (4, True, "0", 64),
    (5, True, "0", 80),
    (5, True, "20", 100),
    (1, False, "0", 11),  # 10.67
    (2, False, "0", 21),  # 21.33
    (3, False, "0", 32),
    (3, False, "20", 52),
    (5, False, "0", 53),  # 53.33: a large secondary gap still outranks a small core one
    (4, False, "10", 53),  # 42.67 + 10
    (2, True, "7.5", 40),  # 39.5 rounds half up
    (2, False, "7.5", 29),  # 28.83
    (1, True, "0.5", 17),  # 16.5 rounds half up
    (1, True, "0.4", 16),  # 16.4
    (3, True, "12.5", 61),  # 48 + 12.5 = 60.5 rounds half up
    # nothing to close: no priority, whatever the JP
    (0, True, "20", 0),
    (-1, True, "20", 0),
    # out of range inputs are held to the scale
    (7, True, "0", 80),
    (1, True, "25", 36),
    (1, True, "-3", 16),
]


@pytest.mark.parametrize(("gap", "core", "missing", "expected"), TABLE)
def test_priority_table(gap, core, missing, expected):
    assert need_priority(gap=gap, is_core=core, jp_missing=Decimal(missing)) == expected


def test_priority_takes_ints_and_floats_alike():
    assert need_priority(gap=2, is_core=True, jp_missing=20) == 52
    assert need_priority(gap=2, is_core=True, jp_missing=7.5) == 40


@pytest.mark.parametrize(
    ("weights", "gap", "core", "missing", "expected"),
    [
        (PriorityWeights(gap_points=60, jp_points=40), 5, True, "20", 100),
        (PriorityWeights(gap_points=60, jp_points=40), 1, True, "10", 32),  # 12 + 20
        (PriorityWeights(gap_points=60, jp_points=40, secondary_factor=Fraction(1, 2)), 5, False, "20", 70),
        (PriorityWeights(jp_target=40), 1, True, "20", 26),  # 16 + 20 × 20/40
        (PriorityWeights(gap_points=100, jp_points=0), 3, True, "20", 60),
    ],
)
def test_priority_with_other_weights(weights, gap, core, missing, expected):
    assert need_priority(gap=gap, is_core=core, jp_missing=Decimal(missing), weights=weights) == expected


@pytest.mark.parametrize(
    "kwargs",
    [
        {"gap_points": 70, "jp_points": 20},
        {"gap_points": 120, "jp_points": -20},
        {"max_gap": 0},
        {"jp_target": 0},
        {"secondary_factor": Fraction(3, 2)},
        {"secondary_factor": Fraction(-1, 2)},
    ],
)
def test_weights_are_checked(kwargs):
    with pytest.raises(ValueError):
        PriorityWeights(**kwargs)


def test_default_weights():
    assert (
        DEFAULT_WEIGHTS.gap_points,
        DEFAULT_WEIGHTS.jp_points,
        DEFAULT_WEIGHTS.secondary_factor,
        DEFAULT_WEIGHTS.max_gap,
        DEFAULT_WEIGHTS.jp_target,
    ) == (80, 20, Fraction(2, 3), 5, 20)


@pytest.mark.parametrize(
    ("so_far", "target", "expected"),
    [
        (Decimal("0"), 20, Decimal("20")),
        (Decimal("12.5"), 20, Decimal("7.5")),
        (Decimal("20"), 20, Decimal("0")),
        (Decimal("25"), 20, Decimal("0")),
        (3, 20, Decimal("17")),
        (Decimal("10"), 40, Decimal("30")),
    ],
)
def test_jp_missing(so_far, target, expected):
    assert jp_missing(jp_so_far=so_far, target=target) == expected


def test_priority_never_leaves_0_to_100():
    values = {
        need_priority(gap=gap, is_core=core, jp_missing=Decimal(tenths) / 10)
        for gap in range(-1, 8)
        for core in (True, False)
        for tenths in range(-10, 260, 5)
    }
    assert min(values) == 0
    assert max(values) == 100
