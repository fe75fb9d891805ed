"""Column layout of the standards and assessment workbooks, and the cells only they have.

Headers are short English snake_case names that do not change with the interface
language, as in the position and employee workbooks.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from penata.workforce.imports.columns import CellError, Column, cell_text, choice_key

from ..models import AssessmentMethod

LEVELS = ("1", "2", "3", "4", "5")
# Methods an assessment-centre file may carry; a self-assessment is the employee's own.
IMPORTED_METHODS = (
    AssessmentMethod.ASSESSMENT_CENTRE.value,
    AssessmentMethod.COMPETENCY_TEST.value,
    AssessmentMethod.SUPERVISOR.value,
)
# The spelling people also type for the assessment centre.
METHOD_ALIASES = {"assessment_center": AssessmentMethod.ASSESSMENT_CENTRE.value}
TRUE_WORDS = frozenset({"ya", "y", "yes", "true", "benar", "1", "inti", "core"})
FALSE_WORDS = frozenset({"tidak", "tdk", "no", "n", "false", "salah", "0", "pendukung", "secondary"})
NOTE_MAX = 2000

_LEVEL_ALLOWED = gettext_lazy("A whole number from 1 to 5.")
_COMPETENCY_ALLOWED = gettext_lazy("A competency code from the “Reference” sheet.")

STANDARD_COLUMNS: tuple[Column, ...] = (
    Column(
        "position_code",
        gettext_lazy(
            "Code of the position. The position gets exactly the competencies listed for it in the file."
        ),
        required=True,
        allowed=gettext_lazy("An existing position code of an agency you manage."),
        width=20,
    ),
    Column(
        "competency_code",
        gettext_lazy("Code of the required competency."),
        required=True,
        allowed=_COMPETENCY_ALLOWED,
        width=18,
    ),
    Column(
        "required_level",
        gettext_lazy("Level of the competency the position requires."),
        required=True,
        allowed=_LEVEL_ALLOWED,
        choices=LEVELS,
        width=16,
    ),
    Column(
        "core_factor",
        gettext_lazy("Core factor (yes) or secondary factor (no) for Profile Matching. Empty means yes."),
        allowed=gettext_lazy("yes or no (also ya/tidak, 1/0)."),
        width=14,
    ),
)

# Written by the export after the template columns, ignored by the import.
STANDARD_EXPORT_EXTRA: tuple[Column, ...] = (
    Column("agency_code", gettext_lazy("Agency of the position (export only)."), width=12),
    Column("position_title", gettext_lazy("Title of the position (export only)."), width=36),
    Column("competency_name", gettext_lazy("Name of the competency (export only)."), width=32),
)

ASSESSMENT_COLUMNS: tuple[Column, ...] = (
    Column(
        "nip",
        gettext_lazy("NIP or PPPK number of the assessed employee."),
        required=True,
        allowed=gettext_lazy("18 digits, typed as text (spaces allowed)."),
        width=22,
    ),
    Column(
        "competency_code",
        gettext_lazy("Code of the assessed competency."),
        required=True,
        allowed=_COMPETENCY_ALLOWED,
        width=18,
    ),
    Column(
        "level",
        gettext_lazy("Assessed level."),
        required=True,
        allowed=_LEVEL_ALLOWED,
        choices=LEVELS,
        width=10,
    ),
    Column(
        "assessed_on",
        gettext_lazy("Date of the assessment; not in the future."),
        required=True,
        allowed=gettext_lazy("DD-MM-YYYY, DD/MM/YYYY or YYYY-MM-DD; an Excel date cell is also accepted."),
        is_date=True,
        width=14,
    ),
    Column(
        "method",
        gettext_lazy("How the level was assessed. Empty means assessment_centre."),
        allowed=", ".join(IMPORTED_METHODS),
        choices=IMPORTED_METHODS,
        width=20,
    ),
    Column(
        "assessor",
        gettext_lazy("Name of the assessor or assessment body."),
        allowed=gettext_lazy("Text, at most 200 characters."),
        width=28,
    ),
    Column(
        "note",
        gettext_lazy("Note on the assessment."),
        allowed=gettext_lazy("Text, at most 2000 characters."),
        width=36,
    ),
)

ASSESSMENT_EXPORT_EXTRA: tuple[Column, ...] = (
    Column("full_name", gettext_lazy("Name of the employee (export only)."), width=30),
    Column("agency_code", gettext_lazy("Agency of the employee (export only)."), width=12),
)


def cell_yes_no(value) -> bool | None:
    """Yes or no in the forms people type, in Indonesian or English; None for an empty cell."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return value
    key = choice_key(cell_text(value))
    if key in TRUE_WORDS:
        return True
    if key in FALSE_WORDS:
        return False
    raise CellError(_("Write yes or no (ya or tidak)."))
