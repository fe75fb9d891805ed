"""Who may see and change competency data. Visibility of the employee record itself is
``accounts.scoping``; these rules narrow it for competency data.

- Levels, gaps and JPM: personnel-development roles who may see the employee (province
  administrator, training manager, leader, the agency administrator) and the employee
  themself. Complaint roles see employee records to route reports, not their
  competencies.
- Talent box: province administrator, leader, the employee's agency administrator, and
  the employee themself when ``PENATA_TALENT_BOX_SELF_VISIBLE`` (talent mapping results
  are personnel records; some agencies keep them from the employee until discussed).
- Recording assessments: province administrator and training manager (BKD/BPSDM run the
  assessment centre) for anyone, an agency administrator for their agency; an employee
  may record only a self-assessment of their own.
- Position standards: whoever manages the position's agency (``can_manage_agency``).
"""

from django.conf import settings

from penata.accounts.models import Role
from penata.accounts.scoping import can_manage_agency, scope_of
from penata.workforce.models import Employee

from .models import AssessmentMethod

TALENT_ROLES = frozenset({Role.PROVINCE_ADMIN, Role.LEADER})
ASSESSOR_ROLES = frozenset({Role.PROVINCE_ADMIN, Role.TRAINING_MANAGER})


def _is_self(user, employee: Employee) -> bool:
    return user.is_authenticated and user.employee_id is not None and user.employee_id == employee.pk


DEVELOPMENT_ROLES = frozenset({Role.PROVINCE_ADMIN, Role.TRAINING_MANAGER, Role.LEADER, Role.AGENCY_ADMIN})


def can_see_competencies(user, employee: Employee) -> bool:
    if not user.is_authenticated:
        return False
    if _is_self(user, employee):
        return True
    if not (user.is_superuser or user.role in DEVELOPMENT_ROLES):
        return False
    return scope_of(user).allows_agency(employee.agency_id)


def can_see_talent_box(user, employee: Employee) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_superuser or user.role in TALENT_ROLES:
        return True
    if user.role == Role.AGENCY_ADMIN:
        return scope_of(user).allows_agency(employee.agency_id)
    return _is_self(user, employee) and settings.PENATA_TALENT_BOX_SELF_VISIBLE


def can_see_talent_grid(user) -> bool:
    """The grid pages: the talent roles (whole province) and agency administrators (their agency)."""
    return user.is_authenticated and (
        user.is_superuser or user.role in TALENT_ROLES or user.role == Role.AGENCY_ADMIN
    )


def can_record_assessment(user, employee: Employee, method: str) -> bool:
    if not user.is_authenticated:
        return False
    if method == AssessmentMethod.SELF:
        return _is_self(user, employee)
    if user.is_superuser or user.role in ASSESSOR_ROLES:
        return True
    return user.role == Role.AGENCY_ADMIN and scope_of(user).allows_agency(employee.agency_id)


def can_set_standard(user, position) -> bool:
    return can_manage_agency(user, position.agency_id)
