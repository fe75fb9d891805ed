"""Importing employees from the employee workbook, all or nothing.

Every row is read and validated against lookups loaded in a few queries before anything is
written. New employees are written in bulk with the same appointment history rows and
``employee.created`` events that ``employee_create`` writes; changes to existing employees
go through the services one by one (``employee_transfer``, ``employee_promote``,
``employee_update``), which validate again. Any error anywhere rolls the whole file back.
"""

import copy
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from penata.core.errors import ApplicationError
from penata.core.events import events_record_many
from penata.organization.models import Agency, Position, Rank

from ..models import Employee, EmployeeStatus, ImportKind, PositionChangeKind, PositionHistory
from ..nip import normalize_nip
from ..privacy import MASK, PERSONAL_FIELDS
from ..services import (
    employee_identity_errors,
    employee_promote,
    employee_snapshot,
    employee_transfer,
    employee_update,
)
from .columns import EMPLOYEE_COLUMNS, SEX_ALIASES
from .reader import ImportFileError, Source, sheet_read
from .result import ImportResult, RowIssue, issues_sorted
from .rows import RowReader, agency_allowed, chunks, ensure_can_import, issues_from_exception

COLUMN_ORDER = [c.name for c in EMPLOYEE_COLUMNS]
FIELD_TO_COLUMN = {"agency": "agency_code", "position": "position_code", "__all__": ""}
# Columns that employee_update writes; rank, position and agency have their own services.
UPDATED_BY_FILE = (
    "full_name",
    "sex",
    "birth_date",
    "birth_place",
    "education_level",
    "education_field",
    "status",
    "phone",
    "email",
    "home_regency",
)
BULK_BATCH = 500
CHOICES = {c.name: c.choices for c in EMPLOYEE_COLUMNS if c.choices}


class _Rollback(Exception):
    pass


@dataclass
class Lookups:
    agencies: dict[str, Agency]
    ranks: dict[str, Rank]
    ranks_by_id: dict[int, Rank]
    positions: dict[str, Position]
    employees: dict[str, Employee]

    @classmethod
    def load(cls, *, nips: set[str], position_codes: set[str]) -> "Lookups":
        ranks = list(Rank.objects.all())
        agencies = {a.code.upper(): a for a in Agency.objects.all()}
        by_id = {a.pk: a for a in agencies.values()}
        positions: dict[str, Position] = {}
        for batch in chunks(sorted(position_codes)):
            for position in Position.objects.filter(code__in=batch):
                position.agency = by_id[position.agency_id]
                positions[position.code] = position
        employees: dict[str, Employee] = {}
        for batch in chunks(sorted(nips)):
            for employee in Employee.objects.filter(nip__in=batch):
                employees[employee.nip] = employee
        # The current positions of existing employees, so that comparing and validating
        # them needs no query per row.
        by_pk = {p.pk: p for p in positions.values()}
        missing = {e.position_id for e in employees.values() if e.position_id and e.position_id not in by_pk}
        for batch in chunks(sorted(missing)):
            for position in Position.objects.filter(pk__in=batch):
                position.agency = by_id[position.agency_id]
                by_pk[position.pk] = position
        for employee in employees.values():
            employee.agency = by_id[employee.agency_id]
            if employee.position_id:
                employee.position = by_pk[employee.position_id]
        return cls(
            agencies=agencies,
            ranks={r.code.upper(): r for r in ranks},
            ranks_by_id={r.pk: r for r in ranks},
            positions=positions,
            employees=employees,
        )


@dataclass
class Plan:
    row: int
    employee: Employee  # the state the file asks for
    existing: Employee | None = None
    updates: dict = field(default_factory=dict)
    transfer: bool = False
    promote: bool = False

    @property
    def changes(self) -> bool:
        return bool(self.updates or self.transfer or self.promote)


def validation_errors(employee: Employee, *, today: date, skip: set[str]) -> dict[str, list[str]]:
    """``employee_validate`` without its database round trips.

    The foreign keys come from preloaded lookups and NIP uniqueness is decided by the
    lookup by NIP, so only the checks on values remain; the rules and messages are the
    service's. Services validate again on every write, and a miss there still rejects the
    whole file.
    """
    errors: dict[str, list[str]] = {}
    try:
        employee.full_clean(
            exclude=["rank", "agency", "position", *skip], validate_unique=False, validate_constraints=False
        )
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if "nip" not in errors and not skip & {"nip", "employment_type"}:
        for name, message in employee_identity_errors(
            nip=employee.nip,
            employment_type=employee.employment_type,
            birth_date=employee.birth_date,
            sex=employee.sex,
            today=today,
        ).items():
            if name not in skip:
                errors.setdefault(name, []).append(message)
    if (
        employee.rank_id
        and employee.employment_type
        and not skip & {"rank", "employment_type"}
        and employee.rank.employment_type != employee.employment_type
    ):
        errors.setdefault("rank", []).append(_("A PNS has a golongan/ruang rank and a PPPK a PPPK grade."))
    if employee.position_id and employee.agency_id and employee.position.agency_id != employee.agency_id:
        errors.setdefault("position", []).append(_("The position belongs to another agency."))
    if employee.birth_date and employee.birth_date > today:
        errors.setdefault("birth_date", []).append(_("The birth date is in the future."))
    return errors


def _read_row(reader: RowReader, lookups: Lookups, *, actor, today: date) -> Plan | None:
    nip_raw = reader.number_text("nip", required=True)
    nip = normalize_nip(nip_raw) if nip_raw else None
    employment_type = reader.choice("employment_type", CHOICES["employment_type"], required=True)
    full_name = reader.text("full_name", required=True)
    sex = reader.choice("sex", CHOICES["sex"], required=True, aliases=SEX_ALIASES)
    birth_date = reader.date("birth_date", required=True)
    values = {
        "birth_place": reader.text("birth_place"),
        "education_level": reader.choice("education_level", CHOICES["education_level"], required=True),
        "education_field": reader.text("education_field"),
        "status": reader.choice("status", CHOICES["status"], required=True),
        "phone": reader.text("phone"),
        "email": reader.text("email"),
        "home_regency": reader.text("home_regency"),
        "full_name": full_name,
        "sex": sex,
        "birth_date": birth_date,
    }
    for name in PERSONAL_FIELDS:
        if name not in reader.bad and reader.raw(name) == MASK:
            reader.error(name, _("The value is masked; import a file exported with personal data."))

    rank_code = reader.text("rank", required=True)
    rank = lookups.ranks.get(rank_code.upper()) if rank_code else None
    if rank_code and rank is None:
        reader.error("rank", _("Unknown rank code."))

    agency_code = reader.text("agency_code", required=True)
    agency = lookups.agencies.get(agency_code.upper()) if agency_code else None
    if agency_code and agency is None:
        reader.error("agency_code", _("Unknown agency code."))
    elif agency is not None and not agency_allowed(actor, agency.pk):
        reader.error("agency_code", _("You may not import employees of this agency."))
        agency = None

    position_code = reader.text("position_code")
    position = lookups.positions.get(position_code) if position_code else None
    if position_code and position is None:
        reader.error("position_code", _("Unknown position code."))
    start_date = reader.date("position_start_date")
    if position is not None and start_date is None and "position_start_date" not in reader.bad:
        reader.error("position_start_date", _("Enter the date the employee started in the position."))

    existing = lookups.employees.get(nip) if nip else None
    if existing is not None:
        return _plan_update(
            reader,
            existing,
            lookups,
            actor=actor,
            today=today,
            employment_type=employment_type,
            rank=rank,
            agency=agency,
            position=position,
            position_given=position_code is not None,
            start_date=start_date,
            values=values,
        )
    employee = Employee(
        nip=nip or "",
        employment_type=employment_type or "",
        rank=rank,
        agency=agency,
        position=position,
        position_start_date=start_date if position else None,
        **{k: (v if v is not None else "") for k, v in values.items() if k not in {"birth_date"}},
        birth_date=birth_date,
    )
    _check(reader, employee, today=today)
    return Plan(row=reader.number, employee=employee)


def _plan_update(
    reader: RowReader,
    existing: Employee,
    lookups: Lookups,
    *,
    actor,
    today: date,
    employment_type,
    rank,
    agency,
    position,
    position_given: bool,
    start_date,
    values: dict,
) -> Plan:
    if not agency_allowed(actor, existing.agency_id):
        reader.error("nip", _("This number belongs to an employee of an agency you do not manage."))
        return Plan(row=reader.number, employee=existing, existing=existing)
    plan = Plan(row=reader.number, employee=copy.copy(existing), existing=existing)
    final = plan.employee
    if employment_type and employment_type != existing.employment_type:
        reader.error(
            "employment_type",
            _("The employment type of an employee cannot change; a PPPK appointed as PNS gets a new NIP."),
        )
    for name, value in values.items():
        # None: the column is absent or the cell is bad; keep what is recorded.
        if value is not None:
            setattr(final, name, value)
    plan.updates = {
        name: getattr(final, name)
        for name in UPDATED_BY_FILE
        if name not in reader.bad and getattr(final, name) != getattr(existing, name)
    }

    current_rank = lookups.ranks_by_id[existing.rank_id]
    if rank is not None and rank.pk != existing.rank_id:
        final.rank = rank
        if rank.employment_type == current_rank.employment_type:
            if rank.order > current_rank.order:
                plan.promote = True
            else:
                # Demotion is a disciplinary penalty (PP 94/2021) recorded with its decree,
                # never as a side effect of a spreadsheet.
                reader.error(
                    "rank",
                    _(
                        "The rank is lower than the recorded rank (%(rank)s); "
                        "a demotion is not recorded by import."
                    )
                    % {"rank": current_rank.code},
                )
    else:
        final.rank = current_rank

    new_position = position if position_given else existing.position
    if position_given and "position_code" in reader.bad:
        new_position = existing.position
    new_position_id = new_position.pk if new_position is not None else None
    if new_position_id != existing.position_id:
        plan.transfer = True
        current_status = existing.status
        if current_status == EmployeeStatus.RETIRED and final.status == EmployeeStatus.RETIRED:
            reader.error("position_code", _("A retired employee cannot be moved."))
        move_date = start_date if new_position is not None else today
        if (
            move_date
            and existing.position_start_date
            and move_date < existing.position_start_date
            and "position_start_date" not in reader.bad
        ):
            reader.error(
                "position_start_date" if new_position is not None else "position_code",
                _("The start date is before the start of the current position."),
            )
        final.position = new_position
        final.position_start_date = move_date if new_position is not None else None
    elif (
        new_position is not None
        and start_date is not None
        and existing.position_start_date
        and start_date != existing.position_start_date
    ):
        reader.warn(
            "position_start_date",
            _("Differs from the recorded start (%(date)s) and was not changed; the position is the same.")
            % {"date": existing.position_start_date.strftime("%d-%m-%Y")},
        )

    if agency is not None:
        if final.position is not None:
            final.agency = agency  # validation reports a position of another agency
        elif agency.pk != existing.agency_id:
            reader.error("agency_code", _("The agency changes only with a position in the new agency."))
    _check(reader, final, today=today)
    return plan


def _check(reader: RowReader, employee: Employee, *, today: date) -> None:
    skip = {FIELD_FROM_COLUMN.get(name, name) for name in reader.bad}
    if employee.rank_id is None:
        skip.add("rank")
    if employee.agency_id is None:
        skip.add("agency")
    for name, messages in validation_errors(employee, today=today, skip=skip).items():
        column = FIELD_TO_COLUMN.get(name, name)
        for message in messages:
            reader.error(column, message)


FIELD_FROM_COLUMN = {"agency_code": "agency", "position_code": "position"}


def employees_import(*, source: Source, actor=None, dry_run: bool = False) -> ImportResult:
    """Import the employee workbook; nothing is written unless every row is valid."""
    ensure_can_import(actor)
    result = ImportResult(kind=ImportKind.EMPLOYEES, dry_run=dry_run)
    try:
        sheet = sheet_read(source, columns=EMPLOYEE_COLUMNS)
    except ImportFileError as exc:
        result.errors = exc.issues
        return result
    result.rows = len(sheet.rows)
    result.ignored_columns = sheet.ignored_columns
    today = timezone.localdate()

    nips, codes = set(), set()
    for _number, values in sheet.rows:
        raw_nip = sheet.value(values, "nip")
        if isinstance(raw_nip, (str, int)):
            nips.add(normalize_nip(str(raw_nip)))
        code = sheet.value(values, "position_code")
        if code is not None:
            codes.add(str(code).strip())
    lookups = Lookups.load(nips=nips, position_codes=codes)

    errors: list[RowIssue] = []
    warnings: list[RowIssue] = []
    plans: list[Plan] = []
    first_row: dict[str, int] = {}
    for number, values in sheet.rows:
        reader = RowReader(sheet, number, values)
        plan = _read_row(reader, lookups, actor=actor, today=today)
        nip = plan.employee.nip if plan else ""
        if nip and "nip" not in reader.bad:
            if nip in first_row:
                reader.error(
                    "nip",
                    _("The number appears more than once in the file (first on row %(row)s).")
                    % {"row": first_row[nip]},
                )
            else:
                first_row[nip] = number
        errors.extend(reader.issues)
        warnings.extend(reader.warnings)
        if not reader.issues and plan is not None:
            plans.append(plan)
    if errors:
        result.errors = issues_sorted(errors, COLUMN_ORDER)
        return result
    result.warnings = issues_sorted(warnings, COLUMN_ORDER)

    try:
        with transaction.atomic():
            apply_errors = _apply(plans, actor=actor, today=today)
            if apply_errors or dry_run:
                raise _Rollback
    except _Rollback:
        if apply_errors:
            result.errors = issues_sorted(apply_errors, COLUMN_ORDER)
            return result
    result.created = sum(1 for p in plans if p.existing is None)
    result.updated = sum(1 for p in plans if p.existing is not None and p.changes)
    result.unchanged = sum(1 for p in plans if p.existing is not None and not p.changes)
    return result


def _apply(plans: list[Plan], *, actor, today: date) -> list[RowIssue]:
    _create_bulk([p.employee for p in plans if p.existing is None], actor=actor)
    issues: list[RowIssue] = []
    for plan in plans:
        if plan.existing is None or not plan.changes:
            continue
        try:
            _apply_changes(plan, actor=actor, today=today)
        except (ValidationError, ApplicationError) as exc:
            issues.extend(
                issues_from_exception(plan.row, exc, {**FIELD_TO_COLUMN, "start_date": "position_start_date"})
            )
    return issues


def _apply_changes(plan: Plan, *, actor, today: date) -> None:
    employee, final = plan.existing, plan.employee
    # A retired employee coming back is reactivated before being moved; anyone else is
    # moved first and then updated, so retiring and releasing in one row works too.
    update_first = employee.status == EmployeeStatus.RETIRED
    if plan.updates and update_first:
        employee = employee_update(employee=employee, actor=actor, **plan.updates)
    if plan.transfer:
        employee = employee_transfer(
            employee=employee,
            position=final.position,
            start_date=final.position_start_date if final.position is not None else today,
            actor=actor,
            kind=PositionChangeKind.TRANSFER if final.position is not None else PositionChangeKind.RELEASE,
            # The file records where people are; a seat count is the workload plan, which
            # an import must not refuse to record (a vacancy report shows the overfill).
            allow_over_headcount=True,
        )
    if plan.promote:
        employee = employee_promote(employee=employee, rank=final.rank, start_date=today, actor=actor)
    if plan.updates and not update_first:
        employee_update(employee=employee, actor=actor, **plan.updates)


def _create_bulk(employees: list[Employee], *, actor) -> None:
    """What ``employee_create`` writes for each row, in a few statements."""
    if not employees:
        return
    actor_id = actor.pk if actor is not None and actor.is_authenticated else None
    Employee.objects.bulk_create(employees, batch_size=BULK_BATCH)
    PositionHistory.objects.bulk_create(
        [
            PositionHistory(
                employee=e,
                kind=PositionChangeKind.APPOINTMENT,
                position_id=e.position_id,
                agency_id=e.agency_id,
                rank_id=e.rank_id,
                start_date=e.position_start_date,
                reference="",
                actor_id=actor_id,
            )
            for e in employees
            if e.position_id
        ],
        batch_size=BULK_BATCH,
    )
    events_record_many(subjects=employees, action="employee.created", actor=actor, to_state=employee_snapshot)
