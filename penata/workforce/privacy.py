"""Who may see an employee's personal data (birth date, phone, email).

Province administrators, the administrator of the employee's agency and the employee
themself see it; every other role (leaders, training, complaints staff) gets it masked
in pages, API responses and exports.
"""

from penata.accounts.models import Role
from penata.accounts.scoping import scope_of

PERSONAL_FIELDS = ("birth_date", "birth_place", "phone", "email")
MASK = "•••"


def can_see_personal_data(user, *, agency_id: int | None, employee_id: int | None = None) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_superuser or user.role == Role.PROVINCE_ADMIN:
        return True
    if user.role == Role.AGENCY_ADMIN:
        return scope_of(user).allows_agency(agency_id)
    return employee_id is not None and user.employee_id == employee_id


def mask_value(value) -> str:
    if value in (None, ""):
        return ""
    return MASK
