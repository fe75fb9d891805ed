"""Pages of the training catalogue.

- Catalogue, program and session pages, the session list and the month calendar: every
  member of the civil service (any signed-in role but citizen).
- Creating and editing programs and sessions, and moving a session's status: the
  training manager (BPSDM) and the province administrator (``is_training_manager``).

An unknown program or session code is a 404.
"""

import re
from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from penata.accounts.models import Role
from penata.competency.models import Competency
from penata.core.errors import ApplicationError
from penata.core.pages import paginate, render_list
from penata.organization.models import Agency

from .forms_programs import (
    CatalogueFilterForm,
    ProgramForm,
    ScheduleMode,
    SessionFilterForm,
    SessionForm,
    apply_service_errors,
    day_formset,
    days_from,
    target_formset,
    targets_from,
)
from .models import SESSION_TRANSITIONS, Program, SessionAction, SessionStatus
from .permissions import is_training_manager
from .selectors_programs import (
    calendar_month,
    program_list,
    program_sessions,
)
from .selectors_programs import (
    program_detail as program_detail_read,
)
from .selectors_programs import (
    session_detail as session_detail_read,
)
from .selectors_programs import (
    session_list as session_list_read,
)
from .services.programs import (
    PLACE_SUGGESTIONS,
    session_schedule,
)
from .services.programs import (
    program_create as program_create_service,
)
from .services.programs import (
    program_update as program_update_service,
)
from .services.programs import (
    session_create as session_create_service,
)
from .services.programs import (
    session_transition as session_transition_service,
)
from .services.programs import (
    session_update as session_update_service,
)

PROGRAMS_PER_PAGE = 12
SESSIONS_PER_PAGE = 25
PROGRAM_SESSIONS_PER_PAGE = 20
MONTH_PATTERN = re.compile(r"^(\d{4})-(\d{2})$")

ACTION_STYLES = {
    SessionAction.OPEN: "btn-penata",
    SessionAction.CLOSE: "btn-outline-secondary",
    SessionAction.REOPEN: "btn-outline-penata",
    SessionAction.COMPLETE: "btn-outline-success",
    SessionAction.CANCEL: "btn-outline-danger",
}
DONE_MESSAGES = {
    SessionAction.OPEN: gettext_lazy("Enrolment for %(code)s is open."),
    SessionAction.CLOSE: gettext_lazy("Enrolment for %(code)s is closed."),
    SessionAction.REOPEN: gettext_lazy("Enrolment for %(code)s is open again."),
    SessionAction.COMPLETE: gettext_lazy("Session %(code)s is completed."),
    SessionAction.CANCEL: gettext_lazy("Session %(code)s is cancelled."),
}


# --- who sees what ----------------------------------------------------------------------


def _civil_service(view):
    """Any signed-in member of the civil service; citizens have no use for it."""

    @login_required
    def wrapper(request, *args, **kwargs):
        user = request.user
        if not user.is_superuser and user.role == Role.CITIZEN:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    wrapper.__name__ = view.__name__
    wrapper.__doc__ = view.__doc__
    return wrapper


def _manager(view):
    """The training manager and the province administrator."""

    @login_required
    def wrapper(request, *args, **kwargs):
        if not is_training_manager(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    wrapper.__name__ = view.__name__
    wrapper.__doc__ = view.__doc__
    return wrapper


def _program_or_404(code: str) -> Program:
    program = program_detail_read(code=code)
    if program is None:
        raise Http404
    return program


def _session_or_404(code: str):
    session = session_detail_read(code=code)
    if session is None:
        raise Http404
    return session


def _competencies(extra_ids=()) -> list[Competency]:
    """Competencies a program may develop: the active ones, and any it already develops."""
    return list(
        Competency.objects.filter(Q(is_active=True) | Q(pk__in=list(extra_ids)))
        .select_related("agency")
        .order_by("kind", "code")
    )


# --- catalogue --------------------------------------------------------------------------


@_civil_service
def catalogue(request):
    """Programs and their upcoming sessions with free seats."""
    competencies = _competencies()
    form = CatalogueFilterForm(request.GET or None, competencies=competencies)
    filters = {}
    if form.is_valid():
        data = form.cleaned_data
        filters = {
            "form": data["form"],
            "focus": data["focus"],
            "modality": data["modality"],
            "competency": form.chosen_competency(),
            "search": data["q"].strip(),
            "place": data["place"].strip(),
        }
    programs = program_list(**filters)
    context = {
        "form": form,
        "page": paginate(request, programs, PROGRAMS_PER_PAGE),
        "may_manage": is_training_manager(request.user),
        "filtered": any(filters.values()),
        "place_suggestions": PLACE_SUGGESTIONS,
    }
    return render_list(
        request, "training/programs/catalogue.html", "training/programs/_catalogue_results.html", context
    )


@_civil_service
def program_detail(request, code: str):
    program = _program_or_404(code)
    may_manage = is_training_manager(request.user)
    if not program.is_active and not may_manage:
        raise Http404
    sessions = program_sessions(program=program, include_cancelled=may_manage)
    return render(
        request,
        "training/programs/program_detail.html",
        {
            "program": program,
            "targets": list(program.targets.all()),
            "page": paginate(request, sessions, PROGRAM_SESSIONS_PER_PAGE),
            "may_manage": may_manage,
            "today": timezone.localdate(),
        },
    )


@_civil_service
def session_detail(request, code: str):
    session = _session_or_404(code)
    may_manage = is_training_manager(request.user)
    actions = []
    if may_manage:
        actions = [
            {"value": action.value, "label": action.label, "style": ACTION_STYLES[action]}
            for action in SessionAction
            if (session.status, action) in SESSION_TRANSITIONS
        ]
    return render(
        request,
        "training/programs/session_detail.html",
        {
            "session": session,
            "program": session.program,
            "targets": list(session.program.targets.all()),
            "days": session_schedule(session),
            "may_manage": may_manage,
            "actions": actions,
        },
    )


@_civil_service
def session_list(request):
    form = SessionFilterForm(request.GET or None)
    filters = {}
    if form.is_valid():
        data = form.cleaned_data
        filters = {
            "date_from": data["date_from"],
            "date_to": data["date_to"],
            "place": data["place"].strip(),
            "status": data["status"],
            "program": data["program"],
            "agency": data["agency"],
            "search": data["q"].strip(),
        }
    sessions = session_list_read(**filters)
    context = {
        "form": form,
        "page": paginate(request, sessions, SESSIONS_PER_PAGE),
        "may_manage": is_training_manager(request.user),
        "today": timezone.localdate(),
    }
    return render_list(
        request, "training/programs/session_list.html", "training/programs/_session_results.html", context
    )


def _month_of(request) -> date:
    today = timezone.localdate()
    match = MONTH_PATTERN.match(request.GET.get("month", ""))
    if match:
        year, month = int(match.group(1)), int(match.group(2))
        if 2000 <= year <= 2100 and 1 <= month <= 12:
            return date(year, month, 1)
    return today.replace(day=1)


@_civil_service
def calendar(request):
    month = _month_of(request)
    data = calendar_month(year=month.year, month=month.month)
    return render(
        request,
        "training/programs/calendar.html",
        {"calendar": data, "month": month, "may_manage": is_training_manager(request.user)},
    )


# --- managing programs ------------------------------------------------------------------


@_manager
def program_create(request):
    competencies = _competencies()
    form = ProgramForm(request.POST or None)
    targets = target_formset(request.POST or None, program=None, competencies=competencies)
    service_errors: dict = {}
    if request.method == "POST" and form.is_valid() and targets.is_valid():
        data = form.cleaned_data
        try:
            program = program_create_service(
                code=data["code"],
                title=data["title"],
                form=data["form"],
                focus=data["focus"],
                modality=data["modality"],
                jp=data["jp"],
                provider=data["provider"],
                description=data["description"],
                prerequisites=data["prerequisites"],
                attendance_min_percent=data["attendance_min_percent"],
                targets=targets_from(targets, competencies),
                actor=request.user,
            )
        except ApplicationError as error:
            apply_service_errors(form, error, elsewhere=service_errors)
        else:
            messages.success(
                request,
                _("Program %(code)s %(title)s created.") % {"code": program.code, "title": program.title},
            )
            return redirect("training:program-detail", code=program.code)
    return render(
        request,
        "training/programs/program_form.html",
        {"form": form, "targets": targets, "program": None, "targets_error": service_errors.get("targets")},
    )


@_manager
def program_edit(request, code: str):
    program = _program_or_404(code)
    current = list(program.targets.all())
    competencies = _competencies(extra_ids=[target.competency_id for target in current])
    form = ProgramForm(request.POST or None, program=program)
    targets = target_formset(request.POST or None, program=program, competencies=competencies)
    service_errors: dict = {}
    if request.method == "POST" and form.is_valid() and targets.is_valid():
        data = form.cleaned_data
        try:
            program_update_service(
                program=program,
                actor=request.user,
                title=data["title"],
                form=data["form"],
                focus=data["focus"],
                modality=data["modality"],
                jp=data["jp"],
                provider=data["provider"],
                description=data["description"],
                prerequisites=data["prerequisites"],
                attendance_min_percent=data["attendance_min_percent"],
                is_active=data["is_active"],
                targets=targets_from(targets, competencies),
            )
        except ApplicationError as error:
            apply_service_errors(form, error, elsewhere=service_errors)
        else:
            messages.success(request, _("Program %(code)s saved.") % {"code": program.code})
            return redirect("training:program-detail", code=program.code)
    return render(
        request,
        "training/programs/program_form.html",
        {
            "form": form,
            "targets": targets,
            "program": program,
            "targets_error": service_errors.get("targets"),
        },
    )


# --- managing sessions ------------------------------------------------------------------


def _session_form_context(form, days, session, schedule_error=None) -> dict:
    return {
        "form": form,
        "days": days,
        "session": session,
        "schedule_error": schedule_error,
        "place_suggestions": PLACE_SUGGESTIONS,
    }


@_manager
def session_create(request):
    programs = list(Program.objects.filter(is_active=True).order_by("title"))
    agencies = list(Agency.objects.order_by("name"))
    initial = {}
    if chosen := request.GET.get("program"):
        initial["program"] = chosen
    if request.user.agency_id:
        initial["organizer"] = next((a.code for a in agencies if a.pk == request.user.agency_id), "")
    form = SessionForm(request.POST or None, initial=initial, programs=programs, agencies=agencies)
    days = day_formset(request.POST or None, session=None)
    service_errors: dict = {}
    if request.method == "POST" and form.is_valid() and days.is_valid():
        data = form.cleaned_data
        listed = data["schedule_mode"] == ScheduleMode.LISTED
        try:
            session = session_create_service(
                program=form.chosen_program(),
                code=data["code"],
                start_date=data["start_date"],
                end_date=data["end_date"],
                place=data["place"],
                capacity=data["capacity"],
                organizer=form.chosen_agency(),
                trainers=data["trainers"],
                note=data["note"],
                days=days_from(days) if listed else None,
                actor=request.user,
            )
        except ApplicationError as error:
            apply_service_errors(form, error, elsewhere=service_errors)
        else:
            messages.success(request, _("Session %(code)s created (planned).") % {"code": session.code})
            return redirect("training:session-detail", code=session.code)
    return render(
        request,
        "training/programs/session_form.html",
        _session_form_context(form, days, None, service_errors.get("days")),
    )


@_manager
def session_edit(request, code: str):
    session = _session_or_404(code)
    if session.status in (SessionStatus.COMPLETED, SessionStatus.CANCELLED):
        messages.error(request, _("A completed or cancelled session can no longer be changed."))
        return redirect("training:session-detail", code=session.code)
    agencies = list(Agency.objects.order_by("name"))
    form = SessionForm(request.POST or None, programs=[], agencies=agencies, session=session)
    days = day_formset(request.POST or None, session=session, days=session_schedule(session))
    service_errors: dict = {}
    if request.method == "POST" and form.is_valid() and days.is_valid():
        data = form.cleaned_data
        listed = data["schedule_mode"] == ScheduleMode.LISTED
        try:
            session_update_service(
                session=session,
                actor=request.user,
                start_date=data["start_date"],
                end_date=data["end_date"],
                place=data["place"],
                capacity=data["capacity"],
                organizer=form.chosen_agency(),
                trainers=data["trainers"],
                note=data["note"],
                days=days_from(days) if listed else None,
            )
        except ApplicationError as error:
            apply_service_errors(form, error, elsewhere=service_errors)
        else:
            messages.success(request, _("Session %(code)s saved.") % {"code": session.code})
            return redirect("training:session-detail", code=session.code)
    return render(
        request,
        "training/programs/session_form.html",
        _session_form_context(form, days, session, service_errors.get("days")),
    )


@require_POST
@_manager
def session_transition(request, code: str):
    session = _session_or_404(code)
    action = request.POST.get("action", "")
    if action not in SessionAction.values:
        messages.error(request, _("Unknown action."))
        return redirect("training:session-detail", code=session.code)
    try:
        session_transition_service(session=session, action=action, actor=request.user)
    except ApplicationError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, DONE_MESSAGES[SessionAction(action)] % {"code": session.code})
    return redirect("training:session-detail", code=session.code)


urlpatterns = [
    path("", catalogue, name="catalogue"),
    path("calendar/", calendar, name="calendar"),
    path("programs/new/", program_create, name="program-create"),
    path("programs/<str:code>/", program_detail, name="program-detail"),
    path("programs/<str:code>/edit/", program_edit, name="program-edit"),
    path("sessions/", session_list, name="session-list"),
    path("sessions/new/", session_create, name="session-create"),
    path("sessions/<str:code>/", session_detail, name="session-detail"),
    path("sessions/<str:code>/edit/", session_edit, name="session-edit"),
    path("sessions/<str:code>/status/", session_transition, name="session-transition"),
]
