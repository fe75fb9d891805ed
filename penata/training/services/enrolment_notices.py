"""Emails about enrolments: the notice for each event (approval, seat, waiting list,
cancellation) and the reminder the day before a session starts.

Both are idempotent through events: a reminder is the event ``training.enrolment.remind``
noted with the start date, a sent notice the event ``training.enrolment.notice`` noted
``<kind>:<event id>``; a second run or a redelivered task finds them and sends nothing.
"""

from datetime import date, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy

from penata.core.events import event_record
from penata.core.models import AuditEvent
from penata.workforce.models import Employee

from ..models import Enrolment, EnrolmentStatus, SessionDay, TrainingSession
from .enrolment import NOTICE_ACTION, REMIND_ACTION, RUNNING_SESSION_STATUSES, _lock_session, _notify


def enrolment_reminders_queue(*, today: date | None = None) -> int:
    """Remind the confirmed participants of sessions starting tomorrow, once each: the
    reminder is an event (``training.enrolment.remind`` noted with the start date), so a
    second run the same day, or a run on another worker, sends nothing again.
    Returns how many reminders were queued."""
    today = today or timezone.localdate()
    starts_on = today + timedelta(days=1)
    session_ids = list(
        TrainingSession.objects.filter(start_date=starts_on, status__in=RUNNING_SESSION_STATUSES)
        .order_by("id")
        .values_list("pk", flat=True)
    )
    queued = 0
    for session_id in session_ids:
        # One transaction per session: a run stopped half-way keeps the sessions done.
        with transaction.atomic():
            _lock_session(session_id)
            enrolments = list(
                Enrolment.objects.filter(session_id=session_id, status=EnrolmentStatus.CONFIRMED).order_by(
                    "id"
                )
            )
            reminded = set(
                AuditEvent.objects.filter(
                    subject_type=Enrolment._meta.label_lower,
                    subject_id__in=[str(e.pk) for e in enrolments],
                    action=REMIND_ACTION,
                    note=starts_on.isoformat(),
                ).values_list("subject_id", flat=True)
            )
            for enrolment in enrolments:
                if str(enrolment.pk) in reminded:
                    continue
                event = event_record(
                    subject=enrolment,
                    action=REMIND_ACTION,
                    actor=None,
                    to_state={"status": enrolment.status, "starts_on": starts_on.isoformat()},
                    note=starts_on.isoformat(),
                )
                _notify(enrolment, "reminder", event)
                queued += 1
    return queued


NOTICE_SUBJECTS = {
    "nominated": gettext_lazy("You are nominated for %(program)s (%(code)s)"),
    "approved": gettext_lazy("Your request for %(program)s (%(code)s) is approved"),
    "rejected": gettext_lazy("Your request for %(program)s (%(code)s) is not approved"),
    "confirmed": gettext_lazy("Your seat in %(program)s (%(code)s) is confirmed"),
    "waitlisted": gettext_lazy("You are on the waiting list of %(program)s (%(code)s)"),
    "promoted": gettext_lazy("A seat in %(program)s (%(code)s) is yours"),
    "cancelled": gettext_lazy("Session %(code)s of %(program)s is cancelled"),
    "reminder": gettext_lazy("Reminder: %(program)s (%(code)s) starts tomorrow"),
}


def _site_url(path: str) -> str:
    """An absolute link for an email (there is no request to take the host from)."""
    return settings.PENATA_SITE_URL.rstrip("/") + path


def _recipient(employee: Employee) -> str:
    if employee.email:
        return employee.email
    user = getattr(employee, "user", None)
    return user.email if user is not None and user.is_active else ""


def _waitlist_position(enrolment: Enrolment) -> int | None:
    if enrolment.status != EnrolmentStatus.WAITLISTED or enrolment.waitlisted_at is None:
        return None
    ahead = Enrolment.objects.filter(
        Q(waitlisted_at__lt=enrolment.waitlisted_at)
        | Q(waitlisted_at=enrolment.waitlisted_at, id__lt=enrolment.pk),
        session_id=enrolment.session_id,
        status=EnrolmentStatus.WAITLISTED,
    ).count()
    return ahead + 1


def enrolment_notice_send(*, enrolment: Enrolment, kind: str, event_id: int) -> str:
    """Email the employee about one event of their enrolment, once.

    Skipped when the enrolment has moved on since (a confirmation already withdrawn, a
    reminder for a seat given up), and when this notice was already sent (the sent notice
    is itself an event, ``training.enrolment.notice`` noted ``<kind>:<event id>``).
    Returns what happened: ``sent``, ``already_sent``, ``stale`` or ``no_address``.
    """
    if kind not in NOTICE_SUBJECTS:
        raise ValueError(f"Unknown enrolment notice {kind!r}")
    marker = f"{kind}:{event_id}"
    with transaction.atomic():
        # The row lock keeps a redelivered task from sending the same notice twice.
        enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
        if AuditEvent.objects.filter(
            subject_type=Enrolment._meta.label_lower,
            subject_id=str(enrolment.pk),
            action=NOTICE_ACTION,
            note=marker,
        ).exists():
            return "already_sent"
        event = AuditEvent.objects.filter(pk=event_id).first()
        expected = (event.to_state or {}).get("status") if event is not None else None
        if expected != enrolment.status:
            return "stale"
        address = _recipient(Employee.objects.select_related("user").get(pk=enrolment.employee_id))
        if not address:
            return "no_address"
        enrolment.employee = Employee.objects.get(pk=enrolment.employee_id)
        session = TrainingSession.objects.select_related("program").get(pk=enrolment.session_id)
        enrolment.session = session
        program = session.program
        context = {
            "enrolment": enrolment,
            "employee": enrolment.employee,
            "session": session,
            "program": program,
            "days": list(SessionDay.objects.filter(session=session).order_by("date")),
            "waitlist_position": _waitlist_position(enrolment) if kind == "waitlisted" else None,
            "reason": event.note if event is not None else "",
            "my_url": _site_url(reverse("training:my-enrolments")),
        }
        with translation.override(settings.LANGUAGE_CODE):
            subject = str(NOTICE_SUBJECTS[kind]) % {"program": program.title, "code": session.code}
            body = render_to_string(f"training/emails/{kind}.txt", context)
        event_record(
            subject=enrolment,
            action=NOTICE_ACTION,
            actor=None,
            to_state={"kind": kind, "event": event_id},
            note=marker,
        )
        from penata.core.tasks import email_send

        transaction.on_commit(lambda: email_send.delay(to=[address], subject=subject, body=body), robust=True)
    return "sent"
