"""One report in the inbox: what the reporter wrote, files, history, internal notes, the
reporter's identity as far as its privacy allows, and the actions the user may take now.

Each action posts to its own address and calls one transition service; a refused form is
shown again with the error next to its field, a refused transition (409) or permission
(403) comes back as a message, and nothing is written in either case.
"""

import logging

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from penata.accounts.models import User
from penata.core.errors import ApplicationError
from penata.core.errors import PermissionDenied as ActionDenied
from penata.organization.models import Agency

from .forms_staff import (
    AnswerForm,
    AssignForm,
    DispatchForm,
    NoteForm,
    PrivacyForm,
    ReasonForm,
    ReferForm,
    RequestInfoForm,
)
from .models import (
    PRIVACY_ORDER,
    TRANSITIONS,
    AttachmentKind,
    Complaint,
    ComplaintAction,
    ComplaintCategory,
    ComplaintStatus,
    Privacy,
)
from .selectors_inbox import (
    complaint_attachments,
    complaint_history,
    complaint_inbox_detail,
    complaint_inbox_visible_to,
    complaint_notes,
    complaint_officers_for,
    deadline_badges,
    response_templates_for,
)
from .services import (
    complaint_answer,
    complaint_archive,
    complaint_assign,
    complaint_decline_not_authority,
    complaint_dispatch,
    complaint_identity_view,
    complaint_note_add,
    complaint_privacy_tighten,
    complaint_refer,
    complaint_request_info,
)
from .services import routing as routing_service
from .services.officers import acts_as_verifier, acts_for_agency, can_reveal_identity, reporter_identity_shown
from .views_inbox import inbox_required

logger = logging.getLogger(__name__)

SUGGESTIONS_SHOWN = 3

# Form class, prefix and the success message of every action a page can post.
PRIVACY = "privacy"
VERIFIER_ACTIONS = (
    ComplaintAction.DISPATCH,
    ComplaintAction.REQUEST_INFO,
    ComplaintAction.DECLINE_NOT_AUTHORITY,
    ComplaintAction.ARCHIVE,
)
AGENCY_ACTIONS = (ComplaintAction.ASSIGN, ComplaintAction.ANSWER, ComplaintAction.REFER)

EVENT_LABELS = {
    "complaint.submitted": gettext_lazy("Report filed"),
    "complaint.dispatch": gettext_lazy("Verified and dispatched"),
    "complaint.request_info": gettext_lazy("More information asked from the reporter"),
    "complaint.supplement": gettext_lazy("The reporter added information"),
    "complaint.decline_not_authority": gettext_lazy("Declined: not the government's authority"),
    "complaint.archive": gettext_lazy("Archived"),
    "complaint.assign": gettext_lazy("Assigned to an officer"),
    "complaint.answer": gettext_lazy("Answered"),
    "complaint.refer": gettext_lazy("Referred to another agency"),
    "complaint.accept": gettext_lazy("The reporter accepted the answer"),
    "complaint.reopen": gettext_lazy("Reopened by the reporter"),
    "complaint.close_response_window": gettext_lazy("Closed: no response from the reporter"),
    "complaint.privacy_tightened": gettext_lazy("Privacy tightened"),
    "complaint.attachments_added": gettext_lazy("Files attached"),
    "complaint.note_added": gettext_lazy("Internal note added"),
    "complaint.identity_viewed": gettext_lazy("Reporter's identity viewed"),
    "complaint.overdue": gettext_lazy("Deadline passed"),
    "complaint.escalated": gettext_lazy("Escalated to the province"),
    "complaint.rated": gettext_lazy("The reporter rated the answer"),
}


PANELS = {
    ComplaintAction.DISPATCH: (gettext_lazy("Verify and dispatch"), gettext_lazy("Dispatch"), "btn-penata"),
    ComplaintAction.REQUEST_INFO: (
        gettext_lazy("Ask the reporter for more information"),
        gettext_lazy("Send the question"),
        "btn-outline-penata",
    ),
    ComplaintAction.DECLINE_NOT_AUTHORITY: (
        gettext_lazy("Decline: not the government's authority"),
        gettext_lazy("Decline"),
        "btn-outline-danger",
    ),
    ComplaintAction.ARCHIVE: (gettext_lazy("Archive"), gettext_lazy("Archive"), "btn-outline-danger"),
    PRIVACY: (gettext_lazy("Tighten privacy"), gettext_lazy("Tighten privacy"), "btn-outline-penata"),
    ComplaintAction.ASSIGN: (
        gettext_lazy("Assign to an officer"),
        gettext_lazy("Assign"),
        "btn-outline-penata",
    ),
    ComplaintAction.ANSWER: (
        gettext_lazy("Answer the reporter"),
        gettext_lazy("Send the answer"),
        "btn-penata",
    ),
    ComplaintAction.REFER: (
        gettext_lazy("Refer to another agency"),
        gettext_lazy("Refer"),
        "btn-outline-penata",
    ),
}
# Opened at once when no other form is being corrected: the step's main action.
PRIMARY = (ComplaintAction.DISPATCH, ComplaintAction.ANSWER)


def _visible(user, code: str) -> Complaint:
    try:
        return complaint_inbox_detail(user=user, code=code)
    except Complaint.DoesNotExist:
        raise Http404 from None


def actions_for(user, complaint: Complaint) -> list[str]:
    """The actions ``user`` may take on ``complaint`` in its current status."""
    found: list[str] = []
    verifier = acts_as_verifier(user)
    agency_staff = acts_for_agency(user, complaint.agency_id)
    if verifier:
        found += [a for a in VERIFIER_ACTIONS if (complaint.status, a) in TRANSITIONS]
    if agency_staff:
        found += [a for a in AGENCY_ACTIONS if (complaint.status, a) in TRANSITIONS]
    elif verifier and (complaint.status, ComplaintAction.REFER) in TRANSITIONS:
        # A report dispatched to the wrong agency: the verifier sends it on.
        found.append(ComplaintAction.REFER)
    if verifier and complaint.privacy != PRIVACY_ORDER[-1]:
        found.append(PRIVACY)
    return found


def _forms(complaint: Complaint, actions: list[str], *, bound: dict | None = None) -> dict:
    """An unbound form for every allowed action, or the bound one that was just posted."""
    bound = bound or {}

    def make(name, form_class, **kwargs):
        if name in bound:
            return bound[name]
        return form_class(prefix=name, **kwargs)

    forms = {}
    for action in actions:
        if action == ComplaintAction.DISPATCH:
            forms[action] = make(action, DispatchForm)
        elif action == ComplaintAction.REQUEST_INFO:
            forms[action] = make(action, RequestInfoForm)
        elif action in (ComplaintAction.DECLINE_NOT_AUTHORITY, ComplaintAction.ARCHIVE):
            forms[action] = make(action, ReasonForm)
        elif action == PRIVACY:
            forms[action] = make(action, PrivacyForm, current=complaint.privacy)
        elif action == ComplaintAction.ASSIGN:
            forms[action] = make(action, AssignForm, officers=complaint_officers_for(complaint=complaint))
        elif action == ComplaintAction.ANSWER:
            forms[action] = make(action, AnswerForm, templates=response_templates_for(complaint=complaint))
        elif action == ComplaintAction.REFER:
            forms[action] = make(action, ReferForm, current_agency_id=complaint.agency_id)
    return forms


def _bound_form(action: str, complaint: Complaint, request):
    data, files = request.POST, request.FILES
    if action == ComplaintAction.DISPATCH:
        return DispatchForm(data, prefix=action)
    if action == ComplaintAction.REQUEST_INFO:
        return RequestInfoForm(data, prefix=action)
    if action in (ComplaintAction.DECLINE_NOT_AUTHORITY, ComplaintAction.ARCHIVE):
        return ReasonForm(data, prefix=action)
    if action == PRIVACY:
        return PrivacyForm(data, prefix=action, current=complaint.privacy)
    if action == ComplaintAction.ASSIGN:
        return AssignForm(data, prefix=action, officers=complaint_officers_for(complaint=complaint))
    if action == ComplaintAction.ANSWER:
        return AnswerForm(data, files, prefix=action, templates=response_templates_for(complaint=complaint))
    return ReferForm(data, prefix=action, current_agency_id=complaint.agency_id)


def _perform(action: str, complaint: Complaint, form, user) -> str:
    """Call the action's service; return the success message."""
    data = form.cleaned_data
    if action == ComplaintAction.DISPATCH:
        complaint_dispatch(complaint=complaint, agency=data["agency"], actor=user)
        return _("The report is dispatched to %(agency)s.") % {"agency": data["agency"].name}
    if action == ComplaintAction.REQUEST_INFO:
        complaint_request_info(complaint=complaint, actor=user, question=data["question"])
        return _("The reporter is asked for more information.")
    if action == ComplaintAction.DECLINE_NOT_AUTHORITY:
        complaint_decline_not_authority(complaint=complaint, actor=user, reason=data["reason"])
        return _("The report is declined as not the government's authority.")
    if action == ComplaintAction.ARCHIVE:
        complaint_archive(complaint=complaint, actor=user, reason=data["reason"])
        return _("The report is archived.")
    if action == PRIVACY:
        complaint_privacy_tighten(complaint=complaint, privacy=data["privacy"], actor=user)
        return _("The privacy of the report is now “%(privacy)s”.") % {
            "privacy": Privacy(data["privacy"]).label
        }
    if action == ComplaintAction.ASSIGN:
        complaint_assign(complaint=complaint, officer=data["officer"], actor=user)
        officer = data["officer"]
        return _("The report is assigned to %(name)s.") % {"name": officer.full_name or officer.username}
    if action == ComplaintAction.ANSWER:
        complaint_answer(
            complaint=complaint, answer=data["answer"], actor=user, attachments=data["attachments"]
        )
        return _("The answer is sent; the reporter has 10 working days to respond.")
    complaint_refer(complaint=complaint, agency=data["agency"], actor=user, reason=data["reason"])
    return _("The report is referred to %(agency)s.") % {"agency": data["agency"].name}


# --- reading ------------------------------------------------------------------------------


def _suggestions(complaint: Complaint) -> list[dict]:
    """The routing model's top 3 for the verifier; none when it cannot answer (no model
    trained yet, a broken file): the verifier decides alone then."""
    try:
        found = list(routing_service.route_suggestions(description=complaint.description))[:SUGGESTIONS_SHOWN]
    except Exception:
        logger.warning("Routing suggestions failed for %s.", complaint.tracking_code, exc_info=True)
        return []
    if not found:
        return []
    categories = {c.code: c for c in ComplaintCategory.objects.filter(code__in=[s.category for s in found])}
    agencies = {a.code: a for a in Agency.objects.filter(code__in=[s.agency for s in found if s.agency])}
    return [
        {
            "category": categories.get(s.category),
            "category_code": s.category,
            "agency": agencies.get(s.agency) if s.agency else None,
            "percent": round(float(s.confidence) * 100),
        }
        for s in found
    ]


def _history(complaint: Complaint) -> list[dict]:
    """The timeline, oldest first. The reporter appears as "the reporter", never by the
    name of their account: a confidential reporter's identity is the verifier's alone."""
    rows = []
    officer_ids = set()
    events = list(complaint_history(complaint=complaint))
    for event in events:
        if event.action == "complaint.assign" and isinstance(event.to_state, dict):
            officer_ids.add(event.to_state.get("assigned_to"))
    officers = {u.pk: u for u in User.objects.filter(pk__in=[i for i in officer_ids if isinstance(i, int)])}
    for event in events:
        before = event.from_state if isinstance(event.from_state, dict) else {}
        after = event.to_state if isinstance(event.to_state, dict) else {}
        if event.actor_id is not None and event.actor_id == complaint.reporter_id:
            actor = _("The reporter")
        elif event.actor is not None:
            actor = event.actor.full_name or event.actor.username
        elif event.action in (
            "complaint.submitted",
            "complaint.supplement",
            "complaint.accept",
            "complaint.reopen",
        ):
            actor = _("The reporter")
        else:
            actor = _("System")
        details = []
        if "status" in after and before.get("status") and before["status"] != after["status"]:
            details.append(
                _("%(from)s → %(to)s")
                % {"from": _status_label(before["status"]), "to": _status_label(after["status"])}
            )
        if after.get("agency") and event.action in ("complaint.dispatch", "complaint.refer"):
            details.append(_("Agency: %(agency)s") % {"agency": after["agency"]})
        if event.action == "complaint.assign":
            officer = officers.get(after.get("assigned_to"))
            if officer is not None:
                details.append(_("Officer: %(name)s") % {"name": officer.full_name or officer.username})
        if event.action == "complaint.privacy_tightened":
            details.append(
                _("%(from)s → %(to)s")
                % {"from": _privacy_label(before.get("privacy")), "to": _privacy_label(after.get("privacy"))}
            )
        if event.action == "complaint.attachments_added" and after.get("files"):
            details.append(", ".join(str(name) for name in after["files"]))
        rows.append(
            {
                "event": event,
                "label": EVENT_LABELS.get(event.action, event.action),
                "actor": actor,
                "details": details,
                "note": event.note,
            }
        )
    return rows


def _status_label(value) -> str:
    return ComplaintStatus(value).label if value in ComplaintStatus.values else str(value)


def _privacy_label(value) -> str:
    return Privacy(value).label if value in Privacy.values else str(value)


def _context(request, complaint: Complaint, *, bound: dict | None = None, identity=None) -> dict:
    user = request.user
    actions = actions_for(user, complaint)
    forms = _forms(complaint, actions, bound=bound)
    suggestions = []
    if ComplaintAction.DISPATCH in forms:
        suggestions = _suggestions(complaint)
        dispatch = forms[ComplaintAction.DISPATCH]
        if not dispatch.is_bound:
            first = next((s["agency"] for s in suggestions if s["agency"] is not None), None)
            first = first or complaint.category.default_agency
            if first is not None:
                dispatch.initial["agency"] = first.code
    templates = {}
    if ComplaintAction.ANSWER in forms:
        templates = {str(t.pk): t.body for t in forms[ComplaintAction.ANSWER].fields["template"].queryset}
    attachments = list(complaint_attachments(complaint=complaint))
    note_form = (bound or {}).get("note") or NoteForm(prefix="note")
    open_action = next((name for name, form in forms.items() if form.is_bound), None)
    if open_action is None and "note" not in (bound or {}):
        open_action = next((name for name in forms if name in PRIMARY), None)
    panels = [
        {
            "name": name,
            "label": PANELS[name][0],
            "button": PANELS[name][1],
            "button_class": PANELS[name][2],
            "form": form,
            "open": name == open_action,
            "multipart": name == ComplaintAction.ANSWER,
        }
        for name, form in forms.items()
    ]
    confidential = complaint.privacy == Privacy.CONFIDENTIAL
    return {
        "complaint": complaint,
        "badge": deadline_badges([complaint]).get(complaint.pk),
        "report_files": [a for a in attachments if a.kind == AttachmentKind.REPORT],
        "answer_files": [a for a in attachments if a.kind == AttachmentKind.ANSWER],
        "history": _history(complaint),
        "notes": complaint_notes(complaint=complaint),
        "note_form": note_form,
        "may_add_note": acts_as_verifier(user) or acts_for_agency(user, complaint.agency_id),
        "actions": actions,
        "panels": panels,
        "suggestions": suggestions,
        "template_bodies": templates,
        "identity": identity or reporter_identity_shown(complaint),
        "confidential": confidential,
        "may_reveal": confidential and can_reveal_identity(user),
        "identity_revealed": identity is not None,
    }


@inbox_required
def inbox_detail(request, code: str):
    complaint = _visible(request.user, code)
    return render(request, "complaints/inbox/detail.html", _context(request, complaint))


# --- acting -------------------------------------------------------------------------------


def _after_action(request, complaint: Complaint):
    """Back to the report while the user still sees it (a referral may take it out of reach)."""
    if complaint_inbox_visible_to(user=request.user).filter(pk=complaint.pk).exists():
        return redirect("complaints:inbox_detail", code=complaint.tracking_code)
    return redirect("complaints:inbox")


@require_POST
@inbox_required
def inbox_action(request, code: str, action: str):
    complaint = _visible(request.user, code)
    if action not in (*VERIFIER_ACTIONS, *AGENCY_ACTIONS, PRIVACY):
        raise Http404
    if action not in actions_for(request.user, complaint):
        messages.error(request, _("This action is not possible for this report now."))
        return redirect("complaints:inbox_detail", code=complaint.tracking_code)
    form = _bound_form(action, complaint, request)
    if form.is_valid():
        try:
            message = _perform(action, complaint, form, request.user)
        except ValidationError as error:
            form.add_service_errors(error)
        except ApplicationError as error:
            # InvalidTransition (someone else acted first) and PermissionDenied.
            messages.error(request, str(error.message))
            return redirect("complaints:inbox_detail", code=complaint.tracking_code)
        else:
            messages.success(request, message)
            return _after_action(request, complaint)
    return render(request, "complaints/inbox/detail.html", _context(request, complaint, bound={action: form}))


@require_POST
@inbox_required
def inbox_note(request, code: str):
    complaint = _visible(request.user, code)
    form = NoteForm(request.POST, prefix="note")
    if form.is_valid():
        try:
            complaint_note_add(complaint=complaint, author=request.user, text=form.cleaned_data["text"])
        except ValidationError as error:
            form.add_service_errors(error)
        except ApplicationError as error:
            messages.error(request, str(error.message))
            return redirect("complaints:inbox_detail", code=complaint.tracking_code)
        else:
            messages.success(request, _("The note is added."))
            return redirect("complaints:inbox_detail", code=complaint.tracking_code)
    return render(request, "complaints/inbox/detail.html", _context(request, complaint, bound={"note": form}))


@require_POST
@inbox_required
def inbox_identity(request, code: str):
    """Show a confidential reporter's identity to the verifier; every view is logged."""
    complaint = _visible(request.user, code)
    if complaint.privacy != Privacy.CONFIDENTIAL:
        return redirect("complaints:inbox_detail", code=complaint.tracking_code)
    try:
        identity = complaint_identity_view(complaint=complaint, actor=request.user)
    except ActionDenied as error:
        messages.error(request, str(error.message))
        return redirect("complaints:inbox_detail", code=complaint.tracking_code)
    response = render(
        request, "complaints/inbox/detail.html", _context(request, complaint, identity=identity)
    )
    # The identity is on this page only: never kept by a browser or a proxy cache.
    response["Cache-Control"] = "no-store"
    return response
