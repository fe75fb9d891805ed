"""Talent nine-box journey: a province administrator opens the grid, opens a box and sees
the people in it; the same on a phone-sized screen."""

import re
from datetime import date

import pytest
from playwright.sync_api import expect

from .conftest import sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

YEAR = 2025
# (name, rating, (M.01, M.02)) against a standard of M.01 5 and M.02 5: JPM = 10 × the sum.
STAFF = [
    ("Rina Marasabessy", "above", (5, 5)),  # JPM 100 → box 9
    ("Yusuf Tuasikal", "above", (5, 4)),  # 90 → box 9
    ("Fitri Hamid", "meets", (5, 5)),  # box 8
    ("Samsul Bahri", "meets", (5, 4)),  # box 8
    ("Nurul Latuconsina", "above", (4, 4)),  # 80 → box 7
    ("Hendra Umasugi", "meets", (4, 4)),  # box 5
    ("Maya Soamole", "meets", (4, 4)),  # box 5
    ("Ikbal Djafar", "meets", (4, 5)),  # box 8
    ("Sofyan Abdullah", "below", (5, 5)),  # box 6
    ("Dian Tomagola", "above", (3, 3)),  # 60 → box 4
    ("Arif Salim", "meets", (3, 3)),  # box 2
    ("Lusi Kaplale", "below", (4, 4)),  # box 3
    ("Wahyu Pattimura", "below", (2, 3)),  # box 1
]


@pytest.fixture
def talent_world(province):
    from penata.competency.services import position_standard_set
    from penata.competency.tests.factories import AssessmentFactory, competency
    from penata.workforce.models import PerformanceRating
    from penata.workforce.tests.factories import EmployeeFactory, PerformanceRatingFactory

    ani, budi, citra = (province["employees"][k] for k in ("ani", "budi", "citra"))
    requirements = {"M.01": (5, True), "M.02": (5, True)}
    for employee in (ani, budi, citra):
        position_standard_set(position=employee.position, requirements=requirements)
    # Ani: rated "above" for 2025 by the province fixture; JPM 100 → box 9.
    for code in ("M.01", "M.02"):
        AssessmentFactory(employee=ani, competency=competency(code), level=5)
    # Budi has no rating: not placed. Citra (BKD): "meets", JPM 80 → box 5.
    PerformanceRatingFactory(employee=citra, year=YEAR, rating="meets")
    for code in ("M.01", "M.02"):
        AssessmentFactory(employee=citra, competency=competency(code), level=4)
    positions = [ani.position, budi.position]
    for index, (name, rating, levels) in enumerate(STAFF):
        employee = EmployeeFactory(
            full_name=name,
            position=positions[index % 2],
            nip=f"19880{index % 9 + 1}012012011{index + 1:03d}",
            sex="M",
            birth_date=date(1988, index % 9 + 1, 1),
        )
        PerformanceRating.objects.create(employee=employee, year=YEAR, rating=rating)
        for code, level in zip(("M.01", "M.02"), levels, strict=True):
            AssessmentFactory(employee=employee, competency=competency(code), level=level)
    return province


def test_province_admin_opens_the_grid_and_a_box(page, talent_world, screenshot):
    sign_in(page, "prov")
    page.goto("/competency/talent/")
    expect(page.get_by_test_id("page-title")).to_be_visible()
    expect(page.get_by_test_id("placed-count")).to_have_text("15")
    expect(page.get_by_test_id("unrated-count")).to_have_text("1")
    expect(page.get_by_test_id("no-standard-count")).to_have_text("0")
    expect(page.get_by_test_id("box-9").get_by_test_id("box-count")).to_have_text("3")
    expect(page.get_by_test_id("box-8").get_by_test_id("box-count")).to_have_text("3")
    expect(page.get_by_test_id("box-5").get_by_test_id("box-count")).to_have_text("3")
    expect(page.get_by_test_id("box-1").get_by_test_id("box-count")).to_have_text("1")
    # 3 of 15 placed: 20,0 % in Indonesian.
    expect(page.get_by_test_id("box-9").get_by_test_id("box-share")).to_have_text("20,0%")
    expect(page.get_by_test_id("agency-row")).to_have_count(2)
    screenshot(page, "talent-01-grid")

    page.get_by_test_id("box-9").click()
    expect(page).to_have_url(re.compile(r"/competency/talent/box/9/\?year=2025$"))
    rows = page.get_by_test_id("person-row")
    expect(rows).to_have_count(3)
    expect(page.get_by_test_id("person-name")).to_have_text(
        ["Ani Lestari", "Rina Marasabessy", "Yusuf Tuasikal"]
    )
    expect(page.get_by_test_id("person-jpm")).to_have_text(["100,0", "100,0", "90,0"])
    expect(rows.first.get_by_test_id("person-nip")).to_have_text("19800101 200501 2 001")
    screenshot(page, "talent-02-box-9")

    page.get_by_test_id("person-name").first.click()
    expect(page.get_by_test_id("page-title")).to_have_text("Ani Lestari")

    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/competency/talent/")
    expect(page.get_by_test_id("box-9").get_by_test_id("box-count")).to_have_text("3")
    screenshot(page, "talent-03-grid-phone")
    page.get_by_test_id("talent-grid").scroll_into_view_if_needed()
    screenshot(page, "talent-03b-grid-phone-viewport", full_page=False)
    page.get_by_test_id("box-8").click()
    expect(page.get_by_test_id("person-row")).to_have_count(3)
    screenshot(page, "talent-04-box-8-phone")


def test_agency_admin_sees_only_their_agency(page, talent_world, screenshot):
    sign_in(page, "admin_dinkes")
    page.goto("/competency/talent/")
    # Dinas Kesehatan and its hospital; Citra (BKD) is not counted.
    expect(page.get_by_test_id("placed-count")).to_have_text("14")
    expect(page.get_by_test_id("box-5").get_by_test_id("box-count")).to_have_text("2")
    page.get_by_test_id("unrated-link").click()
    expect(page.get_by_test_id("person-name")).to_have_text(["Budi Santoso"])
    expect(page.get_by_test_id("person-nip")).to_have_text(["19850202 201001 1 002"])
    screenshot(page, "talent-05-unrated-agency-admin")
    response = page.goto("/competency/talent/?agency=BKD")
    assert response.status == 404
