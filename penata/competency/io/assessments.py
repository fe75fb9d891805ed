"""Assessment results (assessment centre, competency test, supervisor) from Excel, all or
nothing, and the export of the assessment history.

New rows are checked with the service's own rules (``assessment_problems``) and written
together by ``assessments_record_many`` (one ``employee.assessed`` event each), with the
importer as the one who recorded them. A row identical to a recorded
assessment (same employee, competency, date, method and level) is skipped, so importing
the same file again changes nothing. Rows are checked against lookups loaded in a few
queries; any error anywhere rolls the whole file back.
"""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from penata.core.errors import ApplicationError
from penata.workforce.imports import ensure_can_import
from penata.workforce.imports.columns import CellError, cell_choice, cell_text, choice_key
from penata.workforce.imports.reader import Source
from penata.workforce.imports.result import ImportResult, RowIssue, issues_sorted
from penata.workforce.imports.rows import RowReader, chunks, issues_from_exception
from penata.workforce.models import Employee, ImportKind
from penata.workforce.nip import normalize_nip
from penata.workforce.services import NIP_MESSAGES

from ..models import Assessment, AssessmentMethod, Competency
from ..permissions import can_record_assessment
from ..services import AssessmentInput, assessment_problems, assessments_record_many
from .columns import ASSESSMENT_COLUMNS, ASSESSMENT_EXPORT_EXTRA, IMPORTED_METHODS, METHOD_ALIASES, NOTE_MAX
from .rows import (
    ITERATOR_CHUNK,
    all_or_nothing,
    competency_cell,
    export_scope,
    level_cell,
    rows_read,
    sheet_of,
)

COLUMN_ORDER = [c.name for c in ASSESSMENT_COLUMNS]
FIELD_TO_COLUMN = {
    "employee": "nip",
    "competency": "competency_code",
    "assessor_name": "assessor",
    "__all__": "",
}
SELF_WORDS = frozenset({"self", "self_assessment", "mandiri", "penilaian_mandiri"})
METHOD_WORDS = {**METHOD_ALIASES, "supervisor_assessment": AssessmentMethod.SUPERVISOR.value}

# (employee id, competency id, date, method, level): what makes two assessments the same.
Key = tuple[int, int, date, str, int]


@dataclass
class Lookups:
    # Only the employees the actor may record assessments of: anyone else reads as unknown.
    employees: dict[str, Employee]
    competencies: dict[str, Competency]  # by upper-case code
    recorded: dict[Key, bool]  # recorded assessments → valid?
    # (employee, competency, date, method) → levels recorded that day by that method.
    levels_on: dict[tuple[int, int, date, str], set[int]]

    @classmethod
    def load(cls, *, nips: set[str], actor) -> "Lookups":
        employees: dict[str, Employee] = {}
        for batch in chunks(sorted(nips)):
            for employee in Employee.objects.filter(nip__in=batch):
                # The method does not change who is in reach, as long as it is not "self".
                if actor is None or can_record_assessment(
                    actor, employee, AssessmentMethod.ASSESSMENT_CENTRE
                ):
                    employees[employee.nip] = employee
        recorded: dict[Key, bool] = {}
        levels_on: dict[tuple[int, int, date, str], set[int]] = {}
        for batch in chunks(sorted(e.pk for e in employees.values())):
            rows = Assessment.objects.filter(employee_id__in=batch).values_list(
                "employee_id", "competency_id", "assessed_on", "method", "level", "is_valid"
            )
            for employee_id, competency_id, assessed_on, method, level, valid in rows:
                recorded[(employee_id, competency_id, assessed_on, method, level)] = valid or recorded.get(
                    (employee_id, competency_id, assessed_on, method, level), False
                )
                levels_on.setdefault((employee_id, competency_id, assessed_on, method), set()).add(level)
        return cls(
            employees=employees,
            competencies={c.code.upper(): c for c in Competency.objects.all()},
            recorded=recorded,
            levels_on=levels_on,
        )


@dataclass
class Line:
    row: int
    employee: Employee
    competency: Competency
    level: int
    assessed_on: date
    method: str
    assessor_name: str
    note: str

    @property
    def key(self) -> Key:
        return (self.employee.pk, self.competency.pk, self.assessed_on, self.method, self.level)


def _method(reader: RowReader) -> str | None:
    raw = reader.raw("method")
    if raw is None:
        return AssessmentMethod.ASSESSMENT_CENTRE.value
    if choice_key(cell_text(raw)) in SELF_WORDS:
        reader.error("method", _("A self-assessment cannot be imported; the employee records it."))
        return None
    try:
        return cell_choice(raw, IMPORTED_METHODS, aliases=METHOD_WORDS)
    except CellError as exc:
        reader.error("method", str(exc))
        return None


def _limited_text(reader: RowReader, name: str, limit: int) -> str:
    text = reader.text(name) or ""
    if len(text) > limit:
        reader.error(name, _("At most %(max)s characters.") % {"max": limit})
    return text


def _read_row(reader: RowReader, lookups: Lookups, *, today: date) -> Line | None:
    raw_nip = reader.number_text("nip", required=True)
    employee = None
    if raw_nip:
        nip = normalize_nip(raw_nip)
        if len(nip) != 18 or not nip.isdigit():
            reader.error("nip", str(NIP_MESSAGES["format"]))
        else:
            employee = lookups.employees.get(nip)
            if employee is None:
                reader.error("nip", _("Unknown NIP."))

    competency = competency_cell(reader, lookups.competencies)
    level = level_cell(reader, "level")

    assessed_on = reader.date("assessed_on", required=True)
    if assessed_on is not None and assessed_on > today:
        reader.error("assessed_on", _("The assessment date is in the future."))

    method = _method(reader)
    assessor_name = _limited_text(reader, "assessor", Assessment._meta.get_field("assessor_name").max_length)
    note = _limited_text(reader, "note", NOTE_MAX)

    if reader.issues:
        return None
    return Line(
        row=reader.number,
        employee=employee,
        competency=competency,
        level=level,
        assessed_on=assessed_on,
        method=method,
        assessor_name=assessor_name,
        note=note,
    )


def assessments_import(*, source: Source, actor=None, dry_run: bool = False) -> ImportResult:
    """Import assessment results; nothing is written unless every row is valid."""
    ensure_can_import(actor, ImportKind.ASSESSMENTS)
    result = ImportResult(kind=ImportKind.ASSESSMENTS, dry_run=dry_run)
    sheet = sheet_of(result, source=source, columns=ASSESSMENT_COLUMNS, export_extra=ASSESSMENT_EXPORT_EXTRA)
    if sheet is None:
        return result
    today = timezone.localdate()

    nips = set()
    for _number, values in sheet.rows:
        raw = sheet.value(values, "nip")
        if isinstance(raw, (str, int)) and not isinstance(raw, bool):
            nips.add(normalize_nip(str(raw)))
    lookups = Lookups.load(nips=nips, actor=actor)

    errors, lines = rows_read(sheet, lambda reader: _read_row(reader, lookups, today=today))
    if errors:
        result.errors = issues_sorted(errors, COLUMN_ORDER)
        return result

    warnings: list[RowIssue] = []
    new: list[Line] = []
    first_row: dict[Key, int] = {}
    for line in lines:
        key = line.key
        if key in first_row:
            warnings.append(
                RowIssue(
                    line.row,
                    "",
                    "",
                    _("The same assessment as on row %(row)s; it is recorded once.")
                    % {"row": first_row[key]},
                )
            )
            result.unchanged += 1
            continue
        first_row[key] = line.row
        if key in lookups.recorded:
            result.unchanged += 1
            if not lookups.recorded[key]:
                warnings.append(
                    RowIssue(
                        line.row,
                        "",
                        "",
                        _("This assessment is recorded and was marked invalid; it was not recorded again."),
                    )
                )
            continue
        others = lookups.levels_on.get(key[:4])
        if others:
            warnings.append(
                RowIssue(
                    line.row,
                    "level",
                    str(line.level),
                    _(
                        "An assessment of the same day and method with level %(levels)s is already "
                        "recorded; both are kept."
                    )
                    % {"levels": ", ".join(str(level) for level in sorted(others))},
                )
            )
        new.append(line)
    result.warnings = issues_sorted(warnings, COLUMN_ORDER)

    apply_errors = all_or_nothing(lambda: _apply(new, actor=actor), dry_run=dry_run)
    if apply_errors:
        result.errors = issues_sorted(apply_errors, COLUMN_ORDER)
        result.warnings = []
        result.unchanged = 0
        return result
    result.created = len(new)
    return result


def _apply(lines: list[Line], *, actor) -> list[RowIssue]:
    """Check every row with the service's own rules, then record them all in a few INSERTs
    (``assessments_record_many``), one ``employee.assessed`` event each."""
    items = [
        AssessmentInput(
            employee=line.employee,
            competency=line.competency,
            level=line.level,
            assessed_on=line.assessed_on,
            method=line.method,
            assessor_name=line.assessor_name,
            note=line.note,
        )
        for line in lines
    ]
    issues: list[RowIssue] = []
    for line, item in zip(lines, items, strict=True):
        if problems := assessment_problems(item):
            issues.extend(issues_from_exception(line.row, ValidationError(problems), FIELD_TO_COLUMN))
    if issues:
        return issues
    try:
        assessments_record_many(items=items, actor=actor)
    except (ValidationError, ApplicationError) as exc:
        return issues_from_exception(lines[0].row if lines else 0, exc, FIELD_TO_COLUMN)
    return []


# --- export ---------------------------------------------------------------------------------

EXPORT_VALUES = (
    "employee__nip",
    "competency__code",
    "level",
    "assessed_on",
    "method",
    "assessor_name",
    "note",
    "employee__full_name",
    "employee__agency__code",
)


def assessment_export_queryset(*, user=None, agency=None):
    """Valid assessments by the imported methods: what an export can re-import unchanged.

    Self-assessments stay out: they are the employee's own and never count.
    """
    queryset = export_scope(
        Assessment.objects.filter(is_valid=True, method__in=IMPORTED_METHODS),
        user=user,
        agency=agency,
        agency_field="employee__agency",
    )
    return queryset.order_by(
        "employee__agency__code", "employee__nip", "competency__code", "assessed_on", "id"
    ).values_list(*EXPORT_VALUES)


def assessment_export_rows(*, user=None, agency=None):
    yield from assessment_export_queryset(user=user, agency=agency).iterator(chunk_size=ITERATOR_CHUNK)
