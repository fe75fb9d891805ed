"""What the standards and assessment importers share: reading the workbook and its rows,
the cells both files have, the all-or-nothing write, and the scope of an export.

Built on the workforce importer (``penata.workforce.imports``); competency depends on
workforce and never the other way round.
"""

from collections.abc import Callable
from typing import TypeVar

from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from penata.accounts.scoping import agency_with_descendants, filter_by_scope
from penata.workforce.imports.columns import Column
from penata.workforce.imports.reader import ImportFileError, Sheet, Source, sheet_read
from penata.workforce.imports.result import ImportResult, RowIssue
from penata.workforce.imports.rows import RowReader

from ..models import Competency

ITERATOR_CHUNK = 2000

Line = TypeVar("Line")


class _Rollback(Exception):
    pass


def sheet_of(
    result: ImportResult, *, source: Source, columns: tuple[Column, ...], export_extra: tuple[Column, ...]
) -> Sheet | None:
    """The workbook's sheet, its size and ignored columns noted on ``result``; None (with
    ``result.errors`` set) when the file cannot be read."""
    try:
        sheet = sheet_read(source, columns=columns, known_extra=tuple(c.name for c in export_extra))
    except ImportFileError as exc:
        result.errors = exc.issues
        return None
    result.rows = len(sheet.rows)
    result.ignored_columns = sheet.ignored_columns
    return sheet


def rows_read(
    sheet: Sheet, read_row: Callable[[RowReader], Line | None]
) -> tuple[list[RowIssue], list[Line]]:
    """Every row's problems, and the lines read from the rows without any."""
    errors: list[RowIssue] = []
    lines: list[Line] = []
    for number, values in sheet.rows:
        reader = RowReader(sheet, number, values)
        line = read_row(reader)
        errors.extend(reader.issues)
        if line is not None:
            lines.append(line)
    return errors, lines


def competency_cell(reader: RowReader, competencies: dict[str, Competency]) -> Competency | None:
    """The active competency named in ``competency_code`` (by upper-case code), else None."""
    code = reader.text("competency_code", required=True)
    competency = competencies.get(code.upper()) if code else None
    if code and competency is None:
        reader.error("competency_code", _("Unknown competency code."))
    elif competency is not None and not competency.is_active:
        reader.error("competency_code", _("The competency is no longer in use."))
        return None
    return competency


def level_cell(reader: RowReader, name: str) -> int | None:
    """A required level 1–5; out of range is an error on the row."""
    level = reader.integer(name, required=True)
    if level is not None and not 1 <= level <= 5:
        reader.error(name, _("A level is a whole number from 1 to 5."))
    return level


def all_or_nothing(apply: Callable[[], list[RowIssue]], *, dry_run: bool) -> list[RowIssue]:
    """Run ``apply`` in one transaction, rolled back when it reports problems or on a dry run."""
    apply_errors: list[RowIssue] = []
    try:
        with transaction.atomic():
            apply_errors = apply()
            if apply_errors or dry_run:
                raise _Rollback
    except _Rollback:
        pass
    return apply_errors


def export_scope(queryset: QuerySet, *, user, agency, agency_field: str) -> QuerySet:
    """Rows of the agencies ``user`` sees (all with None), narrowed to ``agency`` and its sub-agencies."""
    if user is not None:
        queryset = filter_by_scope(queryset, user=user, agency_field=agency_field)
    if agency is not None:
        queryset = queryset.filter(**{f"{agency_field}_id__in": agency_with_descendants(agency.pk)})
    return queryset
