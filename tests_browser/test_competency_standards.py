"""Competency dictionary and position standards, driven in headless Chromium.

Structure and data are checked (test ids, codes, levels), not the project's translated
words, which the Indonesian catalogue supplies separately.
"""

import re

import pytest
from playwright.sync_api import expect

from penata.competency.models import Competency, PositionStandard
from penata.competency.tests.factories import TechnicalCompetencyFactory

from .conftest import sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

REGULATION_CODES = ["M.01", "M.02", "M.03", "M.04", "M.05", "M.06", "M.07", "M.08", "SK.01"]


@pytest.fixture
def health_competency(province):
    return TechnicalCompetencyFactory(
        code="T.DINKES.01",
        name="Promosi kesehatan masyarakat",
        agency=province["agencies"]["dinkes"],
        description="Merancang dan menjalankan promosi kesehatan bagi masyarakat.",
        levels=[
            {
                "level": n,
                "title": title,
                "indicators": [f"Indikator perilaku {n}.1", f"Indikator perilaku {n}.2"],
            }
            for n, title in enumerate(
                [
                    "Menjalankan kegiatan promosi sesuai prosedur",
                    "Menyesuaikan materi promosi dengan sasaran",
                    "Merancang program promosi unit kerja",
                    "Mengembangkan strategi promosi daerah",
                    "Menetapkan kebijakan promosi kesehatan",
                ],
                start=1,
            )
        ],
    )


def test_agency_admin_sets_a_position_standard(page, province, health_competency, screenshot):
    sign_in(page, "admin_dinkes")
    page.goto("/competency/dictionary/")
    expect(page.locator("html")).to_have_attribute("lang", "id")
    expect(page.get_by_test_id("regulation-list").locator(".accordion-item")).to_have_count(9)
    expect(page.get_by_test_id("technical-row")).to_have_count(1)
    expect(page.get_by_test_id("agency-group")).to_have_text(["Dinas Kesehatan"])
    # Opening M.01 shows its five levels with their indicators.
    integrity = page.get_by_test_id("competency-M.01")
    integrity.locator(".accordion-button").click()
    expect(integrity.locator("[data-testid^=level-]")).to_have_count(5)
    expect(integrity.locator(".indicator-list").first).to_be_visible()
    page.wait_for_timeout(400)  # let the collapse animation finish before the screenshot
    screenshot(page, "standards-01-dictionary")

    # Search-as-you-type narrows both sections.
    page.fill("#id_q", "promosi kesehatan")
    expect(page.get_by_test_id("no-regulation")).to_be_visible()
    expect(page.get_by_test_id("technical-row")).to_have_count(1)

    position = province["employees"]["ani"].position
    page.goto(f"/organization/positions/{position.pk}/")
    card = page.get_by_test_id("standard-card")
    # htmx loads the competency app's fragment into the position page.
    expect(card.get_by_test_id("no-standard")).to_be_visible()
    card.get_by_test_id("open-standard").click()
    expect(page).to_have_url(re.compile(r"/competency/positions/DK-AK-01/standard/$"))
    expect(page.get_by_test_id("no-standard")).to_be_visible()

    # Ahli Muda: class default level 2 in the nine dictionary competencies.
    page.get_by_test_id("apply-defaults").click()
    expect(page.get_by_test_id("message")).to_be_visible()
    rows = page.get_by_test_id("standard-row")
    expect(rows).to_have_count(9)
    expect(page.get_by_test_id("required-level")).to_have_text(["2"] * 9)

    page.get_by_test_id("edit-standard").click()
    expect(page.get_by_test_id("edit-row")).to_have_count(10)
    page.get_by_test_id("level-M.01").select_option("4")
    page.get_by_test_id("core-SK.01").uncheck()
    page.get_by_test_id("level-T.DINKES.01").select_option("3")
    page.get_by_test_id("level-M.08").select_option("")
    # The hint under a competency follows the chosen level.
    integrity_level_4 = Competency.objects.get(code="M.01").levels[3]["title"]
    expect(page.get_by_test_id("hint-M.01")).to_have_text(integrity_level_4)
    expect(page.get_by_test_id("hint-M.08")).to_have_text("")
    screenshot(page, "standards-02-standard-edit")
    page.get_by_test_id("save-standard").click()

    expect(page).to_have_url(re.compile(r"/competency/positions/DK-AK-01/standard/$"))
    expect(page.get_by_test_id("message")).to_be_visible()
    expect(rows).to_have_count(9)
    codes = [code for code in REGULATION_CODES if code != "M.08"] + ["T.DINKES.01"]
    assert [rows.nth(i).get_attribute("data-code") for i in range(9)] == codes
    expect(page.get_by_test_id("required-level")).to_have_text(["4", "2", "2", "2", "2", "2", "2", "2", "3"])
    sk = page.locator("tr[data-code='SK.01'] [data-testid=factor]")
    core = page.locator("tr[data-code='M.01'] [data-testid=factor]")
    assert sk.inner_text() != core.inner_text()
    technical_row = page.locator("tr[data-code='T.DINKES.01']")
    expect(technical_row).to_contain_text("Merancang program promosi unit kerja")
    screenshot(page, "standards-03-standard")

    page.get_by_role("link", name="DK-AK-01").click()
    card = page.get_by_test_id("standard-card")
    expect(card.get_by_test_id("standard-row")).to_have_count(9)
    screenshot(page, "standards-05-position-card")

    page.goto("/competency/dictionary/new/")
    page.fill("#id_code", "T.DINKES.02")
    page.fill("#id_name", "Surveilans epidemiologi")
    page.fill("#id_title_1", "Mengumpulkan data kasus sesuai prosedur")
    page.get_by_test_id("save-technical").click()
    # Four titles missing: the form says so next to each, nothing is written.
    expect(page.get_by_test_id("error-title_2")).to_be_visible()
    screenshot(page, "standards-06-technical-form")
    assert Competency.objects.filter(code="T.DINKES.02").exists() is False

    saved = dict(
        PositionStandard.objects.filter(position=position).values_list("competency__code", "required_level")
    )
    assert saved == {**dict.fromkeys(codes, 2), "M.01": 4, "T.DINKES.01": 3}
    assert PositionStandard.objects.get(position=position, competency__code="SK.01").is_core is False


def test_agency_admin_applies_class_defaults_in_bulk(page, province, screenshot):
    sign_in(page, "admin_dinkes")
    page.goto("/competency/standards/")
    expect(page.get_by_test_id("count-total")).to_have_text("2")
    expect(page.get_by_test_id("count-without")).to_have_text("2")
    expect(page.get_by_test_id("standards-row")).to_have_count(2)
    screenshot(page, "standards-04-standards")
    page.get_by_test_id("bulk-apply").click()
    expect(page.get_by_test_id("message")).to_be_visible()
    expect(page.get_by_test_id("count-with")).to_have_text("2")
    expect(page.get_by_test_id("no-results")).to_be_visible()
    assert PositionStandard.objects.filter(position__agency__code="DINKES").count() == 2 * 9
    assert Competency.objects.filter(kind="technical").count() == 0
