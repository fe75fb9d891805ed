"""Whether this browser is the reporter of a report.

The reporter is the signed-in account that filed it, or whoever typed its secret on the
status page in this session (the secret itself is never kept, only the report's code)."""

from .models import Complaint

SESSION_KEY = "complaints_unlocked"
MAX_UNLOCKED = 20


def complaint_unlocked(request, complaint: Complaint) -> bool:
    user = request.user
    if user.is_authenticated and complaint.reporter_id == user.pk:
        return True
    return complaint.tracking_code in request.session.get(SESSION_KEY, [])


def complaint_unlock(request, complaint: Complaint) -> None:
    """Remember, for this session, that the secret of ``complaint`` was given."""
    codes = [code for code in request.session.get(SESSION_KEY, []) if code != complaint.tracking_code]
    request.session[SESSION_KEY] = [*codes, complaint.tracking_code][-MAX_UNLOCKED:]
