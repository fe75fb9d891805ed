"""The talent nine-box as an Excel workbook: one row per placed employee, the counts grid,
and the employees not placed with the reason.

Written in openpyxl's write-only mode; the employees' names and positions come in one
``values_list`` query over the selection, so the whole province is one pass.
"""

from typing import IO

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from penata.core.spreadsheets import append_row

from . import ninebox
from . import talent_labels as labels
from .selectors import TalentGrid

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="1F5C4A")
TITLE_FONT = Font(bold=True, size=13)
BOLD = Font(bold=True)
# Box colours of the page: bottom-left red … top-right green.
TONE_FILLS = {
    0: PatternFill("solid", fgColor="F4C7C3"),
    1: PatternFill("solid", fgColor="FCE0C4"),
    2: PatternFill("solid", fgColor="FFF2C2"),
    3: PatternFill("solid", fgColor="D5EDD3"),
    4: PatternFill("solid", fgColor="A8DAB0"),
}
ITERATOR_CHUNK = 2000
EMPLOYEE_VALUES = ("pk", "nip", "full_name", "agency__name", "position__unit__name", "position__title")


def export_filename(*, agency, year: int) -> str:
    return f"talent-{agency.code if agency is not None else 'province'}-{year}.xlsx"


def _header(sheet, titles: list[str]) -> list[WriteOnlyCell]:
    cells = []
    for title in titles:
        cell = WriteOnlyCell(sheet, value=title)
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cells.append(cell)
    return cells


def _cell(sheet, value, *, font=None, fill=None, wrap=False) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=value)
    if font is not None:
        cell.font = font
    if fill is not None:
        cell.fill = fill
    if wrap:
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    return cell


def _widths(sheet, widths: tuple[int, ...]) -> None:
    for index, width in enumerate(widths):
        sheet.column_dimensions[get_column_letter(index + 1)].width = width


def _employees(employees: QuerySet) -> dict[int, tuple]:
    """employee id → (nip, name, agency, unit, position)."""
    rows = employees.order_by().values_list(*EMPLOYEE_VALUES).iterator(chunk_size=ITERATOR_CHUNK)
    return {pk: tuple(values) for pk, *values in rows}


def _write_placements(workbook: Workbook, grid: TalentGrid, people: dict[int, tuple]) -> None:
    sheet = workbook.create_sheet(_("Talent placement"))
    sheet.freeze_panes = "A2"
    _widths(sheet, (22, 30, 32, 30, 32, 22, 8, 20, 6, 22, 60))
    append_row(
        sheet,
        _header(
            sheet,
            [
                _("NIP"),
                _("Name"),
                _("Agency"),
                _("Unit"),
                _("Position"),
                _("Performance"),
                _("JPM"),
                _("Potential"),
                _("Box"),
                _("Box name"),
                _("Recommended actions"),
            ],
        ),
    )
    actions = {box: "; ".join(labels.action_labels(box)) for box in ninebox.ACTIONS}
    placements = sorted(
        grid.placements,
        key=lambda p: (-p.box, -p.jpm, people[p.employee_id][1].casefold(), p.employee_id),
    )
    for placement in placements:
        nip, name, agency, unit, position = people[placement.employee_id]
        append_row(
            sheet,
            [
                nip,
                name,
                agency,
                unit,
                position,
                str(labels.PERFORMANCE_LABELS[placement.performance]),
                round(placement.jpm, 1),
                str(labels.POTENTIAL_LABELS[placement.potential]),
                placement.box,
                str(labels.BOX_NAMES[placement.box]),
                actions[placement.box],
            ],
        )


def _write_counts(workbook: Workbook, grid: TalentGrid, scope_label: str) -> None:
    sheet = workbook.create_sheet(_("Grid"))
    _widths(sheet, (28, 24, 24, 24))
    counts = grid.counts
    placed = len(grid.placements)
    append_row(
        sheet,
        [
            _cell(
                sheet,
                _("Talent nine-box %(year)s · %(scope)s") % {"year": grid.year, "scope": scope_label},
                font=TITLE_FONT,
            )
        ],
    )
    append_row(sheet, [])
    append_row(
        sheet,
        _header(
            sheet,
            [_("Potential / performance"), *(str(labels.PERFORMANCE_LABELS[p]) for p in labels.GRID_COLUMNS)],
        ),
    )
    for potential in labels.GRID_ROWS:
        row = [_cell(sheet, str(labels.POTENTIAL_LABELS[potential]), font=BOLD)]
        for performance in labels.GRID_COLUMNS:
            box = ninebox.box(performance=performance, potential=potential)
            row.append(_cell(sheet, counts[box], fill=TONE_FILLS[labels.box_tone(box)]))
        append_row(sheet, row)
    append_row(sheet, [])
    append_row(sheet, _header(sheet, [_("Box"), _("Box name"), _("Employees"), _("Share (%)")]))
    for box in reversed(range(1, 10)):
        share = round(100.0 * counts[box] / placed, 1) if placed else 0.0
        append_row(
            sheet,
            [
                _cell(sheet, box, fill=TONE_FILLS[labels.box_tone(box)]),
                str(labels.BOX_NAMES[box]),
                counts[box],
                share,
            ],
        )
    append_row(sheet, [])
    append_row(sheet, [_cell(sheet, _("Placed"), font=BOLD), placed])
    append_row(sheet, [_cell(sheet, _("No performance rating for the year"), font=BOLD), len(grid.unrated)])
    append_row(
        sheet, [_cell(sheet, _("No competency standard for the position"), font=BOLD), len(grid.no_standard)]
    )


def _write_unplaced(workbook: Workbook, grid: TalentGrid, people: dict[int, tuple]) -> None:
    sheet = workbook.create_sheet(_("Not placed"))
    sheet.freeze_panes = "A2"
    _widths(sheet, (22, 30, 32, 30, 32, 50))
    append_row(
        sheet, _header(sheet, [_("NIP"), _("Name"), _("Agency"), _("Unit"), _("Position"), _("Reason")])
    )
    unrated = _("No performance rating for %(year)s") % {"year": grid.year}
    no_standard = _("The position has no competency standard")
    no_position = _("Holds no position")
    rows = [(pk, unrated) for pk in grid.unrated]
    for pk in grid.no_standard:
        rows.append((pk, no_standard if people[pk][4] is not None else no_position))
    rows.sort(key=lambda row: (row[1], people[row[0]][1].casefold(), row[0]))
    for pk, reason in rows:
        append_row(sheet, [*people[pk], reason])


def talent_workbook_write(
    *, out: str | IO[bytes], grid: TalentGrid, employees: QuerySet, scope_label: str
) -> int:
    """Write the grid of ``employees`` to ``out``; return the number of placed rows."""
    people = _employees(employees)
    workbook = Workbook(write_only=True)
    _write_placements(workbook, grid, people)
    _write_counts(workbook, grid, scope_label)
    _write_unplaced(workbook, grid, people)
    workbook.save(out)
    return len(grid.placements)
