"""The reporter's rating of the answer (1–5 and a comment)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from penata.core.errors import InvalidTransition
from penata.core.events import event_record

from ..models import Complaint, ComplaintRating, ComplaintStatus
from .transitions import _locked, _require_reporter

RATING_COMMENT_MAX_LENGTH = 2000
RATABLE_STATUSES = frozenset({ComplaintStatus.ANSWERED, ComplaintStatus.FINISHED})


@transaction.atomic
def complaint_rate(
    *, complaint: Complaint, score: int, comment: str = "", actor=None, secret: str | None = None
) -> ComplaintRating:
    """Rate the agency's answer. Only the reporter, once there is an answer; a second rating
    replaces the first (the event keeps the previous score)."""
    errors = {}
    if not isinstance(score, int) or isinstance(score, bool) or not 1 <= score <= 5:
        errors["score"] = _("Choose a score from 1 to 5.")
    comment = (comment or "").strip()
    if len(comment) > RATING_COMMENT_MAX_LENGTH:
        errors["comment"] = _("The comment is at most %(max)s characters long.") % {
            "max": RATING_COMMENT_MAX_LENGTH
        }
    if errors:
        raise ValidationError(errors)
    complaint = _locked(complaint)
    _require_reporter(complaint, actor, secret)
    if complaint.status not in RATABLE_STATUSES or not complaint.answer:
        raise InvalidTransition(
            _("A report can be rated once it has been answered."), code="rating_not_answered"
        )
    previous = ComplaintRating.objects.filter(complaint=complaint).first()
    if previous is None:
        rating = ComplaintRating.objects.create(complaint=complaint, score=score, comment=comment)
    else:
        rating = previous
        previous_score = previous.score
        rating.score, rating.comment = score, comment
        rating.save(update_fields=["score", "comment", "updated_at"])
    event_record(
        subject=complaint,
        action="complaint.rated",
        actor=actor,
        from_state={"score": previous_score} if previous is not None else None,
        to_state={"score": score},
    )
    return rating
