"""The column layout of the position and employee workbooks, and cell parsing.

Templates, imports and exports share these definitions, so an export opens in the
template's layout and can be imported again. Headers are short English snake_case names
that do not change with the interface language; the "Instructions" sheet explains them.
"""

from dataclasses import dataclass
from datetime import date, datetime

from django.db import models
from django.utils.functional import Promise
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from penata.organization.models import EducationLevel, EmploymentType, PositionClass
from penata.organization.ranks import rank_rows

from ..models import EmployeeStatus, ImportKind, Sex

DATE_FORMAT = "DD-MM-YYYY"
FIELD_SEPARATOR = ";"
# Indonesian forms people type for sex: L (laki-laki) and P (perempuan).
SEX_ALIASES = {"l": "M", "laki_laki": "M", "p": "F", "perempuan": "F", "m": "M", "f": "F"}


class CellError(ValueError):
    """A cell that cannot be read as its column's type; the message is translated."""


@dataclass(frozen=True)
class Column:
    name: str
    meaning: Promise
    required: bool = False
    # Shown instead of yes/no when a column is required only in some rows.
    required_when: Promise | None = None
    allowed: Promise | str = ""
    is_date: bool = False
    width: int = 18
    choices: tuple[str, ...] = ()


def _values(choices: type[models.TextChoices]) -> str:
    return ", ".join(choices.values)


def rank_codes(employment_type: str | None = None) -> list[str]:
    return [code for code, _title, kind, _order in rank_rows() if employment_type in (None, kind)]


def _rank_allowed() -> str:
    return format_lazy(
        "{pns}: {pns_codes}. {pppk}: {pppk_codes}.",
        pns=gettext_lazy("PNS"),
        pns_codes=", ".join(rank_codes("pns")),
        pppk=gettext_lazy("PPPK"),
        pppk_codes=", ".join(rank_codes("pppk")),
    )


_DATE_ALLOWED = format_lazy(
    "{format} ({example}); {cell}",
    format=DATE_FORMAT,
    example="01-08-1966",
    cell=gettext_lazy("an Excel date cell is also accepted"),
)
_AGENCY_ALLOWED = gettext_lazy("An agency code from the “Reference” sheet.")
_EDUCATION_ALLOWED = _values(EducationLevel)

POSITION_COLUMNS: tuple[Column, ...] = (
    Column(
        "code",
        gettext_lazy("Position code, unique in the province. An existing code updates that position."),
        required=True,
        allowed=gettext_lazy("Text, at most 64 characters."),
        width=18,
    ),
    Column("agency_code", gettext_lazy("Code of the agency (OPD)."), required=True, allowed=_AGENCY_ALLOWED),
    Column(
        "unit_code",
        gettext_lazy("Code of the unit within the agency. An unknown code creates the unit."),
        required=True,
        allowed=gettext_lazy("Text, at most 48 characters."),
    ),
    Column(
        "unit_name",
        gettext_lazy("Name of the unit; used only when the unit is created."),
        required_when=gettext_lazy("for a new unit"),
        allowed=gettext_lazy("Text, at most 200 characters."),
        width=30,
    ),
    Column(
        "parent_unit_code",
        gettext_lazy("Code of the parent unit of a new unit (same agency); empty for a top-level unit."),
        allowed=gettext_lazy("An existing unit code of the agency or a unit code created in this file."),
    ),
    Column(
        "title",
        gettext_lazy("Position title."),
        required=True,
        allowed=gettext_lazy("Text, at most 200 characters."),
        width=36,
    ),
    Column(
        "position_class",
        gettext_lazy("Position class (UU 20/2023)."),
        required=True,
        allowed=_values(PositionClass),
        choices=tuple(PositionClass.values),
    ),
    Column("min_rank", gettext_lazy("Lowest eligible rank or PPPK grade."), allowed=_rank_allowed()),
    Column("max_rank", gettext_lazy("Highest eligible rank or PPPK grade."), allowed=_rank_allowed()),
    Column(
        "required_education_level",
        gettext_lazy("Lowest education level the position requires."),
        allowed=_EDUCATION_ALLOWED,
        choices=tuple(EducationLevel.values),
    ),
    Column(
        "required_education_fields",
        gettext_lazy("Education fields that qualify; empty means any field."),
        allowed=format_lazy("{text} “{sep}”", text=gettext_lazy("Names separated by"), sep=FIELD_SEPARATOR),
        width=36,
    ),
    Column(
        "headcount_needed",
        gettext_lazy("Number of people the position needs (workload analysis)."),
        required=True,
        allowed=gettext_lazy("A whole number from 0 to 32767."),
    ),
)

# Written by the export after the template columns, ignored by the import.
POSITION_EXPORT_EXTRA: tuple[Column, ...] = (
    Column("filled", gettext_lazy("Seats taken by active or on-leave holders (export only).")),
    Column("vacancies", gettext_lazy("Free seats (export only).")),
)

EMPLOYEE_COLUMNS: tuple[Column, ...] = (
    Column(
        "nip",
        gettext_lazy("NIP of a PNS or PPPK number: the key of the employee. An existing number updates."),
        required=True,
        allowed=gettext_lazy("18 digits, typed as text (spaces allowed)."),
        width=22,
    ),
    Column(
        "employment_type",
        gettext_lazy("Employment type."),
        required=True,
        allowed=_values(EmploymentType),
        choices=tuple(EmploymentType.values),
    ),
    Column(
        "full_name",
        gettext_lazy("Full name with titles."),
        required=True,
        allowed=gettext_lazy("Text, at most 200 characters."),
        width=32,
    ),
    Column(
        "sex",
        gettext_lazy("Sex."),
        required=True,
        allowed=gettext_lazy("M (male) or F (female); L and P are also accepted."),
        choices=tuple(Sex.values),
        width=8,
    ),
    Column("birth_date", gettext_lazy("Birth date."), required=True, allowed=_DATE_ALLOWED, is_date=True),
    Column(
        "birth_place", gettext_lazy("Birth place."), allowed=gettext_lazy("Text, at most 100 characters.")
    ),
    Column(
        "rank", gettext_lazy("Rank (golongan/ruang) or PPPK grade."), required=True, allowed=_rank_allowed()
    ),
    Column(
        "education_level",
        gettext_lazy("Highest education level."),
        required=True,
        allowed=_EDUCATION_ALLOWED,
        choices=tuple(EducationLevel.values),
    ),
    Column(
        "education_field",
        gettext_lazy("Field of the highest education."),
        allowed=gettext_lazy("Text, at most 120 characters."),
        width=28,
    ),
    Column(
        "agency_code", gettext_lazy("Code of the employee's agency."), required=True, allowed=_AGENCY_ALLOWED
    ),
    Column(
        "position_code",
        gettext_lazy(
            "Code of the current position (in the same agency). Empty means no position: a current "
            "holder is released from it."
        ),
        allowed=gettext_lazy("An existing position code."),
    ),
    Column(
        "position_start_date",
        gettext_lazy(
            "Date the employee started in the position; a new date with a new position records a transfer."
        ),
        required_when=gettext_lazy("when a position is given"),
        allowed=_DATE_ALLOWED,
        is_date=True,
    ),
    Column(
        "status",
        gettext_lazy("Employment status."),
        required=True,
        allowed=_values(EmployeeStatus),
        choices=tuple(EmployeeStatus.values),
    ),
    Column("phone", gettext_lazy("Phone number."), allowed=gettext_lazy("Text, at most 32 characters.")),
    Column("email", gettext_lazy("Email address."), allowed=gettext_lazy("A valid email address."), width=28),
    Column(
        "home_regency",
        gettext_lazy("Regency/city of residence."),
        allowed=gettext_lazy("Text, at most 100 characters."),
        width=22,
    ),
)

COLUMNS = {ImportKind.POSITIONS: POSITION_COLUMNS, ImportKind.EMPLOYEES: EMPLOYEE_COLUMNS}
EXPORT_EXTRA = {ImportKind.POSITIONS: POSITION_EXPORT_EXTRA, ImportKind.EMPLOYEES: ()}


# --- cells ------------------------------------------------------------------------------


def cell_display(value) -> str:
    """The cell as a person would read it, for the error report."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.date() if not value.time() else value
    if isinstance(value, date) and not isinstance(value, datetime):
        return value.strftime("%d-%m-%Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).upper()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (date, datetime)):
        return cell_display(value)
    return str(value).strip()


def cell_number_text(value) -> str:
    """An identity number: Excel keeps only 15 significant digits of a number cell."""
    if isinstance(value, float):
        raise CellError(_("Type the number as text: Excel rounds numbers longer than 15 digits."))
    return cell_text(value)


def cell_date(value) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    for pattern in ("%d-%m-%Y", "%d/%m/%Y", "%Y-%m-%d", "%d.%m.%Y"):
        try:
            return datetime.strptime(text, pattern).date()  # noqa: DTZ007 - a calendar date, no time
        except ValueError:
            continue
    raise CellError(_("Not a date; write it as %(format)s.") % {"format": DATE_FORMAT})


def cell_int(value) -> int | None:
    if value in (None, ""):
        return None
    if isinstance(value, bool):
        raise CellError(_("Not a whole number."))
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    text = str(value).strip()
    if text.lstrip("-").isdigit():
        return int(text)
    raise CellError(_("Not a whole number."))


def choice_key(text: str) -> str:
    return text.strip().lower().replace(" ", "_").replace("-", "_")


def cell_choice(value, choices: tuple[str, ...], *, aliases: dict[str, str] | None = None) -> str:
    text = cell_text(value)
    if not text:
        return ""
    key = choice_key(text)
    by_key = {choice_key(c): c for c in choices}
    if key in by_key:
        return by_key[key]
    if aliases and key in aliases:
        return aliases[key]
    raise CellError(_("Not an allowed value. Allowed: %(allowed)s.") % {"allowed": ", ".join(choices)})


def split_fields(text: str) -> list[str]:
    return [part.strip() for part in text.split(FIELD_SEPARATOR) if part.strip()]
