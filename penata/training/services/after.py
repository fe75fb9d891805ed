"""After a session: participants' ratings, post-training assessments and certificates.

A post-training assessment goes through the competency app's ``assessment_record`` (method
``post_training``), so the levels that count, the gaps and the job–person match move
exactly as for any other assessment.
"""

import logging
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.crypto import get_random_string
from django.utils.translation import gettext as _

from penata.competency.models import Assessment, AssessmentMethod, Competency
from penata.competency.services import (
    AssessmentInput,
    assessment_problems,
    assessment_record,
    assessments_record_many,
)
from penata.core.errors import ApplicationError, InvalidTransition, PermissionDenied
from penata.core.events import event_record, events_record_pairs

from ..models import (
    Attendance,
    Certificate,
    Enrolment,
    EnrolmentStatus,
    ProgramCompetency,
    SessionRating,
    TrainingSession,
)
from ..permissions import is_training_manager

logger = logging.getLogger(__name__)

# Verification codes: no 0/O, 1/I/L, so a code read aloud or typed from paper is not
# mistaken. 31 symbols ** 10 ≈ 8 * 10**14 codes: guessing one is hopeless.
CERTIFICATE_CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CERTIFICATE_CODE_LENGTH = 10
CERTIFICATE_CODE_ATTEMPTS = 5
COMMENT_MAX_LENGTH = 2000
REASON_MAX_LENGTH = 1000


class NotAParticipant(PermissionDenied):
    code = "not_a_participant"


class RatingNotAllowed(ApplicationError):
    code = "rating_not_allowed"
    status_code = 409


class AlreadyRated(ApplicationError):
    code = "already_rated"
    status_code = 409


class NotCompleted(InvalidTransition):
    code = "enrolment_not_completed"


class AlreadyRevoked(InvalidTransition):
    code = "certificate_already_revoked"


def _require_manager(actor) -> None:
    # ``None`` is the system (a task or a management command), as elsewhere.
    if actor is not None and not is_training_manager(actor):
        raise PermissionDenied()


# --- ratings -----------------------------------------------------------------------------


def has_attended(enrolment: Enrolment) -> bool:
    """Completed, or not completed but present at least one day. A no-show, or anyone
    whose seat was never confirmed, did not attend."""
    if enrolment.status == EnrolmentStatus.COMPLETED:
        return True
    if enrolment.status == EnrolmentStatus.INCOMPLETE:
        return Attendance.objects.filter(enrolment=enrolment, present=True).exists()
    return False


def _rating_values(values: dict[str, object]) -> dict[str, int]:
    errors: dict[str, str] = {}
    for item, value in values.items():
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5:
            errors[item] = _("Choose a whole number from 1 to 5.")
    if errors:
        raise ValidationError(errors)
    return values  # type: ignore[return-value]


@transaction.atomic
def session_rate(
    *,
    enrolment: Enrolment,
    actor,
    content: int,
    trainers: int,
    organisation: int,
    usefulness: int,
    overall: int,
    comment: str = "",
) -> SessionRating:
    """The participant's own rating of a session they attended: once, 1–5 per item."""
    if actor is None or not actor.is_authenticated or actor.employee_id != enrolment.employee_id:
        # A rating is the participant's own voice: nobody rates on their behalf.
        raise NotAParticipant(_("Only the participant may rate their session."))
    values = _rating_values(
        {
            "content": content,
            "trainers": trainers,
            "organisation": organisation,
            "usefulness": usefulness,
            "overall": overall,
        }
    )
    comment = (comment or "").strip()
    if len(comment) > COMMENT_MAX_LENGTH:
        raise ValidationError({"comment": _("At most %(count)d characters.") % {"count": COMMENT_MAX_LENGTH}})
    # The row lock makes a double submission wait for the first one and then see it.
    enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
    if not has_attended(enrolment):
        raise RatingNotAllowed(_("Only participants who attended the session may rate it."))
    if SessionRating.objects.filter(enrolment=enrolment).exists():
        raise AlreadyRated(_("You have already rated this session; a rating cannot be changed."))
    rating = SessionRating(enrolment=enrolment, comment=comment, **values)
    try:
        with transaction.atomic():
            rating.save(force_insert=True)
    except IntegrityError:
        raise AlreadyRated(_("You have already rated this session; a rating cannot be changed.")) from None
    event_record(
        subject=enrolment,
        action="enrolment.rated",
        actor=actor,
        to_state=values,
    )
    return rating


# --- post-training assessment ------------------------------------------------------------


def _post_training_note(session: TrainingSession, note: str) -> str:
    # The session's code leads the note, so the history tells where the level came from.
    return " — ".join(part for part in (session.code, (note or "").strip()) if part)


def _post_training_problems(
    *, enrolment: Enrolment, item: AssessmentInput, targets: set[int]
) -> dict[str, str]:
    """The training rules on top of the competency app's own checks."""
    problems: dict[str, str] = {}
    if enrolment.status != EnrolmentStatus.COMPLETED:
        problems["enrolment"] = _(
            "A post-training assessment is recorded only after the participant completed the session."
        )
    if item.competency.pk not in targets:
        problems["competency"] = _("The program does not develop this competency.")
    problems.update(assessment_problems(item))
    if "assessed_on" not in problems and item.assessed_on < enrolment.session.start_date:
        problems["assessed_on"] = _("A post-training assessment cannot be dated before the session.")
    return problems


def _counting(items: list[AssessmentInput]) -> dict[tuple[int, int], tuple[int, int, date, str, str]]:
    """(employee id, competency id) → (id, level, date, method, note) of the assessment that
    counts now (the rule of ``levels_that_count``), for the pairs of ``items``. One query."""
    if not items:
        return {}
    rows = (
        Assessment.objects.filter(
            employee_id__in={item.employee.pk for item in items},
            competency_id__in={item.competency.pk for item in items},
            is_valid=True,
        )
        .exclude(method=AssessmentMethod.SELF)
        .order_by("employee_id", "competency_id", "-assessed_on", "-id")
        .values_list("employee_id", "competency_id", "pk", "level", "assessed_on", "method", "note")
    )
    out: dict[tuple[int, int], tuple[int, int, date, str, str]] = {}
    for employee_id, competency_id, *rest in rows:
        out.setdefault((employee_id, competency_id), tuple(rest))
    return out


def _counted_already(item: AssessmentInput, counting: dict) -> int | None:
    """The id of the assessment that counts when it is this very item (a form sent twice),
    else None: a correction (another level) is recorded and counts from then on."""
    current = counting.get((item.employee.pk, item.competency.pk))
    if current is None:
        return None
    pk, level, assessed_on, method, note = current
    same = (level, assessed_on, method, note) == (item.level, item.assessed_on, item.method, item.note)
    return pk if same else None


@transaction.atomic
def post_training_assessment_record(
    *,
    enrolment: Enrolment,
    competency: Competency,
    level: int,
    actor,
    assessed_on: date | None = None,
    note: str = "",
) -> Assessment:
    """Record the level a participant reached in a competency the program develops, after
    they completed the session. The same level on the same day again returns the
    assessment already recorded. Problems are ``ValidationError`` naming the field."""
    _require_manager(actor)
    enrolment = Enrolment.objects.select_related("session__program", "employee").get(pk=enrolment.pk)
    if enrolment.status != EnrolmentStatus.COMPLETED:
        raise NotCompleted(
            _("A post-training assessment is recorded only after the participant completed the session.")
        )
    targets = set(
        ProgramCompetency.objects.filter(program_id=enrolment.session.program_id).values_list(
            "competency_id", flat=True
        )
    )
    item = AssessmentInput(
        employee=enrolment.employee,
        competency=competency,
        level=level,
        assessed_on=assessed_on or timezone.localdate(),
        method=AssessmentMethod.POST_TRAINING,
        note=_post_training_note(enrolment.session, note),
    )
    if problems := _post_training_problems(enrolment=enrolment, item=item, targets=targets):
        raise ValidationError(problems)
    if (existing := _counted_already(item, _counting([item]))) is not None:
        return Assessment.objects.get(pk=existing)
    assessment = assessment_record(
        employee=item.employee,
        competency=item.competency,
        level=item.level,
        assessed_on=item.assessed_on,
        method=item.method,
        actor=actor,
        note=item.note,
    )
    event_record(
        subject=enrolment,
        action="enrolment.post_training_assessed",
        actor=actor,
        to_state={"competency": competency.code, "level": level, "on": item.assessed_on.isoformat()},
    )
    return assessment


@transaction.atomic
def session_post_training_assessments_record(
    *,
    session: TrainingSession,
    levels: dict[tuple[int, int], int],
    actor,
    assessed_on: date | None = None,
    note: str = "",
) -> list[Assessment]:
    """The session's assessment sheet: (enrolment id, competency id) → level. All or none:
    any problem refuses them all, the error naming ``<enrolment id>-<competency id>``.
    Returns the assessments recorded (those sent again unchanged are not recorded twice)."""
    _require_manager(actor)
    assessed_on = assessed_on or timezone.localdate()
    note = _post_training_note(session, note)
    enrolments = Enrolment.objects.filter(
        session=session, pk__in={enrolment_id for enrolment_id, _c in levels}
    ).select_related("session", "employee")
    enrolments = {e.pk: e for e in enrolments}
    targets = {
        t.competency_id: t.competency
        for t in ProgramCompetency.objects.filter(program_id=session.program_id).select_related("competency")
    }
    errors: dict[str, list[str]] = {}
    items: list[tuple[Enrolment, AssessmentInput]] = []
    for (enrolment_id, competency_id), level in sorted(levels.items()):
        key = f"{enrolment_id}-{competency_id}"
        enrolment, competency = enrolments.get(enrolment_id), targets.get(competency_id)
        if enrolment is None or competency is None:
            errors[key] = [_("Not a participant or a competency of this session.")]
            continue
        item = AssessmentInput(
            employee=enrolment.employee,
            competency=competency,
            level=level,
            assessed_on=assessed_on,
            method=AssessmentMethod.POST_TRAINING,
            note=note,
        )
        if problems := _post_training_problems(enrolment=enrolment, item=item, targets=set(targets)):
            errors[key] = list(problems.values())
        else:
            items.append((enrolment, item))
    if errors:
        raise ValidationError(errors)
    counting = _counting([item for _e, item in items])
    items = [(enrolment, item) for enrolment, item in items if _counted_already(item, counting) is None]
    if not items:
        return []
    created = assessments_record_many(items=[item for _e, item in items], actor=actor)
    events_record_pairs(
        pairs=[
            (
                enrolment,
                {"competency": item.competency.code, "level": item.level, "on": assessed_on.isoformat()},
            )
            for enrolment, item in items
        ],
        action="enrolment.post_training_assessed",
        actor=actor,
    )
    return created


# --- certificates ------------------------------------------------------------------------


def certificate_code_generate() -> str:
    return get_random_string(CERTIFICATE_CODE_LENGTH, CERTIFICATE_CODE_ALPHABET)


def _snapshot(enrolment: Enrolment, actor, issued_at) -> Certificate:
    session, employee = enrolment.session, enrolment.employee
    return Certificate(
        enrolment=enrolment,
        employee_name=employee.full_name,
        employee_nip=employee.nip,
        program_title=session.program.title,
        jp=session.program.jp,
        start_date=session.start_date,
        end_date=session.end_date,
        signatory_name=settings.PENATA_CERTIFICATE_SIGNATORY_NAME,
        signatory_title=settings.PENATA_CERTIFICATE_SIGNATORY_TITLE,
        issued_at=issued_at,
        issued_by=actor if actor is not None and actor.is_authenticated else None,
    )


def _free_codes(count: int) -> list[str]:
    """``count`` fresh codes, none already taken (one query per draw; clashes are rare)."""
    codes: list[str] = []
    for _attempt in range(CERTIFICATE_CODE_ATTEMPTS):
        wanted = count - len(codes)
        drawn = {certificate_code_generate() for _i in range(wanted)} - set(codes)
        taken = set(Certificate.objects.filter(code__in=drawn).order_by().values_list("code", flat=True))
        codes.extend(sorted(drawn - taken))
        if len(codes) == count:
            return codes
    raise ApplicationError(_("No free verification code was found; please try again."), code="code_busy")


def _issue(enrolments: list[Enrolment], actor) -> list[Certificate]:
    """Certificates for ``enrolments`` (locked, completed, without one yet): one INSERT and
    one batch of events. A code taken between the check and the insert redraws them all."""
    issued_at = timezone.now()
    for attempt in range(CERTIFICATE_CODE_ATTEMPTS):
        certificates = [_snapshot(enrolment, actor, issued_at) for enrolment in enrolments]
        for certificate, code in zip(certificates, _free_codes(len(certificates)), strict=True):
            certificate.code = code
        try:
            with transaction.atomic():
                created = Certificate.objects.bulk_create(certificates)
        except IntegrityError:
            logger.info("Certificate code collision (attempt %s); drawing again.", attempt + 1)
            continue
        events_record_pairs(
            pairs=[
                (c, {"code": c.code, "enrolment": c.enrolment_id, "employee": c.employee_nip})
                for c in created
            ],
            action="certificate.issued",
            actor=actor,
        )
        return created
    raise ApplicationError(_("No free verification code was found; please try again."), code="code_busy")


@transaction.atomic
def certificate_issue(*, enrolment: Enrolment, actor) -> Certificate:
    """The certificate of a completed enrolment; issuing again returns the one issued."""
    _require_manager(actor)
    enrolment = (
        Enrolment.objects.select_for_update(of=("self",))
        .select_related("session__program", "employee")
        .get(pk=enrolment.pk)
    )
    if enrolment.status != EnrolmentStatus.COMPLETED:
        raise NotCompleted(_("A certificate is issued only for a completed enrolment."))
    # Read after the lock: a certificate issued meanwhile by someone else is seen here.
    existing = Certificate.objects.filter(enrolment=enrolment).first()
    if existing is not None:
        return existing
    return _issue([enrolment], actor)[0]


@transaction.atomic
def certificates_issue_for_session(*, session: TrainingSession, actor) -> list[Certificate]:
    """Certificates for every completed participant who has none yet; returns the new ones."""
    _require_manager(actor)
    enrolments = list(
        Enrolment.objects.select_for_update(of=("self",))
        .filter(session=session, status=EnrolmentStatus.COMPLETED)
        .select_related("session__program", "employee")
        .order_by("pk")
    )
    have = set(
        Certificate.objects.filter(enrolment__in=[e.pk for e in enrolments])
        .order_by()
        .values_list("enrolment_id", flat=True)
    )
    missing = [e for e in enrolments if e.pk not in have]
    return _issue(missing, actor) if missing else []


@transaction.atomic
def certificate_revoke(*, certificate: Certificate, actor, reason: str) -> Certificate:
    """Withdraw a certificate (issued in error, or the completion was annulled). It stays,
    and the public check shows it as revoked with the date and the reason."""
    _require_manager(actor)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason for revoking the certificate.")})
    if len(reason) > REASON_MAX_LENGTH:
        raise ValidationError({"reason": _("At most %(count)d characters.") % {"count": REASON_MAX_LENGTH}})
    certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if certificate.is_revoked:
        raise AlreadyRevoked(_("The certificate is already revoked."))
    certificate.revoked_at = timezone.now()
    certificate.revocation_reason = reason
    certificate.save(update_fields=["revoked_at", "revocation_reason", "updated_at"])
    event_record(
        subject=certificate,
        action="certificate.revoked",
        actor=actor,
        from_state={"revoked": False},
        to_state={"revoked": True},
        note=reason,
    )
    return certificate
