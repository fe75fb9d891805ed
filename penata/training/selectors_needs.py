"""Reads of training needs: summaries by agency, unit and competency, the people behind
one (agency, competency), unit and feedback needs, the programs that close a gap, and the
sessions BPSDM still has to open.

Who sees what: training managers, province administrators and leaders read every
agency; an agency administrator reads their agency (and its sub-agencies); anyone else
reads nothing here (an employee sees their own needs on their profile,
``employee_needs``). Every summary is one ``GROUP BY`` over the needs table.
"""

import math
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Avg, Count, F, Max, Min, Q, QuerySet, Sum
from django.utils import timezone

from penata.accounts.models import Role
from penata.accounts.scoping import filter_by_scope, scope_of
from penata.competency.models import Competency
from penata.organization.models import Agency
from penata.organization.selectors import agency_list_visible_to
from penata.workforce.models import Employee

from .models import (
    NeedSource,
    NeedStatus,
    Program,
    ProgramCompetency,
    SessionStatus,
    TrainingNeed,
    TrainingSession,
)
from .permissions import can_read_training_reports, is_training_manager

# Needs that still ask for training (met and dismissed ones are history).
ACTIVE_STATUSES = (NeedStatus.OPEN, NeedStatus.PLANNED)
# Sessions whose seats count as already planned.
PLANNED_SESSION_STATUSES = (SessionStatus.PLANNED, SessionStatus.OPEN)
# The class size assumed for a program that has never had a session, to turn a number of
# people into a number of sessions; a program's own sessions give its real size.
DEFAULT_SESSION_CAPACITY = 30
# Roles that plan sessions for the whole province.
PLAN_ROLES = frozenset({Role.TRAINING_MANAGER, Role.PROVINCE_ADMIN, Role.LEADER})
SUMMARY_GROUPS = ("agency", "unit", "competency")


# --- visibility ----------------------------------------------------------------------------


def can_see_needs(user) -> bool:
    return can_read_training_reports(user) and scope_of(user).sees_agencies


def can_plan_sessions(user) -> bool:
    """The sessions-to-open list weighs needs against province-wide seats, so it is for
    the roles that see every agency."""
    return (
        user.is_authenticated
        and (user.is_superuser or user.role in PLAN_ROLES)
        and scope_of(user).all_agencies
    )


def can_record_need_for(user, agency: Agency) -> bool:
    """A training manager records a unit need anywhere; an agency administrator for their
    agency (and its sub-agencies)."""
    if is_training_manager(user):
        return True
    return (
        user.is_authenticated and user.role == Role.AGENCY_ADMIN and scope_of(user).allows_agency(agency.pk)
    )


def need_agencies_visible_to(*, user) -> QuerySet[Agency]:
    if not can_see_needs(user):
        return Agency.objects.none()
    return agency_list_visible_to(user=user)


def needs_visible_to(*, user, year: int | None) -> QuerySet[TrainingNeed]:
    """The needs of ``year`` (of every year: None) the user may read, all statuses."""
    if not can_see_needs(user):
        return TrainingNeed.objects.none()
    needs = TrainingNeed.objects.all() if year is None else TrainingNeed.objects.filter(year=year)
    return filter_by_scope(needs, user=user)


# --- summaries -----------------------------------------------------------------------------


@dataclass(frozen=True)
class NeedSummary:
    """One group (an agency, a unit or a competency) of the active needs."""

    key: int | None
    code: str
    name: str
    agency_code: str
    employees: int  # distinct employees with a gap need
    gap_needs: int
    planned: int  # needs of any source marked planned
    recorded: int  # unit and feedback needs
    mean_gap: float | None
    priority_sum: int
    priority_max: int

    @property
    def needs(self) -> int:
        return self.gap_needs + self.recorded


_GROUP_VALUES = {
    "agency": ("agency_id", "agency__code", "agency__name", "agency__code"),
    "unit": ("unit_id", "unit__code", "unit__name", "agency__code"),
    "competency": ("competency_id", "competency__code", "competency__name", None),
}


def needs_summary(*, needs: QuerySet[TrainingNeed], by: str) -> list[NeedSummary]:
    """The active needs of ``needs`` grouped ``by`` agency, unit or competency, the
    largest summed priority first; one query. Unit and feedback needs count apart
    (``recorded``) and stay out of the employee count, mean gap and priority."""
    if by not in SUMMARY_GROUPS:
        raise ValueError(by)
    key, code, name, agency_code = _GROUP_VALUES[by]
    gap = Q(source=NeedSource.GAP)
    group = [key, code, name] + ([agency_code] if agency_code else [])
    rows = (
        needs.filter(status__in=ACTIVE_STATUSES)
        .order_by()
        .values(*dict.fromkeys(group))
        .annotate(
            employees=Count("employee", distinct=True, filter=gap),
            gap_needs=Count("pk", filter=gap),
            planned=Count("pk", filter=Q(status=NeedStatus.PLANNED)),
            recorded=Count("pk", filter=~gap),
            mean_gap=Avg("gap", filter=gap),
            priority_sum=Sum("priority", filter=gap, default=0),
            priority_max=Max("priority", filter=gap, default=0),
        )
    )
    out = [
        NeedSummary(
            key=row[key],
            code=row[code] or "",
            name=row[name] or "",
            agency_code=row[agency_code] if agency_code else "",
            employees=row["employees"],
            gap_needs=row["gap_needs"],
            planned=row["planned"],
            recorded=row["recorded"],
            mean_gap=float(row["mean_gap"]) if row["mean_gap"] is not None else None,
            priority_sum=row["priority_sum"],
            priority_max=row["priority_max"],
        )
        for row in rows
    ]
    out.sort(key=lambda s: (-s.priority_sum, -s.recorded, s.code))
    return out


def needs_totals(*, needs: QuerySet[TrainingNeed]) -> dict:
    """Employees in need, gap needs, planned and recorded needs over ``needs``; one query."""
    gap = Q(source=NeedSource.GAP)
    return needs.filter(status__in=ACTIVE_STATUSES).aggregate(
        employees=Count("employee", distinct=True, filter=gap),
        gap_needs=Count("pk", filter=gap),
        planned=Count("pk", filter=Q(status=NeedStatus.PLANNED)),
        recorded=Count("pk", filter=~gap),
    )


def need_people(*, needs: QuerySet[TrainingNeed], competency: Competency) -> QuerySet[TrainingNeed]:
    """The active gap needs on one competency, with their employee, the most urgent first."""
    return (
        needs.filter(source=NeedSource.GAP, status__in=ACTIVE_STATUSES, competency=competency)
        .select_related("employee", "employee__position", "unit")
        .order_by("-priority", "-gap", "employee__full_name", "employee_id")
    )


def recorded_needs(*, needs: QuerySet[TrainingNeed]) -> QuerySet[TrainingNeed]:
    """Unit and feedback needs, the open ones first, then the newest."""
    return (
        needs.exclude(source=NeedSource.GAP)
        .select_related("agency", "unit", "competency", "recorded_by")
        .order_by("status", "-updated_at", "-id")
    )


# --- programs and sessions -----------------------------------------------------------------


def programs_closing(*, competency: Competency, level: int) -> QuerySet[Program]:
    """Active programs that bring ``competency`` to ``level`` or higher, annotated with
    ``target_level``; the closest fit first (lowest level reached, then fewest JP)."""
    return (
        Program.objects.filter(
            is_active=True, targets__competency=competency, targets__target_level__gte=level
        )
        .annotate(target_level=F("targets__target_level"))
        .order_by("target_level", "jp", "title", "pk")
    )


@dataclass
class PlanProgram:
    program: Program
    target_level: int
    planned_sessions: int = 0
    planned_seats: int = 0


@dataclass
class PlanRow:
    """Sessions still to open for one competency."""

    competency: Competency
    employees: int
    lowest_required: int
    highest_required: int
    recorded: int
    programs: list[PlanProgram] = field(default_factory=list)
    planned_seats: int = 0
    typical_capacity: int = DEFAULT_SESSION_CAPACITY

    @property
    def uncovered(self) -> int:
        return max(self.employees - self.planned_seats, 0)

    @property
    def sessions_needed(self) -> int:
        return math.ceil(self.uncovered / self.typical_capacity) if self.uncovered else 0

    @property
    def has_program(self) -> bool:
        return bool(self.programs)


def sessions_to_open(*, needs: QuerySet[TrainingNeed], today: date | None = None) -> list[PlanRow]:
    """Per competency with active needs: the employees in need, the programs that close
    at least the lowest required level, the seats of their upcoming planned or open
    sessions, and how many more sessions would seat everyone
    (ceil((employees − planned seats) / typical capacity)). The typical capacity is the
    mean capacity of those programs' sessions that were not cancelled
    (``DEFAULT_SESSION_CAPACITY`` without any). A session of a program that develops
    several competencies counts for each of them. Four queries."""
    today = today or timezone.localdate()
    gap = Q(source=NeedSource.GAP)
    rows = (
        needs.filter(status__in=ACTIVE_STATUSES, competency__isnull=False)
        .order_by()
        .values("competency_id")
        .annotate(
            employees=Count("employee", distinct=True, filter=gap),
            lowest=Min("required_level", filter=gap),
            highest=Max("required_level", filter=gap),
            recorded=Count("pk", filter=~gap),
        )
    )
    plan: dict[int, PlanRow] = {}
    competencies = {}
    for row in rows:
        competencies[row["competency_id"]] = row
    if not competencies:
        return []
    targets = (
        ProgramCompetency.objects.filter(competency_id__in=competencies, program__is_active=True)
        .select_related("program")
        .order_by("competency_id", "target_level", "program__jp", "program__title", "program_id")
    )
    by_competency: dict[int, list[ProgramCompetency]] = {}
    for target in targets:
        by_competency.setdefault(target.competency_id, []).append(target)
    competency_objects = Competency.objects.in_bulk(list(competencies))
    program_ids = {t.program_id for targets_ in by_competency.values() for t in targets_}
    sessions = {}
    if program_ids:
        upcoming = Q(status__in=PLANNED_SESSION_STATUSES, start_date__gte=today)
        sessions = {
            row["program_id"]: row
            for row in TrainingSession.objects.filter(program_id__in=program_ids)
            .exclude(status=SessionStatus.CANCELLED)
            .order_by()
            .values("program_id")
            .annotate(
                upcoming=Count("pk", filter=upcoming),
                seats=Sum("capacity", filter=upcoming, default=0),
                capacity_sum=Sum("capacity", default=0),
                runs=Count("pk"),
            )
        }
    for competency_id, row in competencies.items():
        lowest = row["lowest"] or 1
        entry = PlanRow(
            competency=competency_objects[competency_id],
            employees=row["employees"],
            lowest_required=lowest,
            highest_required=row["highest"] or 0,
            recorded=row["recorded"],
        )
        capacity_sum = runs = 0
        for target in by_competency.get(competency_id, []):
            if target.target_level < lowest:
                continue
            stats = sessions.get(target.program_id, {})
            entry.programs.append(
                PlanProgram(
                    program=target.program,
                    target_level=target.target_level,
                    planned_sessions=stats.get("upcoming", 0),
                    planned_seats=stats.get("seats", 0),
                )
            )
            entry.planned_seats += stats.get("seats", 0)
            capacity_sum += stats.get("capacity_sum", 0)
            runs += stats.get("runs", 0)
        if runs:
            entry.typical_capacity = max(1, round(capacity_sum / runs))
        plan[competency_id] = entry
    return sorted(
        plan.values(), key=lambda r: (-r.sessions_needed, -r.uncovered, -r.recorded, r.competency.code)
    )


# --- one employee --------------------------------------------------------------------------


@dataclass
class EmployeeNeed:
    need: TrainingNeed
    programs: list[Program]


def employee_needs(*, employee: Employee, year: int | None = None) -> list[EmployeeNeed]:
    """The employee's active gap needs of the year, the most urgent first, each with the
    active programs that close it (the closest fit first). Two queries."""
    year = year or timezone.localdate().year
    needs = list(
        TrainingNeed.objects.filter(
            employee=employee, year=year, source=NeedSource.GAP, status__in=ACTIVE_STATUSES
        )
        .select_related("competency")
        .order_by("-priority", "competency__code")
    )
    if not needs:
        return []
    targets = (
        ProgramCompetency.objects.filter(
            competency_id__in={n.competency_id for n in needs}, program__is_active=True
        )
        .select_related("program")
        .order_by("target_level", "program__jp", "program__title", "program_id")
    )
    closing: dict[int, list[ProgramCompetency]] = {}
    for target in targets:
        closing.setdefault(target.competency_id, []).append(target)
    out = []
    for need in needs:
        programs = []
        for target in closing.get(need.competency_id, []):
            if target.target_level >= need.required_level:
                target.program.target_level = target.target_level
                programs.append(target.program)
        out.append(EmployeeNeed(need=need, programs=programs))
    return out
