"""Translated labels and small display helpers for competency pages.

Load with ``{% load competency_tags %}``. The pure modules (``jpm``, ``ninebox``) return
stable English codes; this module is the one place that turns them into words, so every
page (profile, talent grid, gap map, exports) names them the same way. The label tables
are plain dicts, usable from Python too (``ACTION_LABELS[code]``).

Filters
    ``{{ code|action_label }}``        nine-box action code (``ninebox.ACTIONS``) → label
    ``{{ code|jpm_category_label }}``  ``optimal`` / ``fairly_optimal`` / ``less_optimal`` → label
    ``{{ code|potential_label }}``     ``low`` / ``medium`` / ``high`` → label
    ``{{ code|performance_label }}``   ``below`` / ``meets`` / ``above`` → label
    ``{{ code|performance_short_label }}`` the same in one word (narrow column heads)
    ``{{ code|method_label }}``        assessment method code → label
    ``{{ code|jpm_category_css }}``    JPM category → CSS modifier (``optimal``, ``fair``, ``low``)
    ``{{ gap|gap_css }}``              gap (level − required) → ``met`` / ``short`` / ``far``
    ``{{ level|level_percent }}``      level 0–5 → share of the 1–5 scale in percent (for bars)
    ``{{ gap|signed }}``               ``-2`` → ``−2``, ``1`` → ``+1``, ``0`` → ``0``

Tags
    ``{% ninebox_rows as rows %}``     the 3 × 3 grid, potential high → low, performance
                                       below → above: rows of ``{"potential", "cells": [{"box",
                                       "performance"}]}``
    ``{% box_actions box as codes %}`` action codes recommended for a box (1–9)

An unknown code is shown as it is, never as an empty cell.
"""

from django import template
from django.utils.translation import pgettext_lazy

from penata.competency import jpm as jpm_rules
from penata.competency import ninebox, talent_labels
from penata.competency.models import AssessmentMethod
from penata.workforce.models import PerformanceLevel

register = template.Library()

# Recommended actions of the nine-box (Permen PANRB 3/2020, DOMAIN §4), shared with the
# talent grid pages and export.
ACTION_LABELS = talent_labels.ACTION_LABELS

# DOMAIN §3 mapping categories; the Indonesian catalogue gives the official terms
# (Optimal, Cukup Optimal, Kurang Optimal).
JPM_CATEGORY_LABELS = {
    jpm_rules.OPTIMAL: pgettext_lazy("JPM category", "Optimal"),
    jpm_rules.FAIRLY_OPTIMAL: pgettext_lazy("JPM category", "Fairly optimal"),
    jpm_rules.LESS_OPTIMAL: pgettext_lazy("JPM category", "Less than optimal"),
}
JPM_CATEGORY_CSS = {
    jpm_rules.OPTIMAL: "optimal",
    jpm_rules.FAIRLY_OPTIMAL: "fair",
    jpm_rules.LESS_OPTIMAL: "low",
}

POTENTIAL_LABELS = {
    "low": pgettext_lazy("talent potential", "Low"),
    "medium": pgettext_lazy("talent potential", "Medium"),
    "high": pgettext_lazy("talent potential", "High"),
}
PERFORMANCE_LABELS = {level.value: level.label for level in PerformanceLevel}
# For the nine-box's narrow column heads.
PERFORMANCE_SHORT_LABELS = {
    "below": pgettext_lazy("performance, short", "Below"),
    "meets": pgettext_lazy("performance, short", "Meets"),
    "above": pgettext_lazy("performance, short", "Above"),
}
METHOD_LABELS = {method.value: method.label for method in AssessmentMethod}


def _label(table: dict, code):
    return table.get(code, code if code is not None else "")


def _label_filter(name: str, table: dict):
    """Register ``name`` as a filter turning a code into its label from ``table``."""

    def label(code):
        return _label(table, code)

    label.__name__ = name
    return register.filter(name, label)


action_label = _label_filter("action_label", ACTION_LABELS)
jpm_category_label = _label_filter("jpm_category_label", JPM_CATEGORY_LABELS)
potential_label = _label_filter("potential_label", POTENTIAL_LABELS)
performance_label = _label_filter("performance_label", PERFORMANCE_LABELS)
performance_short_label = _label_filter("performance_short_label", PERFORMANCE_SHORT_LABELS)
method_label = _label_filter("method_label", METHOD_LABELS)


@register.filter
def jpm_category_css(code) -> str:
    return JPM_CATEGORY_CSS.get(code, "")


def _whole(value) -> int | None:
    """``int(value)``, or None where that fails."""
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@register.filter
def gap_css(gap) -> str:
    """``met`` when the level reaches the standard, ``short`` one level below, ``far`` below that."""
    gap = _whole(gap)
    if gap is None:
        return ""
    if gap >= 0:
        return "met"
    return "short" if gap == -1 else "far"


@register.filter
def level_percent(level) -> int:
    level = _whole(level)
    if level is None:
        return 0
    return max(0, min(jpm_rules.MAX_LEVEL, level)) * 100 // jpm_rules.MAX_LEVEL


@register.filter
def signed(value) -> str:
    """A gap with its sign, using a true minus sign (− U+2212) for readability."""
    value = _whole(value)
    if value is None:
        return ""
    if value > 0:
        return f"+{value}"
    if value < 0:
        return f"\u2212{-value}"
    return "0"


@register.simple_tag
def ninebox_rows() -> list[dict]:
    return [
        {
            "potential": potential,
            "cells": [
                {"box": ninebox.box(performance=performance, potential=potential), "performance": performance}
                for performance in ninebox.PERFORMANCE_LEVELS
            ],
        }
        for potential in reversed(ninebox.POTENTIAL_LEVELS)
    ]


@register.simple_tag
def box_actions(box) -> tuple[str, ...]:
    try:
        return ninebox.ACTIONS[int(box)]
    except (KeyError, TypeError, ValueError):
        return ()
