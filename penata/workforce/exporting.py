"""Excel templates and exports of positions and employees, in the import's column layout.

Exports are written in openpyxl's write-only mode from ``values_list`` rows, so 50,000
rows stream to a file without holding a workbook in memory. Personal data is masked for
roles that may not see it (``privacy.can_see_personal_data``).

Other apps add kinds with ``exporter_register`` (from their ``AppConfig.ready()``): the
rows of their export, the kind's notes for the "Instructions" sheet and, if the agency and
rank codes are not what the file refers to, their own "Reference" sheet. The columns come
from the kind's importer (``imports.importer_register``), so an export re-imports.
"""

import io
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import IO

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from penata.accounts.models import Role
from penata.accounts.scoping import agency_with_descendants
from penata.core.spreadsheets import append_row, text_safe
from penata.organization.models import Agency, Rank
from penata.organization.selectors import (
    agency_list_visible_to,
    position_list_visible_to,
    position_list_with_vacancies,
)

from .imports import importer_for
from .imports.columns import DATE_FORMAT, FIELD_SEPARATOR, Column
from .imports.reader import max_rows
from .models import Employee, ImportKind
from .privacy import MASK, PERSONAL_FIELDS, can_see_personal_data
from .selectors import employee_list_visible_to

EXPORT_ROLES = frozenset({Role.PROVINCE_ADMIN, Role.AGENCY_ADMIN, Role.LEADER, Role.TRAINING_MANAGER})
EXCEL_DATE_FORMAT = "DD-MM-YYYY"
CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="1F5C4A")
ITERATOR_CHUNK = 2000

EMPLOYEE_VALUES = (
    "nip",
    "employment_type",
    "full_name",
    "sex",
    "birth_date",
    "birth_place",
    "rank__code",
    "education_level",
    "education_field",
    "agency__code",
    "position__code",
    "position_start_date",
    "status",
    "phone",
    "email",
    "home_regency",
)
POSITION_VALUES = (
    "code",
    "agency__code",
    "unit__code",
    "unit__name",
    "unit__parent__code",
    "title",
    "position_class",
    "min_rank__code",
    "max_rank__code",
    "required_education_level",
    "required_education_fields",
    "headcount_needed",
    "filled",
    "vacancies",
)


# Excel refuses sheet names longer than this.
SHEET_TITLE_MAX = 31

# rows(user=..., agency=...) → the values of each row, in the order of the kind's columns
# followed by its export-only columns. ``user`` None is the system: everything, unmasked.
RowsFunction = Callable[..., Iterable[Sequence]]


@dataclass(frozen=True)
class Exporter:
    kind: str
    rows: RowsFunction
    # () → translated notes for the "Instructions" sheet, after the general ones.
    notes: Callable[[], list[str]]
    # (workbook=..., user=...) → writes the "Reference" sheet of the template.
    reference: Callable[..., None]
    roles: frozenset[str] = EXPORT_ROLES


_EXPORTERS: dict[str, Exporter] = {}


def exporter_register(
    kind: str,
    rows: RowsFunction,
    *,
    notes: Callable[[], list[str]] | None = None,
    reference: Callable[..., None] | None = None,
    roles: frozenset[str] = EXPORT_ROLES,
) -> Exporter:
    """Make ``kind`` exportable and give its template its notes and reference sheet."""
    exporter = Exporter(
        kind=ImportKind(kind).value,
        rows=rows,
        notes=notes or _no_notes,
        reference=reference or write_agency_rank_reference,
        roles=frozenset(roles),
    )
    _EXPORTERS[exporter.kind] = exporter
    return exporter


def exporter_for(kind: str) -> Exporter:
    """``KeyError`` for a kind nobody registered."""
    return _EXPORTERS[str(kind)]


def export_kinds(user=None) -> list[tuple[str, str]]:
    """(value, label) of the registered kinds ``user`` may export, in ``ImportKind`` order."""
    return [
        (value, label)
        for value, label in ImportKind.choices
        if value in _EXPORTERS and can_export(user, value)
    ]


def can_export(user, kind: str | None = None) -> bool:
    """May ``user`` export ``kind`` (None: at least one kind)? ``user`` None is the system."""
    if user is None:
        return True
    if kind is not None and str(kind) not in _EXPORTERS:
        return False
    if not (user.is_authenticated and user.is_active):
        return False
    if user.is_superuser:
        return True
    kinds = [str(kind)] if kind is not None else list(_EXPORTERS)
    return any(user.role in _EXPORTERS[k].roles for k in kinds)


def _no_notes() -> list[str]:
    return []


def sheet_title(kind: str) -> str:
    return str(ImportKind(kind).label)[:SHEET_TITLE_MAX]


def kind_columns(kind: str, *, export: bool = False) -> tuple[Column, ...]:
    importer = importer_for(kind)
    return (*importer.columns, *importer.export_extra) if export else importer.columns


def _column_letter(index: int) -> str:
    return get_column_letter(index + 1)


# --- instructions -------------------------------------------------------------------------


def _general_notes(kind: str) -> list[str]:
    return [
        _(
            "Fill one row per record below the header row of the first sheet. Keep the column names "
            "of the header row; the order of the columns does not matter and other columns are ignored."
        ),
        _(
            "The whole file is imported or nothing is: if any row has an error, nothing is written "
            "and the error report lists every bad cell with its row, column and reason."
        ),
        *exporter_for(kind).notes(),
    ]


def _workforce_notes(kind: str) -> list[str]:
    notes = [
        _("Dates: %(format)s (for example 01-08-1966) or an Excel date cell.") % {"format": DATE_FORMAT},
        _("Codes of agencies and ranks must be those of Penata; see the “Reference” sheet."),
        _(
            "An empty optional cell clears the recorded value; leave a column out of the file to keep "
            "the recorded values."
        ),
        _("Importing the same file again changes nothing."),
    ]
    if kind == ImportKind.EMPLOYEES:
        notes += [
            _(
                "Type the NIP or PPPK number as text (the template's column is formatted as text): "
                "Excel rounds numbers longer than 15 digits."
            ),
            _(
                "An existing number updates that employee: a new position is recorded as a transfer from "
                "the given start date and a higher rank as a promotion dated on the day of import. A lower "
                "rank or another employment type is refused."
            ),
        ]
    else:
        notes += [
            _(
                "An existing position code updates that position. An unknown unit code creates the unit "
                "in the agency, named by unit_name, under parent_unit_code if given."
            ),
            _("The export adds the columns filled and vacancies, which the import ignores."),
        ]
    return notes


def _write_instructions(workbook: Workbook, kind: str, *, write_only: bool) -> None:
    sheet = workbook.create_sheet(_("Instructions"))
    for letter, width in zip("ABCD", (28, 18, 60, 60), strict=True):
        sheet.column_dimensions[letter].width = width
    bold = Font(bold=True)

    def cell(value, *, font=None, wrap=False):
        if not write_only:
            return value
        out = WriteOnlyCell(sheet, value=value)
        if font:
            out.font = font
        if wrap:
            out.alignment = Alignment(wrap_text=True, vertical="top")
        return out

    append_row(sheet, [cell(_("How to fill in this workbook"), font=bold)])
    for note in _general_notes(kind):
        append_row(sheet, [cell("•"), cell(""), cell(note, wrap=True)])
    append_row(sheet, [])
    append_row(
        sheet, [cell(t, font=bold) for t in (_("Column"), _("Required"), _("Meaning"), _("Allowed values"))]
    )
    for column in kind_columns(kind, export=True):
        if column.required:
            required = _("yes")
        elif column.required_when:
            required = str(column.required_when)
        else:
            required = _("no")
        append_row(
            sheet,
            [
                cell(column.name, font=bold),
                cell(required),
                cell(str(column.meaning), wrap=True),
                cell(str(column.allowed), wrap=True),
            ],
        )


def write_agency_rank_reference(*, workbook: Workbook, user) -> None:
    """The default "Reference" sheet: the agency codes the user sees and the rank codes."""
    sheet = workbook.create_sheet(_("Reference"))
    for letter, width in zip("ABDEF", (14, 50, 12, 30, 10), strict=True):
        sheet.column_dimensions[letter].width = width
    agencies = agency_list_visible_to(user=user) if user is not None else Agency.objects.all()
    append_row(sheet, [_("Agency code"), _("Agency name"), None, _("Rank code"), _("Rank title"), _("Type")])
    ranks = list(
        Rank.objects.order_by("employment_type", "order").values_list("code", "title", "employment_type")
    )
    agency_rows = list(agencies.order_by("code").values_list("code", "name"))
    for index in range(max(len(ranks), len(agency_rows))):
        agency = agency_rows[index] if index < len(agency_rows) else (None, None)
        rank = ranks[index] if index < len(ranks) else (None, None, None)
        append_row(sheet, [agency[0], agency[1], None, rank[0], rank[1], rank[2]])


# --- template -------------------------------------------------------------------------------


def template_workbook(*, kind: str, user=None) -> bytes:
    """An empty workbook with the header row, formats, value lists and instructions."""
    kind = ImportKind(kind)
    columns = kind_columns(kind)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_title(kind)
    append_row(sheet, [c.name for c in columns])
    sheet.freeze_panes = "A2"
    last_row = max_rows() + 1
    for index, column in enumerate(columns):
        letter = _column_letter(index)
        header = sheet.cell(row=1, column=index + 1)
        header.font = HEADER_FONT
        header.fill = HEADER_FILL
        dimension = sheet.column_dimensions[letter]
        dimension.width = column.width
        # Text columns stay text in Excel, so NIPs and codes keep their digits and zeros.
        dimension.number_format = EXCEL_DATE_FORMAT if column.is_date else "@"
        if column.choices:
            validation = DataValidation(
                type="list", formula1='"{}"'.format(",".join(column.choices)), allow_blank=True
            )
            validation.error = _("Choose one of the allowed values.")
            validation.showErrorMessage = True
            sheet.add_data_validation(validation)
            validation.add(f"{letter}2:{letter}{last_row}")
    _write_instructions(workbook, kind, write_only=False)
    exporter_for(kind).reference(workbook=workbook, user=user)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


# --- export ---------------------------------------------------------------------------------


def employee_export_queryset(*, user=None, agency: Agency | None = None) -> QuerySet:
    queryset = employee_list_visible_to(user=user) if user is not None else Employee.objects.all()
    if agency is not None:
        queryset = queryset.filter(agency_id__in=agency_with_descendants(agency.pk))
    return queryset.order_by("agency__code", "nip").values_list("pk", "agency_id", *EMPLOYEE_VALUES)


def position_export_queryset(*, user=None, agency: Agency | None = None) -> QuerySet:
    queryset = position_list_visible_to(user=user) if user is not None else position_list_with_vacancies()
    if agency is not None:
        queryset = queryset.filter(agency_id__in=agency_with_descendants(agency.pk))
    return queryset.order_by("agency__code", "code").values_list(*POSITION_VALUES)


def _employee_rows(*, user, agency):
    personal = {EMPLOYEE_VALUES.index(name) for name in PERSONAL_FIELDS}
    for pk, agency_id, *values in employee_export_queryset(user=user, agency=agency).iterator(
        chunk_size=ITERATOR_CHUNK
    ):
        if user is not None and not can_see_personal_data(user, agency_id=agency_id, employee_id=pk):
            values = [MASK if i in personal and v not in (None, "") else v for i, v in enumerate(values)]
        yield values


def _position_rows(*, user, agency):
    fields_index = POSITION_VALUES.index("required_education_fields")
    for values in position_export_queryset(user=user, agency=agency).iterator(chunk_size=ITERATOR_CHUNK):
        values = list(values)
        values[fields_index] = f"{FIELD_SEPARATOR} ".join(values[fields_index] or [])
        yield values


def export_write(*, kind: str, out: str | IO[bytes], user=None, agency: Agency | None = None) -> int:
    """Write the ``kind`` rows ``user`` sees (None: all) to ``out``; return the row count."""
    kind = ImportKind(kind)
    columns = kind_columns(kind, export=True)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(sheet_title(kind))
    sheet.freeze_panes = "A2"
    for index, column in enumerate(columns):
        sheet.column_dimensions[_column_letter(index)].width = column.width
    header = []
    for column in columns:
        cell = WriteOnlyCell(sheet, value=column.name)
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        header.append(cell)
    append_row(sheet, header)
    date_columns = {i for i, c in enumerate(columns) if c.is_date}
    rows = exporter_for(kind).rows(user=user, agency=agency)
    count = 0
    for values in rows:
        # Names and titles are the users' text: one starting with "=" must stay text.
        sheet.append(
            [
                _date_cell(sheet, v) if i in date_columns and isinstance(v, date) else text_safe(sheet, v)
                for i, v in enumerate(values)
            ]
        )
        count += 1
    _write_instructions(workbook, kind, write_only=True)
    workbook.save(out)
    return count


def _date_cell(sheet, value: date) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=value)
    cell.number_format = EXCEL_DATE_FORMAT
    return cell


exporter_register(ImportKind.POSITIONS, _position_rows, notes=lambda: _workforce_notes(ImportKind.POSITIONS))
exporter_register(ImportKind.EMPLOYEES, _employee_rows, notes=lambda: _workforce_notes(ImportKind.EMPLOYEES))
