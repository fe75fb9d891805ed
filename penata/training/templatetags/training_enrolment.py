"""Template helpers of the enrolment pages and of the session page's enrolment panel."""

from django import template

from ..selectors_enrolment import enrolment_panel as panel_for

register = template.Library()

BADGES = {
    "pending_approval": "text-bg-warning",
    "approved": "text-bg-info",
    "confirmed": "text-bg-success",
    "waitlisted": "text-bg-secondary",
    "rejected": "text-bg-danger",
    "withdrawn": "text-bg-light border",
    "cancelled": "text-bg-light border",
    "completed": "text-bg-success",
    "incomplete": "text-bg-warning",
    "no_show": "text-bg-danger",
}


@register.simple_tag(takes_context=True)
def enrolment_panel(context, session):
    """What the panel shows to the signed-in user for ``session``."""
    request = context.get("request")
    user = getattr(request, "user", None) or context.get("user")
    return panel_for(user=user, session=session)


@register.filter
def enrolment_badge(status: str) -> str:
    return BADGES.get(status, "text-bg-light border")


@register.simple_tag
def attendance_of(roster, enrolment_id, day):
    """True, False, or None (not recorded) for one cell of the attendance grid."""
    return roster.attendance.get((enrolment_id, day))
