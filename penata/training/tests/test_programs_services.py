"""Programs, sessions and their schedule: the services, bad input, the status table.

2026 dates used: Fri 14 – Tue 18 August (Sat 15, Sun 16 weekend; Mon 17 Independence
Day), Mon 2 – Wed 4 March.
"""

import importlib.machinery
import sys
import types
from datetime import date, time, timedelta

import pytest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from penata.accounts.models import Role
from penata.competency.tests.factories import TechnicalCompetencyFactory, competency
from penata.core.errors import InvalidTransition, PermissionDenied
from penata.core.events import events_for
from penata.core.models import AuditEvent
from penata.training.models import (
    SESSION_TRANSITIONS,
    Attendance,
    Enrolment,
    Program,
    ProgramCompetency,
    SessionAction,
    SessionDay,
    SessionStatus,
    TrainingSession,
)
from penata.training.services import programs as services
from penata.training.services.programs import (
    SessionDayInput,
    TrainingInputError,
    program_competencies_set,
    program_create,
    program_update,
    session_create,
    session_schedule,
    session_transition,
    session_update,
)
from penata.workforce.tests.factories import EmployeeFactory

from .factories import EnrolmentFactory, ProgramCompetencyFactory, ProgramFactory, TrainingSessionFactory

pytestmark = pytest.mark.django_db

S, A = SessionStatus, SessionAction


@pytest.fixture
def manager(make_user, agency_a):
    return make_user(Role.TRAINING_MANAGER, agency_a, username="bpsdm")


@pytest.fixture
def program():
    return ProgramFactory(code="PLT-DIG-01", title="Pelayanan Publik Digital")


def snapshot():
    """What a refused call must leave untouched."""
    return (
        sorted(Program.objects.values_list("code", "title", "jp", "is_active")),
        sorted(ProgramCompetency.objects.values_list("program__code", "competency__code", "target_level")),
        sorted(
            TrainingSession.objects.values_list(
                "code", "start_date", "end_date", "place", "capacity", "status", "organizer_id"
            )
        ),
        sorted(SessionDay.objects.values_list("session__code", "date", "starts_at", "ends_at", "topic")),
        AuditEvent.objects.count(),
    )


def program_kwargs(**overrides):
    values = {
        "code": "PLT-SK-01",
        "title": "Komunikasi Pelayanan Prima",
        "form": "workshop",
        "focus": "soft_skills",
        "modality": "in_person",
        "jp": 24,
        "provider": "BPSDM Provinsi Maluku Utara",
        "description": "Melayani warga dengan empati.",
        "prerequisites": "",
        "attendance_min_percent": 80,
    }
    values.update(overrides)
    return values


def session_kwargs(program, agency, **overrides):
    values = {
        "program": program,
        "code": "PLT-DIG-01-2026-08",
        "start_date": date(2026, 8, 14),
        "end_date": date(2026, 8, 18),
        "place": "Sofifi",
        "capacity": 30,
        "organizer": agency,
        "trainers": "  Dr. Rahma Sangadji \n\n Ir. Yusuf Abdullah ",
    }
    values.update(overrides)
    return values


# --- programs ---------------------------------------------------------------------------


def test_program_create_writes_the_program_its_targets_and_events(manager):
    program = program_create(
        **program_kwargs(title="  Komunikasi Pelayanan Prima  "),
        targets=[(competency("M.05"), 3), (competency("M.01"), 2)],
        actor=manager,
    )
    program.refresh_from_db()
    assert (program.code, program.title, program.form, program.jp, program.is_active) == (
        "PLT-SK-01",
        "Komunikasi Pelayanan Prima",
        "workshop",
        24,
        True,
    )
    assert list(program.targets.values_list("competency__code", "target_level")) == [("M.01", 2), ("M.05", 3)]
    events = list(events_for(subject=program).order_by("id"))
    assert [(e.action, e.actor_id) for e in events] == [
        ("training.program.created", manager.pk),
        ("training.program.competencies_set", manager.pk),
    ]
    assert events[0].to_state["code"] == "PLT-SK-01"
    assert events[0].to_state["jp"] == 24
    assert events[1].from_state == {}
    assert events[1].to_state == {"M.01": 2, "M.05": 3}


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"code": "  "}, "code", "The program code is required."),
        ({"code": "PLT 01"}, "code", "The program code has only letters, digits, dots and dashes."),
        ({"code": "new"}, "code", "The program code has only letters, digits, dots and dashes."),
        ({"title": ""}, "title", "The program title is required."),
        ({"form": "holiday"}, "form", "Choose a form of development from the list."),
        ({"focus": "x"}, "focus", "Choose a focus from the list."),
        ({"modality": "telepathy"}, "modality", "Choose a modality from the list."),
        ({"jp": 0}, "jp", "The lesson hours (JP) are a whole number from 1 to 1000."),
        ({"jp": -3}, "jp", "The lesson hours (JP) are a whole number from 1 to 1000."),
        ({"jp": "24"}, "jp", "The lesson hours (JP) are a whole number from 1 to 1000."),
        ({"provider": " "}, "provider", "The provider is required."),
        (
            {"attendance_min_percent": 0},
            "attendance_min_percent",
            "The attendance needed is a whole percentage from 1 to 100.",
        ),
        (
            {"attendance_min_percent": 101},
            "attendance_min_percent",
            "The attendance needed is a whole percentage from 1 to 100.",
        ),
    ],
)
def test_program_create_refuses_bad_input(manager, overrides, field, message):
    before = snapshot()
    with pytest.raises(TrainingInputError) as caught:
        program_create(**program_kwargs(**overrides), actor=manager)
    assert caught.value.fields == {field: _(message)}
    assert caught.value.message == _(message)
    assert snapshot() == before


def test_program_create_refuses_a_taken_code_in_any_case(manager, program):
    before = snapshot()
    with pytest.raises(TrainingInputError) as caught:
        program_create(**program_kwargs(code="plt-dig-01"), actor=manager)
    assert caught.value.fields == {
        "code": _("A program with the code %(code)s already exists.") % {"code": "plt-dig-01"}
    }
    assert snapshot() == before


def test_program_create_with_bad_targets_writes_nothing(manager):
    before = snapshot()
    with pytest.raises(TrainingInputError) as caught:
        program_create(**program_kwargs(), targets=[(competency("M.01"), 6)], actor=manager)
    assert caught.value.fields == {
        "targets": _("The level reached in %(code)s is a whole number from 1 to 5.") % {"code": "M.01"}
    }
    assert snapshot() == before


def test_program_update_records_only_what_changed(manager, program):
    program_update(program=program, actor=manager, jp=32, title="Pelayanan Publik Digital", is_active=False)
    program.refresh_from_db()
    assert (program.jp, program.is_active) == (32, False)
    event = events_for(subject=program).get()
    assert event.action == "training.program.updated"
    assert event.from_state == {"jp": 24, "is_active": True}
    assert event.to_state == {"jp": 32, "is_active": False}


def test_program_update_without_change_writes_no_event(manager, program):
    program_update(program=program, actor=manager, jp=24, title=" Pelayanan Publik Digital ")
    assert AuditEvent.objects.count() == 0


def test_program_update_refuses_bad_input_whole(manager, program):
    ProgramCompetencyFactory(program=program, competency=competency("M.01"), target_level=2)
    before = snapshot()
    with pytest.raises(TrainingInputError) as caught:
        program_update(program=program, actor=manager, title="Baru", jp=0, targets=[(competency("M.02"), 0)])
    assert set(caught.value.fields) == {"jp", "targets"}
    assert snapshot() == before


def test_program_competencies_set_replaces_the_targets(manager, program):
    ProgramCompetencyFactory(program=program, competency=competency("M.01"), target_level=2)
    rows = program_competencies_set(
        program=program, targets=[(competency("M.02"), 4), (competency("M.01"), 3)], actor=manager
    )
    assert [(row.competency.code, row.target_level) for row in rows] == [("M.01", 3), ("M.02", 4)]
    assert sorted(program.targets.values_list("competency__code", "target_level")) == [
        ("M.01", 3),
        ("M.02", 4),
    ]
    event = events_for(subject=program).get()
    assert (event.action, event.from_state, event.to_state) == (
        "training.program.competencies_set",
        {"M.01": 2},
        {"M.01": 3, "M.02": 4},
    )


def test_program_competencies_set_same_set_writes_nothing(manager, program):
    ProgramCompetencyFactory(program=program, competency=competency("M.01"), target_level=2)
    program_competencies_set(program=program, targets=[(competency("M.01"), 2)], actor=manager)
    assert AuditEvent.objects.count() == 0


@pytest.mark.parametrize("level", [0, 6, -1, "3", True, None, 2.5])
def test_program_competencies_set_refuses_a_bad_level(manager, program, level):
    ProgramCompetencyFactory(program=program, competency=competency("M.01"), target_level=2)
    before = snapshot()
    with pytest.raises(TrainingInputError) as caught:
        program_competencies_set(
            program=program, targets=[(competency("M.02"), 3), (competency("M.03"), level)], actor=manager
        )
    assert caught.value.fields == {
        "targets": _("The level reached in %(code)s is a whole number from 1 to 5.") % {"code": "M.03"}
    }
    assert snapshot() == before


def test_program_competencies_set_refuses_a_duplicate(manager, program):
    before = snapshot()
    with pytest.raises(TrainingInputError) as caught:
        program_competencies_set(
            program=program, targets=[(competency("M.02"), 3), (competency("M.02"), 4)], actor=manager
        )
    assert caught.value.fields == {
        "targets": _("The competency %(code)s is listed twice.") % {"code": "M.02"}
    }
    assert snapshot() == before


def test_program_competencies_set_refuses_a_retired_competency_but_keeps_one_already_set(manager, program):
    kept = TechnicalCompetencyFactory(code="T.OLD.01", is_active=False)
    ProgramCompetencyFactory(program=program, competency=kept, target_level=2)
    retired = TechnicalCompetencyFactory(code="T.OLD.02", is_active=False)
    with pytest.raises(TrainingInputError) as caught:
        program_competencies_set(program=program, targets=[(kept, 3), (retired, 3)], actor=manager)
    assert caught.value.fields == {
        "targets": _("The competency %(code)s is no longer in use.") % {"code": "T.OLD.02"}
    }
    program_competencies_set(program=program, targets=[(kept, 3)], actor=manager)
    assert list(program.targets.values_list("competency__code", "target_level")) == [("T.OLD.01", 3)]


# --- sessions ---------------------------------------------------------------------------


def test_session_create_schedules_each_working_day(manager, program, agency_a):
    session = session_create(**session_kwargs(program, agency_a), actor=manager)
    session.refresh_from_db()
    assert (session.status, session.capacity, session.seats_taken, session.place) == (
        S.PLANNED,
        30,
        0,
        "Sofifi",
    )
    assert session.trainers == "Dr. Rahma Sangadji\nIr. Yusuf Abdullah"
    # Sat 15 and Sun 16 are the weekend, Mon 17 August is Independence Day.
    assert [(d.date, d.starts_at, d.ends_at) for d in session_schedule(session)] == [
        (date(2026, 8, 14), time(8), time(16)),
        (date(2026, 8, 18), time(8), time(16)),
    ]
    event = events_for(subject=session).get()
    assert event.action == "training.session.created"
    assert event.actor_id == manager.pk
    assert event.to_state["status"] == "planned"
    assert event.to_state["program"] == "PLT-DIG-01"
    assert event.to_state["days"] == ["2026-08-14 08:00-16:00", "2026-08-18 08:00-16:00"]


def test_session_create_on_days_off_only_keeps_every_day(manager, program, agency_a):
    session = session_create(
        **session_kwargs(program, agency_a, start_date=date(2026, 8, 15), end_date=date(2026, 8, 16)),
        actor=manager,
    )
    assert [d.date for d in session_schedule(session)] == [date(2026, 8, 15), date(2026, 8, 16)]


def test_session_create_with_given_days(manager, program, agency_a):
    days = [
        SessionDayInput(date(2026, 8, 18), time(9), time(12), "Praktik"),
        SessionDayInput(date(2026, 8, 15), time(8), time(15, 30), "Outbound"),
    ]
    session = session_create(**session_kwargs(program, agency_a), days=days, actor=manager)
    assert [(d.date, d.starts_at, d.ends_at, d.topic) for d in session_schedule(session)] == [
        (date(2026, 8, 15), time(8), time(15, 30), "Outbound"),
        (date(2026, 8, 18), time(9), time(12), "Praktik"),
    ]


def outside(day, start=date(2026, 8, 14), end=date(2026, 8, 18)):
    return _("%(day)s is outside the session's dates (%(start)s – %(end)s).") % {
        "day": services._long_date(day),
        "start": services._long_date(start),
        "end": services._long_date(end),
    }


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"capacity": 0}, "capacity", lambda: _("The capacity must be at least 1 seat.")),
        ({"capacity": -5}, "capacity", lambda: _("The capacity must be at least 1 seat.")),
        ({"capacity": "ten"}, "capacity", lambda: _("The capacity is a whole number of seats.")),
        (
            {"capacity": 10001},
            "capacity",
            lambda: _("The capacity is at most %(count)d seats.") % {"count": 10000},
        ),
        (
            {"end_date": date(2026, 8, 13)},
            "end_date",
            lambda: (
                _("The end date (%(end)s) is before the start date (%(start)s).")
                % {
                    "end": services._long_date(date(2026, 8, 13)),
                    "start": services._long_date(date(2026, 8, 14)),
                }
            ),
        ),
        (
            {"end_date": date(2027, 8, 15)},
            "end_date",
            lambda: _("A session lasts at most %(count)d days.") % {"count": 366},
        ),
        ({"start_date": None}, "start_date", lambda: _("The start date is required.")),
        (
            {"place": "  "},
            "place",
            lambda: _("The place is required (a town, or Daring for an online session)."),
        ),
        ({"organizer": None}, "organizer", lambda: _("Choose the organising agency.")),
        ({"code": ""}, "code", lambda: _("The session code is required.")),
        ({"code": "A/B"}, "code", lambda: _("The session code has only letters, digits, dots and dashes.")),
        ({"days": [SessionDayInput(date(2026, 8, 19))]}, "days", lambda: outside(date(2026, 8, 19))),
        ({"days": [SessionDayInput(date(2026, 8, 13))]}, "days", lambda: outside(date(2026, 8, 13))),
        ({"days": []}, "days", lambda: _("The schedule needs at least one day.")),
        (
            {
                "days": [
                    SessionDayInput(date(2026, 8, 14)),
                    SessionDayInput(date(2026, 8, 14), time(13), time(15)),
                ]
            },
            "days",
            lambda: (
                _("%(day)s is listed twice in the schedule.")
                % {"day": services._long_date(date(2026, 8, 14))}
            ),
        ),
        (
            {"days": [SessionDayInput(date(2026, 8, 14), time(16), time(8))]},
            "days",
            lambda: (
                _("On %(day)s the end time is not after the start time.")
                % {"day": services._long_date(date(2026, 8, 14))}
            ),
        ),
    ],
)
def test_session_create_refuses_bad_input(manager, program, agency_a, overrides, field, message):
    before = snapshot()
    with pytest.raises(TrainingInputError) as caught:
        session_create(**session_kwargs(program, agency_a, **overrides), actor=manager)
    assert caught.value.fields == {field: message()}
    assert snapshot() == before


def test_session_create_gives_every_problem_at_once(manager, program, agency_a):
    with pytest.raises(TrainingInputError) as caught:
        session_create(
            **session_kwargs(program, agency_a, capacity=0, end_date=date(2026, 8, 1), place=""),
            actor=manager,
        )
    assert set(caught.value.fields) == {"capacity", "end_date", "place"}
    assert TrainingSession.objects.count() == 0


def test_session_create_refuses_a_taken_code_and_an_inactive_program(manager, agency_a):
    TrainingSessionFactory(code="SES-1")
    retired = ProgramFactory(code="OLD", is_active=False)
    before = snapshot()
    with pytest.raises(TrainingInputError) as caught:
        session_create(**session_kwargs(retired, agency_a, code="ses-1"), actor=manager)
    assert caught.value.fields == {
        "code": _("A session with the code %(code)s already exists.") % {"code": "ses-1"},
        "program": _("The program %(code)s is no longer offered.") % {"code": "OLD"},
    }
    assert snapshot() == before


def test_session_update_changes_fields_and_records_them(manager, program, agency_a, agency_b):
    session = session_create(**session_kwargs(program, agency_a), actor=manager)
    session_update(
        session=session, actor=manager, capacity=25, place="Ternate", organizer=agency_b, note=" Bawa laptop "
    )
    session.refresh_from_db()
    assert (session.capacity, session.place, session.organizer_id, session.note) == (
        25,
        "Ternate",
        agency_b.pk,
        "Bawa laptop",
    )
    event = events_for(subject=session).filter(action="training.session.updated").get()
    assert event.from_state == {"capacity": 30, "place": "Sofifi", "organizer": "DINA", "note": ""}
    assert event.to_state == {"capacity": 25, "place": "Ternate", "organizer": "DINB", "note": "Bawa laptop"}


def test_session_update_moving_dates_keeps_days_inside_and_adds_working_days(manager, program, agency_a):
    days = [
        SessionDayInput(date(2026, 8, 14), time(9), time(15), "Pembukaan"),
        SessionDayInput(date(2026, 8, 18)),
    ]
    session = session_create(**session_kwargs(program, agency_a), days=days, actor=manager)
    session_update(
        session=session,
        actor=manager,
        start_date=date(2026, 8, 14),
        end_date=date(2026, 8, 14) + timedelta(days=7),
    )
    assert [(d.date, d.starts_at, d.topic) for d in session_schedule(session)] == [
        (date(2026, 8, 14), time(9), "Pembukaan"),
        (date(2026, 8, 18), time(8), ""),
        (date(2026, 8, 19), time(8), ""),
        (date(2026, 8, 20), time(8), ""),
        (date(2026, 8, 21), time(8), ""),
    ]
    event = events_for(subject=session).filter(action="training.session.updated").get()
    assert event.from_state["end_date"] == "2026-08-18"
    assert event.to_state["end_date"] == "2026-08-21"
    assert len(event.to_state["days"]) == 5


def test_session_update_with_days_replaces_the_schedule(manager, program, agency_a):
    session = session_create(**session_kwargs(program, agency_a), actor=manager)
    session_update(
        session=session,
        actor=manager,
        days=[SessionDayInput(date(2026, 8, 18), time(10), time(14), "Penutupan")],
    )
    assert [(d.date, d.starts_at, d.topic) for d in session_schedule(session)] == [
        (date(2026, 8, 18), time(10), "Penutupan")
    ]


def test_session_update_refuses_capacity_below_seats_taken(manager, agency_a):
    session = TrainingSessionFactory(capacity=20, organizer=agency_a)
    TrainingSession.objects.filter(pk=session.pk).update(seats_taken=12)
    before = snapshot()
    with pytest.raises(TrainingInputError) as caught:
        session_update(session=session, actor=manager, capacity=11)
    assert caught.value.fields == {
        "capacity": _("%(count)d participants are already confirmed: the capacity cannot be lower than that.")
        % {"count": 12}
    }
    assert snapshot() == before
    session_update(session=session, actor=manager, capacity=12)
    session.refresh_from_db()
    assert session.capacity == 12


@pytest.mark.parametrize("capacity", [0, -1])
def test_session_update_refuses_capacity_below_one(manager, capacity):
    session = TrainingSessionFactory()
    before = snapshot()
    with pytest.raises(TrainingInputError) as caught:
        session_update(session=session, actor=manager, capacity=capacity)
    assert caught.value.fields == {"capacity": _("The capacity must be at least 1 seat.")}
    assert snapshot() == before


def test_session_update_refuses_end_before_start_and_days_outside(manager):
    session = TrainingSessionFactory(start_date=date(2026, 3, 2))
    before = snapshot()
    with pytest.raises(TrainingInputError) as caught:
        session_update(session=session, actor=manager, end_date=date(2026, 3, 1))
    assert set(caught.value.fields) == {"end_date"}
    with pytest.raises(TrainingInputError) as caught:
        session_update(session=session, actor=manager, days=[SessionDayInput(date(2026, 3, 5))])
    assert caught.value.fields == {"days": outside(date(2026, 3, 5), date(2026, 3, 2), date(2026, 3, 4))}
    assert snapshot() == before


def test_session_update_keeps_a_day_with_attendance(manager):
    session = TrainingSessionFactory(start_date=date(2026, 3, 2))
    enrolment = EnrolmentFactory(session=session, status="confirmed")
    Attendance.objects.create(enrolment=enrolment, date=date(2026, 3, 4), present=True)
    before = snapshot()
    with pytest.raises(TrainingInputError) as caught:
        session_update(session=session, actor=manager, end_date=date(2026, 3, 3))
    assert caught.value.fields == {
        "days": _("Attendance is already recorded for %(day)s: that day stays in the schedule.")
        % {"day": services._long_date(date(2026, 3, 4))}
    }
    assert snapshot() == before


@pytest.mark.parametrize("status", [S.COMPLETED, S.CANCELLED])
def test_session_update_refuses_a_finished_session(manager, status):
    session = TrainingSessionFactory(status=status)
    before = snapshot()
    with pytest.raises(InvalidTransition):
        session_update(session=session, actor=manager, capacity=40)
    assert snapshot() == before


def test_session_update_without_change_writes_no_event(manager):
    session = TrainingSessionFactory(place="Sofifi", capacity=20)
    session_update(session=session, actor=manager, place=" Sofifi ", capacity=20)
    assert AuditEvent.objects.count() == 0


def test_session_schedule_uses_prefetched_days(django_assert_num_queries):
    session = TrainingSessionFactory(start_date=date(2026, 3, 2))
    loaded = TrainingSession.objects.prefetch_related("days").get(pk=session.pk)
    with django_assert_num_queries(0):
        assert [d.date for d in session_schedule(loaded)] == [
            date(2026, 3, 2),
            date(2026, 3, 3),
            date(2026, 3, 4),
        ]


# --- status ---------------------------------------------------------------------------

EXPECTED = {
    (S.PLANNED, A.OPEN): S.OPEN,
    (S.PLANNED, A.CANCEL): S.CANCELLED,
    (S.OPEN, A.CLOSE): S.CLOSED,
    (S.OPEN, A.CANCEL): S.CANCELLED,
    (S.CLOSED, A.REOPEN): S.OPEN,
    (S.CLOSED, A.COMPLETE): S.COMPLETED,
    (S.CLOSED, A.CANCEL): S.CANCELLED,
}
ROWS = [(status, action, (status, action) in EXPECTED) for status in S.values for action in A.values]


def test_table_is_exactly_the_expected_one():
    assert SESSION_TRANSITIONS == EXPECTED
    assert (len(ROWS), sum(allowed for _s, _a, allowed in ROWS)) == (25, 7)


@pytest.mark.parametrize(("status", "action", "allowed"), ROWS)
def test_session_transition_table(manager, status, action, allowed):
    # A session whose last day is today may still be opened and may already be completed.
    today = timezone.localdate()
    session = TrainingSessionFactory(status=status, start_date=today, end_date=today)
    if allowed:
        result = session_transition(session=session, action=action, actor=manager)
        session.refresh_from_db()
        assert result.status == session.status == EXPECTED[(status, action)]
        event = events_for(subject=session).get()
        assert (event.action, event.from_state, event.to_state, event.actor_id) == (
            services.SESSION_EVENT_ACTIONS[action],
            status,
            EXPECTED[(status, action)],
            manager.pk,
        )
    else:
        with pytest.raises(InvalidTransition):
            session_transition(session=session, action=action, actor=manager)
        session.refresh_from_db()
        assert session.status == status
        assert AuditEvent.objects.count() == 0


def test_unknown_action_is_refused(manager):
    session = TrainingSessionFactory(status=S.PLANNED)
    with pytest.raises(InvalidTransition):
        session_transition(session=session, action="explode", actor=manager)
    assert AuditEvent.objects.count() == 0


def test_enrolment_cannot_open_once_the_session_has_ended(manager):
    yesterday = timezone.localdate() - timedelta(days=1)
    planned = TrainingSessionFactory(status=S.PLANNED, start_date=yesterday, end_date=yesterday)
    closed = TrainingSessionFactory(status=S.CLOSED, start_date=yesterday, end_date=yesterday)
    for session, action in ((planned, A.OPEN), (closed, A.REOPEN)):
        with pytest.raises(InvalidTransition) as caught:
            session_transition(session=session, action=action, actor=manager)
        assert caught.value.message == _(
            "The session ended on %(day)s: enrolment can no longer be opened."
        ) % {"day": services._long_date(yesterday)}
    assert AuditEvent.objects.count() == 0


def test_a_session_is_completed_only_from_its_last_day(manager):
    tomorrow = timezone.localdate() + timedelta(days=1)
    session = TrainingSessionFactory(status=S.CLOSED, start_date=tomorrow, end_date=tomorrow)
    with pytest.raises(InvalidTransition):
        session_transition(session=session, action=A.COMPLETE, actor=manager)
    session.refresh_from_db()
    assert session.status == S.CLOSED
    assert AuditEvent.objects.count() == 0


@pytest.fixture
def fake_enrolment_services(monkeypatch):
    """Stands in for the enrolment services to see what the cancellation asks of them."""
    calls = []
    name = "penata.training.services.enrolment"
    module = types.ModuleType(name)
    module.__spec__ = importlib.machinery.ModuleSpec(name, None)

    def enrolments_cancel_for_session(*, session, actor):
        # Called inside the transaction, after the session is cancelled.
        calls.append((session.pk, TrainingSession.objects.get(pk=session.pk).status, actor))

    module.enrolments_cancel_for_session = enrolments_cancel_for_session
    monkeypatch.setitem(sys.modules, name, module)
    monkeypatch.setattr("penata.training.services.enrolment", module, raising=False)
    return calls


@pytest.mark.parametrize("status", [S.PLANNED, S.OPEN, S.CLOSED])
def test_cancel_cancels_the_enrolments(manager, fake_enrolment_services, status):
    session = TrainingSessionFactory(status=status)
    session_transition(session=session, action=A.CANCEL, actor=manager)
    assert fake_enrolment_services == [(session.pk, S.CANCELLED, manager)]
    assert session.status == S.CANCELLED


def test_cancel_cancels_the_enrolments_and_frees_the_seats(manager):
    from penata.training.models import Enrolment, EnrolmentStatus

    session = TrainingSessionFactory(status=S.OPEN, capacity=5)
    confirmed = EnrolmentFactory(session=session, status=EnrolmentStatus.CONFIRMED)
    pending = EnrolmentFactory(session=session, status=EnrolmentStatus.PENDING_APPROVAL)
    TrainingSession.objects.filter(pk=session.pk).update(seats_taken=1)
    session_transition(session=session, action=A.CANCEL, actor=manager)
    session.refresh_from_db()
    assert (session.status, session.seats_taken) == (S.CANCELLED, 0)
    statuses = dict(Enrolment.objects.filter(session=session).values_list("pk", "status"))
    assert statuses == {confirmed.pk: EnrolmentStatus.CANCELLED, pending.pk: EnrolmentStatus.CANCELLED}


def test_other_transitions_leave_enrolments_alone(manager, fake_enrolment_services):
    today = timezone.localdate()
    session = TrainingSessionFactory(status=S.OPEN, start_date=today, end_date=today)
    session_transition(session=session, action=A.CLOSE, actor=manager)
    session_transition(session=session, action=A.COMPLETE, actor=manager)
    assert fake_enrolment_services == []


# --- completing needs every enrolment settled -------------------------------------------------

UNSETTLED = ["pending_approval", "approved", "confirmed", "waitlisted"]
SETTLED = ["rejected", "withdrawn", "cancelled", "completed", "incomplete", "no_show"]


def unsettled_message(code: str, count: int) -> str:
    return ngettext(
        "Session %(code)s still has %(count)d enrolment awaiting approval, approved, "
        "confirmed or on the waiting list: finish the session from its roster, which "
        "settles it and completes the session.",
        "Session %(code)s still has %(count)d enrolments awaiting approval, approved, "
        "confirmed or on the waiting list: finish the session from its roster, which "
        "settles them and completes the session.",
        count,
    ) % {"code": code, "count": count}


@pytest.mark.parametrize("status", UNSETTLED)
def test_a_session_with_an_unsettled_enrolment_is_not_completed(manager, status):
    today = timezone.localdate()
    session = TrainingSessionFactory(code="PLT-AKHIR", status=S.CLOSED, start_date=today, end_date=today)
    EnrolmentFactory(session=session, status=status)
    EnrolmentFactory(session=session, status="completed")
    before = snapshot()
    with pytest.raises(InvalidTransition) as caught:
        session_transition(session=session, action=A.COMPLETE, actor=manager)
    assert caught.value.message == unsettled_message("PLT-AKHIR", 1)
    assert snapshot() == before
    assert sorted(Enrolment.objects.values_list("status", flat=True)) == sorted([status, "completed"])


def test_the_unsettled_enrolments_are_counted(manager):
    today = timezone.localdate()
    session = TrainingSessionFactory(code="PLT-AKHIR", status=S.CLOSED, start_date=today, end_date=today)
    for status in UNSETTLED:
        EnrolmentFactory(session=session, status=status)
    with pytest.raises(InvalidTransition) as caught:
        session_transition(session=session, action=A.COMPLETE, actor=manager)
    assert caught.value.message == unsettled_message("PLT-AKHIR", 4)
    assert AuditEvent.objects.count() == 0


def test_a_session_whose_enrolments_are_all_settled_is_completed(manager):
    today = timezone.localdate()
    session = TrainingSessionFactory(status=S.CLOSED, start_date=today, end_date=today)
    for status in SETTLED:
        EnrolmentFactory(session=session, status=status)
    session_transition(session=session, action=A.COMPLETE, actor=manager)
    session.refresh_from_db()
    assert session.status == S.COMPLETED


# --- cancelling a session under way -------------------------------------------------------------


def under_way(**kwargs) -> TrainingSession:
    today = timezone.localdate()
    return TrainingSessionFactory(
        code="PLT-JALAN",
        status=S.CLOSED,
        start_date=today - timedelta(days=1),
        end_date=today + timedelta(days=1),
        **kwargs,
    )


def test_a_session_under_way_with_attendance_is_not_cancelled(manager):
    session = under_way()
    enrolment = EnrolmentFactory(session=session, status="confirmed")
    Attendance.objects.create(enrolment=enrolment, date=session.start_date, present=False)
    before = snapshot()
    with pytest.raises(InvalidTransition) as caught:
        session_transition(session=session, action=A.CANCEL, actor=manager)
    assert caught.value.message == _(
        "Session %(code)s started on %(day)s and attendance is already recorded: it can no "
        "longer be cancelled; finish it from its roster instead."
    ) % {"code": "PLT-JALAN", "day": services._long_date(session.start_date)}
    assert snapshot() == before
    enrolment.refresh_from_db()
    assert enrolment.status == "confirmed"


def test_a_session_under_way_without_attendance_may_be_cancelled(manager):
    session = under_way()
    enrolment = EnrolmentFactory(session=session, status="confirmed")
    session_transition(session=session, action=A.CANCEL, actor=manager)
    session.refresh_from_db()
    enrolment.refresh_from_db()
    assert (session.status, enrolment.status) == (S.CANCELLED, "cancelled")


# --- raising the capacity serves the waiting list -------------------------------------------------


def waiting_world(start: date) -> tuple[TrainingSession, list]:
    """One seat, taken; three people waiting, joined in the order 2nd, 3rd, 1st."""
    session = TrainingSessionFactory(code="PLT-NAIK", capacity=1, start_date=start)
    EnrolmentFactory(session=session, status="confirmed")
    TrainingSession.objects.filter(pk=session.pk).update(seats_taken=1)
    session.refresh_from_db()
    now = timezone.now()
    waiting = [
        EnrolmentFactory(session=session, status="waitlisted", waitlisted_at=now - timedelta(hours=hours))
        for hours in (2, 1, 3)
    ]
    return session, waiting


def test_raising_the_capacity_gives_the_new_seats_to_the_waiting_list_in_order(
    manager, django_capture_on_commit_callbacks
):
    session, waiting = waiting_world(timezone.localdate() + timedelta(days=14))
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        result = session_update(session=session, actor=manager, capacity=3)
    statuses = dict(Enrolment.objects.filter(pk__in=[e.pk for e in waiting]).values_list("pk", "status"))
    assert statuses == {waiting[0].pk: "confirmed", waiting[1].pk: "waitlisted", waiting[2].pk: "confirmed"}
    assert (result.capacity, result.seats_taken, session.seats_taken) == (3, 3, 3)
    session.refresh_from_db()
    assert (session.capacity, session.seats_taken) == (3, 3)
    events = AuditEvent.objects.order_by("id")
    assert [
        (e.action, e.subject_id, e.actor_id) for e in events if e.action != "training.enrolment.notice"
    ] == [
        ("training.session.updated", str(session.pk), manager.pk),
        ("training.enrolment.promote", str(waiting[2].pk), None),
        ("training.enrolment.promote", str(waiting[0].pk), None),
    ]
    # Each promoted participant is told, after the commit.
    assert len(callbacks) == 2


def test_raising_the_capacity_of_a_session_under_way_promotes_nobody(manager):
    session, waiting = waiting_world(timezone.localdate())
    session_update(session=session, actor=manager, capacity=3)
    session.refresh_from_db()
    assert (session.capacity, session.seats_taken) == (3, 1)
    assert set(Enrolment.objects.filter(pk__in=[e.pk for e in waiting]).values_list("status", flat=True)) == {
        "waitlisted"
    }
    assert list(AuditEvent.objects.values_list("action", flat=True)) == ["training.session.updated"]


def test_a_refused_capacity_raise_promotes_nobody(manager):
    session, waiting = waiting_world(timezone.localdate() + timedelta(days=14))
    before = snapshot()
    with pytest.raises(TrainingInputError):
        session_update(session=session, actor=manager, capacity=3, place="")
    assert snapshot() == before
    session.refresh_from_db()
    assert session.seats_taken == 1
    assert set(Enrolment.objects.filter(pk__in=[e.pk for e in waiting]).values_list("status", flat=True)) == {
        "waitlisted"
    }


# --- moving the dates onto another session of a participant ------------------------------------------


@pytest.fixture
def two_sessions():
    """PLT-PINDAH (Mon 3 – Wed 5 August 2026) and PLT-ETIKA “Etika ASN” (10 – 12 August)."""
    moved = TrainingSessionFactory(code="PLT-PINDAH", start_date=date(2026, 8, 3))
    other = TrainingSessionFactory(
        code="PLT-ETIKA", start_date=date(2026, 8, 10), program__title="Etika ASN", program__code="ETIKA"
    )
    return moved, other


def clash_message(names: str, count: int) -> str:
    sessions = _("session %(code)s “%(title)s” (%(start)s – %(end)s)") % {
        "code": "PLT-ETIKA",
        "title": "Etika ASN",
        "start": services._long_date(date(2026, 8, 10)),
        "end": services._long_date(date(2026, 8, 12)),
    }
    return ngettext(
        "The new dates overlap another session of %(count)d participant: %(names)s, enrolled in "
        "%(sessions)s. Choose other dates, or settle the overlapping enrolments first.",
        "The new dates overlap another session of %(count)d participants: %(names)s, enrolled in "
        "%(sessions)s. Choose other dates, or settle the overlapping enrolments first.",
        count,
    ) % {"count": count, "names": names, "sessions": sessions}


@pytest.mark.parametrize("status", UNSETTLED)
def test_moving_the_dates_onto_another_session_of_a_participant_is_refused(manager, two_sessions, status):
    moved, other = two_sessions
    ani = EmployeeFactory(full_name="Ani Lestari")
    EnrolmentFactory(session=moved, employee=ani, status=status)
    EnrolmentFactory(session=other, employee=ani, status="approved")
    before = snapshot()
    with pytest.raises(TrainingInputError) as caught:
        session_update(session=moved, actor=manager, start_date=date(2026, 8, 12), end_date=date(2026, 8, 13))
    assert caught.value.fields == {"start_date": clash_message("Ani Lestari", 1)}
    assert snapshot() == before


def test_the_clash_names_a_few_participants_and_counts_the_rest(manager, two_sessions):
    moved, other = two_sessions
    for name in ("Eko", "Citra", "Ani", "Dedi", "Budi"):
        person = EmployeeFactory(full_name=name)
        EnrolmentFactory(session=moved, employee=person, status="confirmed")
        EnrolmentFactory(session=other, employee=person, status="completed")
    with pytest.raises(TrainingInputError) as caught:
        session_update(session=moved, actor=manager, start_date=date(2026, 8, 10), end_date=date(2026, 8, 10))
    names = _("%(names)s and %(count)d more") % {"names": "Ani, Budi, Citra", "count": 2}
    assert caught.value.fields == {"start_date": clash_message(names, 5)}


@pytest.mark.parametrize(
    ("here", "there"),
    [
        ("withdrawn", "approved"),  # no longer enrolled here
        ("rejected", "confirmed"),
        ("confirmed", "withdrawn"),  # no longer enrolled there
        ("confirmed", "cancelled"),
        ("waitlisted", "rejected"),
    ],
)
def test_moving_the_dates_counts_only_live_enrolments(manager, two_sessions, here, there):
    moved, other = two_sessions
    ani = EmployeeFactory(full_name="Ani Lestari")
    EnrolmentFactory(session=moved, employee=ani, status=here)
    EnrolmentFactory(session=other, employee=ani, status=there)
    session_update(session=moved, actor=manager, start_date=date(2026, 8, 12), end_date=date(2026, 8, 13))
    moved.refresh_from_db()
    assert (moved.start_date, moved.end_date) == (date(2026, 8, 12), date(2026, 8, 13))


def test_moving_the_dates_next_to_another_session_is_fine(manager, two_sessions):
    moved, other = two_sessions
    ani = EmployeeFactory(full_name="Ani Lestari")
    EnrolmentFactory(session=moved, employee=ani, status="confirmed")
    EnrolmentFactory(session=other, employee=ani, status="confirmed")
    session_update(session=moved, actor=manager, start_date=date(2026, 8, 6), end_date=date(2026, 8, 7))
    moved.refresh_from_db()
    assert (moved.start_date, moved.end_date) == (date(2026, 8, 6), date(2026, 8, 7))


# --- who may change the catalogue --------------------------------------------------------------

CATALOGUE_CALLS = {
    "program_create": lambda w, actor: program_create(**program_kwargs(), actor=actor),
    "program_update": lambda w, actor: program_update(program=w["program"], actor=actor, jp=32),
    "program_competencies_set": lambda w, actor: program_competencies_set(
        program=w["program"], targets=[(competency("M.01"), 3)], actor=actor
    ),
    "session_create": lambda w, actor: session_create(
        **session_kwargs(w["program"], w["agency"]), actor=actor
    ),
    "session_update": lambda w, actor: session_update(session=w["session"], actor=actor, capacity=25),
    "session_transition": lambda w, actor: session_transition(
        session=w["session"], action=A.CLOSE, actor=actor
    ),
}
CATALOGUE_ROLES = {
    "training_manager": True,
    "province_admin": True,
    "system": True,  # actor None: the demo loader, scheduled tasks
    "agency_admin": False,
    "leader": False,
    "employee": False,
}
CATALOGUE_TABLE = [
    (role, call, allowed) for role, allowed in CATALOGUE_ROLES.items() for call in CATALOGUE_CALLS
]


@pytest.mark.parametrize(("role", "call", "allowed"), CATALOGUE_TABLE)
def test_who_may_change_the_catalogue(make_user, agency_a, program, role, call, allowed):
    actor = None if role == "system" else make_user(role, agency_a, username=f"u-{role}")
    world = {
        "program": program,
        "agency": agency_a,
        "session": TrainingSessionFactory(code="PLT-ADA", program=program, capacity=20),
    }
    before = snapshot()
    if allowed:
        CATALOGUE_CALLS[call](world, actor)
        assert snapshot() != before
        assert AuditEvent.objects.latest("id").actor_id == (actor.pk if actor else None)
        return
    with pytest.raises(PermissionDenied) as caught:
        CATALOGUE_CALLS[call](world, actor)
    assert caught.value.message == _(
        "Only a training manager or a province administrator can change programs and sessions."
    )
    assert snapshot() == before
