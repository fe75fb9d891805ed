"""Export positions or employees to an .xlsx file in the import template's layout."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from penata.organization.models import Agency
from penata.workforce.exporting import can_export, export_write
from penata.workforce.models import ImportKind


class Command(BaseCommand):
    help = "Export positions or employees to .xlsx (re-importable with import_excel)."

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=ImportKind.values)
        parser.add_argument("--out", type=Path, required=True)
        parser.add_argument("--agency", help="Only this agency (and its sub-agencies), by code.")
        parser.add_argument(
            "--user", help="Export what this user sees, masked as for them; default: everything, unmasked."
        )

    def handle(self, *args, kind, out, agency=None, user=None, **options):
        actor = None
        if user:
            actor = get_user_model().objects.filter(username=user).first()
            if actor is None:
                raise CommandError(f"No such user: {user}")
            if not can_export(actor):
                raise CommandError(f"User {user} may not export.")
        agency_obj = None
        if agency:
            agency_obj = Agency.objects.filter(code=agency).first()
            if agency_obj is None:
                raise CommandError(f"No such agency: {agency}")
        count = export_write(kind=kind, out=str(out), user=actor, agency=agency_obj)
        self.stdout.write(self.style.SUCCESS(f"{count} {kind} written to {out}"))
