"""Excel import of positions and employees: all or nothing per file, with a per-row report.

Public surface: ``import_file`` (and the two importers behind it), ``file_problem`` for a
quick check of an upload, the column layout in ``columns``, and the job services in
``jobs`` that run an uploaded file in the background.
"""

from ..models import ImportKind
from .employees import employees_import
from .positions import positions_import
from .reader import ImportFileError, Source, file_problem
from .result import ImportResult, RowIssue, report_workbook
from .rows import IMPORT_ROLES, can_import, ensure_can_import

IMPORTERS = {ImportKind.POSITIONS: positions_import, ImportKind.EMPLOYEES: employees_import}


def import_file(*, kind: str, source: Source, actor=None, dry_run: bool = False) -> ImportResult:
    """Import one workbook of ``kind``; ``actor`` None is the system (no scope limit)."""
    return IMPORTERS[ImportKind(kind)](source=source, actor=actor, dry_run=dry_run)


__all__ = [
    "IMPORT_ROLES",
    "ImportFileError",
    "ImportResult",
    "RowIssue",
    "can_import",
    "employees_import",
    "ensure_can_import",
    "file_problem",
    "import_file",
    "positions_import",
    "report_workbook",
]
