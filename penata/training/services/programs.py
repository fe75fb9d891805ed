"""Writes of the training catalogue: programs, the competencies they develop, sessions and
their daily schedule, and a session's status (planned → open → closed → completed, or
cancelled).

Bad input is refused whole with ``TrainingInputError``: its ``fields`` map each field to a
translated message that names it, and nothing is written (no row, no event).

Only a training manager or a province administrator changes the catalogue; ``actor=None``
is the system (the demo loader, scheduled tasks).
"""

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, time, timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from penata.competency.models import Competency
from penata.core.calendar import work_calendar
from penata.core.errors import ApplicationError, InvalidTransition, PermissionDenied
from penata.core.events import event_record
from penata.organization.models import Agency

from ..models import (
    ACTIVE_ENROLMENT_STATUSES,
    FINISHED_ENROLMENT_STATUSES,
    SESSION_TRANSITIONS,
    Attendance,
    Enrolment,
    Focus,
    Modality,
    Program,
    ProgramCompetency,
    SessionAction,
    SessionDay,
    SessionStatus,
    TrainingForm,
    TrainingSession,
)
from ..permissions import is_training_manager

DEFAULT_STARTS_AT = time(8, 0)
DEFAULT_ENDS_AT = time(16, 0)
# Long enough for an internship or a secondment; a longer span is a typing error.
SESSION_MAX_DAYS = 366
CODE_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
# Words the pages use after /programs/ and /sessions/.
RESERVED_CODES = frozenset({"new"})
PLACE_SUGGESTIONS = ("Sofifi", "Ternate", "Tidore", "Tobelo", "Labuha", "Daring")

PROGRAM_CODE_MAX = Program._meta.get_field("code").max_length
PROGRAM_TITLE_MAX = Program._meta.get_field("title").max_length
PROGRAM_PROVIDER_MAX = Program._meta.get_field("provider").max_length
SESSION_CODE_MAX = TrainingSession._meta.get_field("code").max_length
SESSION_PLACE_MAX = TrainingSession._meta.get_field("place").max_length
SESSION_CAPACITY_MAX = 10000
DAY_TOPIC_MAX = SessionDay._meta.get_field("topic").max_length
TEXT_MAX = 4000
# Names given in a message about several participants; the rest are counted.
NAMES_SHOWN = 3


class TrainingInputError(ApplicationError):
    code = "invalid_input"
    status_code = 400

    def __init__(self, fields: dict[str, str]):
        super().__init__(" ".join(dict.fromkeys(fields.values())), fields=fields)


class _Unset:
    def __repr__(self) -> str:
        return "UNSET"


UNSET: Any = _Unset()


@dataclass(frozen=True)
class SessionDayInput:
    """One day of a schedule as given by a form or a caller."""

    date: date
    starts_at: time = DEFAULT_STARTS_AT
    ends_at: time = DEFAULT_ENDS_AT
    topic: str = ""


def _long_date(day: date) -> str:
    return formats.date_format(day, "j F Y")


def _is_whole(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _require_manager(actor) -> None:
    """A training manager or a province administrator; ``None`` is the system."""
    if actor is not None and not is_training_manager(actor):
        raise PermissionDenied(
            _("Only a training manager or a province administrator can change programs and sessions.")
        )


# --- programs ---------------------------------------------------------------------------


def _program_problems(values: dict, *, creating: bool) -> dict[str, str]:
    problems: dict[str, str] = {}
    if creating:
        code = values["code"]
        if not code:
            problems["code"] = _("The program code is required.")
        elif len(code) > PROGRAM_CODE_MAX:
            problems["code"] = _("The program code has at most %(count)d characters.") % {
                "count": PROGRAM_CODE_MAX
            }
        elif not CODE_PATTERN.match(code) or code.lower() in RESERVED_CODES:
            problems["code"] = _("The program code has only letters, digits, dots and dashes.")
        elif Program.objects.filter(code__iexact=code).exists():
            problems["code"] = _("A program with the code %(code)s already exists.") % {"code": code}
    if not values["title"]:
        problems["title"] = _("The program title is required.")
    elif len(values["title"]) > PROGRAM_TITLE_MAX:
        problems["title"] = _("The program title has at most %(count)d characters.") % {
            "count": PROGRAM_TITLE_MAX
        }
    if values["form"] not in TrainingForm.values:
        problems["form"] = _("Choose a form of development from the list.")
    if values["focus"] not in Focus.values:
        problems["focus"] = _("Choose a focus from the list.")
    if values["modality"] not in Modality.values:
        problems["modality"] = _("Choose a modality from the list.")
    jp = values["jp"]
    if not _is_whole(jp) or not 1 <= jp <= 1000:
        problems["jp"] = _("The lesson hours (JP) are a whole number from 1 to 1000.")
    if not values["provider"]:
        problems["provider"] = _("The provider is required.")
    elif len(values["provider"]) > PROGRAM_PROVIDER_MAX:
        problems["provider"] = _("The provider has at most %(count)d characters.") % {
            "count": PROGRAM_PROVIDER_MAX
        }
    for field in ("description", "prerequisites"):
        if len(values[field]) > TEXT_MAX:
            problems[field] = _("This text has at most %(count)d characters.") % {"count": TEXT_MAX}
    percent = values["attendance_min_percent"]
    if not _is_whole(percent) or not 1 <= percent <= 100:
        problems["attendance_min_percent"] = _("The attendance needed is a whole percentage from 1 to 100.")
    return problems


def _program_state(program: Program) -> dict:
    return {
        "title": program.title,
        "form": program.form,
        "focus": program.focus,
        "modality": program.modality,
        "jp": program.jp,
        "provider": program.provider,
        "description": program.description,
        "prerequisites": program.prerequisites,
        "attendance_min_percent": program.attendance_min_percent,
        "is_active": program.is_active,
    }


@transaction.atomic
def program_create(
    *,
    code: str,
    title: str,
    form: str,
    focus: str,
    modality: str,
    jp: int,
    provider: str,
    description: str = "",
    prerequisites: str = "",
    attendance_min_percent: int = 80,
    targets: Sequence[tuple[Competency, int]] | None = None,
    actor=None,
) -> Program:
    """A new active program; ``targets`` (competency, level reached) are set with it."""
    _require_manager(actor)
    values = {
        "code": (code or "").strip(),
        "title": (title or "").strip(),
        "form": form,
        "focus": focus,
        "modality": modality,
        "jp": jp,
        "provider": (provider or "").strip(),
        "description": (description or "").strip(),
        "prerequisites": (prerequisites or "").strip(),
        "attendance_min_percent": attendance_min_percent,
    }
    problems = _program_problems(values, creating=True)
    if targets is not None:
        problems.update(_target_problems(targets, existing=set()))
    if problems:
        raise TrainingInputError(problems)
    program = Program.objects.create(**values)
    event_record(
        subject=program,
        action="training.program.created",
        actor=actor,
        to_state={"code": program.code, **_program_state(program)},
    )
    if targets:
        program_competencies_set(program=program, targets=targets, actor=actor)
    return program


@transaction.atomic
def program_update(
    *,
    program: Program,
    actor=None,
    title: str = UNSET,
    form: str = UNSET,
    focus: str = UNSET,
    modality: str = UNSET,
    jp: int = UNSET,
    provider: str = UNSET,
    description: str = UNSET,
    prerequisites: str = UNSET,
    attendance_min_percent: int = UNSET,
    is_active: bool = UNSET,
    targets: Sequence[tuple[Competency, int]] | None = None,
) -> Program:
    """Change the given fields (the code is fixed once created); ``targets``, when given,
    replace the competencies developed. One event with what changed; none when nothing did."""
    _require_manager(actor)
    locked = Program.objects.select_for_update().get(pk=program.pk)
    before = _program_state(locked)
    given = {
        "title": title,
        "form": form,
        "focus": focus,
        "modality": modality,
        "jp": jp,
        "provider": provider,
        "description": description,
        "prerequisites": prerequisites,
        "attendance_min_percent": attendance_min_percent,
        "is_active": is_active,
    }
    values = dict(before)
    for field, value in given.items():
        if value is not UNSET:
            values[field] = value.strip() if isinstance(value, str) else value
    problems = _program_problems(values, creating=False)
    if not isinstance(values["is_active"], bool):
        problems["is_active"] = _("Active is yes or no.")
    if targets is not None:
        existing = set(locked.targets.values_list("competency_id", flat=True))
        problems.update(_target_problems(targets, existing=existing))
    if problems:
        raise TrainingInputError(problems)
    changed = [field for field in before if values[field] != before[field]]
    if changed:
        for field in changed:
            setattr(locked, field, values[field])
        locked.save(update_fields=[*changed, "updated_at"])
        event_record(
            subject=locked,
            action="training.program.updated",
            actor=actor,
            from_state={field: before[field] for field in changed},
            to_state={field: values[field] for field in changed},
        )
    if targets is not None:
        program_competencies_set(program=locked, targets=targets, actor=actor)
    for field in changed:
        setattr(program, field, values[field])
    return locked


def _target_problems(targets: Iterable[tuple[Competency, int]], *, existing: set[int]) -> dict[str, str]:
    """Problems of a list of (competency, level): one message naming each bad row."""
    messages: list[str] = []
    seen: set[int] = set()
    for competency, level in targets:
        if competency is None or not isinstance(competency, Competency):
            messages.append(_("Choose a competency from the list."))
            continue
        if competency.pk in seen:
            messages.append(_("The competency %(code)s is listed twice.") % {"code": competency.code})
        seen.add(competency.pk)
        if not competency.is_active and competency.pk not in existing:
            messages.append(_("The competency %(code)s is no longer in use.") % {"code": competency.code})
        if not _is_whole(level) or not 1 <= level <= 5:
            messages.append(
                _("The level reached in %(code)s is a whole number from 1 to 5.") % {"code": competency.code}
            )
    return {"targets": " ".join(dict.fromkeys(messages))} if messages else {}


@transaction.atomic
def program_competencies_set(
    *, program: Program, targets: Sequence[tuple[Competency, int]], actor=None
) -> list[ProgramCompetency]:
    """Replace what the program develops: (competency, level reached 1–5) pairs, each
    competency once. All or nothing; an event when the set changes."""
    _require_manager(actor)
    targets = list(targets)
    rows = ProgramCompetency.objects.filter(program=program).select_related("competency")
    before = {row.competency.code: row.target_level for row in rows}
    existing = {row.competency_id for row in rows}
    problems = _target_problems(targets, existing=existing)
    if problems:
        raise TrainingInputError(problems)
    after = {competency.code: level for competency, level in targets}
    if after == before:
        return list(rows.order_by("competency__code"))
    ProgramCompetency.objects.filter(program=program).delete()
    created = ProgramCompetency.objects.bulk_create(
        [
            ProgramCompetency(program=program, competency=competency, target_level=level)
            for competency, level in sorted(targets, key=lambda pair: pair[0].code)
        ]
    )
    event_record(
        subject=program,
        action="training.program.competencies_set",
        actor=actor,
        from_state=before,
        to_state=after,
    )
    return created


# --- sessions ---------------------------------------------------------------------------


def default_schedule_dates(start_date: date, end_date: date) -> list[date]:
    """The working days from ``start_date`` to ``end_date`` on the Indonesian calendar; a
    session held only on days off (a weekend outing) keeps every one of its days."""
    days = [start_date + timedelta(days=n) for n in range((end_date - start_date).days + 1)]
    calendar = work_calendar(range(start_date.year, end_date.year + 1))
    working = [day for day in days if calendar.is_working_day(day)]
    return working or days


def _session_problems(values: dict, *, seats_taken: int = 0) -> dict[str, str]:
    problems: dict[str, str] = {}
    start, end = values["start_date"], values["end_date"]
    if not isinstance(start, date):
        problems["start_date"] = _("The start date is required.")
    if not isinstance(end, date):
        problems["end_date"] = _("The end date is required.")
    if isinstance(start, date) and isinstance(end, date):
        if end < start:
            problems["end_date"] = _("The end date (%(end)s) is before the start date (%(start)s).") % {
                "end": _long_date(end),
                "start": _long_date(start),
            }
        elif (end - start).days + 1 > SESSION_MAX_DAYS:
            problems["end_date"] = _("A session lasts at most %(count)d days.") % {"count": SESSION_MAX_DAYS}
    capacity = values["capacity"]
    if not _is_whole(capacity):
        problems["capacity"] = _("The capacity is a whole number of seats.")
    elif capacity < 1:
        problems["capacity"] = _("The capacity must be at least 1 seat.")
    elif capacity > SESSION_CAPACITY_MAX:
        problems["capacity"] = _("The capacity is at most %(count)d seats.") % {"count": SESSION_CAPACITY_MAX}
    elif capacity < seats_taken:
        problems["capacity"] = _(
            "%(count)d participants are already confirmed: the capacity cannot be lower than that."
        ) % {"count": seats_taken}
    place = values["place"]
    if not place:
        problems["place"] = _("The place is required (a town, or Daring for an online session).")
    elif len(place) > SESSION_PLACE_MAX:
        problems["place"] = _("The place has at most %(count)d characters.") % {"count": SESSION_PLACE_MAX}
    if not isinstance(values["organizer"], Agency):
        problems["organizer"] = _("Choose the organising agency.")
    for field in ("trainers", "note"):
        if len(values[field]) > TEXT_MAX:
            problems[field] = _("This text has at most %(count)d characters.") % {"count": TEXT_MAX}
    return problems


def _code_problem(code: str) -> str | None:
    if not code:
        return _("The session code is required.")
    if len(code) > SESSION_CODE_MAX:
        return _("The session code has at most %(count)d characters.") % {"count": SESSION_CODE_MAX}
    if not CODE_PATTERN.match(code) or code.lower() in RESERVED_CODES:
        return _("The session code has only letters, digits, dots and dashes.")
    if TrainingSession.objects.filter(code__iexact=code).exists():
        return _("A session with the code %(code)s already exists.") % {"code": code}
    return None


def _day_problems(days: Sequence[SessionDayInput], start: date, end: date) -> str | None:
    """The first thing wrong with a schedule, as one message naming the day."""
    if not days:
        return _("The schedule needs at least one day.")
    seen: set[date] = set()
    for day in days:
        if not isinstance(day.date, date):
            return _("Every day of the schedule needs a date.")
        if day.date < start or day.date > end:
            return _("%(day)s is outside the session's dates (%(start)s – %(end)s).") % {
                "day": _long_date(day.date),
                "start": _long_date(start),
                "end": _long_date(end),
            }
        if day.date in seen:
            return _("%(day)s is listed twice in the schedule.") % {"day": _long_date(day.date)}
        seen.add(day.date)
        if not isinstance(day.starts_at, time) or not isinstance(day.ends_at, time):
            return _("%(day)s needs a start and an end time.") % {"day": _long_date(day.date)}
        if day.ends_at <= day.starts_at:
            return _("On %(day)s the end time is not after the start time.") % {"day": _long_date(day.date)}
        if len(day.topic or "") > DAY_TOPIC_MAX:
            return _("The topic of %(day)s has at most %(count)d characters.") % {
                "day": _long_date(day.date),
                "count": DAY_TOPIC_MAX,
            }
    return None


def _session_state(session: TrainingSession) -> dict:
    return {
        "start_date": session.start_date.isoformat(),
        "end_date": session.end_date.isoformat(),
        "place": session.place,
        "capacity": session.capacity,
        "organizer": session.organizer.code,
        "trainers": session.trainers,
        "note": session.note,
    }


def _schedule_state(days: Iterable) -> list[str]:
    return [
        f"{day.date.isoformat()} {day.starts_at:%H:%M}-{day.ends_at:%H:%M} {day.topic}".rstrip()
        for day in sorted(days, key=lambda d: d.date)
    ]


@transaction.atomic
def session_create(
    *,
    program: Program,
    code: str,
    start_date: date,
    end_date: date,
    place: str,
    capacity: int,
    organizer: Agency,
    trainers: str = "",
    note: str = "",
    days: Sequence[SessionDayInput] | None = None,
    actor=None,
) -> TrainingSession:
    """A planned session of an active program. Without ``days`` its schedule is every
    working day from start to end, 08:00–16:00."""
    _require_manager(actor)
    code = (code or "").strip()
    values = {
        "start_date": start_date,
        "end_date": end_date,
        "place": (place or "").strip(),
        "capacity": capacity,
        "organizer": organizer,
        "trainers": _clean_trainers(trainers),
        "note": (note or "").strip(),
    }
    problems = _session_problems(values)
    if problem := _code_problem(code):
        problems["code"] = problem
    if not isinstance(program, Program):
        problems["program"] = _("Choose the program.")
    elif not program.is_active:
        problems["program"] = _("The program %(code)s is no longer offered.") % {"code": program.code}
    dates_ok = "start_date" not in problems and "end_date" not in problems
    if days is not None and dates_ok and (problem := _day_problems(days, start_date, end_date)):
        problems["days"] = problem
    if problems:
        raise TrainingInputError(problems)
    try:
        with transaction.atomic():
            session = TrainingSession.objects.create(
                program=program, code=code, status=SessionStatus.PLANNED, **values
            )
    except IntegrityError as error:
        # Another manager took the code a moment ago.
        raise TrainingInputError(
            {"code": _("A session with the code %(code)s already exists.") % {"code": code}}
        ) from error
    if days is None:
        days = [SessionDayInput(date=day) for day in default_schedule_dates(start_date, end_date)]
    created = SessionDay.objects.bulk_create(
        [
            SessionDay(
                session=session, date=day.date, starts_at=day.starts_at, ends_at=day.ends_at, topic=day.topic
            )
            for day in sorted(days, key=lambda d: d.date)
        ]
    )
    event_record(
        subject=session,
        action="training.session.created",
        actor=actor,
        to_state={
            "code": session.code,
            "program": program.code,
            "status": session.status,
            **_session_state(session),
            "days": _schedule_state(created),
        },
    )
    return session


def _clean_trainers(trainers: str) -> str:
    return "\n".join(line.strip() for line in (trainers or "").splitlines() if line.strip())


@transaction.atomic
def session_update(
    *,
    session: TrainingSession,
    actor=None,
    start_date: date = UNSET,
    end_date: date = UNSET,
    place: str = UNSET,
    capacity: int = UNSET,
    organizer: Agency = UNSET,
    trainers: str = UNSET,
    note: str = UNSET,
    days: Sequence[SessionDayInput] | None = None,
) -> TrainingSession:
    """Change the given fields of a session that is not completed or cancelled.

    ``days`` replaces the schedule. Without it, moving the dates keeps the days (and their
    times and topics) that stay inside the new dates and adds the new working days at
    08:00–16:00. A day with attendance already recorded is never dropped. The capacity
    never goes below the seats already taken (read under the row lock the enrolment
    services take too); raised, its new seats go to the waiting list in order, in the same
    transaction (by the system: the list's order decides, not the actor). New dates are
    refused while one of the session's participants is enrolled in another session that
    would overlap them.
    """
    _require_manager(actor)
    locked = TrainingSession.objects.select_for_update().select_related("organizer").get(pk=session.pk)
    if locked.status in (SessionStatus.COMPLETED, SessionStatus.CANCELLED):
        raise InvalidTransition(
            _("This session is %(status)s: it can no longer be changed.")
            % {"status": locked.get_status_display().lower()}
        )
    before = _session_state(locked)
    values = {
        "start_date": locked.start_date,
        "end_date": locked.end_date,
        "place": locked.place,
        "capacity": locked.capacity,
        "organizer": locked.organizer,
        "trainers": locked.trainers,
        "note": locked.note,
    }
    given = {
        "start_date": start_date,
        "end_date": end_date,
        "place": place.strip() if isinstance(place, str) else place,
        "capacity": capacity,
        "organizer": organizer,
        "trainers": _clean_trainers(trainers) if isinstance(trainers, str) else trainers,
        "note": note.strip() if isinstance(note, str) else note,
    }
    values.update({field: value for field, value in given.items() if value is not UNSET})
    problems = _session_problems(values, seats_taken=locked.seats_taken)
    new_start, new_end = values["start_date"], values["end_date"]
    dates_ok = "start_date" not in problems and "end_date" not in problems
    moved = dates_ok and (new_start, new_end) != (locked.start_date, locked.end_date)
    if moved and (clash := _dates_clash(locked, new_start, new_end)):
        problems["start_date"] = clash
    old_days = list(SessionDay.objects.filter(session=locked).order_by("date"))
    wanted: list[SessionDayInput] | None = None
    if dates_ok:
        if days is not None:
            if problem := _day_problems(days, new_start, new_end):
                problems["days"] = problem
            else:
                wanted = sorted(days, key=lambda d: d.date)
        elif moved:
            kept = {day.date: day for day in old_days if new_start <= day.date <= new_end}
            added = [
                SessionDayInput(date=day)
                for day in default_schedule_dates(new_start, new_end)
                if day not in kept
            ]
            wanted = sorted(
                [SessionDayInput(d.date, d.starts_at, d.ends_at, d.topic) for d in kept.values()] + added,
                key=lambda d: d.date,
            )
    if wanted is not None and "days" not in problems:
        dropped = {day.date for day in old_days} - {day.date for day in wanted}
        attended = (
            Attendance.objects.filter(enrolment__session=locked, date__in=dropped)
            .order_by("date")
            .values_list("date", flat=True)
            .first()
            if dropped
            else None
        )
        if attended is not None:
            problems["days"] = _(
                "Attendance is already recorded for %(day)s: that day stays in the schedule."
            ) % {"day": _long_date(attended)}
    if problems:
        raise TrainingInputError(problems)

    for field, value in values.items():
        setattr(locked, field, value)
    after = _session_state(locked)
    changed = [field for field in before if after[field] != before[field]]
    from_state = {field: before[field] for field in changed}
    to_state = {field: after[field] for field in changed}
    if changed:
        locked.save(update_fields=[*changed, "updated_at"])
    if wanted is not None:
        old_schedule, new_schedule = _schedule_state(old_days), _schedule_state(wanted)
        if old_schedule != new_schedule:
            _schedule_replace(locked, old_days, wanted)
            from_state["days"], to_state["days"] = old_schedule, new_schedule
    if to_state:
        event_record(
            subject=locked,
            action="training.session.updated",
            actor=actor,
            from_state=from_state,
            to_state=to_state,
        )
    if locked.capacity > before["capacity"]:
        # Imported here: the enrolment services call back into this module.
        from .enrolment import waitlist_fill

        waitlist_fill(session=locked)
    for field in values:
        setattr(session, field, getattr(locked, field))
    session.seats_taken = locked.seats_taken
    return locked


def _dates_clash(session: TrainingSession, start: date, end: date) -> str | None:
    """What is wrong with moving ``session`` to ``start``–``end`` for the people enrolled in
    it (awaiting approval, approved, confirmed or waiting): another session of theirs that
    the new dates would overlap, both ends included."""
    enrolled = Enrolment.objects.filter(session=session, status__in=ACTIVE_ENROLMENT_STATUSES).values(
        "employee_id"
    )
    clashes = list(
        Enrolment.objects.filter(
            employee_id__in=enrolled,
            status__in=(*ACTIVE_ENROLMENT_STATUSES, *FINISHED_ENROLMENT_STATUSES),
            session__start_date__lte=end,
            session__end_date__gte=start,
        )
        .exclude(session_id=session.pk)
        .select_related("employee", "session__program")
        .order_by("employee__full_name", "employee_id", "session__start_date", "session_id")
    )
    if not clashes:
        return None
    people = list({clash.employee_id: clash.employee.full_name for clash in clashes}.values())
    others = sorted(
        {clash.session_id: clash.session for clash in clashes}.values(), key=lambda s: (s.start_date, s.pk)
    )
    names = ", ".join(people[:NAMES_SHOWN])
    if len(people) > NAMES_SHOWN:
        names = _("%(names)s and %(count)d more") % {"names": names, "count": len(people) - NAMES_SHOWN}
    sessions = "; ".join(
        _("session %(code)s “%(title)s” (%(start)s – %(end)s)")
        % {
            "code": other.code,
            "title": other.program.title,
            "start": _long_date(other.start_date),
            "end": _long_date(other.end_date),
        }
        for other in others[:NAMES_SHOWN]
    )
    if len(others) > NAMES_SHOWN:
        sessions = _("%(sessions)s and %(count)d more") % {
            "sessions": sessions,
            "count": len(others) - NAMES_SHOWN,
        }
    return ngettext(
        "The new dates overlap another session of %(count)d participant: %(names)s, enrolled in "
        "%(sessions)s. Choose other dates, or settle the overlapping enrolments first.",
        "The new dates overlap another session of %(count)d participants: %(names)s, enrolled in "
        "%(sessions)s. Choose other dates, or settle the overlapping enrolments first.",
        len(people),
    ) % {"count": len(people), "names": names, "sessions": sessions}


def _schedule_replace(
    session: TrainingSession, old_days: list[SessionDay], wanted: list[SessionDayInput]
) -> None:
    by_date = {day.date: day for day in old_days}
    wanted_dates = {day.date for day in wanted}
    SessionDay.objects.filter(session=session).exclude(date__in=wanted_dates).delete()
    changed, new = [], []
    for day in wanted:
        row = by_date.get(day.date)
        if row is None:
            new.append(
                SessionDay(
                    session=session,
                    date=day.date,
                    starts_at=day.starts_at,
                    ends_at=day.ends_at,
                    topic=day.topic,
                )
            )
        elif (row.starts_at, row.ends_at, row.topic) != (day.starts_at, day.ends_at, day.topic):
            row.starts_at, row.ends_at, row.topic = day.starts_at, day.ends_at, day.topic
            changed.append(row)
    if changed:
        SessionDay.objects.bulk_update(changed, ["starts_at", "ends_at", "topic", "updated_at"])
    if new:
        SessionDay.objects.bulk_create(new)


def session_schedule(session: TrainingSession) -> list[SessionDay]:
    """The session's days in date order (the prefetched ones when there are)."""
    cache = getattr(session, "_prefetched_objects_cache", {})
    if "days" in cache:
        return sorted(cache["days"], key=lambda day: day.date)
    return list(SessionDay.objects.filter(session=session).order_by("date"))


SESSION_EVENT_ACTIONS = {
    SessionAction.OPEN: "training.session.opened",
    SessionAction.CLOSE: "training.session.closed",
    SessionAction.REOPEN: "training.session.reopened",
    SessionAction.COMPLETE: "training.session.completed",
    SessionAction.CANCEL: "training.session.cancelled",
}


@transaction.atomic
def session_transition(*, session: TrainingSession, action: str, actor=None) -> TrainingSession:
    """Move the session along ``SESSION_TRANSITIONS`` under a row lock.

    Enrolment cannot be opened once the session has ended. A session is completed only
    from its last day on, once none of its enrolments is still awaiting approval, approved,
    confirmed or waiting (the roster's finish settles them, then completes it). Cancelling
    cancels its enrolments in the same transaction; a session under way with attendance
    recorded is finished from its roster instead.
    """
    _require_manager(actor)
    locked = TrainingSession.objects.select_for_update().get(pk=session.pk)
    target = SESSION_TRANSITIONS.get((locked.status, action))
    if target is None:
        label = SessionAction(action).label if action in SessionAction.values else action
        raise InvalidTransition(
            _("The session is “%(status)s”: “%(action)s” is not possible now.")
            % {"status": locked.get_status_display(), "action": label}
        )
    today = timezone.localdate()
    if action in (SessionAction.OPEN, SessionAction.REOPEN) and locked.end_date < today:
        raise InvalidTransition(
            _("The session ended on %(day)s: enrolment can no longer be opened.")
            % {"day": _long_date(locked.end_date)}
        )
    if action == SessionAction.COMPLETE and locked.end_date > today:
        raise InvalidTransition(
            _("The session has not ended yet: it can be completed from %(day)s on.")
            % {"day": _long_date(locked.end_date)}
        )
    if action == SessionAction.COMPLETE:
        unsettled = Enrolment.objects.filter(session=locked, status__in=ACTIVE_ENROLMENT_STATUSES).count()
        if unsettled:
            raise InvalidTransition(
                ngettext(
                    "Session %(code)s still has %(count)d enrolment awaiting approval, approved, "
                    "confirmed or on the waiting list: finish the session from its roster, which "
                    "settles it and completes the session.",
                    "Session %(code)s still has %(count)d enrolments awaiting approval, approved, "
                    "confirmed or on the waiting list: finish the session from its roster, which "
                    "settles them and completes the session.",
                    unsettled,
                )
                % {"code": locked.code, "count": unsettled}
            )
    if (
        action == SessionAction.CANCEL
        and locked.start_date <= today
        and Attendance.objects.filter(enrolment__session=locked).exists()
    ):
        raise InvalidTransition(
            _(
                "Session %(code)s started on %(day)s and attendance is already recorded: it can no "
                "longer be cancelled; finish it from its roster instead."
            )
            % {"code": locked.code, "day": _long_date(locked.start_date)}
        )
    previous = locked.status
    locked.status = target
    locked.save(update_fields=["status", "updated_at"])
    event_record(
        subject=locked,
        action=SESSION_EVENT_ACTIONS[SessionAction(action)],
        actor=actor,
        from_state=previous,
        to_state=target,
    )
    if action == SessionAction.CANCEL:
        # Imported here: the enrolment services call back into this module.
        from .enrolment import enrolments_cancel_for_session

        enrolments_cancel_for_session(session=locked, actor=actor)
    session.status = locked.status
    return locked
