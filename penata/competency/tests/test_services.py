from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from penata.competency.jpm import Gap
from penata.competency.models import Assessment, Competency, PositionStandard
from penata.competency.selectors import NoStandard, job_match, levels_that_count, standards_of
from penata.competency.services import (
    AssessmentInput,
    assessment_invalidate,
    assessment_record,
    assessments_record_many,
    competency_dictionary_load,
    position_standard_set,
    position_standards_apply_class_defaults,
)
from penata.core.errors import InvalidTransition
from penata.core.models import AuditEvent
from penata.organization.tests.factories import PositionFactory, UnitFactory
from penata.workforce.tests.factories import EmployeeFactory

pytestmark = pytest.mark.django_db

CODES = ["M.01", "M.02", "M.03", "M.04", "M.05", "M.06", "M.07", "M.08", "SK.01"]


def test_dictionary_is_seeded_and_reload_is_idempotent():
    assert list(Competency.objects.order_by("code").values_list("code", flat=True)) == CODES
    assert competency_dictionary_load() == 9
    assert Competency.objects.count() == 9
    integrity = Competency.objects.get(code="M.01")
    assert (integrity.name, integrity.kind, integrity.agency_id) == ("Integritas", "managerial", None)
    assert [lv["level"] for lv in integrity.levels] == [1, 2, 3, 4, 5]
    assert all(lv["title"] and lv["indicators"] for lv in integrity.levels)


def test_class_defaults_give_every_managerial_competency(agency_a):
    unit = UnitFactory(agency=agency_a)
    head = PositionFactory(unit=unit, position_class="administrator")
    analyst = PositionFactory(unit=unit, position_class="ahli_pertama")
    assert position_standards_apply_class_defaults(positions=[head, analyst]) == 2
    assert standards_of(position_ids=[head.pk])[head.pk] == dict.fromkeys(CODES, (3, True))
    assert set(standards_of(position_ids=[analyst.pk])[analyst.pk].values()) == {(1, True)}
    position_standard_set(position=head, requirements={"M.01": (4, True)})
    assert position_standards_apply_class_defaults(positions=[head]) == 0
    assert PositionStandard.objects.filter(position=head).count() == 1


@pytest.mark.parametrize(
    ("requirements", "field"),
    [
        ({"M.01": (6, True)}, "M.01"),
        ({"M.01": (0, True)}, "M.01"),
        ({"X.99": (3, True)}, "X.99"),
    ],
)
def test_bad_standard_writes_nothing(position_a, requirements, field):
    position_standard_set(position=position_a, requirements={"M.02": (2, True)})
    with pytest.raises(ValidationError) as excinfo:
        position_standard_set(position=position_a, requirements=requirements)
    assert list(excinfo.value.message_dict) == [field]
    assert list(
        PositionStandard.objects.filter(position=position_a).values_list("competency__code", "required_level")
    ) == [("M.02", 2)]
    assert AuditEvent.objects.filter(action="position.standard_set").count() == 1


def test_latest_valid_non_self_assessment_counts(position_a):
    employee = EmployeeFactory(position=position_a)
    integrity = Competency.objects.get(code="M.01")
    teamwork = Competency.objects.get(code="M.02")
    assessment_record(
        employee=employee, competency=integrity, level=2, assessed_on=date(2024, 5, 1), method="supervisor"
    )
    assessment_record(
        employee=employee,
        competency=integrity,
        level=4,
        assessed_on=date(2025, 5, 1),
        method="assessment_centre",
    )
    assessment_record(
        employee=employee, competency=integrity, level=5, assessed_on=date(2026, 1, 1), method="self"
    )
    newest = assessment_record(
        employee=employee,
        competency=teamwork,
        level=3,
        assessed_on=date(2026, 2, 1),
        method="competency_test",
    )
    assessment_record(
        employee=employee, competency=teamwork, level=1, assessed_on=date(2025, 1, 1), method="supervisor"
    )
    assert levels_that_count(employee_ids=[employee.pk]) == {employee.pk: {"M.01": 4, "M.02": 3}}
    Assessment.objects.filter(pk=newest.pk).update(is_valid=False)
    assert levels_that_count(employee_ids=[employee.pk]) == {employee.pk: {"M.01": 4, "M.02": 1}}


@pytest.mark.parametrize(
    ("level", "assessed_on", "field"),
    [(6, date(2025, 1, 1), "level"), (0, date(2025, 1, 1), "level"), (3, None, "assessed_on")],
)
def test_bad_assessment_writes_nothing(position_a, level, assessed_on, field):
    employee = EmployeeFactory(position=position_a)
    assessed_on = assessed_on or timezone.localdate() + timedelta(days=1)
    with pytest.raises(ValidationError) as excinfo:
        assessment_record(
            employee=employee,
            competency=Competency.objects.get(code="M.01"),
            level=level,
            assessed_on=assessed_on,
            method="supervisor",
        )
    assert list(excinfo.value.message_dict) == [field]
    assert Assessment.objects.count() == 0
    assert AuditEvent.objects.filter(action="employee.assessed").count() == 0


def test_job_match_against_own_and_other_position(position_a, position_b):
    employee = EmployeeFactory(position=position_a)
    position_standard_set(
        position=position_a, requirements={"M.01": (3, True), "M.02": (3, True), "SK.01": (2, False)}
    )
    for code, level in {"M.01": 3, "M.02": 1, "SK.01": 4}.items():
        assessment_record(
            employee=employee,
            competency=Competency.objects.get(code=code),
            level=level,
            assessed_on=date(2025, 6, 1),
            method="assessment_centre",
        )
    match = job_match(employee=employee)
    assert match["score"] == pytest.approx(100 * (3 + 1 + 2) / 8)
    assert match["category"] == "less_optimal"
    assert match["gaps"] == [Gap("M.02", 3, 1), Gap("M.01", 3, 3), Gap("SK.01", 2, 4)]
    pm = job_match(employee=employee, method="profile_matching")
    assert pm["score"] == pytest.approx(0.6 * (5 + 3) / 2 + 0.4 * 3.5)
    with pytest.raises(NoStandard):
        job_match(employee=employee, position=position_b)


def test_a_change_of_core_factors_alone_is_recorded(position_a):
    position_standard_set(position=position_a, requirements={"M.01": (3, True), "SK.01": (2, True)})
    position_standard_set(position=position_a, requirements={"M.01": (3, True), "SK.01": (2, True)})
    assert AuditEvent.objects.filter(action="position.standard_set").count() == 1
    position_standard_set(position=position_a, requirements={"M.01": (3, True), "SK.01": (2, False)})
    events = AuditEvent.objects.filter(action="position.standard_set").order_by("pk")
    assert [(e.from_state, e.to_state, e.note) for e in events][1] == (
        {"M.01": 3, "SK.01": 2},
        {"M.01": 3, "SK.01": 2},
        "secondary factors: SK.01",
    )


@pytest.mark.parametrize(
    ("code", "assessed_on", "field"),
    [("T.OTHER.01", date(2025, 1, 1), "competency"), ("M.01", date(1999, 12, 31), "assessed_on")],
)
def test_assessment_of_another_agency_technical_or_before_2000_writes_nothing(
    position_a, agency_b, code, assessed_on, field
):
    employee = EmployeeFactory(position=position_a)
    Competency.objects.create(code="T.OTHER.01", name="Lain", kind="technical", agency=agency_b)
    with pytest.raises(ValidationError) as excinfo:
        assessment_record(
            employee=employee,
            competency=Competency.objects.get(code=code),
            level=3,
            assessed_on=assessed_on,
            method="supervisor",
        )
    assert list(excinfo.value.message_dict) == [field]
    assert Assessment.objects.count() == 0
    assert AuditEvent.objects.filter(action="employee.assessed").count() == 0


def test_many_assessments_are_recorded_with_one_event_each(position_a, django_assert_num_queries):
    people = [EmployeeFactory(position=position_a) for _ in range(3)]
    integrity = Competency.objects.get(code="M.01")
    items = [
        AssessmentInput(person, integrity, level, date(2025, 3, 1), "assessment_centre", "UPT Asesmen")
        for person, level in zip(people, (2, 3, 4), strict=True)
    ]
    with django_assert_num_queries(4):  # savepoint, assessments, events, release
        created = assessments_record_many(items=items)
    assert [a.level for a in created] == [2, 3, 4]
    assert levels_that_count(employee_ids=[p.pk for p in people]) == {
        people[0].pk: {"M.01": 2},
        people[1].pk: {"M.01": 3},
        people[2].pk: {"M.01": 4},
    }
    events = AuditEvent.objects.filter(action="employee.assessed").order_by("pk")
    assert [(e.subject_id, e.to_state["level"]) for e in events] == [
        (str(p.pk), lv) for p, lv in zip(people, (2, 3, 4), strict=True)
    ]


def test_one_bad_item_refuses_them_all(position_a):
    person = EmployeeFactory(position=position_a)
    integrity = Competency.objects.get(code="M.01")
    items = [
        AssessmentInput(person, integrity, 3, date(2025, 3, 1), "supervisor"),
        AssessmentInput(person, integrity, 7, date(2025, 3, 1), "interview"),
    ]
    with pytest.raises(ValidationError) as excinfo:
        assessments_record_many(items=items)
    assert sorted(excinfo.value.message_dict) == ["1.level", "1.method"]
    assert Assessment.objects.count() == 0
    assert AuditEvent.objects.count() == 0


def test_invalidating_an_assessment_brings_back_the_previous_one(position_a, province_admin):
    person = EmployeeFactory(position=position_a)
    integrity = Competency.objects.get(code="M.01")
    assessment_record(
        employee=person, competency=integrity, level=2, assessed_on=date(2024, 1, 1), method="supervisor"
    )
    wrong = assessment_record(
        employee=person, competency=integrity, level=5, assessed_on=date(2025, 1, 1), method="supervisor"
    )
    with pytest.raises(ValidationError):
        assessment_invalidate(assessment=wrong, reason="  ", actor=province_admin)
    assert levels_that_count(employee_ids=[person.pk]) == {person.pk: {"M.01": 5}}
    assessment_invalidate(assessment=wrong, reason="Salah ketik level", actor=province_admin)
    assert levels_that_count(employee_ids=[person.pk]) == {person.pk: {"M.01": 2}}
    event = AuditEvent.objects.get(action="employee.assessment_invalidated")
    assert (event.actor_id, event.note, event.to_state["level"]) == (
        province_admin.pk,
        "Salah ketik level",
        5,
    )
    with pytest.raises(InvalidTransition):
        assessment_invalidate(assessment=wrong, reason="lagi", actor=province_admin)
    assert AuditEvent.objects.filter(action="employee.assessment_invalidated").count() == 1
