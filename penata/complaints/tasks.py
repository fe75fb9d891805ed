"""Background jobs of the complaints app."""

import dataclasses

from celery import shared_task

from .services import complaints_mark_overdue

# Registered for celery beat in ``config/celery.py`` (``beat_schedule``); the
# DatabaseScheduler copies that entry into its PeriodicTask table when beat starts.
OVERDUE_RUN_TASK = "penata.complaints.tasks.complaints_overdue_run"


@shared_task(
    name=OVERDUE_RUN_TASK,
    # No retry: nothing here talks to the outside world (emails are their own retried
    # tasks) and the next run 15 minutes later picks up whatever this one left. A run
    # stopped by the soft limit loses only its open batch; committed batches stay done.
    soft_time_limit=240,
    time_limit=300,
    acks_late=True,
    ignore_result=True,
)
def complaints_overdue_run() -> dict:
    """Overdue notices, escalations and closed response windows (see ``services/overdue.py``)."""
    return dataclasses.asdict(complaints_mark_overdue())
