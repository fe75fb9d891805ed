"""``manage.py demo_accounts_remove``: delete every demo account before going to production."""

from django.core.management.base import BaseCommand, CommandError
from django.db.models import ProtectedError
from django.utils.translation import gettext as _

from penata.accounts.services import demo_accounts_remove


class Command(BaseCommand):
    help = (
        "Delete all demo accounts (their password is public); production refuses to start while one exists."
    )

    def handle(self, *args, **options):
        try:
            count = demo_accounts_remove()
        except ProtectedError as exc:
            raise CommandError(
                _("A demo account is still referenced by other records and cannot be deleted: %(error)s")
                % {"error": exc}
            ) from exc
        self.stdout.write(_("Removed %(count)s demo accounts.") % {"count": count})
