"""Translated labels of the talent nine-box (Permen PANRB 3/2020, DOMAIN §4) for the grid
pages and the export: box names, potential levels and the recommended actions, keyed by the
stable codes of ``ninebox``. Performance labels come from ``workforce.PerformanceLevel``.
"""

from django.utils.translation import gettext_lazy as _

from penata.workforce.models import PerformanceLevel

from . import ninebox

BOX_NAMES = {
    9: _("Top talent"),
    8: _("Future star"),
    7: _("High performer"),
    6: _("Rough diamond"),
    5: _("Core contributor"),
    4: _("Solid professional"),
    3: _("Inconsistent performer"),
    2: _("Effective employee"),
    1: _("Underperformer"),
}

POTENTIAL_LABELS = {
    "high": _("High potential"),
    "medium": _("Medium potential"),
    "low": _("Low potential"),
}

# Short axis words for the grid's row labels.
POTENTIAL_SHORT = {"high": _("High"), "medium": _("Medium"), "low": _("Low")}

PERFORMANCE_LABELS = {level.value: level.label for level in PerformanceLevel}
PERFORMANCE_SHORT = {"below": _("Below"), "meets": _("Meets"), "above": _("Above")}

ACTION_LABELS = {
    "promote_and_retain": _("Promote and retain"),
    "succession_pool": _("Succession pool"),
    "award": _("Award"),
    "retain": _("Retain"),
    "rotation_or_enlargement": _("Rotation or job enlargement"),
    "performance_coaching": _("Performance coaching"),
    "rotation_or_enrichment": _("Rotation or enrichment"),
    "competency_development": _("Competency development"),
    "study_assignment": _("Study assignment"),
    "fitting_placement": _("Fitting placement"),
    "performance_coaching_and_counselling": _("Performance coaching and counselling"),
    "rotation": _("Rotation"),
    "discipline_and_performance_rules": _("Handled under the discipline and performance regulations"),
}

# Rows potential high → low, columns performance below → above (DOMAIN §4).
GRID_ROWS = tuple(reversed(ninebox.POTENTIAL_LEVELS))
GRID_COLUMNS = ninebox.PERFORMANCE_LEVELS


def box_tone(box: int) -> int:
    """0 (bottom-left, red) … 4 (top-right, green): how far the box lies up and right."""
    potential, performance = box_position(box)
    return ninebox.POTENTIAL_LEVELS.index(potential) + ninebox.PERFORMANCE_LEVELS.index(performance)


def action_labels(box: int) -> list[str]:
    return [str(ACTION_LABELS[code]) for code in ninebox.ACTIONS[box]]


def box_position(box: int) -> tuple[str, str]:
    """(potential, performance) of a box."""
    for potential in ninebox.POTENTIAL_LEVELS:
        for performance in ninebox.PERFORMANCE_LEVELS:
            if ninebox.box(performance=performance, potential=potential) == box:
                return potential, performance
    raise ValueError(f"unknown box {box!r}")
