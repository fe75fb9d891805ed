"""Background job of training needs: recompute the year's gap needs.

Registered for celery beat in ``config/celery.py`` (``beat_schedule``, nightly); the
training manager's "recompute now" button queues the same task for the current year.
"""

from celery import shared_task
from django.contrib.auth import get_user_model

from penata.organization.models import Agency

from .services.needs import current_year, training_needs_compute

NEEDS_RECOMPUTE_TASK = "penata.training.tasks_needs.training_needs_recompute"


@shared_task(
    name=NEEDS_RECOMPUTE_TASK,
    # No retry: nothing here talks to the outside world, and the computation replaces the
    # year's gap needs in one transaction, so a run stopped by the limit changes nothing
    # and the next one does the whole work. The province takes seconds (bench/).
    soft_time_limit=10 * 60,
    time_limit=12 * 60,
    acks_late=True,
    ignore_result=True,
)
def training_needs_recompute(
    year: int | None = None, agency_id: int | None = None, actor_id: int | None = None
) -> dict:
    """Recompute the gap needs of ``year`` (the current year by default) for one agency or
    the province; an agency deleted since the task was queued is skipped."""
    year = year or current_year()
    agency = None
    if agency_id is not None:
        agency = Agency.objects.filter(pk=agency_id).first()
        if agency is None:
            return {"status": "skipped", "reason": "no_agency", "agency": agency_id}
    actor = get_user_model().objects.filter(pk=actor_id).first() if actor_id is not None else None
    written = training_needs_compute(year=year, agency=agency, actor=actor)
    return {"status": "done", "year": year, "agency": agency_id, "needs": written}
