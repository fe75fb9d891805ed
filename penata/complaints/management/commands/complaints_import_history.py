"""Import historical reports for the routing model from a CSV file, all or nothing."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from penata.complaints.services.routing import training_reports_import


class Command(BaseCommand):
    help = (
        "Import historical reports (CSV columns description, category, agency) to train the "
        "routing model; nothing is written if any row is bad."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--user", help="Record the import as done by this user.")

    def handle(self, *args, file, user=None, **options):
        if not file.is_file():
            raise CommandError(f"No such file: {file}")
        actor = None
        if user:
            actor = get_user_model().objects.filter(username=user).first()
            if actor is None:
                raise CommandError(f"No such user: {user}")
        with file.open("rb") as handle:
            result = training_reports_import(file=handle, actor=actor)
        if not result.ok:
            self.stdout.write("row\tcolumn\tvalue\treason")
            for issue in result.errors:
                row = "" if issue.row is None else issue.row
                self.stdout.write(f"{row}\t{issue.column}\t{issue.value}\t{issue.reason}")
            raise CommandError(f"{result.error_count} error(s); nothing was imported.")
        self.stdout.write(
            self.style.SUCCESS(f"rows={result.rows} created={result.created} duplicates={result.duplicates}")
        )
