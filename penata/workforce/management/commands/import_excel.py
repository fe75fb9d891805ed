"""Import a position or employee workbook from the command line, all or nothing."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from penata.core.errors import PermissionDenied
from penata.workforce.imports import import_file, report_workbook
from penata.workforce.models import ImportKind


class Command(BaseCommand):
    help = "Import positions or employees from an .xlsx file; nothing is written if any row is bad."

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=ImportKind.values)
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--user", help="Import as this user (their agency scope applies); default: no scope limit."
        )
        parser.add_argument("--dry-run", action="store_true", help="Validate and count, write nothing.")
        parser.add_argument("--report", type=Path, help="Also write the error report to this .xlsx file.")

    def handle(self, *args, kind, file, user=None, dry_run=False, report=None, **options):
        if not file.is_file():
            raise CommandError(f"No such file: {file}")
        actor = None
        if user:
            actor = get_user_model().objects.filter(username=user).first()
            if actor is None:
                raise CommandError(f"No such user: {user}")
        try:
            result = import_file(kind=kind, source=file, actor=actor, dry_run=dry_run)
        except PermissionDenied as exc:
            raise CommandError(str(exc)) from None
        if result.errors:
            self.stdout.write("row\tcolumn\tvalue\treason")
            for issue in result.errors:
                row = "" if issue.row is None else issue.row
                self.stdout.write(f"{row}\t{issue.column}\t{issue.value}\t{issue.reason}")
            if report:
                report.write_bytes(report_workbook(result.errors))
            raise CommandError(
                f"{len(result.errors)} error(s) in {len(result.bad_rows)} row(s); nothing was imported."
            )
        for issue in result.warnings:
            self.stderr.write(f"warning: row {issue.row} {issue.column}: {issue.reason}")
        prefix = "dry run, nothing written: " if dry_run else ""
        counts = (
            f"rows={result.rows} created={result.created} updated={result.updated} "
            f"unchanged={result.unchanged}"
        )
        if kind == ImportKind.POSITIONS:
            counts += f" units_created={result.units_created}"
        self.stdout.write(self.style.SUCCESS(prefix + counts))
