"""Reading reports, with the visibility rule in one place."""

from django.db.models import QuerySet

from penata.accounts.models import Role
from penata.accounts.scoping import scope_of

from .models import Complaint


def complaint_list_visible_to(*, user) -> QuerySet[Complaint]:
    """Verifier and province-wide roles: every report; complaint officer and agency
    administrator: their agency's (and its sub-agencies'); a citizen: their own reports;
    anyone else nothing. Public lists for the anonymous public are a separate selector."""
    queryset = Complaint.objects.select_related("category", "agency", "assigned_to", "public_service")
    if user is None or not user.is_authenticated or not user.is_active:
        return queryset.none()
    if user.role in (Role.COMPLAINT_OFFICER, Role.AGENCY_ADMIN) and not user.is_superuser:
        return queryset.filter(agency_id__in=scope_of(user).agency_ids)
    if user.is_superuser or user.is_province_wide:
        return queryset
    return queryset.filter(reporter=user)
