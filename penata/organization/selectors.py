"""Reads of organization data, scoped by the user's role."""

from django.db.models import Count, F, IntegerField, Q, QuerySet, Value
from django.db.models.functions import Greatest

from penata.accounts.scoping import filter_by_scope, scope_of

from .models import Agency, Position, PublicService, Unit

# Seats are taken by holders who are still on the payroll of the position.
SEAT_HOLDING_STATUSES = ("active", "on_leave")


def agency_list_visible_to(*, user) -> QuerySet[Agency]:
    scope = scope_of(user)
    qs = Agency.objects.select_related("parent")
    if scope.all_agencies:
        return qs
    if scope.agency_ids:
        return qs.filter(pk__in=scope.agency_ids)
    return qs.none()


def unit_list_visible_to(*, user) -> QuerySet[Unit]:
    return filter_by_scope(Unit.objects.select_related("agency", "parent"), user=user)


def position_list_with_vacancies() -> QuerySet[Position]:
    """Positions annotated with ``filled`` seats and ``vacancies`` (never negative)."""
    return Position.objects.select_related("agency", "unit", "min_rank", "max_rank").annotate(
        filled=Count("employees", filter=Q(employees__status__in=SEAT_HOLDING_STATUSES)),
        vacancies=Greatest(F("headcount_needed") - F("filled"), Value(0), output_field=IntegerField()),
    )


def position_list_visible_to(*, user) -> QuerySet[Position]:
    return filter_by_scope(position_list_with_vacancies(), user=user)


def public_service_list() -> QuerySet[PublicService]:
    return PublicService.objects.select_related("agency", "unit")


def unit_tree(*, agency: Agency) -> list[dict]:
    """The agency's units as nested dicts ``{"unit", "children"}`` in one query."""
    units = list(Unit.objects.filter(agency=agency).order_by("code"))
    children: dict[int | None, list[Unit]] = {}
    for unit in units:
        children.setdefault(unit.parent_id, []).append(unit)

    def build(parent_id):
        return [{"unit": u, "children": build(u.pk)} for u in children.get(parent_id, [])]

    return build(None)
