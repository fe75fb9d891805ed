"""Position competency standards from Excel, all or nothing, and their export.

A position listed in the file gets exactly the rows listed for it: ``position_standard_set``
replaces its whole standard (one call per position, which validates again and records the
event). Positions not in the file keep theirs. Rows are checked against lookups loaded in
a few queries; any error anywhere rolls the whole file back.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from penata.core.errors import ApplicationError
from penata.organization.models import Position
from penata.workforce.imports import ensure_can_import
from penata.workforce.imports.columns import CellError, cell_text
from penata.workforce.imports.reader import Source
from penata.workforce.imports.result import ImportResult, RowIssue, issues_sorted
from penata.workforce.imports.rows import RowReader, chunks, issues_from_exception
from penata.workforce.models import ImportKind

from ..models import Competency, CompetencyKind, PositionStandard
from ..permissions import can_set_standard
from ..services import position_standard_set
from .columns import STANDARD_COLUMNS, STANDARD_EXPORT_EXTRA, cell_yes_no
from .rows import (
    ITERATOR_CHUNK,
    all_or_nothing,
    competency_cell,
    export_scope,
    level_cell,
    rows_read,
    sheet_of,
)

COLUMN_ORDER = [c.name for c in STANDARD_COLUMNS]
YES, NO = "yes", "no"

Requirement = tuple[int, bool]  # (required level, core factor)


@dataclass
class Lookups:
    # Only the positions the actor may set standards of: another agency's reads as unknown.
    positions: dict[str, Position]
    competencies: dict[str, Competency]  # by upper-case code
    standards: dict[int, dict[str, Requirement]]  # position id → recorded standard

    @classmethod
    def load(cls, *, position_codes: set[str], actor) -> "Lookups":
        positions: dict[str, Position] = {}
        for batch in chunks(sorted(position_codes)):
            for position in Position.objects.filter(code__in=batch):
                if actor is None or can_set_standard(actor, position):
                    positions[position.code] = position
        competencies = {c.code.upper(): c for c in Competency.objects.all()}
        code_of = {c.pk: c.code for c in competencies.values()}
        standards: dict[int, dict[str, Requirement]] = {}
        for batch in chunks(sorted(p.pk for p in positions.values())):
            rows = PositionStandard.objects.filter(position_id__in=batch).values_list(
                "position_id", "competency_id", "required_level", "is_core"
            )
            for position_id, competency_id, level, core in rows:
                standards.setdefault(position_id, {})[code_of[competency_id]] = (level, core)
        return cls(positions=positions, competencies=competencies, standards=standards)


@dataclass
class Line:
    row: int
    position: Position
    competency: Competency
    level: int
    core: bool


@dataclass
class PositionPlan:
    position: Position
    first_row: int
    requirements: dict[str, Requirement] = field(default_factory=dict)
    rows: dict[str, int] = field(default_factory=dict)  # competency code → row


def _read_row(reader: RowReader, lookups: Lookups) -> Line | None:
    position_code = reader.text("position_code", required=True)
    position = lookups.positions.get(position_code) if position_code else None
    if position_code and position is None:
        reader.error("position_code", _("Unknown position code."))

    competency = competency_cell(reader, lookups.competencies)
    if (
        competency is not None
        and position is not None
        and competency.kind == CompetencyKind.TECHNICAL
        and competency.agency_id != position.agency_id
    ):
        reader.error("competency_code", _("A technical competency of another agency."))

    level = level_cell(reader, "required_level")

    core = True
    if reader.present("core_factor"):
        try:
            value = cell_yes_no(reader.raw("core_factor"))
        except CellError as exc:
            reader.error("core_factor", str(exc))
        else:
            core = True if value is None else value

    if reader.issues:
        return None
    return Line(row=reader.number, position=position, competency=competency, level=level, core=core)


def _duplicates(lines: list[Line]) -> list[RowIssue]:
    """Every row of a (position, competency) pair that appears more than once."""
    rows: dict[tuple[int, int], list[Line]] = {}
    for line in lines:
        rows.setdefault((line.position.pk, line.competency.pk), []).append(line)
    issues = []
    for same in rows.values():
        if len(same) < 2:
            continue
        numbers = ", ".join(str(line.row) for line in same)
        for line in same:
            issues.append(
                RowIssue(
                    line.row,
                    "competency_code",
                    line.competency.code,
                    _("The position lists this competency more than once (rows %(rows)s).")
                    % {"rows": numbers},
                )
            )
    return issues


def standards_import(*, source: Source, actor=None, dry_run: bool = False) -> ImportResult:
    """Import the standards workbook; nothing is written unless every row is valid."""
    ensure_can_import(actor, ImportKind.STANDARDS)
    result = ImportResult(kind=ImportKind.STANDARDS, dry_run=dry_run)
    sheet = sheet_of(result, source=source, columns=STANDARD_COLUMNS, export_extra=STANDARD_EXPORT_EXTRA)
    if sheet is None:
        return result

    codes = {cell_text(sheet.value(values, "position_code")) for _number, values in sheet.rows}
    lookups = Lookups.load(position_codes=codes - {""}, actor=actor)

    errors, lines = rows_read(sheet, lambda reader: _read_row(reader, lookups))
    errors.extend(_duplicates(lines))
    if errors:
        result.errors = issues_sorted(errors, COLUMN_ORDER)
        return result

    plans: dict[int, PositionPlan] = {}
    for line in lines:
        plan = plans.setdefault(line.position.pk, PositionPlan(position=line.position, first_row=line.row))
        plan.requirements[line.competency.code] = (line.level, line.core)
        plan.rows[line.competency.code] = line.row

    warnings: list[RowIssue] = []
    for plan in plans.values():
        recorded = lookups.standards.get(plan.position.pk, {})
        for code, requirement in plan.requirements.items():
            if code not in recorded:
                result.created += 1
            elif recorded[code] != requirement:
                result.updated += 1
            else:
                result.unchanged += 1
        for code in sorted(set(recorded) - set(plan.requirements)):
            warnings.append(
                RowIssue(
                    plan.first_row,
                    "competency_code",
                    code,
                    _("Not in the file: removed from the standard of position %(position)s.")
                    % {"position": plan.position.code},
                )
            )
    result.warnings = issues_sorted(warnings, COLUMN_ORDER)

    changed = [p for p in plans.values() if p.requirements != lookups.standards.get(p.position.pk, {})]
    apply_errors = all_or_nothing(lambda: _apply(changed, actor=actor), dry_run=dry_run)
    if apply_errors:
        result.errors = issues_sorted(apply_errors, COLUMN_ORDER)
        result.warnings = []
        result.created = result.updated = result.unchanged = 0
    return result


def _apply(plans: list[PositionPlan], *, actor) -> list[RowIssue]:
    issues: list[RowIssue] = []
    for plan in plans:
        try:
            position_standard_set(position=plan.position, requirements=plan.requirements, actor=actor)
        except (ValidationError, ApplicationError) as exc:
            # The service keys its errors by competency code; put each on its row.
            if isinstance(exc, ValidationError) and hasattr(exc, "error_dict"):
                for code, messages in exc.message_dict.items():
                    row = plan.rows.get(code, plan.first_row)
                    issues.extend(RowIssue(row, "competency_code", code, m) for m in messages)
            else:
                issues.extend(issues_from_exception(plan.first_row, exc, {}))
    return issues


# --- export ---------------------------------------------------------------------------------

EXPORT_VALUES = (
    "position__code",
    "competency__code",
    "required_level",
    "is_core",
    "position__agency__code",
    "position__title",
    "competency__name",
)


def standard_export_queryset(*, user=None, agency=None):
    queryset = export_scope(
        PositionStandard.objects.all(), user=user, agency=agency, agency_field="position__agency"
    )
    return queryset.order_by("position__agency__code", "position__code", "competency__code").values_list(
        *EXPORT_VALUES
    )


def standard_export_rows(*, user=None, agency=None):
    """The standards of the positions ``user`` sees, in the template's layout."""
    core_index = EXPORT_VALUES.index("is_core")
    for values in standard_export_queryset(user=user, agency=agency).iterator(chunk_size=ITERATOR_CHUNK):
        values = list(values)
        values[core_index] = YES if values[core_index] else NO
        yield values
