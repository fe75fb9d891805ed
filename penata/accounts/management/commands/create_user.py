"""``manage.py create_user USERNAME --role ROLE [--agency CODE] --full-name NAME ...``"""

import getpass
import sys

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from penata.accounts.models import Role
from penata.accounts.services import user_create
from penata.organization.models import Agency
from penata.workforce.models import Employee
from penata.workforce.nip import normalize_nip


class Command(BaseCommand):
    help = (
        "Create a user account through the accounts service. Staff roles need --agency. "
        "Without --password or --password-stdin the password is asked for. Never creates demo accounts."
    )
    # Lets tests hand in the stream --password-stdin reads.
    stealth_options = ("stdin",)

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--role", required=True, help=f"One of: {', '.join(Role.values)}.")
        parser.add_argument("--agency", default="", help="Agency code (required for staff roles).")
        parser.add_argument("--full-name", required=True, dest="full_name")
        parser.add_argument("--email", default="")
        parser.add_argument("--phone", default="")
        parser.add_argument(
            "--employee", default="", help="NIP or PPPK number of the employee record to link."
        )
        password = parser.add_mutually_exclusive_group()
        password.add_argument(
            "--password", default=None, help="The password (visible in the process list; prefer the prompt)."
        )
        password.add_argument(
            "--password-stdin", action="store_true", help="Read the password from the first line of stdin."
        )

    def _password(self, options) -> str:
        if options["password"] is not None:
            return options["password"]
        stdin = options.get("stdin") or sys.stdin
        if options["password_stdin"]:
            return stdin.readline().rstrip("\r\n")
        if not hasattr(stdin, "isatty") or not stdin.isatty():
            raise CommandError(_("No password given: use --password, --password-stdin or run in a terminal."))
        first = getpass.getpass(_("Password: "))
        if first != getpass.getpass(_("Password (again): ")):
            raise CommandError(_("The two passwords do not match."))
        return first

    def handle(self, *args, username: str, role: str, agency: str, employee: str, **options):
        if role not in Role.values:
            raise CommandError(
                _("Unknown role “%(role)s”. Choose one of: %(roles)s.")
                % {"role": role, "roles": ", ".join(Role.values)}
            )
        agency_obj = None
        if agency:
            agency_obj = Agency.objects.filter(code=agency.strip()).first()
            if agency_obj is None:
                raise CommandError(_("Unknown agency code “%(code)s”.") % {"code": agency})
        employee_obj = None
        if employee:
            employee_obj = (
                Employee.objects.select_related("agency").filter(nip=normalize_nip(employee)).first()
            )
            if employee_obj is None:
                raise CommandError(_("No employee has the number “%(nip)s”.") % {"nip": employee})
            if agency_obj is None and role != Role.CITIZEN:
                agency_obj = employee_obj.agency
        if role != Role.CITIZEN and agency_obj is None:
            raise CommandError(_("The role “%(role)s” needs --agency.") % {"role": role})
        password = self._password(options)
        if not password:
            raise CommandError(_("The password cannot be empty."))
        try:
            user = user_create(
                username=username,
                role=role,
                full_name=options["full_name"],
                agency=agency_obj,
                email=options["email"],
                phone=options["phone"],
                employee=employee_obj,
                password=password,
            )
        except ValidationError as exc:
            lines = [f"{field}: {' '.join(messages)}" for field, messages in exc.message_dict.items()]
            raise CommandError("\n".join(lines)) from exc
        self.stdout.write(
            _("Created user “%(username)s” (%(role)s, %(agency)s).")
            % {
                "username": user.username,
                "role": user.role,
                "agency": user.agency.code if user.agency_id else "-",
            }
        )
