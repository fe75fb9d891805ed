"""Employee pages: search, profile, placement interests and transfers.

Every record is read through ``employee_detail_visible_to``; a number outside the
user's scope is a 404, never a hint that it exists.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from penata.accounts.decorators import agency_staff_required
from penata.accounts.scoping import can_manage_agency
from penata.core.errors import ApplicationError
from penata.core.pages import paginate, render_list
from penata.organization.selectors import position_list_visible_to

from .forms import EmployeeFilterForm, EmployeeTransferForm, PlacementInterestsForm
from .models import Employee, EmployeeStatus
from .nip import normalize_nip
from .privacy import PERSONAL_FIELDS, can_see_personal_data, mask_value
from .selectors import employee_detail_visible_to, employee_list_visible_to
from .services import employee_interests_set, employee_transfer

EMPLOYEES_PER_PAGE = 25


@agency_staff_required
def employee_list(request):
    form = EmployeeFilterForm(request.GET or None, user=request.user)
    employees = employee_list_visible_to(user=request.user)
    if form.is_valid():
        data = form.cleaned_data
        if query := data["q"].strip():
            digits = normalize_nip(query)
            if digits.isdigit():
                employees = employees.filter(nip__startswith=digits)
            else:
                employees = employees.filter(Q(full_name__icontains=query))
        if data["agency"]:
            employees = employees.filter(agency=data["agency"])
        if data["status"]:
            employees = employees.filter(status=data["status"])
        if data["employment_type"]:
            employees = employees.filter(employment_type=data["employment_type"])
    page = paginate(request, employees.order_by("full_name", "nip"), EMPLOYEES_PER_PAGE)
    context = {"form": form, "page": page}
    return render_list(request, "workforce/employee_list.html", "workforce/_employee_results.html", context)


def _visible_employee(user, nip: str) -> Employee:
    try:
        return employee_detail_visible_to(user=user, nip=normalize_nip(nip))
    except Employee.DoesNotExist:
        raise Http404 from None


def _may_edit_interests(user, employee: Employee) -> bool:
    return user.employee_id == employee.pk or can_manage_agency(user, employee.agency_id)


def _may_transfer(user, employee: Employee) -> bool:
    return employee.status != EmployeeStatus.RETIRED and can_manage_agency(user, employee.agency_id)


@login_required
def employee_me(request):
    if not request.user.employee_id:
        raise Http404
    employee = employee_list_visible_to(user=request.user).filter(pk=request.user.employee_id).first()
    if employee is None:
        raise Http404
    return redirect("workforce:employee_detail", nip=employee.nip)


@login_required
def employee_detail(request, nip: str):
    employee = _visible_employee(request.user, nip)
    personal_visible = can_see_personal_data(
        request.user, agency_id=employee.agency_id, employee_id=employee.pk
    )
    personal = {}
    for name in PERSONAL_FIELDS:
        value = getattr(employee, name)
        personal[name] = value if personal_visible else mask_value(value)
    context = {
        "employee": employee,
        "personal": personal,
        "personal_visible": personal_visible,
        "history": employee.history.all(),
        "interests": employee.interests.all(),
        "ratings": employee.ratings.all(),
        "may_edit_interests": _may_edit_interests(request.user, employee),
        "may_transfer": _may_transfer(request.user, employee),
    }
    return render(request, "workforce/employee_detail.html", context)


@login_required
def employee_interests(request, nip: str):
    employee = _visible_employee(request.user, nip)
    if not _may_edit_interests(request.user, employee):
        raise PermissionDenied
    form = PlacementInterestsForm(request.POST or None, employee=employee)
    if request.method == "POST" and form.is_valid():
        items, numbers = form.interests()
        try:
            employee_interests_set(
                employee=employee, interests=items, note=form.cleaned_data["note"], actor=request.user
            )
        except ValidationError as error:
            form.add_service_errors(error, numbers)
        else:
            messages.success(request, _("Placement interests saved."))
            return redirect("workforce:employee_detail", nip=employee.nip)
    return render(request, "workforce/employee_interests.html", {"employee": employee, "form": form})


@login_required
def employee_transfer_view(request, nip: str):
    employee = _visible_employee(request.user, nip)
    if not _may_transfer(request.user, employee):
        raise PermissionDenied
    positions = (
        position_list_visible_to(user=request.user)
        .exclude(pk=employee.position_id or 0)
        .order_by("agency__code", "code")
    )
    form = EmployeeTransferForm(
        request.POST or None, positions=positions, initial={"start_date": timezone.localdate()}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            employee_transfer(
                employee=employee,
                position=data["position"],
                start_date=data["start_date"],
                kind=data["kind"],
                reference=data["reference"],
                actor=request.user,
            )
        except (ValidationError, ApplicationError) as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("The move is recorded."))
            return redirect("workforce:employee_detail", nip=employee.nip)
    return render(request, "workforce/employee_transfer.html", {"employee": employee, "form": form})
