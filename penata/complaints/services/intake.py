"""Filing a report: validation, tracking code, secret."""

import hashlib
import logging
from collections.abc import Sequence
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare, get_random_string
from django.utils.translation import gettext as _

from penata.core.errors import ApplicationError
from penata.core.events import event_record
from penata.core.uploads import stored_files_removed_on_error
from penata.organization.models import PublicService

from ..models import (
    DESCRIPTION_MAX_LENGTH,
    AttachmentKind,
    Channel,
    Complaint,
    ComplaintCategory,
    ComplaintKind,
    ComplaintStatus,
    Open311Client,
    Privacy,
    Step,
)
from ..tracking import tracking_code_generate
from . import common
from .attachments import attachments_check, attachments_store
from .common import LATE_FILING_DAYS, SECRET_ALPHABET, SECRET_LENGTH, TRACKING_CODE_ATTEMPTS, province_bounds

logger = logging.getLogger(__name__)


# --- intake -----------------------------------------------------------------------------


def _coordinate(value, field: str, errors: dict) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        number = Decimal(str(value).strip())
        if not number.is_finite() or abs(number) > 180:
            raise ValueError(value)
        return number.quantize(Decimal("0.000001"))
    except (InvalidOperation, ValueError):
        errors[field] = _("Enter a number.")
        return None


def _validate_intake(
    *,
    kind: str,
    category: ComplaintCategory | None,
    description: str,
    latitude,
    longitude,
    service_date: date | None,
    privacy: str,
    reporter_name: str,
    reporter_email: str,
    reporter_phone: str,
    today: date,
) -> tuple[Decimal | None, Decimal | None]:
    errors: dict[str, str] = {}
    if kind not in ComplaintKind.values:
        errors["kind"] = _("Choose a kind of report.")
    if category is None or not category.is_active:
        errors["category"] = _("Choose an active category.")
    if not description.strip():
        errors["description"] = _("Describe what happened.")
    elif len(description) > DESCRIPTION_MAX_LENGTH:
        errors["description"] = _("The description is at most %(max)s characters long.") % {
            "max": DESCRIPTION_MAX_LENGTH
        }
    lat = _coordinate(latitude, "latitude", errors)
    lon = _coordinate(longitude, "longitude", errors)
    if "latitude" not in errors and "longitude" not in errors:
        if (lat is None) != (lon is None):
            errors["latitude" if lat is None else "longitude"] = _(
                "Give both latitude and longitude, or neither."
            )
        elif lat is not None:
            bounds = province_bounds()
            if not (
                bounds["lat_min"] <= lat <= bounds["lat_max"]
                and bounds["lon_min"] <= lon <= bounds["lon_max"]
            ):
                errors["latitude"] = _("The location is outside the province.")
    if service_date is not None and service_date > today:
        errors["service_date"] = _("The date of the service cannot be in the future.")
    if privacy not in Privacy.values:
        errors["privacy"] = _("Choose a privacy setting.")
    elif privacy != Privacy.ANONYMOUS:
        if not reporter_name.strip():
            errors["reporter_name"] = _("Give your name, or report anonymously.")
        if not reporter_email.strip() and not reporter_phone.strip():
            errors["reporter_email"] = _("Give an email address or a phone number, or report anonymously.")
    if reporter_email.strip():
        try:
            validate_email(reporter_email.strip())
        except ValidationError:
            errors["reporter_email"] = _("Enter a valid email address.")
    if errors:
        raise ValidationError(errors)
    return lat, lon


def complaint_submit(
    *,
    actor=None,
    kind: str,
    category: ComplaintCategory | None,
    description: str,
    privacy: str = Privacy.PUBLIC,
    public_service: PublicService | None = None,
    latitude=None,
    longitude=None,
    kecamatan: str = "",
    kelurahan: str = "",
    address: str = "",
    service_date: date | None = None,
    reporter_name: str = "",
    reporter_email: str = "",
    reporter_phone: str = "",
    attachments: Sequence = (),
    channel: str = Channel.WEB,
    open311_client: Open311Client | None = None,
) -> tuple[Complaint, str | None]:
    """File a report. Returns it and, when one was made, the secret (shown once, only its hash kept).

    A secret is made for every report filed without an account and for every non-public
    report: it opens a non-public status page and lets the reporter supplement, accept or
    reopen. ``actor`` is the signed-in reporter, if any.
    """
    reporter = actor if actor is not None and actor.is_authenticated else None
    if reporter is not None and privacy != Privacy.ANONYMOUS:
        reporter_name = reporter_name or reporter.full_name
        reporter_email = reporter_email or reporter.email
        reporter_phone = reporter_phone or reporter.phone
    now = common.now()
    today = timezone.localdate(now)
    lat, lon = _validate_intake(
        kind=kind,
        category=category,
        description=description,
        latitude=latitude,
        longitude=longitude,
        service_date=service_date,
        privacy=privacy,
        reporter_name=reporter_name,
        reporter_email=reporter_email,
        reporter_phone=reporter_phone,
        today=today,
    )
    checked = attachments_check(attachments)
    secret = None
    if reporter is None or privacy != Privacy.PUBLIC:
        secret = get_random_string(SECRET_LENGTH, SECRET_ALPHABET)
    complaint = Complaint(
        kind=kind,
        category=category,
        public_service=public_service,
        description=description,
        latitude=lat,
        longitude=lon,
        kecamatan=kecamatan.strip(),
        kelurahan=kelurahan.strip(),
        address=address.strip(),
        service_date=service_date,
        is_late_filing=service_date is not None and (today - service_date) > timedelta(days=LATE_FILING_DAYS),
        privacy=privacy,
        reporter=reporter,
        reporter_name=reporter_name.strip(),
        reporter_email=reporter_email.strip(),
        reporter_phone=reporter_phone.strip(),
        status=ComplaintStatus.SUBMITTED,
        submitted_at=now,
        secret_hash=secret_hash_make(secret) if secret else "",
        channel=channel,
        open311_client=open311_client,
    )
    common.step_start(complaint, Step.VERIFICATION, now)
    for attempt in range(TRACKING_CODE_ATTEMPTS):
        complaint.tracking_code = tracking_code_generate()
        try:
            with stored_files_removed_on_error() as written, transaction.atomic():
                _record(complaint, reporter=reporter, files=checked, written=written)
            return complaint, secret
        except IntegrityError:
            # On the rare collision of a fresh code the whole transaction (a savepoint when
            # the caller has one open) is undone and redone with a new code: cheaper than a
            # savepoint around every insert. The insert comes first, so no file was written.
            complaint.pk = None
            if not Complaint.objects.filter(tracking_code=complaint.tracking_code).exists():
                raise
            logger.info("Tracking code collision (attempt %s); drawing again.", attempt + 1)
    raise ApplicationError(_("No free tracking code was found; please try again."), code="tracking_code_busy")


def _record(complaint: Complaint, *, reporter, files: Sequence, written: list) -> None:
    """Insert the report (with the code it was given), its event and files, and queue the notice."""
    complaint.save(force_insert=True)
    event_record(
        subject=complaint,
        action="complaint.submitted",
        actor=reporter,
        to_state={
            "status": complaint.status,
            "tracking_code": complaint.tracking_code,
            "channel": complaint.channel,
        },
    )
    attachments_store(
        complaint=complaint, files=files, kind=AttachmentKind.REPORT, actor=reporter, written=written
    )
    common.notify_reporter(complaint, just_filed=True)


# The secret is 20 characters drawn at random from 30 (about 98 bits): no one can try
# enough guesses for a salted, slow password hash to add anything, so a plain SHA-256
# keeps the status page and the submissions fast (a PBKDF2 hash costs ~0.3 s of CPU each).
SECRET_HASH_PREFIX = "sha256$"  # noqa: S105 - a format prefix, not a secret


def secret_hash_make(secret: str) -> str:
    return SECRET_HASH_PREFIX + hashlib.sha256(secret.encode()).hexdigest()


def complaint_secret_matches(*, complaint: Complaint, secret: str) -> bool:
    if not complaint.secret_hash or not secret:
        return False
    candidate = secret_hash_make(secret.strip().upper())
    return constant_time_compare(candidate, complaint.secret_hash)
