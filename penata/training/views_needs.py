"""Training-needs pages: needs by agency, unit and competency with the drill-down to the
people, the unit and feedback needs (with the form to record one), the sessions still to
open, the "recompute now" button and the Excel export.

Who sees what (``selectors_needs``): training managers, province administrators and
leaders read every agency; an agency administrator reads their agency (another agency is
a 404). Recording a unit need or changing a need's status: a training manager anywhere,
an agency administrator in their agency. The sessions-to-open list: the province-wide
roles. Recompute now: the training manager (and the province administrator).
"""

import io
from dataclasses import dataclass
from urllib.parse import urlencode

from celery.result import EagerResult
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from penata.accounts.scoping import scope_of
from penata.competency.models import Competency
from penata.core.errors import ApplicationError
from penata.core.pages import paginate
from penata.organization.models import Agency, Unit

from .forms_needs import (
    NEEDS_VIEWS,
    NeedPeopleForm,
    NeedsFilterForm,
    NeedStatusForm,
    RecordedNeedsFilterForm,
    UnitNeedForm,
)
from .models import NeedStatus
from .needs_export import CONTENT_TYPE, export_filename, needs_workbook_write
from .needs_priority import DEFAULT_WEIGHTS
from .permissions import is_training_manager
from .selectors_needs import (
    can_plan_sessions,
    can_record_need_for,
    can_see_needs,
    need_agencies_visible_to,
    need_people,
    needs_summary,
    needs_totals,
    needs_visible_to,
    programs_closing,
    recorded_needs,
    sessions_to_open,
)
from .services.needs import (
    NEED_STATUS_TRANSITIONS,
    current_year,
    training_need_record,
    training_need_set_status,
)
from .tasks_needs import training_needs_recompute

SUMMARY_PER_PAGE = 50
PEOPLE_PER_PAGE = 25
RECORDED_PER_PAGE = 20


def _require_reader(user) -> None:
    if not can_see_needs(user):
        raise PermissionDenied


def _bad_request(request, form):
    problems = [f"{form.fields[name].label}: {' '.join(errors)}" for name, errors in form.errors.items()]
    return render(request, "training/needs/bad_request.html", {"problems": problems}, status=400)


@dataclass
class Filters:
    year: int
    agencies: list[Agency]
    agency: Agency | None
    unit: Unit | None
    competency: Competency | None

    def query(self, **extra) -> str:
        values = {"year": self.year}
        if self.agency is not None:
            values["agency"] = self.agency.code
        if self.unit is not None:
            values["unit"] = self.unit.code
        if self.competency is not None:
            values["competency"] = self.competency.code
        values.update({key: value for key, value in extra.items() if value is not None})
        return urlencode({key: value for key, value in values.items() if value != ""})


def _filters(request, cleaned: dict) -> Filters:
    """The agency (within the user's scope, else 404), its unit (else 404) and competency."""
    agencies = list(need_agencies_visible_to(user=request.user).order_by("code"))
    agency = None
    if code := cleaned.get("agency"):
        agency = next((item for item in agencies if item.code == code), None)
        if agency is None:
            raise Http404
    unit = None
    if unit_code := cleaned.get("unit"):
        if agency is None:
            raise Http404
        unit = Unit.objects.filter(agency=agency, code=unit_code).first()
        if unit is None:
            raise Http404
    return Filters(
        year=cleaned.get("year") or current_year(),
        agencies=agencies,
        agency=agency,
        unit=unit,
        competency=cleaned.get("competency"),
    )


def _scoped_needs(user, filters: Filters):
    needs = needs_visible_to(user=user, year=filters.year)
    if filters.agency is not None:
        needs = needs.filter(agency=filters.agency)
    if filters.unit is not None:
        needs = needs.filter(unit=filters.unit)
    if filters.competency is not None:
        needs = needs.filter(competency=filters.competency)
    return needs


def _row_link(view: str, row, filters: Filters) -> str:
    """Where a summary row leads: an agency or unit to its competencies; a competency to
    its people when an agency is chosen, else to the agencies that need it."""
    base = reverse("training:needs")
    if view == "agency":
        query = Filters(filters.year, [], None, None, filters.competency).query(
            view="competency", agency=row.code
        )
        return f"{base}?{query}"
    if view == "unit":
        query = Filters(filters.year, [], None, None, filters.competency).query(
            view="competency", agency=row.agency_code, unit=row.code
        )
        return f"{base}?{query}"
    if filters.agency is not None:
        query = Filters(filters.year, [], filters.agency, filters.unit, None).query(competency=row.code)
        return f"{reverse('training:needs-people')}?{query}"
    return f"{base}?{Filters(filters.year, [], None, None, None).query(view='agency', competency=row.code)}"


def priority_explained() -> str:
    weights = DEFAULT_WEIGHTS
    return _(
        "Priority 0–100: up to %(gap)d points for the size of the gap (a secondary factor of the "
        "position's standard counts %(secondary)s of a core one) and up to %(jp)d points for the JP "
        "still missing towards the yearly %(target)d JP."
    ) % {
        "gap": weights.gap_points,
        "secondary": f"{weights.secondary_factor.numerator}/{weights.secondary_factor.denominator}",
        "jp": weights.jp_points,
        "target": weights.jp_target,
    }


@login_required
def needs_overview(request):
    _require_reader(request.user)
    form = NeedsFilterForm(request.GET)
    if not form.is_valid():
        return _bad_request(request, form)
    filters = _filters(request, form.cleaned_data)
    view = form.cleaned_data["view"] or (
        "agency" if len(filters.agencies) > 1 and not filters.agency else "unit"
    )
    if view == "agency" and filters.agency is not None:
        view = "unit"
    needs = _scoped_needs(request.user, filters)
    rows = [
        {"row": row, "href": _row_link(view, row, filters)} for row in needs_summary(needs=needs, by=view)
    ]
    units = list(Unit.objects.filter(agency=filters.agency).order_by("code")) if filters.agency else []
    context = {
        "filters": filters,
        "view": view,
        "views": NEEDS_VIEWS,
        "page": Paginator(rows, SUMMARY_PER_PAGE).get_page(request.GET.get("page")),
        "totals": needs_totals(needs=needs),
        "units": units,
        "competencies": Competency.objects.filter(is_active=True).order_by("kind", "code"),
        "can_recompute": is_training_manager(request.user),
        "can_plan": can_plan_sessions(request.user),
        "priority_explained": priority_explained(),
        "export_query": filters.query(),
    }
    return render(request, "training/needs/index.html", context)


@login_required
def needs_people(request):
    _require_reader(request.user)
    form = NeedPeopleForm(request.GET)
    if not form.is_valid():
        return _bad_request(request, form)
    filters = _filters(request, form.cleaned_data)
    if filters.agency is None:
        # Drill-down is per agency: the user's own, or the only one they see.
        own = next((a for a in filters.agencies if a.pk == request.user.agency_id), None)
        filters.agency = own or (filters.agencies[0] if len(filters.agencies) == 1 else None)
        if filters.agency is None:
            raise Http404
    needs = _scoped_needs(request.user, filters)
    people = need_people(needs=needs, competency=filters.competency)
    page = paginate(request, people, PEOPLE_PER_PAGE)
    lowest = min((need.required_level for need in page.object_list), default=1)
    context = {
        "filters": filters,
        "page": page,
        "programs": list(programs_closing(competency=filters.competency, level=lowest)[:10]),
        "can_manage": can_record_need_for(request.user, filters.agency),
        "statuses": NeedStatus.choices,
        "back": f"{reverse('training:needs')}?{filters.query(view='competency', competency='')}",
    }
    return render(request, "training/needs/people.html", context)


@login_required
def needs_recorded(request):
    """Unit and feedback needs of the year, and the form to record one."""
    _require_reader(request.user)
    form = RecordedNeedsFilterForm(request.GET)
    if not form.is_valid():
        return _bad_request(request, form)
    filters = _filters(request, form.cleaned_data)
    target = filters.agency
    if target is None and scope_of(request.user).agency_ids:
        target = next((a for a in filters.agencies if a.pk == request.user.agency_id), None)
    may_record = target is not None and can_record_need_for(request.user, target)
    record_form = None
    if may_record:
        record_form = UnitNeedForm(request.POST or None, agency=target)
        if request.method == "POST" and record_form.is_valid():
            data = record_form.cleaned_data
            try:
                need = training_need_record(
                    agency=target,
                    unit=data["unit"],
                    competency=data["competency"],
                    source=data["source"],
                    reason=data["reason"],
                    evidence=data["evidence"],
                    actor=request.user,
                    year=filters.year,
                )
            except ApplicationError as error:
                for field, problems in error.fields.items():
                    record_form.add_error(field if field in record_form.fields else None, problems)
                if not error.fields:
                    record_form.add_error(None, error.message)
            else:
                messages.success(
                    request, _("The training need of %(agency)s is recorded.") % {"agency": need.agency.name}
                )
                return redirect(f"{reverse('training:needs-recorded')}?{filters.query()}")
    elif request.method == "POST":
        raise PermissionDenied
    needs = needs_visible_to(user=request.user, year=filters.year)
    if filters.agency is not None:
        needs = needs.filter(agency=filters.agency)
    if status := form.cleaned_data.get("status"):
        needs = needs.filter(status=status)
    page = paginate(request, recorded_needs(needs=needs), RECORDED_PER_PAGE)
    for need in page.object_list:
        allowed = NEED_STATUS_TRANSITIONS.get(need.status, frozenset())
        need.next_statuses = [(value, label) for value, label in NeedStatus.choices if value in allowed]
    context = {
        "filters": filters,
        "views": NEEDS_VIEWS,
        "can_plan": can_plan_sessions(request.user),
        "status": status,
        "statuses": NeedStatus.choices,
        "page": page,
        "record_form": record_form,
        "target": target,
        "can_manage_all": is_training_manager(request.user),
        "manageable": scope_of(request.user).agency_ids,
    }
    status_code = 400 if record_form is not None and record_form.is_bound and record_form.errors else 200
    return render(request, "training/needs/recorded.html", context, status=status_code)


def _next_url(request, fallback: str) -> str:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


@login_required
@require_POST
def need_status(request, pk: int):
    _require_reader(request.user)
    need = needs_visible_to(user=request.user, year=None).filter(pk=pk).select_related("agency").first()
    if need is None:
        raise Http404
    if not can_record_need_for(request.user, need.agency):
        raise PermissionDenied
    form = NeedStatusForm(request.POST)
    fallback = f"{reverse('training:needs-recorded')}?{urlencode({'year': need.year})}"
    if not form.is_valid():
        messages.error(request, _("Choose a status."))
        return redirect(_next_url(request, fallback))
    try:
        training_need_set_status(
            need=need, status=form.cleaned_data["status"], actor=request.user, note=form.cleaned_data["note"]
        )
    except ApplicationError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(
            request,
            _("The need is now: %(status)s.") % {"status": NeedStatus(form.cleaned_data["status"]).label},
        )
    return redirect(_next_url(request, fallback))


@login_required
def needs_plan(request):
    if not can_plan_sessions(request.user):
        raise PermissionDenied
    form = NeedsFilterForm(request.GET)
    if not form.is_valid():
        return _bad_request(request, form)
    filters = _filters(request, {"year": form.cleaned_data["year"], "agency": form.cleaned_data["agency"]})
    needs = _scoped_needs(request.user, filters)
    rows = sessions_to_open(needs=needs)
    context = {
        "filters": filters,
        "views": NEEDS_VIEWS,
        "can_plan": True,
        "rows": rows,
        "sessions_needed": sum(row.sessions_needed for row in rows),
        "without_program": sum(1 for row in rows if not row.has_program),
    }
    return render(request, "training/needs/plan.html", context)


@login_required
@require_POST
def needs_recompute(request):
    if not is_training_manager(request.user):
        raise PermissionDenied
    year = current_year()
    result = training_needs_recompute.delay(year=year, actor_id=request.user.pk)
    if isinstance(result, EagerResult) and result.successful():
        messages.success(
            request,
            _("Training needs of %(year)s recomputed: %(count)s needs from competency gaps.")
            % {"year": year, "count": result.result["needs"]},
        )
    else:
        messages.info(
            request,
            _("Training needs of %(year)s are being recomputed; reload in a minute.") % {"year": year},
        )
    return redirect(f"{reverse('training:needs')}?{urlencode({'year': year})}")


@login_required
def needs_export(request):
    _require_reader(request.user)
    form = NeedsFilterForm(request.GET)
    if not form.is_valid():
        return _bad_request(request, form)
    filters = _filters(request, form.cleaned_data)
    needs = _scoped_needs(request.user, filters)
    if filters.agency is not None:
        label = filters.agency.name
    elif scope_of(request.user).all_agencies:
        label = _("Province")
    else:
        label = ", ".join(a.code for a in filters.agencies)
    out = io.BytesIO()
    needs_workbook_write(out=out, needs=needs, scope_label=label, year=filters.year)
    response = HttpResponse(out.getvalue(), content_type=CONTENT_TYPE)
    filename = export_filename(year=filters.year, agency_code=filters.agency.code if filters.agency else None)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


urlpatterns = [
    path("needs/", needs_overview, name="needs"),
    path("needs/people/", needs_people, name="needs-people"),
    path("needs/units/", needs_recorded, name="needs-recorded"),
    path("needs/<int:pk>/status/", need_status, name="needs-status"),
    path("needs/plan/", needs_plan, name="needs-plan"),
    path("needs/recompute/", needs_recompute, name="needs-recompute"),
    path("needs/export/", needs_export, name="needs-export"),
]
