import io
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from openpyxl import load_workbook

from penata.accounts.models import Role
from penata.competency.tests.factories import competency
from penata.core.models import AuditEvent
from penata.organization.tests.factories import PositionFactory, UnitFactory
from penata.training.models import NeedSource, NeedStatus, SessionStatus, TrainingNeed
from penata.training.services.needs import training_need_record, training_needs_compute
from penata.workforce.tests.factories import EmployeeFactory

from .factories import ProgramCompetencyFactory, ProgramFactory, TrainingSessionFactory
from .needs_world import YEAR, build_needs_world, standard

pytestmark = pytest.mark.django_db

NEEDS = reverse("training:needs")
PEOPLE = reverse("training:needs-people")
RECORDED = reverse("training:needs-recorded")
PLAN = reverse("training:needs-plan")
RECOMPUTE = reverse("training:needs-recompute")
EXPORT = reverse("training:needs-export")
PEOPLE_M01 = f"{PEOPLE}?competency=M.01"


@pytest.fixture(autouse=True)
def english(client, settings):
    """The assertions read the English source strings; pages default to Indonesian."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


@pytest.fixture
def world(agency_a, agency_b, make_user):
    world = build_needs_world(agency_a, agency_b, make_user)
    training_needs_compute(year=YEAR)
    training_need_record(
        agency=agency_a,
        unit=world.units["A-1"],
        competency=competency("M.05"),
        source=NeedSource.COMPLAINTS,
        reason="Pengaduan tentang sikap petugas loket",
        evidence={"references": ["LPR-7K2M", "LPR-9QX4"]},
        signal_key="complaints:conduct:A-1",
        year=YEAR,
    )
    program = ProgramFactory(code="P-KOM", title="Komunikasi Efektif", jp=24)
    ProgramCompetencyFactory(program=program, competency=competency("M.01"), target_level=3)
    TrainingSessionFactory(
        program=program, start_date=date.today() + timedelta(days=30), capacity=2, status=SessionStatus.OPEN
    )
    return world


def year(**extra) -> dict:
    return {"year": YEAR, **extra}


@pytest.mark.parametrize(
    ("role", "method", "url", "expected"),
    [
        (Role.TRAINING_MANAGER, "get", NEEDS, 200),
        (Role.PROVINCE_ADMIN, "get", NEEDS, 200),
        (Role.LEADER, "get", NEEDS, 200),
        (Role.AGENCY_ADMIN, "get", NEEDS, 200),
        (Role.COMPLAINT_OFFICER, "get", NEEDS, 403),
        (Role.COMPLAINT_VERIFIER, "get", NEEDS, 403),
        (Role.EMPLOYEE, "get", NEEDS, 403),
        (Role.CITIZEN, "get", NEEDS, 403),
        (Role.AGENCY_ADMIN, "get", PEOPLE_M01, 200),
        (Role.EMPLOYEE, "get", PEOPLE_M01, 403),
        (Role.LEADER, "get", RECORDED, 200),
        (Role.EMPLOYEE, "get", RECORDED, 403),
        (Role.TRAINING_MANAGER, "get", PLAN, 200),
        (Role.PROVINCE_ADMIN, "get", PLAN, 200),
        (Role.LEADER, "get", PLAN, 200),
        (Role.AGENCY_ADMIN, "get", PLAN, 403),
        (Role.EMPLOYEE, "get", PLAN, 403),
        (Role.TRAINING_MANAGER, "get", EXPORT, 200),
        (Role.AGENCY_ADMIN, "get", EXPORT, 200),
        (Role.EMPLOYEE, "get", EXPORT, 403),
        (Role.TRAINING_MANAGER, "post", RECOMPUTE, 302),
        (Role.PROVINCE_ADMIN, "post", RECOMPUTE, 302),
        (Role.LEADER, "post", RECOMPUTE, 403),
        (Role.AGENCY_ADMIN, "post", RECOMPUTE, 403),
        (Role.EMPLOYEE, "post", RECOMPUTE, 403),
        (Role.LEADER, "post", RECORDED, 403),
    ],
)
def test_who_may_open_the_pages(client, make_user, world, role, method, url, expected):
    user = make_user(role, None if role == Role.CITIZEN else world.agency_a, username=f"u-{role}")
    client.force_login(user)
    path, _sep, query = url.partition("?")
    data = year(**dict([query.split("=")])) if query else year()
    assert getattr(client, method)(path, data if method == "get" else {}).status_code == expected


def test_anonymous_is_sent_to_sign_in(client):
    for url in (NEEDS, PEOPLE, RECORDED, PLAN, EXPORT):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))
    assert client.get(RECOMPUTE).status_code == 302


def test_recompute_needs_a_post(client, world):
    client.force_login(world.manager)
    assert client.get(RECOMPUTE).status_code == 405


def rows(response) -> list[tuple]:
    return [
        (item["row"].code, item["row"].employees, item["row"].priority_sum, item["href"])
        for item in response.context["page"].object_list
    ]


def test_the_province_by_agency_then_by_competency_then_the_people(client, world):
    client.force_login(world.manager)
    response = client.get(NEEDS, year())
    assert response.context["view"] == "agency"
    assert rows(response) == [
        ("DINA", 3, 173, f"{NEEDS}?year={YEAR}&view=competency&agency=DINA"),
        ("DINB", 1, 32, f"{NEEDS}?year={YEAR}&view=competency&agency=DINB"),
    ]
    assert response.context["totals"] == {"employees": 4, "gap_needs": 5, "planned": 0, "recorded": 1}
    html = response.content.decode()
    assert 'data-testid="recompute"' in html
    assert "Priority 0–100: up to 80 points for the size of the gap" in html

    by_competency = client.get(NEEDS, year(view="competency", agency="DINA"))
    assert rows(by_competency) == [
        ("M.01", 2, 92, f"{PEOPLE}?year={YEAR}&agency=DINA&competency=M.01"),
        ("M.03", 1, 52, f"{PEOPLE}?year={YEAR}&agency=DINA&competency=M.03"),
        ("M.02", 1, 29, f"{PEOPLE}?year={YEAR}&agency=DINA&competency=M.02"),
        ("M.05", 0, 0, f"{PEOPLE}?year={YEAR}&agency=DINA&competency=M.05"),
    ]
    province_competency = client.get(NEEDS, year(view="competency"))
    assert rows(province_competency)[0] == (
        "M.01",
        3,
        124,
        f"{NEEDS}?year={YEAR}&view=agency&competency=M.01",
    )

    by_unit = client.get(NEEDS, year(view="unit", agency="DINA"))
    assert rows(by_unit) == [
        ("A-1", 2, 121, f"{NEEDS}?year={YEAR}&view=competency&agency=DINA&unit=A-1"),
        ("A-2", 1, 52, f"{NEEDS}?year={YEAR}&view=competency&agency=DINA&unit=A-2"),
    ]
    one_unit = client.get(NEEDS, year(view="competency", agency="DINA", unit="A-1"))
    assert [row[:3] for row in rows(one_unit)] == [
        ("M.03", 1, 52),
        ("M.01", 1, 40),
        ("M.02", 1, 29),
        ("M.05", 0, 0),
    ]


def test_the_agency_administrator_sees_their_units_and_no_other_agency(client, world):
    client.force_login(world.admin_a)
    response = client.get(NEEDS, year())
    assert response.context["view"] == "unit"
    assert [row[:3] for row in rows(response)] == [("A-1", 2, 121), ("A-2", 1, 52)]
    assert 'data-testid="recompute"' not in response.content.decode()
    assert client.get(NEEDS, year(agency="DINB")).status_code == 404
    assert client.get(NEEDS, year(agency="NOPE")).status_code == 404
    assert client.get(PEOPLE, year(agency="DINB", competency="M.01")).status_code == 404
    assert client.get(EXPORT, year(agency="DINB")).status_code == 404
    assert client.get(RECORDED, year(agency="DINB")).status_code == 404
    joko_need = TrainingNeed.objects.get(employee=world.people["joko"])
    assert (
        client.post(
            reverse("training:needs-status", kwargs={"pk": joko_need.pk}), {"status": "dismissed"}
        ).status_code
        == 404
    )
    joko_need.refresh_from_db()
    assert joko_need.status == NeedStatus.OPEN


@pytest.mark.parametrize(
    ("query", "problem"),
    [
        ({"year": "abc"}, "Year"),
        ({"year": "1999"}, "Year"),
        ({"competency": "X.99"}, "Unknown competency code: X.99."),
        ({"view": "sideways"}, "Group by"),
    ],
)
def test_bad_filters_are_a_400_naming_the_field(client, world, query, problem):
    client.force_login(world.manager)
    response = client.get(NEEDS, query)
    assert response.status_code == 400
    assert problem in response.content.decode()


def test_a_unit_needs_its_agency(client, world):
    client.force_login(world.manager)
    assert client.get(NEEDS, year(unit="A-1")).status_code == 404
    assert client.get(NEEDS, year(agency="DINB", unit="A-1")).status_code == 404
    response = client.get(PEOPLE, year(agency="DINA"))
    assert response.status_code == 400
    assert "Choose a competency." in response.content.decode()


def add_staff(agency, units: int):
    """More units with staff below standard on M.01, to show the query count stays flat."""
    for n in range(units):
        position = PositionFactory(
            unit=UnitFactory(agency=agency, code=f"X-{n}"), code=f"PX-{agency.code}-{n}"
        )
        standard(position, M_01=(3, True), M_04=(2, False))
        for _ in range(2):
            EmployeeFactory(position=position, agency=agency)
    training_needs_compute(year=YEAR)


@pytest.mark.parametrize("extra_units", [0, 4])
def test_overview_query_count_does_not_grow(client, world, django_assert_num_queries, extra_units):
    add_staff(world.agency_a, extra_units)
    client.force_login(world.admin_a)
    # session, user, sub-agencies (scope), agencies, summary, totals, competencies for the
    # filter, and the units of the agency when one is chosen
    with django_assert_num_queries(7):
        response = client.get(NEEDS, year())
    assert len(response.context["page"].object_list) == 2 + extra_units
    with django_assert_num_queries(8):
        response = client.get(NEEDS, year(view="competency", agency="DINA"))
    assert response.status_code == 200


@pytest.mark.parametrize("extra_units", [0, 4])
def test_people_query_count_does_not_grow(client, world, django_assert_num_queries, extra_units):
    add_staff(world.agency_a, extra_units)
    client.force_login(world.admin_a)
    # session, user, scope, agencies, competency, count, page, programs that close it
    with django_assert_num_queries(8):
        response = client.get(PEOPLE, year(agency="DINA", competency="M.01"))
    assert response.context["page"].paginator.count == 2 + 2 * extra_units


def test_people_of_one_agency_and_competency(client, world):
    client.force_login(world.admin_a)
    response = client.get(PEOPLE, year(competency="M.01"))  # their own agency by default
    people = [
        (n.employee.full_name, n.current_level, n.required_level, n.gap, n.priority, n.jp_missing)
        for n in response.context["page"].object_list
    ]
    assert people == [
        ("Citra Dewi", 0, 2, 2, 52, Decimal("20")),
        ("Ani Lestari", 1, 3, 2, 40, Decimal("7.5")),
    ]
    assert [(p.code, p.target_level) for p in response.context["programs"]] == [("P-KOM", 3)]
    html = response.content.decode()
    assert "Komunikasi Efektif" in html
    assert "Joko Susilo" not in html
    assert "7.5 JP missing" in html
    unit = client.get(PEOPLE, year(agency="DINA", unit="A-1", competency="M.01"))
    assert [n.employee.full_name for n in unit.context["page"].object_list] == ["Ani Lestari"]


def test_people_pages(client, world):
    add_staff(world.agency_a, 14)
    client.force_login(world.manager)
    first = client.get(PEOPLE, year(agency="DINA", competency="M.01"))
    assert (first.context["page"].paginator.count, len(first.context["page"].object_list)) == (30, 25)
    second = client.get(PEOPLE, year(agency="DINA", competency="M.01", page=2))
    assert len(second.context["page"].object_list) == 5


def test_change_a_need_status_from_the_people_page(client, world):
    need = TrainingNeed.objects.get(employee=world.people["ani"], competency__code="M.01")
    client.force_login(world.admin_a)
    back = f"{PEOPLE}?year={YEAR}&agency=DINA&competency=M.01"
    response = client.post(
        reverse("training:needs-status", kwargs={"pk": need.pk}),
        {"status": "planned", "note": "Kelas September", "next": back},
    )
    assert (response.status_code, response["Location"]) == (302, back)
    need.refresh_from_db()
    assert need.status == NeedStatus.PLANNED
    event = AuditEvent.objects.get(action="training_need.status_changed")
    assert (event.actor_id, event.from_state, event.to_state, event.note) == (
        world.admin_a.pk,
        "open",
        "planned",
        "Kelas September",
    )
    # Not allowed from planned back to planned: a message, nothing written.
    again = client.post(
        reverse("training:needs-status", kwargs={"pk": need.pk}), {"status": "planned"}, follow=True
    )
    assert "cannot be marked" in again.content.decode()
    assert AuditEvent.objects.filter(action="training_need.status_changed").count() == 1
    # An outside address is not followed.
    away = client.post(
        reverse("training:needs-status", kwargs={"pk": need.pk}),
        {"status": "open", "next": "https://evil.test/"},
    )
    assert away["Location"] == f"{RECORDED}?year={YEAR}"


def test_a_leader_reads_but_does_not_change_statuses(client, world):
    need = TrainingNeed.objects.get(employee=world.people["ani"], competency__code="M.01")
    client.force_login(world.leader)
    assert (
        client.post(
            reverse("training:needs-status", kwargs={"pk": need.pk}), {"status": "dismissed"}
        ).status_code
        == 403
    )
    need.refresh_from_db()
    assert need.status == NeedStatus.OPEN


# --- unit and feedback needs ---------------------------------------------------------------


def test_the_recorded_needs_list_and_form(client, world, django_assert_num_queries):
    client.force_login(world.admin_a)
    # session, user, scope, agencies, units and competencies of the form, count, page
    with django_assert_num_queries(8):
        response = client.get(RECORDED, year())
    assert response.status_code == 200
    [need] = response.context["page"].object_list
    assert (need.reason, need.source) == ("Pengaduan tentang sikap petugas loket", "complaints")
    assert [value for value, _label in need.next_statuses] == ["planned", "met", "dismissed"]
    html = response.content.decode()
    assert "LPR-7K2M; LPR-9QX4" in html
    assert 'data-testid="record-form"' in html
    assert response.context["target"] == world.agency_a


def test_record_a_unit_need_from_the_page(client, world):
    client.force_login(world.admin_a)
    response = client.post(
        f"{RECORDED}?year={YEAR}",
        {
            "unit": world.units["A-2"].pk,
            "competency": competency("M.03").pk,
            "source": NeedSource.UNIT_REQUEST,
            "reason": "Staf sekretariat belum mampu menyusun laporan kinerja.",
            "evidence": "Nota dinas 800/12\n\nLHE SAKIP 2025",
        },
    )
    assert response.status_code == 302
    need = TrainingNeed.objects.get(source=NeedSource.UNIT_REQUEST)
    assert (
        need.agency_id,
        need.unit_id,
        need.competency.code,
        need.year,
        need.evidence,
        need.recorded_by_id,
    ) == (
        world.agency_a.pk,
        world.units["A-2"].pk,
        "M.03",
        YEAR,
        {"references": ["Nota dinas 800/12", "LHE SAKIP 2025"]},
        world.admin_a.pk,
    )
    assert AuditEvent.objects.filter(action="training_need.recorded", subject_id=str(need.pk)).count() == 1


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"unit": "B-1"}, "unit"),
        ({"reason": "  "}, "reason"),
        ({"source": "gap"}, "source"),
        ({"competency": "technical-of-b"}, "competency"),
    ],
)
def test_a_bad_unit_need_writes_nothing(client, world, change, field):
    from penata.competency.tests.factories import TechnicalCompetencyFactory

    data = {"unit": world.units["A-1"].pk, "source": NeedSource.UNIT_REQUEST, "reason": "Pelayanan lambat"}
    if change.get("unit") == "B-1":
        change = {"unit": world.units["B-1"].pk}
    if change.get("competency") == "technical-of-b":
        change = {"competency": TechnicalCompetencyFactory(code="T.DINB.01", agency=world.agency_b).pk}
    data.update(change)
    client.force_login(world.admin_a)
    needs, events = TrainingNeed.objects.count(), AuditEvent.objects.count()
    response = client.post(f"{RECORDED}?year={YEAR}", data)
    assert response.status_code == 400
    assert list(response.context["record_form"].errors) == [field]
    assert (TrainingNeed.objects.count(), AuditEvent.objects.count()) == (needs, events)


def test_the_manager_records_for_the_agency_chosen(client, world):
    client.force_login(world.manager)
    page = client.get(RECORDED, year())
    assert page.context["record_form"] is None
    assert 'data-testid="record-pick-agency"' in page.content.decode()
    response = client.post(
        f"{RECORDED}?year={YEAR}&agency=DINB",
        {"source": NeedSource.SURVEY, "reason": "IKM unsur perilaku 2,4"},
    )
    assert response.status_code == 302
    need = TrainingNeed.objects.get(source=NeedSource.SURVEY)
    assert (need.agency_id, need.unit_id, need.recorded_by_id) == (world.agency_b.pk, None, world.manager.pk)


# --- plan, recompute, export ---------------------------------------------------------------


@pytest.mark.parametrize("extra_units", [0, 4])
def test_the_plan(client, world, django_assert_num_queries, extra_units):
    add_staff(world.agency_a, extra_units)
    client.force_login(world.manager)
    # session, user, agencies, needs by competency, competencies, programs, sessions
    with django_assert_num_queries(7):
        response = client.get(PLAN, year())
    plan = {
        row.competency.code: (row.employees, row.planned_seats, row.sessions_needed)
        for row in response.context["rows"]
    }
    # 2 upcoming seats of P-KOM; its only session holds 2, so that is the typical class
    assert plan["M.01"] == (3 + 2 * extra_units, 2, {0: 1, 4: 5}[extra_units])
    assert plan["M.03"] == (1, 0, 1)
    html = response.content.decode()
    assert "Komunikasi Efektif" in html
    assert "No program yet: create one first." in html


def test_recompute_now(client, world):
    TrainingNeed.objects.filter(source=NeedSource.GAP).delete()
    client.force_login(world.manager)
    response = client.post(RECOMPUTE, follow=True)
    assert response.redirect_chain[-1][0].startswith(NEEDS)
    assert TrainingNeed.objects.filter(source=NeedSource.GAP).count() == 5
    assert "recomputed: 5 needs from competency gaps" in response.content.decode()
    assert AuditEvent.objects.filter(action="training_need.computed", actor=world.manager).count() == 1


def test_export_is_a_real_workbook(client, world):
    TrainingNeed.objects.filter(employee=world.people["citra"]).update(status=NeedStatus.DISMISSED)
    client.force_login(world.manager)
    response = client.get(EXPORT, year())
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert response["Content-Disposition"] == f'attachment; filename="training-needs-province-{YEAR}.xlsx"'
    book = load_workbook(io.BytesIO(response.content), read_only=True)
    assert book.sheetnames == ["By agency", "By competency", "Employees", "Unit and feedback needs"]
    agencies = list(book["By agency"].iter_rows(values_only=True))
    assert agencies[0] == (f"Training needs {YEAR} · Province",)
    assert agencies[2:] == [
        ("DINA", "Dinas A", 2, 3, 2, 121, 0, 1),
        ("DINB", "Dinas B", 1, 1, 2, 32, 0, 0),
    ]
    employees = list(book["Employees"].iter_rows(values_only=True))
    assert employees[0][:3] == ("NIP", "Name", "Agency")
    assert [row[1:] for row in employees[1:]] == [
        (
            "Fajar Nugraha",
            "DINA",
            "Bidang Pelayanan",
            "Kepala Seksi Pelayanan",
            "M.03",
            competency("M.03").name,
            0,
            2,
            2,
            "yes",
            20,
            52,
            "Open",
        ),
        (
            "Ani Lestari",
            "DINA",
            "Bidang Pelayanan",
            "Kepala Seksi Pelayanan",
            "M.01",
            competency("M.01").name,
            1,
            3,
            2,
            "yes",
            7.5,
            40,
            "Open",
        ),
        (
            "Joko Susilo",
            "DINB",
            "Bidang Perizinan",
            "Analis Perizinan",
            "M.01",
            competency("M.01").name,
            0,
            2,
            2,
            "yes",
            0,
            32,
            "Open",
        ),
        (
            "Ani Lestari",
            "DINA",
            "Bidang Pelayanan",
            "Kepala Seksi Pelayanan",
            "M.02",
            competency("M.02").name,
            0,
            2,
            2,
            "no",
            7.5,
            29,
            "Open",
        ),
    ]
    assert employees[1][0] == world.people["fajar"].nip
    recorded = list(book["Unit and feedback needs"].iter_rows(values_only=True))
    assert recorded[1][:8] == (
        "DINA",
        "Bidang Pelayanan",
        "M.05",
        competency("M.05").name,
        "Citizen complaints",
        "Open",
        "Pengaduan tentang sikap petugas loket",
        "LPR-7K2M; LPR-9QX4",
    )
    assert len(recorded) == 2


def test_the_employee_sheet_says_when_it_holds_only_the_most_urgent(client, world, monkeypatch):
    monkeypatch.setattr("penata.training.needs_export.MAX_EMPLOYEE_ROWS", 2)
    client.force_login(world.manager)
    book = load_workbook(io.BytesIO(client.get(EXPORT, year()).content), read_only=True)
    employees = list(book["Employees"].iter_rows(min_row=2, values_only=True))
    assert [row[1] for row in employees[:2]] == ["Citra Dewi", "Fajar Nugraha"]
    assert employees[2][0] == (
        "The 2 most urgent of 5 needs. Export one agency or one competency for the rest."
    )
    assert len(employees) == 3


def test_export_of_one_agency_for_its_administrator(client, world):
    client.force_login(world.admin_a)
    response = client.get(EXPORT, year(agency="DINA", competency="M.01"))
    assert response["Content-Disposition"] == f'attachment; filename="training-needs-DINA-{YEAR}.xlsx"'
    book = load_workbook(io.BytesIO(response.content), read_only=True)
    employees = [row[1] for row in book["Employees"].iter_rows(min_row=2, values_only=True)]
    assert employees == ["Citra Dewi", "Ani Lestari"]


def test_a_formula_in_a_name_stays_text_in_the_export(client, world):
    ani = world.people["ani"]
    ani.full_name = '=HYPERLINK("http://evil.test","klik")'
    ani.save()
    client.force_login(world.manager)
    book = load_workbook(io.BytesIO(client.get(EXPORT, year()).content))
    cells = [row[1] for row in book["Employees"].iter_rows(min_row=2)]
    evil = [cell for cell in cells if cell.value.startswith("=")]
    assert [(cell.value, cell.data_type) for cell in evil] == [
        ('=HYPERLINK("http://evil.test","klik")', "s")
    ] * 2


# --- the employee's own block ----------------------------------------------------------------


def test_my_needs_block(world, monkeypatch, django_assert_num_queries):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: date(YEAR, 7, 1))
    # the needs, the programs that close them
    with django_assert_num_queries(2):
        html = render_to_string("training/needs/_my_needs.html", {"employee": world.people["ani"]})
    assert html.count('data-testid="my-need"') == 2
    assert html.index('data-code="M.01"') < html.index('data-code="M.02"')
    assert "Komunikasi Efektif" in html
    none = render_to_string("training/needs/_my_needs.html", {"employee": world.people["budi"]})
    assert 'data-testid="my-needs-none"' in none
