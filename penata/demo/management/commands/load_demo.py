"""``manage.py load_demo [--employees N] [--seed S]``: the demo province of Maluku Utara."""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from penata.core.errors import ApplicationError
from penata.demo.complaints import DEMO_REPORT_SECRET
from penata.demo.loader import DEFAULT_SEED, demo_load
from penata.demo.structure import DEFAULT_EMPLOYEES

DEMO_URL = "http://127.0.0.1:8000"
SUMMARY_LABELS = {
    "units": gettext_lazy("units"),
    "positions": gettext_lazy("positions"),
    "employees": gettext_lazy("employees"),
    "position_history": gettext_lazy("position history"),
    "placement_interests": gettext_lazy("placement interests"),
    "performance_ratings": gettext_lazy("performance ratings"),
    "public_services": gettext_lazy("public services"),
    "accounts": gettext_lazy("demo accounts"),
    "technical_competencies": gettext_lazy("technical competencies"),
    "position_standards": gettext_lazy("position standard rows"),
    "assessments": gettext_lazy("competency assessments"),
    "complaint_categories": gettext_lazy("complaint categories"),
    "complaint_staff": gettext_lazy("demo complaint officers"),
    "complaints": gettext_lazy("public reports"),
    "routing_training_reports": gettext_lazy("routing training reports"),
    "routing_models": gettext_lazy("routing models"),
    "response_templates": gettext_lazy("complaint response templates"),
    "training_programs": gettext_lazy("training programs"),
    "training_sessions": gettext_lazy("training sessions"),
    "training_enrolments": gettext_lazy("enrolments"),
    "training_attendance": gettext_lazy("attendance records"),
    "jp_ledger_entries": gettext_lazy("JP ledger entries"),
    "training_certificates": gettext_lazy("certificates"),
    "session_ratings": gettext_lazy("session ratings"),
    "external_trainings": gettext_lazy("external training claims"),
    "training_needs": gettext_lazy("training needs"),
}


class Command(BaseCommand):
    help = (
        "Load the demo province (agencies, units, positions, employees, public services, competency "
        "standards and assessments, complaint categories and public reports, training programs, sessions "
        "and JP, and one demo account per role). Idempotent; refused in production."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--employees",
            type=int,
            default=DEFAULT_EMPLOYEES,
            help=f"How many employees to generate (default {DEFAULT_EMPLOYEES}); positions scale along.",
        )
        parser.add_argument(
            "--url",
            default=DEMO_URL,
            help=f"Address the server will answer on, printed with the logins (default {DEMO_URL}).",
        )
        parser.add_argument(
            "--seed",
            type=int,
            default=DEFAULT_SEED,
            help="Random seed; the same seed gives the same province.",
        )

    def handle(self, *args, employees: int, seed: int, **options):
        started = time.monotonic()
        verbose = options["verbosity"] >= 2

        def progress(step: str) -> None:
            if verbose:
                self.stdout.write(f"  {step} ({time.monotonic() - started:.1f} s)")

        try:
            result = demo_load(employees=employees, seed=seed, progress=progress)
        except ApplicationError as exc:
            raise CommandError(str(exc.message)) from exc
        if result.already_loaded:
            self.stdout.write(
                _("The demo province is already loaded (%(employees)s employees, seed %(seed)s).")
                % {"employees": employees, "seed": seed}
            )
        else:
            summary = ", ".join(
                f"{SUMMARY_LABELS.get(name, name.replace('_', ' '))} {count}"
                for name, count in result.created.items()
            )
            self.stdout.write(
                self.style.SUCCESS(
                    _("Demo province loaded in %(seconds).1f s: %(summary)s.")
                    % {"seconds": time.monotonic() - started, "summary": summary or "-"}
                )
            )
        for username in result.skipped_accounts:
            self.stderr.write(
                self.style.WARNING(
                    _("User “%(username)s” exists and is not a demo account; left unchanged.")
                    % {"username": username}
                )
            )
        self.stdout.write("")
        self.stdout.write(
            _("Demo logins (password “%(password)s”):") % {"password": settings.PENATA_DEMO_PASSWORD}
        )
        for user in result.accounts:
            if not user.is_demo:
                continue
            agency = user.agency.code if user.agency_id else "-"
            self.stdout.write(f"  {user.username:<10} {user.role:<19} {agency:<12} {user.full_name}")
        self.stdout.write(
            _("Demo reports filed without an account open with the secret “%(secret)s”.")
            % {"secret": DEMO_REPORT_SECRET}
        )
        url = options["url"].rstrip("/") + reverse("accounts:login")
        self.stdout.write(_("Sign in at %(url)s") % {"url": url})
