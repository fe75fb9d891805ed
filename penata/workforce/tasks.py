"""Background jobs of the workforce app."""

from celery import shared_task


@shared_task(
    name="penata.workforce.tasks.import_job_run",
    # A 60,000-row file takes a few minutes; the limits stop a stuck worker, not a big file.
    soft_time_limit=20 * 60,
    time_limit=22 * 60,
    acks_late=True,
)
def import_job_run(job_id: int) -> str:
    """Run one uploaded import; idempotent (a job that already started is left alone)."""
    from .imports.jobs import import_job_execute

    return import_job_execute(job_id=job_id).status
