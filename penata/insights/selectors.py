"""Reads for dashboards: every number an SQL aggregate within the user's scope."""

from django.db.models import Count, Q

from penata.accounts.scoping import filter_by_scope
from penata.organization.models import EmploymentType, Position
from penata.organization.selectors import agency_list_visible_to, seat_totals
from penata.workforce.models import EmployeeStatus
from penata.workforce.selectors import employee_list_visible_to


def workforce_summary(*, user) -> dict:
    """Counts of agencies, positions, seats and employees within the user's scope.

    Three queries whatever the size of the province.
    """
    status_counts = {
        f"status_{value}": Count("pk", filter=Q(status=value)) for value in EmployeeStatus.values
    }
    type_counts = {
        f"type_{value}": Count("pk", filter=Q(employment_type=value)) for value in EmploymentType.values
    }
    employees = (
        employee_list_visible_to(user=user)
        .order_by()
        .aggregate(employees=Count("pk"), **status_counts, **type_counts)
    )
    return {
        "agencies": agency_list_visible_to(user=user).count(),
        **seat_totals(filter_by_scope(Position.objects.all(), user=user)),
        "employees": employees["employees"],
        "by_status": [
            {"value": value, "label": label, "count": employees[f"status_{value}"]}
            for value, label in EmployeeStatus.choices
        ],
        "by_type": [
            {"value": value, "label": label, "count": employees[f"type_{value}"]}
            for value, label in EmploymentType.choices
        ],
    }
