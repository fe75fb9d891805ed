"""The home page: one summary per role, every number an SQL aggregate."""

from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.shortcuts import render

from penata.accounts.models import Role
from penata.accounts.scoping import filter_by_scope, scope_of
from penata.organization.selectors import (
    agencies_with_most_vacancies,
    position_list_visible_to,
    public_service_list,
)
from penata.workforce.models import PositionHistory
from penata.workforce.selectors import employee_list_visible_to

from .selectors import workforce_summary

RECENT_CHANGES_SHOWN = 10
VACANCIES_SHOWN = 10


def _home_context(user) -> tuple[str, dict]:
    role = Role.PROVINCE_ADMIN if user.is_superuser else user.role
    if role == Role.PROVINCE_ADMIN:
        return "province_admin", {
            "summary": workforce_summary(user=user),
            "top_agencies": agencies_with_most_vacancies(user=user),
        }
    if role == Role.LEADER:
        return "leader", {
            "summary": workforce_summary(user=user),
            "top_agencies": agencies_with_most_vacancies(user=user),
        }
    if role == Role.AGENCY_ADMIN:
        return "agency_admin", {
            "summary": workforce_summary(user=user),
            "vacant_positions": list(
                position_list_visible_to(user=user)
                .filter(vacancies__gt=0)
                .order_by("-vacancies", "code")[:VACANCIES_SHOWN]
            ),
            "recent_changes": list(
                filter_by_scope(
                    PositionHistory.objects.select_related("employee", "position", "agency", "rank"),
                    user=user,
                ).order_by("-start_date", "-pk")[:RECENT_CHANGES_SHOWN]
            ),
        }
    if role in (Role.TRAINING_MANAGER, Role.COMPLAINT_VERIFIER, Role.COMPLAINT_OFFICER):
        return role, {"summary": workforce_summary(user=user)}
    if role == Role.EMPLOYEE:
        employee = None
        if user.employee_id:
            employee = (
                employee_list_visible_to(user=user)
                .prefetch_related("interests__agency")
                .filter(pk=user.employee_id)
                .first()
            )
        history = []
        if employee is not None:
            history = list(
                employee.history.select_related("position", "agency", "rank").order_by("-start_date", "-pk")[
                    :5
                ]
            )
        return "employee", {"employee": employee, "history": history}
    services = public_service_list().filter(is_active=True).order_by()
    return "citizen", {
        "public": services.aggregate(
            services=Count("pk"), agencies=Count("agency", distinct=True), free=Count("pk", filter=Q(fee=0))
        )
    }


@login_required
def home(request):
    kind, context = _home_context(request.user)
    scope = scope_of(request.user)
    context.update({"home_kind": kind, "sees_agencies": scope.sees_agencies})
    return render(request, "insights/home.html", context)
