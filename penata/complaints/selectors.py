"""Reading reports, with the visibility rule in one place."""

from django.db.models import QuerySet

from penata.accounts.models import Role
from penata.accounts.scoping import scope_of

from .models import Complaint, ComplaintStatus, Privacy

# Reports the public may see once a verifier has let them through: never a confidential
# one, and never before verification (an unverified report may be abuse or carry
# personal data the verifier removes by tightening its privacy).
PUBLISHED_STATUSES = (ComplaintStatus.DISPATCHED, ComplaintStatus.ANSWERED, ComplaintStatus.FINISHED)


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


def complaint_list_published() -> QuerySet[Complaint]:
    """Reports on public pages, lists, maps and Open311: verified, not confidential.
    Callers show no reporter identity for any of them (anonymous ones carry none anyway)."""
    return Complaint.objects.select_related("category", "agency", "public_service").filter(
        status__in=PUBLISHED_STATUSES, privacy__in=[Privacy.PUBLIC, Privacy.ANONYMOUS]
    )
