"""Importing positions (and the units they sit in) from the position workbook, all or nothing.

Rows are validated against lookups loaded in a few queries; then units and positions are
written through the organization services (``unit_create``, ``position_create``,
``position_update``), which validate again and record their events. Any error rolls the
whole file back.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from penata.core.errors import ApplicationError
from penata.organization.models import Agency, Position, Rank, Unit
from penata.organization.services import position_create, position_update, position_validate, unit_create

from ..models import ImportKind
from .columns import POSITION_COLUMNS, POSITION_EXPORT_EXTRA, split_fields
from .reader import ImportFileError, Source, sheet_read
from .result import ImportResult, RowIssue, issues_sorted
from .rows import RowReader, agency_allowed, chunks, ensure_can_import, issues_from_exception

COLUMN_ORDER = [c.name for c in POSITION_COLUMNS]
FIELD_TO_COLUMN = {"unit": "unit_code", "agency": "agency_code", "__all__": ""}
CHOICES = {c.name: c.choices for c in POSITION_COLUMNS if c.choices}
COMPARED = (
    "title",
    "position_class",
    "min_rank",
    "max_rank",
    "required_education_level",
    "required_education_fields",
    "headcount_needed",
)

UnitKey = tuple[int, str]  # (agency id, unit code)


class _Rollback(Exception):
    pass


@dataclass
class NewUnit:
    agency: Agency
    code: str
    row: int
    name: str = ""
    name_row: int | None = None
    parent_code: str | None = None
    parent_row: int | None = None


@dataclass
class Plan:
    row: int
    position: Position
    unit_key: UnitKey
    existing: Position | None = None
    updates: dict = field(default_factory=dict)


@dataclass
class Lookups:
    agencies: dict[str, Agency]
    ranks: dict[str, Rank]
    units: dict[UnitKey, Unit]
    units_by_id: dict[int, Unit]
    positions: dict[str, Position]

    @classmethod
    def load(cls, *, agency_codes: set[str], position_codes: set[str]) -> "Lookups":
        agencies = {a.code.upper(): a for a in Agency.objects.all()}
        wanted = [agencies[c.upper()].pk for c in agency_codes if c.upper() in agencies]
        positions: dict[str, Position] = {}
        for batch in chunks(sorted(position_codes)):
            positions.update((p.code, p) for p in Position.objects.filter(code__in=batch))
        # Units of the agencies named in the file and of the positions being updated.
        agency_ids = set(wanted) | {p.agency_id for p in positions.values()}
        units = list(Unit.objects.filter(agency_id__in=sorted(agency_ids)))
        ranks = {r.pk: r for r in Rank.objects.all()}
        units_by_id = {u.pk: u for u in units}
        # Fill the relations that comparing and validating read, so no row needs a query.
        for position in positions.values():
            position.unit = units_by_id[position.unit_id]
            position.min_rank = ranks.get(position.min_rank_id)
            position.max_rank = ranks.get(position.max_rank_id)
        return cls(
            agencies=agencies,
            ranks={r.code.upper(): r for r in ranks.values()},
            units={(u.agency_id, u.code): u for u in units},
            units_by_id=units_by_id,
            positions=positions,
        )


class _Planner:
    def __init__(self, lookups: Lookups, *, actor):
        self.lookups = lookups
        self.actor = actor
        self.new_units: dict[UnitKey, NewUnit] = {}
        self.first_row: dict[str, int] = {}

    def rank(self, reader: RowReader, name: str) -> Rank | None:
        code = reader.text(name)
        if not code:
            return None
        rank = self.lookups.ranks.get(code.upper())
        if rank is None:
            reader.error(name, _("Unknown rank code."))
        return rank

    def unit(self, reader: RowReader, agency: Agency) -> tuple[UnitKey | None, Unit | None]:
        unit_code = reader.text("unit_code", required=True)
        unit_name = reader.text("unit_name")
        parent_code = reader.text("parent_unit_code")
        if not unit_code:
            return None, None
        key = (agency.pk, unit_code)
        unit = self.lookups.units.get(key)
        if unit is not None:
            if unit_name and unit_name != unit.name:
                reader.warn("unit_name", _("The unit exists; its name was not changed."))
            current_parent = self.lookups.units_by_id.get(unit.parent_id)
            if parent_code is not None and parent_code != (current_parent.code if current_parent else ""):
                reader.warn("parent_unit_code", _("The unit exists; its parent was not changed."))
            return key, unit
        new = self.new_units.get(key)
        if new is None:
            new = self.new_units[key] = NewUnit(agency=agency, code=unit_code, row=reader.number)
        if unit_name:
            if new.name and unit_name != new.name:
                reader.error(
                    "unit_name",
                    _("The new unit has another name on row %(row)s.") % {"row": new.name_row},
                )
            elif not new.name:
                new.name, new.name_row = unit_name, reader.number
        if parent_code:
            if new.parent_code and parent_code != new.parent_code:
                reader.error(
                    "parent_unit_code",
                    _("The new unit has another parent on row %(row)s.") % {"row": new.parent_row},
                )
            elif not new.parent_code:
                new.parent_code, new.parent_row = parent_code, reader.number
        return key, None

    def read(self, reader: RowReader) -> Plan | None:
        code = reader.text("code", required=True)
        if code:
            if code in self.first_row:
                reader.error(
                    "code",
                    _("The code appears more than once in the file (first on row %(row)s).")
                    % {"row": self.first_row[code]},
                )
            else:
                self.first_row[code] = reader.number
        agency_code = reader.text("agency_code", required=True)
        agency = self.lookups.agencies.get(agency_code.upper()) if agency_code else None
        if agency_code and agency is None:
            reader.error("agency_code", _("Unknown agency code."))
        elif agency is not None and not agency_allowed(self.actor, agency.pk):
            reader.error("agency_code", _("You may not import positions of this agency."))
            agency = None
        existing = self.lookups.positions.get(code) if code else None
        if existing is not None and agency is not None and existing.agency_id != agency.pk:
            reader.error(
                "agency_code",
                _("The position belongs to another agency; a position cannot move between agencies."),
            )
            agency = None
        unit_key, unit = self.unit(reader, agency) if agency is not None else (None, None)

        values = {
            "title": reader.text("title", required=True),
            "position_class": reader.choice("position_class", CHOICES["position_class"], required=True),
            "min_rank": self.rank(reader, "min_rank") if reader.present("min_rank") else None,
            "max_rank": self.rank(reader, "max_rank") if reader.present("max_rank") else None,
            "required_education_level": reader.choice(
                "required_education_level", CHOICES["required_education_level"]
            ),
            "required_education_fields": None,
            "headcount_needed": reader.integer("headcount_needed", required=True),
        }
        fields_text = reader.text("required_education_fields")
        if fields_text is not None:
            values["required_education_fields"] = split_fields(fields_text)
        present = {
            "min_rank": reader.present("min_rank") and "min_rank" not in reader.bad,
            "max_rank": reader.present("max_rank") and "max_rank" not in reader.bad,
        }
        if agency is None or unit_key is None:
            return None
        # An unsaved unit stands in for one this file creates.
        unit = unit or Unit(agency=agency, code=unit_key[1], name=self.new_units[unit_key].name)
        if existing is None:
            position = Position(
                code=code or "",
                agency=agency,
                unit=unit,
                title=values["title"] or "",
                position_class=values["position_class"] or "",
                min_rank=values["min_rank"],
                max_rank=values["max_rank"],
                required_education_level=values["required_education_level"] or "",
                required_education_fields=values["required_education_fields"] or [],
                headcount_needed=values["headcount_needed"] or 0,
            )
            plan = Plan(row=reader.number, position=position, unit_key=unit_key)
        else:
            plan = Plan(row=reader.number, position=existing, unit_key=unit_key, existing=existing)
            for name in COMPARED:
                value = values[name]
                if name in reader.bad or (value is None and name not in present):
                    continue  # absent column or bad cell: keep what is recorded
                if name in {"min_rank", "max_rank"}:
                    if (value.pk if value else None) != getattr(existing, f"{name}_id"):
                        plan.updates[name] = value
                elif value != getattr(existing, name):
                    plan.updates[name] = value
            if unit_key != (existing.agency_id, self._unit_code(existing)):
                plan.updates["unit"] = unit_key
        self._check(reader, plan, unit, values)
        return plan

    def _unit_code(self, position: Position) -> str | None:
        unit = self.lookups.units_by_id.get(position.unit_id)
        return unit.code if unit else None

    def _check(self, reader: RowReader, plan: Plan, unit: Unit, values: dict) -> None:
        bad = set(reader.bad)
        candidate = plan.position
        if plan.existing is not None:
            candidate = Position(
                code=plan.existing.code,
                agency_id=plan.existing.agency_id,
                unit=unit,
                **{name: plan.updates.get(name, getattr(plan.existing, name)) for name in COMPARED},
            )
        try:
            candidate.full_clean(
                exclude=["agency", "unit", "min_rank", "max_rank", *bad],
                validate_unique=False,
                validate_constraints=False,
            )
        except ValidationError as exc:
            for name, messages in exc.message_dict.items():
                for message in messages:
                    reader.error(FIELD_TO_COLUMN.get(name, name), message)
        if not bad & {"min_rank", "max_rank", "required_education_level"}:
            try:
                position_validate(
                    unit=unit,
                    min_rank=candidate.min_rank,
                    max_rank=candidate.max_rank,
                    required_education_level=candidate.required_education_level,
                )
            except ValidationError as exc:
                for name, messages in exc.message_dict.items():
                    for message in messages:
                        reader.error(FIELD_TO_COLUMN.get(name, name), message)

    def unit_issues(self) -> list[RowIssue]:
        """Problems of the units the file creates: a name, a known parent, no cycle."""
        issues: list[RowIssue] = []
        for key, new in self.new_units.items():
            if not new.name:
                issues.append(RowIssue(new.row, "unit_name", "", _("A new unit needs a name.")))
            else:
                try:
                    Unit(agency=new.agency, code=new.code, name=new.name).full_clean(
                        exclude=["agency", "parent"], validate_unique=False, validate_constraints=False
                    )
                except ValidationError as exc:
                    for name, messages in exc.message_dict.items():
                        column = {"code": "unit_code", "name": "unit_name"}.get(name, name)
                        row = new.name_row if column == "unit_name" else new.row
                        issues.extend(RowIssue(row, column, "", m) for m in messages)
            if new.parent_code:
                parent_key = (key[0], new.parent_code)
                if parent_key not in self.lookups.units and parent_key not in self.new_units:
                    issues.append(
                        RowIssue(
                            new.parent_row,
                            "parent_unit_code",
                            new.parent_code,
                            _("Unknown parent unit code."),
                        )
                    )
                elif self._in_cycle(key):
                    issues.append(
                        RowIssue(
                            new.parent_row,
                            "parent_unit_code",
                            new.parent_code,
                            _("The new units' parents form a cycle."),
                        )
                    )
        return issues

    def _in_cycle(self, key: UnitKey) -> bool:
        seen: set[UnitKey] = set()
        current = key
        while True:
            new = self.new_units.get(current)
            if new is None or not new.parent_code:
                return False
            current = (key[0], new.parent_code)
            if current == key:
                return True
            if current in seen:
                return False  # a cycle further up, reported on its own units
            seen.add(current)

    def units_in_order(self) -> list[tuple[UnitKey, NewUnit]]:
        """New units with every parent before its children."""
        done: set[UnitKey] = set()
        ordered: list[tuple[UnitKey, NewUnit]] = []

        def visit(key: UnitKey) -> None:
            if key in done or key not in self.new_units:
                return
            done.add(key)
            new = self.new_units[key]
            if new.parent_code:
                visit((key[0], new.parent_code))
            ordered.append((key, new))

        for key in self.new_units:
            visit(key)
        return ordered


def positions_import(*, source: Source, actor=None, dry_run: bool = False) -> ImportResult:
    """Import the position workbook; nothing is written unless every row is valid."""
    ensure_can_import(actor)
    result = ImportResult(kind=ImportKind.POSITIONS, dry_run=dry_run)
    try:
        sheet = sheet_read(
            source, columns=POSITION_COLUMNS, known_extra=tuple(c.name for c in POSITION_EXPORT_EXTRA)
        )
    except ImportFileError as exc:
        result.errors = exc.issues
        return result
    result.rows = len(sheet.rows)
    result.ignored_columns = sheet.ignored_columns

    agency_codes, codes = set(), set()
    for _number, values in sheet.rows:
        for name, target in (("agency_code", agency_codes), ("code", codes)):
            value = sheet.value(values, name)
            if value is not None:
                target.add(str(value).strip())
    planner = _Planner(Lookups.load(agency_codes=agency_codes, position_codes=codes), actor=actor)

    errors: list[RowIssue] = []
    warnings: list[RowIssue] = []
    plans: list[Plan] = []
    for number, values in sheet.rows:
        reader = RowReader(sheet, number, values)
        plan = planner.read(reader)
        errors.extend(reader.issues)
        warnings.extend(reader.warnings)
        if plan is not None and not reader.issues:
            plans.append(plan)
    errors.extend(planner.unit_issues())
    if errors:
        result.errors = issues_sorted(errors, COLUMN_ORDER)
        return result
    result.warnings = issues_sorted(warnings, COLUMN_ORDER)

    apply_errors: list[RowIssue] = []
    try:
        with transaction.atomic():
            apply_errors = _apply(planner, plans, actor=actor)
            if apply_errors or dry_run:
                raise _Rollback
    except _Rollback:
        if apply_errors:
            result.errors = issues_sorted(apply_errors, COLUMN_ORDER)
            return result
    result.units_created = len(planner.new_units)
    result.created = sum(1 for p in plans if p.existing is None)
    result.updated = sum(1 for p in plans if p.existing is not None and p.updates)
    result.unchanged = sum(1 for p in plans if p.existing is not None and not p.updates)
    return result


def _apply(planner: _Planner, plans: list[Plan], *, actor) -> list[RowIssue]:
    issues: list[RowIssue] = []
    units = dict(planner.lookups.units)
    for key, new in planner.units_in_order():
        parent = units.get((key[0], new.parent_code)) if new.parent_code else None
        try:
            units[key] = unit_create(
                agency=new.agency, code=new.code, name=new.name, parent=parent, actor=actor
            )
        except (ValidationError, ApplicationError) as exc:
            issues.extend(issues_from_exception(new.row, exc, {"code": "unit_code", "name": "unit_name"}))
    if issues:
        return issues
    columns = {**FIELD_TO_COLUMN}
    for plan in plans:
        try:
            if plan.existing is None:
                position = plan.position
                position_create(
                    actor=actor,
                    code=position.code,
                    title=position.title,
                    position_class=position.position_class,
                    unit=units[plan.unit_key],
                    min_rank=position.min_rank,
                    max_rank=position.max_rank,
                    required_education_level=position.required_education_level,
                    required_education_fields=position.required_education_fields,
                    headcount_needed=position.headcount_needed,
                )
            elif plan.updates:
                updates = dict(plan.updates)
                if "unit" in updates:
                    updates["unit"] = units[updates["unit"]]
                position_update(position=plan.existing, actor=actor, **updates)
        except (ValidationError, ApplicationError) as exc:
            issues.extend(issues_from_exception(plan.row, exc, columns))
    return issues
