"""JPM, gaps and Profile Matching (DOMAIN §3); pure, no database."""

import numpy as np
import pytest

from penata.competency.jpm import (
    FAIRLY_OPTIMAL,
    LESS_OPTIMAL,
    OPTIMAL,
    JpmCutoffs,
    gaps,
    jpm,
    jpm_category,
    jpm_matrix,
    profile_matching,
)

STANDARD = {"M.01": 3, "M.02": 3, "M.03": 2, "SK.01": 2}


@pytest.mark.parametrize(
    ("levels", "expected"),
    [
        ({"M.01": 3, "M.02": 3, "M.03": 2, "SK.01": 2}, 100.0),
        ({"M.01": 5, "M.02": 5, "M.03": 5, "SK.01": 5}, 100.0),  # above the standard caps at it
        ({"M.01": 5, "M.02": 1, "M.03": 2, "SK.01": 2}, 80.0),  # a surplus does not cover a gap
        ({"M.01": 3, "M.02": 3}, 60.0),  # never assessed counts as 0
        ({}, 0.0),
        ({"M.01": 2, "M.02": 2, "M.03": 1, "SK.01": 1, "M.08": 5}, 60.0),  # outside the standard ignored
    ],
)
def test_jpm_penata_rule(levels, expected):
    assert jpm(levels, STANDARD) == pytest.approx(expected)


def test_jpm_of_an_empty_standard_is_none():
    assert jpm({"M.01": 3}, {}) is None
    assert jpm({"M.01": 3}, {"M.01": 0}) is None


@pytest.mark.parametrize("bad", [6, -1, 2.5, "3", True])
def test_levels_outside_0_to_5_are_refused(bad):
    with pytest.raises(ValueError):
        jpm({"M.01": bad}, STANDARD)
    with pytest.raises(ValueError):
        jpm({}, {"M.01": bad})


@pytest.mark.parametrize(
    ("value", "category"),
    [
        (100.0, OPTIMAL),
        (90.0, OPTIMAL),
        (89.99, FAIRLY_OPTIMAL),
        (78.0, FAIRLY_OPTIMAL),
        (77.99, LESS_OPTIMAL),
        (0.0, LESS_OPTIMAL),
    ],
)
def test_categories(value, category):
    assert jpm_category(value) == category


def test_categories_follow_the_cutoffs_given():
    assert jpm_category(85.0, JpmCutoffs(optimal=85.0, fairly_optimal=70.0)) == OPTIMAL
    assert jpm_category(69.9, JpmCutoffs(optimal=85.0, fairly_optimal=70.0)) == LESS_OPTIMAL


def test_gaps_largest_shortfall_first():
    rows = gaps({"M.01": 4, "M.02": 1, "SK.01": 2}, STANDARD)
    assert [(g.competency, g.required, g.level, g.gap) for g in rows] == [
        ("M.02", 3, 1, -2),  # equal gaps: by code
        ("M.03", 2, 0, -2),
        ("SK.01", 2, 2, 0),
        ("M.01", 3, 4, 1),
    ]


@pytest.mark.parametrize(
    ("levels", "core", "expected"),
    [
        # all on standard: every weight 5
        ({"M.01": 3, "M.02": 3, "M.03": 2, "SK.01": 2}, ["M.01", "M.02"], 5.0),
        # core gaps 0 and -1 → (5 + 4)/2 = 4.5; secondary +1 and -2 → (4.5 + 3)/2 = 3.75
        ({"M.01": 3, "M.02": 2, "M.03": 3, "SK.01": 0}, ["M.01", "M.02"], 0.6 * 4.5 + 0.4 * 3.75),
        # only core factors: their mean
        (
            {"M.01": 4, "M.02": 3, "M.03": 2, "SK.01": 2},
            ["M.01", "M.02", "M.03", "SK.01"],
            (4.5 + 5 + 5 + 5) / 4,
        ),
        # no core factors: the secondary mean; gap −3 → 2
        ({"M.02": 3, "M.03": 2, "SK.01": 2}, [], (2 + 5 + 5 + 5) / 4),
    ],
)
def test_profile_matching(levels, core, expected):
    assert profile_matching(levels, STANDARD, core) == pytest.approx(expected)


def test_profile_matching_caps_a_gap_of_five_and_checks_core():
    assert profile_matching({}, {"M.01": 5}, ["M.01"]) == 1.0
    assert profile_matching({"M.01": 5}, {"M.01": 0, "M.02": 1}, []) == pytest.approx((1.5 + 4.0) / 2)
    assert profile_matching({}, {}, []) is None
    with pytest.raises(ValueError):
        profile_matching({}, STANDARD, ["M.08"])


def naive_matrix(levels, required):
    out = np.full((levels.shape[0], required.shape[0]), np.nan)
    for p in range(levels.shape[0]):
        for s in range(required.shape[0]):
            total = required[s].sum()
            if total:
                out[p, s] = 100.0 * np.minimum(levels[p], required[s]).sum() / total
    return out


def test_matrix_equals_the_rule_row_by_row():
    rng = np.random.default_rng(20261127)
    levels = rng.integers(0, 6, size=(37, 12))
    required = rng.integers(0, 6, size=(23, 12)) * (rng.random((23, 12)) < 0.6)
    required[5] = 0  # a position without a standard
    got = jpm_matrix(levels, required, chunk_rows=10)
    want = naive_matrix(levels, required)
    assert got.dtype == np.float32
    assert got.shape == (37, 23)
    assert np.isnan(got[:, 5]).all()
    np.testing.assert_allclose(got, want, rtol=1e-6, atol=1e-4, equal_nan=True)


@pytest.mark.parametrize("shared_share", [0.0, 0.3, 1.1])
def test_shared_and_rare_competencies_give_the_same_matrix(shared_share):
    """Nine competencies in every standard, thirty technical ones in one or two standards
    each: the matrix products and the per-column path must agree whichever takes which."""
    rng = np.random.default_rng(7)
    levels = rng.integers(0, 6, size=(41, 39))
    required = np.zeros((60, 39), dtype=np.int64)
    required[:, :9] = rng.integers(1, 6, size=(60, 9))
    for s in range(60):
        required[s, 9 + s % 30] = rng.integers(1, 6)
    required[59] = 0
    got = jpm_matrix(levels, required, chunk_rows=16, shared_share=shared_share)
    np.testing.assert_allclose(got, naive_matrix(levels, required), rtol=1e-6, atol=1e-4, equal_nan=True)


def test_matrix_agrees_with_the_single_pair_function():
    codes = ["M.01", "M.02", "M.03", "SK.01"]
    person = {"M.01": 5, "M.02": 1, "M.03": 2}
    got = jpm_matrix(np.array([[person.get(c, 0) for c in codes]]), np.array([[STANDARD[c] for c in codes]]))
    assert float(got[0, 0]) == pytest.approx(jpm(person, STANDARD))


@pytest.mark.parametrize(
    ("levels", "required"),
    [
        (np.array([[6, 0]]), np.array([[1, 1]])),
        (np.array([[1, 0]]), np.array([[-1, 1]])),
        (np.array([[1.5, 0]]), np.array([[1, 1]])),
        (np.array([[1, 0, 0]]), np.array([[1, 1]])),
    ],
)
def test_matrix_refuses_bad_input(levels, required):
    with pytest.raises(ValueError):
        jpm_matrix(levels, required)
