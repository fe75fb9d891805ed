"""Background jobs of the complaints app."""

import dataclasses
import logging

from celery import shared_task

from .models import RoutingModelStatus, RoutingModelVersion
from .services import complaints_mark_overdue
from .services.routing import (
    RoutingTrainingRefused,
    routing_model_retrain_due,
    routing_model_running,
    routing_model_train,
)

logger = logging.getLogger(__name__)

# Registered for celery beat in ``config/celery.py`` (``beat_schedule``); the
# DatabaseScheduler copies that entry into its PeriodicTask table when beat starts.
OVERDUE_RUN_TASK = "penata.complaints.tasks.complaints_overdue_run"
ROUTING_RETRAIN_TASK = "penata.complaints.tasks.routing_model_retrain"


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


@shared_task(
    name=ROUTING_RETRAIN_TASK,
    # No retry: a failed training is recorded on its version and the next night tries
    # again. The soft limit fails the version cleanly (the exception is caught by the
    # service); 50,000 reports train in a few minutes on 2 cores.
    soft_time_limit=20 * 60,
    time_limit=25 * 60,
    acks_late=True,
    ignore_result=True,
)
def routing_model_retrain(version_id: int | None = None, force: bool = False) -> dict:
    """Train the routing model.

    With ``version_id`` (Retrain now): train that version if it is still waiting; a
    redelivered task for a finished version does nothing. Without (nightly): train only
    when something changed since the newest ready model (or ``force``) and no other
    training is running; too little data is skipped, not an error.
    """
    if version_id is not None:
        version = RoutingModelVersion.objects.select_related("requested_by").filter(pk=version_id).first()
        if version is None or version.status != RoutingModelStatus.TRAINING:
            return {"status": "skipped", "reason": "not_waiting", "version": version_id}
        version = routing_model_train(version=version, actor=version.requested_by)
        return {"status": version.status, "version": version.pk}
    if routing_model_running() is not None:
        return {"status": "skipped", "reason": "running"}
    if not force and not routing_model_retrain_due():
        return {"status": "skipped", "reason": "unchanged"}
    try:
        version = routing_model_train()
    except RoutingTrainingRefused as refused:
        logger.info("Routing model not retrained: %s", refused.message)
        return {"status": "skipped", "reason": refused.code}
    return {"status": version.status, "version": version.pk}
