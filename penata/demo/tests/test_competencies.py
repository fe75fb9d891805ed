"""Competency data of the demo province: technical competencies, standards, assessments."""

import re
from collections import Counter
from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Count, F
from django.utils import timezone

from penata.accounts.models import User
from penata.competency.dictionary import DICTIONARY
from penata.competency.models import Assessment, Competency, PositionStandard
from penata.competency.selectors import job_match, talent_box
from penata.competency.services import CLASS_DEFAULT_LEVELS, _check_levels_json
from penata.core.models import AuditEvent
from penata.demo.competencies import (
    ASSESSMENT_START,
    competency_plan,
    technical_plan,
)
from penata.demo.loader import DEFAULT_SEED, DEMO_VERSION, _csv_agencies, demo_plan
from penata.demo.people import REFERENCE_DATE
from penata.demo.tests.test_load_demo import SMALL, load, table_counts
from penata.demo.tests.test_training_demo import training_counts, training_remove
from penata.organization.models import Position

COMPETENCY_ACTIONS = ("competency.created", "position.standard_set", "employee.assessed")
DICTIONARY_CODES = [e.code for e in DICTIONARY]


@pytest.fixture
def small_demo(db):
    load()


@pytest.fixture(scope="module")
def plan_3000():
    structure, people = demo_plan(employees=3000, seed=DEFAULT_SEED)
    return structure, people, competency_plan(_csv_agencies(), structure, people, seed=DEFAULT_SEED)


# --- the plan (no database) --------------------------------------------------------------


def test_every_citizen_facing_agency_has_two_to_four_technical_competencies():
    agencies = _csv_agencies()
    plan = technical_plan(agencies)
    per_agency = Counter(t.agency for t in plan)
    citizen_facing = {code for code, _name, kind in agencies if kind in ("dinas", "rsud")}
    assert len(citizen_facing) == 26
    # Bapenda is a badan but serves taxpayers at the Samsat offices.
    assert set(per_agency) == citizen_facing | {"BAPENDA"}
    assert sorted(set(per_agency.values())) == [2, 3, 4]
    assert len(plan) == 81
    assert len({t.code for t in plan}) == 81
    assert all(re.fullmatch(r"T\.[A-Z0-9]+\.0[1-4]", t.code) for t in plan)
    assert [(t.code, t.name) for t in plan if t.agency == "DISDUKCAPIL"] == [
        ("T.DUKCAPIL.01", "Pelayanan Administrasi Kependudukan Digital"),
        ("T.DUKCAPIL.02", "Perekaman dan Verifikasi Data KTP-el"),
        ("T.DUKCAPIL.03", "Pencatatan Peristiwa Penting dan Penerbitan Akta"),
        ("T.DUKCAPIL.04", "Pengelolaan dan Pemanfaatan Data Kependudukan"),
    ]
    names = {t.code: t.name for t in plan}
    assert names["T.RSUDCB.01"] == "Pelayanan Pasien"
    assert names["T.RSUDSOFIFI.02"] == "Kegawatdaruratan Medis"
    assert names["T.DIKBUD.01"] == "Pembelajaran Berdiferensiasi"
    assert names["T.DINKES.01"] == "Promosi Kesehatan"
    assert names["T.DPMPTSP.01"] == "Pelayanan Perizinan Berusaha Terintegrasi (OSS)"
    assert names["T.BAPENDA.01"] == "Pelayanan Pajak Daerah"


def test_technical_levels_have_five_titles_and_one_or_two_indicators():
    for technical in technical_plan(_csv_agencies()):
        _check_levels_json(technical.levels)  # the service's own rule; raises when broken
        assert [lv["level"] for lv in technical.levels] == [1, 2, 3, 4, 5]
        assert all(lv["title"] and 1 <= len(lv["indicators"]) <= 2 for lv in technical.levels)
        assert technical.description.startswith("Kemampuan dalam ")


def test_the_plan_shares_of_assessed_employees(plan_3000):
    _structure, people, plan = plan_3000
    eligible = [p for p in people if p.status == "active" and p.position]
    methods_by_person: dict[str, set[str]] = {}
    for item in plan.assessments:
        methods_by_person.setdefault(item.nip, set()).add(item.method)
    full = [nip for nip, m in methods_by_person.items() if m & {"assessment_centre", "competency_test"}]
    supervisor_only = [nip for nip, m in methods_by_person.items() if m == {"supervisor"}]
    assert len(eligible) == 2902
    assert (len(full), len(supervisor_only), len(eligible) - len(methods_by_person)) == (2137, 233, 532)
    assert Counter(a.method for a in plan.assessments) == {
        "assessment_centre": 21258,
        "competency_test": 2521,
        "supervisor": 811,
        "self": 308,
    }
    assert sum(not a.is_valid for a in plan.assessments) == 26
    # History: some competencies were assessed twice, the older result superseded.
    repeated = Counter((a.nip, a.code) for a in plan.assessments if a.method == "assessment_centre")
    assert sum(1 for count in repeated.values() if count > 1) == 2025
    assert min(a.assessed_on for a in plan.assessments) >= ASSESSMENT_START
    assert max(a.assessed_on for a in plan.assessments) <= REFERENCE_DATE


def test_fully_assessed_employees_are_assessed_on_their_whole_standard(plan_3000):
    _structure, people, plan = plan_3000
    position_of = {p.nip: p.position for p in people}
    assessed: dict[str, set[str]] = {}
    for item in plan.assessments:
        if item.method in ("assessment_centre", "competency_test"):
            assessed.setdefault(item.nip, set()).add(item.code)
    assert len(assessed) == 2137
    assert all(codes == set(plan.standards[position_of[nip]]) for nip, codes in assessed.items())


# --- the loaded data -----------------------------------------------------------------------


def test_every_position_has_a_standard_at_the_class_default(small_demo):
    assert Position.objects.count() == 1255
    assert Position.objects.filter(standards__isnull=True).count() == 0
    rows = list(
        PositionStandard.objects.values_list(
            "position__position_class", "competency__code", "required_level", "is_core"
        )
    )
    dictionary = [r for r in rows if r[1] in DICTIONARY_CODES]
    assert len(dictionary) == 1255 * 9
    assert all(1 <= level <= 5 for _cls, _code, level, _core in rows)
    assert all(abs(level - CLASS_DEFAULT_LEVELS[cls]) <= 1 for cls, _code, level, _core in dictionary)
    varied = sum(1 for cls, _code, level, _core in dictionary if level != CLASS_DEFAULT_LEVELS[cls])
    assert varied == 910
    # Core factor rule: the managerial competencies are core, SK.01 and technical secondary.
    assert all(core == code.startswith("M.") for _cls, code, _level, core in rows)


def test_technical_competencies_only_in_their_own_agency(small_demo):
    technical = PositionStandard.objects.filter(competency__kind="technical")
    assert technical.exclude(competency__agency=F("position__agency")).count() == 0
    per_position = Counter(technical.values_list("position_id", flat=True))
    with_technical = Position.objects.filter(agency__competencies__isnull=False).distinct()
    assert set(per_position) == set(with_technical.values_list("pk", flat=True))
    assert len(per_position) == 947
    assert sorted(set(per_position.values())) == [1, 2]


def test_assessments_are_in_range_and_not_in_the_future(small_demo):
    assert Assessment.objects.count() == 1824
    assert Assessment.objects.exclude(level__range=(1, 5)).count() == 0
    assert Assessment.objects.filter(assessed_on__lt=date(2022, 1, 1)).count() == 0
    assert Assessment.objects.filter(assessed_on__gt=REFERENCE_DATE).count() == 0
    assert Assessment.objects.filter(assessed_on__gt=timezone.localdate()).count() == 0
    assert Assessment.objects.filter(employee__status="retired").count() == 0
    # Assessed only on competencies of their own position's standard.
    outside = Assessment.objects.exclude(competency__standards__position=F("employee__position")).count()
    assert outside == 0


def test_events_are_those_the_services_write(small_demo):
    position = Position.objects.get(code="DISDUKCAPIL-PIMPINAN-01")
    event = AuditEvent.objects.get(action="position.standard_set", subject_id=str(position.pk))
    standard = dict(position.standards.values_list("competency__code", "required_level"))
    assert (event.subject_type, event.from_state, event.to_state, event.actor_id) == (
        "organization.position",
        {},
        standard,
        None,
    )
    assessment = Assessment.objects.select_related("competency").order_by("pk").first()
    events = AuditEvent.objects.filter(
        action="employee.assessed", subject_type="workforce.employee", subject_id=str(assessment.employee_id)
    )
    assert {
        "competency": assessment.competency.code,
        "level": assessment.level,
        "method": assessment.method,
        "on": assessment.assessed_on.isoformat(),
    } in [e.to_state for e in events]
    assert events.count() == Assessment.objects.filter(employee_id=assessment.employee_id).count()


def test_the_asn_account_has_a_gap_and_a_box(small_demo):
    employee = User.objects.get(username="asn").employee
    match = job_match(employee=employee)
    gaps = {g.competency: g.gap for g in match["gaps"]}
    assert gaps["T.DUKCAPIL.01"] == -1
    assert match["score"] < 100
    # Their self-assessment says they meet the standard; it is shown but does not count.
    own = Assessment.objects.get(employee=employee, competency__code="T.DUKCAPIL.01", method="self")
    required = employee.position.standards.get(competency__code="T.DUKCAPIL.01").required_level
    assert own.level == required
    assert match["levels"]["T.DUKCAPIL.01"] == required - 1
    placement = talent_box(employee=employee, year=2025)
    assert placement.potential in ("low", "medium")
    assert (
        Assessment.objects.filter(employee=employee)
        .values("competency")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
        .count()
        >= 1
    )


def test_second_run_adds_no_competency_data(small_demo):
    before = table_counts()
    load()
    assert table_counts() == before


def test_a_province_loaded_before_competency_data_gets_it(small_demo):
    expected = table_counts()
    trained = training_counts()
    # What version 1 of the loader left: no technical competencies, standards or assessments
    # (nor training, which refers to them).
    training_remove()
    Assessment.objects.all().delete()
    PositionStandard.objects.all().delete()
    Competency.objects.filter(kind="technical").delete()
    AuditEvent.objects.filter(action__in=COMPETENCY_ACTIONS).delete()
    marker = AuditEvent.objects.get(action="demo.loaded")
    marker.to_state = {"employees": SMALL, "seed": DEFAULT_SEED, "version": 1}
    marker.save()
    asn = User.objects.get(username="asn").employee_id

    output = load()

    assert "Provinsi demo dimuat" in output
    assert table_counts() == {**expected, "core.AuditEvent": expected["core.AuditEvent"] + 1}
    markers = AuditEvent.objects.filter(action="demo.loaded").order_by("pk")
    assert [m.to_state["version"] for m in markers] == [1, DEMO_VERSION]
    assert markers.last().to_state["upgraded_from"] == 1
    assert User.objects.get(username="asn").employee_id == asn
    assert training_counts() == trained
    # And then it is loaded: nothing more.
    assert load().startswith("Provinsi demo sudah dimuat (200 pegawai")
    assert table_counts() == {**expected, "core.AuditEvent": expected["core.AuditEvent"] + 1}


def test_a_province_of_a_newer_version_is_refused(small_demo):
    marker = AuditEvent.objects.get(action="demo.loaded")
    marker.to_state = {**marker.to_state, "version": 99}
    marker.save()
    before = table_counts()
    with pytest.raises(CommandError, match="versi 99"):
        load()
    assert table_counts() == before


def test_an_edited_standard_is_kept_on_a_full_run(small_demo):
    position = Position.objects.get(code="DISDUKCAPIL-PIMPINAN-01")
    position.standards.filter(competency__code="M.05").update(required_level=5)
    call_command("demo_accounts_remove", stdout=StringIO())  # the next run goes all the way
    before = table_counts()
    load()
    assert position.standards.get(competency__code="M.05").required_level == 5
    after = table_counts()
    assert (after["competency.PositionStandard"], after["competency.Assessment"]) == (
        before["competency.PositionStandard"],
        before["competency.Assessment"],
    )
