"""Pages for agencies, positions and the public service catalogue.

Staff pages are scoped through the organization selectors (which use
``penata.accounts.scoping``); a record outside the user's scope is a 404, so a page
never reveals that another agency's record exists.
"""

from django import forms
from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Sum
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from penata.accounts.decorators import agency_staff_required
from penata.core.forms import BootstrapForm
from penata.core.pages import paginate, render_list

from .models import Agency, AgencyKind, Position, PositionClass, PublicService
from .selectors import (
    SEAT_HOLDING_STATUSES,
    agency_list_visible_to,
    position_list_visible_to,
    public_service_list,
    seat_totals,
    unit_tree,
)

AGENCIES_PER_PAGE = 50
POSITIONS_PER_PAGE = 25
SERVICES_PER_PAGE = 30
SEARCH_MAX_LENGTH = 100


def _agency_count(relation: str, **filters):
    """A correlated ``COUNT`` over one reverse relation of the agency.

    Counting units, positions and employees through joins in one ``GROUP BY`` would
    multiply the rows (units × positions × employees); one subquery each does not.
    """
    condition = Q(**{f"{relation}__{key}": value for key, value in filters.items()}) if filters else None
    rows = (
        Agency.objects.filter(pk=OuterRef("pk"))
        .order_by()
        .annotate(count=Count(relation, filter=condition))
        .values("count")
    )
    return Subquery(rows, output_field=IntegerField())


class AgencyFilterForm(BootstrapForm):
    q = forms.CharField(label=_("Search"), required=False, max_length=SEARCH_MAX_LENGTH)
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *AgencyKind.choices]
    )


@agency_staff_required
def agency_list(request):
    form = AgencyFilterForm(request.GET or None)
    agencies = agency_list_visible_to(user=request.user).annotate(
        unit_count=_agency_count("units"),
        position_count=_agency_count("positions"),
        employee_count=_agency_count("employees", status__in=SEAT_HOLDING_STATUSES),
    )
    if form.is_valid():
        if query := form.cleaned_data["q"].strip():
            agencies = agencies.filter(Q(name__icontains=query) | Q(code__icontains=query))
        if kind := form.cleaned_data["kind"]:
            agencies = agencies.filter(kind=kind)
    context = {"form": form, "page": paginate(request, agencies.order_by("code"), AGENCIES_PER_PAGE)}
    return render_list(request, "organization/agency_list.html", "organization/_agency_results.html", context)


def _attach_unit_counts(tree: list[dict], counts: dict[int, dict]) -> None:
    for node in tree:
        node.update(counts.get(node["unit"].pk, {}))
        _attach_unit_counts(node["children"], counts)


@agency_staff_required
def agency_detail(request, code: str):
    agency = agency_list_visible_to(user=request.user).filter(code=code).first()
    if agency is None:
        raise Http404
    tree = unit_tree(agency=agency)
    per_unit: dict[int, dict] = {}
    for row in (
        Position.objects.filter(agency=agency)
        .order_by()
        .values("unit")
        .annotate(positions=Count("pk"), headcount=Sum("headcount_needed"))
    ):
        per_unit[row["unit"]] = {"positions": row["positions"], "headcount": row["headcount"]}
    for row in (
        Position.objects.filter(agency=agency)
        .order_by()
        .values("unit")
        .annotate(filled=Count("employees", filter=Q(employees__status__in=SEAT_HOLDING_STATUSES)))
    ):
        per_unit.setdefault(row["unit"], {})["filled"] = row["filled"]
    _attach_unit_counts(tree, per_unit)
    seats = seat_totals(Position.objects.filter(agency=agency))
    context = {
        "agency": agency,
        "tree": tree,
        "seats": seats,
        "sub_agencies": agency_list_visible_to(user=request.user).filter(parent=agency).order_by("code"),
        "services": public_service_list().filter(agency=agency, is_active=True).order_by("code"),
    }
    return render(request, "organization/agency_detail.html", context)


class PositionFilterForm(BootstrapForm):
    q = forms.CharField(label=_("Search"), required=False, max_length=SEARCH_MAX_LENGTH)
    agency = forms.ModelChoiceField(
        label=_("Agency"), required=False, queryset=Agency.objects.none(), to_field_name="code"
    )
    position_class = forms.ChoiceField(
        label=_("Position class"), required=False, choices=[("", _("All classes")), *PositionClass.choices]
    )
    vacant = forms.BooleanField(label=_("Only with vacancies"), required=False)
    unit = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agency_list_visible_to(user=user).order_by("code")
        self.fields["agency"].empty_label = _("All agencies")


@agency_staff_required
def position_list(request):
    form = PositionFilterForm(request.GET or None, user=request.user)
    positions = position_list_visible_to(user=request.user)
    if form.is_valid():
        data = form.cleaned_data
        if query := data["q"].strip():
            positions = positions.filter(Q(title__icontains=query) | Q(code__icontains=query))
        if data["agency"]:
            positions = positions.filter(agency=data["agency"])
        if data["position_class"]:
            positions = positions.filter(position_class=data["position_class"])
        if data["unit"]:
            positions = positions.filter(unit_id=data["unit"])
        if data["vacant"]:
            positions = positions.filter(vacancies__gt=0)
    context = {
        "form": form,
        "page": paginate(request, positions.order_by("agency__code", "code"), POSITIONS_PER_PAGE),
    }
    return render_list(
        request, "organization/position_list.html", "organization/_position_results.html", context
    )


@agency_staff_required
def position_detail(request, pk: int):
    position = position_list_visible_to(user=request.user).filter(pk=pk).first()
    if position is None:
        raise Http404
    # Holders of a visible position belong to its agency, so they are visible too.
    holders = (
        position.employees.filter(status__in=SEAT_HOLDING_STATUSES)
        .select_related("rank")
        .order_by("full_name", "nip")
    )
    return render(request, "organization/position_detail.html", {"position": position, "holders": holders})


class ServiceFilterForm(BootstrapForm):
    q = forms.CharField(label=_("Search"), required=False, max_length=SEARCH_MAX_LENGTH)
    agency = forms.ModelChoiceField(
        label=_("Agency"), required=False, queryset=Agency.objects.none(), to_field_name="code"
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = Agency.objects.filter(
            pk__in=PublicService.objects.filter(is_active=True).values("agency")
        ).order_by("name")
        self.fields["agency"].empty_label = _("All agencies")


def service_list(request):
    """The public service catalogue: open to everyone, no sign-in."""
    form = ServiceFilterForm(request.GET or None)
    services = public_service_list().filter(is_active=True)
    if form.is_valid():
        if query := form.cleaned_data["q"].strip():
            services = services.filter(
                Q(name__icontains=query) | Q(description__icontains=query) | Q(agency__name__icontains=query)
            )
        if form.cleaned_data["agency"]:
            services = services.filter(agency=form.cleaned_data["agency"])
    context = {
        "form": form,
        "page": paginate(request, services.order_by("agency__name", "name"), SERVICES_PER_PAGE),
    }
    return render_list(
        request, "organization/service_list.html", "organization/_service_results.html", context
    )


def service_detail(request, code: str):
    service = public_service_list().filter(is_active=True, code=code).first()
    if service is None:
        raise Http404
    return render(request, "organization/service_detail.html", {"service": service})
