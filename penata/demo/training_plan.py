"""The plan of the demo's training as plain data: sessions placed around the load day,
their participants and outcomes, and external training claims (see ``training.py``)."""

import math
import random
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, time, timedelta
from decimal import Decimal

from penata.training.models import (
    EnrolmentStatus,
    ExternalTrainingStatus,
    SessionStatus,
)

from .catalogue import MANAGERIAL
from .training_data import (
    ASN_COMMENT,
    CANCELLED_NOTE,
    COMMENTS,
    COMMENTS_IN_PERSON,
    COMMENTS_ONLINE,
    EXTERNAL_REJECTED,
    EXTERNAL_SUBMITTED,
    EXTERNAL_VERIFIED,
    MOTIVATIONS,
    PLANNED_NOTE,
    PROGRAMS,
    REJECTION_REASON,
    TRAINERS,
    VERIFICATION_NOTE,
    ExternalSpec,
    ProgramSpec,
)

ORGANIZER = "BPSDM"
CAPIL = "DISDUKCAPIL"
ONLINE_PLACE = "Daring"
JP_PER_DAY = 8  # six hours of 45-minute lesson hours
# Share of the active employees who reach the yearly target through the demo's training.
JP_TARGET_SHARE = 0.40
# The completed sessions: the last one ends three days before the load day; the year's
# first starts in its second week. With fewer days than that behind in the year, the
# sessions take the eight months before the load day instead.
PAST_GAP_DAYS = 3
MIN_PAST_SPAN_DAYS = 70
FALLBACK_PAST_SPAN_DAYS = 240
# (program, where in the past window it starts: 0 first day … 1 last, place)
PAST_CLASSROOM = (
    ("SEMINAR-RB", 0.03, "Sofifi"),
    ("PELAYANAN-PRIMA", 0.14, "Sofifi"),
    ("BIMTEK-SIAK", 0.27, "Ternate"),
    ("COACHING-PENGAWAS", 0.40, "Tidore"),
    ("KOMPUB-LAPOR", 0.52, "Ternate"),
    ("BIMTEK-KEUDA", 0.66, "Sofifi"),
    ("SPBE-LAYANAN", 0.80, "Sofifi"),
    ("ANALISIS-DATA", 0.94, ONLINE_PLACE),
)
CLASSROOM_CAPACITY = (25, 40)
# A small province fills its classrooms less (a seat per ~80 employees, at least 4).
CLASSROOM_FILL_SHARE = 0.012
MIN_CLASSROOM_FILL = 4
# Share of a classroom session's seats given to someone who already had one this year.
REPEAT_SHARE = 0.2
# Picks from the program's audience (its agencies, or heads of units) before anyone else.
AUDIENCE_SHARE = 0.7
# The short e-learning class: some of those with a short session before (reaching the
# target with it) and fresh people who stay behind with its JP.
SHORT_ELEARNING = ("LITERASI-DIGITAL", 0.58)
SHORT_ELEARNING_FRESH_SHARE = 0.08
SHORT_ELEARNING_REPEAT_CHANCE = 0.6
# The e-learning class that brings fresh people to the target (enough classes of it).
TARGET_ELEARNING = "BERAKHLAK-WK"
TARGET_ELEARNING_MIN = 5
ELEARNING_RUN_MAX = 600
ELEARNING_WEEKS = 4
OUTCOMES_CLASSROOM = {
    EnrolmentStatus.COMPLETED: 90,
    EnrolmentStatus.INCOMPLETE: 6,
    EnrolmentStatus.NO_SHOW: 4,
}
OUTCOMES_ELEARNING = {
    EnrolmentStatus.COMPLETED: 84,
    EnrolmentStatus.INCOMPLETE: 10,
    EnrolmentStatus.NO_SHOW: 6,
}
RATING_CHANCE = {EnrolmentStatus.COMPLETED: 0.6, EnrolmentStatus.INCOMPLETE: 0.3}
COMMENT_CHANCE = 0.4
NOMINATED_SHARE = 0.6
# External training verified by the agencies (a share of the staff, within bounds).
VERIFIED_SHARE = 0.03
VERIFIED_BOUNDS = (3, 400)
OTHER_SUBMITTED = 2  # claims awaiting verification outside Disdukcapil

# The asn account: a rated seminar, an e-learning class still to rate, a pending request.
ASN_RATED = "SEMINAR-RB"
ASN_UNRATED = SHORT_ELEARNING[0]
ASN_REQUEST = "BIMTEK-SIAK"
ASN_MOTIVATION = (
    "Saya mengelola basis data kependudukan dan ingin menguasai penerbitan dokumen melalui SIAK "
    "Terpusat; JP saya tahun ini juga belum mencapai 20."
)


@dataclass(frozen=True)
class Upcoming:
    program: str
    offset: int  # days after the load day, moved to the next working day
    place: str
    capacity: int
    status: str  # open, full (open, every seat taken, a waiting list), planned, cancelled
    confirmed: int = 0  # at the default size (3,000 employees); fewer in a smaller province
    approved: int = 0
    pending: int = 0


UPCOMING = (
    Upcoming("PELAYANAN-PRIMA", 8, "Tidore", 40, "open", confirmed=18, approved=4, pending=3),
    Upcoming("KEPEMIMPINAN-PELAYANAN", 13, "Ternate", 25, "full"),
    Upcoming(ASN_REQUEST, 20, "Sofifi", 30, "open", confirmed=10, approved=1, pending=2),
    Upcoming("BIMTEK-KEUDA", 24, "Sofifi", 35, "cancelled"),
    Upcoming("TNDE-ARSIP", 27, "Sofifi", 30, "open", confirmed=8, approved=2, pending=2),
    Upcoming("KOMPUB-LAPOR", 34, "Ternate", 35, "open", confirmed=10, approved=3, pending=2),
    Upcoming("ANALISIS-DATA", 41, ONLINE_PLACE, 40, "open", confirmed=20, pending=4),
    Upcoming("SPBE-LAYANAN", 48, "Sofifi", 30, "open", confirmed=5, approved=2, pending=2),
    Upcoming(TARGET_ELEARNING, 55, ONLINE_PLACE, 0, "open", pending=3),
    Upcoming("COACHING-PENGAWAS", 66, "Tidore", 25, "planned"),
)
WAITLIST = 4
DEFAULT_ACTIVE = 2900
MIN_SCALE = 0.25
UPCOMING_ELEARNING_SHARE = 0.03
# Disdukcapil staff in upcoming sessions, for opd_admin's pages: (program, status, how many).
CAPIL_UPCOMING = (
    (ASN_REQUEST, EnrolmentStatus.PENDING_APPROVAL, 2),
    ("PELAYANAN-PRIMA", EnrolmentStatus.PENDING_APPROVAL, 1),
    ("KOMPUB-LAPOR", EnrolmentStatus.PENDING_APPROVAL, 1),
    ("TNDE-ARSIP", EnrolmentStatus.PENDING_APPROVAL, 1),
    (ASN_REQUEST, EnrolmentStatus.APPROVED, 2),
    (ASN_REQUEST, EnrolmentStatus.CONFIRMED, 3),
)

CLASSROOM_HOURS = (time(8, 0), time(16, 0))
SEMINAR_HOURS = (time(8, 30), time(15, 30))
ELEARNING_HOURS = (time(9, 0), time(11, 0))

SEAT_STATUSES = (
    EnrolmentStatus.CONFIRMED,
    EnrolmentStatus.COMPLETED,
    EnrolmentStatus.INCOMPLETE,
    EnrolmentStatus.NO_SHOW,
)


# --- the plan -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Person:
    id: int
    nip: str
    name: str
    agency: str
    position_class: str


@dataclass
class SeatPlan:
    employee: int
    status: str  # the enrolment's status at the load day
    nominated: bool = True
    motivation: str = ""
    present: tuple[bool, ...] = ()  # per session day (completed sessions)
    rating: tuple[int, int, int, int, int] | None = (
        None  # content, trainers, organisation, usefulness, overall
    )
    comment: str = ""
    rated_after: int = 1  # days after the session's last day
    ago: int = 0  # days before the load day the request was made (upcoming sessions)


@dataclass
class SessionPlan:
    program: str
    start: date
    end: date
    days: tuple[date, ...]
    hours: tuple[time, time]
    place: str
    capacity: int
    status: str  # the session's status at the load day
    trainers: str
    note: str = ""
    code: str = ""
    seats: list[SeatPlan] = field(default_factory=list)

    @property
    def seats_taken(self) -> int:
        """Confirmed seats, kept by those who finished (completed, not completed, no-show)."""
        return sum(1 for seat in self.seats if seat.status in SEAT_STATUSES)


@dataclass(frozen=True)
class ClaimPlan:
    employee: int
    spec: ExternalSpec
    start: date
    end: date
    status: str
    submitted_on: date
    decided_on: date | None = None
    note: str = ""


@dataclass
class TrainingPlan:
    sessions: list[SessionPlan]
    claims: list[ClaimPlan]
    asn: int | None
    asn_request: str  # the session code the asn requests a seat in ("" without an asn)
    capil_session: str  # the upcoming technical guidance for Disdukcapil's staff
    active: int
    target_reached: int  # active employees the plan brings to the JP target this year


def _counts_for(program: ProgramSpec, day_count: int) -> int:
    """Present days needed to complete: the program's attendance rule."""
    return math.ceil(program.attendance_min_percent * day_count / 100)


def _next_working(day: date, is_working: Callable[[date], bool]) -> date:
    while not is_working(day):
        day += timedelta(days=1)
    return day


def _schedule(start: date, program: ProgramSpec, is_working: Callable[[date], bool]) -> list[date]:
    """Session days from ``start``: consecutive working days (one per 8 JP), or for an
    e-learning class one synchronous day a week for four weeks."""
    days: list[date] = []
    if program.is_elearning:
        for week in range(ELEARNING_WEEKS):
            monday = start + timedelta(weeks=week)
            day = next(
                (monday + timedelta(days=n) for n in range(5) if is_working(monday + timedelta(days=n))), None
            )
            if day is not None:
                days.append(day)
        return days
    day = start
    while len(days) < math.ceil(program.jp / JP_PER_DAY):
        if is_working(day):
            days.append(day)
        day += timedelta(days=1)
    return days


def past_window(today: date) -> tuple[date, date]:
    last = today - timedelta(days=PAST_GAP_DAYS)
    first = date(today.year, 1, 12)
    if (last - first).days < MIN_PAST_SPAN_DAYS:
        first = last - timedelta(days=FALLBACK_PAST_SPAN_DAYS)
    return first, last


def _place_past(
    program: ProgramSpec, fraction: float, window: tuple[date, date], is_working: Callable[[date], bool]
) -> list[date]:
    """The days of a completed session starting at ``fraction`` of the window; it ends
    inside the window."""
    first, last = window
    length = 7 * ELEARNING_WEEKS if program.is_elearning else math.ceil(program.jp / JP_PER_DAY) + 3
    start = first + timedelta(days=round(max((last - first).days - length, 0) * fraction))
    while True:
        days = _schedule(_next_working(start, is_working), program, is_working)
        if days[-1] <= last:
            return days
        start -= timedelta(days=7)


def _hours(program: ProgramSpec) -> tuple[time, time]:
    if program.is_elearning:
        return ELEARNING_HOURS
    return SEMINAR_HOURS if program.form == "seminar" else CLASSROOM_HOURS


def _trainers(rng: random.Random) -> str:
    return "\n".join(rng.sample(TRAINERS, 2))


def _outcome(rng: random.Random, program: ProgramSpec, day_count: int) -> tuple[str, tuple[bool, ...]]:
    weights = OUTCOMES_ELEARNING if program.is_elearning else OUTCOMES_CLASSROOM
    status = rng.choices(list(weights), weights=list(weights.values()))[0]
    need = _counts_for(program, day_count)
    if status == EnrolmentStatus.INCOMPLETE and need < 2:
        status = EnrolmentStatus.NO_SHOW  # one day: there or not there
    if status == EnrolmentStatus.COMPLETED:
        present = [True] * day_count
        if day_count - 1 >= need and rng.random() < 0.2:
            present[rng.randrange(day_count)] = False
    elif status == EnrolmentStatus.INCOMPLETE:
        # Dropped out after the first days.
        attended = rng.randint(1, need - 1)
        present = [True] * attended + [False] * (day_count - attended)
    else:
        present = [False] * day_count
    return status, tuple(present)


def _clamp(value: float) -> int:
    return max(3, min(5, round(value)))


def _rating(rng: random.Random, quality: float) -> tuple[int, int, int, int, int]:
    """Content, trainers, organisation, usefulness and overall, 3–5 around the session's
    quality; participants mark the venue a little lower and the trainers a little higher."""
    items = [_clamp(rng.gauss(quality + bias, 0.6)) for bias in (0.0, 0.15, -0.25, 0.05)]
    overall = _clamp(rng.gauss(quality, 0.5))
    return (*items, overall)


def _comment(rng: random.Random, place: str) -> str:
    extra = COMMENTS_ONLINE if place == ONLINE_PLACE else COMMENTS_IN_PERSON
    return rng.choice(COMMENTS + extra)


class _Book:
    """Who holds which completed-session seat (for overlaps) and their JP so far."""

    def __init__(self, jp_target: int):
        self.jp_target = jp_target
        self.spans: dict[int, list[tuple[date, date]]] = defaultdict(list)
        self.jp: dict[int, Decimal] = defaultdict(Decimal)
        self.holders: list[int] = []

    def add(self, employee: int, session: SessionPlan, seat: SeatPlan, program: ProgramSpec) -> None:
        if employee not in self.spans:
            self.holders.append(employee)
        self.spans[employee].append((session.start, session.end))
        if seat.status == EnrolmentStatus.COMPLETED:
            self.jp[employee] += program.jp

    def overlaps(self, employee: int, start: date, end: date) -> bool:
        return any(s <= end and start <= e for s, e in self.spans.get(employee, ()))

    def reached(self) -> int:
        return sum(1 for total in self.jp.values() if total >= self.jp_target)


class _Pool:
    """People in a shuffled order, each given out once; a program's audience first."""

    def __init__(self, people: list[Person], rng: random.Random):
        self.order = people[:]
        rng.shuffle(self.order)
        self.taken: set[int] = set()
        self.cursors: dict[str, int] = defaultdict(int)
        self.lists: dict[str, list[Person]] = {"": self.order}

    def _audience(self, program: ProgramSpec | None) -> str:
        if program is None or not (program.audience or program.managerial):
            return ""
        key = program.code
        if key not in self.lists:
            self.lists[key] = [
                p
                for p in self.order
                if p.agency in program.audience or (program.managerial and p.position_class in MANAGERIAL)
            ]
        return key

    def _next(self, key: str) -> Person | None:
        people = self.lists[key]
        while self.cursors[key] < len(people):
            person = people[self.cursors[key]]
            self.cursors[key] += 1
            if person.id not in self.taken:
                self.taken.add(person.id)
                return person
        return None

    def take(self, rng: random.Random, program: ProgramSpec | None = None) -> Person | None:
        key = self._audience(program)
        if key and rng.random() < AUDIENCE_SHARE and (person := self._next(key)) is not None:
            return person
        return self._next("")

    def take_many(self, rng: random.Random, count: int, program: ProgramSpec | None = None) -> list[Person]:
        people = []
        while len(people) < count and (person := self.take(rng, program)) is not None:
            people.append(person)
        return people


def _past_seat(
    rng: random.Random,
    employee: int,
    program: ProgramSpec,
    session: SessionPlan,
    quality: float,
    outcome: tuple[str, tuple[bool, ...]] | None = None,
) -> SeatPlan:
    status, present = outcome or _outcome(rng, program, len(session.days))
    seat = SeatPlan(
        employee=employee, status=status, nominated=rng.random() < NOMINATED_SHARE, present=present
    )
    if not seat.nominated:
        seat.motivation = rng.choice(MOTIVATIONS)
    attended = status == EnrolmentStatus.COMPLETED or (status == EnrolmentStatus.INCOMPLETE and any(present))
    if attended and rng.random() < RATING_CHANCE[status]:
        seat.rating = _rating(rng, quality)
        seat.rated_after = rng.randint(1, 2)
        if rng.random() < COMMENT_CHANCE:
            seat.comment = _comment(rng, session.place)
    return seat


def _asn_seat(program: ProgramSpec, session: SessionPlan, *, rated: bool) -> SeatPlan:
    return SeatPlan(
        employee=0,  # set by the caller
        status=EnrolmentStatus.COMPLETED,
        nominated=True,
        present=(True,) * len(session.days),
        rating=(5, 4, 4, 5, 5) if rated else None,
        comment=ASN_COMMENT if rated else "",
    )


def _new_session(
    program: ProgramSpec,
    days: list[date],
    place: str,
    capacity: int,
    status: str,
    rng: random.Random,
    note="",
) -> SessionPlan:
    return SessionPlan(
        program=program.code,
        start=days[0],
        end=days[-1],
        days=tuple(days),
        hours=_hours(program),
        place=place,
        capacity=capacity,
        status=status,
        trainers=_trainers(rng),
        note=note,
    )


def _elearning_capacity(participants: int) -> int:
    return min(10_000, max(100, math.ceil((participants + 5) / 50) * 50))


def _split(items: list, size: int) -> list[list]:
    return [items[start : start + size] for start in range(0, len(items), size)] or [[]]


def training_plan(
    *,
    people: list[Person],
    asn: int | None,
    seed: int,
    today: date,
    is_working_day: Callable[[date], bool],
    jp_target: int = 20,
) -> TrainingPlan:
    """The demo's sessions, participants and claims as plain data (see the module
    docstring); the same for the same people, seed and load day. ``people``: the active
    employees, by NIP; ``asn``: the id of the employee of the ``asn`` account;
    ``jp_target``: the yearly JP target (PP 17/2020: 20)."""
    rng = random.Random(f"{seed}:training")
    programs = {p.code: p for p in PROGRAMS}
    active = len(people)
    others = [p for p in people if p.id != asn]
    window = past_window(today)
    pool = _Pool(others, rng)
    book = _Book(jp_target)
    past: list[SessionPlan] = []

    # Classroom sessions, in date order.
    fill_cap = max(MIN_CLASSROOM_FILL, round(active * CLASSROOM_FILL_SHARE))
    for code, fraction, place in PAST_CLASSROOM:
        program = programs[code]
        capacity = rng.randint(*CLASSROOM_CAPACITY)
        days = _place_past(program, fraction, window, is_working_day)
        session = _new_session(program, days, place, capacity, SessionStatus.COMPLETED, rng)
        quality = rng.uniform(3.9, 4.7)
        fill = min(capacity, max(MIN_CLASSROOM_FILL, min(round(capacity * rng.uniform(0.85, 1.0)), fill_cap)))
        if code == ASN_RATED and asn is not None:
            seat = _asn_seat(program, session, rated=True)
            seat.employee = asn
            session.seats.append(seat)
            book.add(asn, session, seat, program)
        chosen = {seat.employee for seat in session.seats}
        while len(session.seats) < fill:
            person_id = None
            if book.holders and rng.random() < REPEAT_SHARE:
                for candidate in rng.sample(book.holders, min(10, len(book.holders))):
                    if (
                        candidate not in chosen
                        and candidate != asn
                        and not book.overlaps(candidate, session.start, session.end)
                    ):
                        person_id = candidate
                        break
            if person_id is None:
                person = pool.take(rng, program)
                if person is None:
                    break
                person_id = person.id
            seat = _past_seat(rng, person_id, program, session, quality)
            session.seats.append(seat)
            chosen.add(person_id)
            book.add(person_id, session, seat, program)
        past.append(session)

    # The short e-learning class: those with a short session before, and fresh people.
    code, fraction = SHORT_ELEARNING
    program = programs[code]
    days = _place_past(program, fraction, window, is_working_day)
    start, end = days[0], days[-1]
    repeaters = [
        pid
        for pid in book.holders
        if pid != asn and 0 < book.jp[pid] < jp_target and not book.overlaps(pid, start, end)
    ]
    ids = [pid for pid in repeaters if rng.random() < SHORT_ELEARNING_REPEAT_CHANCE]
    ids += [p.id for p in pool.take_many(rng, round(active * SHORT_ELEARNING_FRESH_SHARE))]
    with_asn = asn is not None and not book.overlaps(asn, start, end)
    runs = _split(ids, ELEARNING_RUN_MAX - (1 if with_asn else 0))
    quality = rng.uniform(3.8, 4.4)
    for index, run in enumerate(runs):
        size = len(run) + (1 if with_asn and index == 0 else 0)
        session = _new_session(
            program, days, ONLINE_PLACE, _elearning_capacity(size), SessionStatus.COMPLETED, rng
        )
        if with_asn and index == 0:
            seat = _asn_seat(program, session, rated=False)
            seat.employee = asn
            session.seats.append(seat)
            book.add(asn, session, seat, program)
        for pid in run:
            seat = _past_seat(rng, pid, program, session, quality)
            session.seats.append(seat)
            book.add(pid, session, seat, program)
        past.append(session)

    # Verified external training: half to people behind, half to people without a session.
    claims: list[ClaimPlan] = []
    low, high = VERIFIED_BOUNDS
    wanted = min(high, max(low, round(active * VERIFIED_SHARE)))
    behind = [pid for pid in book.holders if pid != asn and 0 < book.jp[pid] < jp_target]
    rng.shuffle(behind)
    chosen_ids = behind[: wanted // 2] + [
        p.id for p in pool.take_many(rng, wanted - min(len(behind), wanted // 2))
    ]
    first, last = window
    for pid in chosen_ids:
        spec = rng.choice(EXTERNAL_VERIFIED)
        end = first + timedelta(days=rng.randint(spec.days, max(spec.days, (last - first).days - 7)))
        submitted = end + timedelta(days=rng.randint(1, 3))
        decided = min(submitted + timedelta(days=rng.randint(2, 10)), today - timedelta(days=1))
        claims.append(
            ClaimPlan(
                employee=pid,
                spec=spec,
                start=end - timedelta(days=spec.days),
                end=end,
                status=ExternalTrainingStatus.VERIFIED,
                submitted_on=submitted,
                decided_on=decided,
                note=VERIFICATION_NOTE,
            )
        )
        book.jp[pid] += spec.jp

    # The e-learning classes that bring fresh people to the target.
    program = programs[TARGET_ELEARNING]
    target = round(active * JP_TARGET_SHARE)
    reached = book.reached()
    outcomes: list[tuple[int, str, tuple[bool, ...]]] = []
    day_count = len(_schedule(window[0], program, lambda day: day.weekday() < 5))
    while reached < target or len(outcomes) < TARGET_ELEARNING_MIN:
        person = pool.take(rng)
        if person is None:
            break
        status, present = _outcome(rng, program, day_count)
        outcomes.append((person.id, status, present))
        if status == EnrolmentStatus.COMPLETED and book.jp[person.id] + program.jp >= jp_target:
            reached += 1
    runs = _split(outcomes, ELEARNING_RUN_MAX)
    for index, run in enumerate(runs):
        fraction = 0.3 if len(runs) == 1 else 0.06 + 0.8 * index / (len(runs) - 1)
        days = _place_past(program, fraction, window, is_working_day)
        session = _new_session(
            program, days, ONLINE_PLACE, _elearning_capacity(len(run)), SessionStatus.COMPLETED, rng
        )
        quality = rng.uniform(3.9, 4.5)
        for pid, status, present in run:
            # The outcome drawn above (it decided how many to take), fitted to the class's
            # days (a holiday week has no synchronous day).
            outcome = _refit(status, present, program, len(session.days))
            seat = _past_seat(rng, pid, program, session, quality, outcome)
            session.seats.append(seat)
            book.add(pid, session, seat, program)
        past.append(session)

    upcoming = _upcoming_plan(rng, programs, others, today, is_working_day, active)
    sessions = sorted(past + upcoming, key=lambda s: (s.start, s.program, s.place))
    _number(sessions)

    claims += _pending_claims(rng, others, today)
    capil_session = next(
        s.code for s in sessions if s.program == ASN_REQUEST and s.status == SessionStatus.OPEN
    )
    return TrainingPlan(
        sessions=sessions,
        claims=claims,
        asn=asn,
        asn_request=capil_session if asn is not None else "",
        capil_session=capil_session,
        active=active,
        target_reached=book.reached(),
    )


def _refit(
    status: str, present: tuple[bool, ...], program: ProgramSpec, day_count: int
) -> tuple[str, tuple[bool, ...]]:
    """An attendance drawn for ``len(present)`` days, fitted to ``day_count`` days with the
    same outcome."""
    if len(present) == day_count:
        return status, present
    need = _counts_for(program, day_count)
    if status == EnrolmentStatus.COMPLETED:
        return status, (True,) * day_count
    if status == EnrolmentStatus.INCOMPLETE and need >= 2:
        attended = min(max(sum(present), 1), need - 1)
        return status, (True,) * attended + (False,) * (day_count - attended)
    return EnrolmentStatus.NO_SHOW, (False,) * day_count


def _number(sessions: list[SessionPlan]) -> None:
    """Session codes ``<program>-<year>-<nn>``, numbered by start date within the year."""
    counters: dict[tuple[str, int], int] = defaultdict(int)
    for session in sessions:
        key = (session.program, session.start.year)
        counters[key] += 1
        session.code = f"{session.program}-{session.start.year}-{counters[key]:02d}"


def _scaled(count: int, scale: float) -> int:
    return max(1, round(count * scale)) if count else 0


def _upcoming_plan(
    rng, programs, others: list[Person], today: date, is_working_day, active: int
) -> list[SessionPlan]:
    capil = [p for p in others if p.agency == CAPIL]
    rng.shuffle(capil)
    pool = _Pool([p for p in others if p.agency != CAPIL], rng)
    scale = min(1.0, max(MIN_SCALE, active / DEFAULT_ACTIVE))
    extras: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for code, status, count in CAPIL_UPCOMING:
        for _ in range(count):
            if capil:
                extras[code].append((capil.pop(0).id, status))
    sessions = []
    for item in UPCOMING:
        program = programs[item.program]
        start = _next_working(today + timedelta(days=item.offset), is_working_day)
        days = _schedule(start, program, is_working_day)
        note = (
            CANCELLED_NOTE if item.status == "cancelled" else PLANNED_NOTE if item.status == "planned" else ""
        )
        status = {"cancelled": SessionStatus.CANCELLED, "planned": SessionStatus.PLANNED}.get(
            item.status, SessionStatus.OPEN
        )
        capacity = item.capacity
        confirmed = _scaled(item.confirmed, scale)
        if program.is_elearning:
            confirmed = max(3, round(active * UPCOMING_ELEARNING_SHARE))
            capacity = _elearning_capacity(confirmed * 3)
        session = _new_session(program, days, item.place, capacity, status, rng, note)
        sessions.append(session)
        if status != SessionStatus.OPEN:
            continue
        seats: list[SeatPlan] = []
        for employee, seat_status in extras.get(item.program, ()):
            seats.append(_upcoming_seat(rng, employee, seat_status))
        if item.status == "full":
            people = pool.take_many(rng, capacity, program)
            session.capacity = max(1, len(people))
            seats += [_upcoming_seat(rng, p.id, EnrolmentStatus.CONFIRMED) for p in people]
            seats += [
                _upcoming_seat(rng, p.id, EnrolmentStatus.WAITLISTED)
                for p in pool.take_many(rng, WAITLIST, program)
            ]
        else:
            have = sum(1 for seat in seats if seat.status == EnrolmentStatus.CONFIRMED)
            wanted = (
                (EnrolmentStatus.CONFIRMED, min(confirmed, capacity - have)),
                (EnrolmentStatus.APPROVED, _scaled(item.approved, scale)),
                (EnrolmentStatus.PENDING_APPROVAL, _scaled(item.pending, scale)),
            )
            for seat_status, count in wanted:
                seats += [_upcoming_seat(rng, p.id, seat_status) for p in pool.take_many(rng, count, program)]
        session.seats = seats
    return sessions


def _upcoming_seat(rng: random.Random, employee: int, status: str) -> SeatPlan:
    requested = status in (EnrolmentStatus.PENDING_APPROVAL, EnrolmentStatus.WAITLISTED) or (
        rng.random() >= NOMINATED_SHARE
    )
    ago = {
        EnrolmentStatus.PENDING_APPROVAL: rng.randint(1, 6),
        EnrolmentStatus.APPROVED: rng.randint(7, 9),
        EnrolmentStatus.WAITLISTED: 12,
        EnrolmentStatus.CONFIRMED: 21,
    }[status]
    return SeatPlan(
        employee=employee,
        status=status,
        nominated=not requested,
        motivation=rng.choice(MOTIVATIONS) if requested else "",
        ago=ago,
    )


def _pending_claims(rng: random.Random, others: list[Person], today: date) -> list[ClaimPlan]:
    """Claims awaiting verification (Disdukcapil's first, and a few of other agencies) and
    one of Disdukcapil that opd_admin rejected."""
    capil = [p.id for p in others if p.agency == CAPIL]
    rest = [p.id for p in others if p.agency != CAPIL]
    rng.shuffle(capil)
    rng.shuffle(rest)
    claims = []
    owners = (
        [capil[i % len(capil)] for i in range(len(EXTERNAL_SUBMITTED) - OTHER_SUBMITTED)] if capil else []
    )
    owners += rest[:OTHER_SUBMITTED]
    for index, (employee, spec) in enumerate(zip(owners, EXTERNAL_SUBMITTED, strict=False)):
        end = today - timedelta(days=7 + 6 * index)
        claims.append(
            ClaimPlan(
                employee=employee,
                spec=spec,
                start=end - timedelta(days=spec.days),
                end=end,
                status=ExternalTrainingStatus.SUBMITTED,
                submitted_on=today - timedelta(days=1 + index),
            )
        )
    if capil:
        spec = EXTERNAL_REJECTED
        end = today - timedelta(days=30)
        claims.append(
            ClaimPlan(
                employee=capil[-1],
                spec=spec,
                start=end - timedelta(days=spec.days),
                end=end,
                status=ExternalTrainingStatus.REJECTED,
                submitted_on=end + timedelta(days=2),
                decided_on=end + timedelta(days=6),
                note=REJECTION_REASON,
            )
        )
    return claims
