from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied

from .scoping import scope_of


def agency_staff_required(view):
    """Signed in, with a role that sees at least one agency's records."""

    @wraps(view)
    @login_required
    def wrapper(request, *args, **kwargs):
        if not scope_of(request.user).sees_agencies:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper
