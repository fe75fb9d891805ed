"""Competency profile journeys: an agency administrator records an assessment and sees the
chart change, then marks it invalid (entered in error) and sees the chart change back;
the ASN reads their own profile and files a self-assessment that does not count. Checks
structure and numbers, not the project's translated words."""

from datetime import date

import pytest
from playwright.sync_api import expect

from .conftest import sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

ANALYST_STANDARD = {
    "M.01": 3, "M.02": 3, "M.03": 3, "M.04": 3, "M.05": 3,
    "M.06": 2, "M.07": 2, "M.08": 2, "SK.01": 3, "T.DK.01": 2,
}  # fmt: skip
ANI_LEVELS = {
    "M.01": 4, "M.02": 2, "M.03": 3, "M.04": 3, "M.05": 1,
    "M.06": 2, "M.07": 1, "M.08": 2, "SK.01": 3, "T.DK.01": 2,
}  # fmt: skip


@pytest.fixture
def competencies(province):
    from penata.competency.models import Assessment, Competency
    from penata.competency.services import competency_dictionary_load, position_standard_set
    from penata.organization.models import Position

    # The transactional flush removed the dictionary the migration seeded.
    competency_dictionary_load()
    dinkes = province["agencies"]["dinkes"]
    Competency.objects.create(code="T.DK.01", name="Promosi Kesehatan", kind="technical", agency=dinkes)
    analyst = Position.objects.get(code="DK-AK-01")
    position_standard_set(
        position=analyst,
        requirements={code: (level, code.startswith("M.")) for code, level in ANALYST_STANDARD.items()},
    )
    programmer = Position.objects.get(code="DK-PK-01")
    position_standard_set(
        position=programmer,
        requirements=dict.fromkeys(("M.01", "M.02", "M.03", "SK.01"), (1, True)),
    )
    ani = province["employees"]["ani"]
    codes = {c.code: c for c in Competency.objects.all()}
    for code, level in ANI_LEVELS.items():
        Assessment.objects.create(
            employee=ani,
            competency=codes[code],
            level=level,
            assessed_on=date(2025, 3, 10),
            method="assessment_centre",
            assessor_name="UPT Penilaian Kompetensi",
        )
    return province


def chart_row(page, testid: str, code: str):
    return page.locator(f"[data-testid={testid}-chart-row][data-code='{code}']")


def test_agency_admin_records_an_assessment_and_the_chart_changes(page, competencies, screenshot):
    ani = competencies["employees"]["ani"]
    sign_in(page, "admin_dinkes")
    page.goto(f"/workforce/employees/{ani.nip}/")
    page.get_by_test_id("competencies").click()

    expect(page.get_by_test_id("own-chart-row")).to_have_count(10)
    # 22 of 26 required levels met.
    expect(page.get_by_test_id("own-value")).to_have_text("84,6")
    expect(chart_row(page, "own", "M.02")).to_have_attribute("data-level", "2")
    expect(chart_row(page, "own", "M.02")).to_have_class("cp-row cp-short")
    expect(page.get_by_test_id("own-gap-row").first).to_contain_text("M.05")
    expect(page.get_by_test_id("talent-box")).to_have_text("7")
    screenshot(page, "competency-01-profile")

    page.get_by_test_id("record-assessment").click()
    page.locator("#id_competency").select_option("M.02")
    page.locator("#id_level").select_option("4")
    page.locator("#id_method").select_option("assessment_centre")
    page.locator("#id_assessor_name").fill("Tim Asesor BKD")
    screenshot(page, "competency-02-assessment-form")
    page.get_by_test_id("save-assessment").click()

    expect(page.get_by_test_id("message")).to_be_visible()
    expect(chart_row(page, "own", "M.02")).to_have_attribute("data-level", "4")
    expect(chart_row(page, "own", "M.02")).to_have_class("cp-row cp-met")
    expect(page.get_by_test_id("own-value")).to_have_text("88,5")
    expect(page.get_by_test_id("history-row").first).to_contain_text("Tim Asesor BKD")
    screenshot(page, "competency-03-after-assessment")

    # Entered in error: mark the newest assessment invalid; the earlier M.02 2 counts again.
    page.get_by_test_id("history-row").first.get_by_test_id("history-invalidate").click()
    expect(page.get_by_test_id("invalidate-level")).to_have_text("4")
    page.locator("#id_reason").fill("Dicatat untuk pegawai yang salah.")
    screenshot(page, "competency-03b-mark-invalid")
    page.get_by_test_id("confirm-invalidate").click()
    expect(page.get_by_test_id("message")).to_be_visible()
    first = page.get_by_test_id("history-row").first
    expect(first.get_by_test_id("history-invalid")).to_be_visible()
    expect(first.get_by_test_id("history-invalidate")).to_have_count(0)
    expect(chart_row(page, "own", "M.02")).to_have_attribute("data-level", "2")
    expect(page.get_by_test_id("own-value")).to_have_text("84,6")
    screenshot(page, "competency-03c-after-mark-invalid")

    # Compare with another position by its code.
    page.locator("#id_position").fill("DK-PK-01")
    page.get_by_test_id("compare-submit").click()
    expect(page.get_by_test_id("compare-value")).to_have_text("100")
    expect(page.get_by_test_id("compare-chart-row")).to_have_count(4)
    page.get_by_test_id("compare").scroll_into_view_if_needed()
    screenshot(page, "competency-04-compare")

    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"/competency/employees/{ani.nip}/")
    expect(page.get_by_test_id("own-chart-row")).to_have_count(10)
    screenshot(page, "competency-05-profile-phone")
    page.get_by_test_id("own-score").scroll_into_view_if_needed()
    page.evaluate("window.scrollBy(0, -80)")
    screenshot(page, "competency-05b-profile-phone-chart", full_page=False)
    page.get_by_test_id("talent").scroll_into_view_if_needed()
    screenshot(page, "competency-05c-profile-phone-talent", full_page=False)


def test_asn_files_a_self_assessment_that_does_not_count(page, competencies, screenshot):
    sign_in(page, "ani")
    page.goto("/competency/me/")
    expect(page.get_by_test_id("own-value")).to_have_text("84,6")
    expect(page.get_by_test_id("self-note")).to_be_visible()
    expect(page.get_by_test_id("talent-box")).to_have_text("7")
    screenshot(page, "competency-06-me")

    page.locator("#id_self-competency").select_option("M.05")
    page.locator("#id_self-level").select_option("4")
    page.locator("#id_self-note").fill("Sudah memimpin layanan pengaduan sejak 2024.")
    page.get_by_test_id("save-self-assessment").click()

    expect(page.get_by_test_id("message")).to_be_visible()
    expect(page.get_by_test_id("own-value")).to_have_text("84,6")
    expect(chart_row(page, "own", "M.05")).to_have_attribute("data-level", "1")
    first = page.get_by_test_id("history-row").first
    expect(first.get_by_test_id("history-self")).to_be_visible()
    expect(first).to_contain_text("M.05")
    screenshot(page, "competency-07-me-after-self-assessment")

    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    expect(page.get_by_test_id("own-chart-row")).to_have_count(10)
    screenshot(page, "competency-08-me-phone")
    page.get_by_test_id("history").scroll_into_view_if_needed()
    screenshot(page, "competency-08b-me-phone-history", full_page=False)
