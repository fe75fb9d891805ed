"""The agency administrator opens the competency gap map, clicks the worst cell and sees
the people below standard; the province administrator reads the province overview."""

import random
from datetime import date

import pytest
from playwright.sync_api import expect

from .conftest import sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

CODES = ["M.01", "M.02", "M.03", "M.04", "M.05", "M.06", "M.07", "M.08", "SK.01"]
NAMES = [
    "Abdul Rahman",
    "Nurhayati Umar",
    "Yusuf Hasan",
    "Fitri Handayani",
    "Rizky Pratama",
    "Maria Fransiska",
    "Hendra Gunawan",
    "Siti Aisyah",
    "Irfan Mahmud",
    "Dewi Kartika",
    "Samsul Bahri",
    "Wulan Sari",
    "Taufik Hidayat",
    "Lina Marlina",
    "Arif Budiman",
    "Rosmini Tuasikal",
    "Fadli Ode",
    "Yanti Sangaji",
    "Mochtar Basir",
    "Ratna Djafar",
    "Kurniawan Salim",
    "Hasna Abubakar",
    "Iskandar Alting",
    "Nurul Fajriah",
    "Ridwan Kamarullah",
    "Sarifah Latuconsina",
    "Bahtiar Sahib",
    "Juwita Hamisi",
    "Gunawan Tjan",
    "Anisa Rahayaan",
    "Saiful Bachri",
    "Kartini Doa",
    "Umar Syah",
    "Melani Tuanaya",
]


@pytest.fixture
def gap_world(province):
    """Standards, staff and assessments for Dinas Kesehatan, deterministic."""
    from penata.competency.gaps import agency_gap_map, staff_below_standard
    from penata.competency.models import AssessmentMethod, PositionStandard
    from penata.competency.tests.factories import AssessmentFactory, TechnicalCompetencyFactory, competency
    from penata.organization.models import Unit
    from penata.organization.tests.factories import PositionFactory, UnitFactory
    from penata.workforce.tests.factories import EmployeeFactory

    dinkes = province["agencies"]["dinkes"]
    units = {unit.code: unit for unit in Unit.objects.filter(agency=dinkes)}
    units["DK-3"] = UnitFactory(
        agency=dinkes, code="DK-3", name="Bidang Pencegahan dan Pengendalian Penyakit"
    )
    units["DK-3.1"] = UnitFactory(
        agency=dinkes, code="DK-3.1", name="Seksi Surveilans dan Imunisasi", parent=units["DK-3"]
    )
    units["DK-4"] = UnitFactory(agency=dinkes, code="DK-4", name="Bidang Sumber Daya Kesehatan")
    surveillance = TechnicalCompetencyFactory(
        code="T.DINKES.01", name="Surveilans Epidemiologi", agency=dinkes
    )
    dictionary = {code: competency(code) for code in CODES}
    rng = random.Random(20)
    # (unit, position title, required level, staff, how strong the unit is 0..1)
    plan = [
        ("DK-1", "Sekretaris Dinas", 3, 3, 0.8),
        ("DK-1.1", "Analis Kepegawaian", 2, 5, 0.55),
        ("DK-2", "Pengelola Layanan Kesehatan", 2, 6, 0.65),
        ("DK-2.1", "Verifikator Rujukan", 2, 4, 0.35),
        ("DK-3", "Epidemiolog Kesehatan Ahli Muda", 3, 5, 0.5),
        ("DK-3.1", "Pengelola Imunisasi", 2, 6, 0.25),
        ("DK-4", "Analis Sumber Daya Kesehatan", 2, 4, 0.7),
    ]
    names = iter(NAMES)
    for number, (code, title, level, staff, strength) in enumerate(plan):
        position = PositionFactory(unit=units[code], code=f"DK-GAP-{number:02d}", title=title)
        for comp_code, comp in dictionary.items():
            bump = 1 if comp_code in ("M.04", "M.08") and level >= 3 else 0
            PositionStandard.objects.create(position=position, competency=comp, required_level=level + bump)
        if code.startswith("DK-3"):
            PositionStandard.objects.create(position=position, competency=surveillance, required_level=3)
        for _ in range(staff):
            person = EmployeeFactory(full_name=next(names), position=position, agency=dinkes)
            for comp in [*dictionary.values(), surveillance]:
                if rng.random() < 0.1:
                    continue  # never assessed: counts as 0
                met = rng.random() < strength
                assessed = level + rng.choice([0, 1]) if met else max(1, level - rng.choice([1, 1, 2]))
                AssessmentFactory(
                    employee=person,
                    competency=comp,
                    level=min(assessed, 5),
                    assessed_on=date(2025, 3, 1 + rng.randrange(27)),
                    method=AssessmentMethod.ASSESSMENT_CENTRE,
                )
    EmployeeFactory(full_name="Pegawai Baru", agency=dinkes, position=None)
    gap_map = agency_gap_map(agency=dinkes)
    row, column = gap_map.worst
    below = staff_below_standard(agency=dinkes, competency=column.competency, unit=row.unit)
    return {
        "unit": row.unit.code,
        "competency": column.competency.code,
        "names": [person.full_name for person in below],
        "rows": len(gap_map.rows),
        "columns": len(gap_map.columns),
    }


def test_agency_admin_drills_into_the_worst_cell(gap_world, page, screenshot):
    sign_in(page, "admin_dinkes")
    page.goto("/competency/gaps/")
    expect(page.get_by_test_id("agency-name")).to_have_text("Dinas Kesehatan")
    expect(page.get_by_test_id("gap-row")).to_have_count(gap_world["rows"])
    expect(page.get_by_test_id("gap-column")).to_have_count(gap_world["columns"])
    # The worst cell holds the largest share on the page.
    shares = page.locator("tbody [data-testid=gap-cell]").evaluate_all(
        "cells => cells.map(c => parseFloat(c.dataset.share))"
    )
    worst = page.locator(
        f"[data-testid=gap-row][data-unit='{gap_world['unit']}'] "
        f"[data-testid=gap-cell][data-competency='{gap_world['competency']}']"
    )
    assert float(worst.get_attribute("data-share")) == max(shares)
    screenshot(page, "competency-gaps-01-agency-map")

    worst.locator("a").click()
    expect(page.get_by_test_id("people-row")).to_have_count(len(gap_world["names"]))
    expect(page.get_by_test_id("person-link")).to_have_text(gap_world["names"])
    screenshot(page, "competency-gaps-02-people-below")

    page.get_by_test_id("person-link").first.click()
    expect(page.get_by_test_id("page-title")).to_have_text(gap_world["names"][0])


def test_gap_map_on_a_phone_scrolls_sideways(gap_world, page, screenshot):
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(page, "admin_dinkes")
    page.goto("/competency/gaps/?sort=worst")
    table = page.locator(".gap-scroll")
    expect(page.get_by_test_id("gap-table")).to_be_visible()
    assert table.evaluate("el => el.scrollWidth > el.clientWidth")
    # The page itself does not scroll sideways, only the table.
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
    screenshot(page, "competency-gaps-03-agency-map-phone")
    page.locator(
        f"[data-testid=gap-row] [data-testid=gap-cell][data-competency='{gap_world['competency']}'] a"
    ).first.click()
    expect(page.get_by_test_id("people-table")).to_be_visible()
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
    screenshot(page, "competency-gaps-04-people-phone")


def test_province_admin_reads_the_overview(gap_world, page, screenshot):
    sign_in(page, "prov")
    page.goto("/competency/gaps/province/")
    expect(page.get_by_test_id("weakest-row")).to_have_count(gap_world["columns"])
    # BKD has staff but no standard yet: its row shows only the staff not mapped.
    expect(page.get_by_test_id("agency-row")).to_have_count(2)
    screenshot(page, "competency-gaps-05-province")
    page.get_by_test_id("agency-link").first.click()
    expect(page.get_by_test_id("agency-name")).to_have_text("Dinas Kesehatan")
