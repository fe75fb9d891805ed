"""Training needs journey in headless Chromium: the training manager recomputes the needs,
goes from the agencies to one competency and its people, marks a need planned and reads
the sessions still to open; the agency administrator records a need for one of their
units from citizens' complaints. Checks structure and data, not the translated words."""

import re
from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from .conftest import sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def needs_world(province):
    """Standards for the province's three positions, assessments below them, more staff in
    the Health Office, and two programs (one with an upcoming session)."""
    from penata.accounts.models import Role
    from penata.accounts.tests.factories import UserFactory
    from penata.competency.models import PositionStandard
    from penata.competency.services import competency_dictionary_load
    from penata.competency.tests.factories import AssessmentFactory, competency
    from penata.organization.models import Position
    from penata.training.models import SessionStatus
    from penata.training.tests.factories import (
        ProgramCompetencyFactory,
        ProgramFactory,
        TrainingSessionFactory,
    )
    from penata.workforce.tests.factories import EmployeeFactory

    # The transactional flush removed the dictionary the migration seeded.
    competency_dictionary_load()
    UserFactory(
        username="bpsdm",
        full_name="Nurhayati Umar",
        role=Role.TRAINING_MANAGER,
        agency=province["agencies"]["bkd"],
    )
    positions = {p.code: p for p in Position.objects.all()}
    requirements = {
        "DK-AK-01": {"M.01": (3, True), "M.02": (2, False), "M.05": (3, True)},
        "DK-PK-01": {"M.01": (2, True), "M.05": (2, True)},
        "BKD-SDM-01": {"M.01": (2, True), "M.06": (2, True)},
    }
    for code, standard in requirements.items():
        for competency_code, (level, core) in standard.items():
            PositionStandard.objects.create(
                position=positions[code],
                competency=competency(competency_code),
                required_level=level,
                is_core=core,
            )
    people = province["employees"]
    AssessmentFactory(employee=people["ani"], competency=competency("M.01"), level=2)
    AssessmentFactory(employee=people["ani"], competency=competency("M.05"), level=1)
    AssessmentFactory(employee=people["budi"], competency=competency("M.05"), level=2)
    for name, level in [("Rizky Pratama", 1), ("Siti Aisyah", 2), ("Hendra Gunawan", 1)]:
        person = EmployeeFactory(full_name=name, position=positions["DK-PK-01"])
        AssessmentFactory(employee=person, competency=competency("M.01"), level=level)
        AssessmentFactory(employee=person, competency=competency("M.05"), level=2)
    communication = ProgramFactory(code="PLT-KOM-01", title="Komunikasi Pelayanan Publik", jp=24)
    ProgramCompetencyFactory(program=communication, competency=competency("M.01"), target_level=3)
    TrainingSessionFactory(
        program=communication,
        code="PLT-KOM-01-A",
        start_date=date.today() + timedelta(days=21),
        capacity=2,
        status=SessionStatus.OPEN,
        organizer=province["agencies"]["bkd"],
    )
    service = ProgramFactory(code="PLT-PEL-01", title="Pelayanan Prima", jp=16)
    ProgramCompetencyFactory(program=service, competency=competency("M.05"), target_level=3)
    return province


def test_manager_turns_gaps_into_a_plan(page, needs_world, screenshot):
    from penata.training.models import NeedStatus, TrainingNeed

    sign_in(page, "bpsdm")
    page.goto("/training/needs/")
    expect(page.locator("html")).to_have_attribute("lang", "id")
    expect(page.get_by_test_id("no-needs")).to_be_visible()

    page.get_by_test_id("recompute").click()
    expect(page.get_by_test_id("message")).to_be_visible()
    expect(page.get_by_test_id("needs-row")).to_have_count(2)
    expect(page.get_by_test_id("needs-row").first).to_have_attribute("data-code", "DINKES")
    # Ani: M.01 (2 of 3), M.02 (never assessed, secondary) and M.05 (1 of 3); Budi: M.01
    # (never assessed); Rizky and Hendra: M.01 (1 of 2); Citra at BKD: M.01 and M.06.
    expect(page.get_by_test_id("stat-gap-needs")).to_have_text("8")
    expect(page.get_by_test_id("stat-employees")).to_have_text("5")
    screenshot(page, "training-needs-01-by-agency")

    page.locator("[data-testid=needs-row][data-code=DINKES] [data-testid=needs-row-link]").click()
    expect(page).to_have_url(re.compile(r"view=competency"))
    expect(page.get_by_test_id("needs-row").first).to_have_attribute("data-code", "M.01")
    screenshot(page, "training-needs-02-by-competency")

    page.locator("[data-testid=needs-row][data-code='M.01'] [data-testid=needs-row-link]").click()
    expect(page.get_by_test_id("people-row")).to_have_count(4)
    expect(page.get_by_test_id("closing-program")).to_have_text([re.compile("Komunikasi Pelayanan Publik")])
    # The most urgent first: never assessed (gap 2) before the gaps of 1.
    first = page.get_by_test_id("people-row").first
    expect(first.get_by_test_id("person-gap")).to_have_text("−2")
    screenshot(page, "training-needs-03-people")

    nip = first.get_attribute("data-nip")
    first.get_by_test_id("need-status").select_option("planned")
    first.locator("button[type=submit]").click()
    expect(page.get_by_test_id("message")).to_be_visible()
    assert TrainingNeed.objects.get(employee__nip=nip, competency__code="M.01").status == NeedStatus.PLANNED
    expect(
        page.locator(f"[data-testid=people-row][data-nip='{nip}'] [data-testid=need-status]")
    ).to_have_value("planned")

    page.goto("/training/needs/")
    page.get_by_test_id("tab-plan").click()
    expect(page.get_by_test_id("plan-row")).to_have_count(4)
    m01 = page.locator("[data-testid=plan-row][data-code='M.01']")
    expect(m01.get_by_test_id("plan-employees")).to_have_text("5")
    expect(m01.get_by_test_id("plan-seats")).to_have_text("2")
    # 5 people − 2 seats = 3, in classes of 2 (the program's one session): 2 more sessions.
    expect(m01.get_by_test_id("plan-sessions")).to_have_text("2")
    expect(
        page.locator("[data-testid=plan-row][data-code='M.06'] [data-testid=plan-no-program]")
    ).to_be_visible()
    screenshot(page, "training-needs-04-sessions-to-open")

    page.goto("/training/needs/")
    with page.expect_download() as download:
        page.get_by_test_id("needs-export").click()
    assert download.value.suggested_filename == f"training-needs-province-{date.today().year}.xlsx"


def test_agency_admin_records_a_unit_need(page, needs_world, screenshot):
    from penata.training.models import NeedSource, TrainingNeed
    from penata.training.services.needs import training_needs_compute

    training_needs_compute(year=date.today().year)
    sign_in(page, "admin_dinkes")
    page.goto("/training/needs/")
    # The Health Office and the hospital under it; BKD is not theirs to see.
    expect(page.locator("#id_agency option")).to_have_count(3)
    expect(page.get_by_test_id("needs-row")).to_have_count(1)
    expect(page.get_by_test_id("needs-row")).to_have_attribute("data-code", "DINKES")
    expect(page.get_by_test_id("tab-plan")).to_have_count(0)
    expect(page.get_by_test_id("recompute")).to_have_count(0)

    page.get_by_test_id("tab-recorded").click()
    expect(page.get_by_test_id("no-recorded")).to_be_visible()
    page.select_option("#id_unit", label="DK-2 — Bidang Pelayanan Kesehatan")
    page.select_option("#id_competency", value=str(_competency_pk("M.05")))
    page.select_option("#id_source", "complaints")
    page.get_by_test_id("record-submit").click()
    # The reason is required: the form says so and keeps the choices.
    expect(page.get_by_test_id("error-reason")).to_be_visible()
    expect(page.locator("#id_source")).to_have_value("complaints")
    assert TrainingNeed.objects.exclude(source=NeedSource.GAP).count() == 0

    page.fill("#id_reason", "Tiga pengaduan bulan ini tentang petugas loket yang tidak ramah.")
    page.fill("#id_evidence", "LPR-7K2M\nLPR-9QX4\nLPR-3ZP8")
    page.get_by_test_id("record-submit").click()
    expect(page.get_by_test_id("recorded-need")).to_have_count(1)
    expect(page.get_by_test_id("recorded-evidence")).to_contain_text("LPR-7K2M; LPR-9QX4; LPR-3ZP8")
    need = TrainingNeed.objects.get(source=NeedSource.COMPLAINTS)
    assert (need.unit.code, need.competency.code, need.recorded_by.username) == (
        "DK-2",
        "M.05",
        "admin_dinkes",
    )
    screenshot(page, "training-needs-05-unit-needs")

    page.get_by_test_id("set-planned").click()
    expect(page.locator("[data-testid=recorded-need]")).to_have_attribute("data-status", "planned")

    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/training/needs/?agency=DINKES")
    expect(page.get_by_test_id("needs-table")).to_be_visible()
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
    screenshot(page, "training-needs-06-phone")


def _competency_pk(code: str) -> int:
    from penata.competency.models import Competency

    return Competency.objects.get(code=code).pk
