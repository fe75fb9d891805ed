"""Pages of the competency dictionary and of position competency standards.

- Dictionary: the regulation's managerial and sociocultural competencies (read-only) and
  the technical competencies of the agencies in the user's scope; whoever manages an
  agency creates and edits its technical competencies.
- Position standard: shown to whoever sees the position, edited by whoever manages its
  agency (``can_set_standard``); class defaults for one position or, in bulk, for every
  position of an agency without a standard.

A position or technical competency outside the user's scope is a 404, never a hint that
it exists.
"""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.db.models import Count, Exists, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from penata.accounts.decorators import agency_staff_required
from penata.accounts.models import Role
from penata.accounts.scoping import can_manage_agency, scope_of
from penata.core.pages import paginate, render_list
from penata.organization.models import Agency, Position
from penata.organization.selectors import agency_list_visible_to, position_list_visible_to

from .forms_standards import (
    DictionaryFilterForm,
    PositionStandardForm,
    StandardsFilterForm,
    StandardStatus,
    TechnicalCompetencyForm,
)
from .models import Competency, CompetencyKind, PositionStandard
from .permissions import can_set_standard
from .services import (
    CLASS_DEFAULT_LEVELS,
    competency_technical_create,
    competency_technical_update,
    position_standard_set,
    position_standards_apply_class_defaults,
)
from .standards_bulk import position_standards_apply_class_defaults_bulk, positions_without_standard

TECHNICAL_PER_PAGE = 50
POSITIONS_PER_PAGE = 25
MANAGER_ROLES = frozenset({Role.PROVINCE_ADMIN, Role.AGENCY_ADMIN})


# --- who sees what ----------------------------------------------------------------------


def _dictionary_reader(view):
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


def technical_visible_to(user) -> QuerySet[Competency]:
    """Technical competencies of the agencies in the user's scope; an employee sees those of
    their own agency (to read what their position asks of them)."""
    competencies = Competency.objects.filter(kind=CompetencyKind.TECHNICAL).select_related("agency")
    scope = scope_of(user)
    if scope.all_agencies:
        return competencies
    if scope.agency_ids:
        return competencies.filter(agency_id__in=scope.agency_ids)
    if scope.employee_id is not None and user.agency_id:
        return competencies.filter(agency_id=user.agency_id)
    return competencies.none()


def managed_agencies(user) -> QuerySet[Agency]:
    """Agencies whose data the user may change (``can_manage_agency``)."""
    if not user.is_authenticated or not (user.is_superuser or user.role in MANAGER_ROLES):
        return Agency.objects.none()
    return agency_list_visible_to(user=user).order_by("name")


def _visible_competency(user, code: str) -> Competency:
    competency = (
        Competency.objects.filter(code=code)
        .filter(Q(agency__isnull=True) | Q(pk__in=technical_visible_to(user).values("pk")))
        .select_related("agency")
        .first()
    )
    if competency is None:
        raise Http404
    return competency


def _visible_position(user, code: str) -> Position:
    position = position_list_visible_to(user=user).filter(code=code).first()
    if position is None:
        raise Http404
    return position


def _level_title(competency: Competency, level: int) -> str:
    for entry in competency.levels or []:
        if entry.get("level") == level:
            return entry.get("title", "")
    return ""


# --- dictionary -------------------------------------------------------------------------


@_dictionary_reader
def dictionary(request):
    technical = technical_visible_to(request.user)
    agencies = Agency.objects.filter(pk__in=technical.values("agency")).order_by("name")
    form = DictionaryFilterForm(request.GET or None, agencies=agencies)
    regulation = Competency.objects.filter(agency__isnull=True, is_active=True)
    query = ""
    if form.is_valid():
        if query := form.cleaned_data["q"].strip():
            matches = Q(code__icontains=query) | Q(name__icontains=query) | Q(description__icontains=query)
            regulation = regulation.filter(matches)
            technical = technical.filter(matches)
        if form.cleaned_data["agency"]:
            technical = technical.filter(agency=form.cleaned_data["agency"])
    context = {
        "form": form,
        "query": query,
        "regulation": list(regulation.order_by("kind", "code")),
        "page": paginate(request, technical.order_by("agency__name", "code"), TECHNICAL_PER_PAGE),
        "may_create": managed_agencies(request.user).exists(),
    }
    return render_list(
        request,
        "competency/standards/dictionary.html",
        "competency/standards/_dictionary_results.html",
        context,
    )


@_dictionary_reader
def competency_detail(request, code: str):
    competency = _visible_competency(request.user, code)
    may_edit = competency.kind == CompetencyKind.TECHNICAL and can_manage_agency(
        request.user, competency.agency_id
    )
    return render(
        request,
        "competency/standards/competency_detail.html",
        {"competency": competency, "may_edit": may_edit},
    )


@login_required
def technical_create(request):
    agencies = list(managed_agencies(request.user))
    if not agencies:
        raise PermissionDenied
    form = TechnicalCompetencyForm(request.POST or None, agencies=agencies)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            competency = competency_technical_create(
                agency=form.chosen_agency(),
                code=data["code"],
                name=data["name"],
                description=data["description"].strip(),
                levels=form.levels(),
                actor=request.user,
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(
                request,
                _("Technical competency %(code)s %(name)s created.")
                % {"code": competency.code, "name": competency.name},
            )
            return redirect("competency:competency_detail", code=competency.code)
    return render(request, "competency/standards/technical_form.html", {"form": form, "competency": None})


@login_required
def technical_update(request, code: str):
    competency = _visible_competency(request.user, code)
    if competency.kind != CompetencyKind.TECHNICAL:
        # The regulation's dictionary is not edited on a page.
        raise Http404
    if not can_manage_agency(request.user, competency.agency_id):
        raise PermissionDenied
    form = TechnicalCompetencyForm(request.POST or None, competency=competency)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            competency_technical_update(
                competency=competency,
                actor=request.user,
                name=data["name"].strip(),
                description=data["description"].strip(),
                levels=form.levels(),
                is_active=data["is_active"],
            )
        except ValidationError as error:
            form.add_service_errors(error)
            competency.refresh_from_db()
        else:
            messages.success(request, _("Technical competency %(code)s saved.") % {"code": competency.code})
            return redirect("competency:competency_detail", code=competency.code)
    return render(
        request, "competency/standards/technical_form.html", {"form": form, "competency": competency}
    )


# --- one position's standard ------------------------------------------------------------


def _standard_rows(position: Position) -> list[dict]:
    rows = (
        PositionStandard.objects.filter(position=position)
        .select_related("competency")
        .order_by("competency__kind", "competency__code")
    )
    return [
        {
            "competency": row.competency,
            "required_level": row.required_level,
            "is_core": row.is_core,
            "level_title": _level_title(row.competency, row.required_level),
        }
        for row in rows
    ]


def _standard_context(request, position: Position) -> dict:
    rows = _standard_rows(position)
    return {
        "position": position,
        "rows": rows,
        "may_edit": can_set_standard(request.user, position),
        "class_default_level": CLASS_DEFAULT_LEVELS.get(position.position_class),
    }


@agency_staff_required
def position_standard(request, code: str):
    position = _visible_position(request.user, code)
    return render(
        request, "competency/standards/position_standard.html", _standard_context(request, position)
    )


@agency_staff_required
def position_standard_card(request, code: str):
    """The standard as a compact table, loaded by htmx into the position page."""
    position = _visible_position(request.user, code)
    return render(request, "competency/standards/_standard_card.html", _standard_context(request, position))


def _offered_competencies(position: Position, standard_codes) -> list[Competency]:
    """The regulation's dictionary and the position agency's technical competencies, active
    ones, plus whatever the current standard already names."""
    return list(
        Competency.objects.filter(
            (Q(agency__isnull=True) | Q(agency_id=position.agency_id)) & Q(is_active=True)
            | Q(code__in=list(standard_codes))
        ).order_by("kind", "code")
    )


@agency_staff_required
def position_standard_edit(request, code: str):
    position = _visible_position(request.user, code)
    if not can_set_standard(request.user, position):
        raise PermissionDenied
    standard = {
        code: (level, core)
        for code, level, core in PositionStandard.objects.filter(position=position).values_list(
            "competency__code", "required_level", "is_core"
        )
    }
    form = PositionStandardForm(
        request.POST or None, competencies=_offered_competencies(position, standard), standard=standard
    )
    if request.method == "POST" and form.is_valid():
        requirements = form.requirements()
        try:
            position_standard_set(position=position, requirements=requirements, actor=request.user)
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            if requirements:
                messages.success(
                    request,
                    ngettext(
                        "The standard is saved: %(count)d competency.",
                        "The standard is saved: %(count)d competencies.",
                        len(requirements),
                    )
                    % {"count": len(requirements)},
                )
            else:
                messages.success(request, _("The standard is cleared."))
            return redirect("competency:position_standard", code=position.code)
    return render(
        request,
        "competency/standards/position_standard_edit.html",
        {"position": position, "form": form, "has_standard": bool(standard)},
    )


@agency_staff_required
def position_standard_defaults(request, code: str):
    """Class defaults for one position. A position with a standard asks first (GET shows
    what would be replaced); the POST then carries ``overwrite``."""
    position = _visible_position(request.user, code)
    if not can_set_standard(request.user, position):
        raise PermissionDenied
    has_standard = PositionStandard.objects.filter(position=position).exists()
    overwrite = request.POST.get("overwrite") == "1"
    if request.method == "POST" and (overwrite or not has_standard):
        position_standards_apply_class_defaults(positions=[position], actor=request.user, overwrite=overwrite)
        messages.success(
            request,
            _("Class defaults applied: level %(level)d for the managerial and sociocultural competencies.")
            % {"level": CLASS_DEFAULT_LEVELS[position.position_class]},
        )
        return redirect("competency:position_standard", code=position.code)
    if request.method == "POST":
        messages.warning(request, _("The position already has a standard; confirm to replace it."))
    context = _standard_context(request, position)
    return render(request, "competency/standards/position_standard_defaults.html", context)


# --- standards of an agency (bulk) ------------------------------------------------------


def _standard_size():
    rows = (
        PositionStandard.objects.filter(position=OuterRef("pk"))
        .order_by()
        .values("position")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Subquery(rows, output_field=IntegerField())


def _chosen_agency(request, agencies: QuerySet[Agency]) -> Agency:
    code = request.POST.get("agency") or request.GET.get("agency")
    if code:
        agency = agencies.filter(code=code).first()
        if agency is None:
            raise Http404
        return agency
    own = agencies.filter(pk=request.user.agency_id).first() if request.user.agency_id else None
    agency = own or agencies.first()
    if agency is None:
        raise Http404
    return agency


def _filtered_positions(form: StandardsFilterForm, agency: Agency) -> tuple[QuerySet[Position], str]:
    positions = Position.objects.filter(agency=agency)
    status = StandardStatus.MISSING
    if form.is_valid():
        data = form.cleaned_data
        if query := data["q"].strip():
            positions = positions.filter(Q(title__icontains=query) | Q(code__icontains=query))
        if data["unit"]:
            positions = positions.filter(unit=data["unit"])
        if data["position_class"]:
            positions = positions.filter(position_class=data["position_class"])
        status = data["status"] or StandardStatus.MISSING
    return positions, status


@agency_staff_required
def standards_overview(request):
    agencies = managed_agencies(request.user)
    if not agencies.exists():
        raise PermissionDenied
    agency = _chosen_agency(request, agencies)
    data = request.GET.copy()
    data.setdefault("agency", agency.code)
    form = StandardsFilterForm(data, agencies=agencies, agency=agency)
    positions, status = _filtered_positions(form, agency)
    has_standard = Exists(PositionStandard.objects.filter(position=OuterRef("pk")))
    counts = (
        positions.order_by()
        .annotate(has_standard=has_standard)
        .aggregate(total=Count("pk"), with_standard=Count("pk", filter=Q(has_standard=True)))
    )
    counts["without_standard"] = counts["total"] - counts["with_standard"]
    listed = positions.annotate(standard_size=_standard_size())
    if status == StandardStatus.MISSING:
        listed = positions_without_standard(listed)
    elif status == StandardStatus.SET:
        listed = listed.filter(has_standard)
    page = paginate(request, listed.select_related("unit").order_by("unit__code", "code"), POSITIONS_PER_PAGE)
    for position in page.object_list:
        position.class_default_level = CLASS_DEFAULT_LEVELS.get(position.position_class)
    context = {"form": form, "agency": agency, "counts": counts, "page": page, "status": status}
    return render_list(
        request,
        "competency/standards/standards.html",
        "competency/standards/_standards_results.html",
        context,
    )


@require_POST
@agency_staff_required
def standards_apply_defaults(request):
    agency = _chosen_agency(request, managed_agencies(request.user))
    if not can_manage_agency(request.user, agency.pk):
        raise Http404
    form = StandardsFilterForm(request.POST, agencies=managed_agencies(request.user), agency=agency)
    positions, _status = _filtered_positions(form, agency)
    try:
        result = position_standards_apply_class_defaults_bulk(positions=positions, actor=request.user)
    except IntegrityError:
        messages.error(
            request,
            _("Someone changed standards of these positions meanwhile; nothing was applied. Try again."),
        )
    else:
        messages.success(
            request,
            ngettext(
                "Class defaults applied to %(applied)d position; %(kept)d with a standard kept it.",
                "Class defaults applied to %(applied)d positions; %(kept)d with a standard kept it.",
                result.applied,
            )
            % {"applied": result.applied, "kept": result.kept},
        )
    query = {
        key: request.POST[key] for key in ("agency", "q", "unit", "position_class") if request.POST.get(key)
    }
    url = reverse("competency:standards")
    if query:
        url = f"{url}?{urlencode(query)}"
    return redirect(url)


urlpatterns = [
    path("dictionary/", dictionary, name="dictionary"),
    path("dictionary/new/", technical_create, name="technical_create"),
    path("dictionary/<str:code>/", competency_detail, name="competency_detail"),
    path("dictionary/<str:code>/edit/", technical_update, name="technical_update"),
    path("positions/<str:code>/standard/", position_standard, name="position_standard"),
    path("positions/<str:code>/standard/card/", position_standard_card, name="position_standard_card"),
    path("positions/<str:code>/standard/edit/", position_standard_edit, name="position_standard_edit"),
    path(
        "positions/<str:code>/standard/class-defaults/",
        position_standard_defaults,
        name="position_standard_defaults",
    ),
    path("standards/", standards_overview, name="standards"),
    path("standards/apply-class-defaults/", standards_apply_defaults, name="standards_apply_defaults"),
]
