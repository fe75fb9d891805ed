"""The demo province's employees, as plain data (no database).

Seats are filled in rounds so that every position gets its first holder before any
gets a second, agency heads and managers first; what is left over are vacancies, and
no position ever gets more holders than its headcount. Each person is consistent with
their position: rank inside the class's range (PNS) or the jenjang's grade (PPPK),
education at least the required level in a qualifying field, and a NIP that encodes
their birth date, CPNS appointment month and sex.
"""

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from faker import Faker

from penata.organization.ranks import PNS_RANKS, PPPK_GRADES

from . import catalogue, names
from .catalogue import FAMILIES
from .structure import PositionPlan, Structure, is_managerial

# The day the demo data describes: fixed, so that every load gives the same people.
REFERENCE_DATE = date(2025, 12, 31)
RATING_YEARS = (2024, 2025)

RETIRED_SHARE = 0.02
ON_LEAVE_SHARE = 0.015
INTEREST_SHARE = 0.22
# Positions deliberately left empty in the first round (a seat nobody holds yet).
SKIPPED_POSITION_SHARE = 0.03

# PPPK cohorts of Maluku Utara: the first national round (2019) and the yearly rounds since.
PPPK_YEARS = (2019, 2021, 2022, 2022, 2023, 2023, 2024)

PNS_RANK_CODES = [code for code, _title in PNS_RANKS]
PNS_RANK_ORDER = {code: index for index, code in enumerate(PNS_RANK_CODES)}
PPPK_GRADE_CODES = [f"PPPK-{grade}" for grade in PPPK_GRADES]

NEXT_CLASS = {
    "pelaksana": "ahli_pertama",
    "pemula": "terampil",
    "terampil": "mahir",
    "mahir": "penyelia",
    "ahli_pertama": "ahli_muda",
    "ahli_muda": "ahli_madya",
    "ahli_madya": "ahli_utama",
    "pengawas": "administrator",
    "administrator": "jpt_pratama",
    "penyelia": "ahli_pertama",
}

FEMALE_SHARE = {
    "bidan": 1.0,
    "perawat": 0.7,
    "guru": 0.6,
    "nutrisionis": 0.75,
    "pol_pp": 0.25,
    "pengemudi": 0.0,
}


@dataclass
class HistoryPlan:
    kind: str
    position: str | None  # position code
    agency: str
    rank: str
    start_date: date
    reference: str


@dataclass
class EmployeePlan:
    nip: str
    employment_type: str
    full_name: str
    sex: str
    birth_date: date
    birth_place: str
    rank: str
    education_level: str
    education_field: str
    agency: str
    position: str | None
    position_start_date: date | None
    status: str
    phone: str
    email: str
    home_regency: str
    interest_note: str = ""
    history: list[HistoryPlan] = field(default_factory=list)
    interests: list[dict] = field(default_factory=list)
    ratings: list[tuple[int, str]] = field(default_factory=list)


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _promotion_period(day: date) -> date:
    """The last kenaikan pangkat period (1 April or 1 October) on or before ``day``."""
    if day.month >= 10:
        return date(day.year, 10, 1)
    if day.month >= 4:
        return date(day.year, 4, 1)
    return date(day.year - 1, 10, 1)


def seat_order(structure: Structure, rng: random.Random) -> list[PositionPlan]:
    """Positions in the order their seats are filled, one entry per seat."""
    by_agency: dict[str, list[PositionPlan]] = {}
    for position in structure.positions:
        by_agency.setdefault(position.agency, []).append(position)
    agencies = list(by_agency)

    def interleave(plans_by_agency: dict[str, list[PositionPlan]]) -> list[PositionPlan]:
        out: list[PositionPlan] = []
        queues = [list(plans_by_agency.get(code, [])) for code in agencies]
        while any(queues):
            for queue in queues:
                if queue:
                    out.append(queue.pop(0))
        return out

    skipped = {
        p.code for p in structure.positions if p.priority > 0 and rng.random() < SKIPPED_POSITION_SHARE
    }
    order: list[PositionPlan] = []
    for priority in (0, 1, 2):
        order += interleave(
            {
                code: [p for p in plans if p.priority == priority and p.code not in skipped]
                for code, plans in by_agency.items()
            }
        )
    rounds = max((p.headcount for p in structure.positions), default=0)
    for seat in range(1, rounds):
        order += [p for p in structure.positions if p.headcount > seat and p.code not in skipped]
    return order


class PeopleGenerator:
    def __init__(self, structure: Structure, *, rng: random.Random, faker: Faker):
        self.structure = structure
        self.rng = rng
        self.faker = faker
        self.sequences: dict[str, int] = {}
        self.used_nips: set[str] = set()
        self.positions_by_agency: dict[str, list[PositionPlan]] = {}
        for position in structure.positions:
            if not is_managerial(position.position_class):
                self.positions_by_agency.setdefault(position.agency, []).append(position)
        self.agencies = list(dict.fromkeys(p.agency for p in structure.positions))
        self.decree_number = 0
        self.email_number = 0

    # -- building blocks --------------------------------------------------------

    def _sex(self, position: PositionPlan) -> str:
        share = FEMALE_SHARE.get(position.family, 0.48 if position.priority == 2 else 0.3)
        return "F" if self.rng.random() < share else "M"

    def _education(self, position: PositionPlan) -> tuple[str, str]:
        rng = self.rng
        required = position.education
        cls = position.position_class
        if required == "s2":
            level = "s2"
        elif required == "s1":
            roll = rng.random()
            senior = cls in ("jpt_madya", "jpt_pratama", "ahli_utama", "ahli_madya")
            if senior and roll < 0.08:
                level = "s3"
            elif roll < (0.75 if cls.startswith("jpt") else 0.45 if cls == "administrator" else 0.22):
                level = "s2"
            else:
                level = "s1"
        elif required == "d3":
            level = "s1" if rng.random() < 0.3 else "d3"
        else:
            roll = rng.random()
            level = "s1" if roll < 0.15 else "d3" if roll < 0.25 else "sma"
        if position.fields:
            field_name = rng.choice(position.fields)
        elif level == "sma":
            field_name = rng.choice(catalogue.SCHOOL_FIELDS)
        else:
            own = self.structure.agency_fields.get(position.agency, ())
            pool = own if own and is_managerial(cls) and rng.random() < 0.6 else catalogue.GENERAL_FIELDS
            field_name = rng.choice(pool)
            if level in ("d3",) and not catalogue.FIELDS[field_name].diploma:
                field_name = rng.choice(catalogue.GENERAL_FIELDS)
        return level, field_name

    def _rank_range(self, position: PositionPlan, employment_type: str) -> tuple[str, str]:
        if employment_type == "pppk":
            if position.position_class == "pelaksana":
                return catalogue.PPPK_PELAKSANA_GRADES[position.education]
            return catalogue.PPPK_GRADES_BY_CLASS[position.position_class]
        return position.min_rank, position.max_rank

    def _nip(self, birth: date, appointed: date, sex: str, employment_type: str) -> str:
        sex_digit = "1" if sex == "M" else "2"
        # A PPPK number writes the cohort year and "21" where a NIP has the month.
        middle = f"{appointed.year:04d}21" if employment_type == "pppk" else f"{appointed:%Y%m}"
        prefix = f"{birth:%Y%m%d}{middle}{sex_digit}"
        sequence = self.sequences.get(prefix, self.rng.randint(0, 4)) + 1
        self.sequences[prefix] = sequence
        nip = f"{prefix}{sequence:03d}"
        if sequence > 999 or nip in self.used_nips:  # pragma: no cover - needs 1,000 twins
            raise ValueError(f"NIP sequence exhausted for {prefix}")
        self.used_nips.add(nip)
        return nip

    def _reference(self, kind: str, day: date) -> str:
        self.decree_number += 1
        code = {"appointment": "813.3", "transfer": "824", "promotion": "821.2", "release": "882"}[kind]
        return f"SK Gubernur Maluku Utara Nomor {code}/{self.decree_number % 900 + 100}/{day.year}"

    def _home(self, position: PositionPlan | None) -> str:
        if position is not None and position.regency and self.rng.random() < 0.75:
            return position.regency
        return self.rng.choices(names.REGENCY_NAMES, weights=names.REGENCY_WEIGHTS)[0]

    def _retirement_age(self, position: PositionPlan) -> int:
        if position.teacher:
            return catalogue.TEACHER_RETIREMENT_AGE
        return catalogue.RETIREMENT_AGE.get(position.position_class, catalogue.DEFAULT_RETIREMENT_AGE)

    def _birth_date(self, age: int) -> date:
        day = _add_years(REFERENCE_DATE, -age) - timedelta(days=self.rng.randrange(30, 360))
        return day

    def _appointment(self, birth: date, level: str, employment_type: str, latest: date) -> date:
        rng = self.rng
        if employment_type == "pppk":
            years = [y for y in PPPK_YEARS if y >= birth.year + 21 and date(y, 3, 1) <= latest]
            year = rng.choice(years or [max(birth.year + 21, 2019)])
            return date(year, rng.choice((3, 4, 6, 10)), 1)
        entry_age = {"sma": (19, 27), "d3": (21, 29), "s1": (23, 32), "s2": (24, 33), "s3": (25, 33)}[level]
        age = rng.randint(*entry_age)
        appointed = _add_years(birth, age).replace(day=1)
        month = rng.choice((1, 3, 4, 12))
        appointed = appointed.replace(month=month)
        if appointed > latest:
            appointed = latest.replace(day=1)
        if appointed.year < birth.year + 18:
            appointed = date(birth.year + 18, 12, 1)
        return appointed

    def _pns_rank(self, entry_level: str, appointed: date, on: date, low: str, high: str) -> str:
        years = (on - appointed).days // 365
        order = PNS_RANK_ORDER[catalogue.PNS_ENTRY_RANK[entry_level]] + years // 4
        order = min(max(order, PNS_RANK_ORDER[low]), PNS_RANK_ORDER[high])
        return PNS_RANK_CODES[order]

    def _ratings(self, appointed: date, until: date) -> list[tuple[int, str]]:
        out = []
        for year in RATING_YEARS:
            if appointed <= date(year, 6, 30) and until >= date(year, 12, 31):
                roll = self.rng.random()
                out.append((year, "above" if roll < 0.12 else "below" if roll < 0.19 else "meets"))
        return out

    def _interests(self, position: PositionPlan, agency: str) -> list[dict]:
        rng = self.rng
        items: list[dict] = []
        if position.position_class in NEXT_CLASS and rng.random() < 0.6:
            items.append({"position_class": NEXT_CLASS[position.position_class]})
        if rng.random() < 0.6:
            items.append({"field": rng.choice(catalogue.INTEREST_FIELDS)})
        if rng.random() < 0.4 or not items:
            others = [code for code in self.agencies if code != agency]
            items.append({"agency": rng.choice(others)})
        return items[:3]

    # -- people -----------------------------------------------------------------

    def _person(self, position: PositionPlan, *, retired: bool = False) -> EmployeePlan:
        rng = self.rng
        cls = position.position_class
        family = position.family
        pppk_share = 0.0
        if not is_managerial(cls) and not retired:
            pppk_share = FAMILIES[family].pppk_share if family in FAMILIES else 0.05
        employment_type = "pppk" if rng.random() < pppk_share else "pns"
        sex = self._sex(position)
        level, field_name = self._education(position)
        retirement_age = self._retirement_age(position)
        if retired:
            age = rng.randint(retirement_age, retirement_age + 2)
        else:
            low, high = catalogue.AGE_RANGE_BY_CLASS[cls]
            if employment_type == "pppk":
                low, high = max(low, 27), min(high, 52)
            age = rng.randint(low, min(high, retirement_age - 2))
        birth = self._birth_date(age)
        if retired:
            # Pension starts on the first day of the month after the retirement age.
            retirement_day = _add_years(birth, retirement_age)
            retired_on = (retirement_day.replace(day=1) + timedelta(days=32)).replace(day=1)
            if retired_on > REFERENCE_DATE:
                birth = _add_years(birth, -1)
                retirement_day = _add_years(birth, retirement_age)
                retired_on = (retirement_day.replace(day=1) + timedelta(days=32)).replace(day=1)
            latest = retired_on - timedelta(days=365 * 20)
        else:
            retired_on = None
            latest = REFERENCE_DATE - timedelta(days=60)
        appointed = self._appointment(birth, level, employment_type, latest)
        low, high = self._rank_range(position, employment_type)
        on = retired_on or REFERENCE_DATE
        if employment_type == "pppk":
            rank = rng.choice(
                PPPK_GRADE_CODES[PPPK_GRADE_CODES.index(low) : PPPK_GRADE_CODES.index(high) + 1]
            )
        else:
            rank = self._pns_rank(level, appointed, on, low, high)

        bare = names.person_name(self.faker, rng, sex)
        home = self._home(position)
        self.email_number += 1
        plan = EmployeePlan(
            nip=self._nip(birth, appointed, sex, employment_type),
            employment_type=employment_type,
            full_name=names.name_with_degrees(bare, level=level, field=field_name),
            sex=sex,
            birth_date=birth,
            birth_place=names.birth_place(rng, home),
            rank=rank,
            education_level=level,
            education_field=field_name,
            agency=position.agency,
            position=None if retired else position.code,
            position_start_date=None,
            status="retired" if retired else "active",
            phone=names.phone_number(rng),
            email=names.email_address(bare, self.email_number),
            home_regency=home,
        )
        self._history(plan, position, appointed, retired_on, level)
        plan.ratings = self._ratings(appointed, retired_on or date(2100, 1, 1))
        return plan

    def _history(self, plan: EmployeePlan, position: PositionPlan, appointed: date, retired_on, level: str):
        """Rows from the CPNS appointment to today: some people moved or were promoted into
        their current position, and a rank promotion is recorded when the rank rose."""
        rng = self.rng
        pppk = plan.employment_type == "pppk"
        current = PNS_RANK_ORDER.get(plan.rank, 0)
        entry = PNS_RANK_ORDER[catalogue.PNS_ENTRY_RANK[level]]

        def rank_at(day: date) -> str:
            if pppk:
                return plan.rank
            order = min(entry + (day - appointed).days // 365 // 4, current)
            return PNS_RANK_CODES[max(order, min(entry, current))]

        def add(kind: str, code: str | None, agency: str, rank: str, day: date) -> HistoryPlan:
            row = HistoryPlan(kind, code, agency, rank, day, self._reference(kind, day))
            plan.history.append(row)
            return row

        end = retired_on or REFERENCE_DATE
        earlier = None
        promoted = is_managerial(position.position_class)
        span_years = (end - appointed).days // 365
        if retired_on is None and (promoted or rng.random() < 0.35) and span_years > 3:
            pool = self.positions_by_agency.get(position.agency) or []
            if rng.random() < 0.2 or not pool:
                pool = self.positions_by_agency[rng.choice(list(self.positions_by_agency))]
            earlier = rng.choice(pool)
            if earlier.code == position.code:
                earlier = None

        if earlier is None:
            last = add("appointment", position.code, position.agency, rank_at(appointed), appointed)
            plan.position_start_date = None if retired_on else appointed
        else:
            add("appointment", earlier.code, earlier.agency, rank_at(appointed), appointed)
            if promoted:
                # Managers took their current post in the last few years.
                moved = _add_years(REFERENCE_DATE, -rng.randint(1, min(8, span_years - 2)))
            else:
                moved = _add_years(appointed, 2 + rng.randrange(max(1, span_years - 2)))
            moved = min(moved, REFERENCE_DATE - timedelta(days=30)).replace(day=rng.randint(1, 28))
            kind = "promotion" if promoted else "transfer"
            last = add(kind, position.code, position.agency, rank_at(moved), moved)
            plan.position_start_date = moved
        if last.rank != plan.rank:
            # Kenaikan pangkat takes effect on 1 April or 1 October.
            years = (current - PNS_RANK_ORDER[last.rank]) * 4
            raised = _promotion_period(min(_add_years(last.start_date, years), end - timedelta(days=30)))
            if raised > last.start_date:
                add("promotion", position.code, position.agency, plan.rank, raised)
            else:
                last.rank = plan.rank
        if retired_on is not None:
            add("release", None, position.agency, plan.rank, retired_on)

    def generate(self, employees: int) -> list[EmployeePlan]:
        rng = self.rng
        retired_count = round(employees * RETIRED_SHARE)
        holders = employees - retired_count
        seats = seat_order(self.structure, rng)
        if holders > len(seats):
            raise ValueError("More employees than seats; the structure is too small.")
        people: list[EmployeePlan] = []
        for position in seats[:holders]:
            person = self._person(position)
            if position.priority > 0 and rng.random() < ON_LEAVE_SHARE:
                person.status = "on_leave"
            people.append(person)
        pool = [p for plans in self.positions_by_agency.values() for p in plans]
        for _ in range(retired_count):
            people.append(self._person(rng.choice(pool), retired=True))
        by_code = {p.code: p for p in self.structure.positions}
        for person in people:
            if person.status == "active" and rng.random() < INTEREST_SHARE:
                person.interests = self._interests(by_code[person.position], person.agency)
                if rng.random() < 0.3:
                    person.interest_note = rng.choice(catalogue.INTEREST_NOTES)
        return people


def people_generate(
    structure: Structure, *, employees: int, rng: random.Random, faker: Faker
) -> list[EmployeePlan]:
    return PeopleGenerator(structure, rng=rng, faker=faker).generate(employees)
