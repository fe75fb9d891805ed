"""Every step of a report's lifecycle, each checked against ``TRANSITIONS``."""

from collections.abc import Sequence
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from penata.accounts.scoping import scope_of
from penata.core.errors import InvalidTransition, PermissionDenied
from penata.core.events import event_record
from penata.core.uploads import stored_files_removed_on_error
from penata.organization.models import Agency

from ..models import (
    DESCRIPTION_MAX_LENGTH,
    PRIVACY_ORDER,
    TRANSITIONS,
    AttachmentKind,
    Complaint,
    ComplaintAction,
    ComplaintStatus,
    Privacy,
    Step,
)
from . import common
from .attachments import attachments_check, attachments_store
from .common import AGENCY_STAFF_ROLES, VERIFIER_ROLES
from .intake import complaint_secret_matches

# --- transitions ------------------------------------------------------------------------


def _locked(complaint: Complaint) -> Complaint:
    return Complaint.objects.select_for_update().get(pk=complaint.pk)


def _target(complaint: Complaint, action: str) -> str:
    to = TRANSITIONS.get((complaint.status, action))
    if to is None:
        raise InvalidTransition(
            _("A report that is “%(status)s” cannot be given the action “%(action)s”.")
            % {
                "status": ComplaintStatus(complaint.status).label,
                "action": ComplaintAction(action).label,
            }
        )
    return to


def _is_verifier(actor) -> bool:
    return (
        actor is not None and actor.is_authenticated and (actor.is_superuser or actor.role in VERIFIER_ROLES)
    )


def _require_verifier(actor) -> None:
    if not _is_verifier(actor):
        raise PermissionDenied(_("Only a complaint verifier can do this."))


def _is_agency_staff(actor, agency_id: int | None) -> bool:
    return (
        actor is not None
        and actor.is_authenticated
        and actor.role in AGENCY_STAFF_ROLES
        and scope_of(actor).allows_agency(agency_id)
    )


def _require_reporter(complaint: Complaint, actor, secret: str | None) -> None:
    if actor is not None and actor.is_authenticated and complaint.reporter_id == actor.pk:
        return
    if secret and complaint_secret_matches(complaint=complaint, secret=secret):
        return
    raise PermissionDenied(_("Only the reporter can do this."))


def _apply(
    complaint: Complaint,
    *,
    action: str,
    actor,
    to: str,
    now: datetime,
    note: str = "",
    extra: dict | None = None,
) -> Complaint:
    from_status = complaint.status
    complaint.status = to
    complaint.save()
    event_record(
        subject=complaint,
        action=f"complaint.{action}",
        actor=actor,
        from_state={"status": from_status},
        to_state={"status": to, **(extra or {})},
        note=note,
    )
    if from_status != to:
        common.notify_reporter(complaint)
    return complaint


def _reason(reason: str, field: str = "reason") -> str:
    if not (reason or "").strip():
        raise ValidationError({field: _("Give a reason.")})
    return reason.strip()


@transaction.atomic
def complaint_dispatch(*, complaint: Complaint, agency: Agency, actor) -> Complaint:
    """Verified: send to the responsible agency; the agency's 5-working-day follow-up starts."""
    _require_verifier(actor)
    complaint = _locked(complaint)
    to = _target(complaint, ComplaintAction.DISPATCH)
    now = common.now()
    complaint.agency = agency
    complaint.assigned_to = None
    common.step_start(complaint, Step.FOLLOW_UP, now)
    return _apply(
        complaint, action=ComplaintAction.DISPATCH, actor=actor, to=to, now=now, extra={"agency": agency.code}
    )


@transaction.atomic
def complaint_request_info(*, complaint: Complaint, actor, question: str) -> Complaint:
    """Postponed: ask the reporter for more information; the verification clock stops."""
    _require_verifier(actor)
    question = _reason(question, "question")
    complaint = _locked(complaint)
    to = _target(complaint, ComplaintAction.REQUEST_INFO)
    now = common.now()
    common.step_start(complaint, None, now)
    return _apply(complaint, action=ComplaintAction.REQUEST_INFO, actor=actor, to=to, now=now, note=question)


@transaction.atomic
def complaint_supplement(
    *, complaint: Complaint, actor=None, information: str, secret: str | None = None
) -> Complaint:
    """The reporter answers the question; the report goes back to the verifier for 3 new working days."""
    information = information.strip()
    if not information:
        raise ValidationError({"information": _("Give the information the verifier asked for.")})
    complaint = _locked(complaint)
    _require_reporter(complaint, actor, secret)
    to = _target(complaint, ComplaintAction.SUPPLEMENT)
    if len(complaint.additional_information) + len(information) > DESCRIPTION_MAX_LENGTH:
        raise ValidationError(
            {
                "information": _("The information is at most %(max)s characters long.")
                % {"max": DESCRIPTION_MAX_LENGTH}
            }
        )
    now = common.now()
    complaint.additional_information = "\n\n".join(
        filter(None, [complaint.additional_information, information])
    )
    common.step_start(complaint, Step.VERIFICATION, now)
    return _apply(complaint, action=ComplaintAction.SUPPLEMENT, actor=actor, to=to, now=now, note=information)


def _close(complaint: Complaint, *, action: str, actor, reason: str) -> Complaint:
    complaint = _locked(complaint)
    to = _target(complaint, action)
    now = common.now()
    common.step_start(complaint, None, now)
    complaint.closed_at = now
    return _apply(complaint, action=action, actor=actor, to=to, now=now, note=reason)


@transaction.atomic
def complaint_decline_not_authority(*, complaint: Complaint, actor, reason: str) -> Complaint:
    _require_verifier(actor)
    return _close(
        complaint, action=ComplaintAction.DECLINE_NOT_AUTHORITY, actor=actor, reason=_reason(reason)
    )


@transaction.atomic
def complaint_archive(*, complaint: Complaint, actor, reason: str) -> Complaint:
    _require_verifier(actor)
    return _close(complaint, action=ComplaintAction.ARCHIVE, actor=actor, reason=_reason(reason))


@transaction.atomic
def complaint_assign(*, complaint: Complaint, officer, actor) -> Complaint:
    """Give a dispatched report to one officer of the responsible agency."""
    complaint = _locked(complaint)
    if not (_is_verifier(actor) or _is_agency_staff(actor, complaint.agency_id)):
        raise PermissionDenied(_("Only the responsible agency can assign this report."))
    to = _target(complaint, ComplaintAction.ASSIGN)
    if not (officer.is_active and _is_agency_staff(officer, complaint.agency_id)):
        raise PermissionDenied(_("The officer does not work for the responsible agency."))
    complaint.assigned_to = officer
    return _apply(
        complaint,
        action=ComplaintAction.ASSIGN,
        actor=actor,
        to=to,
        now=common.now(),
        extra={"assigned_to": officer.pk},
    )


def complaint_answer(*, complaint: Complaint, answer: str, actor, attachments: Sequence = ()) -> Complaint:
    """The agency's answer, with up to 5 files; the reporter's 10-working-day response window starts."""
    answer = (answer or "").strip()
    if not answer:
        raise ValidationError({"answer": _("Write the answer.")})
    if len(answer) > DESCRIPTION_MAX_LENGTH:
        raise ValidationError(
            {"answer": _("The answer is at most %(max)s characters long.") % {"max": DESCRIPTION_MAX_LENGTH}}
        )
    checked = attachments_check(attachments)
    # Files are checked before anything is written and removed again if the transaction fails.
    with stored_files_removed_on_error() as written, transaction.atomic():
        complaint = _locked(complaint)
        if not _is_agency_staff(actor, complaint.agency_id):
            raise PermissionDenied(_("Only an officer of the responsible agency can answer this report."))
        to = _target(complaint, ComplaintAction.ANSWER)
        now = common.now()
        complaint.answer = answer
        complaint.answered_at = now
        if complaint.first_answered_at is None:
            complaint.first_answered_at = now
            complaint.answered_within_deadline = complaint.step_due_at is None or now <= complaint.step_due_at
        common.step_start(complaint, Step.RESPONSE, now)
        _apply(complaint, action=ComplaintAction.ANSWER, actor=actor, to=to, now=now, note=answer)
        attachments_store(
            complaint=complaint, files=checked, kind=AttachmentKind.ANSWER, actor=actor, written=written
        )
    return complaint


@transaction.atomic
def complaint_refer(*, complaint: Complaint, agency: Agency, actor, reason: str) -> Complaint:
    """Send the report on to another agency; its follow-up step starts again there."""
    reason = _reason(reason)
    complaint = _locked(complaint)
    if not (_is_verifier(actor) or _is_agency_staff(actor, complaint.agency_id)):
        raise PermissionDenied(_("Only the responsible agency can refer this report."))
    to = _target(complaint, ComplaintAction.REFER)
    if agency.pk == complaint.agency_id:
        raise ValidationError({"agency": _("Choose another agency.")})
    previous = complaint.agency.code
    now = common.now()
    complaint.agency = agency
    complaint.assigned_to = None
    common.step_start(complaint, Step.FOLLOW_UP, now)
    return _apply(
        complaint,
        action=ComplaintAction.REFER,
        actor=actor,
        to=to,
        now=now,
        note=reason,
        extra={"agency": agency.code, "previous_agency": previous},
    )


@transaction.atomic
def complaint_accept(*, complaint: Complaint, actor=None, secret: str | None = None) -> Complaint:
    """The reporter is satisfied with the answer: finished."""
    complaint = _locked(complaint)
    _require_reporter(complaint, actor, secret)
    to = _target(complaint, ComplaintAction.ACCEPT)
    now = common.now()
    common.step_start(complaint, None, now)
    complaint.closed_at = now
    return _apply(complaint, action=ComplaintAction.ACCEPT, actor=actor, to=to, now=now)


@transaction.atomic
def complaint_reopen(
    *, complaint: Complaint, actor=None, reason: str, secret: str | None = None
) -> Complaint:
    """An unsatisfied reporter sends the report back to the agency, once; 5 new working days."""
    reason = _reason(reason)
    complaint = _locked(complaint)
    _require_reporter(complaint, actor, secret)
    to = _target(complaint, ComplaintAction.REOPEN)
    if complaint.reopen_count >= 1:
        raise InvalidTransition(_("A report can be reopened only once."), code="reopened_already")
    now = common.now()
    complaint.reopen_count += 1
    common.step_start(complaint, Step.FOLLOW_UP, now)
    return _apply(
        complaint,
        action=ComplaintAction.REOPEN,
        actor=actor,
        to=to,
        now=now,
        note=reason,
        extra={"reopen_count": complaint.reopen_count},
    )


@transaction.atomic
def complaint_close_response_window(*, complaint: Complaint, actor=None) -> Complaint:
    """The reporter did not respond within 10 working days: finished. The periodic task calls this."""
    complaint = _locked(complaint)
    to = _target(complaint, ComplaintAction.CLOSE_RESPONSE_WINDOW)
    now = common.now()
    if complaint.step_due_at is None or now <= complaint.step_due_at:
        raise InvalidTransition(
            _("The reporter's response window is still open."), code="response_window_open"
        )
    common.step_start(complaint, None, now)
    complaint.closed_at = now
    return _apply(complaint, action=ComplaintAction.CLOSE_RESPONSE_WINDOW, actor=actor, to=to, now=now)


@transaction.atomic
def complaint_privacy_tighten(*, complaint: Complaint, privacy: str, actor) -> Complaint:
    """The verifier may make a report more private (public → anonymous → confidential), never less."""
    _require_verifier(actor)
    if privacy not in Privacy.values:
        raise ValidationError({"privacy": _("Choose a privacy setting.")})
    complaint = _locked(complaint)
    if PRIVACY_ORDER.index(privacy) <= PRIVACY_ORDER.index(complaint.privacy):
        raise ValidationError({"privacy": _("Privacy can only be tightened, never loosened.")})
    previous = complaint.privacy
    complaint.privacy = privacy
    complaint.save(update_fields=["privacy", "updated_at"])
    event_record(
        subject=complaint,
        action="complaint.privacy_tightened",
        actor=actor,
        from_state={"privacy": previous},
        to_state={"privacy": privacy},
    )
    return complaint
