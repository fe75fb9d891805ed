"""After a session: ratings and post-training assessments (services)."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from penata.accounts.models import Role
from penata.competency.gaps import GapCell, gap_counts
from penata.competency.models import Assessment, AssessmentMethod
from penata.competency.selectors import job_match, levels_that_count
from penata.competency.services import position_standard_set
from penata.competency.tests.factories import AssessmentFactory, competency
from penata.core.errors import PermissionDenied
from penata.core.models import AuditEvent
from penata.organization.tests.factories import PositionFactory, UnitFactory
from penata.training.models import Attendance, EnrolmentStatus, SessionRating, SessionStatus
from penata.training.services.after import (
    AlreadyRated,
    NotAParticipant,
    NotCompleted,
    RatingNotAllowed,
    has_attended,
    post_training_assessment_record,
    session_post_training_assessments_record,
    session_rate,
)
from penata.training.tests.factories import (
    EnrolmentFactory,
    ProgramCompetencyFactory,
    ProgramFactory,
    TrainingSessionFactory,
)
from penata.workforce.models import Employee
from penata.workforce.tests.factories import EmployeeFactory

pytestmark = pytest.mark.django_db

GOOD = {"content": 5, "trainers": 4, "organisation": 3, "usefulness": 5, "overall": 4}


@pytest.fixture
def world(agency_a, make_user):
    unit = UnitFactory(agency=agency_a)
    position = PositionFactory(unit=unit)
    # Standard: M.01 at 3, M.02 at 2. Ani is at 1 and 2: JPM (1 + 2) / 5 = 60 %.
    position_standard_set(position=position, requirements={"M.01": (3, True), "M.02": (2, True)})
    ani = EmployeeFactory(position=position, full_name="Ani Lestari", nip="198001012005012001")
    AssessmentFactory(employee=ani, competency=competency("M.01"), level=1, assessed_on=date(2025, 6, 1))
    AssessmentFactory(employee=ani, competency=competency("M.02"), level=2, assessed_on=date(2025, 6, 1))
    program = ProgramFactory(code="PRG-AFT", title="Pelayanan Publik Digital", jp=24)
    ProgramCompetencyFactory(program=program, competency=competency("M.01"), target_level=3)
    session = TrainingSessionFactory(program=program, code="SES-AFT", status=SessionStatus.COMPLETED)
    enrolment = EnrolmentFactory(session=session, employee=ani, status=EnrolmentStatus.COMPLETED)
    return {
        "agency": agency_a,
        "position": position,
        "ani": ani,
        "program": program,
        "session": session,
        "enrolment": enrolment,
        "ani_user": make_user(Role.EMPLOYEE, agency_a, employee=ani, username="ani"),
        "manager": make_user(Role.TRAINING_MANAGER, agency_a, username="bpsdm"),
    }


def events(action: str) -> int:
    return AuditEvent.objects.filter(action=action).count()


# --- ratings -----------------------------------------------------------------------------


def test_participant_who_completed_rates_once(world):
    rating = session_rate(
        enrolment=world["enrolment"], actor=world["ani_user"], comment="  Bermanfaat. ", **GOOD
    )

    rating.refresh_from_db()
    assert (rating.content, rating.trainers, rating.organisation, rating.usefulness, rating.overall) == (
        5,
        4,
        3,
        5,
        4,
    )
    assert rating.comment == "Bermanfaat."
    event = AuditEvent.objects.get(action="enrolment.rated")
    assert event.subject_id == str(world["enrolment"].pk)
    assert event.actor_id == world["ani_user"].pk
    assert event.to_state == GOOD


def test_rating_twice_is_refused_and_the_first_stays(world):
    session_rate(enrolment=world["enrolment"], actor=world["ani_user"], **GOOD)
    with pytest.raises(AlreadyRated) as caught:
        session_rate(
            enrolment=world["enrolment"],
            actor=world["ani_user"],
            **{**GOOD, "overall": 1},
        )
    assert caught.value.status_code == 409
    assert SessionRating.objects.get().overall == 4
    assert events("enrolment.rated") == 1


@pytest.mark.parametrize(
    ("status", "present_days", "allowed"),
    [
        (EnrolmentStatus.COMPLETED, [], True),
        (EnrolmentStatus.INCOMPLETE, [True, False, False], True),
        (EnrolmentStatus.INCOMPLETE, [False, False, False], False),
        (EnrolmentStatus.INCOMPLETE, [], False),
        (EnrolmentStatus.NO_SHOW, [], False),
        (EnrolmentStatus.CONFIRMED, [True], False),
        (EnrolmentStatus.APPROVED, [], False),
        (EnrolmentStatus.PENDING_APPROVAL, [], False),
        (EnrolmentStatus.WAITLISTED, [], False),
        (EnrolmentStatus.WITHDRAWN, [], False),
        (EnrolmentStatus.REJECTED, [], False),
        (EnrolmentStatus.CANCELLED, [], False),
    ],
)
def test_only_who_attended_may_rate(world, status, present_days, allowed):
    enrolment = world["enrolment"]
    enrolment.status = status
    enrolment.save(update_fields=["status"])
    for offset, present in enumerate(present_days):
        Attendance.objects.create(enrolment=enrolment, date=date(2026, 3, 2 + offset), present=present)

    assert has_attended(enrolment) is allowed
    if allowed:
        session_rate(enrolment=enrolment, actor=world["ani_user"], **GOOD)
        assert SessionRating.objects.count() == 1
        assert events("enrolment.rated") == 1
    else:
        with pytest.raises(RatingNotAllowed):
            session_rate(enrolment=enrolment, actor=world["ani_user"], **GOOD)
        assert SessionRating.objects.count() == 0
        assert events("enrolment.rated") == 0


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("content", 0),
        ("trainers", 6),
        ("organisation", -1),
        ("usefulness", "4"),
        ("overall", True),
        ("overall", 2.5),
    ],
)
def test_a_value_outside_1_to_5_names_the_field_and_writes_nothing(world, field, value):
    with pytest.raises(ValidationError) as caught, translation.override("en"):
        session_rate(enrolment=world["enrolment"], actor=world["ani_user"], **{**GOOD, field: value})
    assert caught.value.message_dict == {field: ["Choose a whole number from 1 to 5."]}
    assert SessionRating.objects.count() == 0
    assert events("enrolment.rated") == 0


def test_a_too_long_comment_is_refused(world):
    with pytest.raises(ValidationError) as caught:
        session_rate(enrolment=world["enrolment"], actor=world["ani_user"], comment="x" * 2001, **GOOD)
    assert list(caught.value.message_dict) == ["comment"]
    assert SessionRating.objects.count() == 0


@pytest.mark.parametrize("who", ["manager", "other_employee", "nobody"])
def test_nobody_rates_on_the_participants_behalf(world, make_user, who):
    actor = {
        "manager": world["manager"],
        "other_employee": make_user(Role.EMPLOYEE, world["agency"], employee=EmployeeFactory(), username="x"),
        "nobody": None,
    }[who]
    with pytest.raises(NotAParticipant):
        session_rate(enrolment=world["enrolment"], actor=actor, **GOOD)
    assert SessionRating.objects.count() == 0
    assert events("enrolment.rated") == 0


# --- post-training assessment ------------------------------------------------------------


def test_post_training_assessment_closes_the_gap_and_moves_jpm(world):
    ani, position = world["ani"], world["position"]
    before = job_match(employee=ani)
    assert before["score"] == pytest.approx(60.0)
    assert [(g.competency, g.required, g.level) for g in before["gaps"]] == [("M.01", 3, 1), ("M.02", 2, 2)]
    m01 = competency("M.01")
    agency_key = (position.agency_id, m01.pk)
    assert gap_counts(employees=Employee.objects.all(), group_by="agency")[agency_key] == GapCell(1, 1, 2)

    assessment = post_training_assessment_record(
        enrolment=world["enrolment"],
        competency=m01,
        level=3,
        actor=world["manager"],
        assessed_on=date(2026, 3, 20),
        note="Uji praktik",
    )

    assert (assessment.method, assessment.level, assessment.assessed_on) == (
        AssessmentMethod.POST_TRAINING,
        3,
        date(2026, 3, 20),
    )
    assert assessment.note == "SES-AFT — Uji praktik"
    assert assessment.assessor_id == world["manager"].pk
    assert levels_that_count(employee_ids=[ani.pk]) == {ani.pk: {"M.01": 3, "M.02": 2}}
    after = job_match(employee=ani)
    assert after["score"] == pytest.approx(100.0)
    assert [(g.competency, g.required, g.level) for g in after["gaps"]] == [("M.01", 3, 3), ("M.02", 2, 2)]
    assert gap_counts(employees=Employee.objects.all(), group_by="agency")[agency_key] == GapCell(1, 0, 0)
    assert events("employee.assessed") == 1
    event = AuditEvent.objects.get(action="enrolment.post_training_assessed")
    assert event.to_state == {"competency": "M.01", "level": 3, "on": "2026-03-20"}


def test_the_same_assessment_sent_twice_is_recorded_once(world):
    kwargs = {
        "enrolment": world["enrolment"],
        "competency": competency("M.01"),
        "level": 2,
        "actor": world["manager"],
        "assessed_on": date(2026, 3, 20),
    }
    first = post_training_assessment_record(**kwargs)
    second = post_training_assessment_record(**kwargs)
    assert first.pk == second.pk
    assert Assessment.objects.filter(method=AssessmentMethod.POST_TRAINING).count() == 1
    assert events("employee.assessed") == 1


@pytest.mark.parametrize(
    "status",
    [
        EnrolmentStatus.INCOMPLETE,
        EnrolmentStatus.NO_SHOW,
        EnrolmentStatus.CONFIRMED,
        EnrolmentStatus.WITHDRAWN,
    ],
)
def test_post_training_assessment_needs_a_completed_enrolment(world, status):
    enrolment = world["enrolment"]
    enrolment.status = status
    enrolment.save(update_fields=["status"])
    with pytest.raises(NotCompleted):
        post_training_assessment_record(
            enrolment=enrolment, competency=competency("M.01"), level=3, actor=world["manager"]
        )
    assert Assessment.objects.filter(method=AssessmentMethod.POST_TRAINING).count() == 0
    assert events("employee.assessed") == 0
    assert events("enrolment.post_training_assessed") == 0


@pytest.mark.parametrize(
    ("code", "level", "assessed_on", "field"),
    [
        ("M.02", 3, date(2026, 3, 20), "competency"),  # the program does not develop M.02
        ("M.01", 6, date(2026, 3, 20), "level"),
        ("M.01", 0, date(2026, 3, 20), "level"),
        ("M.01", 3, date(2026, 3, 1), "assessed_on"),  # before the session
        ("M.01", 3, date(2099, 1, 1), "assessed_on"),  # in the future
    ],
)
def test_post_training_assessment_bad_input_names_the_field(world, code, level, assessed_on, field):
    with pytest.raises(ValidationError) as caught:
        post_training_assessment_record(
            enrolment=world["enrolment"],
            competency=competency(code),
            level=level,
            actor=world["manager"],
            assessed_on=assessed_on,
        )
    assert list(caught.value.message_dict) == [field]
    assert Assessment.objects.filter(method=AssessmentMethod.POST_TRAINING).count() == 0
    assert events("enrolment.post_training_assessed") == 0


@pytest.mark.parametrize("role", [Role.EMPLOYEE, Role.AGENCY_ADMIN, Role.LEADER])
def test_only_a_training_manager_records_post_training_levels(world, make_user, role):
    actor = make_user(role, world["agency"], username=f"u-{role}")
    with pytest.raises(PermissionDenied):
        post_training_assessment_record(
            enrolment=world["enrolment"], competency=competency("M.01"), level=3, actor=actor
        )
    assert Assessment.objects.filter(method=AssessmentMethod.POST_TRAINING).count() == 0


def test_province_admin_may_record(world, make_user):
    admin = make_user(Role.PROVINCE_ADMIN, world["agency"], username="prov")
    post_training_assessment_record(
        enrolment=world["enrolment"],
        competency=competency("M.01"),
        level=2,
        actor=admin,
        assessed_on=date(2026, 3, 20),
    )
    assert levels_that_count(employee_ids=[world["ani"].pk])[world["ani"].pk]["M.01"] == 2


def test_the_session_sheet_is_all_or_nothing(world):
    budi = EmployeeFactory(position=world["position"])
    budi_enrolment = EnrolmentFactory(session=world["session"], employee=budi, status=EnrolmentStatus.NO_SHOW)
    m01 = competency("M.01").pk
    levels = {(world["enrolment"].pk, m01): 3, (budi_enrolment.pk, m01): 2}
    with pytest.raises(ValidationError) as caught:
        session_post_training_assessments_record(
            session=world["session"], levels=levels, actor=world["manager"], assessed_on=date(2026, 3, 20)
        )
    assert list(caught.value.message_dict) == [f"{budi_enrolment.pk}-{m01}"]
    assert Assessment.objects.filter(method=AssessmentMethod.POST_TRAINING).count() == 0

    budi_enrolment.status = EnrolmentStatus.COMPLETED
    budi_enrolment.save(update_fields=["status"])
    created = session_post_training_assessments_record(
        session=world["session"], levels=levels, actor=world["manager"], assessed_on=date(2026, 3, 20)
    )
    assert len(created) == 2
    assert levels_that_count(employee_ids=[world["ani"].pk, budi.pk]) == {
        world["ani"].pk: {"M.01": 3, "M.02": 2},
        budi.pk: {"M.01": 2},
    }
    assert events("employee.assessed") == 2
    assert events("enrolment.post_training_assessed") == 2
    # The same sheet sent again records nothing new.
    again = session_post_training_assessments_record(
        session=world["session"], levels=levels, actor=world["manager"], assessed_on=date(2026, 3, 20)
    )
    assert again == []
    assert Assessment.objects.filter(method=AssessmentMethod.POST_TRAINING).count() == 2


def test_the_sheet_refuses_another_sessions_participant(world):
    other = EnrolmentFactory(
        session=TrainingSessionFactory(program=world["program"], code="SES-OTHER"),
        employee=EmployeeFactory(),
        status=EnrolmentStatus.COMPLETED,
    )
    m01 = competency("M.01").pk
    with pytest.raises(ValidationError) as caught:
        session_post_training_assessments_record(
            session=world["session"],
            levels={(other.pk, m01): 3},
            actor=world["manager"],
            assessed_on=date(2026, 3, 20),
        )
    assert list(caught.value.message_dict) == [f"{other.pk}-{m01}"]
    assert Assessment.objects.filter(method=AssessmentMethod.POST_TRAINING).count() == 0


def test_a_correction_counts_and_going_back_is_recorded_again(world):
    kwargs = {
        "enrolment": world["enrolment"],
        "competency": competency("M.01"),
        "actor": world["manager"],
        "assessed_on": date(2026, 3, 20),
    }
    ani = world["ani"].pk
    post_training_assessment_record(level=2, **kwargs)
    post_training_assessment_record(level=3, **kwargs)
    assert levels_that_count(employee_ids=[ani])[ani]["M.01"] == 3
    post_training_assessment_record(level=2, **kwargs)
    assert levels_that_count(employee_ids=[ani])[ani]["M.01"] == 2
    assert Assessment.objects.filter(method=AssessmentMethod.POST_TRAINING).count() == 3
    assert events("enrolment.post_training_assessed") == 3
