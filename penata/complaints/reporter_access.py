"""Whether this browser is the reporter of a report.

The reporter is the signed-in account that filed it, or a browser that gave its secret
(typed on the track page, or just received by filing the report). That browser keeps the
codes of the reports it unlocked in a signed cookie (never the secret): a cookie rather
than the session, so that a citizen filing a report without an account costs no session
row. The cookie is signed (a code cannot be added to it), HttpOnly, limited to the
complaint pages, and holds at most ``MAX_UNLOCKED`` codes.

Like session data, the list belongs to whoever was signed in when it was written:
codes unlocked while signed in are not honoured once that account signs out or another one
signs in; codes unlocked without an account still are after signing in.
"""

from django.conf import settings
from django.urls import reverse

from .models import Complaint

UNLOCKED_COOKIE = "penata_reports"
UNLOCKED_SALT = "penata.complaints.reporter_access.unlocked"
MAX_UNLOCKED = 20
_OWNER_SEPARATOR = "|"
_CODE_SEPARATOR = "."  # a cookie value cannot hold a comma unquoted


def signed_cookie_set(response, name: str, value: str, *, salt: str, max_age: int, path: str) -> None:
    """A signed, HttpOnly, same-site cookie, sent over HTTPS only where the session cookie is."""
    response.set_signed_cookie(
        name,
        value,
        salt=salt,
        max_age=max_age,
        path=path,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


def unlocked_cookie_path() -> str:
    # The track and status pages and the attachment downloads all live under it.
    return reverse("complaints:public_list")


def _owner(request) -> str:
    user = request.user
    return str(user.pk) if user.is_authenticated else ""


def _unlocked_codes(request) -> list[str]:
    value = request.get_signed_cookie(
        UNLOCKED_COOKIE, default="", salt=UNLOCKED_SALT, max_age=settings.SESSION_COOKIE_AGE
    )
    owner, separator, codes = value.partition(_OWNER_SEPARATOR)
    if not separator or not codes or owner not in ("", _owner(request)):
        return []
    return codes.split(_CODE_SEPARATOR)[-MAX_UNLOCKED:]


def unlocked_cookie_write(response, codes: list[str], *, owner: str = "") -> None:
    """Send the list of unlocked codes (the newest last) for the account ``owner`` ("": none)."""
    value = owner + _OWNER_SEPARATOR + _CODE_SEPARATOR.join(codes[-MAX_UNLOCKED:])
    signed_cookie_set(
        response,
        UNLOCKED_COOKIE,
        value,
        salt=UNLOCKED_SALT,
        max_age=settings.SESSION_COOKIE_AGE,
        path=unlocked_cookie_path(),
    )


def complaint_unlocked(request, complaint: Complaint) -> bool:
    user = request.user
    if user.is_authenticated and complaint.reporter_id == user.pk:
        return True
    return complaint.tracking_code in _unlocked_codes(request)


def complaint_unlock(request, response, complaint: Complaint) -> None:
    """Remember, in this browser, that the secret of ``complaint`` was given (``response``
    carries the cookie)."""
    user = request.user
    if user.is_authenticated and complaint.reporter_id == user.pk:
        return  # the account is enough
    codes = [code for code in _unlocked_codes(request) if code != complaint.tracking_code]
    unlocked_cookie_write(response, [*codes, complaint.tracking_code], owner=_owner(request))
