"""Reads of workforce data, scoped by the user's role."""

from django.db.models import Prefetch, QuerySet

from penata.accounts.scoping import filter_by_scope

from .models import Employee, PlacementInterest, PositionHistory


def employee_list_visible_to(*, user) -> QuerySet[Employee]:
    return filter_by_scope(
        Employee.objects.select_related("agency", "position", "position__unit", "rank"),
        user=user,
        employee_field="pk",
    )


def employee_detail_visible_to(*, user, nip: str) -> Employee:
    """Raises ``Employee.DoesNotExist`` for a number the user may not see."""
    return (
        employee_list_visible_to(user=user)
        .prefetch_related(
            Prefetch(
                "history",
                queryset=PositionHistory.objects.select_related("position", "agency", "rank", "actor"),
            ),
            Prefetch("interests", queryset=PlacementInterest.objects.select_related("agency")),
            "ratings",
        )
        .get(nip=nip)
    )
