"""How urgent a training need is: a priority from 0 (not a need) to 100 (train first).

Three things make a need urgent (the issue's "size of the gap, importance of the
competency to the position, JP still missing this year"):

- the **gap**: required level − the level that counts (1–5); training exists to close it;
- whether the competency is a **core factor** of the position's standard
  (``PositionStandard.is_core``) or a secondary one;
- the **JP still missing** this year: the yearly target (20 JP, PP 17/2020) minus the JP
  already credited, floored at 0.

    priority = round(gap_points × gap / max_gap × factor + jp_points × missing / target)

with ``factor`` 1 for a core factor and ``secondary_factor`` for a secondary one. A need
with no gap has priority 0 whatever the JP. Pure Python, no Django: tested as a table.
"""

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from functools import lru_cache


@dataclass(frozen=True)
class PriorityWeights:
    # The gap carries most of the score (80 of 100 points): a need exists because of a
    # gap, and a gap of 4 levels takes several programs to close where a gap of 1 takes one.
    gap_points: int = 80
    # The largest possible gap: required level 5, never assessed (level 0).
    max_gap: int = 5
    # A secondary factor's gap counts two thirds of a core factor's: Profile Matching
    # (DOMAIN §3) weighs core factors 0.6 and secondary ones 0.4, and 0.4 / 0.6 = 2/3.
    # Multiplying (not adding) keeps a large secondary gap above a small core one.
    secondary_factor: Fraction = Fraction(2, 3)
    # The JP still missing breaks ties between equal gaps (20 of 100 points): of two
    # people short on the same competency, the one further from the yearly 20 JP
    # (PP 17/2020 art. 203) is trained first. It is kept small so that a person who
    # already has their 20 JP still gets a large gap closed.
    jp_points: int = 20
    jp_target: int = 20

    def __post_init__(self):
        if self.gap_points < 0 or self.jp_points < 0 or self.gap_points + self.jp_points != 100:
            raise ValueError("gap_points and jp_points must be non-negative and add up to 100")
        if self.max_gap < 1 or self.jp_target < 1:
            raise ValueError("max_gap and jp_target must be at least 1")
        if not 0 <= self.secondary_factor <= 1:
            raise ValueError("secondary_factor must lie between 0 and 1")


DEFAULT_WEIGHTS = PriorityWeights()


def jp_missing(*, jp_so_far: Decimal | int | float, target: int = DEFAULT_WEIGHTS.jp_target) -> Decimal:
    """JP still missing towards the yearly target, never negative."""
    missing = Decimal(target) - Decimal(str(jp_so_far))
    return missing if missing > 0 else Decimal(0)


def _round_half_up(value: Fraction) -> int:
    return int(value + Fraction(1, 2)) if value >= 0 else 0


@lru_cache(maxsize=8192)
def _priority(gap: int, is_core: bool, missing: Decimal, weights: PriorityWeights) -> int:
    if gap <= 0:
        return 0
    gap_share = Fraction(min(gap, weights.max_gap), weights.max_gap)
    factor = Fraction(1) if is_core else weights.secondary_factor
    jp_share = min(Fraction(max(missing, Decimal(0))), Fraction(weights.jp_target)) / weights.jp_target
    return min(100, _round_half_up(weights.gap_points * gap_share * factor + weights.jp_points * jp_share))


def need_priority(
    *,
    gap: int,
    is_core: bool,
    jp_missing: Decimal | int,
    weights: PriorityWeights = DEFAULT_WEIGHTS,
) -> int:
    """Priority 0–100 of a need (see the module docstring). Exact (fractions, half up)
    and cached: the inputs take few distinct values, so a province's needs cost a few
    hundred evaluations."""
    missing = jp_missing if isinstance(jp_missing, Decimal) else Decimal(str(jp_missing))
    return _priority(int(gap), bool(is_core), missing, weights)
