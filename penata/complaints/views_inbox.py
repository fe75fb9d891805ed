"""The officers' and verifiers' inbox, bulk actions, response templates and attachment
downloads.

Who has an inbox: complaint officers and agency administrators (their agency's reports
and its sub-agencies'), complaint verifiers and the province administrator (every
report). Anyone else signed in gets 403; a report outside the user's inbox is a 404.
"""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from penata.accounts.models import Role, User
from penata.accounts.scoping import scope_of
from penata.core.errors import ApplicationError
from penata.core.pages import is_results_request, paginate, render_list
from penata.core.uploads import PDF_TYPE

from .forms_staff import BulkActionForm, InboxFilterForm, ResponseTemplateForm, agency_options
from .models import ComplaintAttachment, ComplaintStatus, ResponseTemplate
from .reporter_access import complaint_unlocked
from .selectors_inbox import (
    AGENCY_INBOX_ROLES,
    agencies_for_templates,
    complaint_inbox_list,
    complaint_inbox_visible_to,
    deadline_badges,
    inbox_allowed,
    inbox_is_province_wide,
    inbox_order,
    officers_in_scope_of,
    response_templates_visible_to,
)
from .services import (
    BULK_MAX_REPORTS,
    complaints_bulk_answer,
    complaints_bulk_archive,
    complaints_bulk_assign,
    complaints_bulk_dispatch,
    response_template_create,
    response_template_update,
)
from .services.officers import can_manage_templates

INBOX_PER_PAGE = 25
TEMPLATES_PER_PAGE = 25


def inbox_required(view):
    """Signed in with a role that has an inbox; anyone else signed in gets 403."""

    @wraps(view)
    @login_required
    def wrapper(request, *args, **kwargs):
        if not inbox_allowed(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def templates_required(view):
    """The agency's administrators and officers, and the province administrator."""

    @wraps(view)
    @login_required
    def wrapper(request, *args, **kwargs):
        user = request.user
        if not (
            inbox_allowed(user)
            and (user.is_superuser or user.role == Role.PROVINCE_ADMIN or user.role in AGENCY_INBOX_ROLES)
        ):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def bulk_actions_for(user) -> list[str]:
    """Agency staff assign and answer; the verifiers dispatch and archive."""
    if user.role in AGENCY_INBOX_ROLES and not user.is_superuser:
        return [BulkActionForm.ASSIGN, BulkActionForm.ANSWER]
    return [BulkActionForm.DISPATCH, BulkActionForm.ARCHIVE]


def _bulk_form(user, data=None, *, agencies=None) -> BulkActionForm:
    actions = bulk_actions_for(user)
    agency_staff = BulkActionForm.ASSIGN in actions
    officers = officers_in_scope_of(user=user) if agency_staff else User.objects.none()
    templates = (
        response_templates_visible_to(user=user).filter(is_active=True).order_by("agency__code", "title")
        if agency_staff
        else ResponseTemplate.objects.none()
    )
    return BulkActionForm(
        data, actions=actions, officers=officers, templates=templates, agencies=agencies, prefix="bulk"
    )


class InboxPaginator(Paginator):
    """Orders the page once the number of matches is known (see ``inbox_order``)."""

    def page(self, number):
        self.object_list = self.object_list.order_by(*inbox_order(matching=self.count))
        return super().page(number)


@inbox_required
def inbox(request):
    user = request.user
    data = request.GET.copy()
    # The verifier's work is the reports waiting for verification; "All statuses" is one click away.
    if user.role == Role.COMPLAINT_VERIFIER and "status" not in data:
        data["status"] = ComplaintStatus.SUBMITTED
    province_wide = inbox_is_province_wide(user)
    # The filter's and the bulk dispatch's agency selects share one query (none for htmx).
    agencies = agency_options() if province_wide else None
    form = InboxFilterForm(data, province_wide=province_wide, agencies=agencies)
    filters = form.cleaned_data if form.is_valid() else {}
    complaints = complaint_inbox_list(
        user=user,
        status=filters.get("status", ""),
        category=filters.get("category"),
        agency=filters.get("agency"),
        overdue=filters.get("overdue", False),
        assigned=filters.get("assigned", ""),
        code=filters.get("q", ""),
    )
    page = InboxPaginator(complaints, INBOX_PER_PAGE).get_page(request.GET.get("page"))
    page.object_list = list(page.object_list)
    badges = deadline_badges(page.object_list)  # one calendar for the page
    for complaint in page.object_list:
        complaint.badge = badges.get(complaint.pk)
    context = {
        "form": form,
        "page": page,
        "province_wide": province_wide,
        # An agency with sub-agencies (a hospital under the Health Office) sees whose report it is.
        "show_agency": province_wide or len(scope_of(user).agency_ids) > 1,
        "bulk_max": BULK_MAX_REPORTS,
        "may_manage_templates": user.is_superuser
        or user.role == Role.PROVINCE_ADMIN
        or user.role in AGENCY_INBOX_ROLES,
    }
    if not is_results_request(request):
        context["bulk_form"] = _bulk_form(user, agencies=agencies)
    return render_list(request, "complaints/inbox/inbox.html", "complaints/inbox/_results.html", context)


def _back_to_inbox(request):
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect("complaints:inbox")


def _error_messages(request, error: Exception) -> None:
    if isinstance(error, ValidationError):
        for message in error.messages:
            messages.error(request, message)
        return
    details = [str(item) for items in (getattr(error, "fields", None) or {}).values() for item in items]
    text = str(error.message)
    if details:
        text = "{} {}".format(text, " · ".join(details))
    messages.error(request, text)


@require_POST
@inbox_required
def inbox_bulk(request):
    user = request.user
    codes = list(dict.fromkeys(code.strip() for code in request.POST.getlist("codes") if code.strip()))
    if not codes:
        messages.error(request, _("Choose at least one report."))
        return _back_to_inbox(request)
    if len(codes) > BULK_MAX_REPORTS:
        messages.error(
            request,
            _("At most %(max)s reports can be changed at once; %(count)s were chosen.")
            % {"max": BULK_MAX_REPORTS, "count": len(codes)},
        )
        return _back_to_inbox(request)
    form = _bulk_form(user, request.POST)
    if not form.is_valid():
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            for error in errors:
                messages.error(request, f"{label}: {error}" if label else error)
        return _back_to_inbox(request)
    complaints = list(complaint_inbox_visible_to(user=user).filter(tracking_code__in=codes))
    if len(complaints) != len(codes):
        raise Http404
    data = form.cleaned_data
    action = data["action"]
    try:
        if action == BulkActionForm.ASSIGN:
            done = complaints_bulk_assign(complaints=complaints, officer=data["officer"], actor=user)
        elif action == BulkActionForm.ANSWER:
            done = complaints_bulk_answer(
                complaints=complaints, template_or_text=data["template"] or data["text"], actor=user
            )
        elif action == BulkActionForm.ARCHIVE:
            done = complaints_bulk_archive(complaints=complaints, actor=user, reason=data["reason"])
        else:
            done = complaints_bulk_dispatch(complaints=complaints, agency=data["agency"], actor=user)
    except (ValidationError, ApplicationError) as error:
        _error_messages(request, error)
    else:
        messages.success(
            request,
            ngettext("%(count)s report was changed.", "%(count)s reports were changed.", len(done))
            % {"count": len(done)},
        )
    return _back_to_inbox(request)


# --- attachments --------------------------------------------------------------------------


def attachment(request, pk: int):
    """A report's file, for staff who may see the report or for its reporter; 404 for anyone
    else. Served with the type detected at upload, never sniffed by the browser."""
    found = ComplaintAttachment.objects.select_related("complaint").filter(pk=pk).first()
    if found is None:
        raise Http404
    complaint = found.complaint
    allowed = complaint_unlocked(request, complaint) or (
        inbox_allowed(request.user)
        and complaint_inbox_visible_to(user=request.user).filter(pk=complaint.pk).exists()
    )
    if not allowed:
        raise Http404
    try:
        handle = found.file.open("rb")
    except (FileNotFoundError, OSError, ValueError):
        raise Http404 from None
    response = FileResponse(
        handle,
        content_type=found.content_type,
        as_attachment=found.content_type == PDF_TYPE,
        filename=found.original_name,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


# --- response templates -------------------------------------------------------------------


@templates_required
def templates(request):
    user = request.user
    agencies = agencies_for_templates(user=user)
    chosen = None
    code = request.GET.get("agency", "")
    if code:
        chosen = agencies.filter(code=code).first()
    rows = response_templates_visible_to(user=user)
    if chosen is not None:
        rows = rows.filter(agency=chosen)
    page = paginate(request, rows.order_by("agency__name", "title", "id"), TEMPLATES_PER_PAGE)
    context = {
        "page": page,
        "agencies": agencies if len(agencies) > 1 else None,
        "chosen": chosen,
    }
    return render(request, "complaints/inbox/templates.html", context)


def _visible_template(user, pk: int) -> ResponseTemplate:
    template = response_templates_visible_to(user=user).filter(pk=pk).first()
    if template is None:
        raise Http404
    return template


@templates_required
def template_create(request):
    user = request.user
    agencies = agencies_for_templates(user=user)
    initial = (
        {"agency": user.agency.code} if user.agency_id and agencies.filter(pk=user.agency_id).exists() else {}
    )
    form = ResponseTemplateForm(request.POST or None, agencies=agencies, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            response_template_create(
                agency=data["agency"], title=data["title"], body=data["body"], actor=user
            )
        except ValidationError as error:
            form.add_service_errors(error)
        except ApplicationError as error:
            form.add_error(None, str(error.message))
        else:
            messages.success(request, _("The response template is saved."))
            return redirect("complaints:templates")
    return render(request, "complaints/inbox/template_form.html", {"form": form, "template": None})


@templates_required
def template_edit(request, pk: int):
    user = request.user
    template = _visible_template(user, pk)
    if not can_manage_templates(user, template.agency_id):
        raise PermissionDenied
    initial = {"title": template.title, "body": template.body, "is_active": template.is_active}
    form = ResponseTemplateForm(request.POST or None, agencies=None, editing=True, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            response_template_update(
                template=template,
                actor=user,
                title=data["title"],
                body=data["body"],
                is_active=data["is_active"],
            )
        except ValidationError as error:
            form.add_service_errors(error)
        except ApplicationError as error:
            form.add_error(None, str(error.message))
        else:
            messages.success(request, _("The response template is saved."))
            return redirect("complaints:templates")
    return render(request, "complaints/inbox/template_form.html", {"form": form, "template": template})


@require_POST
@templates_required
def template_active(request, pk: int):
    """Deactivate (officers no longer see it) or reactivate a template."""
    template = _visible_template(request.user, pk)
    active = request.POST.get("active") == "1"
    try:
        response_template_update(template=template, actor=request.user, is_active=active)
    except (ValidationError, ApplicationError) as error:
        _error_messages(request, error)
    else:
        if active:
            messages.success(request, _("“%(title)s” is active again.") % {"title": template.title})
        else:
            messages.success(request, _("“%(title)s” is deactivated.") % {"title": template.title})
    return redirect("complaints:templates")
