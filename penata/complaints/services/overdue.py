"""The periodic deadline run: overdue notices, escalation to the province, closing the
reporter's response window (issue 6, "Lifecycle and deadlines").

For every open step past its deadline (``step_due_at``), once per step:

1. overdue: an event ``complaint.overdue``, an email to those who hold the step (the
   complaint verifiers for verification; the assigned officer and the agency
   administrators for the agency's follow-up), ``overdue_notified_at`` set and the second
   deadline stored in ``escalation_due_at`` (``PENATA_COMPLAINT_ESCALATION_WORKING_DAYS``
   working days after ``step_due_at``, default 2);
2. escalation, once that second deadline has passed too: an event ``complaint.escalated``,
   an email to the province administrators and the complaint verifiers, ``escalated_at``.

Starting a step (``common.step_start``) clears the three markers, so a dispatch, referral,
supplement or reopening gives the new step its own notice and escalation. An answered
report whose reporter did not respond in time is closed as finished through
``complaint_close_response_window``.

Safe to run often and from several workers at once: rows are taken in small batches with
``SELECT ... FOR UPDATE SKIP LOCKED`` (PostgreSQL; SQLite has one writer anyway), each
batch commits on its own, emails leave after the commit, and a marker set in the batch
keeps the row out of every later query. A run handles at most ``limit`` rows per kind; the
rest wait for the next run (``OverdueResult.more``).
"""

import logging
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from penata.accounts.models import Role
from penata.core.calendar import deadline_at, work_calendar
from penata.core.errors import InvalidTransition
from penata.core.events import event_record
from penata.core.tasks import email_send
from penata.core.workdays import OutsideCalendar

from ..models import Complaint, ComplaintStatus, Step
from . import common
from .transitions import complaint_close_response_window

logger = logging.getLogger(__name__)

DEFAULT_ESCALATION_WORKING_DAYS = 2
BATCH_SIZE = 200
RUN_LIMIT = 1000


@dataclass(frozen=True)
class OverdueResult:
    overdue: int = 0
    escalated: int = 0
    closed: int = 0
    # True when a kind reached ``limit``: more rows may be waiting for the next run.
    more: bool = False


def escalation_working_days() -> int:
    return int(getattr(settings, "PENATA_COMPLAINT_ESCALATION_WORKING_DAYS", DEFAULT_ESCALATION_WORKING_DAYS))


def _staff_step_filter() -> Q:
    return Q(step=Step.VERIFICATION, status=ComplaintStatus.SUBMITTED) | Q(
        step=Step.FOLLOW_UP, status=ComplaintStatus.DISPATCHED
    )


def _locked_batch(queryset, size: int) -> list[Complaint]:
    # ``of=("self",)`` keeps the lock on the report rows only; no joins are selected anyway.
    return list(
        queryset.select_for_update(skip_locked=True, of=("self",)).order_by("step_due_at", "pk")[:size]
    )


def _emails(users: Iterable) -> list[str]:
    return sorted({user.email for user in users if user.email})


def _active_staff():
    return get_user_model().objects.filter(is_active=True).exclude(email="")


def _send_after_commit(*, to: list[str], subject: str, body: str) -> None:
    if not to:
        return
    transaction.on_commit(lambda: email_send.delay(to=to, subject=subject, body=body), robust=True)


def _deadlines_state(complaint: Complaint) -> dict:
    return {
        "step": complaint.step,
        "step_due_at": timezone.localtime(complaint.step_due_at).isoformat(),
        "escalation_due_at": timezone.localtime(complaint.escalation_due_at).isoformat(),
    }


def _due_text(complaint: Complaint) -> str:
    return formats.date_format(timezone.localtime(complaint.step_due_at), "DATETIME_FORMAT")


def _escalation_deadlines(complaints: list[Complaint], days: int) -> dict[int, datetime]:
    """``days`` working days after each ``step_due_at``, from one calendar for the batch."""
    tz = timezone.get_default_timezone()
    years = [timezone.localtime(c.step_due_at, tz).year for c in complaints]
    calendar = work_calendar(range(min(years), max(years) + 2))
    result = {}
    for complaint in complaints:
        try:
            result[complaint.pk] = calendar.deadline_at(complaint.step_due_at, days, tz)
        except OutsideCalendar:
            result[complaint.pk] = deadline_at(complaint.step_due_at, days)
    return result


def _overdue_batch(now: datetime, size: int, verifier_emails: list[str]) -> tuple[int, int]:
    with transaction.atomic():
        complaints = _locked_batch(
            Complaint.objects.filter(
                _staff_step_filter(), step_due_at__lt=now, overdue_notified_at__isnull=True
            ),
            size,
        )
        if not complaints:
            return 0, 0
        escalation_due = _escalation_deadlines(complaints, escalation_working_days())
        agency_ids = {c.agency_id for c in complaints if c.step == Step.FOLLOW_UP and c.agency_id}
        officer_ids = {c.assigned_to_id for c in complaints if c.step == Step.FOLLOW_UP and c.assigned_to_id}
        admins_by_agency: dict[int, list] = defaultdict(list)
        for user in _active_staff().filter(role=Role.AGENCY_ADMIN, agency_id__in=agency_ids):
            admins_by_agency[user.agency_id].append(user)
        officers = {user.pk: user for user in _active_staff().filter(pk__in=officer_ids)}
        for complaint in complaints:
            # bulk_update skips auto_now: the row's own change time is set here.
            complaint.overdue_notified_at = complaint.updated_at = now
            complaint.escalation_due_at = escalation_due[complaint.pk]
            event_record(
                subject=complaint,
                action="complaint.overdue",
                actor=None,
                to_state=_deadlines_state(complaint),
            )
            if complaint.step == Step.VERIFICATION:
                to = verifier_emails
            else:
                holders = list(admins_by_agency.get(complaint.agency_id, []))
                if complaint.assigned_to_id in officers:
                    holders.append(officers[complaint.assigned_to_id])
                to = _emails(holders)
            values = {
                "code": complaint.tracking_code,
                "step": Step(complaint.step).label,
                "due": _due_text(complaint),
            }
            _send_after_commit(
                to=to,
                subject=_("Report %(code)s is overdue") % values,
                body=_(
                    "The step “%(step)s” of report %(code)s was due on %(due)s and is not done yet.\n\n"
                    "Please handle the report as soon as possible: without action it is escalated "
                    "to the province."
                )
                % values,
            )
        Complaint.objects.bulk_update(complaints, ["overdue_notified_at", "escalation_due_at", "updated_at"])
        return len(complaints), len(complaints)


def _escalation_batch(now: datetime, size: int, province_emails: list[str]) -> tuple[int, int]:
    with transaction.atomic():
        complaints = _locked_batch(
            Complaint.objects.filter(
                _staff_step_filter(),
                overdue_notified_at__isnull=False,
                escalation_due_at__lt=now,
                escalated_at__isnull=True,
            ),
            size,
        )
        if not complaints:
            return 0, 0
        for complaint in complaints:
            complaint.escalated_at = complaint.updated_at = now
            event_record(
                subject=complaint,
                action="complaint.escalated",
                actor=None,
                to_state=_deadlines_state(complaint),
            )
            values = {
                "code": complaint.tracking_code,
                "step": Step(complaint.step).label,
                "due": _due_text(complaint),
            }
            _send_after_commit(
                to=province_emails,
                subject=_("Report %(code)s is escalated to the province") % values,
                body=_(
                    "The step “%(step)s” of report %(code)s was due on %(due)s and is still not done "
                    "after the second deadline. The report is escalated to the province for follow-up."
                )
                % values,
            )
        Complaint.objects.bulk_update(complaints, ["escalated_at", "updated_at"])
        return len(complaints), len(complaints)


def _close_batch(now: datetime, size: int, failed: set[int]) -> tuple[int, int]:
    closed = 0
    with transaction.atomic():
        complaints = _locked_batch(
            Complaint.objects.filter(
                status=ComplaintStatus.ANSWERED, step=Step.RESPONSE, step_due_at__lt=now
            ).exclude(pk__in=failed),
            size,
        )
        if not complaints:
            return 0, 0
        for complaint in complaints:
            try:
                # A savepoint per report (the service is atomic): a refusal rolls back that
                # report only, and it is not retried in this run.
                complaint_close_response_window(complaint=complaint, actor=None)
            except InvalidTransition:
                logger.warning(
                    "Report %s: response window not closed.", complaint.tracking_code, exc_info=True
                )
                failed.add(complaint.pk)
            else:
                closed += 1
    return len(complaints), closed


def _run(batch, limit: int, size: int) -> tuple[int, bool]:
    """Call ``batch(size)`` → (rows taken, rows done) until no row is left or ``limit`` rows were taken."""
    taken = done = 0
    while taken < limit:
        rows, count = batch(min(size, limit - taken))
        if rows == 0:
            return done, False
        taken += rows
        done += count
    return done, True


def complaints_mark_overdue(
    *, now: datetime | None = None, limit: int = RUN_LIMIT, batch_size: int = BATCH_SIZE
) -> OverdueResult:
    """Notify overdue steps, escalate the long-overdue ones, close passed response windows."""
    now = now or common.now()
    verifier_emails = _emails(_active_staff().filter(role=Role.COMPLAINT_VERIFIER))
    province_emails = _emails(_active_staff().filter(role__in=[Role.PROVINCE_ADMIN, Role.COMPLAINT_VERIFIER]))
    overdue, more_overdue = _run(lambda size: _overdue_batch(now, size, verifier_emails), limit, batch_size)
    escalated, more_escalated = _run(
        lambda size: _escalation_batch(now, size, province_emails), limit, batch_size
    )
    failed: set[int] = set()
    closed, more_closed = _run(lambda size: _close_batch(now, size, failed), limit, batch_size)
    result = OverdueResult(
        overdue=overdue,
        escalated=escalated,
        closed=closed,
        more=more_overdue or more_escalated or more_closed,
    )
    if overdue or escalated or closed:
        logger.info(
            "Complaint deadlines: %s overdue, %s escalated, %s closed%s.",
            overdue,
            escalated,
            closed,
            " (more waiting)" if result.more else "",
        )
    return result
