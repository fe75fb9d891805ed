"""Loading the demo province into the database.

Agencies come from ``organization.services.agencies_load`` and public services and
accounts go through their apps' services. Units, positions and employees are many, so
they are written in bulk; the bulk path writes exactly what the services would (the
position history rows and an audit event per created object) and the data passes the
same validation rules (see ``penata/demo/tests``).

Loading is idempotent: rows are matched on their natural keys (unit code within the
agency, position code, NIP, service code, username) and only missing ones are created.
A ``demo.loaded`` audit event records the size and seed; a second run with the same
size returns at once, and a run with another size is refused, because mixing two
generated provinces would put more people in a position than its headcount.

Competency data (technical competencies, position standards, assessments; see
``competencies.py``) came with version 2. It is drawn from its own random stream, so a
province loaded by version 1 has the same people, and the next run adds the competency
data to it and records a new ``demo.loaded`` event.

Complaint categories and public reports (see ``complaints.py``) came with version 3, in
the same way: their own random stream, added to a province of version 1 or 2 on the next
run; reports are matched on their tracking code.

Training (see ``training.py``: programs, sessions and their participants, JP, certificates,
ratings, external training and training needs) came with version 5, again from its own
random stream, and is added to a province of version 1 to 4 on the next run. Unlike the
rest, its dates follow the day the demo is loaded, so that the catalogue always has
sessions to enrol in; programs are matched on their code, and the sessions are written
only while no session of a demo program exists.
"""

import csv
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.utils.translation import gettext as _

from penata.accounts.models import Role, User
from penata.accounts.services import user_create
from penata.competency.models import Assessment, Competency, PositionStandard
from penata.competency.services import competency_dictionary_load, competency_technical_create
from penata.core.errors import ApplicationError
from penata.core.events import event_record
from penata.core.models import AuditEvent
from penata.organization.models import Agency, Position, PublicService, Rank, Unit
from penata.organization.services import (
    AGENCIES_CSV,
    agencies_load,
    position_snapshot,
    public_service_create,
)
from penata.workforce.models import Employee, PerformanceRating, PlacementInterest, PositionHistory
from penata.workforce.services import employee_snapshot

from . import bulk, public_services
from .competencies import DICTIONARY_CODES, CompetencyPlan, asn_candidates, competency_plan
from .complaint_templates import response_templates_demo
from .complaints import complaints_write
from .names import new_faker
from .people import RETIRED_SHARE, EmployeePlan, people_generate
from .structure import DEFAULT_EMPLOYEES, Structure, structure_build
from .training import training_write

DEFAULT_SEED = 20251231
# Bumped whenever the generator changes what it produces for a given size and seed.
DEMO_VERSION = 5
# Versions whose province the current loader completes in place (same size and seed: the
# same people; only data the old version did not generate is added).
UPGRADABLE_VERSIONS = (1, 2, 3, 4)
MIN_EMPLOYEES = 50
MAX_EMPLOYEES = 200_000
LOADED_ACTION = "demo.loaded"


class DemoRefused(ApplicationError):
    code = "demo_refused"


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role: str
    agency: str | None
    full_name: str
    superuser: bool = False


DEMO_ACCOUNTS = (
    DemoAccount("admin", Role.PROVINCE_ADMIN, "BKD", "Rahmawati Sangadji, S.Kom., M.M.", superuser=True),
    DemoAccount("opd_admin", Role.AGENCY_ADMIN, "DISDUKCAPIL", "Fadli Umasangadji, S.E."),
    DemoAccount("verifier", Role.COMPLAINT_VERIFIER, "BIRO-ORG", "Nurlaila Tomagola, S.Sos."),
    DemoAccount("officer", Role.COMPLAINT_OFFICER, "DISDUKCAPIL", "Ridwan Marsaoly, S.AP."),
    DemoAccount("trainer", Role.TRAINING_MANAGER, "BPSDM", "Dr. Hasna Kharie, M.Pd."),
    DemoAccount("leader", Role.LEADER, "SETDA", "Ir. Abdullah Hasan Djafar, M.Si."),
    # The employee account takes the name of the Disdukcapil employee it is linked to.
    DemoAccount("asn", Role.EMPLOYEE, "DISDUKCAPIL", ""),
    DemoAccount("citizen", Role.CITIZEN, None, "Siti Aisyah Hamisi"),
)


@dataclass
class DemoResult:
    employees: int
    seed: int
    already_loaded: bool = False
    created: dict[str, int] = field(default_factory=dict)
    accounts: list[User] = field(default_factory=list)
    skipped_accounts: list[str] = field(default_factory=list)


def _csv_agencies() -> list[tuple[str, str, str]]:
    with open(AGENCIES_CSV, newline="", encoding="utf-8") as handle:
        return [(row["code"].strip(), row["name"].strip(), row["kind"]) for row in csv.DictReader(handle)]


def _marker_agency() -> Agency | None:
    """The agency the ``demo.loaded`` event is recorded on: the first of the CSV (SETDA)."""
    return Agency.objects.filter(code=_csv_agencies()[0][0]).first()


def _last_load() -> AuditEvent | None:
    agency = _marker_agency()
    if agency is None:
        return None
    # Filtered on the subject so the (subject_type, subject_id, created_at) index serves it.
    return (
        AuditEvent.objects.filter(
            subject_type=Agency._meta.label_lower, subject_id=str(agency.pk), action=LOADED_ACTION
        )
        .order_by("-created_at", "-id")
        .first()
    )


def _demo_accounts() -> list[User]:
    usernames = [a.username for a in DEMO_ACCOUNTS]
    found = {u.username: u for u in User.objects.select_related("agency").filter(username__in=usernames)}
    return [found[name] for name in usernames if name in found]


def _bulk(rows: list, created: dict[str, int], key: str) -> None:
    bulk.insert(rows)
    created[key] = created.get(key, 0) + len(rows)


def _bulk_rows(model, rows: list[dict], created: dict[str, int], key: str) -> None:
    bulk.insert_rows(model, rows)
    created[key] = created.get(key, 0) + len(rows)


def _events(rows: list[dict]) -> None:
    bulk.insert_rows(AuditEvent, rows)


def _event(subject_type: str, subject_id: Any, action: str, to_state: Any, from_state: Any = None) -> dict:
    """An audit event row as ``event_record`` writes it (no actor: the loader is the system)."""
    return {
        "subject_type": subject_type,
        "subject_id": str(subject_id),
        "action": action,
        "from_state": from_state,
        "to_state": to_state,
        "note": "",
    }


def demo_plan(*, employees: int, seed: int) -> tuple[Structure, list[EmployeePlan]]:
    """The whole province as plain data; the same for the same size and seed."""
    rng = random.Random(seed)
    holders = employees - round(employees * RETIRED_SHARE)
    structure = structure_build(_csv_agencies(), employees=employees, seat_holders=holders, rng=rng)
    people = people_generate(structure, employees=employees, rng=rng, faker=new_faker(seed))
    return structure, people


def _units_write(structure: Structure, agencies: dict[str, Agency], created: dict[str, int]) -> dict:
    """Units by (agency code, unit code), creating the missing ones level by level."""
    units: dict[tuple[str, str], Unit] = {
        (u.agency.code, u.code): u
        for u in Unit.objects.select_related("agency").filter(agency__in=agencies.values())
    }
    label = Unit._meta.label_lower
    depth = 0
    while True:
        level = [u for u in structure.units if u.depth == depth]
        if not level:
            break
        new = []
        for plan in level:
            if (plan.agency, plan.code) in units:
                continue
            parent = units[(plan.agency, plan.parent)] if plan.parent else None
            unit = Unit(agency=agencies[plan.agency], code=plan.code, name=plan.name, parent=parent)
            units[(plan.agency, plan.code)] = unit
            new.append(unit)
        _bulk(new, created, "units")
        _events([_event(label, u.pk, "unit.created", {"code": u.code, "name": u.name}) for u in new])
        depth += 1
    return units


def _positions_write(structure, agencies, units, ranks, created) -> dict[str, Position]:
    existing = {p.code: p for p in Position.objects.filter(agency__in=agencies.values())}
    new = []
    for plan in structure.positions:
        if plan.code in existing:
            continue
        position = Position(
            agency=agencies[plan.agency],
            unit=units[(plan.agency, plan.unit)],
            code=plan.code,
            title=plan.title,
            position_class=plan.position_class,
            min_rank=ranks[plan.min_rank],
            max_rank=ranks[plan.max_rank],
            required_education_level=plan.education,
            required_education_fields=list(plan.fields),
            headcount_needed=plan.headcount,
        )
        existing[plan.code] = position
        new.append(position)
    _bulk(new, created, "positions")
    label = Position._meta.label_lower
    _events([_event(label, p.pk, "position.created", position_snapshot(p)) for p in new])
    return existing


def _employees_write(people: list[EmployeePlan], agencies, positions, ranks, created) -> list[Employee]:
    existing = set(Employee.objects.filter(nip__in=[p.nip for p in people]).values_list("nip", flat=True))
    plans = [p for p in people if p.nip not in existing]
    new = [
        Employee(
            nip=plan.nip,
            employment_type=plan.employment_type,
            full_name=plan.full_name,
            sex=plan.sex,
            birth_date=plan.birth_date,
            birth_place=plan.birth_place,
            rank=ranks[plan.rank],
            education_level=plan.education_level,
            education_field=plan.education_field,
            agency=agencies[plan.agency],
            position=positions[plan.position] if plan.position else None,
            position_start_date=plan.position_start_date,
            status=plan.status,
            phone=plan.phone,
            email=plan.email,
            home_regency=plan.home_regency,
            interest_note=plan.interest_note,
        )
        for plan in plans
    ]
    _bulk(new, created, "employees")
    if new and new[0].pk is None:  # pragma: no cover - databases that return no ids
        ids = dict(Employee.objects.filter(nip__in=[e.nip for e in new]).values_list("nip", "pk"))
        for employee in new:
            employee.pk = ids[employee.nip]

    label = Employee._meta.label_lower
    events = [_event(label, e.pk, "employee.created", employee_snapshot(e)) for e in new]
    history, interests, ratings = [], [], []
    for employee, plan in zip(new, plans, strict=True):
        for row in plan.history:
            history.append(
                {
                    "employee_id": employee.pk,
                    "kind": row.kind,
                    "position_id": positions[row.position].pk if row.position else None,
                    "agency_id": agencies[row.agency].pk,
                    "rank_id": ranks[row.rank].pk,
                    "start_date": row.start_date,
                    "reference": row.reference,
                }
            )
        if plan.interests:
            state = []
            for preference, item in enumerate(plan.interests, start=1):
                choice = {
                    "preference": preference,
                    "position_class": item.get("position_class", ""),
                    "field": item.get("field", ""),
                    "agency_id": agencies[item["agency"]].pk if item.get("agency") else None,
                }
                interests.append({"employee_id": employee.pk, **choice})
                state.append(choice)
            events.append(_event(label, employee.pk, "employee.interests_set", state, from_state=[]))
        for year, rating in plan.ratings:
            ratings.append({"employee_id": employee.pk, "year": year, "rating": rating})
            events.append(
                _event(
                    label,
                    employee.pk,
                    "employee.rating_set",
                    {"year": year, "rating": rating},
                    from_state={"year": year, "rating": None},
                )
            )
    _bulk_rows(PositionHistory, history, created, "position_history")
    _bulk_rows(PlacementInterest, interests, created, "placement_interests")
    _bulk_rows(PerformanceRating, ratings, created, "performance_ratings")
    _events(events)
    return new


def _competencies_write(plan: CompetencyPlan, agencies, positions, created, say) -> None:
    """Technical competencies through their service; standards and assessments in bulk
    with the events ``position_standard_set`` and ``assessment_record`` write. Positions
    that already have a standard and employees who already have an assessment are left
    alone, so a second run adds nothing and an edited standard is never overwritten."""
    if Competency.objects.filter(code__in=DICTIONARY_CODES).count() < len(DICTIONARY_CODES):
        competency_dictionary_load()
    codes = [t.code for t in plan.technical]
    existing = set(Competency.objects.filter(code__in=codes).values_list("code", flat=True))
    for technical in plan.technical:
        if technical.code in existing or technical.agency not in agencies:
            continue
        competency_technical_create(
            agency=agencies[technical.agency],
            code=technical.code,
            name=technical.name,
            description=technical.description,
            levels=technical.levels,
        )
        created["technical_competencies"] = created.get("technical_competencies", 0) + 1
    competencies = dict(Competency.objects.values_list("code", "pk"))

    say("position standards")
    with_standard = set(PositionStandard.objects.values_list("position_id", flat=True).distinct())
    rows, events = [], []
    label = Position._meta.label_lower
    for code, standard in plan.standards.items():
        position = positions[code]
        if position.pk in with_standard:
            continue
        for competency, (level, is_core) in standard.items():
            rows.append(
                {
                    "position_id": position.pk,
                    "competency_id": competencies[competency],
                    "required_level": level,
                    "is_core": is_core,
                }
            )
        to_state = {competency: level for competency, (level, _core) in standard.items()}
        events.append(_event(label, position.pk, "position.standard_set", to_state, from_state={}))
    _bulk_rows(PositionStandard, rows, created, "position_standards")
    _events(events)

    say("assessments")
    employee_ids = dict(Employee.objects.values_list("nip", "pk"))
    assessed = set(Assessment.objects.values_list("employee_id", flat=True).distinct())
    rows, events = [], []
    label = Employee._meta.label_lower
    for item in plan.assessments:
        employee_id = employee_ids[item.nip]
        if employee_id in assessed:
            continue
        rows.append(
            {
                "employee_id": employee_id,
                "competency_id": competencies[item.code],
                "level": item.level,
                "assessed_on": item.assessed_on,
                "method": item.method,
                "assessor_name": item.assessor_name,
                "is_valid": item.is_valid,
                "note": item.note,
            }
        )
        to_state = {
            "competency": item.code,
            "level": item.level,
            "method": item.method,
            "on": item.assessed_on.isoformat(),
        }
        events.append(_event(label, employee_id, "employee.assessed", to_state))
    _bulk_rows(Assessment, rows, created, "assessments")
    _events(events)


def _asn_nip() -> str | None:
    """The NIP of the employee linked to the ``asn`` demo account, if it exists."""
    return (
        User.objects.filter(username="asn", is_demo=True, employee__isnull=False)
        .values_list("employee__nip", flat=True)
        .first()
    )


def _services_write(agencies, units, created) -> None:
    existing = set(PublicService.objects.values_list("code", flat=True))
    by_name = {(agency_code, unit.name): unit for (agency_code, _code), unit in units.items()}
    for spec in public_services.SERVICES:
        if spec.code in existing or spec.agency not in agencies:
            continue
        agency = agencies[spec.agency]
        unit = by_name.get((spec.agency, spec.unit))
        public_service_create(
            agency=agency,
            unit=unit,
            code=spec.code,
            name=spec.name,
            description=spec.description,
            requirements=spec.requirements,
            procedure=spec.procedure,
            completion_days=spec.completion_days,
            fee=spec.fee,
            product=spec.product,
            complaint_handling=public_services.complaint_handling(agency.name),
            legal_basis=spec.legal_basis,
            facilities=spec.facilities or public_services.DEFAULT_FACILITIES,
            staff_competence=spec.staff_competence or public_services.DEFAULT_COMPETENCE,
            internal_supervision=public_services.internal_supervision(unit.name if unit else agency.name),
            staff_count=spec.staff_count,
            service_guarantee=public_services.SERVICE_GUARANTEE,
            security_guarantee=public_services.SECURITY_GUARANTEE,
            performance_evaluation=public_services.PERFORMANCE_EVALUATION,
            yearly_users=spec.yearly_users,
        )
        created["public_services"] = created.get("public_services", 0) + 1


def _asn_employee(people: list[EmployeePlan], positions: dict[str, Position]) -> Employee | None:
    """A Disdukcapil employee for the ``asn`` account (``competencies.asn_candidates``: the
    one the competency plan gives a story of gaps, on a fresh database)."""
    classes = {code: (p.position_class, p.title) for code, p in positions.items()}
    for plan in asn_candidates(people, classes):
        employee = Employee.objects.filter(nip=plan.nip).first()
        if employee is not None and not User.objects.filter(employee=employee).exists():
            return employee
    return None


def _accounts_write(agencies, people, positions, result: DemoResult) -> None:
    password_hash = None
    existing = {u.username: u for u in User.objects.filter(username__in=[a.username for a in DEMO_ACCOUNTS])}
    for account in DEMO_ACCOUNTS:
        user = existing.get(account.username)
        if user is not None:
            if not user.is_demo:
                result.skipped_accounts.append(account.username)
            continue
        employee = None
        full_name = account.full_name
        if account.role == Role.EMPLOYEE:
            employee = _asn_employee(people, positions)
            full_name = employee.full_name if employee else "Pegawai Demo Disdukcapil"
        # One hash for all accounts: hashing is deliberately slow and the password is public.
        password_hash = password_hash or make_password(settings.PENATA_DEMO_PASSWORD)
        user_create(
            username=account.username,
            role=account.role,
            full_name=full_name,
            agency=agencies.get(account.agency) if account.agency else None,
            email=f"{account.username}@penata.example",
            employee=employee,
            password_hash=password_hash,
            is_superuser=account.superuser,
            is_demo=True,
        )
        result.created["accounts"] = result.created.get("accounts", 0) + 1


def demo_load(
    *,
    employees: int = DEFAULT_EMPLOYEES,
    seed: int = DEFAULT_SEED,
    progress: Callable[[str], None] | None = None,
) -> DemoResult:
    """Load (or complete) the demo province. Refused in production."""
    if settings.IS_PRODUCTION:
        raise DemoRefused(_("The demo province is never loaded in production (PENATA_ENV=production)."))
    if not MIN_EMPLOYEES <= employees <= MAX_EMPLOYEES:
        raise DemoRefused(
            _("The number of employees must be between %(low)s and %(high)s.")
            % {"low": MIN_EMPLOYEES, "high": MAX_EMPLOYEES}
        )
    say = progress or (lambda message: None)
    result = DemoResult(employees=employees, seed=seed)
    wanted = {"employees": employees, "seed": seed, "version": DEMO_VERSION}
    last = _last_load()
    upgrade_from = None
    if last is not None:
        loaded = {k: (last.to_state or {}).get(k) for k in wanted}
        same_province = (loaded["employees"], loaded["seed"]) == (employees, seed)
        if same_province and loaded["version"] in UPGRADABLE_VERSIONS:
            upgrade_from = loaded["version"]
        elif loaded != wanted:
            raise DemoRefused(
                _(
                    "This database already holds the demo province with %(employees)s employees "
                    "(seed %(seed)s, version %(version)s). Load another size into a fresh database."
                )
                % loaded
            )
        accounts = _demo_accounts()
        if upgrade_from is None and len(accounts) == len(DEMO_ACCOUNTS):
            result.already_loaded = True
            result.accounts = accounts
            return result

    with transaction.atomic():
        say("agencies")
        agencies_load()
        agencies = {a.code: a for a in Agency.objects.filter(code__in=[c for c, _n, _k in _csv_agencies()])}
        ranks = {r.code: r for r in Rank.objects.all()}
        say("plan")
        structure, people = demo_plan(employees=employees, seed=seed)
        say("units")
        units = _units_write(structure, agencies, result.created)
        say("positions")
        positions = _positions_write(structure, agencies, units, ranks, result.created)
        say("employees")
        _employees_write(people, agencies, positions, ranks, result.created)
        say("public services")
        _services_write(agencies, units, result.created)
        say("accounts")
        _accounts_write(agencies, people, positions, result)
        say("competency plan")
        plan = competency_plan(_csv_agencies(), structure, people, seed=seed, asn_nip=_asn_nip())
        _competencies_write(plan, agencies, positions, result.created, say)
        say("complaint categories")
        complaints_write(employees=employees, seed=seed, agencies=agencies, created=result.created, say=say)
        response_templates_demo(created=result.created, say=say)
        say("training")
        training_write(seed=seed, agencies=agencies, created=result.created, say=say)
        if last is None or upgrade_from is not None:
            # ``wanted`` last: on an upgrade, ``created`` counts 0 employees.
            state = {**result.created, **wanted}
            if upgrade_from is not None:
                state["upgraded_from"] = upgrade_from
            event_record(subject=_marker_agency(), action=LOADED_ACTION, to_state=state)
    say("committed")
    if connection.vendor == "postgresql":
        # Fresh statistics: without them (autovacuum off or not yet run) the planner
        # takes the bulk-loaded tables for small ones and picks hash joins over indexes.
        say("analyze")
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    result.accounts = _demo_accounts()
    return result
