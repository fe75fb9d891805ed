"""Reads of organization data, scoped by the user's role."""

from django.db.models import Count, F, IntegerField, OuterRef, Q, QuerySet, Subquery, Sum, Value
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


def positions_with_vacancies(positions: QuerySet[Position]) -> QuerySet[Position]:
    """Annotate ``filled`` seats and ``vacancies`` (never negative).

    A correlated subquery per position rather than a join with ``GROUP BY``: a paginated
    list then counts holders only for the rows on the page, and the annotations can be
    summed again in the same statement (``seat_totals``).
    """
    filled = (
        Position.objects.filter(pk=OuterRef("pk"))
        .order_by()
        .annotate(count=Count("employees", filter=Q(employees__status__in=SEAT_HOLDING_STATUSES)))
        .values("count")
    )
    return positions.annotate(
        filled=Subquery(filled, output_field=IntegerField()),
        vacancies=Greatest(F("headcount_needed") - F("filled"), Value(0), output_field=IntegerField()),
    )


def position_list_with_vacancies() -> QuerySet[Position]:
    return positions_with_vacancies(Position.objects.select_related("agency", "unit", "min_rank", "max_rank"))


def seat_totals(positions: QuerySet[Position]) -> dict:
    """Positions, seats needed, filled and open, summed in one query."""
    totals = (
        positions_with_vacancies(positions)
        .order_by()
        .aggregate(
            total_positions=Count("pk"),
            total_headcount=Sum("headcount_needed", default=0),
            total_filled=Sum("filled", default=0),
            total_vacancies=Sum("vacancies", default=0),
        )
    )
    return {
        "positions": totals["total_positions"],
        "headcount": totals["total_headcount"],
        "filled": totals["total_filled"],
        "vacancies": totals["total_vacancies"],
    }


def agencies_with_most_vacancies(*, user, limit: int = 5) -> list[dict]:
    """Agencies ranked by open seats, in one grouped query."""
    rows = (
        positions_with_vacancies(filter_by_scope(Position.objects.all(), user=user))
        .order_by()
        .values("agency__code", "agency__name")
        .annotate(open_seats=Sum("vacancies"), open_positions=Count("pk", filter=Q(vacancies__gt=0)))
        .filter(open_seats__gt=0)
        .order_by("-open_seats", "agency__code")[:limit]
    )
    return [
        {
            "agency__code": row["agency__code"],
            "agency__name": row["agency__name"],
            "vacancies": row["open_seats"],
            "open_positions": row["open_positions"],
        }
        for row in rows
    ]


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
