"""Reads of the training catalogue: programs, sessions, the month calendar.

The catalogue is open to every member of the civil service: programs and sessions are
not agency-owned data, so nothing here is scoped by agency (the pages check the role).
"""

import calendar as month_calendar
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Count, F, Min, Prefetch, Q, QuerySet
from django.db.models.expressions import Case, When
from django.utils import timezone

from .models import Program, ProgramCompetency, SessionStatus, TrainingSession

CATALOGUE_STATUSES = (SessionStatus.PLANNED, SessionStatus.OPEN)


def _targets_prefetch() -> Prefetch:
    return Prefetch(
        "targets",
        queryset=ProgramCompetency.objects.select_related("competency").order_by("competency__code"),
    )


def catalogue_sessions(*, today: date | None = None) -> QuerySet[TrainingSession]:
    """Sessions an employee can still look forward to: planned or open, not started yet,
    with a free seat; soonest first."""
    today = today or timezone.localdate()
    return (
        TrainingSession.objects.filter(
            status__in=CATALOGUE_STATUSES, start_date__gte=today, seats_taken__lt=F("capacity")
        )
        .select_related("organizer")
        .order_by("start_date", "code")
    )


def program_list(
    *,
    form: str = "",
    focus: str = "",
    modality: str = "",
    competency=None,
    search: str = "",
    place: str = "",
    include_inactive: bool = False,
    today: date | None = None,
) -> QuerySet[Program]:
    """Programs with their upcoming catalogue sessions (``upcoming_sessions``) and the
    competencies they develop; those with the soonest session first, then by title.

    ``place`` keeps the programs with an upcoming session there (and only those sessions).
    """
    today = today or timezone.localdate()
    sessions = catalogue_sessions(today=today)
    if place:
        sessions = sessions.filter(place__icontains=place)
    upcoming = Q(
        sessions__status__in=CATALOGUE_STATUSES,
        sessions__start_date__gte=today,
        sessions__seats_taken__lt=F("sessions__capacity"),
    )
    if place:
        upcoming &= Q(sessions__place__icontains=place)
    programs = Program.objects.all()
    if not include_inactive:
        programs = programs.filter(is_active=True)
    if form:
        programs = programs.filter(form=form)
    if focus:
        programs = programs.filter(focus=focus)
    if modality:
        programs = programs.filter(modality=modality)
    if competency is not None:
        programs = programs.filter(
            pk__in=ProgramCompetency.objects.filter(competency=competency).values("program")
        )
    if search:
        programs = programs.filter(
            Q(title__icontains=search)
            | Q(code__icontains=search)
            | Q(description__icontains=search)
            | Q(provider__icontains=search)
        )
    programs = programs.annotate(
        next_session_on=Min("sessions__start_date", filter=upcoming),
        upcoming_count=Count("sessions", filter=upcoming),
    )
    if place:
        programs = programs.filter(upcoming_count__gt=0)
    return programs.prefetch_related(
        Prefetch("sessions", queryset=sessions, to_attr="upcoming_sessions"), _targets_prefetch()
    ).order_by(F("next_session_on").asc(nulls_last=True), "title", "id")


def program_detail(*, code: str) -> Program | None:
    return Program.objects.filter(code=code).prefetch_related(_targets_prefetch()).first()


def program_sessions(*, program: Program, include_cancelled: bool = True) -> QuerySet[TrainingSession]:
    sessions = TrainingSession.objects.filter(program=program).select_related("organizer")
    if not include_cancelled:
        sessions = sessions.exclude(status=SessionStatus.CANCELLED)
    return _upcoming_first(sessions, timezone.localdate())


def _upcoming_first(sessions: QuerySet[TrainingSession], today: date) -> QuerySet[TrainingSession]:
    """Sessions not yet over by start date (soonest first), then past ones, latest first."""
    return sessions.order_by(
        Case(When(end_date__gte=today, then=F("start_date"))).asc(nulls_last=True),
        Case(When(end_date__lt=today, then=F("start_date"))).desc(nulls_last=True),
        "code",
    )


def session_list(
    *,
    date_from: date | None = None,
    date_to: date | None = None,
    place: str = "",
    status: str = "",
    program: Program | None = None,
    agency=None,
    search: str = "",
    today: date | None = None,
) -> QuerySet[TrainingSession]:
    """Sessions overlapping [date_from, date_to], upcoming first."""
    sessions = TrainingSession.objects.select_related("program", "organizer")
    if date_from:
        sessions = sessions.filter(end_date__gte=date_from)
    if date_to:
        sessions = sessions.filter(start_date__lte=date_to)
    if place:
        sessions = sessions.filter(place__icontains=place)
    if status:
        sessions = sessions.filter(status=status)
    if program is not None:
        sessions = sessions.filter(program=program)
    if agency is not None:
        sessions = sessions.filter(organizer=agency)
    if search:
        sessions = sessions.filter(
            Q(code__icontains=search) | Q(program__title__icontains=search) | Q(trainers__icontains=search)
        )
    return _upcoming_first(sessions, today or timezone.localdate())


def session_detail(*, code: str) -> TrainingSession | None:
    """A session with its program, organiser, days and the competencies it develops."""
    return (
        TrainingSession.objects.filter(code=code)
        .select_related("program", "organizer")
        .prefetch_related("days", Prefetch("program__targets", queryset=_targets_prefetch().queryset))
        .first()
    )


# --- month calendar ---------------------------------------------------------------------


@dataclass
class CalendarBar:
    """A session's stretch within one week: columns 1–7 (Monday–Sunday), a lane (row)."""

    session: TrainingSession
    column: int
    span: int
    lane: int = 0
    continues_before: bool = False
    continues_after: bool = False


@dataclass
class CalendarDay:
    date: date
    in_month: bool
    is_today: bool


@dataclass
class CalendarWeek:
    days: list[CalendarDay]
    bars: list[CalendarBar] = field(default_factory=list)

    @property
    def lanes(self) -> int:
        return max((bar.lane for bar in self.bars), default=-1) + 1

    @property
    def row_count(self) -> int:
        """Grid rows: the dates, one per lane of bars, and the rest of the cell."""
        return self.lanes + 2


@dataclass
class CalendarMonth:
    first: date
    last: date
    weeks: list[CalendarWeek]
    sessions: list[TrainingSession]

    @property
    def previous(self) -> date:
        return (self.first - timedelta(days=1)).replace(day=1)

    @property
    def next(self) -> date:
        return self.last + timedelta(days=1)


def sessions_between(*, first: date, last: date, include_cancelled: bool = False) -> list[TrainingSession]:
    """Sessions overlapping [first, last], in one query."""
    sessions = TrainingSession.objects.filter(start_date__lte=last, end_date__gte=first).select_related(
        "program", "organizer"
    )
    if not include_cancelled:
        sessions = sessions.exclude(status=SessionStatus.CANCELLED)
    return list(sessions.order_by("start_date", "-end_date", "code"))


def calendar_month(
    *, year: int, month: int, include_cancelled: bool = False, today: date | None = None
) -> CalendarMonth:
    """The month as weeks (Monday first) with each session as a bar per week it touches;
    the grid's days from the months around it show their sessions too. One query."""
    today = today or timezone.localdate()
    first = date(year, month, 1)
    last = date(year, month, month_calendar.monthrange(year, month)[1])
    grid_first = first - timedelta(days=first.weekday())
    grid_last = last + timedelta(days=6 - last.weekday())
    sessions = sessions_between(first=grid_first, last=grid_last, include_cancelled=include_cancelled)
    start = grid_first
    weeks: list[CalendarWeek] = []
    while start <= last:
        days = [start + timedelta(days=n) for n in range(7)]
        week = CalendarWeek(days=[CalendarDay(day, day.month == month, day == today) for day in days])
        week_end = days[-1]
        lane_ends: list[int] = []  # the last column taken in each lane
        for session in sessions:
            if session.end_date < start or session.start_date > week_end:
                continue
            begin = max(session.start_date, start)
            end = min(session.end_date, week_end)
            column = (begin - start).days + 1
            bar = CalendarBar(
                session=session,
                column=column,
                span=(end - begin).days + 1,
                continues_before=session.start_date < start,
                continues_after=session.end_date > week_end,
            )
            for lane, taken_until in enumerate(lane_ends):
                if taken_until < column:
                    bar.lane = lane
                    lane_ends[lane] = column + bar.span - 1
                    break
            else:
                bar.lane = len(lane_ends)
                lane_ends.append(column + bar.span - 1)
            week.bars.append(bar)
        weeks.append(week)
        start += timedelta(days=7)
    in_month = [s for s in sessions if s.start_date <= last and s.end_date >= first]
    return CalendarMonth(first=first, last=last, weeks=weeks, sessions=in_month)
