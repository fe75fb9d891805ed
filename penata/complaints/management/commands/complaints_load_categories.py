"""Create or update the complaint categories from a CSV file (the bundled one by default)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from penata.complaints.services import complaint_categories_load
from penata.complaints.services.common import CATEGORIES_CSV


class Command(BaseCommand):
    help = (
        "Create or update the complaint categories from a CSV of code, name, default_agency, "
        "description (default: penata/complaints/data/complaint_categories.csv). Idempotent."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", type=Path, default=CATEGORIES_CSV)

    def handle(self, *args, path: Path, **options):
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        try:
            count = complaint_categories_load(path=path)
        except (KeyError, UnicodeDecodeError) as error:
            raise CommandError(f"{path} is not a categories CSV ({error}).") from None
        self.stdout.write(self.style.SUCCESS(f"{count} complaint categories loaded from {path}."))
