"""Training catalogue journey in headless Chromium: the training manager creates a program
with the competencies it develops and a session with its schedule, opens enrolment, and an
ASN finds the session in the catalogue, on its page and in the month calendar. Checks
structure and data, not the project's translated words."""

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
def training(province):
    from penata.accounts.models import Role
    from penata.accounts.tests.factories import UserFactory
    from penata.competency.services import competency_dictionary_load

    # The transactional flush removed the dictionary the migration seeded.
    competency_dictionary_load()
    UserFactory(
        username="bpsdm",
        full_name="Nurhayati Umar",
        role=Role.TRAINING_MANAGER,
        agency=province["agencies"]["bkd"],
    )
    return province


def next_monday(weeks_ahead: int) -> date:
    today = date.today()
    return today + timedelta(days=7 * weeks_ahead - today.weekday())


def test_manager_plans_a_session_and_an_employee_finds_it(page, training, screenshot):
    from penata.training.models import Program, SessionDay, TrainingSession

    start = next_monday(3)
    end = start + timedelta(days=2)
    month = start.strftime("%Y-%m")

    sign_in(page, "bpsdm")
    page.goto("/training/")
    expect(page.locator("html")).to_have_attribute("lang", "id")
    expect(page.get_by_test_id("no-results")).to_be_visible()
    page.get_by_test_id("new-program").click()
    expect(page).to_have_url(re.compile(r"/training/programs/new/$"))
    page.fill("#id_code", "PLT-DIG-01")
    page.fill("#id_title", "Pelayanan Publik Digital")
    page.select_option("#id_form", "technical_guidance")
    page.select_option("#id_focus", "digital_service")
    page.select_option("#id_modality", "in_person")
    page.fill("#id_jp", "24")
    page.fill("#id_description", "Merancang dan menjalankan layanan daring yang mudah bagi warga.")
    page.select_option("#id_target-0-competency", "M.05")
    page.select_option("#id_target-0-level", "3")
    page.select_option("#id_target-1-competency", "SK.01")
    page.select_option("#id_target-1-level", "2")
    # A third row, added in the page.
    page.get_by_test_id("add-target").click()
    expect(page.get_by_test_id("target-row")).to_have_count(3)
    page.select_option("#id_target-2-competency", "M.03")
    page.select_option("#id_target-2-level", "2")
    screenshot(page, "training-catalogue-01-program-form")
    page.get_by_test_id("save-program").click()

    expect(page).to_have_url(re.compile(r"/training/programs/PLT-DIG-01/$"))
    expect(page.get_by_test_id("message")).to_be_visible()
    expect(page.get_by_test_id("target")).to_have_count(3)
    expect(page.get_by_test_id("no-sessions")).to_be_visible()
    program = Program.objects.get(code="PLT-DIG-01")
    assert sorted(program.targets.values_list("competency__code", "target_level")) == [
        ("M.03", 2),
        ("M.05", 3),
        ("SK.01", 2),
    ]

    page.get_by_test_id("new-session").click()
    expect(page.locator("#id_program")).to_have_value("PLT-DIG-01")
    page.fill("#id_code", "PLT-DIG-01-A")
    page.fill("#id_start_date", start.isoformat())
    page.fill("#id_end_date", end.isoformat())
    page.fill("#id_place", "Ternate")
    page.fill("#id_capacity", "0")
    page.select_option("#id_organizer", "BKD")
    page.fill("#id_trainers", "Dr. Rahma Sangadji\nIr. Yusuf Abdullah")
    page.get_by_test_id("save-session").click()
    # Capacity 0: the error is next to the field and nothing is written.
    expect(page.get_by_test_id("error-capacity")).to_be_visible()
    screenshot(page, "training-catalogue-02-session-form-error")
    assert TrainingSession.objects.count() == 0

    page.fill("#id_capacity", "25")
    page.get_by_test_id("save-session").click()
    expect(page).to_have_url(re.compile(r"/training/sessions/PLT-DIG-01-A/$"))
    expect(page.get_by_test_id("session-status")).to_have_attribute("data-status", "planned")
    session = TrainingSession.objects.get(code="PLT-DIG-01-A")
    expected_days = list(
        SessionDay.objects.filter(session=session).order_by("date").values_list("date", flat=True)
    )
    assert (session.capacity, session.place, session.organizer.code) == (25, "Ternate", "BKD")
    assert 1 <= len(expected_days) <= 3
    expect(page.get_by_test_id("schedule-day")).to_have_count(len(expected_days))

    # The first day gets a topic and a later start in the schedule editor.
    page.get_by_test_id("edit-session").click()
    page.fill("#id_day-0-starts_at", "09:00")
    page.fill("#id_day-0-topic", "Pembukaan dan orientasi")
    screenshot(page, "training-catalogue-03-session-edit")
    page.get_by_test_id("save-session").click()
    expect(page).to_have_url(re.compile(r"/training/sessions/PLT-DIG-01-A/$"))
    expect(page.get_by_test_id("schedule-day").first).to_contain_text("Pembukaan dan orientasi")

    page.get_by_test_id("action-open").click()
    expect(page.get_by_test_id("session-status")).to_have_attribute("data-status", "open")
    expect(page.get_by_test_id("action-close")).to_be_visible()
    screenshot(page, "training-catalogue-04-session-manager")
    page.goto("/training/sessions/")
    expect(page.get_by_test_id("session-row")).to_have_count(1)
    screenshot(page, "training-catalogue-04b-session-list")

    # An ASN of the health office finds it.
    page.context.clear_cookies()
    sign_in(page, "ani")
    page.goto("/training/")
    card = page.locator("[data-testid=program-card][data-code='PLT-DIG-01']")
    expect(card).to_be_visible()
    expect(card.get_by_test_id("program-jp")).to_have_text("24 JP")
    expect(card.get_by_test_id("upcoming-session")).to_have_count(1)
    expect(card.get_by_test_id("free-seats")).to_contain_text("25")
    expect(page.get_by_test_id("new-program")).to_have_count(0)
    screenshot(page, "training-catalogue-05-catalogue")

    # Search-as-you-type narrows the cards.
    page.fill("#id_q", "kepemimpinan")
    expect(page.get_by_test_id("no-results")).to_be_visible()
    page.fill("#id_q", "digital")
    expect(page.get_by_test_id("program-card")).to_have_count(1)

    card = page.locator("[data-testid=program-card][data-code='PLT-DIG-01']")
    card.get_by_test_id("upcoming-session").locator("a").click()
    expect(page).to_have_url(re.compile(r"/training/sessions/PLT-DIG-01-A/$"))
    expect(page.get_by_test_id("session-organizer")).to_have_text("Badan Kepegawaian Daerah")
    expect(page.get_by_test_id("target")).to_have_count(3)
    expect(page.get_by_test_id("session-actions")).to_have_count(0)
    expect(page.get_by_test_id("enrolment-panel")).to_be_attached()
    screenshot(page, "training-catalogue-06-session")

    page.goto(f"/training/calendar/?month={month}")
    bars = page.locator("[data-testid=calendar-bar][data-code='PLT-DIG-01-A']")
    expect(bars).to_have_count(1)
    expect(bars).to_contain_text("Pelayanan Publik Digital")
    expect(page.locator(f"[data-testid=calendar-day][data-date='{start.isoformat()}']")).to_be_visible()
    screenshot(page, "training-catalogue-07-calendar")
    following = (start.replace(day=1) + timedelta(days=32)).strftime("%Y-%m")
    page.get_by_test_id("next-month").click()
    expect(page).to_have_url(re.compile(rf"\?month={following}$"))
    page.get_by_test_id("previous-month").click()
    expect(page).to_have_url(re.compile(rf"\?month={month}$"))
    bars.click()
    expect(page).to_have_url(re.compile(r"/training/sessions/PLT-DIG-01-A/$"))
