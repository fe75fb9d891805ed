"""Cut-offs from settings, read when used (never at import time)."""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from .jpm import JpmCutoffs
from .ninebox import PotentialCutoffs


def jpm_cutoffs() -> JpmCutoffs:
    cutoffs = JpmCutoffs(
        optimal=settings.PENATA_JPM_OPTIMAL, fairly_optimal=settings.PENATA_JPM_FAIRLY_OPTIMAL
    )
    if not 0 <= cutoffs.fairly_optimal <= cutoffs.optimal <= 100:
        raise ImproperlyConfigured("Need 0 ≤ PENATA_JPM_FAIRLY_OPTIMAL ≤ PENATA_JPM_OPTIMAL ≤ 100.")
    return cutoffs


def potential_cutoffs() -> PotentialCutoffs:
    cutoffs = PotentialCutoffs(medium=settings.PENATA_POTENTIAL_MEDIUM, high=settings.PENATA_POTENTIAL_HIGH)
    if not 0 <= cutoffs.medium <= cutoffs.high <= 100:
        raise ImproperlyConfigured("Need 0 ≤ PENATA_POTENTIAL_MEDIUM ≤ PENATA_POTENTIAL_HIGH ≤ 100.")
    return cutoffs
