"""Training needs as an Excel workbook: the summaries by agency and by competency, one row
per employee and competency below standard, and the unit and feedback needs.

Written in openpyxl's write-only mode from ``values_list`` iterators, without a model
instance per row. openpyxl writes about 4,000 such rows a second on the 2-core server
(the province's ~170,000 gap needs would take 40 s, past a request's patience), so the
employee sheet holds the ``MAX_EMPLOYEE_ROWS`` most urgent needs and says so; one agency
or one competency fits whole.
"""

from typing import IO

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from penata.core.spreadsheets import append_row

from .models import NeedSource, NeedStatus, TrainingNeed
from .selectors_needs import ACTIVE_STATUSES, needs_summary

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="1F5C4A")
TITLE_FONT = Font(bold=True, size=13)
ITERATOR_CHUNK = 2000
MAX_EMPLOYEE_ROWS = 20_000


def export_filename(*, year: int, agency_code: str | None) -> str:
    return f"training-needs-{agency_code or 'province'}-{year}.xlsx"


def _header(sheet, titles: list[str]) -> list[WriteOnlyCell]:
    cells = []
    for title in titles:
        cell = WriteOnlyCell(sheet, value=title)
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cells.append(cell)
    return cells


def _widths(sheet, widths: tuple[int, ...]) -> None:
    for index, width in enumerate(widths):
        sheet.column_dimensions[get_column_letter(index + 1)].width = width


def _summary_sheet(workbook: Workbook, title: str, first: str, rows, scope_label: str, year: int) -> None:
    sheet = workbook.create_sheet(title)
    _widths(sheet, (16, 44, 14, 12, 12, 14, 12, 16))
    heading = WriteOnlyCell(
        sheet, value=_("Training needs %(year)s · %(scope)s") % {"year": year, "scope": scope_label}
    )
    heading.font = TITLE_FONT
    append_row(sheet, [heading])
    append_row(
        sheet,
        _header(
            sheet,
            [
                _("Code"),
                first,
                _("Employees in need"),
                _("Gap needs"),
                _("Mean gap"),
                _("Sum of priorities"),
                _("Planned"),
                _("Unit and feedback needs"),
            ],
        ),
    )
    for row in rows:
        append_row(
            sheet,
            [
                row.code,
                row.name,
                row.employees,
                row.gap_needs,
                round(row.mean_gap, 2) if row.mean_gap is not None else None,
                row.priority_sum,
                row.planned,
                row.recorded,
            ],
        )


EMPLOYEE_COLUMNS = (
    "employee__nip",
    "employee__full_name",
    "agency__code",
    "unit__name",
    "employee__position__title",
    "competency__code",
    "competency__name",
    "current_level",
    "required_level",
    "gap",
    "is_core",
    "jp_missing",
    "priority",
    "status",
)


def _employee_sheet(workbook: Workbook, needs: QuerySet[TrainingNeed], limit: int) -> int:
    sheet = workbook.create_sheet(_("Employees"))
    sheet.freeze_panes = "A2"
    _widths(sheet, (22, 32, 14, 32, 32, 12, 32, 8, 8, 6, 8, 10, 9, 18))
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
                _("Competency code"),
                _("Competency"),
                _("Level"),
                _("Required"),
                _("Gap"),
                _("Core factor"),
                _("JP still missing"),
                _("Priority"),
                _("Status"),
            ],
        ),
    )
    statuses = {value: str(label) for value, label in NeedStatus.choices}
    yes, no = _("yes"), _("no")
    gap_needs = needs.filter(source=NeedSource.GAP, status__in=ACTIVE_STATUSES)
    total = gap_needs.count()
    rows = (
        gap_needs.order_by("-priority", "agency__code", "employee__full_name", "competency__code", "pk")
        .values_list(*EMPLOYEE_COLUMNS)[:limit]
        .iterator(chunk_size=ITERATOR_CHUNK)
    )
    written = 0
    for *values, core, jp, priority, status in rows:
        append_row(sheet, [*values, yes if core else no, float(jp), priority, statuses.get(status, status)])
        written += 1
    if written < total:
        note = WriteOnlyCell(
            sheet,
            value=_(
                "The %(shown)s most urgent of %(total)s needs. "
                "Export one agency or one competency for the rest."
            )
            % {"shown": written, "total": total},
        )
        note.font = Font(italic=True)
        append_row(sheet, [note])
    return written


def _recorded_sheet(workbook: Workbook, needs: QuerySet[TrainingNeed]) -> None:
    sheet = workbook.create_sheet(_("Unit and feedback needs"))
    sheet.freeze_panes = "A2"
    _widths(sheet, (14, 32, 12, 30, 22, 18, 60, 50, 12))
    append_row(
        sheet,
        _header(
            sheet,
            [
                _("Agency"),
                _("Unit"),
                _("Competency code"),
                _("Competency"),
                _("Source"),
                _("Status"),
                _("Reason"),
                _("Evidence"),
                _("Recorded on"),
            ],
        ),
    )
    sources = {value: str(label) for value, label in NeedSource.choices}
    statuses = {value: str(label) for value, label in NeedStatus.choices}
    rows = (
        needs.exclude(source=NeedSource.GAP)
        .order_by("agency__code", "status", "-created_at", "pk")
        .values_list(
            "agency__code",
            "unit__name",
            "competency__code",
            "competency__name",
            "source",
            "status",
            "reason",
            "evidence",
            "created_at",
        )
    )
    for agency, unit, code, name, source, status, reason, evidence, created in rows:
        references = evidence.get("references") if isinstance(evidence, dict) else None
        evidence_text = (
            "; ".join(str(r) for r in references)
            if isinstance(references, list)
            else "; ".join(f"{key}: {value}" for key, value in (evidence or {}).items())
        )
        append_row(
            sheet,
            [
                agency,
                unit or "",
                code or "",
                name or "",
                sources.get(source, source),
                statuses.get(status, status),
                reason,
                evidence_text,
                timezone.localtime(created).date(),
            ],
        )


def needs_workbook_write(
    *,
    out: str | IO[bytes],
    needs: QuerySet[TrainingNeed],
    scope_label: str,
    year: int,
    max_employee_rows: int | None = None,
) -> int:
    """Write the needs of ``needs`` (already scoped and filtered) to ``out``; return the
    number of employee rows."""
    workbook = Workbook(write_only=True)
    _summary_sheet(
        workbook, _("By agency"), _("Agency"), needs_summary(needs=needs, by="agency"), scope_label, year
    )
    _summary_sheet(
        workbook,
        _("By competency"),
        _("Competency"),
        needs_summary(needs=needs, by="competency"),
        scope_label,
        year,
    )
    written = _employee_sheet(workbook, needs, max_employee_rows or MAX_EMPLOYEE_ROWS)
    _recorded_sheet(workbook, needs)
    workbook.save(out)
    return written
