"""Enrolment pages.

- My training (every user with an employee record): their enrolments, withdraw.
- Seat request from the session page's panel (the employee, for themself).
- Agency approvals (agency administrator, training manager): pending requests of the
  employees in scope, approve or reject, nominate an employee of the agency.
- Session roster (training manager): approved enrolments to confirm, confirmed seats,
  the waiting list in order, attendance per day, finishing the session, Excel export.

An action on an enrolment the user may not act on (another agency's, or any but their own
for a role that only reads, such as a leader or a complaint verifier) is a 404, never a
hint that it exists.
"""

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from penata.accounts.models import Role
from penata.core.errors import ApplicationError
from penata.core.errors import PermissionDenied as ServicePermissionDenied
from penata.core.pages import paginate
from penata.workforce.models import Employee

from .forms_enrolment import EnrolmentRejectForm, EnrolmentRequestForm, NominationForm
from .models import Enrolment, EnrolmentStatus, TrainingSession
from .permissions import is_training_manager
from .roster_export import ROSTER_CONTENT_TYPE, roster_workbook
from .selectors_enrolment import (
    enrolments_actionable_by,
    enrolments_of_employee,
    enrolments_pending_for,
    session_for_roster,
    session_roster,
    sessions_open_for_enrolment,
    waitlist_positions_of_employee,
)
from .services.enrolment import (
    attendance_record_day,
    enrolment_approve,
    enrolment_confirm,
    enrolment_nominate,
    enrolment_reject,
    enrolment_request,
    enrolment_waitlist,
    enrolment_withdraw,
    session_finish,
    session_waitlist_promote,
)

APPROVALS_PER_PAGE = 50


# --- helpers --------------------------------------------------------------------------------


def _next_or(request, fallback: str) -> str:
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


FAILED = object()


def _run(request, call):
    """The result of one service call, or ``FAILED`` with the refusal shown as an error
    message. A permission refusal is a 403."""
    try:
        return call()
    except ServicePermissionDenied as error:
        raise PermissionDenied(str(error.message)) from error
    except ApplicationError as error:
        messages.error(request, error.message)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    return FAILED


def _session_or_404(code: str) -> TrainingSession:
    session = session_for_roster(code=code)
    if session is None:
        raise Http404
    return session


def _actionable_enrolment(user, pk: int) -> Enrolment:
    """The enrolment if the user may act on it; else a 404, also for roles that may only
    read it."""
    enrolment = (
        enrolments_actionable_by(user=user)
        .filter(pk=pk)
        .select_related("employee", "session__program")
        .first()
    )
    if enrolment is None:
        raise Http404
    return enrolment


def _own_employee(user) -> Employee | None:
    return Employee.objects.filter(pk=user.employee_id).first() if user.employee_id else None


def _require_manager(user) -> None:
    if not is_training_manager(user):
        raise PermissionDenied


def _may_approve(user) -> bool:
    return is_training_manager(user) or (user.is_authenticated and user.role == Role.AGENCY_ADMIN)


def _session_page(session: TrainingSession) -> str:
    return reverse("training:session-detail", kwargs={"code": session.code})


def _roster_page(session: TrainingSession) -> str:
    return reverse("training:session-roster", kwargs={"code": session.code})


# --- the employee ----------------------------------------------------------------------------


@login_required
def my_enrolments(request):
    employee = (
        Employee.objects.filter(pk=request.user.employee_id).first() if request.user.employee_id else None
    )
    if employee is None:
        return render(request, "training/enrolment/no_employee.html", status=200)
    enrolments = list(enrolments_of_employee(employee_id=employee.pk))
    if any(e.status == EnrolmentStatus.WAITLISTED for e in enrolments):
        positions = waitlist_positions_of_employee(employee_id=employee.pk)
        for enrolment in enrolments:
            if enrolment.status == EnrolmentStatus.WAITLISTED:
                enrolment.waitlist_position = positions.get(enrolment.pk)
    return render(
        request,
        "training/enrolment/my.html",
        {"employee": employee, "enrolments": enrolments, "today": timezone.localdate()},
    )


@login_required
@require_POST
def enrolment_request_view(request, code: str):
    session = _session_or_404(code)
    employee = (
        Employee.objects.filter(pk=request.user.employee_id).first() if request.user.employee_id else None
    )
    if employee is None:
        raise PermissionDenied
    form = EnrolmentRequestForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
        return redirect(_next_or(request, _session_page(session)))
    result = _run(
        request,
        lambda: enrolment_request(
            session=session, employee=employee, actor=request.user, motivation=form.cleaned_data["motivation"]
        ),
    )
    if result is not FAILED:
        messages.success(
            request,
            _("Your request for %(code)s is sent; your agency's administrator decides on it.")
            % {"code": session.code},
        )
    return redirect(_next_or(request, _session_page(session)))


@login_required
@require_POST
def enrolment_withdraw_view(request, pk: int):
    enrolment = _actionable_enrolment(request.user, pk)
    if _run(request, lambda: enrolment_withdraw(enrolment=enrolment, actor=request.user)) is not FAILED:
        messages.success(
            request,
            _("%(name)s is withdrawn from %(code)s.")
            % {"name": enrolment.employee.full_name, "code": enrolment.session.code},
        )
    return redirect(_next_or(request, reverse("training:my-enrolments")))


# --- the agency ---------------------------------------------------------------------------------


@login_required
def approvals(request):
    if not _may_approve(request.user):
        raise PermissionDenied
    pending = enrolments_pending_for(user=request.user)
    session_code = request.GET.get("session", "").strip()
    chosen = sessions_open_for_enrolment().filter(code=session_code).first() if session_code else None
    if chosen is not None:
        pending = pending.filter(session=chosen)
    form = NominationForm(user=request.user, initial={"session": chosen.code if chosen else None})
    return render(
        request,
        "training/enrolment/approvals.html",
        {
            "page": paginate(request, pending, APPROVALS_PER_PAGE),
            "form": form,
            "reject_form": EnrolmentRejectForm(),
            "chosen": chosen,
        },
    )


@login_required
@require_POST
def enrolment_approve_view(request, pk: int):
    if not _may_approve(request.user):
        raise PermissionDenied
    enrolment = _actionable_enrolment(request.user, pk)
    if _run(request, lambda: enrolment_approve(enrolment=enrolment, actor=request.user)) is not FAILED:
        messages.success(
            request,
            _("The request of %(name)s for %(code)s is approved.")
            % {"name": enrolment.employee.full_name, "code": enrolment.session.code},
        )
    return redirect(_next_or(request, reverse("training:approvals")))


@login_required
@require_POST
def enrolment_reject_view(request, pk: int):
    if not _may_approve(request.user):
        raise PermissionDenied
    enrolment = _actionable_enrolment(request.user, pk)
    form = EnrolmentRejectForm(request.POST)
    if not form.is_valid():
        messages.error(request, form.errors["reason"][0])
        return redirect(_next_or(request, reverse("training:approvals")))
    reason = form.cleaned_data["reason"]
    if (
        _run(request, lambda: enrolment_reject(enrolment=enrolment, actor=request.user, reason=reason))
        is not FAILED
    ):
        messages.success(
            request,
            _("The request of %(name)s for %(code)s is rejected.")
            % {"name": enrolment.employee.full_name, "code": enrolment.session.code},
        )
    return redirect(_next_or(request, reverse("training:approvals")))


@login_required
def enrolment_nominate_view(request):
    if not _may_approve(request.user):
        raise PermissionDenied
    form = NominationForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        session, employee = form.cleaned_data["session"], form.employee
        try:
            enrolment_nominate(session=session, employee=employee, actor=request.user)
        except ServicePermissionDenied as error:
            raise PermissionDenied(str(error.message)) from error
        except ApplicationError as error:
            form.add_service_error(error)
        else:
            messages.success(
                request,
                _("%(name)s is nominated for %(code)s; the training manager confirms the seat.")
                % {"name": employee.full_name, "code": session.code},
            )
            return redirect(f"{reverse('training:approvals')}?session={session.code}")
    pending = enrolments_pending_for(user=request.user)
    return render(
        request,
        "training/enrolment/approvals.html",
        {
            "page": paginate(request, pending, APPROVALS_PER_PAGE),
            "form": form,
            "reject_form": EnrolmentRejectForm(),
            "chosen": None,
        },
        status=400 if request.method == "POST" else 200,
    )


# --- the training manager -------------------------------------------------------------------------


@login_required
@require_GET
def session_roster_view(request, code: str):
    _require_manager(request.user)
    session = _session_or_404(code)
    roster = session_roster(session=session)
    rows = [
        {
            "enrolment": enrolment,
            "cells": [(day.date, roster.attendance.get((enrolment.pk, day.date))) for day in roster.days],
            "present": roster.present_days(enrolment.pk),
        }
        for enrolment in roster.confirmed
    ]
    return render(
        request,
        "training/enrolment/roster.html",
        {
            "session": session,
            "program": session.program,
            "roster": roster,
            "attendance_rows": rows,
            "today": timezone.localdate(),
            "may_finish": session.status in ("open", "closed") and timezone.localdate() >= session.end_date,
            "may_record": session.status in ("open", "closed"),
        },
    )


@login_required
@require_POST
def enrolment_confirm_view(request, pk: int):
    _require_manager(request.user)
    enrolment = _actionable_enrolment(request.user, pk)
    done = _run(request, lambda: enrolment_confirm(enrolment=enrolment, actor=request.user))
    if done is not FAILED:
        if done.status == "confirmed":
            text = _("%(name)s has a confirmed seat.")
        else:
            text = _("The session is full: %(name)s is on the waiting list.")
        messages.success(request, text % {"name": enrolment.employee.full_name})
    return redirect(_next_or(request, _roster_page(enrolment.session)))


@login_required
@require_POST
def enrolment_waitlist_view(request, pk: int):
    _require_manager(request.user)
    enrolment = _actionable_enrolment(request.user, pk)
    if _run(request, lambda: enrolment_waitlist(enrolment=enrolment, actor=request.user)) is not FAILED:
        messages.success(
            request, _("%(name)s is on the waiting list.") % {"name": enrolment.employee.full_name}
        )
    return redirect(_next_or(request, _roster_page(enrolment.session)))


@login_required
@require_POST
def session_waitlist_promote_view(request, code: str):
    _require_manager(request.user)
    session = _session_or_404(code)
    promoted = _run(request, lambda: session_waitlist_promote(session=session, actor=request.user))
    if promoted is not FAILED:
        count = len(promoted)
        messages.success(
            request,
            ngettext(
                "%(count)d person from the waiting list has a seat.",
                "%(count)d people from the waiting list have a seat.",
                count,
            )
            % {"count": count},
        )
    return redirect(_roster_page(session))


@login_required
@require_POST
def session_attendance_view(request, code: str, day: str):
    _require_manager(request.user)
    session = _session_or_404(code)
    try:
        on = date.fromisoformat(day)
    except ValueError as error:
        raise Http404 from error
    result = _run(
        request,
        lambda: attendance_record_day(
            session=session, date=on, present_ids=request.POST.getlist("present"), actor=request.user
        ),
    )
    if result is not FAILED:
        messages.success(
            request,
            _("Attendance of %(date)s saved: %(present)d present, %(absent)d absent.")
            % {"date": date_format(on, "j F Y"), "present": result.present, "absent": result.absent},
        )
    return redirect(f"{_roster_page(session)}#attendance")


@login_required
@require_POST
def session_finish_view(request, code: str):
    _require_manager(request.user)
    session = _session_or_404(code)
    done = _run(request, lambda: session_finish(session=session, actor=request.user))
    if done is not FAILED:
        messages.success(
            request,
            _(
                "Session %(code)s is completed: %(completed)d completed, %(incomplete)d not completed, "
                "%(no_show)d did not attend."
            )
            % {
                "code": session.code,
                "completed": done.completed,
                "incomplete": done.incomplete,
                "no_show": done.no_show,
            },
        )
    return redirect(_roster_page(session))


@login_required
@require_GET
def session_roster_export(request, code: str):
    _require_manager(request.user)
    session = _session_or_404(code)
    roster = session_roster(session=session)
    response = HttpResponse(roster_workbook(roster), content_type=ROSTER_CONTENT_TYPE)
    filename = f"roster-{session.code}-{timezone.localdate():%Y-%m-%d}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


urlpatterns = [
    path("my/", my_enrolments, name="my-enrolments"),
    path("approvals/", approvals, name="approvals"),
    path("approvals/nominate/", enrolment_nominate_view, name="enrolment-nominate"),
    path("sessions/<str:code>/enrol/", enrolment_request_view, name="enrolment-request"),
    path("sessions/<str:code>/roster/", session_roster_view, name="session-roster"),
    path("sessions/<str:code>/roster/export/", session_roster_export, name="session-roster-export"),
    path(
        "sessions/<str:code>/roster/promote/", session_waitlist_promote_view, name="session-waitlist-promote"
    ),
    path("sessions/<str:code>/roster/finish/", session_finish_view, name="session-finish"),
    path(
        "sessions/<str:code>/roster/attendance/<str:day>/",
        session_attendance_view,
        name="session-attendance",
    ),
    path("enrolments/<int:pk>/withdraw/", enrolment_withdraw_view, name="enrolment-withdraw"),
    path("enrolments/<int:pk>/approve/", enrolment_approve_view, name="enrolment-approve"),
    path("enrolments/<int:pk>/reject/", enrolment_reject_view, name="enrolment-reject"),
    path("enrolments/<int:pk>/confirm/", enrolment_confirm_view, name="enrolment-confirm"),
    path("enrolments/<int:pk>/waitlist/", enrolment_waitlist_view, name="enrolment-waitlist"),
]
