"""Talent nine-box (Permen PANRB 3/2020, DOMAIN §4). Pure: no Django.

Rows are potential (high → low), columns performance (below → above):

    high    6  8  9
    medium  3  5  7
    low     1  2  4
"""

from dataclasses import dataclass

PERFORMANCE_LEVELS = ("below", "meets", "above")
POTENTIAL_LEVELS = ("low", "medium", "high")

_BOXES = {
    ("high", "below"): 6, ("high", "meets"): 8, ("high", "above"): 9,
    ("medium", "below"): 3, ("medium", "meets"): 5, ("medium", "above"): 7,
    ("low", "below"): 1, ("low", "meets"): 2, ("low", "above"): 4,
}  # fmt: skip

# Recommended actions per box, as stable codes; the pages translate them.
ACTIONS = {
    9: ("promote_and_retain", "succession_pool", "award"),
    8: ("retain", "succession_pool", "rotation_or_enlargement", "performance_coaching"),
    7: ("retain", "succession_pool", "rotation_or_enrichment", "competency_development", "study_assignment"),
    6: ("fitting_placement", "performance_coaching_and_counselling"),
    5: ("fitting_placement", "performance_coaching", "competency_development"),
    4: ("rotation", "competency_development"),
    3: ("performance_coaching_and_counselling", "competency_development", "fitting_placement"),
    2: ("performance_coaching", "competency_development", "fitting_placement"),
    1: ("discipline_and_performance_rules",),
}


@dataclass(frozen=True)
class PotentialCutoffs:
    """Potential from JPM (DOMAIN §4 example): < 78 low, < 90 medium, else high."""

    medium: float = 78.0
    high: float = 90.0


def potential_from_jpm(jpm: float, cutoffs: PotentialCutoffs = PotentialCutoffs()) -> str:
    if jpm >= cutoffs.high:
        return "high"
    if jpm >= cutoffs.medium:
        return "medium"
    return "low"


def box(*, performance: str, potential: str) -> int:
    try:
        return _BOXES[(potential, performance)]
    except KeyError:
        raise ValueError(f"unknown performance {performance!r} or potential {potential!r}") from None
