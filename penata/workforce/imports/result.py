"""What an import reports: counts, and every bad cell with its reason."""

import io
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from penata.core.spreadsheets import append_row


@dataclass(frozen=True)
class RowIssue:
    """One problem: ``row`` is the Excel row number (None for the file as a whole)."""

    row: int | None
    column: str
    value: str
    reason: str

    def as_dict(self) -> dict:
        return {"row": self.row, "column": self.column, "value": self.value, "reason": self.reason}


@dataclass
class ImportResult:
    kind: str
    dry_run: bool = False
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    units_created: int = 0
    errors: list[RowIssue] = field(default_factory=list)
    warnings: list[RowIssue] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def bad_rows(self) -> list[int]:
        return sorted({issue.row for issue in self.errors if issue.row is not None})


def issues_sorted(issues: list[RowIssue], column_order: list[str]) -> list[RowIssue]:
    position = {name: index for index, name in enumerate(column_order)}
    return sorted(issues, key=lambda i: (i.row or 0, position.get(i.column, len(position)), i.reason))


def report_workbook(issues: list[RowIssue]) -> bytes:
    """The error report as an .xlsx: row, column, value, reason."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Errors"))
    for letter, width in zip("ABCD", (8, 26, 30, 80), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    header = []
    for title in (_("Row"), _("Column"), _("Value"), _("Reason")):
        cell = WriteOnlyCell(sheet, value=title)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    for issue in issues:
        # The value is echoed from the uploaded file: a "=..." cell must come back as text.
        append_row(sheet, [issue.row, issue.column, issue.value, issue.reason])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
