"""Limits on the public pages, counted in the cache.

Secrets (brute-force protection): a wrong secret counts against the browser session and
against the client's address, each in a fixed 15-minute window; once either is used up,
secrets are not checked at all until the window ends. Guessing a 20-character secret is
hopeless anyway; the limit mostly keeps the deliberately slow password hash from being a
denial-of-service lever. Production needs a cache shared by every app server
(``CACHE_URL``), or each server counts on its own.
"""

from axes.helpers import get_client_ip_address
from django.core.cache import cache

WINDOW_SECONDS = 15 * 60
SESSION_LIMIT = 5
ADDRESS_LIMIT = 20
_PREFIX = "penata:complaints:secret_failures"


def _client_address(request) -> str:
    # The address the sign-in lockout (django-axes) uses, so proxies are handled alike.
    return get_client_ip_address(request) or request.META.get("REMOTE_ADDR", "")


def _counters(request, *, create_session: bool = False) -> list[tuple[str, int]]:
    counters = []
    address = _client_address(request)
    if address:
        counters.append((f"{_PREFIX}:address:{address}", ADDRESS_LIMIT))
    if request.session.session_key is None and create_session:
        request.session.save()
    if request.session.session_key:
        counters.append((f"{_PREFIX}:session:{request.session.session_key}", SESSION_LIMIT))
    return counters


def secret_attempts_blocked(request) -> bool:
    return any((cache.get(key) or 0) >= limit for key, limit in _counters(request))


def _count(key: str, window: int) -> int:
    # add() starts the window only once; incr() keeps its expiry.
    cache.add(key, 0, window)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, window)
        return 1


def secret_attempt_failed(request) -> None:
    for key, _limit in _counters(request, create_session=True):
        _count(key, WINDOW_SECONDS)


# Follow requests send a confirmation email to any address typed in: a few per address of
# the client an hour, and one per report and recipient an hour, so the form cannot be used
# to flood someone's mailbox.
FOLLOW_WINDOW_SECONDS = 60 * 60
FOLLOW_ADDRESS_LIMIT = 10


def follow_request_allowed(request, *, code: str, email: str) -> bool:
    """Count one follow request; False when it is over a limit (then send nothing)."""
    address = _client_address(request)
    if address and _count(f"penata:complaints:follow:address:{address}", FOLLOW_WINDOW_SECONDS) > (
        FOLLOW_ADDRESS_LIMIT
    ):
        return False
    return cache.add(f"penata:complaints:follow:recipient:{code}:{email}", 1, FOLLOW_WINDOW_SECONDS)
