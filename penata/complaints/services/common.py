"""Shared by the complaint services: constants, the clock, step deadlines, reporter notices."""

import logging
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from penata.accounts.models import Role
from penata.core.calendar import deadline_at
from penata.core.tasks import email_send

from ..models import (
    STEP_WORKING_DAYS,
    Complaint,
    ComplaintStatus,
)
from .following import follow_token_make

logger = logging.getLogger(__name__)

CATEGORIES_CSV = Path(__file__).resolve().parent.parent / "data" / "complaint_categories.csv"
# Approximate bounding box of Maluku Utara (Morotai in the north to the Sula islands in the
# south, Taliabu in the west to Gebe in the east), with a margin: it keeps out obvious
# mistakes (a pin in Jakarta, swapped coordinates), not every point in the sea nearby.
DEFAULT_PROVINCE_BOUNDS = {"lat_min": -2.6, "lat_max": 3.0, "lon_min": 124.0, "lon_max": 129.9}
# UU 25/2009 Pasal 42: complaints are filed within 30 days of the service.
LATE_FILING_DAYS = 30
TRACKING_CODE_ATTEMPTS = 5
SECRET_LENGTH = 20
SECRET_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"  # noqa: S105 - an alphabet, not a secret

VERIFIER_ROLES = frozenset({Role.COMPLAINT_VERIFIER, Role.PROVINCE_ADMIN})
AGENCY_STAFF_ROLES = frozenset({Role.COMPLAINT_OFFICER, Role.AGENCY_ADMIN})


def now() -> datetime:
    return timezone.now()


def province_bounds() -> dict[str, float]:
    return {**DEFAULT_PROVINCE_BOUNDS, **getattr(settings, "PENATA_PROVINCE_BOUNDS", {})}


def step_start(complaint: Complaint, step: str | None, now: datetime) -> None:
    if step is None:
        complaint.step, complaint.step_started_at, complaint.step_due_at = "", None, None
    else:
        complaint.step = step
        complaint.step_started_at = now
        complaint.step_due_at = deadline_at(now, STEP_WORKING_DAYS[step])
    complaint.overdue_notified_at = None
    complaint.escalation_due_at = None
    complaint.escalated_at = None


def site_url(path: str) -> str:
    """An absolute link for an email (there is no request to take the host from)."""
    return settings.PENATA_SITE_URL.rstrip("/") + path


def notify_reporter(complaint: Complaint, *, just_filed: bool = False) -> None:
    """Status email to the reporter and, separately, to everyone following the report
    (each follower's email carries their own link to stop following), after commit.

    ``just_filed``: the report was created in this transaction, so nobody can follow it
    yet and the followers are not looked up."""
    values = {
        "code": complaint.tracking_code,
        "status": ComplaintStatus(complaint.status).label,
        "url": site_url(reverse("complaints:status", kwargs={"code": complaint.tracking_code})),
    }
    messages: list[tuple[str, str, str]] = []
    if complaint.reporter_email:
        subject = _("Your report %(code)s: %(status)s") % values
        body = (
            _(
                "The status of your report %(code)s is now: %(status)s.\n\n"
                "Follow it on the status page with your tracking code:\n%(url)s"
            )
            % values
        )
        messages.append((complaint.reporter_email, subject, body))
    if complaint.pk is not None and not just_filed:
        for email in complaint.followers.values_list("email", flat=True):
            if email == complaint.reporter_email:
                continue
            stop = site_url(
                reverse(
                    "complaints:follow_confirm",
                    kwargs={
                        "code": complaint.tracking_code,
                        "token": follow_token_make(complaint=complaint, email=email),
                    },
                )
            )
            subject = _("Report %(code)s that you follow: %(status)s") % values
            body = _(
                "The status of report %(code)s, which you follow, is now: %(status)s.\n\n"
                "See it here:\n%(url)s\n\nTo stop following it, open:\n%(stop)s"
            ) % {**values, "stop": stop}
            messages.append((email, subject, body))
    # One email each: followers never see each other's addresses.
    for address, subject, body in messages:
        transaction.on_commit(
            lambda address=address, subject=subject, body=body: email_send.delay(
                to=[address], subject=subject, body=body
            ),
            robust=True,
        )
