"""Import jobs: an uploaded workbook kept with its result, run in the background.

Status moves pending → running → succeeded | rejected | failed, only through
``import_job_execute``; running a finished job again does nothing.
"""

import logging

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone, translation

from penata.accounts.models import Role
from penata.core.errors import InvalidTransition

from ..models import ImportJob, ImportKind, ImportStatus
from . import ensure_can_import, import_file
from .result import ImportResult, report_workbook

logger = logging.getLogger(__name__)

# Rows of errors and warnings kept on the job for the page; the report file has them all.
SHOWN_ISSUES = 500

TRANSITIONS = {
    ImportStatus.PENDING: {ImportStatus.RUNNING},
    ImportStatus.RUNNING: {ImportStatus.SUCCEEDED, ImportStatus.REJECTED, ImportStatus.FAILED},
}


def _transition(job: ImportJob, to: str) -> None:
    if to not in TRANSITIONS.get(job.status, set()):
        raise InvalidTransition()
    job.status = to


@transaction.atomic
def import_job_create(*, actor, kind: str, upload, dry_run: bool = False) -> ImportJob:
    """Keep the upload and queue its import after commit."""
    ensure_can_import(actor, kind)
    job = ImportJob(
        kind=ImportKind(kind),
        actor=actor if actor is not None and actor.is_authenticated else None,
        file_name=(getattr(upload, "name", "") or "")[:255],
        dry_run=dry_run,
        language=translation.get_language() or "id",
    )
    job.file.save(job.file_name or "import.xlsx", upload, save=False)
    job.save()

    from ..tasks import import_job_run

    transaction.on_commit(lambda: import_job_run.delay(job.pk))
    return job


def import_job_execute(*, job_id: int) -> ImportJob:
    """Run a pending job (the task calls this). Idempotent: a job that started is left alone."""
    with transaction.atomic():
        job = ImportJob.objects.select_for_update().get(pk=job_id)
        if job.status != ImportStatus.PENDING:
            return job
        _transition(job, ImportStatus.RUNNING)
        job.started_at = timezone.now()
        job.save(update_fields=["status", "started_at", "updated_at"])
    with translation.override(job.language):
        try:
            with job.file.open("rb") as handle:
                result = import_file(kind=job.kind, source=handle, actor=job.actor, dry_run=job.dry_run)
        except Exception as exc:
            logger.exception("import job %s failed", job.pk)
            _transition(job, ImportStatus.FAILED)
            job.failure = f"{type(exc).__name__}: {exc}"[:2000]
            job.finished_at = timezone.now()
            job.save()
            return job
        _store_result(job, result)
    return job


def _store_result(job: ImportJob, result: ImportResult) -> None:
    job.row_count = result.rows
    job.created_count = result.created
    job.updated_count = result.updated
    job.unchanged_count = result.unchanged
    job.units_created_count = result.units_created
    job.error_count = len(result.errors)
    job.errors = [issue.as_dict() for issue in result.errors[:SHOWN_ISSUES]]
    job.warnings = [issue.as_dict() for issue in result.warnings[:SHOWN_ISSUES]]
    job.ignored_columns = result.ignored_columns
    if result.errors:
        job.report.save(f"errors-{job.pk}.xlsx", ContentFile(report_workbook(result.errors)), save=False)
    _transition(job, ImportStatus.SUCCEEDED if result.ok else ImportStatus.REJECTED)
    job.finished_at = timezone.now()
    job.save()


def import_job_list_visible_to(*, user) -> QuerySet[ImportJob]:
    """A user's own jobs; a province administrator's view covers everyone's."""
    queryset = ImportJob.objects.select_related("actor")
    if user.is_superuser or user.role == Role.PROVINCE_ADMIN:
        return queryset
    return queryset.filter(actor=user)
