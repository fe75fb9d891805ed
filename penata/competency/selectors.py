"""Reads: the levels that count, standards, job–person match (one pair or in bulk) and the
talent nine-box.

Bulk reads take querysets (or id lists) of employees and positions and load levels and
standards in two queries each, then compute with numpy: the whole province is one call.
"""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from penata.core.errors import ApplicationError
from penata.organization.models import Position
from penata.workforce.models import Employee, PerformanceRating

from . import jpm as jpm_rules
from . import ninebox
from .conf import jpm_cutoffs, potential_cutoffs
from .counting import counting_levels, held_position_match
from .models import Assessment, AssessmentMethod, Competency, PositionStandard

Ids = Iterable[int] | QuerySet


class NoStandard(ApplicationError):
    code = "no_standard"
    default_message = _("The position has no competency standard, so no job–person match can be computed.")


class NoRating(ApplicationError):
    code = "no_rating"
    default_message = _(
        "The employee has no performance rating for this year, so no talent box can be given."
    )


def _ids(values: Ids):
    """A queryset stays a subquery (no parameter limit); anything else becomes a list."""
    if isinstance(values, QuerySet):
        return values.values("pk") if values.model is not None and not values.query.values_select else values
    return list(values)


def _competency_codes() -> dict[int, str]:
    return dict(Competency.objects.values_list("pk", "code"))


def _staff(employee_ids: Ids) -> QuerySet[Employee]:
    if (
        isinstance(employee_ids, QuerySet)
        and employee_ids.model is Employee
        and not employee_ids.query.values_select
    ):
        return employee_ids
    return Employee.objects.filter(pk__in=_ids(employee_ids))


def levels_that_count(*, employee_ids: Ids, codes: dict[int, str] | None = None) -> dict[int, dict[str, int]]:
    """employee id → {competency code: level} from the latest valid assessment of each
    competency; self-assessments never count (``counting``: one window in SQL).
    ``codes`` (competency id → code) saves a query when the caller has them."""
    codes = codes or _competency_codes()
    out: dict[int, dict[str, int]] = {}
    for employee_id, competency_id, level in counting_levels(staff=_staff(employee_ids)):
        out.setdefault(employee_id, {})[codes[competency_id]] = level
    return out


def counting_assessment_ids(*, employee: Employee) -> set[int]:
    """Ids of the assessments that count for one employee (the rule of
    ``levels_that_count``), so a history can mark them; one query."""
    rows = (
        Assessment.objects.filter(employee=employee, is_valid=True)
        .exclude(method=AssessmentMethod.SELF)
        .order_by("competency_id", "-assessed_on", "-id")
        .values_list("competency_id", "pk")
    )
    first: dict[int, int] = {}
    for competency_id, pk in rows:
        first.setdefault(competency_id, pk)
    return set(first.values())


def standards_of(
    *, position_ids: Ids, codes: dict[int, str] | None = None
) -> dict[int, dict[str, tuple[int, bool]]]:
    """position id → {competency code: (required level, core factor)}."""
    codes = codes or _competency_codes()
    out: dict[int, dict[str, tuple[int, bool]]] = {}
    rows = (
        PositionStandard.objects.filter(position_id__in=_ids(position_ids))
        .order_by("position_id", "competency_id")
        .values_list("position_id", "competency_id", "required_level", "is_core")
    )
    for position_id, competency_id, level, core in rows.iterator(chunk_size=10_000):
        out.setdefault(position_id, {})[codes[competency_id]] = (level, core)
    return out


def job_match(*, employee: Employee, position: Position | None = None, method: str = "jpm") -> dict:
    """JPM (or Profile Matching) of the employee against a position, with the gaps.

    Raises ``NoStandard`` when the position has no standard (or the employee no position).
    """
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
        category = jpm_rules.jpm_category(score, jpm_cutoffs())
    return {
        "position": position,
        "score": score,
        "category": category,
        "method": method,
        "gaps": jpm_rules.gaps(levels, required),
        "levels": levels,
    }


# --- bulk JPM --------------------------------------------------------------------------


@dataclass(frozen=True)
class JpmTable:
    """JPM of every employee (rows, sorted by id) against every position (columns, in
    ``position_ids`` order), float32 percent; NaN in the columns of positions without a
    standard."""

    employee_ids: np.ndarray
    position_ids: np.ndarray
    scores: np.ndarray
    codes: tuple[str, ...]

    def __post_init__(self):
        columns = {int(pid): i for i, pid in enumerate(self.position_ids.tolist())}
        object.__setattr__(self, "_columns", columns)

    def row(self, employee_id: int) -> int:
        return int(np.searchsorted(self.employee_ids, employee_id))

    def column(self, position_id: int) -> int:
        return self._columns[position_id]


def _level_matrix(ids: np.ndarray, values: dict[int, dict[str, int]], index: dict[str, int]) -> np.ndarray:
    matrix = np.zeros((len(ids), len(index)), dtype=np.uint8)
    for row, key in enumerate(ids.tolist()):
        for code, level in values.get(key, {}).items():
            column = index.get(code)
            if column is not None:
                matrix[row, column] = level
    return matrix


def jpm_table(*, employees: Ids, positions: Ids) -> JpmTable:
    """The JPM matrix the placement solver needs (``jpm.jpm_matrix``): rows are employees
    sorted by id, columns positions grouped by the competencies of their standard (so each
    agency's technical competencies lie in adjacent columns); ``JpmTable.column`` finds a
    position. Pass querysets for large sets: they stay subqueries, where a long id list
    would meet the database's parameter limit."""
    employee_ids = np.array(sorted(_id_list(employees)), dtype=np.int64)
    all_codes = _competency_codes()
    standards = standards_of(position_ids=positions, codes=all_codes)
    required_levels = {pid: {c: lv for c, (lv, _core) in std.items()} for pid, std in standards.items()}
    position_ids = np.array(
        sorted(_id_list(positions), key=lambda pid: (sorted(required_levels.get(pid, ())), pid)),
        dtype=np.int64,
    )
    codes = tuple(sorted({code for std in required_levels.values() for code in std}))
    index = {code: i for i, code in enumerate(codes)}
    levels = levels_that_count(employee_ids=employees, codes=all_codes)
    scores = jpm_rules.jpm_matrix(
        _level_matrix(employee_ids, levels, index), _level_matrix(position_ids, required_levels, index)
    )
    return JpmTable(employee_ids=employee_ids, position_ids=position_ids, scores=scores, codes=codes)


def _id_list(values: Ids) -> list[int]:
    if isinstance(values, QuerySet):
        return list(_ids(values).values_list("pk", flat=True))
    return list(values)


def own_position_jpm(*, employees: QuerySet[Employee]) -> dict[int, float | None]:
    """employee id → JPM against the position they hold; None without a position or when
    the position has no standard. The sums are done in the database (``counting``)."""
    out: dict[int, float | None] = dict.fromkeys(employees.order_by().values_list("pk", flat=True))
    for employee_id, met, required in held_position_match(staff=employees):
        if required:
            out[employee_id] = 100.0 * int(met) / int(required)
    return out


# --- talent nine-box -------------------------------------------------------------------


@dataclass(frozen=True)
class TalentPlacement:
    employee_id: int
    year: int
    performance: str
    jpm: float
    potential: str
    box: int

    @property
    def actions(self) -> tuple[str, ...]:
        return ninebox.ACTIONS[self.box]


def _placement(employee_id: int, year: int, performance: str, jpm_value: float, cutoffs) -> TalentPlacement:
    potential = ninebox.potential_from_jpm(jpm_value, cutoffs)
    return TalentPlacement(
        employee_id=employee_id,
        year=year,
        performance=performance,
        jpm=jpm_value,
        potential=potential,
        box=ninebox.box(performance=performance, potential=potential),
    )


def talent_box(*, employee: Employee, year: int) -> TalentPlacement:
    """Performance from the year's rating, potential from JPM against the held position.

    Raises ``NoRating`` without a rating for the year and ``NoStandard`` without a standard.
    """
    ratings = PerformanceRating.objects.filter(employee=employee, year=year)
    rating = ratings.values_list("rating", flat=True).first()
    if rating is None:
        raise NoRating()
    match = job_match(employee=employee)
    return _placement(employee.pk, year, rating, match["score"], potential_cutoffs())


@dataclass
class TalentGrid:
    year: int
    placements: list[TalentPlacement] = field(default_factory=list)
    unrated: list[int] = field(default_factory=list)
    no_standard: list[int] = field(default_factory=list)

    @property
    def counts(self) -> dict[int, int]:
        counted = Counter(p.box for p in self.placements)
        return {box: counted.get(box, 0) for box in range(1, 10)}

    def in_box(self, box: int) -> list[int]:
        return [p.employee_id for p in self.placements if p.box == box]


def talent_grid(*, employees: QuerySet[Employee], year: int) -> TalentGrid:
    """Every employee of the queryset placed in a box for the year, in bulk; those without
    a rating or a standard are listed apart, never put in a box."""
    ratings = dict(
        PerformanceRating.objects.filter(employee_id__in=employees.values("pk"), year=year).values_list(
            "employee_id", "rating"
        )
    )
    jpms = own_position_jpm(employees=employees)
    cutoffs = potential_cutoffs()
    grid = TalentGrid(year=year)
    for employee_id in sorted(jpms):
        performance = ratings.get(employee_id)
        if performance is None:
            grid.unrated.append(employee_id)
        elif jpms[employee_id] is None:
            grid.no_standard.append(employee_id)
        else:
            grid.placements.append(_placement(employee_id, year, performance, jpms[employee_id], cutoffs))
    return grid
