"""The demo province's competency data, as plain data (no database writes).

Three parts, all drawn from the seed with their own random stream (so the people of a
province loaded before competency data existed are the same people):

- technical competencies (Permen PANRB 38/2017) of every citizen-facing agency, and of
  Bapenda, which serves taxpayers at the Samsat offices: two to four each, with five level
  titles and one or two behaviour indicators per level;
- a competency standard for every position: M.01–M.08 and SK.01 at the class default
  (``CLASS_DEFAULT_LEVELS``), with small variations, plus one or two of the agency's
  technical competencies for positions of agencies that have them;
- assessments: most active employees have assessment-centre (managerial, sociocultural)
  and competency-test (technical) results for their whole standard, some only a
  supervisor's assessment of a few competencies, some none; older results superseded by
  newer ones, a few self-assessments (shown, never counted) and a few invalidated results.

**Core factor rule** (for Profile Matching): the managerial competencies M.01–M.08 are
core factors; SK.01 and technical competencies are secondary factors.

**Standard variations**: in citizen-facing agencies, non-managerial positions require
M.05 Pelayanan Publik one level above their class default (they meet citizens at the
front desk); a quarter of all positions have one of M.02–M.04 and M.06–M.08 one level
above (mostly) or below the default. Levels stay within 1–5.

**The story of the gap map**: some agencies are weaker in particular competencies
(``WEAKNESSES``), e.g. Disdukcapil in its digital service competency and Dinkes in
M.05 Pelayanan Publik, and staff of regional branches (UPTD, Cabang Dinas) more often fall
short on M.07 Mengelola Perubahan.
"""

import math
import random
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from penata.competency.dictionary import DICTIONARY
from penata.competency.services import CLASS_DEFAULT_LEVELS
from penata.organization.services import PUBLIC_FACING_KINDS

from .catalogue import MANAGERIAL
from .people import RATING_YEARS, REFERENCE_DATE, EmployeePlan
from .structure import PositionPlan, Structure
from .technical import TECHNICAL, generic_specs, technical_levels

# Agencies outside PUBLIC_FACING_KINDS that still get technical competencies.
EXTRA_TECHNICAL_AGENCIES = ("BAPENDA",)

# The code's middle part when it is not the agency code without hyphens.
CODE_TAGS = {"DISDUKCAPIL": "DUKCAPIL"}

DICTIONARY_CODES = tuple(entry.code for entry in DICTIONARY)
MANAGERIAL_CODES = tuple(entry.code for entry in DICTIONARY if entry.kind == "managerial")
# Managerial competencies whose level a position may ask one above or below its class
# default (M.01 Integritas is the same for all; M.05 follows the front-desk rule).
VARIED_CODES = ("M.02", "M.03", "M.04", "M.06", "M.07", "M.08")

# Required technical level by position class (the jenjang's expected mastery).
TECHNICAL_LEVELS = {
    "jpt_madya": 4,
    "jpt_pratama": 4,
    "administrator": 3,
    "pengawas": 3,
    "ahli_utama": 5,
    "ahli_madya": 4,
    "ahli_muda": 3,
    "ahli_pertama": 2,
    "penyelia": 3,
    "mahir": 3,
    "terampil": 2,
    "pemula": 2,
    "pelaksana": 2,
}

ASN_GAP_COMPETENCY = "T.DUKCAPIL.01"
ASSESSMENT_START = date(2022, 1, 1)
FULL_SHARE = 0.80  # assessed on the whole standard (assessment centre, competency test)
SUPERVISOR_SHARE = 0.10  # only a supervisor's assessment of a few competencies
# The other 10% were never assessed, and so were those too new in service (the
# youngest people joined in the last months before the reference date).
HISTORY_SHARE = 0.22  # of the fully assessed: an older result, superseded
SELF_SHARE = 0.04  # of the assessed: a self-assessment too (shown, not counted)
INVALID_SHARE = 0.01  # of the fully assessed: one result later declared invalid

ASSESSMENT_CENTRE = "UPT Penilaian Kompetensi BKD Provinsi Maluku Utara"
ASSESSMENT_CENTRE_BKN = "Kantor Regional XI BKN Manado"
INVALID_NOTE = "Dinyatakan tidak berlaku: asesor tidak memenuhi syarat independensi; uji ulang dijadwalkan."


@dataclass(frozen=True)
class TechnicalPlan:
    agency: str
    code: str
    name: str
    description: str
    levels: list[dict]
    fits: tuple[str, ...]


@dataclass(frozen=True)
class AssessmentPlan:
    nip: str
    code: str
    level: int
    assessed_on: date
    method: str
    assessor_name: str = ""
    is_valid: bool = True
    note: str = ""


@dataclass
class CompetencyPlan:
    technical: list[TechnicalPlan] = field(default_factory=list)
    # position code → {competency code: (required level, core factor)}
    standards: dict[str, dict[str, tuple[int, bool]]] = field(default_factory=dict)
    assessments: list[AssessmentPlan] = field(default_factory=list)
    asn_nip: str | None = None


def technical_plan(agencies: Iterable[tuple[str, str, str]]) -> list[TechnicalPlan]:
    """Technical competencies of the agencies (code, name, kind) that serve the public."""
    out = []
    for code, name, kind in agencies:
        if kind not in PUBLIC_FACING_KINDS and code not in EXTRA_TECHNICAL_AGENCIES:
            continue
        tag = CODE_TAGS.get(code, code.replace("-", ""))
        for number, spec in enumerate(TECHNICAL.get(code) or generic_specs(name), start=1):
            out.append(
                TechnicalPlan(
                    agency=code,
                    code=f"T.{tag}.{number:02d}",
                    name=spec.name,
                    description=(
                        f"Kemampuan dalam {spec.scope}, antara lain {spec.tasks[0]} serta "
                        f"{spec.tasks[1]}, sesuai standar pelayanan dan peraturan yang berlaku."
                    ),
                    levels=technical_levels(spec),
                    fits=spec.fits,
                )
            )
    return out


def _fits(plan: TechnicalPlan, position: PositionPlan, unit_name: str) -> bool:
    return any(word == position.family or word in unit_name for word in plan.fits)


def standards_plan(
    structure: Structure,
    technical: list[TechnicalPlan],
    rng: random.Random,
    *,
    must: dict[str, str] | None = None,
) -> dict[str, dict[str, tuple[int, bool]]]:
    """Position code → standard. ``must``: position code → a technical code it includes."""
    must = must or {}
    by_agency: dict[str, list[TechnicalPlan]] = {}
    for plan in technical:
        by_agency.setdefault(plan.agency, []).append(plan)
    unit_names = {(u.agency, u.code): u.name for u in structure.units}
    out = {}
    for position in structure.positions:
        cls = position.position_class
        base = CLASS_DEFAULT_LEVELS[cls]
        managerial = cls in MANAGERIAL
        own = by_agency.get(position.agency, [])
        levels = dict.fromkeys(DICTIONARY_CODES, base)
        if own and not managerial:
            levels["M.05"] = base + 1
        if rng.random() < 0.25:
            code = rng.choice(VARIED_CODES)
            levels[code] += 1 if rng.random() < 0.7 else -1
        standard = {code: (min(5, max(1, level)), code.startswith("M.")) for code, level in levels.items()}
        if own:
            unit_name = unit_names[(position.agency, position.unit)]
            fitting = [t for t in own if _fits(t, position, unit_name)] or own
            chosen = [rng.choice(fitting)]
            if position.code in must:
                chosen = [t for t in own if t.code == must[position.code]]
            others = [t for t in own if t not in chosen]
            if others and rng.random() < 0.45:
                chosen.append(rng.choice(others))
            for plan in chosen:
                standard[plan.code] = (TECHNICAL_LEVELS[cls], False)
        out[position.code] = dict(sorted(standard.items()))
    return out


# (agency, competency code or a technical code's ordinal ".01") → extra chance of falling
# short of the standard. What the gap map should show.
WEAKNESSES: dict[tuple[str, str], float] = {
    ("DISDUKCAPIL", "T.DUKCAPIL.01"): 0.35,
    ("DISDUKCAPIL", "M.07"): 0.2,
    ("DINKES", "M.05"): 0.3,
    ("DINKES", "T.DINKES.02"): 0.25,
    ("RSUD-SOFIFI", "T.RSUDSOFIFI.02"): 0.35,
    ("RSUD-CB", "T.RSUDCB.04"): 0.3,
    ("DIKBUD", "T.DIKBUD.01"): 0.12,
    ("DIKBUD", "T.DIKBUD.02"): 0.08,
    ("DPMPTSP", "T.DPMPTSP.01"): 0.35,
    ("SATPOLPP", "M.05"): 0.35,
    ("BAPENDA", "T.BAPENDA.03"): 0.3,
    ("DISHUB", "M.05"): 0.25,
}
BRANCH_WEAKNESS = ("M.07", 0.2)  # UPTD and Cabang Dinas staff: Mengelola Perubahan


def _shortfall(rng: random.Random, ability: float, weakness: float) -> int:
    """Level minus requirement: mostly 0, sometimes above, short more often where weak."""
    short = min(0.9, 0.16 * math.exp(-1.1 * ability) + weakness)
    roll = rng.random()
    if roll < short:
        return -2 if rng.random() < 0.22 else -1
    if roll < short + (1 - short) * 0.28:
        return 1
    return 0


class _AssessmentWriter:
    def __init__(self, structure: Structure, people: list[EmployeePlan], rng: random.Random):
        self.rng = rng
        self.positions = {p.code: p for p in structure.positions}
        self.unit_names = {(u.agency, u.code): u.name for u in structure.units}
        # Who assesses as supervisor: the holder of the unit's managerial position.
        holders = {p.position: p.full_name for p in people if p.position}
        self.unit_heads: dict[tuple[str, str], str] = {}
        for position in structure.positions:
            if position.position_class in MANAGERIAL and position.code in holders:
                self.unit_heads.setdefault((position.agency, position.unit), holders[position.code])
        # One assessment-centre round per agency and year, on a fixed day.
        self.rounds: dict[tuple[str, int], date] = {}
        self.rows: list[AssessmentPlan] = []

    def round_day(self, agency: str, year: int) -> date:
        key = (agency, year)
        if key not in self.rounds:
            start = max(date(year, 2, 1), ASSESSMENT_START)
            end = min(date(year, 11, 30), REFERENCE_DATE - timedelta(days=14))
            self.rounds[key] = start + timedelta(days=self.rng.randrange(max(1, (end - start).days)))
        return self.rounds[key]

    def add(self, person: EmployeePlan, code: str, level: int, day: date, method: str, **extra) -> None:
        self.rows.append(
            AssessmentPlan(
                nip=person.nip,
                code=code,
                level=min(5, max(1, level)),
                assessed_on=day,
                method=method,
                **extra,
            )
        )


def _appointed(person: EmployeePlan) -> date:
    return min(row.start_date for row in person.history)


def assessments_plan(
    structure: Structure,
    people: list[EmployeePlan],
    standards: dict[str, dict[str, tuple[int, bool]]],
    rng: random.Random,
    asn_nip: str | None,
) -> list[AssessmentPlan]:
    writer = _AssessmentWriter(structure, people, rng)
    for person in people:
        if person.status != "active" or person.position is None:
            continue
        standard = standards[person.position]
        position = writer.positions[person.position]
        unit_name = writer.unit_names[(position.agency, position.unit)]
        branch = unit_name.startswith(("UPTD", "Cabang Dinas"))
        earliest = max(ASSESSMENT_START, _appointed(person) + timedelta(days=90))
        roll = rng.random()
        is_asn = person.nip == asn_nip
        if earliest > REFERENCE_DATE - timedelta(days=30) or (
            roll >= FULL_SHARE + SUPERVISOR_SHARE and not is_asn
        ):
            continue  # new in service, or never assessed
        ability = rng.gauss(0.0, 1.0)

        def level_for(code: str, required: int, ability=ability, agency=person.agency, branch=branch) -> int:
            weakness = WEAKNESSES.get((agency, code), 0.0)
            if branch and code == BRANCH_WEAKNESS[0]:
                weakness += BRANCH_WEAKNESS[1]
            return required + _shortfall(rng, ability, weakness)

        if roll >= FULL_SHARE and not is_asn:
            # A supervisor's assessment of a few competencies, in the last two years.
            day = max(earliest, REFERENCE_DATE - timedelta(days=rng.randrange(30, 700)))
            head = writer.unit_heads.get((position.agency, position.unit), "")
            if head == person.full_name:
                head = ""
            codes = rng.sample(sorted(standard), k=min(len(standard), rng.randint(2, 5)))
            for code in sorted(codes):
                writer.add(
                    person, code, level_for(code, standard[code][0]), day, "supervisor", assessor_name=head
                )
            continue

        years = list(range(earliest.year, REFERENCE_DATE.year + 1))
        year = rng.choice(years)
        centre_day = max(earliest, writer.round_day(person.agency, year))
        test_day = min(REFERENCE_DATE - timedelta(days=7), centre_day + timedelta(days=rng.randrange(0, 120)))
        centre = (
            ASSESSMENT_CENTRE_BKN
            if position.position_class in ("jpt_madya", "jpt_pratama")
            else (ASSESSMENT_CENTRE)
        )
        levels: dict[str, int] = {}
        for code, (required, _core) in standard.items():
            levels[code] = level_for(code, required)
            if is_asn and code in (ASN_GAP_COMPETENCY, "M.05"):
                # The self-service page shows gaps: digital service and public service.
                levels[code] = max(1, required - 1)
            technical = code.startswith("T.")
            writer.add(
                person,
                code,
                levels[code],
                test_day if technical else centre_day,
                "competency_test" if technical else "assessment_centre",
                assessor_name=f"Tim Uji Kompetensi {position.agency}" if technical else centre,
            )
        # An earlier round, superseded: mostly a level lower then.
        if centre_day.year >= 2024 and (rng.random() < HISTORY_SHARE or is_asn):
            old_day = writer.round_day(person.agency, centre_day.year - 2)
            if old_day >= earliest:
                for code in (*MANAGERIAL_CODES, "SK.01"):
                    writer.add(
                        person,
                        code,
                        levels[code] - (1 if rng.random() < 0.45 else 0),
                        old_day,
                        "assessment_centre",
                        assessor_name=ASSESSMENT_CENTRE,
                    )
        if rng.random() < SELF_SHARE or is_asn:
            day = min(REFERENCE_DATE, max(centre_day, test_day) + timedelta(days=rng.randrange(20, 200)))
            for code in sorted(standard):
                if code.startswith("T.") or rng.random() < 0.3:
                    writer.add(person, code, levels[code] + 1, day, "self")
        if rng.random() < INVALID_SHARE and not is_asn:
            code = rng.choice(sorted(standard))
            day = min(REFERENCE_DATE, max(centre_day, test_day) + timedelta(days=rng.randrange(10, 90)))
            writer.add(person, code, levels[code] + 2, day, "supervisor", is_valid=False, note=INVALID_NOTE)
    return writer.rows


def asn_candidates(people: list[EmployeePlan], positions: dict[str, tuple[str, str]]) -> list[EmployeePlan]:
    """Disdukcapil employees the ``asn`` demo account may be, best first: active, rated
    for the latest year, preferably an Administrator Database Kependudukan, else anyone in
    a functional or pelaksana position. ``positions``: code → (position class, title)."""
    latest = RATING_YEARS[-1]

    def preference(plan: EmployeePlan) -> tuple[bool, bool, bool]:
        cls, title = positions[plan.position]
        return (
            latest not in [year for year, _rating in plan.ratings],
            cls in MANAGERIAL,
            not title.startswith("Administrator Database"),
        )

    return sorted(
        (p for p in people if p.agency == "DISDUKCAPIL" and p.status == "active" and p.position),
        key=preference,
    )


def competency_plan(
    agencies: list[tuple[str, str, str]],
    structure: Structure,
    people: list[EmployeePlan],
    *,
    seed: int,
    asn_nip: str | None = None,
) -> CompetencyPlan:
    """The province's competency data; the same for the same structure, people and seed.

    ``asn_nip``: the employee of the ``asn`` demo account when it already exists (else the
    first of ``asn_candidates``): their position's standard includes the digital service
    competency and their assessments show a gap in it.
    """
    rng = random.Random(f"competency-{seed}")
    technical = technical_plan(agencies)
    if asn_nip is None:
        positions = {p.code: (p.position_class, p.title) for p in structure.positions}
        candidates = asn_candidates(people, positions)
        asn_nip = candidates[0].nip if candidates else None
    asn = next((p for p in people if p.nip == asn_nip and p.position), None)
    must = {asn.position: ASN_GAP_COMPETENCY} if asn and asn.agency == "DISDUKCAPIL" else {}
    standards = standards_plan(structure, technical, rng, must=must)
    assessments = assessments_plan(structure, people, standards, rng, asn_nip if must else None)
    return CompetencyPlan(technical=technical, standards=standards, assessments=assessments, asn_nip=asn_nip)
