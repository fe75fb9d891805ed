"""Following someone else's public report by email (instead of filing a duplicate).

Anyone may ask to follow a published report, so an address is added only after its owner
opens the link in a confirmation email (double opt-in): nobody can subscribe a stranger to
status emails. The same signed link lets the follower stop following later. Followers get
the reporter's status emails (``common.notify_reporter``)."""

from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from penata.core.errors import ApplicationError
from penata.core.events import event_record
from penata.core.tasks import email_send

from ..models import Complaint, ComplaintFollower, Privacy
from ..selectors import PUBLISHED_STATUSES

# Status emails go out one by one (followers never see each other's addresses): a cap
# keeps one popular report from turning each status change into a mail storm.
FOLLOWERS_MAX = 500
FOLLOW_CONFIRM_MAX_AGE = 3 * 24 * 60 * 60  # seconds a confirmation link stays valid
_TOKEN_SALT = "penata.complaints.follow"  # noqa: S105 - a signing salt, not a secret


def follow_email_normalize(email: str) -> str:
    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError({"email": _("Enter a valid email address.")}) from None
    return email


def follow_token_make(*, complaint: Complaint, email: str) -> str:
    return signing.dumps({"code": complaint.tracking_code, "email": email}, salt=_TOKEN_SALT, compress=True)


def follow_token_read(*, token: str, max_age: int | None = FOLLOW_CONFIRM_MAX_AGE) -> tuple[str, str]:
    """(tracking code, email) of a link from a confirmation email; ``ValidationError`` when
    the link was altered or (with ``max_age``) is too old."""
    try:
        data = signing.loads(token, salt=_TOKEN_SALT, max_age=max_age)
    except signing.SignatureExpired:
        raise ValidationError(_("This link has expired: ask to follow the report again.")) from None
    except signing.BadSignature:
        raise ValidationError(_("This link is not valid.")) from None
    return data["code"], data["email"]


def _require_followable(complaint: Complaint) -> None:
    if complaint.status not in PUBLISHED_STATUSES or complaint.privacy == Privacy.CONFIDENTIAL:
        raise ApplicationError(_("Only a public report can be followed."), code="not_public")
    if complaint.is_closed:
        raise ApplicationError(_("This report is closed: there will be no more updates."), code="closed")


def complaint_follow_request(*, complaint: Complaint, email: str, confirm_url: str) -> str:
    """Email ``confirm_url`` (made from ``follow_token_make``) to the address, after commit.
    Writes nothing; returns the normalised address."""
    email = follow_email_normalize(email)
    _require_followable(complaint)
    already = ComplaintFollower.objects.filter(complaint=complaint, email=email).exists()
    if not already and ComplaintFollower.objects.filter(complaint=complaint).count() >= FOLLOWERS_MAX:
        raise ApplicationError(_("This report has as many followers as it can have."), code="followers_full")
    values = {"code": complaint.tracking_code, "url": confirm_url}
    subject = _("Follow report %(code)s") % values
    body = (
        _(
            "Someone (hopefully you) asked to receive the status emails of report %(code)s at this "
            "address.\n\nTo follow it, open this link within 3 days and confirm:\n%(url)s\n\n"
            "The same link lets you stop following later. If you did not ask for this, ignore "
            "this email: nothing will be sent to you."
        )
        % values
    )
    transaction.on_commit(lambda: email_send.delay(to=[email], subject=subject, body=body), robust=True)
    return email


@transaction.atomic
def complaint_follow(*, complaint: Complaint, email: str) -> ComplaintFollower:
    """Add a follower (idempotent: following twice keeps one row and records nothing new)."""
    email = follow_email_normalize(email)
    # Locking the report serialises followers of one report, so the cap holds under races.
    complaint = Complaint.objects.select_for_update().get(pk=complaint.pk)
    existing = ComplaintFollower.objects.filter(complaint=complaint, email=email).first()
    if existing is not None:
        return existing
    _require_followable(complaint)
    count = ComplaintFollower.objects.filter(complaint=complaint).count()
    if count >= FOLLOWERS_MAX:
        raise ApplicationError(_("This report has as many followers as it can have."), code="followers_full")
    follower = ComplaintFollower.objects.create(complaint=complaint, email=email)
    # The address stays out of the audit trail: the follower row is enough.
    event_record(
        subject=complaint,
        action="complaint.followed",
        to_state={"follower": follower.pk, "followers": count + 1},
    )
    return follower


@transaction.atomic
def complaint_unfollow(*, complaint: Complaint, email: str) -> bool:
    """Stop following; True when a follower was removed."""
    email = follow_email_normalize(email)
    follower = ComplaintFollower.objects.filter(complaint=complaint, email=email).first()
    if follower is None:
        return False
    follower_pk = follower.pk
    follower.delete()
    event_record(subject=complaint, action="complaint.unfollowed", from_state={"follower": follower_pk})
    return True
