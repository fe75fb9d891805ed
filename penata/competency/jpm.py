"""Job–person match (JPM) and Profile Matching. Pure: numpy only, no Django.

Penata rule (DOMAIN §3): JPM = 100 × Σ min(level, required) / Σ required over the
competencies of the position's standard; a level above the standard does not make up for
a gap elsewhere, and a competency never assessed counts as level 0.

Levels are whole numbers 0–5 (Permen PANRB 38/2017). That makes the bulk matrix a sum of
matrix products: min(a, b) = Σ_{t=1..5} [a ≥ t]·[b ≥ t] for whole a, b ≥ 0, so
Σ_c min(L[p,c], R[s,c]) = Σ_t (L ≥ t) @ (R ≥ t)ᵀ — one BLAS product of the stacked
thresholds instead of a persons × positions × competencies loop.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

MAX_LEVEL = 5

OPTIMAL = "optimal"
FAIRLY_OPTIMAL = "fairly_optimal"
LESS_OPTIMAL = "less_optimal"


@dataclass(frozen=True)
class JpmCutoffs:
    """Category bounds (DOMAIN §3: Optimal ≥ 90, Cukup Optimal ≥ 78, else Kurang Optimal)."""

    optimal: float = 90.0
    fairly_optimal: float = 78.0


@dataclass(frozen=True)
class Gap:
    competency: str
    required: int
    level: int

    @property
    def gap(self) -> int:
        return self.level - self.required


def _check_level(value: int, what: str) -> int:
    if not isinstance(value, (int, np.integer)) or isinstance(value, bool) or not 0 <= value <= MAX_LEVEL:
        raise ValueError(f"{what} must be a whole number from 0 to {MAX_LEVEL}, not {value!r}")
    return int(value)


def jpm(levels: Mapping[str, int], required: Mapping[str, int]) -> float | None:
    """JPM of one person against one standard, or None when the standard is empty."""
    total = sum(_check_level(r, "required level") for r in required.values())
    if total == 0:
        return None
    met = sum(min(_check_level(levels.get(code, 0), "level"), r) for code, r in required.items())
    return 100.0 * met / total


def jpm_category(value: float, cutoffs: JpmCutoffs = JpmCutoffs()) -> str:
    if value >= cutoffs.optimal:
        return OPTIMAL
    if value >= cutoffs.fairly_optimal:
        return FAIRLY_OPTIMAL
    return LESS_OPTIMAL


def gaps(levels: Mapping[str, int], required: Mapping[str, int]) -> list[Gap]:
    """Per-competency gaps in the standard's order, the largest shortfall first."""
    rows = [Gap(code, int(r), int(levels.get(code, 0))) for code, r in required.items()]
    return sorted(rows, key=lambda g: (g.gap, g.competency))


# Profile Matching (DOMAIN §3): gap (level − required) → weight.
PROFILE_WEIGHTS = {0: 5.0, 1: 4.5, -1: 4.0, 2: 3.5, -2: 3.0, 3: 2.5, -3: 2.0, 4: 1.5, -4: 1.0}
CORE_SHARE = 0.6


def profile_matching(
    levels: Mapping[str, int], required: Mapping[str, int], core: Sequence[str]
) -> float | None:
    """0.6 × mean weight of the core factors + 0.4 × mean of the secondary ones (1–5).

    A gap of ±5 (level 0 against 5, or 5 against 0) is weighted as ±4, the table's end.
    With only core or only secondary factors, that group's mean is the score.
    """
    if not required:
        return None
    core_set = set(core)
    unknown = core_set - set(required)
    if unknown:
        raise ValueError(f"core factors not in the standard: {sorted(unknown)}")
    weights = {}
    for code, r in required.items():
        gap = _check_level(levels.get(code, 0), "level") - _check_level(r, "required level")
        weights[code] = PROFILE_WEIGHTS[max(-4, min(4, gap))]
    core_weights = [w for c, w in weights.items() if c in core_set]
    secondary = [w for c, w in weights.items() if c not in core_set]
    if not core_weights:
        return sum(secondary) / len(secondary)
    if not secondary:
        return sum(core_weights) / len(core_weights)
    return CORE_SHARE * sum(core_weights) / len(core_weights) + (1 - CORE_SHARE) * sum(secondary) / len(
        secondary
    )


def jpm_matrix(
    levels: np.ndarray, required: np.ndarray, *, chunk_rows: int = 8192, shared_share: float = 0.05
) -> np.ndarray:
    """JPM of every person (rows of ``levels``) against every standard (rows of ``required``).

    ``levels``: persons × competencies, whole numbers 0–5 (0 = not assessed).
    ``required``: standards × competencies, 0 where the competency is not in the standard.
    Returns persons × standards float32 percentages; NaN for a standard with nothing
    required. Persons are processed in chunks so peak memory stays near the result's size.

    Competencies that many standards share (the managerial and sociocultural ones) go
    through the five matrix products; a competency in fewer than ``shared_share`` of the
    standards (an agency's technical one) is added only to the columns of the standards
    that name it, so a province with a hundred technical competencies costs little more
    than its nine shared ones.
    """
    levels = np.asarray(levels)
    required = np.asarray(required)
    if levels.ndim != 2 or required.ndim != 2 or levels.shape[1] != required.shape[1]:
        raise ValueError("levels and required must be 2-D with the same number of competencies")
    for name, array in (("levels", levels), ("required", required)):
        if array.size and (
            array.min() < 0 or array.max() > MAX_LEVEL or not np.all(array == np.round(array))
        ):
            raise ValueError(f"{name} must hold whole numbers from 0 to {MAX_LEVEL}")
    usage = (required > 0).sum(axis=0)
    shared = np.flatnonzero(usage >= max(1.0, shared_share * required.shape[0]))
    rare = (usage > 0) & (usage < max(1.0, shared_share * required.shape[0]))
    thresholds = range(1, MAX_LEVEL + 1)
    # Σ_t (L ≥ t) @ (R ≥ t)ᵀ is one product of the stacked steps: [L≥1 … L≥5] @ [R≥1; …; R≥5],
    # a single BLAS call per chunk written straight into the result.
    shared_required = required[:, shared]
    required_steps = np.ascontiguousarray(
        np.concatenate([(shared_required >= t).T for t in thresholds], axis=0), dtype=np.float32
    )
    # A rare competency is added to the standards that name it, run by run of adjacent
    # standards: contiguous slices of the result, so ordering standards by their rare
    # competencies (as ``selectors.jpm_table`` does) makes this path cheap.
    rare_runs = []
    for column in np.flatnonzero(rare):
        rows = np.flatnonzero(required[:, column])
        breaks = np.flatnonzero(np.diff(rows) != 1) + 1
        for run in np.split(rows, breaks):
            start, stop = int(run[0]), int(run[-1]) + 1
            rare_runs.append((int(column), start, stop, required[start:stop, column].astype(np.float32)))
    totals = required.sum(axis=1, dtype=np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        scale = np.where(totals > 0, 100.0 / totals, np.nan).astype(np.float32)
    out = np.empty((levels.shape[0], required.shape[0]), dtype=np.float32)
    for start in range(0, levels.shape[0], chunk_rows):
        block = levels[start : start + chunk_rows]
        target = out[start : start + block.shape[0]]
        shared_block = block[:, shared]
        block_steps = np.concatenate([shared_block >= t for t in thresholds], axis=1).astype(np.float32)
        np.matmul(block_steps, required_steps, out=target)
        for column, first, stop, needed in rare_runs:
            target[:, first:stop] += np.minimum(block[:, column : column + 1].astype(np.float32), needed)
        target *= scale
    return out
