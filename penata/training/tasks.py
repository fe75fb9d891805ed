"""Background jobs of the training app."""

from celery import shared_task

from .models import Enrolment
from .services.enrolment_notices import enrolment_notice_send, enrolment_reminders_queue

# Registered for celery beat in ``config/celery.py`` (``beat_schedule``); the
# DatabaseScheduler copies that entry into its PeriodicTask table when beat starts.
ENROLMENT_EMAIL_TASK = "penata.training.tasks.enrolment_email_send"
ENROLMENT_REMINDERS_TASK = "penata.training.tasks.enrolment_reminders_send"


@shared_task(
    name=ENROLMENT_EMAIL_TASK,
    # No retry here: the email itself leaves through ``core.tasks.email_send``, which
    # retries a mail server that is down. A redelivered task finds the notice already
    # recorded and sends nothing.
    soft_time_limit=60,
    time_limit=90,
    acks_late=True,
    ignore_result=True,
)
def enrolment_email_send(enrolment_id: int, kind: str, event_id: int) -> str:
    """The email about one event of an enrolment (approval, seat, waiting list, ...)."""
    enrolment = Enrolment.objects.filter(pk=enrolment_id).first()
    if enrolment is None:
        return "missing"
    return enrolment_notice_send(enrolment=enrolment, kind=kind, event_id=event_id)


@shared_task(
    name=ENROLMENT_REMINDERS_TASK,
    # No retry: runs every hour during the day and each run picks up whatever an earlier
    # one left; a reminder already recorded is never sent again.
    soft_time_limit=240,
    time_limit=300,
    acks_late=True,
    ignore_result=True,
)
def enrolment_reminders_send() -> int:
    """Remind the confirmed participants of the sessions that start tomorrow."""
    return enrolment_reminders_queue()
