"""The JP ledger (PP 17/2020: at least 20 JP of development a year for every ASN).

JP reach the ledger two ways: a completed session (``jp_credit_enrolment``, called by the
enrolment services when an enrolment completes) and external training that the employee
claims with evidence and their agency verifies (``external_training_submit`` →
``external_training_verify`` or ``external_training_reject``). Entries are append-only and
count for the year of the training's last day.
"""

from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from penata.accounts.models import Role
from penata.accounts.scoping import scope_of
from penata.core.errors import InvalidTransition, PermissionDenied
from penata.core.events import event_record
from penata.core.uploads import EXTENSIONS, stored_files_removed_on_error
from penata.workforce.models import Employee

from ..evidence import evidence_check
from ..models import (
    Enrolment,
    EnrolmentStatus,
    ExternalTraining,
    ExternalTrainingStatus,
    JpLedgerEntry,
    LedgerSource,
    TrainingForm,
)
from ..permissions import can_manage_employee_training, is_self

# Development of civil servants is recorded from the 2000s; an earlier date is a typing error.
EARLIEST_TRAINING = date(2000, 1, 1)
JP_STEP = Decimal("0.1")
EXTERNAL_JP_MIN = Decimal("0.5")
EXTERNAL_JP_MAX = Decimal("500")
TEXT_MAX_LENGTH = 200
NOTE_MAX_LENGTH = 2000


def _credited(entry: JpLedgerEntry, employee: Employee, actor) -> None:
    event_record(
        subject=employee,
        action="employee.jp_credited",
        actor=actor,
        to_state={
            "entry": entry.pk,
            "year": entry.year,
            "jp": str(entry.jp),
            "source": entry.source,
            "enrolment": entry.enrolment_id,
            "external_training": entry.external_training_id,
            "title": entry.title,
        },
    )


# --- sessions ------------------------------------------------------------------------------


@transaction.atomic
def jp_credit_enrolment(*, enrolment: Enrolment, actor=None) -> JpLedgerEntry:
    """Credit a completed enrolment's JP to the employee, once: a second call returns the
    entry already written. The program's JP count for the year of the session's last day."""
    locked = (
        Enrolment.objects.select_for_update(of=("self",))
        .select_related("employee", "session__program")
        .get(pk=enrolment.pk)
    )
    existing = JpLedgerEntry.objects.filter(enrolment=locked).first()
    if existing is not None:
        return existing
    if locked.status != EnrolmentStatus.COMPLETED:
        raise InvalidTransition(_("Only a completed enrolment earns JP."))
    session = locked.session
    program = session.program
    entry = JpLedgerEntry.objects.create(
        employee=locked.employee,
        year=session.end_date.year,
        jp=Decimal(program.jp).quantize(JP_STEP),
        source=LedgerSource.SESSION,
        enrolment=locked,
        title=program.title,
        form=program.form,
        completed_on=session.end_date,
    )
    _credited(entry, locked.employee, actor)
    return entry


# --- external training ---------------------------------------------------------------------


def can_claim_external_training(user, employee: Employee) -> bool:
    """The employee themself, or an administrator of the employee's agency."""
    if is_self(user, employee):
        return True
    return (
        user.is_authenticated
        and (user.is_superuser or user.role == Role.AGENCY_ADMIN)
        and scope_of(user).allows_agency(employee.agency_id)
    )


def can_decide_external_training(user, employee: Employee) -> bool:
    """The employee's agency administrator or a training manager, never for their own claim."""
    return can_manage_employee_training(user, employee) and not is_self(user, employee)


def _text(value, field: str, errors: dict, *, missing: str) -> str:
    text = (value or "").strip() if isinstance(value, str) else ""
    if not text:
        errors[field] = missing
    elif len(text) > TEXT_MAX_LENGTH:
        errors[field] = _("At most %(max)s characters.") % {"max": TEXT_MAX_LENGTH}
    return text


def _jp(value, errors: dict) -> Decimal | None:
    try:
        jp = Decimal(str(value)) if value is not None and not isinstance(value, bool) else None
    except InvalidOperation:
        jp = None
    if jp is None or not jp.is_finite():
        errors["jp"] = _("Enter the lesson hours (JP) as a number.")
        return None
    if jp <= 0:
        errors["jp"] = _("The lesson hours (JP) must be more than 0.")
    elif jp < EXTERNAL_JP_MIN or jp > EXTERNAL_JP_MAX or jp != jp.quantize(JP_STEP):
        errors["jp"] = _("Enter from %(min)s to %(max)s JP, with at most one decimal.") % {
            "min": EXTERNAL_JP_MIN,
            "max": EXTERNAL_JP_MAX,
        }
    return jp.quantize(JP_STEP) if "jp" not in errors else None


def _dates(start_date, end_date, errors: dict, today: date) -> None:
    for field, value in (("start_date", start_date), ("end_date", end_date)):
        if not isinstance(value, date):
            errors[field] = _("Enter a valid date.")
        elif value > today:
            errors[field] = _("The date is in the future: claim training once it has taken place.")
        elif value < EARLIEST_TRAINING:
            errors[field] = _("Enter a date from %(date)s.") % {"date": EARLIEST_TRAINING.isoformat()}
    if "start_date" not in errors and "end_date" not in errors and end_date < start_date:
        errors["end_date"] = _("The end date is before the start date.")


def external_training_submit(
    *,
    employee: Employee,
    actor,
    title: str,
    provider: str,
    form: str,
    start_date: date,
    end_date: date,
    jp,
    evidence,
) -> ExternalTraining:
    """Claim training done outside BPSDM's sessions, with its evidence (a PDF or a photo of
    at most ``EVIDENCE_MAX_BYTES``, checked by content). Every problem is reported at
    once, by field; nothing is written then, and no file is left behind when the write
    fails."""
    if not can_claim_external_training(actor, employee):
        raise PermissionDenied(_("You may claim external training only for yourself or your agency's staff."))
    errors: dict[str, str] = {}
    title = _text(title, "title", errors, missing=_("Enter the title of the training."))
    provider = _text(provider, "provider", errors, missing=_("Enter who provided the training."))
    if form not in TrainingForm.values:
        errors["form"] = _("Choose the form of the training.")
    _dates(start_date, end_date, errors, timezone.localdate())
    jp_value = _jp(jp, errors)
    checked = None
    if evidence is None:
        errors["evidence"] = _("Attach the certificate or attendance letter (PDF or photo).")
    else:
        try:
            checked = evidence_check(evidence)
        except ValidationError as error:
            errors["evidence"] = error.message_dict["evidence"][0]
    if not errors and (
        ExternalTraining.objects.filter(
            employee=employee, title__iexact=title, start_date=start_date, end_date=end_date
        )
        .exclude(status=ExternalTrainingStatus.REJECTED)
        .exists()
    ):
        errors["title"] = _("This training is already claimed for these dates.")
    if errors:
        raise ValidationError(errors)

    uploader = actor if actor.is_authenticated else None
    claim = ExternalTraining(
        employee=employee,
        title=title,
        provider=provider,
        form=form,
        start_date=start_date,
        end_date=end_date,
        jp=jp_value,
        evidence_name=checked.name,
        evidence_content_type=checked.content_type,
        evidence_size=checked.size,
        status=ExternalTrainingStatus.SUBMITTED,
        submitted_by=uploader,
    )
    with stored_files_removed_on_error() as written, transaction.atomic():
        claim.evidence.save(
            f"evidence.{EXTENSIONS[checked.content_type]}", ContentFile(checked.content), save=False
        )
        written.append((claim.evidence.storage, claim.evidence.name))
        claim.save()
        event_record(
            subject=claim,
            action="external_training.submitted",
            actor=uploader,
            to_state={
                "status": claim.status,
                "employee": employee.pk,
                "title": title,
                "jp": str(jp_value),
                "start_date": start_date.isoformat(),
                "end_date": end_date.isoformat(),
                "evidence": {"name": checked.name, "type": checked.content_type, "size": checked.size},
            },
        )
    return claim


def _require_decider(external_training: ExternalTraining, actor) -> None:
    if not can_decide_external_training(actor, external_training.employee):
        raise PermissionDenied(
            _("Only the employee's agency administrator or a training manager decides on this claim.")
        )


def _lock_for_decision(external_training: ExternalTraining, actor) -> ExternalTraining:
    _require_decider(external_training, actor)
    locked = (
        ExternalTraining.objects.select_for_update(of=("self",))
        .select_related("employee")
        .get(pk=external_training.pk)
    )
    if locked.status != ExternalTrainingStatus.SUBMITTED:
        raise InvalidTransition(
            _("This claim has already been decided (%(status)s).") % {"status": locked.get_status_display()}
        )
    return locked


@transaction.atomic
def external_training_verify(
    *, external_training: ExternalTraining, actor, note: str = ""
) -> ExternalTraining:
    """Accept a claim: its JP go into the ledger for the year of its last day."""
    locked = _lock_for_decision(external_training, actor)
    note = (note or "").strip()[:NOTE_MAX_LENGTH]
    locked.status = ExternalTrainingStatus.VERIFIED
    locked.decided_by = actor
    locked.decided_at = timezone.now()
    locked.decision_note = note
    locked.save(update_fields=["status", "decided_by", "decided_at", "decision_note", "updated_at"])
    entry = JpLedgerEntry.objects.create(
        employee=locked.employee,
        year=locked.end_date.year,
        jp=locked.jp,
        source=LedgerSource.EXTERNAL,
        external_training=locked,
        title=locked.title,
        form=locked.form,
        completed_on=locked.end_date,
    )
    event_record(
        subject=locked,
        action="external_training.verified",
        actor=actor,
        from_state={"status": ExternalTrainingStatus.SUBMITTED},
        to_state={"status": locked.status, "entry": entry.pk, "jp": str(entry.jp), "year": entry.year},
        note=note,
    )
    _credited(entry, locked.employee, actor)
    return locked


@transaction.atomic
def external_training_reject(*, external_training: ExternalTraining, actor, reason: str) -> ExternalTraining:
    """Refuse a claim, saying why; nothing reaches the ledger."""
    _require_decider(external_training, actor)
    reason = (reason or "").strip() if isinstance(reason, str) else ""
    if not reason:
        raise ValidationError({"reason": _("Say why the claim is rejected.")})
    locked = _lock_for_decision(external_training, actor)
    reason = reason[:NOTE_MAX_LENGTH]
    locked.status = ExternalTrainingStatus.REJECTED
    locked.decided_by = actor
    locked.decided_at = timezone.now()
    locked.decision_note = reason
    locked.save(update_fields=["status", "decided_by", "decided_at", "decision_note", "updated_at"])
    event_record(
        subject=locked,
        action="external_training.rejected",
        actor=actor,
        from_state={"status": ExternalTrainingStatus.SUBMITTED},
        to_state={"status": locked.status},
        note=reason,
    )
    return locked
