"""Pages of the catalogue, programs, sessions and the calendar: who may open them, what
they show, what the forms write, and how many queries the lists take."""

from datetime import date, time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from penata.accounts.models import Role
from penata.competency.tests.factories import competency
from penata.core.models import AuditEvent
from penata.training.models import Program, ProgramCompetency, SessionDay, SessionStatus, TrainingSession
from penata.training.services import programs as services
from penata.workforce.tests.factories import EmployeeFactory

from .factories import ProgramCompetencyFactory, ProgramFactory, TrainingSessionFactory

pytestmark = pytest.mark.django_db

S = SessionStatus
CATALOGUE = reverse("training:catalogue")
CALENDAR = reverse("training:calendar")
SESSIONS = reverse("training:session-list")
PROGRAM_CREATE = reverse("training:program-create")
SESSION_CREATE = reverse("training:session-create")


def in_days(n: int) -> date:
    return timezone.localdate() + timedelta(days=n)


@pytest.fixture
def users(make_user, agency_a):
    employee = EmployeeFactory()
    return {
        "citizen": make_user(Role.CITIZEN, None, username="warga"),
        "employee": make_user(Role.EMPLOYEE, employee.agency, username="asn", employee=employee),
        "agency_admin": make_user(Role.AGENCY_ADMIN, agency_a, username="admin_a"),
        "complaint_officer": make_user(Role.COMPLAINT_OFFICER, agency_a, username="officer"),
        "leader": make_user(Role.LEADER, agency_a, username="sekda"),
        "training_manager": make_user(Role.TRAINING_MANAGER, agency_a, username="bpsdm"),
        "province_admin": make_user(Role.PROVINCE_ADMIN, agency_a, username="prov"),
    }


@pytest.fixture
def catalogue_data(agency_a):
    program = ProgramFactory(code="PLT-DIG-01", title="Pelayanan Publik Digital", jp=24)
    ProgramCompetencyFactory(program=program, competency=competency("M.05"), target_level=3)
    session = TrainingSessionFactory(
        program=program, code="DIG-01-A", start_date=in_days(10), organizer=agency_a, status=S.OPEN
    )
    return {"program": program, "session": session}


READ_PAGES = ["catalogue", "calendar", "session-list", "program-detail", "session-detail"]
MANAGE_PAGES = ["program-create", "program-edit", "session-create", "session-edit"]


def page_url(name: str) -> str:
    if name in ("program-detail", "program-edit"):
        return reverse(f"training:{name}", kwargs={"code": "PLT-DIG-01"})
    if name in ("session-detail", "session-edit"):
        return reverse(f"training:{name}", kwargs={"code": "DIG-01-A"})
    return reverse(f"training:{name}")


READERS = {"employee", "agency_admin", "complaint_officer", "leader", "training_manager", "province_admin"}
MANAGERS = {"training_manager", "province_admin"}
ROLES = ["anonymous", "citizen", *sorted(READERS)]
PERMISSIONS = [
    (role, name, 302 if role == "anonymous" else 200 if role in READERS else 403)
    for role in ROLES
    for name in READ_PAGES
] + [
    (role, name, 302 if role == "anonymous" else 200 if role in MANAGERS else 403)
    for role in ROLES
    for name in MANAGE_PAGES
]


@pytest.mark.parametrize(("role", "name", "status"), PERMISSIONS)
def test_permissions(client, users, catalogue_data, role, name, status):
    if role != "anonymous":
        client.force_login(users[role])
    response = client.get(page_url(name))
    assert response.status_code == status
    if status == 302:
        assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("role", ROLES)
def test_status_change_is_for_managers_only(client, users, catalogue_data, role):
    if role != "anonymous":
        client.force_login(users[role])
    url = reverse("training:session-transition", kwargs={"code": "DIG-01-A"})
    response = client.post(url, {"action": "close"})
    expected = 302 if role == "anonymous" or role in MANAGERS else 403
    assert response.status_code == expected
    session = catalogue_data["session"]
    session.refresh_from_db()
    assert session.status == (S.CLOSED if role in MANAGERS else S.OPEN)
    assert AuditEvent.objects.count() == (1 if role in MANAGERS else 0)


@pytest.mark.parametrize(
    "url",
    [
        reverse("training:program-detail", kwargs={"code": "NOPE"}),
        reverse("training:session-detail", kwargs={"code": "NOPE"}),
        reverse("training:program-edit", kwargs={"code": "NOPE"}),
        reverse("training:session-edit", kwargs={"code": "NOPE"}),
    ],
)
def test_unknown_codes_are_404(client, users, url):
    client.force_login(users["training_manager"])
    assert client.get(url).status_code == 404


def test_inactive_program_is_hidden_from_employees(client, users):
    ProgramFactory(code="OLD-01", is_active=False)
    url = reverse("training:program-detail", kwargs={"code": "OLD-01"})
    client.force_login(users["employee"])
    assert client.get(url).status_code == 404
    client.force_login(users["training_manager"])
    assert client.get(url).status_code == 200


# --- catalogue --------------------------------------------------------------------------


def test_catalogue_lists_upcoming_sessions_with_free_seats(client, users, agency_a, catalogue_data):
    program = catalogue_data["program"]
    full = TrainingSessionFactory(program=program, code="DIG-01-FULL", start_date=in_days(20), capacity=2)
    TrainingSession.objects.filter(pk=full.pk).update(seats_taken=2)
    TrainingSessionFactory(program=program, code="DIG-01-PAST", start_date=in_days(-10))
    TrainingSessionFactory(program=program, code="DIG-01-X", start_date=in_days(5), status=S.CANCELLED)
    TrainingSessionFactory(program=program, code="DIG-01-CLOSED", start_date=in_days(5), status=S.CLOSED)
    TrainingSessionFactory(program=program, code="DIG-01-PLAN", start_date=in_days(30), status=S.PLANNED)
    ProgramFactory(code="EMPTY", title="Program tanpa sesi")
    ProgramFactory(code="RETIRED", title="Program lama", is_active=False)
    client.force_login(users["employee"])
    response = client.get(CATALOGUE)
    assert response.status_code == 200
    programs = list(response.context["page"].object_list)
    assert [p.code for p in programs] == ["PLT-DIG-01", "EMPTY"]
    assert [s.code for s in programs[0].upcoming_sessions] == ["DIG-01-A", "DIG-01-PLAN"]
    assert programs[1].upcoming_sessions == []
    html = response.content.decode()
    assert html.count('data-testid="upcoming-session"') == 2
    assert 'data-testid="no-upcoming"' in html
    assert html.count('data-testid="free-seats">sisa 20 tempat') == 2
    assert reverse("training:session-detail", kwargs={"code": "DIG-01-A"}) in html


@pytest.mark.parametrize(
    ("query", "codes"),
    [
        ("q=digital", ["PLT-DIG-01"]),
        ("form=seminar", ["SEM-01"]),
        ("focus=soft_skills", ["SEM-01"]),
        ("modality=online", ["SEM-01"]),
        ("competency=M.05", ["PLT-DIG-01"]),
        ("place=ternate", ["SEM-01"]),
        ("place=Labuha", []),
    ],
)
def test_catalogue_filters(client, users, catalogue_data, query, codes):
    seminar = ProgramFactory(
        code="SEM-01", title="Seminar Etika", form="seminar", focus="soft_skills", modality="online"
    )
    TrainingSessionFactory(program=seminar, code="SEM-01-A", start_date=in_days(3), place="Ternate")
    client.force_login(users["employee"])
    response = client.get(f"{CATALOGUE}?{query}")
    assert [p.code for p in response.context["page"].object_list] == codes


def test_catalogue_htmx_request_gets_only_the_results(client, users, catalogue_data):
    client.force_login(users["employee"])
    response = client.get(CATALOGUE, {"q": "digital"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert 'data-testid="program-card"' in html
    assert "<html" not in html


@pytest.mark.parametrize("count", [1, 8])
def test_catalogue_query_count_does_not_grow(client, users, agency_a, django_assert_num_queries, count):
    for n in range(count):
        program = ProgramFactory(code=f"P-{n:02d}")
        ProgramCompetencyFactory(program=program, competency=competency("M.01"), target_level=2)
        for k in range(2):
            TrainingSessionFactory(
                program=program, code=f"P-{n:02d}-{k}", start_date=in_days(3 + k), organizer=agency_a
            )
    client.force_login(users["employee"])
    # session, user, competency choices, count, programs page, their sessions, their targets
    with django_assert_num_queries(7):
        response = client.get(CATALOGUE)
    assert len(response.context["page"].object_list) == count


# --- session list -------------------------------------------------------------------------


def test_session_list_puts_upcoming_first(client, users, agency_a):
    program = ProgramFactory(code="P1")
    for code, start in (("PAST-2", -40), ("SOON", 2), ("PAST-1", -10), ("LATER", 30), ("NOW", -1)):
        TrainingSessionFactory(program=program, code=code, start_date=in_days(start))
    client.force_login(users["employee"])
    response = client.get(SESSIONS)
    # NOW started yesterday and ends tomorrow: still current.
    assert [s.code for s in response.context["page"].object_list] == [
        "NOW",
        "SOON",
        "LATER",
        "PAST-1",
        "PAST-2",
    ]


def test_session_list_filters(client, users, agency_a, agency_b):
    program = ProgramFactory(code="P1")
    other = ProgramFactory(code="P2", title="Kepemimpinan")
    TrainingSessionFactory(program=program, code="A", start_date=date(2026, 3, 2), organizer=agency_a)
    TrainingSessionFactory(
        program=program, code="B", start_date=date(2026, 4, 6), organizer=agency_b, place="Ternate"
    )
    TrainingSessionFactory(
        program=other, code="C", start_date=date(2026, 4, 28), organizer=agency_a, status=S.PLANNED
    )
    client.force_login(users["employee"])

    def codes(**params):
        response = client.get(SESSIONS, params)
        return sorted(s.code for s in response.context["page"].object_list)

    assert codes(date_from="2026-03-04", date_to="2026-04-06") == ["A", "B"]
    assert codes(date_from="2026-03-05") == ["B", "C"]
    assert codes(place="tern") == ["B"]
    assert codes(status="planned") == ["C"]
    assert codes(program="P2") == ["C"]
    assert codes(agency="DINA") == ["A", "C"]
    assert codes(q="kepemimpinan") == ["C"]
    # An impossible range says so and filters nothing.
    response = client.get(SESSIONS, {"date_from": "2026-05-01", "date_to": "2026-04-01"})
    assert response.context["form"].errors == {"date_to": [_("The end of the range is before its start.")]}


@pytest.mark.parametrize("count", [1, 12])
def test_session_list_query_count_does_not_grow(client, users, agency_a, django_assert_num_queries, count):
    for n in range(count):
        TrainingSessionFactory(code=f"S-{n:02d}", organizer=agency_a)
    client.force_login(users["employee"])
    # session, user, count, page (with program and organiser), program and agency choices
    with django_assert_num_queries(6):
        response = client.get(SESSIONS)
    assert len(response.context["page"].object_list) == count


def test_session_list_is_paginated(client, users, agency_a):
    program = ProgramFactory(code="P1")
    for n in range(27):
        TrainingSessionFactory(program=program, code=f"S-{n:02d}", organizer=agency_a, schedule=False)
    client.force_login(users["employee"])
    first = client.get(SESSIONS)
    second = client.get(SESSIONS, {"page": 2})
    assert len(first.context["page"].object_list) == 25
    assert len(second.context["page"].object_list) == 2


# --- calendar ---------------------------------------------------------------------------


def test_calendar_shows_sessions_as_bars_per_week(client, users, agency_a):
    program = ProgramFactory(code="P1", title="Bimtek Arsip")
    # Fri 27 February – Tue 3 March 2026: two weeks of February's grid, one of March's.
    TrainingSessionFactory(
        program=program,
        code="ACROSS",
        start_date=date(2026, 2, 27),
        end_date=date(2026, 3, 3),
        organizer=agency_a,
    )
    TrainingSessionFactory(program=program, code="MID", start_date=date(2026, 3, 10), organizer=agency_a)
    TrainingSessionFactory(program=program, code="SAME", start_date=date(2026, 3, 11), organizer=agency_a)
    TrainingSessionFactory(program=program, code="GONE", start_date=date(2026, 3, 10), status=S.CANCELLED)
    TrainingSessionFactory(program=program, code="APRIL", start_date=date(2026, 4, 1), organizer=agency_a)
    client.force_login(users["employee"])
    response = client.get(CALENDAR, {"month": "2026-03"})
    calendar = response.context["calendar"]
    # The list below the grid has the month's sessions; the grid shows April's first days too.
    assert [s.code for s in calendar.sessions] == ["ACROSS", "MID", "SAME"]
    # March 2026 starts on a Sunday: the grid runs from Mon 23 February to Sun 5 April.
    assert (calendar.weeks[0].days[0].date, calendar.weeks[-1].days[-1].date) == (
        date(2026, 2, 23),
        date(2026, 4, 5),
    )
    assert len(calendar.weeks) == 6
    bars = [
        (
            week_index,
            bar.session.code,
            bar.column,
            bar.span,
            bar.lane,
            bar.continues_before,
            bar.continues_after,
        )
        for week_index, week in enumerate(calendar.weeks)
        for bar in week.bars
    ]
    assert bars == [
        (0, "ACROSS", 5, 3, 0, False, True),
        (1, "ACROSS", 1, 2, 0, True, False),
        (2, "MID", 2, 3, 0, False, False),
        (2, "SAME", 3, 3, 1, False, False),
        (5, "APRIL", 3, 3, 0, False, False),
    ]
    html = response.content.decode()
    assert html.count('data-testid="calendar-bar"') == 5
    assert html.count('data-testid="calendar-entry"') == 3
    assert "Maret 2026" in html
    assert "?month=2026-02" in html and "?month=2026-04" in html


@pytest.mark.parametrize("month", ["", "2026-13", "abc", "1999-01", "2026-3"])
def test_calendar_falls_back_to_this_month(client, users, month):
    client.force_login(users["employee"])
    response = client.get(CALENDAR, {"month": month})
    assert response.status_code == 200
    assert response.context["month"] == timezone.localdate().replace(day=1)


@pytest.mark.parametrize("count", [1, 10])
def test_calendar_query_count_does_not_grow(client, users, agency_a, django_assert_num_queries, count):
    for n in range(count):
        TrainingSessionFactory(code=f"C-{n:02d}", start_date=date(2026, 3, 2 + n), organizer=agency_a)
    client.force_login(users["employee"])
    # session, user, the month's sessions
    with django_assert_num_queries(3):
        response = client.get(CALENDAR, {"month": "2026-03"})
    assert len(response.context["calendar"].sessions) == count


# --- detail pages -----------------------------------------------------------------------


def test_session_detail_shows_program_schedule_and_competencies(client, users, catalogue_data):
    session = catalogue_data["session"]
    SessionDay.objects.filter(session=session, date=session.start_date).update(topic="Pembukaan")
    client.force_login(users["employee"])
    response = client.get(reverse("training:session-detail", kwargs={"code": "DIG-01-A"}))
    html = response.content.decode()
    assert response.context["days"] == list(SessionDay.objects.filter(session=session).order_by("date"))
    assert html.count('data-testid="schedule-day"') == 3
    assert "Pembukaan" in html
    assert 'data-testid="target" data-code="M.05" data-level="3"' in html
    assert "Dr. Rahma Sangadji<br>Ir. Yusuf Abdullah" in html
    assert '<span class="seats" data-testid="free-seats">20</span>' in html
    assert 'data-testid="enrolment-panel"' in html
    # An employee gets no management buttons.
    assert 'data-testid="session-actions"' not in html
    assert response.context["actions"] == []


def test_session_detail_gives_managers_the_allowed_actions(client, users, catalogue_data):
    client.force_login(users["training_manager"])
    response = client.get(reverse("training:session-detail", kwargs={"code": "DIG-01-A"}))
    assert [a["value"] for a in response.context["actions"]] == ["close", "cancel"]
    html = response.content.decode()
    assert 'data-testid="action-close"' in html and 'data-testid="action-cancel"' in html


def test_session_detail_dates_are_indonesian(client, users, agency_a):
    TrainingSessionFactory(
        code="X", start_date=date(2026, 3, 30), end_date=date(2026, 4, 1), organizer=agency_a
    )
    client.force_login(users["employee"])
    html = client.get(reverse("training:session-detail", kwargs={"code": "X"})).content.decode()
    assert "30 Maret – 1 April 2026" in html
    assert "Senin, 30 Maret 2026" in html


def test_program_detail_lists_its_sessions(client, users, catalogue_data):
    program = catalogue_data["program"]
    TrainingSessionFactory(program=program, code="DIG-01-OLD", start_date=in_days(-30))
    TrainingSessionFactory(program=program, code="DIG-01-X", start_date=in_days(40), status=S.CANCELLED)
    client.force_login(users["employee"])
    response = client.get(reverse("training:program-detail", kwargs={"code": "PLT-DIG-01"}))
    assert [s.code for s in response.context["page"].object_list] == ["DIG-01-A", "DIG-01-OLD"]
    client.force_login(users["training_manager"])
    response = client.get(reverse("training:program-detail", kwargs={"code": "PLT-DIG-01"}))
    assert [s.code for s in response.context["page"].object_list] == ["DIG-01-A", "DIG-01-X", "DIG-01-OLD"]


# --- managing programs ------------------------------------------------------------------


def program_post(**overrides):
    data = {
        "code": "PLT-SK-01",
        "title": "Komunikasi Pelayanan Prima",
        "form": "workshop",
        "focus": "soft_skills",
        "modality": "blended",
        "jp": "32",
        "provider": "BPSDM Provinsi Maluku Utara",
        "description": "Melayani warga dengan empati.",
        "prerequisites": "",
        "attendance_min_percent": "80",
        "target-TOTAL_FORMS": "3",
        "target-INITIAL_FORMS": "0",
        "target-0-competency": "M.05",
        "target-0-level": "3",
        "target-1-competency": "SK.01",
        "target-1-level": "2",
        "target-2-competency": "",
        "target-2-level": "",
    }
    data.update(overrides)
    return data


def test_program_create_page_writes_the_program(client, users):
    client.force_login(users["training_manager"])
    response = client.post(PROGRAM_CREATE, program_post())
    assert response.status_code == 302
    assert response["Location"] == reverse("training:program-detail", kwargs={"code": "PLT-SK-01"})
    program = Program.objects.get(code="PLT-SK-01")
    assert (program.jp, program.modality) == (32, "blended")
    assert sorted(program.targets.values_list("competency__code", "target_level")) == [
        ("M.05", 3),
        ("SK.01", 2),
    ]


@pytest.mark.parametrize(
    ("overrides", "error_field"),
    [
        ({"jp": "0"}, "jp"),
        ({"attendance_min_percent": "120"}, "attendance_min_percent"),
        ({"target-1-competency": "M.05"}, None),
        ({"target-1-level": ""}, "level"),
    ],
)
def test_program_create_page_refuses_bad_input(client, users, overrides, error_field):
    client.force_login(users["training_manager"])
    response = client.post(PROGRAM_CREATE, program_post(**overrides))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-testid="form-errors"' in html
    if error_field:
        assert f'data-testid="error-{error_field}"' in html
    else:
        assert 'data-testid="error-targets"' in html
        assert _("The competency %(code)s is listed twice.") % {"code": "M.05"} in html
    assert Program.objects.count() == 0
    assert ProgramCompetency.objects.count() == 0
    assert AuditEvent.objects.count() == 0


def test_program_edit_page_updates_fields_and_targets(client, users, catalogue_data):
    client.force_login(users["training_manager"])
    url = reverse("training:program-edit", kwargs={"code": "PLT-DIG-01"})
    form = client.get(url).context["targets"]
    assert [f.initial for f in form.forms[:1]] == [{"competency": "M.05", "level": "3"}]
    data = program_post(
        title="Pelayanan Publik Digital Lanjutan",
        jp="40",
        is_active="on",
        **{
            "target-TOTAL_FORMS": "2",
            "target-INITIAL_FORMS": "1",
            "target-0-competency": "M.05",
            "target-0-level": "4",
            "target-1-competency": "",
            "target-1-level": "",
        },
    )
    response = client.post(url, data)
    assert response.status_code == 302
    program = catalogue_data["program"]
    program.refresh_from_db()
    assert (program.code, program.title, program.jp, program.is_active) == (
        "PLT-DIG-01",
        "Pelayanan Publik Digital Lanjutan",
        40,
        True,
    )
    assert list(program.targets.values_list("competency__code", "target_level")) == [("M.05", 4)]


# --- managing sessions ------------------------------------------------------------------


def session_post(**overrides):
    data = {
        "program": "PLT-DIG-01",
        "code": "DIG-01-AUG",
        "start_date": "2026-08-14",
        "end_date": "2026-08-18",
        "place": "Ternate",
        "capacity": "25",
        "organizer": "DINA",
        "trainers": "Dr. Rahma Sangadji\nIr. Yusuf Abdullah",
        "note": "",
        "schedule_mode": "follow_dates",
        "day-TOTAL_FORMS": "1",
        "day-INITIAL_FORMS": "0",
        "day-0-date": "",
        "day-0-starts_at": "",
        "day-0-ends_at": "",
        "day-0-topic": "",
    }
    data.update(overrides)
    return data


def test_session_create_page_with_generated_schedule(client, users, catalogue_data):
    client.force_login(users["training_manager"])
    response = client.post(SESSION_CREATE, session_post())
    assert response.status_code == 302
    assert response["Location"] == reverse("training:session-detail", kwargs={"code": "DIG-01-AUG"})
    session = TrainingSession.objects.get(code="DIG-01-AUG")
    assert (session.status, session.capacity, session.place, session.organizer.code) == (
        S.PLANNED,
        25,
        "Ternate",
        "DINA",
    )
    assert list(session.days.values_list("date", flat=True)) == [date(2026, 8, 14), date(2026, 8, 18)]


def test_session_create_page_with_listed_days(client, users, catalogue_data):
    client.force_login(users["training_manager"])
    data = session_post(
        schedule_mode="listed",
        **{
            "day-TOTAL_FORMS": "2",
            "day-0-date": "2026-08-15",
            "day-0-starts_at": "07:30",
            "day-0-ends_at": "12:00",
            "day-0-topic": "Outbound",
            "day-1-date": "2026-08-18",
        },
    )
    response = client.post(SESSION_CREATE, data)
    assert response.status_code == 302
    session = TrainingSession.objects.get(code="DIG-01-AUG")
    assert list(session.days.values_list("date", "starts_at", "ends_at", "topic")) == [
        (date(2026, 8, 15), time(7, 30), time(12), "Outbound"),
        (date(2026, 8, 18), time(8), time(16), ""),
    ]


@pytest.mark.parametrize(
    ("overrides", "testid", "message"),
    [
        ({"capacity": "0"}, "error-capacity", lambda: _("The capacity must be at least 1 seat.")),
        ({"capacity": "-4"}, "error-capacity", lambda: _("The capacity must be at least 1 seat.")),
        (
            {"end_date": "2026-08-10"},
            "error-end_date",
            lambda: (
                _("The end date (%(end)s) is before the start date (%(start)s).")
                % {
                    "end": services._long_date(date(2026, 8, 10)),
                    "start": services._long_date(date(2026, 8, 14)),
                }
            ),
        ),
        (
            {"schedule_mode": "listed", "day-0-date": "2026-08-20"},
            "error-days",
            lambda: (
                _("%(day)s is outside the session's dates (%(start)s – %(end)s).")
                % {
                    "day": services._long_date(date(2026, 8, 20)),
                    "start": services._long_date(date(2026, 8, 14)),
                    "end": services._long_date(date(2026, 8, 18)),
                }
            ),
        ),
    ],
)
def test_session_create_page_refuses_bad_input(client, users, catalogue_data, overrides, testid, message):
    client.force_login(users["training_manager"])
    sessions_before, days_before, events_before = (
        TrainingSession.objects.count(),
        SessionDay.objects.count(),
        AuditEvent.objects.count(),
    )
    response = client.post(SESSION_CREATE, session_post(**overrides))
    assert response.status_code == 200
    html = response.content.decode()
    assert f'data-testid="{testid}"' in html
    assert str(message()).replace("'", "&#x27;") in html
    assert (TrainingSession.objects.count(), SessionDay.objects.count(), AuditEvent.objects.count()) == (
        sessions_before,
        days_before,
        events_before,
    )


def test_session_edit_page_edits_the_schedule(client, users, catalogue_data):
    session = catalogue_data["session"]
    days = list(session.days.order_by("date"))
    client.force_login(users["training_manager"])
    url = reverse("training:session-edit", kwargs={"code": session.code})
    response = client.get(url)
    assert response.context["form"]["schedule_mode"].value() == "listed"
    assert len(response.context["days"].forms) == 4  # three days and one blank row
    data = session_post(
        schedule_mode="listed",
        capacity="18",
        start_date=session.start_date.isoformat(),
        end_date=session.end_date.isoformat(),
        **{"day-TOTAL_FORMS": "4", "day-INITIAL_FORMS": "3"},
    )
    for n, day in enumerate(days):
        data.update(
            {
                f"day-{n}-date": day.date.isoformat(),
                f"day-{n}-starts_at": "09:00" if n == 0 else "08:00",
                f"day-{n}-ends_at": "16:00",
                f"day-{n}-topic": "Pembukaan" if n == 0 else "",
            }
        )
    data["day-2-DELETE"] = "on"
    data.update({"day-3-date": "", "day-3-starts_at": "", "day-3-ends_at": "", "day-3-topic": ""})
    response = client.post(url, data)
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.capacity == 18
    assert list(session.days.values_list("date", "starts_at", "topic")) == [
        (days[0].date, time(9), "Pembukaan"),
        (days[1].date, time(8), ""),
    ]


def test_session_edit_of_a_cancelled_session_goes_back(client, users, catalogue_data):
    session = catalogue_data["session"]
    TrainingSession.objects.filter(pk=session.pk).update(status=S.CANCELLED)
    client.force_login(users["training_manager"])
    response = client.get(reverse("training:session-edit", kwargs={"code": session.code}))
    assert response.status_code == 302
    assert response["Location"] == reverse("training:session-detail", kwargs={"code": session.code})


def test_status_buttons_move_the_session(client, users, catalogue_data):
    session = catalogue_data["session"]
    client.force_login(users["training_manager"])
    url = reverse("training:session-transition", kwargs={"code": session.code})
    response = client.post(url, {"action": "close"}, follow=True)
    assert response.redirect_chain == [
        (reverse("training:session-detail", kwargs={"code": session.code}), 302)
    ]
    assert [a["value"] for a in response.context["actions"]] == ["reopen", "complete", "cancel"]
    # Completing before the last day is refused with the service's message.
    response = client.post(url, {"action": "complete"}, follow=True)
    messages = [str(m) for m in response.context["messages"]]
    assert messages == [
        _("The session has not ended yet: it can be completed from %(day)s on.")
        % {"day": services._long_date(session.end_date)}
    ]
    session.refresh_from_db()
    assert session.status == S.CLOSED
    response = client.post(url, {"action": "bogus"})
    assert response.status_code == 302
    assert AuditEvent.objects.count() == 1


def test_status_change_needs_post(client, users, catalogue_data):
    client.force_login(users["training_manager"])
    url = reverse("training:session-transition", kwargs={"code": "DIG-01-A"})
    assert client.get(url).status_code == 405
