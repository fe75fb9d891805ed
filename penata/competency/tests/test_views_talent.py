"""Talent nine-box pages: the grid, the drill-down lists and the Excel export."""

import io
from datetime import date

import pytest
from django.test import Client
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from penata.accounts.models import Role
from penata.competency import views_talent
from penata.competency.services import position_standard_set
from penata.competency.tests.factories import AssessmentFactory, competency
from penata.organization.tests.factories import AgencyFactory, PositionFactory, UnitFactory
from penata.workforce.tests.factories import EmployeeFactory, PerformanceRatingFactory

pytestmark = pytest.mark.django_db

GRID = reverse("competency:talent_grid")
EXPORT = reverse("competency:talent_export")
UNRATED = reverse("competency:talent_unrated")
NO_STANDARD = reverse("competency:talent_no_standard")
YEAR = 2025
CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def box_url(box: int) -> str:
    return reverse("competency:talent_box", kwargs={"box": box})


def standard_position(agency, *, title: str):
    """A position requiring M.01 and M.02 at level 5: JPM = 10 × (level M.01 + level M.02)."""
    position = PositionFactory(unit=UnitFactory(agency=agency), title=title)
    position_standard_set(position=position, requirements={"M.01": (5, True), "M.02": (5, True)})
    return position


def person(name, nip_seq, *, position=None, agency=None, rating=None, levels=None, status="active"):
    employee = EmployeeFactory(
        full_name=name,
        position=position,
        agency=agency or position.agency,
        nip=f"1980010120050120{nip_seq:02d}",
        sex="F",
        birth_date=date(1980, 1, 1),
        status=status,
    )
    if rating:
        PerformanceRatingFactory(employee=employee, year=YEAR, rating=rating)
    for code, level in zip(("M.01", "M.02"), levels or (), strict=False):
        AssessmentFactory(employee=employee, competency=competency(code), level=level)
    return employee


@pytest.fixture
def world(agency_a, agency_b):
    """Agency A with a sub-agency (hospital) and agency B; one person per interesting case."""
    hospital = AgencyFactory(code="RSA", name="RSUD A", parent=agency_a)
    pos_a = standard_position(agency_a, title="Analis A")
    pos_rs = standard_position(hospital, title="Perawat RS")
    pos_b = standard_position(agency_b, title="Analis B")
    bare = PositionFactory(unit=UnitFactory(agency=agency_a), title="Tanpa Standar")
    people = {
        "e9": person("Ayu Sembilan", 1, position=pos_a, rating="above", levels=(5, 5)),  # JPM 100, box 9
        "e9b": person("Bayu Sembilan", 2, position=pos_a, rating="above", levels=(5, 4)),  # JPM 90, box 9
        "e8": person("Citra Delapan", 3, position=pos_a, rating="meets", levels=(5, 5)),  # box 8
        "e7": person("Dewi Tujuh", 4, position=pos_a, rating="above", levels=(4, 4)),  # JPM 80, box 7
        "e5": person("Eka Lima", 5, position=pos_a, rating="meets", levels=(4, 4)),  # box 5
        "e1": person("Fajar Satu", 6, position=pos_a, rating="below", levels=(4, 3)),  # JPM 70, box 1
        "unrated_a": person("Gita Belum", 7, position=pos_a, levels=(5, 5)),
        "nostd_a": person("Hadi Standar", 8, position=bare, rating="meets"),
        "nopos_a": person("Indah Tanpa", 9, agency=agency_a, rating="meets"),
        "retired_a": person(
            "Joko Pensiun", 10, position=pos_a, rating="above", levels=(5, 5), status="retired"
        ),
        "leave_a": person("Kiki Cuti", 11, position=pos_a, rating="above", levels=(5, 5), status="on_leave"),
        "rs4": person("Lina Empat", 12, position=pos_rs, rating="above", levels=(3, 3)),  # JPM 60, box 4
        "b9": person("Ayu Dinas B", 13, position=pos_b, rating="above", levels=(5, 5)),  # box 9
        "b2": person("Mira Dua", 14, position=pos_b, rating="meets", levels=(1, 1)),  # JPM 20, box 2
        "b_unrated": person("Nina Belum", 15, position=pos_b, levels=(5, 5)),
    }
    # An older year, so the default is the latest year with ratings, not the only one.
    PerformanceRatingFactory(employee=people["e8"], year=2023, rating="below")
    return {"hospital": hospital, "pos_a": pos_a, "bare": bare, **people}


def box_counts(response) -> dict[int, int]:
    return {cell["number"]: cell["count"] for row in response.context["rows"] for cell in row["cells"]}


def names(response) -> list[str]:
    return [row["employee"].full_name for row in response.context["people"]]


@pytest.fixture
def province_client(province_admin):
    client = Client()
    client.force_login(province_admin)
    return client


@pytest.fixture
def agency_client(agency_admin_a):
    client = Client()
    client.force_login(agency_admin_a)
    return client


# --- the grid ----------------------------------------------------------------------------


def test_province_grid_counts_every_active_employee(province_client, world):
    response = province_client.get(GRID)
    assert response.status_code == 200
    assert response.context["selection"].year == YEAR
    assert response.context["selection"].years == [2026, YEAR, 2023]
    assert box_counts(response) == {1: 1, 2: 1, 3: 0, 4: 1, 5: 1, 6: 0, 7: 1, 8: 1, 9: 3}
    assert response.context["placed"] == 9
    assert response.context["unrated"] == 2
    assert response.context["no_standard"] == 2
    assert response.context["total"] == 13
    cells = {cell["number"]: cell for row in response.context["rows"] for cell in row["cells"]}
    assert cells[9]["share"] == pytest.approx(100 * 3 / 9)
    assert cells[9]["url"] == f"{box_url(9)}?year=2025"
    # Potential rows high → low, performance columns below → above (DOMAIN §4).
    assert [[c["number"] for c in row["cells"]] for row in response.context["rows"]] == [
        [6, 8, 9],
        [3, 5, 7],
        [1, 2, 4],
    ]
    assert [c["tone"] for row in response.context["rows"] for c in row["cells"]] == [
        2,
        3,
        4,
        1,
        2,
        3,
        0,
        1,
        2,
    ]
    html = response.content.decode()
    assert 'data-testid="box-9"' in html
    assert f'href="{UNRATED}?year=2025"' in html
    assert f'href="{NO_STANDARD}?year=2025"' in html


def test_province_table_counts_per_agency(province_client, world, agency_a, agency_b):
    response = province_client.get(GRID)
    rows = {
        row["agency"].code: ([b["count"] for b in row["boxes"]], row["placed"], row["unplaced"])
        for row in response.context["agency_rows"]
    }
    # Boxes 9 → 1.
    assert rows == {
        "DINA": ([2, 1, 1, 0, 1, 0, 0, 0, 1], 6, 3),
        "RSA": ([0, 0, 0, 0, 0, 1, 0, 0, 0], 1, 0),
        "DINB": ([1, 0, 0, 0, 0, 0, 0, 1, 0], 2, 1),
    }
    assert [row["agency"].name for row in response.context["agency_rows"]] == ["Dinas A", "Dinas B", "RSUD A"]
    by_box9 = province_client.get(GRID, {"sort": "-box9"})
    assert [row["agency"].code for row in by_box9.context["agency_rows"]] == ["DINA", "DINB", "RSA"]
    by_box4 = province_client.get(GRID, {"sort": "-box4"})
    assert by_box4.context["agency_rows"][0]["agency"].code == "RSA"
    by_name_desc = province_client.get(GRID, {"sort": "-agency"})
    assert [row["agency"].name for row in by_name_desc.context["agency_rows"]] == [
        "RSUD A",
        "Dinas B",
        "Dinas A",
    ]
    headers = {h["key"]: h for h in by_box9.context["table_headers"]}
    assert headers["box9"]["direction"] == "descending"
    assert headers["box9"]["url"] == f"{GRID}?year=2025&sort=box9#agencies"
    assert headers["box8"]["url"] == f"{GRID}?year=2025&sort=-box8#agencies"


def test_province_admin_picks_an_agency_with_its_sub_agencies(province_client, world):
    response = province_client.get(GRID, {"agency": "DINA"})
    assert box_counts(response) == {1: 1, 2: 0, 3: 0, 4: 1, 5: 1, 6: 0, 7: 1, 8: 1, 9: 2}
    assert (response.context["unrated"], response.context["no_standard"]) == (1, 2)
    only_b = province_client.get(GRID, {"agency": "DINB"})
    assert box_counts(only_b) == {1: 0, 2: 1, 3: 0, 4: 0, 5: 0, 6: 0, 7: 0, 8: 0, 9: 1}
    # One agency without sub-agencies: no per-agency table.
    assert only_b.context["agency_rows"] is None
    assert province_client.get(GRID, {"agency": "NOPE"}).status_code == 404


def test_another_year(province_client, world):
    # Only e8 is rated for 2023 ("below", JPM 100): box 6.
    response = province_client.get(GRID, {"year": 2023})
    assert box_counts(response) == {1: 0, 2: 0, 3: 0, 4: 0, 5: 0, 6: 1, 7: 0, 8: 0, 9: 0}
    assert response.context["placed"] == 1
    response = province_client.get(GRID, {"year": 2023, "agency": "DINA"})
    assert (response.context["placed"], response.context["unrated"]) == (1, 9)


def test_default_year_is_the_chosen_agencys_latest(province_client, world, agency_b):
    """An agency that has not entered this year's ratings opens on its last rated year."""
    later = AgencyFactory(code="DINC", name="Dinas C")
    oki = person("Oki Lama", 16, position=standard_position(later, title="Analis C"), levels=(5, 5))
    PerformanceRatingFactory(employee=oki, year=YEAR - 2, rating="meets")
    assert province_client.get(GRID).context["selection"].year == YEAR
    response = province_client.get(GRID, {"agency": "DINC"})
    assert (response.context["selection"].year, response.context["placed"]) == (YEAR - 2, 1)


def test_leader_sees_the_province(client, make_user, world, agency_b):
    client.force_login(make_user(Role.LEADER, agency_b))
    response = client.get(GRID)
    assert response.status_code == 200
    assert response.context["placed"] == 9


def test_agency_admin_sees_only_their_agency(agency_client, world):
    response = agency_client.get(GRID)
    assert response.status_code == 200
    assert response.context["selection"].agency.code == "DINA"
    assert box_counts(response) == {1: 1, 2: 0, 3: 0, 4: 1, 5: 1, 6: 0, 7: 1, 8: 1, 9: 2}
    assert [row["agency"].code for row in response.context["agency_rows"]] == ["DINA", "RSA"]
    assert [a.code for a in response.context["selection"].agencies] == ["DINA", "RSA"]
    html = response.content.decode()
    assert "Dinas B" not in html
    assert agency_client.get(GRID, {"agency": "RSA"}).context["placed"] == 1
    for url in (GRID, box_url(9), UNRATED, NO_STANDARD, EXPORT):
        assert agency_client.get(url, {"agency": "DINB"}).status_code == 404


@pytest.mark.parametrize(
    "role",
    [Role.EMPLOYEE, Role.TRAINING_MANAGER, Role.COMPLAINT_OFFICER, Role.COMPLAINT_VERIFIER, Role.CITIZEN],
)
def test_other_roles_are_refused(client, make_user, agency_a, world, role):
    client.force_login(make_user(role, agency_a))
    for url in (GRID, box_url(9), UNRATED, NO_STANDARD, EXPORT):
        assert client.get(url).status_code == 403


def test_anonymous_is_sent_to_sign_in(client, world):
    response = client.get(GRID)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("year", ["abc", "1999", "2101"])
def test_bad_year_is_a_400_naming_the_field(province_client, world, year):
    response = province_client.get(GRID, {"year": year})
    assert response.status_code == 400
    assert 'data-testid="error-year"' in response.content.decode()
    assert province_client.get(box_url(9), {"year": year}).status_code == 400


def test_bad_sort_is_a_400(province_client, world):
    response = province_client.get(GRID, {"sort": "salary"})
    assert response.status_code == 400
    assert 'data-testid="error-sort"' in response.content.decode()


# --- drill-down --------------------------------------------------------------------------


def test_box_lists_its_people_by_jpm(province_client, world):
    response = province_client.get(box_url(9))
    assert response.status_code == 200
    # JPM 100 before 90; equal JPM by name.
    assert names(response) == ["Ayu Dinas B", "Ayu Sembilan", "Bayu Sembilan"]
    assert [row["placement"].jpm for row in response.context["people"]] == [100.0, 100.0, 90.0]
    html = response.content.decode()
    assert "19800101 200501 2 001" in html
    assert reverse("workforce:employee_detail", kwargs={"nip": world["e9"].nip}) in html
    try:
        competencies = reverse("competency:employee_competencies", kwargs={"nip": world["e9"].nip})
    except NoReverseMatch:  # the profile page is another page module's; linked only once it exists
        competencies = None
    if competencies:
        assert f'href="{competencies}"' in html
    assert ">90,0<" in html
    assert [row["employee"].full_name for row in province_client.get(box_url(1)).context["people"]] == [
        "Fajar Satu"
    ]
    assert names(province_client.get(box_url(6))) == []


def test_box_in_an_agency_and_year(province_client, agency_client, world):
    assert names(agency_client.get(box_url(9))) == ["Ayu Sembilan", "Bayu Sembilan"]
    assert names(province_client.get(box_url(9), {"agency": "DINB"})) == ["Ayu Dinas B"]
    assert names(province_client.get(box_url(6), {"year": 2023})) == ["Citra Delapan"]


@pytest.mark.parametrize("box", [0, 10])
def test_unknown_box_is_404(province_client, world, box):
    assert province_client.get(f"/competency/talent/box/{box}/").status_code == 404


def test_box_is_paginated(province_client, world, monkeypatch):
    monkeypatch.setattr(views_talent, "PEOPLE_PER_PAGE", 2)
    first = province_client.get(box_url(9))
    assert names(first) == ["Ayu Dinas B", "Ayu Sembilan"]
    assert first.context["page"].paginator.count == 3
    assert names(province_client.get(box_url(9), {"page": 2})) == ["Bayu Sembilan"]


def test_unplaced_lists(province_client, agency_client, world):
    unrated = province_client.get(UNRATED)
    assert [e.full_name for e in unrated.context["people"]] == ["Gita Belum", "Nina Belum"]
    no_standard = province_client.get(NO_STANDARD)
    assert [e.full_name for e in no_standard.context["people"]] == ["Hadi Standar", "Indah Tanpa"]
    assert 'data-testid="no-position"' in no_standard.content.decode()
    assert [e.full_name for e in agency_client.get(UNRATED).context["people"]] == ["Gita Belum"]
    assert [e.full_name for e in province_client.get(UNRATED, {"agency": "DINB"}).context["people"]] == [
        "Nina Belum"
    ]


# --- query counts --------------------------------------------------------------------------


def grow(world, extra: int):
    for n in range(extra):
        person(f"Tambahan {n:02d}", 20 + n, position=world["pos_a"], rating="meets", levels=(5, 4))


@pytest.mark.parametrize("extra", [0, 27])
def test_query_counts_do_not_grow_with_staff(province_client, world, extra, django_assert_num_queries):
    grow(world, extra)
    # Session, user, rating years, agencies, then talent_grid: ratings, employees and
    # the JPM sums against the held positions; the page adds one query of its own.
    with django_assert_num_queries(8):
        response = province_client.get(GRID)
    assert response.context["placed"] == 9 + extra
    with django_assert_num_queries(9):
        response = province_client.get(box_url(9))
    assert len(response.context["people"]) == 3
    with django_assert_num_queries(9):
        province_client.get(UNRATED)
    with django_assert_num_queries(8):
        province_client.get(EXPORT)


def test_agency_admin_query_count(agency_client, world, django_assert_num_queries):
    grow(world, 5)
    # As the province administrator's, plus the scope's agency tree.
    with django_assert_num_queries(9):
        response = agency_client.get(GRID)
    assert response.context["placed"] == 12


# --- export -------------------------------------------------------------------------------


def rows_of(sheet) -> list[list]:
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def in_indonesian(*texts) -> list[str]:
    with translation.override("id"):
        return [str(_(text)) for text in texts]


def test_export_workbook(province_client, world):
    response = province_client.get(EXPORT)
    assert response.status_code == 200
    assert response["Content-Type"] == CONTENT_TYPE
    assert response["Content-Disposition"] == 'attachment; filename="talent-province-2025.xlsx"'
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    assert workbook.sheetnames == in_indonesian("Talent placement", "Grid", "Not placed")
    placement, grid, unplaced = (workbook[name] for name in workbook.sheetnames)
    rows = rows_of(placement)
    assert rows[0] == in_indonesian(
        "NIP", "Name", "Agency", "Unit", "Position", "Performance", "JPM", "Potential", "Box", "Box name",
        "Recommended actions",
    )  # fmt: skip
    above, meets, below, high, medium, low = in_indonesian(
        "Above expectations", "Meets expectations", "Below expectations",
        "High potential", "Medium potential", "Low potential",
    )  # fmt: skip
    unit_a, unit_b = world["pos_a"].unit.name, world["b9"].position.unit.name
    unit_rs = world["rs4"].position.unit.name
    top = "; ".join(in_indonesian("Promote and retain", "Succession pool", "Award"))
    top_name, low_name = in_indonesian("Top talent", "Underperformer")
    assert rows[1:4] == [
        [world["b9"].nip, "Ayu Dinas B", "Dinas B", unit_b, "Analis B", above, 100, high, 9, top_name, top],
        [world["e9"].nip, "Ayu Sembilan", "Dinas A", unit_a, "Analis A", above, 100, high, 9, top_name, top],
        [world["e9b"].nip, "Bayu Sembilan", "Dinas A", unit_a, "Analis A", above, 90, high, 9, top_name, top],
    ]
    assert [row[1:3] + row[5:9] for row in rows[4:]] == [
        ["Citra Delapan", "Dinas A", meets, 100, high, 8],
        ["Dewi Tujuh", "Dinas A", above, 80, medium, 7],
        ["Eka Lima", "Dinas A", meets, 80, medium, 5],
        ["Lina Empat", "RSUD A", above, 60, low, 4],
        ["Mira Dua", "Dinas B", meets, 20, low, 2],
        ["Fajar Satu", "Dinas A", below, 70, low, 1],
    ]
    assert rows[7][3:5] == [unit_rs, "Perawat RS"]
    assert rows[9][9:] == [
        low_name,
        in_indonesian("Handled under the discipline and performance regulations")[0],
    ]

    grid_rows = rows_of(grid)
    assert grid_rows[2] == [*in_indonesian("Potential / performance"), below, meets, above]
    assert grid_rows[3:6] == [[high, 0, 1, 3], [medium, 0, 1, 1], [low, 1, 1, 1]]
    assert grid_rows[7] == in_indonesian("Box", "Box name", "Employees", "Share (%)")
    assert [row[0] for row in grid_rows[8:17]] == [9, 8, 7, 6, 5, 4, 3, 2, 1]
    assert [row[2] for row in grid_rows[8:17]] == [3, 1, 1, 0, 1, 1, 0, 1, 1]
    assert [row[3] for row in grid_rows[8:17]] == [33.3, 11.1, 11.1, 0, 11.1, 11.1, 0, 11.1, 11.1]
    assert [row[:2] for row in grid_rows[18:21]] == [
        [in_indonesian("Placed")[0], 9],
        [in_indonesian("No performance rating for the year")[0], 2],
        [in_indonesian("No competency standard for the position")[0], 2],
    ]

    unplaced_rows = rows_of(unplaced)
    assert unplaced_rows[0] == in_indonesian("NIP", "Name", "Agency", "Unit", "Position", "Reason")
    with translation.override("id"):
        unrated = _("No performance rating for %(year)s") % {"year": 2025}
        no_standard, no_position = _("The position has no competency standard"), _("Holds no position")
    bare_unit = world["bare"].unit.name
    expected = [
        [world["nostd_a"].nip, "Hadi Standar", "Dinas A", bare_unit, "Tanpa Standar", no_standard],
        [world["nopos_a"].nip, "Indah Tanpa", "Dinas A", None, None, no_position],
        [world["unrated_a"].nip, "Gita Belum", "Dinas A", unit_a, "Analis A", unrated],
        [world["b_unrated"].nip, "Nina Belum", "Dinas B", unit_b, "Analis B", unrated],
    ]
    assert sorted(unplaced_rows[1:], key=lambda row: row[1]) == sorted(expected, key=lambda row: row[1])
    assert len(unplaced_rows) == 5


def test_export_of_an_agency_is_named_after_it(agency_client, world):
    response = agency_client.get(EXPORT, {"year": 2023})
    assert response["Content-Disposition"] == 'attachment; filename="talent-DINA-2023.xlsx"'
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    placement = rows_of(workbook[workbook.sheetnames[0]])
    assert [(row[1], row[8]) for row in placement[1:]] == [("Citra Delapan", 6)]
