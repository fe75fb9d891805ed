"""Excel import: all or nothing per file, with a per-row report.

Public surface: ``import_file`` (and the importers behind it), ``file_problem`` for a quick
check of an upload, the column layout in ``columns``, and the job services in ``jobs`` that
run an uploaded file in the background.

Positions and employees are imported here. Apps that depend on workforce (competency)
register their own kinds with ``importer_register`` from their ``AppConfig.ready()``, so
workforce never imports them; the jobs, pages, templates and exports then handle those
kinds like the built-in ones.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from penata.core.errors import PermissionDenied

from ..models import ImportKind
from .columns import COLUMNS, EXPORT_EXTRA, Column
from .employees import employees_import
from .positions import positions_import
from .reader import ImportFileError, Source, file_problem
from .result import ImportResult, RowIssue, report_workbook
from .rows import IMPORT_ROLES

# (source=..., actor=..., dry_run=...) → ImportResult; checks the actor's right itself.
ImportFunction = Callable[..., ImportResult]


@dataclass(frozen=True)
class Importer:
    kind: str
    run: ImportFunction
    # The template's columns, in order; also the first columns of the export.
    columns: tuple[Column, ...]
    # Roles allowed to import this kind (superusers and the system always may).
    roles: frozenset[str] = IMPORT_ROLES
    # Written by the export after the columns and ignored by the import.
    export_extra: tuple[Column, ...] = ()


_IMPORTERS: dict[str, Importer] = {}


def importer_register(
    kind: str,
    fn: ImportFunction,
    *,
    columns: tuple[Column, ...],
    roles: frozenset[str] = IMPORT_ROLES,
    export_extra: tuple[Column, ...] = (),
) -> Importer:
    """Make ``kind`` (an ``ImportKind`` value) importable; registering again replaces it."""
    importer = Importer(
        kind=ImportKind(kind).value,
        run=fn,
        columns=tuple(columns),
        roles=frozenset(roles),
        export_extra=tuple(export_extra),
    )
    _IMPORTERS[importer.kind] = importer
    return importer


def importer_for(kind: str) -> Importer:
    """The registered importer of ``kind``; ``KeyError`` for a kind nobody registered."""
    return _IMPORTERS[str(kind)]


def import_kinds() -> list[tuple[str, str]]:
    """(value, label) of every registered kind, in the order of ``ImportKind``."""
    return [(value, label) for value, label in ImportKind.choices if value in _IMPORTERS]


def can_import(user, kind: str | None = None) -> bool:
    """May ``user`` import ``kind`` (None: at least one kind)? ``user`` None is the system."""
    if user is None:
        return True
    if not (user.is_authenticated and user.is_active):
        return False
    if kind is not None and str(kind) not in _IMPORTERS:
        return False
    if user.is_superuser:
        return True
    kinds = [str(kind)] if kind is not None else list(_IMPORTERS)
    return any(user.role in _IMPORTERS[k].roles for k in kinds)


def importable_kinds(user) -> list[tuple[str, str]]:
    return [(value, label) for value, label in import_kinds() if can_import(user, value)]


def ensure_can_import(user, kind: str | None = None) -> None:
    if not can_import(user, kind):
        raise PermissionDenied(_("You may not import this kind of data."))


def import_file(*, kind: str, source: Source, actor=None, dry_run: bool = False) -> ImportResult:
    """Import one workbook of ``kind``; ``actor`` None is the system (no scope limit)."""
    return importer_for(kind).run(source=source, actor=actor, dry_run=dry_run)


importer_register(
    ImportKind.POSITIONS,
    positions_import,
    columns=COLUMNS[ImportKind.POSITIONS],
    export_extra=EXPORT_EXTRA[ImportKind.POSITIONS],
)
importer_register(
    ImportKind.EMPLOYEES,
    employees_import,
    columns=COLUMNS[ImportKind.EMPLOYEES],
    export_extra=EXPORT_EXTRA[ImportKind.EMPLOYEES],
)

__all__ = [
    "IMPORT_ROLES",
    "ImportFileError",
    "ImportResult",
    "Importer",
    "RowIssue",
    "can_import",
    "employees_import",
    "ensure_can_import",
    "file_problem",
    "import_file",
    "import_kinds",
    "importable_kinds",
    "importer_for",
    "importer_register",
    "positions_import",
    "report_workbook",
]
