"""Reads: the levels that count, standards, and job–person match."""

from collections.abc import Iterable

from django.utils.translation import gettext_lazy as _

from penata.core.errors import ApplicationError
from penata.organization.models import Position
from penata.workforce.models import Employee

from . import jpm as jpm_rules
from .models import Assessment, AssessmentMethod, PositionStandard


class NoStandard(ApplicationError):
    code = "no_standard"
    default_message = _("The position has no competency standard, so no job–person match can be computed.")


def levels_that_count(*, employee_ids: Iterable[int]) -> dict[int, dict[str, int]]:
    """employee id → {competency code: level} from the latest valid assessment of each
    competency; self-assessments never count."""
    rows = (
        Assessment.objects.filter(employee_id__in=list(employee_ids), is_valid=True)
        .exclude(method=AssessmentMethod.SELF)
        .order_by("employee_id", "competency__code", "-assessed_on", "-id")
        .values_list("employee_id", "competency__code", "level")
    )
    out: dict[int, dict[str, int]] = {}
    for employee_id, code, level in rows.iterator(chunk_size=5000):
        out.setdefault(employee_id, {}).setdefault(code, level)
    return out


def standards_of(*, position_ids: Iterable[int]) -> dict[int, dict[str, tuple[int, bool]]]:
    """position id → {competency code: (required level, core factor)}."""
    out: dict[int, dict[str, tuple[int, bool]]] = {}
    rows = PositionStandard.objects.filter(position_id__in=list(position_ids)).values_list(
        "position_id", "competency__code", "required_level", "is_core"
    )
    for position_id, code, level, core in rows:
        out.setdefault(position_id, {})[code] = (level, core)
    return out


def job_match(*, employee: Employee, position: Position | None = None, method: str = "jpm") -> dict:
    """JPM (or Profile Matching) of the employee against a position, with the gaps."""
    position = position or employee.position
    if position is None:
        raise NoStandard(_("The employee holds no position; choose one."))
    standard = standards_of(position_ids=[position.pk]).get(position.pk)
    if not standard:
        raise NoStandard()
    levels = levels_that_count(employee_ids=[employee.pk]).get(employee.pk, {})
    required = {code: level for code, (level, _core) in standard.items()}
    if method == "profile_matching":
        core = [code for code, (_level, is_core) in standard.items() if is_core]
        score = jpm_rules.profile_matching(levels, required, core)
        category = None
    else:
        score = jpm_rules.jpm(levels, required)
        category = jpm_rules.jpm_category(score)
    return {
        "position": position,
        "score": score,
        "category": category,
        "method": method,
        "gaps": jpm_rules.gaps(levels, required),
    }
