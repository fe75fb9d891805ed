"""Enrolment pages: who may open what, the panel on the session page, approvals, the
roster with attendance and the Excel export.

The clock stands on Fri 27 February 2026, before the session (Mon 2 – Wed 4 March 2026);
attendance and the end of the session are tested on its last day (``last_day``)."""

from datetime import date
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from penata.accounts.models import Role
from penata.core.models import AuditEvent
from penata.training.models import Attendance, Enrolment, EnrolmentStatus, SessionStatus, TrainingSession
from penata.training.selectors_enrolment import employee_for_nomination
from penata.workforce.tests.factories import EmployeeFactory

from .clock import set_today  # noqa: F401
from .enrolment_world import confirmed_in, snapshot, world_fixture  # noqa: F401
from .factories import EnrolmentFactory, TrainingSessionFactory

pytestmark = pytest.mark.django_db

S = EnrolmentStatus
CODE = "PLT-DIG-01-2026-01"
MY = reverse("training:my-enrolments")
APPROVALS = reverse("training:approvals")
NOMINATE = reverse("training:enrolment-nominate")
ROSTER = reverse("training:session-roster", kwargs={"code": CODE})
EXPORT = reverse("training:session-roster-export", kwargs={"code": CODE})
REQUEST = reverse("training:enrolment-request", kwargs={"code": CODE})
FINISH = reverse("training:session-finish", kwargs={"code": CODE})
DETAIL = reverse("training:session-detail", kwargs={"code": CODE})
BEFORE = date(2026, 2, 27)
LAST_DAY = date(2026, 3, 4)


@pytest.fixture(autouse=True)
def before_the_session(set_today):  # noqa: F811
    set_today(BEFORE)


@pytest.fixture
def last_day(set_today):  # noqa: F811
    set_today(LAST_DAY)


def url(name: str, **kwargs) -> str:
    return reverse(f"training:{name}", kwargs=kwargs)


def user_of(world, who: str):
    return {
        "anonymous": None,
        "employee": world.ani_user,
        "agency_admin": world.admin_a,
        "other_agency_admin": world.admin_b,
        "manager": world.manager,
        "province_admin": world.province_admin,
        "leader": world.leader,
    }[who]


# --- who may open what ----------------------------------------------------------------------------

PAGES = [
    # (who, page, status)
    ("anonymous", MY, 302),
    ("employee", MY, 200),
    ("manager", MY, 200),  # no employee record: a page that says so
    ("anonymous", APPROVALS, 302),
    ("employee", APPROVALS, 403),
    ("leader", APPROVALS, 403),
    ("agency_admin", APPROVALS, 200),
    ("manager", APPROVALS, 200),
    ("province_admin", APPROVALS, 200),
    ("anonymous", ROSTER, 302),
    ("employee", ROSTER, 403),
    ("agency_admin", ROSTER, 403),
    ("leader", ROSTER, 403),
    ("manager", ROSTER, 200),
    ("province_admin", ROSTER, 200),
    ("employee", EXPORT, 403),
    ("agency_admin", EXPORT, 403),
    ("manager", EXPORT, 200),
    ("manager", url("session-roster", code="NOPE"), 404),
]


@pytest.mark.parametrize(("who", "page", "status"), PAGES)
def test_who_may_open_which_page(client, world, who, page, status):
    user = user_of(world, who)
    if user is not None:
        client.force_login(user)
    assert client.get(page).status_code == status


ACTIONS = [
    # (who, url name, enrolment status, status, changed)
    ("employee", "enrolment-approve", S.PENDING_APPROVAL, 403, False),
    ("leader", "enrolment-approve", S.PENDING_APPROVAL, 403, False),
    ("other_agency_admin", "enrolment-approve", S.PENDING_APPROVAL, 404, False),
    ("agency_admin", "enrolment-approve", S.PENDING_APPROVAL, 302, True),
    ("other_agency_admin", "enrolment-reject", S.PENDING_APPROVAL, 404, False),
    ("agency_admin", "enrolment-reject", S.PENDING_APPROVAL, 302, True),
    ("agency_admin", "enrolment-confirm", S.APPROVED, 403, False),
    ("employee", "enrolment-confirm", S.APPROVED, 403, False),
    ("manager", "enrolment-confirm", S.APPROVED, 302, True),
    ("agency_admin", "enrolment-waitlist", S.APPROVED, 403, False),
    ("manager", "enrolment-waitlist", S.APPROVED, 302, True),
    ("employee", "enrolment-withdraw", S.PENDING_APPROVAL, 302, True),
    ("other_agency_admin", "enrolment-withdraw", S.PENDING_APPROVAL, 404, False),
    ("leader", "enrolment-withdraw", S.PENDING_APPROVAL, 404, False),
    ("complaint_verifier", "enrolment-withdraw", S.PENDING_APPROVAL, 404, False),
    ("complaint_officer", "enrolment-withdraw", S.PENDING_APPROVAL, 404, False),
    ("province_admin", "enrolment-withdraw", S.PENDING_APPROVAL, 302, True),
    ("manager", "enrolment-withdraw", S.PENDING_APPROVAL, 302, True),
    ("agency_admin", "enrolment-withdraw", S.PENDING_APPROVAL, 302, True),
]


@pytest.mark.parametrize(("who", "name", "start", "status", "changed"), ACTIONS)
def test_who_may_act_on_an_enrolment(client, world, make_user, who, name, start, status, changed):
    enrolment = EnrolmentFactory(session=world.session, employee=world.ani, status=start)
    if who in ("complaint_verifier", "complaint_officer"):
        user = make_user(who, world.agency_a, username=who)
    else:
        user = user_of(world, who)
    client.force_login(user)
    before = snapshot()
    response = client.post(url(name, pk=enrolment.pk), {"reason": "Tidak sesuai kebutuhan unit."})
    assert response.status_code == status
    assert (snapshot() != before) is changed


@pytest.mark.parametrize("role", ["leader", "complaint_verifier"])
def test_a_reading_role_cannot_tell_an_enrolment_exists_from_an_action(client, world, make_user, role):
    enrolment = EnrolmentFactory(session=world.session, employee=world.ani, status=S.PENDING_APPROVAL)
    client.force_login(make_user(role, world.agency_a, username="reader"))
    before = snapshot()
    existing = client.post(url("enrolment-withdraw", pk=enrolment.pk))
    missing = client.post(url("enrolment-withdraw", pk=enrolment.pk + 1000))
    assert (existing.status_code, missing.status_code) == (404, 404)
    assert snapshot() == before


def test_a_leader_with_an_employee_record_withdraws_their_own_enrolment(client, world, make_user):
    head = EmployeeFactory(agency=world.agency_a, full_name="Kepala Dinas")
    own = EnrolmentFactory(session=world.session, employee=head, status=S.PENDING_APPROVAL)
    other = EnrolmentFactory(session=world.session, employee=world.ani, status=S.PENDING_APPROVAL)
    client.force_login(make_user("leader", world.agency_a, username="kepala", employee=head))
    assert client.post(url("enrolment-withdraw", pk=other.pk)).status_code == 404
    assert client.post(url("enrolment-withdraw", pk=own.pk)).status_code == 302
    own.refresh_from_db()
    other.refresh_from_db()
    assert (own.status, other.status) == (S.WITHDRAWN, S.PENDING_APPROVAL)


def test_an_employee_cannot_see_a_colleagues_enrolment(client, world):
    enrolment = EnrolmentFactory(session=world.session, employee=world.budi, status=S.PENDING_APPROVAL)
    client.force_login(world.ani_user)
    assert client.post(url("enrolment-withdraw", pk=enrolment.pk)).status_code == 404
    enrolment.refresh_from_db()
    assert enrolment.status == S.PENDING_APPROVAL


@pytest.mark.parametrize("who", ["employee", "agency_admin"])
def test_attendance_finish_and_promotion_are_the_managers(client, world, who):
    confirmed_in(world.session, world.ani)
    client.force_login(user_of(world, who))
    before = snapshot()
    for page in (
        url("session-attendance", code=CODE, day="2026-03-02"),
        FINISH,
        url("session-waitlist-promote", code=CODE),
    ):
        assert client.post(page, {"present": []}).status_code == 403
    assert snapshot() == before


# --- the employee -----------------------------------------------------------------------------------


def test_an_employee_requests_a_seat_from_the_session_page(client, world):
    client.force_login(world.ani_user)
    response = client.get(DETAIL)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-testid="request-form"' in html
    assert 'data-testid="panel-full"' not in html

    response = client.post(REQUEST, {"motivation": "Untuk layanan izin daring.", "next": DETAIL})
    assert response.status_code == 302
    assert response["Location"] == DETAIL
    enrolment = Enrolment.objects.get()
    assert (enrolment.employee_id, enrolment.status, enrolment.motivation) == (
        world.ani.pk,
        S.PENDING_APPROVAL,
        "Untuk layanan izin daring.",
    )
    html = client.get(DETAIL).content.decode()
    assert 'data-status="pending_approval"' in html
    assert 'data-testid="panel-withdraw"' in html
    assert 'data-testid="request-form"' not in html


def test_the_panel_warns_when_the_session_is_full(client, world):
    confirmed_in(world.session, world.budi)
    confirmed_in(world.session, world.citra)
    client.force_login(world.ani_user)
    html = client.get(DETAIL).content.decode()
    assert 'data-testid="panel-full"' in html
    assert 'data-testid="request-seat"' in html


def test_the_panel_shows_the_place_on_the_waiting_list(client, world):
    EnrolmentFactory(session=world.session, status=S.WAITLISTED, waitlisted_at=world.session.created_at)
    EnrolmentFactory(
        session=world.session, employee=world.ani, status=S.WAITLISTED, waitlisted_at=world.session.updated_at
    )
    client.force_login(world.ani_user)
    response = client.get(DETAIL)
    assert 'data-testid="panel-waitlist-position"' in response.content.decode()
    client.force_login(world.ani_user)
    response = client.get(MY)
    assert [e.waitlist_position for e in response.context["enrolments"]] == [2]


def test_a_retired_employee_gets_a_clear_error_and_nothing_is_written(client, world):
    world.ani.status = "retired"
    world.ani.save()
    client.force_login(world.ani_user)
    before = snapshot()
    response = client.post(REQUEST, follow=True)
    assert snapshot() == before
    messages = [str(m) for m in response.context["messages"]]
    assert len(messages) == 1
    assert "Ani Lestari" in messages[0]
    assert world.ani.nip in messages[0]


def test_a_user_without_an_employee_record_cannot_request(client, world):
    client.force_login(world.manager)
    assert client.post(REQUEST).status_code == 403
    assert Enrolment.objects.count() == 0


def test_my_training_lists_own_enrolments_only(client, world, django_assert_num_queries):
    EnrolmentFactory(session=world.session, employee=world.ani, status=S.CONFIRMED)
    EnrolmentFactory(session=world.session, employee=world.budi, status=S.PENDING_APPROVAL)
    client.force_login(world.ani_user)
    # session, user, employee, enrolments with sessions and programs; ratings due,
    # needs (with the programs that close them) and certificates, one query each
    with django_assert_num_queries(7):
        response = client.get(MY)
    assert [(e.employee_id, e.status) for e in response.context["enrolments"]] == [
        (world.ani.pk, S.CONFIRMED)
    ]
    assert 'data-testid="withdraw"' in response.content.decode()


@pytest.mark.parametrize("sessions", [1, 3])
def test_my_training_places_on_waiting_lists_in_one_query(client, world, django_assert_num_queries, sessions):
    """Ani waits in ``sessions`` sessions, behind 0, 1, 2 others; someone who joined the list
    after her and someone withdrawn do not count."""
    from datetime import datetime, timedelta

    from penata.core.workdays import WIT

    first = datetime(2026, 2, 1, 9, 0, tzinfo=WIT)
    mine = []
    for index in range(sessions):
        session = TrainingSessionFactory(start_date=date(2026, 4 + index, 6))
        for ahead in range(index):
            EnrolmentFactory(
                session=session, status=S.WAITLISTED, waitlisted_at=first + timedelta(hours=ahead)
            )
        EnrolmentFactory(session=session, status=S.WITHDRAWN, waitlisted_at=first - timedelta(days=1))
        mine.append(
            EnrolmentFactory(
                session=session,
                employee=world.ani,
                status=S.WAITLISTED,
                waitlisted_at=first + timedelta(days=1),
            )
        )
        EnrolmentFactory(session=session, status=S.WAITLISTED, waitlisted_at=first + timedelta(days=2))
    EnrolmentFactory(session=world.session, employee=world.ani, status=S.CONFIRMED)
    client.force_login(world.ani_user)
    # as without a waiting list, and one query for the places on every list
    with django_assert_num_queries(8):
        response = client.get(MY)
    places = {e.pk: getattr(e, "waitlist_position", None) for e in response.context["enrolments"]}
    assert places == {
        **{enrolment.pk: index + 1 for index, enrolment in enumerate(mine)},
        Enrolment.objects.get(employee=world.ani, status=S.CONFIRMED).pk: None,
    }


# --- the agency ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("count", [1, 8])
def test_approvals_list_only_the_agencys_pending_requests(client, world, django_assert_num_queries, count):
    mine = [
        EnrolmentFactory(
            session=world.session, employee=EmployeeFactory(agency=world.agency_a), status=S.PENDING_APPROVAL
        )
        for _ in range(count)
    ]
    EnrolmentFactory(session=world.session, employee=world.citra, status=S.PENDING_APPROVAL)
    EnrolmentFactory(session=world.session, employee=world.budi, status=S.APPROVED)
    client.force_login(world.admin_a)
    # session, user, agency tree (scope), count, page, the user's agency (title), open
    # sessions (nomination form)
    with django_assert_num_queries(7):
        response = client.get(APPROVALS)
    assert [e.pk for e in response.context["page"].object_list] == [e.pk for e in mine]
    client.force_login(world.manager)
    response = client.get(APPROVALS)
    assert response.context["page"].paginator.count == count + 1


def test_approve_and_reject_from_the_approvals_page(client, world):
    first = EnrolmentFactory(session=world.session, employee=world.ani, status=S.PENDING_APPROVAL)
    second = EnrolmentFactory(session=world.session, employee=world.budi, status=S.PENDING_APPROVAL)
    client.force_login(world.admin_a)
    assert client.post(url("enrolment-approve", pk=first.pk), {"next": APPROVALS})["Location"] == APPROVALS
    assert [m.level_tag for m in client.get(APPROVALS).context["messages"]] == ["success"]
    response = client.post(url("enrolment-reject", pk=second.pk), {"reason": ""}, follow=True)
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    client.post(url("enrolment-reject", pk=second.pk), {"reason": "Sedang tugas belajar."})
    assert dict(Enrolment.objects.values_list("pk", "status")) == {
        first.pk: S.APPROVED,
        second.pk: S.REJECTED,
    }


def test_nominate_an_employee_of_the_agency(client, world):
    client.force_login(world.admin_a)
    response = client.post(NOMINATE, {"nip": world.budi.nip, "session": CODE})
    assert response.status_code == 302
    enrolment = Enrolment.objects.get()
    assert (enrolment.employee_id, enrolment.status, enrolment.nominated) == (world.budi.pk, S.APPROVED, True)


@pytest.mark.parametrize(
    ("nip", "field"),
    [
        ("199003032015032999", "nip"),  # nobody
        (None, "nip"),  # an employee of agency B
        ("12345", "nip"),
    ],
)
def test_nominating_outside_the_agency_is_refused(client, world, nip, field):
    client.force_login(world.admin_a)
    response = client.post(NOMINATE, {"nip": nip or world.citra.nip, "session": CODE})
    assert response.status_code == 400
    assert list(response.context["form"].errors) == [field]
    assert Enrolment.objects.count() == 0


def test_nominating_a_retired_employee_names_the_employee_on_the_nip_field(client, world):
    world.budi.status = "retired"
    world.budi.save()
    client.force_login(world.admin_a)
    before = snapshot()
    response = client.post(NOMINATE, {"nip": world.budi.nip, "session": CODE})
    assert response.status_code == 400
    assert "Budi Santoso" in response.context["form"].errors["nip"][0]
    assert snapshot() == before


def test_a_closed_session_is_not_offered_for_nomination(client, world):
    TrainingSession.objects.filter(pk=world.session.pk).update(status=SessionStatus.CLOSED)
    client.force_login(world.admin_a)
    response = client.post(NOMINATE, {"nip": world.budi.nip, "session": CODE})
    assert list(response.context["form"].errors) == ["session"]


# --- the roster ------------------------------------------------------------------------------------------


@pytest.fixture
def roster_world(world):
    TrainingSession.objects.filter(pk=world.session.pk).update(capacity=3)
    world.session.refresh_from_db()
    ani = confirmed_in(world.session, world.ani)
    budi = confirmed_in(world.session, world.budi)
    citra = EnrolmentFactory(session=world.session, employee=world.citra, status=S.APPROVED)
    waiting = [
        EnrolmentFactory(session=world.session, status=S.WAITLISTED, waitlisted_at=world.session.created_at)
        for _ in range(2)
    ]
    Attendance.objects.create(enrolment=ani, date=date(2026, 3, 2), present=True)
    Attendance.objects.create(enrolment=budi, date=date(2026, 3, 2), present=False)
    return {"ani": ani, "budi": budi, "citra": citra, "waiting": waiting}


@pytest.mark.parametrize("extra", [0, 5])
def test_the_roster_query_count_does_not_grow(client, world, roster_world, django_assert_num_queries, extra):
    for _ in range(extra):
        EnrolmentFactory(session=world.session, status=S.PENDING_APPROVAL)
    client.force_login(world.manager)
    # session, user, training session, days, enrolments, attendance
    with django_assert_num_queries(6):
        response = client.get(ROSTER)
    roster = response.context["roster"]
    assert [e.pk for e in roster.confirmed] == sorted(
        [roster_world["ani"].pk, roster_world["budi"].pk],
        key=lambda pk: Enrolment.objects.get(pk=pk).employee.full_name,
    )
    assert [e.pk for e in roster.approved] == [roster_world["citra"].pk]
    assert [(e.pk, e.waitlist_position) for e in roster.waitlisted] == [
        (roster_world["waiting"][0].pk, 1),
        (roster_world["waiting"][1].pk, 2),
    ]
    assert len(roster.pending) == extra


def test_attendance_for_a_day_from_the_grid(client, world, roster_world, last_day):
    client.force_login(world.manager)
    page = url("session-attendance", code=CODE, day="2026-03-03")
    response = client.post(page, {"present": [roster_world["budi"].pk]})
    assert response.status_code == 302
    assert sorted(
        Attendance.objects.filter(date=date(2026, 3, 3)).values_list("enrolment_id", "present")
    ) == sorted([(roster_world["ani"].pk, False), (roster_world["budi"].pk, True)])
    html = client.get(ROSTER).content.decode()
    assert f'data-testid="present-{roster_world["budi"].pk}-2026-03-03" data-recorded="yes"' in html


def test_attendance_for_a_day_outside_the_session_writes_nothing(client, world, roster_world, last_day):
    client.force_login(world.manager)
    before = snapshot()
    response = client.post(
        url("session-attendance", code=CODE, day="2026-03-09"), {"present": []}, follow=True
    )
    assert snapshot() == before
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    assert client.post(url("session-attendance", code=CODE, day="bukan-tanggal")).status_code == 404


def test_confirm_from_the_roster_takes_the_last_seat(client, world, roster_world):
    # Nobody waits (someone waiting would be served first, the newcomer behind them).
    Enrolment.objects.filter(pk__in=[e.pk for e in roster_world["waiting"]]).delete()
    client.force_login(world.manager)
    client.post(url("enrolment-confirm", pk=roster_world["citra"].pk))
    world.session.refresh_from_db()
    roster_world["citra"].refresh_from_db()
    assert (roster_world["citra"].status, world.session.seats_taken) == (S.CONFIRMED, 3)


def test_finish_from_the_roster(client, world, roster_world, last_day):
    for day in (date(2026, 3, 3), date(2026, 3, 4)):
        Attendance.objects.create(enrolment=roster_world["ani"], date=day, present=True)
    client.force_login(world.manager)
    response = client.post(FINISH, follow=True)
    assert [m.level_tag for m in response.context["messages"]] == ["success"]
    statuses = dict(Enrolment.objects.filter(status__in=[S.COMPLETED, S.NO_SHOW]).values_list("pk", "status"))
    assert statuses == {roster_world["ani"].pk: S.COMPLETED, roster_world["budi"].pk: S.NO_SHOW}
    world.session.refresh_from_db()
    assert world.session.status == SessionStatus.COMPLETED
    # Finishing twice is refused with a message, nothing more written.
    events = AuditEvent.objects.count()
    response = client.post(FINISH, follow=True)
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    assert AuditEvent.objects.count() == events


def test_the_roster_export(client, world, roster_world):
    client.force_login(world.manager)
    response = client.get(EXPORT)
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert response["Content-Disposition"].startswith(f'attachment; filename="roster-{CODE}-')
    sheet = load_workbook(BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows[1]) == 7 + 3 + 2  # seven columns, one per day, days present and share
    assert len(rows) == 2 + 5
    body = rows[2:]
    # Confirmed first, with their attendance; then the waiting list in order; then approved.
    assert [r[1] for r in body] == [
        *[
            e.employee.nip
            for e in sorted([roster_world["ani"], roster_world["budi"]], key=lambda e: e.employee.full_name)
        ],
        roster_world["waiting"][0].employee.nip,
        roster_world["waiting"][1].employee.nip,
        world.citra.nip,
    ]
    ani_row = next(r for r in body if r[1] == world.ani.nip)
    assert ani_row[-2:] == (1, 33.3)
    assert [r[5] for r in body[2:4]] == [1, 2]


def test_a_formula_in_a_name_is_exported_as_text(client, world):
    world.ani.full_name = '=HYPERLINK("http://jahat.test","klik")'
    world.ani.save()
    confirmed_in(world.session, world.ani)
    client.force_login(world.manager)
    sheet = load_workbook(BytesIO(client.get(EXPORT).content)).active
    cell = sheet.cell(row=3, column=3)
    assert (cell.value, cell.data_type) == ('=HYPERLINK("http://jahat.test","klik")', "s")


def test_roles_without_an_employee_see_the_managers_panel(client, world):
    client.force_login(world.manager)
    html = client.get(DETAIL).content.decode()
    assert 'data-testid="panel-roster"' in html
    assert 'data-testid="request-form"' not in html
    client.force_login(world.admin_a)
    html = client.get(DETAIL).content.decode()
    assert 'data-testid="panel-nominate"' in html
    assert 'data-testid="panel-roster"' not in html


def test_free_seats_go_to_the_waiting_list_from_the_roster(client, world, roster_world):
    client.force_login(world.manager)
    html = client.get(ROSTER).content.decode()
    assert 'data-testid="promote"' in html
    response = client.post(url("session-waitlist-promote", code=CODE), follow=True)
    assert [m.level_tag for m in response.context["messages"]] == ["success"]
    first, second = roster_world["waiting"]
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (S.CONFIRMED, S.WAITLISTED)
    assert 'data-testid="promote"' not in response.content.decode()


def test_an_administrator_s_own_request_is_not_offered_to_them(client, world, make_user):
    """An agency administrator who is also an employee does not see their own request to
    decide, nor find themself to nominate: another administrator or BPSDM decides."""
    admin_employee = EmployeeFactory(agency=world.agency_a, full_name="Hasan Admin")
    admin = make_user(Role.AGENCY_ADMIN, world.agency_a, username="admin_pegawai", employee=admin_employee)
    own = EnrolmentFactory(session=world.session, employee=admin_employee, status=S.PENDING_APPROVAL)
    other = EnrolmentFactory(session=world.session, employee=world.budi, status=S.PENDING_APPROVAL)

    client.force_login(admin)
    assert [e.pk for e in client.get(APPROVALS).context["page"].object_list] == [other.pk]

    client.force_login(world.admin_a)
    assert [e.pk for e in client.get(APPROVALS).context["page"].object_list] == [own.pk, other.pk]
    assert employee_for_nomination(user=admin, nip=admin_employee.nip) is None
    assert employee_for_nomination(user=world.admin_a, nip=admin_employee.nip) == admin_employee
