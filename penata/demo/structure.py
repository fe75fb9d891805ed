"""The demo province's units and positions, as plain data (no database).

``structure_build`` turns the agency templates of ``data.py`` into a unit tree per agency
and positions with rank ranges, required education and headcounts, then adds public
schools under the education office until the province has about one position for two
employees and enough seats for everyone (with some left vacant).
"""

import math
import random
import re
from dataclasses import dataclass, field

from . import catalogue, data
from .catalogue import FAMILIES, MANAGERIAL, PELAKSANA

# Permen PANRB 1/2020 (analisis jabatan dan beban kerja): 1,250 effective hours a year.
EFFECTIVE_HOURS_PER_YEAR = 1250

# Share of seats the province leaves unfilled: the gap between the workload analysis and
# the staff it has (formasi not yet recruited).
TARGET_VACANCY_SHARE = 0.07

# The templates list each post's workload for the smallest office of its kind; provincial
# offices carry about this much more (they serve ten regencies).
OFFICE_WORKLOAD_SCALE = 1.8

# The default demo province; a larger one (for benchmarks) grows its offices with
# the 0.4th power of its size and adds schools for the rest, to about one position
# for 2.5 employees.
DEFAULT_EMPLOYEES = 3000
GROWTH_EXPONENT = 0.4

REGENCY_CODES = {
    "Kota Ternate": "TTE",
    "Kota Tidore Kepulauan": "TIKEP",
    "Halmahera Barat": "HALBAR",
    "Halmahera Tengah": "HALTENG",
    "Halmahera Utara": "HALUT",
    "Halmahera Selatan": "HALSEL",
    "Halmahera Timur": "HALTIM",
    "Kepulauan Sula": "SULA",
    "Pulau Morotai": "MOROTAI",
    "Pulau Taliabu": "TALIABU",
}

_MINOR_WORDS = {"dan", "di", "serta", "yang", "untuk", "lain-lain", "dengan"}


@dataclass
class UnitPlan:
    agency: str
    code: str
    name: str
    parent: str | None
    regency: str
    depth: int


@dataclass
class PositionPlan:
    agency: str
    unit: str
    code: str
    title: str
    position_class: str
    min_rank: str
    max_rank: str
    education: str
    fields: tuple[str, ...]
    headcount: int
    # Family key (functional), pelaksana key, or "" for a managerial position.
    family: str
    regency: str
    # 0: agency head, 1: other managerial, 2: the rest (order in which seats are filled).
    priority: int
    teacher: bool = False
    workload_hours: int = 0


@dataclass
class Structure:
    units: list[UnitPlan] = field(default_factory=list)
    positions: list[PositionPlan] = field(default_factory=list)
    # Fields of study found in each agency's positions (for managers' backgrounds).
    agency_fields: dict[str, tuple[str, ...]] = field(default_factory=dict)

    seats: int = 0


def initials(name: str, *, skip_first: bool = True) -> str:
    words = [w for w in re.split(r"[\s,/]+", name) if w]
    if skip_first:
        words = words[1:]
    letters = [w[0].upper() for w in words if w.lower() not in _MINOR_WORDS and w[0].isalpha()]
    return "".join(letters)[:8] or "U"


class _AgencyBuilder:
    def __init__(
        self, structure: Structure, rng: random.Random, agency: str, agency_name: str, workload_scale: float
    ):
        self.workload_scale = workload_scale
        self.structure = structure
        self.rng = rng
        self.agency = agency
        self.agency_name = agency_name
        self.unit_codes: set[str] = set()
        self.position_numbers: dict[str, int] = {}
        self.fields: list[str] = []

    def unit(self, name: str, code: str, parent: UnitPlan | None, regency: str = "") -> UnitPlan:
        base, number = code, 2
        while code in self.unit_codes:
            code = f"{base}-{number}"
            number += 1
        self.unit_codes.add(code)
        plan = UnitPlan(
            agency=self.agency,
            code=code,
            name=name,
            parent=parent.code if parent else None,
            regency=regency or (parent.regency if parent else data.DEFAULT_REGENCY),
            depth=parent.depth + 1 if parent else 0,
        )
        self.structure.units.append(plan)
        return plan

    def _add(self, unit: UnitPlan, **kwargs) -> PositionPlan:
        number = self.position_numbers.get(unit.code, 0) + 1
        self.position_numbers[unit.code] = number
        plan = PositionPlan(
            agency=self.agency,
            unit=unit.code,
            code=f"{self.agency}-{unit.code}-{number:02d}",
            regency=unit.regency,
            **kwargs,
        )
        for name in plan.fields:
            if name not in self.fields:
                self.fields.append(name)
        self.structure.positions.append(plan)
        self.structure.seats += plan.headcount
        return plan

    def managerial(self, unit: UnitPlan, title: str, position_class: str, *, head: bool = False) -> None:
        low, high = catalogue.PNS_RANKS_BY_CLASS[position_class]
        self._add(
            unit,
            title=title,
            position_class=position_class,
            min_rank=low,
            max_rank=high,
            education=catalogue.REQUIRED_EDUCATION_BY_CLASS[position_class],
            fields=(),
            headcount=1,
            family="",
            priority=0 if head else 1,
            workload_hours=EFFECTIVE_HOURS_PER_YEAR,
        )

    def teacher(self, unit: UnitPlan, subject: str, field_name: str, level: str, headcount: int, hours: int):
        low, high = catalogue.PNS_RANKS_BY_CLASS[level]
        self._add(
            unit,
            title=catalogue.functional_title("guru", level, subject),
            position_class=level,
            min_rank=low,
            max_rank=high,
            education="s1",
            fields=(field_name,),
            headcount=headcount,
            family="guru",
            priority=2,
            teacher=True,
            # Lesson hours a week over the school year (38 weeks) for the whole subject.
            workload_hours=hours * 38,
        )

    def headcount(self, workload: float) -> tuple[int, int]:
        """Headcount from the post's workload, varied per position like a real analysis."""
        hours = round(
            workload * self.workload_scale * EFFECTIVE_HOURS_PER_YEAR * self.rng.uniform(0.75, 1.35)
        )
        return max(1, math.floor(hours / EFFECTIVE_HOURS_PER_YEAR + 0.5)), hours

    def post(self, unit: UnitPlan, post: tuple) -> None:
        if post[0] in PELAKSANA:
            key, workload = post
            title, education, fields = PELAKSANA[key]
            low, high = catalogue.PNS_PELAKSANA_RANKS[education]
            headcount, hours = self.headcount(workload)
            self._add(
                unit,
                title=title,
                position_class="pelaksana",
                min_rank=low,
                max_rank=high,
                education=education,
                fields=tuple(fields),
                headcount=headcount,
                family=key,
                priority=2,
                workload_hours=hours,
            )
            return
        family, level, workload, *rest = post
        specialty = rest[0] if rest else ""
        fields = tuple(rest[1]) if len(rest) > 1 else FAMILIES[family].fields
        education = catalogue.REQUIRED_EDUCATION_BY_CLASS[level]
        if specialty.startswith("Spesialis"):
            education = "s2"
        low, high = catalogue.PNS_RANKS_BY_CLASS[level]
        headcount, hours = self.headcount(workload)
        self._add(
            unit,
            title=catalogue.functional_title(family, level, specialty),
            position_class=level,
            min_rank=low,
            max_rank=high,
            education=education,
            fields=fields,
            headcount=headcount,
            family=family,
            priority=2,
            teacher=FAMILIES[family].teacher,
            workload_hours=hours,
        )


def _head_title(template: data.AgencyTemplate, agency_name: str) -> str:
    if template.head_title in ("Kepala Pelaksana", "Direktur"):
        return f"{template.head_title} {agency_name}"
    return template.head_title or f"Kepala {agency_name}"


def _agency_build(builder: _AgencyBuilder, template: data.AgencyTemplate) -> None:
    agency = builder.agency
    root = builder.unit(builder.agency_name, "PIMPINAN", None, data.AGENCY_REGENCY.get(agency, ""))
    builder.managerial(root, _head_title(template, builder.agency_name), template.head_class, head=True)

    if agency == "SETDA":
        for unit_template in template.extra_units:
            unit = builder.unit(unit_template.name, initials(unit_template.name, skip_first=False), root)
            for title in data.SETDA_POSTS[unit_template.name]:
                builder.managerial(unit, title, "jpt_pratama")
        return

    if template.has_secretariat:
        secretariat = builder.unit(template.secretariat_name, "SEKRETARIAT", root)
        if template.secretariat_head == "Sekretaris":
            title = f"Sekretaris {builder.agency_name}"
        else:
            title = template.secretariat_head
        builder.managerial(secretariat, title, "administrator")
        for post in template.secretariat_posts or (("perencana", "ahli_pertama", 1),):
            builder.post(secretariat, post)
        general = builder.unit("Subbagian Umum dan Kepegawaian", "SEKRETARIAT-UMPEG", secretariat)
        builder.managerial(general, "Kepala Subbagian Umum dan Kepegawaian", "pengawas")
        for post in (
            ("analis_sdma", "ahli_pertama", 1),
            ("arsiparis", "terampil", 1),
            ("pengadministrasi", 1),
        ):
            builder.post(general, post)
        finance = builder.unit("Subbagian Keuangan dan Aset", "SEKRETARIAT-KEU", secretariat)
        builder.managerial(finance, "Kepala Subbagian Keuangan dan Aset", "pengawas")
        for post in (("bendahara", 1), ("pengelola_keuangan_daerah", "ahli_pertama", 1)):
            builder.post(finance, post)

    for index, division in enumerate(template.divisions):
        prefix = "BAG" if division.name.startswith("Bagian") else "BID"
        if division.name.startswith("Inspektur"):
            prefix = "IRBAN"
        unit = builder.unit(division.name, f"{prefix}-{initials(division.name)}", root)
        title = f"{template.division_head} {division.name}".strip()
        builder.managerial(unit, title, "administrator")
        if prefix == "BAG" and index == 0 and not template.has_secretariat:
            office = builder.unit("Subbagian Tata Usaha", f"{unit.code}-TU", unit)
            builder.managerial(office, f"Kepala Subbagian Tata Usaha {builder.agency_name}", "pengawas")
            builder.post(office, ("pengadministrasi", 1))
        for section in division.sections:
            child = builder.unit(section, f"{unit.code}-{initials(section)}", unit)
            builder.managerial(child, f"Kepala {section}", "pengawas")
        for post in division.posts:
            builder.post(unit, post)

    for division in template.extra_units:
        unit = builder.unit(division.name, f"INST-{initials(division.name)}", root)
        for post in division.posts:
            builder.post(unit, post)

    for division in template.uptds:
        is_branch = division.name.startswith("Cabang Dinas")
        code = f"CABDIN-{REGENCY_CODES[division.regency]}" if is_branch else f"UPTD-{initials(division.name)}"
        unit = builder.unit(division.name, code, root, division.regency)
        if division.uptd_class == "A":
            builder.managerial(unit, f"Kepala {division.name}", "administrator")
            office = builder.unit(f"Subbagian Tata Usaha {division.name}", f"{unit.code}-TU", unit)
            builder.managerial(office, f"Kepala Subbagian Tata Usaha {division.name}", "pengawas")
        else:
            builder.managerial(unit, f"Kepala {division.name}", "pengawas")
        for post in division.posts:
            builder.post(unit, post)


def _generic_template(kind: str) -> data.AgencyTemplate:
    """For an agency added to the CSV without a template of its own."""
    if kind == "biro":
        return data.biro(
            data.bagian("Bagian Perencanaan dan Evaluasi", ("analis_kebijakan", "ahli_pertama", 1)),
            data.bagian("Bagian Pelaksanaan Kebijakan", ("analis_kebijakan", "ahli_pertama", 1)),
        )
    return data.AgencyTemplate(
        divisions=(
            data.div("Bidang Perencanaan dan Program", ("perencana", "ahli_pertama", 1)),
            data.div("Bidang Pelaksanaan dan Pengendalian", ("analis_kebijakan", "ahli_pertama", 2)),
            data.div("Bidang Evaluasi dan Pelaporan", ("analis_kebijakan", "ahli_muda", 1)),
        )
    )


def _school_add(builder: _AgencyBuilder, branches: dict[str, UnitPlan], counters: dict, index: int) -> None:
    """A public school; its teacher headcount follows from its classes and lesson hours."""
    rng = builder.rng
    regencies = list(data.SAMSAT_REGENCIES)
    regency, _place = regencies[index % len(regencies)]
    kind_name, kind_code = data.SCHOOL_KINDS[(index // len(regencies)) % len(data.SCHOOL_KINDS)]
    counters[(regency, kind_code)] = number = counters.get((regency, kind_code), 0) + 1
    school = builder.unit(
        f"{kind_name} {number} {regency}",
        f"{kind_code}-{number}-{REGENCY_CODES[regency]}",
        branches.get(regency),
        regency,
    )
    if kind_code == "SLBN":
        subjects = list(catalogue.TEACHER_SUBJECTS_SLB)
        classes, students_per_class = rng.randint(4, 10), 8
    else:
        pool = catalogue.TEACHER_SUBJECTS_SMA if kind_code == "SMAN" else catalogue.TEACHER_SUBJECTS_SMK
        subjects = list(pool)
        if kind_code == "SMKN":
            # An SMK opens two or three of the vocational programmes.
            vocational = [s for s in pool if s[2] >= 6]
            chosen = rng.sample(vocational, k=rng.randint(2, 3))
            subjects = [s for s in pool if s[2] < 6 or s in chosen]
        classes, students_per_class = rng.randint(6, 27), catalogue.STUDENTS_PER_CLASS
    for subject, field_name, hours in subjects:
        if hours:
            needed = classes * hours / catalogue.TEACHER_HOURS_PER_WEEK
        else:
            needed = classes * students_per_class / catalogue.STUDENTS_PER_COUNSELLOR
        teachers = max(1, math.floor(needed + 0.5))
        # Small subjects have one position; larger ones split by jenjang.
        senior = round(teachers * 0.35) if teachers >= 3 else 0
        principal = 1 if teachers >= 5 and rng.random() < 0.3 else 0
        for level, headcount in (
            ("ahli_pertama", teachers - senior - principal),
            ("ahli_muda", senior),
            ("ahli_madya", principal),
        ):
            if headcount > 0:
                builder.teacher(school, subject, field_name, level, headcount, classes * hours)
    builder.post(school, ("pengadministrasi", 1 + classes // 12))
    if classes >= 12:
        builder.post(school, ("pengelola_layanan", 1))


def structure_build(
    agencies: list[tuple[str, str, str]], *, employees: int, seat_holders: int, rng: random.Random
) -> Structure:
    """Units and positions for ``agencies`` (code, name, kind), sized for ``employees``."""
    structure = Structure()
    builders: dict[str, _AgencyBuilder] = {}
    growth = max(1.0, employees / DEFAULT_EMPLOYEES) ** GROWTH_EXPONENT
    for code, name, kind in agencies:
        builder = _AgencyBuilder(structure, rng, code, name, OFFICE_WORKLOAD_SCALE * growth)
        builders[code] = builder
        _agency_build(builder, data.TEMPLATES.get(code) or _generic_template(kind))

    # Schools carry the growth: a province's teachers are most of its staff.
    education = builders.get("DIKBUD")
    if education is not None:
        branches = {
            u.regency: u for u in structure.units if u.agency == "DIKBUD" and u.code.startswith("CABDIN-")
        }
        target_positions = employees * 2 // 5
        target_seats = math.ceil(seat_holders / (1 - TARGET_VACANCY_SHARE))
        counters: dict = {}
        index = 0
        while len(structure.positions) < target_positions or structure.seats < target_seats:
            _school_add(education, branches, counters, index)
            index += 1
    elif structure.seats < seat_holders:
        raise ValueError("The agency list has no education office to grow the province.")

    structure.agency_fields = {code: tuple(b.fields) for code, b in builders.items()}
    return structure


def is_managerial(position_class: str) -> bool:
    return position_class in MANAGERIAL
