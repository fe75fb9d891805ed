"""Reading one data row cell by cell, collecting every problem instead of stopping at the first."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from penata.accounts.models import Role
from penata.accounts.scoping import can_manage_agency
from penata.core.errors import ApplicationError, PermissionDenied

from .columns import CellError, cell_choice, cell_date, cell_display, cell_int, cell_number_text, cell_text
from .reader import Sheet
from .result import RowIssue

IMPORT_ROLES = frozenset({Role.PROVINCE_ADMIN, Role.AGENCY_ADMIN})
# Lookups of many codes go in chunks: SQLite allows 999 parameters in one query.
LOOKUP_CHUNK = 900


def can_import(user) -> bool:
    """``None`` is the system (a management command run without ``--user``)."""
    if user is None:
        return True
    return bool(user.is_authenticated and user.is_active and (user.is_superuser or user.role in IMPORT_ROLES))


def ensure_can_import(user) -> None:
    if not can_import(user):
        raise PermissionDenied(_("Only province and agency administrators can import data."))


def agency_allowed(user, agency_id: int) -> bool:
    return user is None or can_manage_agency(user, agency_id)


def chunks(items: Iterable, size: int = LOOKUP_CHUNK):
    batch: list = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


class RowReader:
    """Typed access to one row's cells; a bad cell is recorded and read as None."""

    def __init__(self, sheet: Sheet, number: int, values: tuple):
        self.sheet = sheet
        self.number = number
        self.values = values
        self.issues: list[RowIssue] = []
        self.warnings: list[RowIssue] = []
        self.bad: set[str] = set()

    def present(self, name: str) -> bool:
        return name in self.sheet.index

    def raw(self, name: str):
        return self.sheet.value(self.values, name)

    def error(self, name: str, reason) -> None:
        self.issues.append(RowIssue(self.number, name, cell_display(self.raw(name)), str(reason)))
        self.bad.add(name)

    def warn(self, name: str, reason) -> None:
        self.warnings.append(RowIssue(self.number, name, cell_display(self.raw(name)), str(reason)))

    def _read(self, name: str, parser, *, required: bool):
        value = self.raw(name)
        if value is None:
            if required:
                self.error(name, _("A value is required."))
            return None
        try:
            return parser(value)
        except CellError as exc:
            self.error(name, str(exc))
            return None

    def text(self, name: str, *, required: bool = False) -> str | None:
        """The text, "" for an empty cell, None for an absent column or a bad cell."""
        if not self.present(name):
            return None
        value = self._read(name, cell_text, required=required)
        if value is None:
            return None if name in self.bad else ""
        return value

    def number_text(self, name: str, *, required: bool = False) -> str | None:
        return self._read(name, cell_number_text, required=required)

    def date(self, name: str, *, required: bool = False):
        return self._read(name, cell_date, required=required)

    def integer(self, name: str, *, required: bool = False) -> int | None:
        return self._read(name, cell_int, required=required)

    def choice(
        self, name: str, choices: tuple[str, ...], *, required: bool = False, aliases=None
    ) -> str | None:
        if not self.present(name):
            return None
        value = self._read(name, lambda v: cell_choice(v, choices, aliases=aliases), required=required)
        if value is None:
            return None if name in self.bad else ""
        return value


def issues_from_exception(number: int, exc: Exception, columns: dict[str, str]) -> list[RowIssue]:
    """Row issues from a service's ValidationError or ApplicationError."""
    found: list[RowIssue] = []
    if isinstance(exc, ValidationError) and hasattr(exc, "error_dict"):
        for field, messages in exc.message_dict.items():
            for message in messages:
                found.append(
                    RowIssue(number, columns.get(field, field if field != "__all__" else ""), "", message)
                )
    elif isinstance(exc, ValidationError):
        found.extend(RowIssue(number, "", "", message) for message in exc.messages)
    elif isinstance(exc, ApplicationError) and exc.fields:
        for field, messages in exc.fields.items():
            for message in messages if isinstance(messages, (list, tuple)) else [messages]:
                found.append(RowIssue(number, columns.get(field, field), "", str(message)))
    else:
        found.append(RowIssue(number, "", "", str(getattr(exc, "message", exc))))
    return found
