"""The competency entries of the navigation bar, from the same rules the pages apply."""

from django.utils.translation import gettext_lazy as _

from penata.accounts.models import Role

from .gaps import can_see_gap_maps
from .permissions import DEVELOPMENT_ROLES, can_see_talent_grid
from .views_standards import MANAGER_ROLES


def competency_nav(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"competency_nav": [], "sees_competencies": False}
    items = []
    if user.employee_id:
        items.append(("competency:me", _("My competencies"), "nav-my-competencies"))
    if user.is_superuser or user.role != Role.CITIZEN:
        items.append(("competency:dictionary", _("Competency dictionary"), "nav-dictionary"))
    if user.is_superuser or user.role in MANAGER_ROLES:
        items.append(("competency:standards", _("Position standards"), "nav-standards"))
    if can_see_gap_maps(user):
        items.append(("competency:gap_map", _("Gap map"), "nav-gaps"))
    if can_see_talent_grid(user):
        items.append(("competency:talent_grid", _("Talent nine-box"), "nav-talent"))
    # Whether employee pages offer the competency profile (narrowed per record by
    # ``permissions.can_see_competencies``).
    sees = bool(user.is_superuser or user.role in DEVELOPMENT_ROLES or user.employee_id)
    return {"competency_nav": items, "sees_competencies": sees}
