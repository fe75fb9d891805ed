"""After a session: the participant rates it, the training manager records the level she
reached and issues the certificate, anyone checks the certificate's code on the public
page, and after the manager revokes it the same page says so. Checks structure and
numbers, not the project's translated words."""

from datetime import date

import pytest
from playwright.sync_api import expect

from .conftest import PASSWORD, sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

RATING = {"content": 5, "trainers": 4, "organisation": 3, "usefulness": 5, "overall": 4}


@pytest.fixture
def finished_session(province):
    from penata.accounts.models import Role
    from penata.accounts.tests.factories import UserFactory
    from penata.competency.models import Assessment, Competency
    from penata.competency.services import competency_dictionary_load, position_standard_set
    from penata.organization.models import Position
    from penata.training.models import (
        Enrolment,
        EnrolmentStatus,
        Program,
        ProgramCompetency,
        SessionStatus,
        TrainingSession,
    )

    # The transactional flush removed the dictionary the migration seeded.
    competency_dictionary_load()
    analyst = Position.objects.get(code="DK-AK-01")
    position_standard_set(position=analyst, requirements={"M.01": (3, True), "M.02": (3, True)})
    ani = province["employees"]["ani"]
    m01 = Competency.objects.get(code="M.01")
    Assessment.objects.create(
        employee=ani, competency=m01, level=1, assessed_on=date(2025, 3, 10), method="assessment_centre"
    )
    Assessment.objects.create(
        employee=ani,
        competency=Competency.objects.get(code="M.02"),
        level=3,
        assessed_on=date(2025, 3, 10),
        method="assessment_centre",
    )
    program = Program.objects.create(
        code="PLT-DIG-01",
        title="Pelayanan Publik Berbasis Digital",
        form="workshop",
        focus="digital_service",
        modality="in_person",
        jp=24,
        provider="BPSDM Provinsi Maluku Utara",
    )
    ProgramCompetency.objects.create(program=program, competency=m01, target_level=3)
    session = TrainingSession.objects.create(
        program=program,
        code="PLT-DIG-01-2026-03",
        start_date=date(2026, 3, 2),
        end_date=date(2026, 3, 4),
        place="Sofifi",
        capacity=30,
        organizer=province["agencies"]["bkd"],
        trainers="Dr. Rahma Sangadji",
        status=SessionStatus.COMPLETED,
    )
    enrolment = Enrolment.objects.create(session=session, employee=ani, status=EnrolmentStatus.COMPLETED)
    UserFactory(
        username="bpsdm",
        full_name="Yusuf Abdullah",
        role=Role.TRAINING_MANAGER,
        agency=province["agencies"]["bkd"],
        password=PASSWORD,
    )
    return {"session": session, "enrolment": enrolment, "ani": ani}


def sign_out(page):
    page.context.clear_cookies()


def test_rate_assess_certify_verify_revoke(page, finished_session, screenshot):
    from penata.training.models import Certificate, SessionRating

    session, enrolment = finished_session["session"], finished_session["enrolment"]

    # The participant rates the session she attended.
    sign_in(page, "ani")
    page.goto(f"/training/enrolments/{enrolment.pk}/rate/")
    expect(page.get_by_test_id("rating-form")).to_be_visible()
    for item, value in RATING.items():
        page.get_by_test_id(f"scale-{item}").locator("label", has_text=str(value)).click()
    page.fill("#id_comment", "Materi langsung bisa dipakai di loket.")
    screenshot(page, "training-after-01-rating-form")
    page.get_by_test_id("submit-rating").click()
    expect(page.get_by_test_id("my-rating")).to_be_visible()
    expect(page.get_by_test_id("my-rating-value")).to_have_text(["5", "4", "3", "5", "4"])
    expect(page.get_by_test_id("rating-form")).to_have_count(0)
    screenshot(page, "training-after-02-rated")
    rating = SessionRating.objects.get(enrolment=enrolment)
    assert (rating.content, rating.trainers, rating.organisation, rating.usefulness, rating.overall) == (
        5,
        4,
        3,
        5,
        4,
    )
    sign_out(page)

    # The training manager reads the results, records the level reached, issues certificates.
    sign_in(page, "bpsdm")
    page.goto(f"/training/sessions/{session.code}/ratings/")
    expect(page.get_by_test_id("overall-average")).to_have_text("4,00")
    expect(page.get_by_test_id("item-organisation").get_by_test_id("count-3")).to_contain_text("1")
    expect(page.get_by_test_id("comment")).to_have_count(1)
    screenshot(page, "training-after-03-session-ratings")
    page.get_by_test_id("program-ratings-link").click()
    expect(page.get_by_test_id("session-rating-count")).to_have_text(["1"])
    screenshot(page, "training-after-03b-program-ratings")
    page.goto(f"/training/sessions/{session.code}/ratings/")

    page.get_by_test_id("tab-assessments").click()
    expect(page.get_by_test_id("sheet-row")).to_have_count(1)
    page.locator("select[name^=level-]").select_option("3")
    page.fill("#id_assessed_on", "2026-03-20")
    page.get_by_test_id("save-assessments").click()
    expect(page.get_by_test_id("message")).to_be_visible()
    expect(page.locator("[data-testid^=current-level-]")).to_contain_text("3")
    screenshot(page, "training-after-04-assessment-sheet")

    page.get_by_test_id("tab-certificates").click()
    page.get_by_test_id("issue-all").click()
    expect(page.get_by_test_id("certificate-code")).to_have_count(1)
    code = page.get_by_test_id("certificate-code").inner_text()
    assert Certificate.objects.get(enrolment=enrolment).code == code
    screenshot(page, "training-after-05-certificates")
    pdf = page.request.get(f"/training/certificates/{code}.pdf")
    assert pdf.status == 200
    assert pdf.body().startswith(b"%PDF-")
    sign_out(page)

    # Anyone checks the code, without signing in.
    page.goto(f"/verify/{code}/")
    expect(page.get_by_test_id("verify-status")).to_have_attribute("data-status", "valid")
    expect(page.get_by_test_id("name")).to_have_text("Ani Lestari")
    expect(page.get_by_test_id("nip")).to_have_text("******** ****** 2 001")
    expect(page.get_by_test_id("jp")).to_contain_text("24")
    screenshot(page, "training-after-06-verify-valid")

    # The manager revokes it; the public page now says so, with the reason.
    sign_in(page, "bpsdm")
    page.goto(f"/training/sessions/{session.code}/certificates/")
    page.get_by_test_id("revoke").click()
    page.fill("#id_reason", "Daftar hadir tidak sah.")
    screenshot(page, "training-after-07-revoke")
    page.get_by_test_id("confirm-revoke").click()
    expect(page.get_by_test_id("certificate-status")).to_have_class("badge text-bg-danger")
    sign_out(page)

    page.goto(f"/verify/{code}/")
    expect(page.get_by_test_id("verify-status")).to_have_attribute("data-status", "revoked")
    expect(page.get_by_test_id("revocation-reason")).to_contain_text("Daftar hadir tidak sah.")
    screenshot(page, "training-after-08-verify-revoked")

    page.goto("/verify/ABCDEFGH23/")
    expect(page.get_by_test_id("not-found")).to_be_visible()
    screenshot(page, "training-after-09-verify-unknown")
