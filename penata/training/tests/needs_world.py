"""A small world for the training-needs tests, with every expected need worked out by hand.

Agency A (DINA): unit A-1 holds position PA1 (M.01 3 core, M.02 2 secondary, M.03 2 core),
unit A-2 holds PA2 (M.01 2 core). Agency B (DINB): unit B-1 holds PB (M.01 2 core).
JP target 20, priority = round(80 × gap/5 × (1 core, 2/3 secondary) + 20 × missing/20):

| employee | competency | level | required | gap | core | JP missing | priority |
|---|---|---|---|---|---|---|---|
| Ani (A-1), 12.5 JP in 2026 | M.01 | 1 | 3 | 2 | yes | 7.5 | 32 + 7.5 = 39.5 → 40 |
| Ani | M.02 (only self-assessed 5) | 0 | 2 | 2 | no | 7.5 | 21.33 + 7.5 → 29 |
| Citra (A-2), no JP | M.01 | 0 | 2 | 2 | yes | 20 | 32 + 20 = 52 |
| Fajar (A-1, on leave), no JP | M.03 | 0 | 2 | 2 | yes | 20 | 52 |
| Joko (B-1), 25 JP in 2026 | M.01 | 0 | 2 | 2 | yes | 0 | 32 |

Budi (A-2) meets M.01 (5 JP in 2025 do not count in 2026); Dedi (A-1) is retired; Eka
(A) holds no position: none of them has a need.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from penata.accounts.models import Role
from penata.competency.models import AssessmentMethod, PositionStandard
from penata.competency.tests.factories import AssessmentFactory, competency
from penata.organization.tests.factories import PositionFactory, UnitFactory
from penata.training.models import (
    ExternalTraining,
    ExternalTrainingStatus,
    JpLedgerEntry,
    LedgerSource,
    TrainingForm,
)
from penata.workforce.tests.factories import EmployeeFactory

YEAR = 2026

# (nip, competency code) → (current, required, gap, core, JP missing, priority, agency, unit)
EXPECTED = {
    ("ani", "M.01"): (1, 3, 2, True, Decimal("7.5"), 40, "DINA", "A-1"),
    ("ani", "M.02"): (0, 2, 2, False, Decimal("7.5"), 29, "DINA", "A-1"),
    ("citra", "M.01"): (0, 2, 2, True, Decimal("20"), 52, "DINA", "A-2"),
    ("fajar", "M.03"): (0, 2, 2, True, Decimal("20"), 52, "DINA", "A-1"),
    ("joko", "M.01"): (0, 2, 2, True, Decimal("0"), 32, "DINB", "B-1"),
}


def standard(position, **levels):
    """``M_01=(3, True)``: required level and core factor."""
    for code, (level, core) in levels.items():
        PositionStandard.objects.create(
            position=position,
            competency=competency(code.replace("_", ".")),
            required_level=level,
            is_core=core,
        )


def assess(employee, code, level, **kwargs):
    return AssessmentFactory(employee=employee, competency=competency(code), level=level, **kwargs)


def credit(employee, year: int, jp: str) -> JpLedgerEntry:
    """JP credited for verified external training (the ledger's own services are tested apart)."""
    end = date(year, 5, 20)
    external = ExternalTraining.objects.create(
        employee=employee,
        title="Seminar Pelayanan Publik",
        provider="Kementerian PANRB",
        form=TrainingForm.SEMINAR,
        start_date=end,
        end_date=end,
        jp=Decimal(jp),
        evidence="training/evidence/test.pdf",
        evidence_name="sertifikat.pdf",
        evidence_content_type="application/pdf",
        evidence_size=1000,
        status=ExternalTrainingStatus.VERIFIED,
    )
    return JpLedgerEntry.objects.create(
        employee=employee,
        year=year,
        jp=Decimal(jp),
        source=LedgerSource.EXTERNAL,
        external_training=external,
        title=external.title,
        form=external.form,
        completed_on=end,
    )


@dataclass
class NeedsWorld:
    agency_a: object
    agency_b: object
    units: dict
    positions: dict
    people: dict  # short name → Employee
    manager: object
    leader: object
    province_admin: object
    admin_a: object
    admin_b: object

    def key(self, need) -> tuple[str, str]:
        names = {employee.pk: name for name, employee in self.people.items()}
        return names[need.employee_id], need.competency.code


def build_needs_world(agency_a, agency_b, make_user) -> NeedsWorld:
    a1 = UnitFactory(agency=agency_a, code="A-1", name="Bidang Pelayanan")
    a2 = UnitFactory(agency=agency_a, code="A-2", name="Sekretariat")
    b1 = UnitFactory(agency=agency_b, code="B-1", name="Bidang Perizinan")
    pa1 = PositionFactory(unit=a1, code="PA1", title="Kepala Seksi Pelayanan")
    standard(pa1, M_01=(3, True), M_02=(2, False), M_03=(2, True))
    pa2 = PositionFactory(unit=a2, code="PA2", title="Pengadministrasi Umum")
    standard(pa2, M_01=(2, True))
    pb = PositionFactory(unit=b1, code="PB", title="Analis Perizinan")
    standard(pb, M_01=(2, True))

    def person(name, position, agency=agency_a, **kwargs):
        return EmployeeFactory(full_name=name, position=position, agency=agency, **kwargs)

    ani = person("Ani Lestari", pa1)
    assess(ani, "M.01", 1)
    assess(ani, "M.02", 5, method=AssessmentMethod.SELF)
    assess(ani, "M.03", 2)
    credit(ani, YEAR, "12.5")
    budi = person("Budi Santoso", pa2)
    assess(budi, "M.01", 2)
    credit(budi, YEAR - 1, "5")
    citra = person("Citra Dewi", pa2)
    dedi = person("Dedi Kurniawan", pa1, status="retired")
    eka = EmployeeFactory(full_name="Eka Putri", agency=agency_a, position=None)
    fajar = person("Fajar Nugraha", pa1, status="on_leave")
    assess(fajar, "M.01", 3)
    assess(fajar, "M.02", 2)
    joko = person("Joko Susilo", pb, agency=agency_b)
    credit(joko, YEAR, "25")
    return NeedsWorld(
        agency_a=agency_a,
        agency_b=agency_b,
        units={"A-1": a1, "A-2": a2, "B-1": b1},
        positions={"PA1": pa1, "PA2": pa2, "PB": pb},
        people={
            "ani": ani,
            "budi": budi,
            "citra": citra,
            "dedi": dedi,
            "eka": eka,
            "fajar": fajar,
            "joko": joko,
        },
        manager=make_user(Role.TRAINING_MANAGER, agency_a, username="bpsdm"),
        leader=make_user(Role.LEADER, agency_a, username="sekda"),
        province_admin=make_user(Role.PROVINCE_ADMIN, agency_a, username="prov"),
        admin_a=make_user(Role.AGENCY_ADMIN, agency_a, username="admin_a"),
        admin_b=make_user(Role.AGENCY_ADMIN, agency_b, username="admin_b"),
    )
