"""The one rule that decides whose data a user sees.

- province-wide roles (province administrator, complaint verifier, training manager,
  leader) and superusers: every agency;
- agency administrator and complaint officer: their agency and its sub-agencies
  (a bureau under the Regional Secretariat, a hospital under the Health Office);
- employee: their own employee record only;
- citizen or anonymous: no staff data.

Every selector and API that returns agency-owned data filters through ``scope_of``.
"""

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from .models import Role


@dataclass(frozen=True)
class Scope:
    all_agencies: bool = False
    agency_ids: frozenset[int] = frozenset()
    employee_id: int | None = None

    @property
    def is_empty(self) -> bool:
        return not self.all_agencies and not self.agency_ids and self.employee_id is None

    @property
    def sees_agencies(self) -> bool:
        """Sees at least one agency's records (not only their own, nor nothing)."""
        return self.all_agencies or bool(self.agency_ids)

    def allows_agency(self, agency_id: int | None) -> bool:
        return self.all_agencies or (agency_id is not None and agency_id in self.agency_ids)


NOTHING = Scope()


def agency_with_descendants(agency_id: int) -> frozenset[int]:
    from penata.organization.models import Agency

    parents = dict(Agency.objects.values_list("id", "parent_id"))
    found = {agency_id}
    changed = True
    while changed:
        changed = False
        for child, parent in parents.items():
            if parent in found and child not in found:
                found.add(child)
                changed = True
    return frozenset(found)


def scope_of(user) -> Scope:
    if user is None or not user.is_authenticated or not user.is_active:
        return NOTHING
    cached = getattr(user, "_penata_scope", None)
    if cached is not None:
        return cached
    if user.is_superuser or user.is_province_wide:
        scope = Scope(all_agencies=True)
    elif user.role in (Role.AGENCY_ADMIN, Role.COMPLAINT_OFFICER) and user.agency_id:
        scope = Scope(agency_ids=agency_with_descendants(user.agency_id))
    elif user.role == Role.EMPLOYEE and user.employee_id:
        scope = Scope(employee_id=user.employee_id)
    else:
        scope = NOTHING
    user._penata_scope = scope
    return scope


def filter_by_scope(
    queryset: QuerySet, *, user, agency_field: str = "agency", employee_field: str | None = None
) -> QuerySet:
    """Keep only the rows of ``queryset`` that ``user`` may see.

    ``employee_field`` names the path to the employee id for employee-owned rows
    (``"pk"`` on the employee table itself); without it an employee sees nothing.
    """
    scope = scope_of(user)
    if scope.all_agencies:
        return queryset
    condition = Q(pk__in=[])
    if scope.agency_ids:
        condition |= Q(**{f"{agency_field}__in": scope.agency_ids})
    if scope.employee_id is not None and employee_field:
        condition |= Q(**{employee_field: scope.employee_id})
    return queryset.filter(condition)


def can_manage_agency(user, agency_id: int | None) -> bool:
    """Write access to agency master data (positions, employees)."""
    if not user.is_authenticated:
        return False
    if user.is_superuser or user.role == Role.PROVINCE_ADMIN:
        return True
    if user.role == Role.AGENCY_ADMIN:
        return scope_of(user).allows_agency(agency_id)
    return False
