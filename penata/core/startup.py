"""Start-up guards for production."""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import DatabaseError


def demo_accounts_present() -> bool:
    from penata.accounts.models import User

    try:
        return User.objects.filter(is_demo=True).exists()
    except DatabaseError:
        return False


def refuse_unsafe_production() -> None:
    """Production must not serve with demo accounts (known password) in its database."""
    if settings.IS_PRODUCTION and demo_accounts_present():
        raise ImproperlyConfigured(
            "Demo accounts exist in this database; production refuses to start. "
            "Remove them with `manage.py demo_accounts_remove`."
        )
