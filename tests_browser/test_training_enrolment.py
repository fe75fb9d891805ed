"""Enrolment, driven in headless Chromium: an employee requests a seat on the session
page, their agency's administrator approves, the training manager confirms the seat,
records attendance day by day and finishes the session; the employee sees the result.

Structure and data are checked (test ids, statuses, counts), not the project's
translated words, which the Indonesian catalogue supplies separately.
"""

from datetime import time, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from penata.training.models import Enrolment, EnrolmentStatus, JpLedgerEntry, SessionDay

from .conftest import sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def sign_out(page):
    page.context.clear_cookies()


@pytest.fixture
def training(province):
    """A two-day session (yesterday and today) in Sofifi with two seats, one taken by a
    colleague from BKD, open for enrolment; and a training manager."""
    from penata.accounts.models import Role
    from penata.accounts.tests.factories import UserFactory
    from penata.training.tests.factories import EnrolmentFactory, ProgramFactory, TrainingSessionFactory

    today = timezone.localdate()
    program = ProgramFactory(
        code="PLT-DIG-01", title="Pelayanan Publik Digital", jp=16, attendance_min_percent=100
    )
    session = TrainingSessionFactory(
        code="PLT-DIG-01-B1",
        program=program,
        start_date=today - timedelta(days=1),
        end_date=today,
        capacity=2,
        organizer=province["agencies"]["bkd"],
        schedule=False,
    )
    for day, topic in (
        (session.start_date, "Layanan berbasis data"),
        (session.end_date, "Praktik formulir daring"),
    ):
        SessionDay.objects.create(
            session=session, date=day, starts_at=time(8), ends_at=time(15, 30), topic=topic
        )
    EnrolmentFactory(
        session=session, employee=province["employees"]["citra"], status=EnrolmentStatus.CONFIRMED
    )
    session.seats_taken = 1
    session.save()
    manager = UserFactory(
        username="bpsdm",
        full_name="Hasanah Umar",
        role=Role.TRAINING_MANAGER,
        agency=province["agencies"]["bkd"],
    )
    return {"session": session, "manager": manager, "days": [session.start_date, session.end_date]}


def test_employee_requests_agency_approves_manager_confirms_and_finishes(
    page, province, training, screenshot
):
    session = training["session"]
    ani = province["employees"]["ani"]
    detail = f"/training/sessions/{session.code}/"

    # The employee requests the last seat on the session page.
    sign_in(page, "ani")
    page.goto(detail)
    expect(page.locator("html")).to_have_attribute("lang", "id")
    panel = page.get_by_test_id("enrolment-card")
    expect(panel.get_by_test_id("panel-seats")).to_contain_text("1")
    expect(panel.get_by_test_id("panel-full")).to_have_count(0)
    panel.locator("#id_motivation").fill("Unit kami menyiapkan layanan izin daring.")
    screenshot(page, "enrolment-01-request")
    panel.get_by_test_id("request-seat").click()
    expect(page.get_by_test_id("message")).to_be_visible()
    expect(panel.get_by_test_id("my-status")).to_have_attribute("data-status", "pending_approval")
    expect(panel.get_by_test_id("panel-withdraw")).to_be_visible()
    screenshot(page, "enrolment-02-pending")

    # The agency administrator approves it.
    sign_out(page)
    sign_in(page, "admin_dinkes")
    page.goto("/training/approvals/")
    row = page.get_by_test_id("pending-row")
    expect(row).to_have_count(1)
    expect(row).to_have_attribute("data-nip", ani.nip)
    expect(row).to_contain_text("Unit kami menyiapkan layanan izin daring.")
    screenshot(page, "enrolment-03-approvals")
    row.get_by_test_id("approve").click()
    expect(page.get_by_test_id("no-pending")).to_be_visible()

    # The training manager confirms the seat on the roster.
    sign_out(page)
    sign_in(page, "bpsdm")
    page.goto(f"/training/sessions/{session.code}/roster/")
    expect(page.get_by_test_id("seats-taken")).to_have_text("1 / 2")
    approved = page.get_by_test_id("approved-row")
    expect(approved).to_have_attribute("data-nip", ani.nip)
    screenshot(page, "enrolment-04-roster-to-confirm")
    approved.get_by_test_id("confirm").click()
    expect(page.get_by_test_id("seats-taken")).to_have_text("2 / 2")
    expect(page.get_by_test_id("no-approved")).to_be_visible()
    expect(page.get_by_test_id("attendance-row")).to_have_count(2)

    # Attendance, one day at a time: Ani both days, Citra only the first.
    enrolments = {e.employee_id: e.pk for e in Enrolment.objects.filter(session=session)}
    ani_id, citra_id = enrolments[ani.pk], enrolments[province["employees"]["citra"].pk]
    first, second = (day.isoformat() for day in training["days"])
    page.get_by_test_id(f"present-{ani_id}-{first}").check()
    page.get_by_test_id(f"present-{citra_id}-{first}").check()
    page.get_by_test_id(f"save-day-{first}").click()
    expect(page.get_by_test_id(f"present-{ani_id}-{first}")).to_have_attribute("data-recorded", "yes")
    page.get_by_test_id(f"present-{ani_id}-{second}").check()
    page.get_by_test_id(f"save-day-{second}").click()
    expect(page.get_by_test_id(f"present-{citra_id}-{second}")).to_have_attribute("data-recorded", "yes")
    expect(page.get_by_test_id(f"present-{citra_id}-{second}")).not_to_be_checked()
    rows = page.get_by_test_id("attendance-row")
    expect(rows.filter(has_text="Ani Lestari").get_by_test_id("present-days")).to_have_text("2 / 2")
    expect(rows.filter(has_text="Citra Dewi").get_by_test_id("present-days")).to_have_text("1 / 2")
    screenshot(page, "enrolment-05-attendance")

    # Finish: the program needs every day, so Ani completes and Citra does not.
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_test_id("finish-session").click()
    expect(page.get_by_test_id("session-status")).to_have_attribute("data-status", "completed")
    finished = page.get_by_test_id("finished-row")
    expect(finished).to_have_count(2)
    expect(finished.filter(has_text="Ani Lestari").get_by_test_id("enrolment-status")).to_have_attribute(
        "data-status", "completed"
    )
    expect(finished.filter(has_text="Citra Dewi").get_by_test_id("enrolment-status")).to_have_attribute(
        "data-status", "incomplete"
    )
    expect(page.get_by_test_id("finish-session")).to_have_count(0)
    screenshot(page, "enrolment-06-finished")
    assert list(JpLedgerEntry.objects.values_list("employee_id", "jp")) == [(ani.pk, 16)]

    # The employee sees the result on "My training".
    sign_out(page)
    sign_in(page, "ani")
    page.goto("/training/my/")
    row = page.get_by_test_id("enrolment-row")
    expect(row).to_have_count(1)
    expect(row.get_by_test_id("enrolment-status")).to_have_attribute("data-status", "completed")
    expect(row.get_by_test_id("withdraw")).to_have_count(0)
    screenshot(page, "enrolment-07-my-training")
