"""The officers' and verifiers' work around a report: internal notes, response templates,
the confidential reporter's identity, and bulk actions on up to 100 reports.

Bulk actions run every report through its own transition service (so each report gets
its own event, deadline and notice) inside one transaction: when any report cannot take
the action, nothing is kept and the error names every report that failed.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from penata.accounts.models import Role
from penata.core.errors import ApplicationError, PermissionDenied
from penata.core.events import event_record
from penata.organization.models import Agency

from ..models import DESCRIPTION_MAX_LENGTH, Complaint, ComplaintNote, Privacy, ResponseTemplate
from .transitions import (
    _is_agency_staff,
    _is_verifier,
    _require_verifier,
    complaint_answer,
    complaint_archive,
    complaint_assign,
    complaint_dispatch,
)

NOTE_MAX_LENGTH = 5000
TEMPLATE_TITLE_MAX_LENGTH = ResponseTemplate._meta.get_field("title").max_length
TEMPLATE_BODY_MAX_LENGTH = DESCRIPTION_MAX_LENGTH
BULK_MAX_REPORTS = 100


def acts_as_verifier(user) -> bool:
    """Verifies and dispatches reports (the services' rule: verifier, province administrator, superuser)."""
    return _is_verifier(user)


def acts_for_agency(user, agency_id: int | None) -> bool:
    """Handles the reports of ``agency_id``: its officers and administrators, or an agency's above it."""
    return _is_agency_staff(user, agency_id)


# --- internal notes -----------------------------------------------------------------------


@transaction.atomic
def complaint_note_add(*, complaint: Complaint, author, text: str) -> ComplaintNote:
    """An internal note by the responsible agency's staff or a verifier. Never public; the
    event records that a note was added, not its text."""
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Write the note.")})
    if len(text) > NOTE_MAX_LENGTH:
        raise ValidationError(
            {"text": _("A note is at most %(max)s characters long.") % {"max": NOTE_MAX_LENGTH}}
        )
    if not (_is_verifier(author) or _is_agency_staff(author, complaint.agency_id)):
        raise PermissionDenied(_("Only the responsible agency or a verifier can add notes to this report."))
    note = ComplaintNote.objects.create(complaint=complaint, author=author, text=text)
    event_record(subject=complaint, action="complaint.note_added", actor=author, to_state={"note": note.pk})
    return note


# --- the confidential reporter's identity -------------------------------------------------


@dataclass(frozen=True)
class ReporterIdentity:
    name: str
    email: str
    phone: str


def can_reveal_identity(user) -> bool:
    """Only the complaint verifier (and a superuser) may see a confidential reporter."""
    return (
        user is not None
        and user.is_authenticated
        and user.is_active
        and (user.is_superuser or user.role == Role.COMPLAINT_VERIFIER)
    )


@transaction.atomic
def complaint_identity_view(*, complaint: Complaint, actor) -> ReporterIdentity:
    """The identity of a confidential report's reporter, for the verifier; every view is logged."""
    if not can_reveal_identity(actor):
        raise PermissionDenied(_("Only a complaint verifier can see a confidential reporter's identity."))
    event_record(subject=complaint, action="complaint.identity_viewed", actor=actor)
    return ReporterIdentity(
        name=complaint.reporter_name, email=complaint.reporter_email, phone=complaint.reporter_phone
    )


def reporter_identity_shown(complaint: Complaint) -> ReporterIdentity | None:
    """What staff pages show without a logged view: a public reporter's name and contact,
    nothing for an anonymous or a confidential one."""
    if complaint.privacy != Privacy.PUBLIC:
        return None
    return ReporterIdentity(
        name=complaint.reporter_name, email=complaint.reporter_email, phone=complaint.reporter_phone
    )


# --- response templates -------------------------------------------------------------------


def can_manage_templates(user, agency_id: int | None) -> bool:
    """The agency's administrators and complaint officers; the province administrator everywhere."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser or user.role == Role.PROVINCE_ADMIN:
        return True
    return _is_agency_staff(user, agency_id)


def _template_clean(
    *, agency: Agency, title: str, body: str, exclude_pk: int | None = None
) -> tuple[str, str]:
    title = (title or "").strip()
    body = (body or "").strip()
    errors: dict[str, str] = {}
    if not title:
        errors["title"] = _("Give the template a title.")
    elif len(title) > TEMPLATE_TITLE_MAX_LENGTH:
        errors["title"] = _("The title is at most %(max)s characters long.") % {
            "max": TEMPLATE_TITLE_MAX_LENGTH
        }
    elif (
        ResponseTemplate.objects.filter(agency=agency, title__iexact=title)
        .exclude(pk=exclude_pk or 0)
        .exists()
    ):
        errors["title"] = _("The agency already has a template with this title.")
    if not body:
        errors["body"] = _("Write the text of the template.")
    elif len(body) > TEMPLATE_BODY_MAX_LENGTH:
        errors["body"] = _("The text is at most %(max)s characters long.") % {"max": TEMPLATE_BODY_MAX_LENGTH}
    if errors:
        raise ValidationError(errors)
    return title, body


def _template_saved(template: ResponseTemplate) -> None:
    # The database constraint is the last word when two people save the same title at once.
    try:
        with transaction.atomic():
            template.save()
    except IntegrityError:
        raise ValidationError({"title": _("The agency already has a template with this title.")}) from None


@transaction.atomic
def response_template_create(*, agency: Agency, title: str, body: str, actor) -> ResponseTemplate:
    if not can_manage_templates(actor, agency.pk):
        raise PermissionDenied(_("Only the agency's staff can manage its response templates."))
    title, body = _template_clean(agency=agency, title=title, body=body)
    template = ResponseTemplate(agency=agency, title=title, body=body)
    _template_saved(template)
    event_record(
        subject=template,
        action="complaint.response_template_created",
        actor=actor,
        to_state={"agency": agency.code, "title": title, "is_active": True},
    )
    return template


@transaction.atomic
def response_template_update(
    *,
    template: ResponseTemplate,
    actor,
    title: str | None = None,
    body: str | None = None,
    is_active: bool | None = None,
) -> ResponseTemplate:
    """Change the title, the text or whether officers can pick it (deactivate, reactivate)."""
    template = ResponseTemplate.objects.select_for_update().select_related("agency").get(pk=template.pk)
    if not can_manage_templates(actor, template.agency_id):
        raise PermissionDenied(_("Only the agency's staff can manage its response templates."))
    before = {"title": template.title, "is_active": template.is_active, "body_changed": False}
    new_title, new_body = _template_clean(
        agency=template.agency,
        title=template.title if title is None else title,
        body=template.body if body is None else body,
        exclude_pk=template.pk,
    )
    after = {
        "title": new_title,
        "is_active": template.is_active if is_active is None else bool(is_active),
        "body_changed": new_body != template.body,
    }
    if after == before:
        return template
    template.title, template.body, template.is_active = new_title, new_body, after["is_active"]
    _template_saved(template)
    event_record(
        subject=template,
        action="complaint.response_template_updated",
        actor=actor,
        from_state={k: before[k] for k in ("title", "is_active")},
        to_state=after,
    )
    return template


# --- bulk actions -------------------------------------------------------------------------


def _bulk_reports(complaints: Iterable[Complaint]) -> list[Complaint]:
    unique = {complaint.pk: complaint for complaint in complaints}
    if not unique:
        raise ValidationError({"complaints": _("Choose at least one report.")})
    if len(unique) > BULK_MAX_REPORTS:
        raise ValidationError(
            {
                "complaints": _("At most %(max)s reports can be changed at once; %(count)s were chosen.")
                % {"max": BULK_MAX_REPORTS, "count": len(unique)}
            }
        )
    # Always lock in the same order, so two bulk actions never wait on each other in a circle.
    return [unique[pk] for pk in sorted(unique)]


def _error_text(error: Exception) -> str:
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(getattr(error, "message", error))


def _bulk_run(complaints: Iterable[Complaint], action: Callable[[Complaint], Complaint]) -> list[Complaint]:
    reports = _bulk_reports(complaints)
    failures: list[str] = []
    done: list[Complaint] = []
    with transaction.atomic():
        for complaint in reports:
            try:
                with transaction.atomic():
                    done.append(action(complaint))
            except (ApplicationError, ValidationError) as error:
                failures.append(
                    _("%(code)s: %(reason)s")
                    % {"code": complaint.tracking_code, "reason": _error_text(error)}
                )
        if failures:
            # Leaving the block with an exception undoes the reports that did succeed.
            raise ApplicationError(
                _("Nothing was changed: %(count)s of the %(total)s reports cannot take this action.")
                % {"count": len(failures), "total": len(reports)},
                code="bulk_action_refused",
                fields={"complaints": failures},
            )
    return done


def complaints_bulk_assign(*, complaints: Iterable[Complaint], officer, actor) -> list[Complaint]:
    return _bulk_run(complaints, lambda c: complaint_assign(complaint=c, officer=officer, actor=actor))


def complaints_bulk_answer(
    *, complaints: Iterable[Complaint], template_or_text: ResponseTemplate | str, actor
) -> list[Complaint]:
    """The same answer to every report: a response template of the responsible agency, or a text."""
    if isinstance(template_or_text, ResponseTemplate):
        template = template_or_text
        if not template.is_active:
            raise ValidationError({"template": _("This response template is no longer active.")})
        if not can_manage_templates(actor, template.agency_id):
            raise PermissionDenied(_("This response template belongs to another agency."))
        text = template.body
    else:
        text = template_or_text
    return _bulk_run(complaints, lambda c: complaint_answer(complaint=c, answer=text, actor=actor))


def complaints_bulk_archive(*, complaints: Iterable[Complaint], actor, reason: str) -> list[Complaint]:
    _require_verifier(actor)
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Give a reason.")})
    return _bulk_run(complaints, lambda c: complaint_archive(complaint=c, actor=actor, reason=reason))


def complaints_bulk_dispatch(*, complaints: Iterable[Complaint], agency: Agency, actor) -> list[Complaint]:
    _require_verifier(actor)
    return _bulk_run(complaints, lambda c: complaint_dispatch(complaint=c, agency=agency, actor=actor))
