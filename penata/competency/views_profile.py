"""An employee's competency profile, the assessment form and the ASN self-service page.

The employee is read through ``employee_detail_visible_to`` (a number outside the user's
scope is a 404, never a hint that it exists), then narrowed by ``can_see_competencies``.
A user who may see the employee but not record an assessment gets a 403.

The chart is server-rendered HTML bars (no chart library, nothing loaded at run time);
every bar carries its values as text too.
"""

from dataclasses import dataclass, field

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _

from penata.accounts.scoping import scope_of
from penata.core.api import MAX_ID
from penata.core.errors import InvalidTransition
from penata.core.pages import paginate
from penata.organization.models import Position
from penata.organization.selectors import position_list_visible_to
from penata.workforce.models import Employee
from penata.workforce.nip import normalize_nip
from penata.workforce.selectors import employee_detail_visible_to, employee_list_visible_to

from .forms_profile import (
    MATCH_METHODS,
    METHOD_JPM,
    AssessmentForm,
    InvalidateAssessmentForm,
    ProfileOptionsForm,
    SelfAssessmentForm,
)
from .models import Assessment, AssessmentMethod, Competency
from .permissions import can_record_assessment, can_see_competencies, can_see_talent_box
from .selectors import NoRating, NoStandard, counting_assessment_ids, job_match, levels_that_count, talent_box
from .services import assessment_invalidate, assessment_record

HISTORY_PER_PAGE = 20
POSITION_OPTIONS_LIMIT = 20
POSITION_QUERY_MAX_LENGTH = 100


# --- reading -----------------------------------------------------------------------------


def _visible_employee(user, nip: str) -> Employee:
    try:
        employee = employee_detail_visible_to(user=user, nip=normalize_nip(nip))
    except Employee.DoesNotExist:
        raise Http404 from None
    if not can_see_competencies(user, employee):
        raise Http404
    return employee


def assessment_history(*, employee: Employee) -> QuerySet[Assessment]:
    """Every assessment of the employee, newest first (self and invalid ones included)."""
    return (
        Assessment.objects.filter(employee=employee)
        .select_related("competency", "assessor")
        .order_by("-assessed_on", "-id")
    )


@dataclass
class ChartRow:
    code: str
    name: str
    level: int
    required: int

    @property
    def gap(self) -> int:
        return self.level - self.required


@dataclass
class Match:
    """One job–person match as the page shows it, or the reason there is none."""

    position: Position | None
    method: str = METHOD_JPM
    score: float | None = None
    category: str | None = None
    gaps: list[ChartRow] = field(default_factory=list)
    rows: list[ChartRow] = field(default_factory=list)
    levels: dict[str, int] | None = None
    error: str = ""

    @property
    def shortfalls(self) -> int:
        return sum(1 for row in self.gaps if row.gap < 0)


def _match(employee: Employee, position: Position | None, method: str) -> Match:
    try:
        result = job_match(employee=employee, position=position, method=method)
    except NoStandard as error:
        return Match(position=position or employee.position, method=method, error=str(error.message))
    gaps = [ChartRow(g.competency, "", g.level, g.required) for g in result["gaps"]]
    return Match(
        position=result["position"],
        method=method,
        score=result["score"],
        category=result["category"],
        gaps=gaps,
        rows=sorted(gaps, key=lambda row: row.code),
        levels=result["levels"],
    )


def _name_rows(rows: list[ChartRow], names: dict[str, str]) -> None:
    for row in rows:
        row.name = names.get(row.code, "")


def _talent(user, employee: Employee, year: int | None) -> dict | None:
    """The talent box for ``year`` (default: the latest rated year), or why there is none;
    None when the user may not see talent boxes."""
    if not can_see_talent_box(user, employee):
        return None
    years = [rating.year for rating in employee.ratings.all()]
    year = year or (years[0] if years else None)
    talent = {"year": year, "years": years, "placement": None, "error": ""}
    if year is None:
        talent["error"] = _("No performance rating is recorded, so no talent box can be given.")
        return talent
    try:
        talent["placement"] = talent_box(employee=employee, year=year)
    except (NoRating, NoStandard) as error:
        talent["error"] = str(error.message)
    return talent


def _profile_context(request, employee: Employee, options: dict) -> dict:
    """What the staff profile and the self-service page share."""
    method = options.get("method") or METHOD_JPM
    own = _match(employee, None, method)
    compare = _match(employee, options["position"], method) if options.get("position") else None
    levels = own.levels
    if levels is None and compare is not None:
        levels = compare.levels
    if levels is None:
        levels = levels_that_count(employee_ids=[employee.pk]).get(employee.pk, {})
    in_standard = {row.code for row in own.rows}
    others = [
        ChartRow(code, "", level, 0) for code, level in sorted(levels.items()) if code not in in_standard
    ]
    codes = set(levels) | in_standard
    if compare is not None:
        codes |= {row.code for row in compare.rows}
    names = dict(Competency.objects.filter(code__in=codes).values_list("code", "name")) if codes else {}
    for rows in (own.rows, others, *((compare.rows,) if compare else ())):
        _name_rows(rows, names)
    return {
        "employee": employee,
        "method": method,
        "methods": MATCH_METHODS,
        "own": own,
        "compare": compare,
        "other_levels": others,
        "talent": _talent(request.user, employee, options.get("year")),
        "history": paginate(request, assessment_history(employee=employee), HISTORY_PER_PAGE),
        "counting_ids": counting_assessment_ids(employee=employee),
        # Who may mark a history row invalid: the rule for recording that row's method.
        "may_invalidate": can_record_assessment(request.user, employee, AssessmentMethod.SUPERVISOR),
        "may_invalidate_self": can_record_assessment(request.user, employee, AssessmentMethod.SELF),
    }


def _options(request, positions: QuerySet[Position]) -> tuple[ProfileOptionsForm, dict]:
    form = ProfileOptionsForm(request.GET, positions=positions)
    if form.is_valid():
        return form, form.cleaned_data
    # The rest of the page still shows, on the defaults, under the field's error.
    return form, {name: value for name, value in form.cleaned_data.items() if name not in form.errors}


# --- pages -------------------------------------------------------------------------------


@login_required
def employee_competencies(request, nip: str):
    employee = _visible_employee(request.user, nip)
    may_compare = scope_of(request.user).sees_agencies
    positions = position_list_visible_to(user=request.user) if may_compare else Position.objects.none()
    form, options = _options(request, positions)
    context = _profile_context(request, employee, options)
    context.update(
        {
            "options_form": form,
            "may_compare": may_compare,
            "may_record": can_record_assessment(request.user, employee, AssessmentMethod.SUPERVISOR),
        }
    )
    status = 400 if form.errors else 200
    return render(request, "competency/profile/employee.html", context, status=status)


@login_required
def assessment_new(request, nip: str):
    employee = _visible_employee(request.user, nip)
    # Every staff method has the same rule; the chosen one is checked again below.
    if not can_record_assessment(request.user, employee, AssessmentMethod.SUPERVISOR):
        raise PermissionDenied
    form = AssessmentForm(request.POST or None, employee=employee)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if not can_record_assessment(request.user, employee, data["method"]):
            raise PermissionDenied
        try:
            assessment_record(
                employee=employee,
                competency=data["competency"],
                level=data["level"],
                assessed_on=data["assessed_on"],
                method=data["method"],
                actor=request.user,
                assessor_name=data["assessor_name"].strip(),
                note=data["note"].strip(),
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("The assessment is recorded."))
            return redirect("competency:employee_competencies", nip=employee.nip)
    status = 400 if form.errors else 200
    return render(
        request,
        "competency/profile/assessment_form.html",
        {"employee": employee, "form": form},
        status=status,
    )


def _own_assessment(employee: Employee, pk: int) -> Assessment:
    """One assessment of ``employee``; another employee's (or none) is a 404."""
    if not 1 <= pk <= MAX_ID:
        raise Http404
    try:
        return Assessment.objects.select_related("competency", "assessor").get(pk=pk, employee=employee)
    except Assessment.DoesNotExist:
        raise Http404 from None


def _profile_url(user, employee: Employee) -> str:
    """Back to where the history was read: the self-service page for the employee themself."""
    if user.employee_id is not None and user.employee_id == employee.pk:
        return reverse("competency:me")
    return reverse("competency:employee_competencies", kwargs={"nip": employee.nip})


@login_required
def assessment_invalidate_page(request, nip: str, pk: int):
    """Confirm and mark an assessment entered in error as invalid, with a reason.

    Allowed to whoever may record an assessment of its method for the employee: the
    assessors for staff methods, the employee themself for their own self-assessment."""
    employee = _visible_employee(request.user, nip)
    assessment = _own_assessment(employee, pk)
    if not can_record_assessment(request.user, employee, assessment.method):
        raise PermissionDenied
    back = _profile_url(request.user, employee)
    if not assessment.is_valid:
        messages.info(request, _("The assessment is already marked invalid."))
        return redirect(back)
    form = InvalidateAssessmentForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            assessment_invalidate(
                assessment=assessment, reason=form.cleaned_data["reason"], actor=request.user
            )
        except ValidationError as error:
            form.add_service_errors(error)
        except InvalidTransition as error:
            messages.info(request, str(error.message))
            return redirect(back)
        else:
            messages.success(
                request,
                _(
                    "The assessment of %(competency)s is marked invalid. It stays in the history "
                    "and no longer counts; an earlier valid assessment, if any, counts again."
                )
                % {"competency": assessment.competency.code},
            )
            return redirect(back)
    status = 400 if form.errors else 200
    return render(
        request,
        "competency/profile/assessment_invalidate.html",
        {"employee": employee, "assessment": assessment, "form": form, "back": back},
        status=status,
    )


@login_required
def my_competencies(request):
    employee = None
    if request.user.employee_id:
        employee = (
            employee_list_visible_to(user=request.user)
            .prefetch_related("ratings")
            .filter(pk=request.user.employee_id)
            .first()
        )
    if employee is None:
        return render(request, "competency/profile/no_employee.html", {})
    may_self_assess = can_record_assessment(request.user, employee, AssessmentMethod.SELF)
    form = SelfAssessmentForm(request.POST or None, employee=employee)
    if request.method == "POST":
        if not may_self_assess:
            raise PermissionDenied
        if form.is_valid():
            data = form.cleaned_data
            try:
                assessment_record(
                    employee=employee,
                    competency=data["competency"],
                    level=data["level"],
                    assessed_on=data["assessed_on"],
                    method=AssessmentMethod.SELF,
                    actor=request.user,
                    note=data["note"].strip(),
                )
            except ValidationError as error:
                form.add_service_errors(error)
            else:
                messages.success(
                    request,
                    _(
                        "Your self-assessment is saved. It shows in your history "
                        "but does not count for the job–person match."
                    ),
                )
                return redirect("competency:me")
    options_form, options = _options(request, Position.objects.none())
    context = _profile_context(request, employee, options)
    context.update({"options_form": options_form, "self_form": form, "may_self_assess": may_self_assess})
    status = 400 if form.errors or options_form.errors else 200
    return render(request, "competency/profile/me.html", context, status=status)


@login_required
def position_options(request):
    """``<option>``s for the compare field's datalist: positions in scope matching the text."""
    query = request.GET.get("position", "").strip()[:POSITION_QUERY_MAX_LENGTH]
    positions = Position.objects.none()
    if query and scope_of(request.user).sees_agencies:
        positions = (
            position_list_visible_to(user=request.user)
            .filter(Q(code__icontains=query) | Q(title__icontains=query))
            .order_by("code")[:POSITION_OPTIONS_LIMIT]
        )
    return render(request, "competency/profile/_position_options.html", {"positions": positions})


urlpatterns = [
    path("employees/<str:nip>/", employee_competencies, name="employee_competencies"),
    path("employees/<str:nip>/assessments/new/", assessment_new, name="assessment_new"),
    path(
        "employees/<str:nip>/assessments/<int:pk>/invalidate/",
        assessment_invalidate_page,
        name="assessment_invalidate",
    ),
    path("me/", my_competencies, name="me"),
    path("positions/options/", position_options, name="profile_position_options"),
]
