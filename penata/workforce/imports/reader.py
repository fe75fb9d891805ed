"""Checking that an upload is really an .xlsx workbook and reading its first sheet."""

import logging
import os
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from django.conf import settings
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from .columns import Column, cell_display
from .result import RowIssue

logger = logging.getLogger(__name__)

# A workbook unpacks to many times its size; more than this is a zip bomb, not a staff list.
MAX_UNPACK_RATIO = 40
SPREADSHEET_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"

Source = str | Path | IO[bytes]


class ImportFileError(Exception):
    """The file as a whole cannot be imported; ``issues`` say why."""

    def __init__(self, issues: list[RowIssue]):
        self.issues = issues
        super().__init__("; ".join(i.reason for i in issues))


def max_bytes() -> int:
    return settings.PENATA_IMPORT_MAX_BYTES


def max_rows() -> int:
    return settings.PENATA_IMPORT_MAX_ROWS


def _size(source: Source) -> int:
    if isinstance(source, (str, Path)):
        return os.path.getsize(source)
    size = getattr(source, "size", None)
    if size is not None:
        return size
    position = source.tell()
    source.seek(0, os.SEEK_END)
    end = source.tell()
    source.seek(position)
    return end


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.0f}"


def file_problem(source: Source) -> str | None:
    """A translated reason the upload is not an acceptable workbook, or None.

    Checks the content, not the name: an .xlsx is a zip holding the OOXML spreadsheet parts.
    """
    size = _size(source)
    limit = max_bytes()
    if size > limit:
        return _("The file is %(size)s MB; at most %(max)s MB can be imported.") % {
            "size": _megabytes(size),
            "max": _megabytes(limit),
        }
    if size == 0:
        return _("The file is empty.")
    not_xlsx = _("The file is not an Excel workbook (.xlsx). Save it in Excel as “Excel Workbook (*.xlsx)”.")
    if not isinstance(source, (str, Path)):
        source.seek(0)
    try:
        with zipfile.ZipFile(source) as archive:
            names = set(archive.namelist())
            if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
                return not_xlsx
            content_types = archive.read("[Content_Types].xml").decode("utf-8", "replace")
            if SPREADSHEET_CONTENT_TYPE not in content_types:
                return not_xlsx
            unpacked = sum(info.file_size for info in archive.infolist())
            if unpacked > limit * MAX_UNPACK_RATIO:
                return _("The workbook is too large when unpacked.")
    except (zipfile.BadZipFile, OSError, ValueError, KeyError):
        return not_xlsx
    finally:
        if not isinstance(source, (str, Path)):
            source.seek(0)
    return None


@dataclass
class Sheet:
    # Column name → index in each row's values.
    index: dict[str, int]
    # (Excel row number, values) of every non-blank data row.
    rows: list[tuple[int, tuple]] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)

    def value(self, values: tuple, name: str):
        position = self.index.get(name)
        if position is None or position >= len(values):
            return None
        value = values[position]
        if isinstance(value, str):
            value = value.strip()
            return value or None
        return value


def header_key(value) -> str:
    return cell_display(value).lower().replace(" ", "_")


def sheet_read(source: Source, *, columns: tuple[Column, ...], known_extra: tuple[str, ...] = ()) -> Sheet:
    """Read the first worksheet; raise ``ImportFileError`` for file-level problems."""
    problem = file_problem(source)
    if problem:
        raise ImportFileError([RowIssue(None, "", "", problem)])
    try:
        workbook = load_workbook(source, read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds on a damaged file
        logger.info("unreadable workbook", exc_info=True)
        raise ImportFileError(
            [RowIssue(None, "", "", _("The workbook could not be read; it may be damaged."))]
        ) from None
    try:
        if not workbook.worksheets:
            raise ImportFileError([RowIssue(None, "", "", _("The workbook has no sheet."))])
        worksheet = workbook.worksheets[0]
        worksheet.reset_dimensions()
        rows = worksheet.iter_rows(values_only=True)
        header = next(rows, None)
        sheet = _sheet_for_header(header or (), columns=columns, known_extra=known_extra)
        limit = max_rows()
        for number, values in enumerate(rows, start=2):
            if all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
                continue
            if len(sheet.rows) >= limit:
                raise ImportFileError(
                    [
                        RowIssue(
                            number,
                            "",
                            "",
                            _("The file has more than %(max)s rows; split it into smaller files.")
                            % {"max": limit},
                        )
                    ]
                )
            sheet.rows.append((number, values))
    finally:
        workbook.close()
    if not sheet.rows:
        raise ImportFileError([RowIssue(None, "", "", _("The file has no data rows below the header."))])
    return sheet


def _sheet_for_header(header: tuple, *, columns: tuple[Column, ...], known_extra: tuple[str, ...]) -> Sheet:
    names = [header_key(v) for v in header]
    expected = {c.name for c in columns}
    index: dict[str, int] = {}
    issues: list[RowIssue] = []
    ignored: list[str] = []
    for position, name in enumerate(names):
        if not name:
            continue
        if name in index:
            issues.append(RowIssue(1, name, name, _("The column appears more than once.")))
        elif name in expected:
            index[name] = position
        elif name not in known_extra:
            ignored.append(cell_display(header[position]))
    if not any(names):
        raise ImportFileError(
            [RowIssue(1, "", "", _("The first row must hold the column names of the template."))]
        )
    for column in columns:
        if column.name not in index and column.required:
            issues.append(RowIssue(1, column.name, "", _("The column is missing.")))
    if issues:
        raise ImportFileError(issues)
    return Sheet(index=index, ignored_columns=ignored)
