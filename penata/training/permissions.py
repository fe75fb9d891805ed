"""Who may do what with training.

- Training manager (BPSDM) and province administrator: programs, sessions, confirming
  seats, attendance, completion, certificates, for every agency.
- Agency administrator: nominates and approves their agency's employees, verifies
  their external training, sees their agency's needs and JP compliance.
- Leader: reads everything (needs, compliance, ratings).
- Employee: the catalogue, requesting a seat for themself, withdrawing, their own JP,
  claiming external training, rating a session they attended.
"""

from penata.accounts.models import Role
from penata.accounts.scoping import scope_of
from penata.workforce.models import Employee

MANAGER_ROLES = frozenset({Role.TRAINING_MANAGER, Role.PROVINCE_ADMIN})
READER_ROLES = frozenset({Role.TRAINING_MANAGER, Role.PROVINCE_ADMIN, Role.LEADER, Role.AGENCY_ADMIN})


def is_training_manager(user) -> bool:
    return user.is_authenticated and (user.is_superuser or user.role in MANAGER_ROLES)


def is_self(user, employee: Employee) -> bool:
    return user.is_authenticated and user.employee_id is not None and user.employee_id == employee.pk


def can_manage_employee_training(user, employee: Employee) -> bool:
    """Nominate, approve, verify external training: the employee's agency administrator
    or a training manager."""
    if is_training_manager(user):
        return True
    return (
        user.is_authenticated
        and user.role == Role.AGENCY_ADMIN
        and scope_of(user).allows_agency(employee.agency_id)
    )


def can_see_training_of(user, employee: Employee) -> bool:
    """Enrolments, JP and needs of one employee."""
    if is_self(user, employee):
        return True
    if not user.is_authenticated or not (user.is_superuser or user.role in READER_ROLES):
        return False
    return scope_of(user).allows_agency(employee.agency_id)


def can_read_training_reports(user) -> bool:
    """Needs, compliance and rating reports (scoped by agency for an administrator)."""
    return user.is_authenticated and (user.is_superuser or user.role in READER_ROLES)
