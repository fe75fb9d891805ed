"""Pages after a session: rating, results, assessment sheet, certificates, public check."""

from datetime import date

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from penata.accounts.models import Role
from penata.competency.models import Assessment, AssessmentMethod
from penata.competency.selectors import job_match, levels_that_count
from penata.competency.services import position_standard_set
from penata.competency.tests.factories import AssessmentFactory, competency
from penata.core.models import AuditEvent
from penata.organization.tests.factories import PositionFactory, UnitFactory
from penata.training.models import Certificate, EnrolmentStatus, SessionRating, SessionStatus
from penata.training.services.after import certificate_issue, certificate_revoke, session_rate
from penata.training.tests.factories import (
    EnrolmentFactory,
    ProgramCompetencyFactory,
    ProgramFactory,
    TrainingSessionFactory,
)
from penata.workforce.tests.factories import EmployeeFactory

pytestmark = pytest.mark.django_db

GOOD = {"content": 5, "trainers": 4, "organisation": 3, "usefulness": 5, "overall": 4}


@pytest.fixture
def world(agency_a, agency_b, make_user):
    unit = UnitFactory(agency=agency_a)
    position = PositionFactory(unit=unit)
    position_standard_set(position=position, requirements={"M.01": (3, True), "M.02": (2, True)})
    ani = EmployeeFactory(position=position, full_name="Ani Lestari", nip="198001012005012001")
    AssessmentFactory(employee=ani, competency=competency("M.01"), level=1, assessed_on=date(2025, 6, 1))
    AssessmentFactory(employee=ani, competency=competency("M.02"), level=2, assessed_on=date(2025, 6, 1))
    program = ProgramFactory(code="PRG-AFT", title="Pelayanan Publik Digital", jp=24)
    ProgramCompetencyFactory(program=program, competency=competency("M.01"), target_level=3)
    session = TrainingSessionFactory(
        program=program,
        code="SES-AFT",
        start_date=date(2026, 3, 2),
        end_date=date(2026, 3, 4),
        status=SessionStatus.COMPLETED,
    )
    enrolment = EnrolmentFactory(session=session, employee=ani, status=EnrolmentStatus.COMPLETED)
    citra = EmployeeFactory(agency=agency_b, full_name="Citra Dewi")
    users = {
        "training_manager": make_user(Role.TRAINING_MANAGER, agency_a, username="bpsdm"),
        "province_admin": make_user(Role.PROVINCE_ADMIN, agency_a, username="prov"),
        "leader": make_user(Role.LEADER, agency_a, username="leader"),
        "agency_admin": make_user(Role.AGENCY_ADMIN, agency_a, username="admin_a"),
        "other_agency_admin": make_user(Role.AGENCY_ADMIN, agency_b, username="admin_b"),
        "participant": make_user(Role.EMPLOYEE, agency_a, employee=ani, username="ani"),
        "other_employee": make_user(Role.EMPLOYEE, agency_b, employee=citra, username="citra"),
    }
    return {
        "ani": ani,
        "citra": citra,
        "position": position,
        "program": program,
        "session": session,
        "enrolment": enrolment,
        "users": users,
    }


def login(client, world, who):
    if who != "anonymous":
        client.force_login(world["users"][who])


def completed(world, name: str = ""):
    employee = EmployeeFactory(position=world["position"], **({"full_name": name} if name else {}))
    return EnrolmentFactory(session=world["session"], employee=employee, status=EnrolmentStatus.COMPLETED)


# --- permissions -------------------------------------------------------------------------

MANAGERS_ONLY = {
    "training_manager": 200,
    "province_admin": 200,
    "leader": 403,
    "agency_admin": 403,
    "participant": 403,
    "anonymous": 302,
}
READERS = {**MANAGERS_ONLY, "leader": 200}
PAGES = {
    "training:session-ratings": READERS,
    "training:program-ratings": READERS,
    "training:session-assessments": MANAGERS_ONLY,
    "training:session-certificates": MANAGERS_ONLY,
}


@pytest.mark.parametrize(
    ("who", "url_name", "status"),
    [(who, url_name, status) for url_name, table in PAGES.items() for who, status in table.items()],
)
def test_page_permissions(client, world, who, url_name, status):
    login(client, world, who)
    code = world["program"].code if url_name == "training:program-ratings" else world["session"].code
    response = client.get(reverse(url_name, kwargs={"code": code}))
    assert response.status_code == status
    if status == 302:
        assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("participant", 200),
        ("agency_admin", 200),
        ("training_manager", 200),
        ("province_admin", 200),
        ("other_agency_admin", 404),
        ("leader", 404),
        ("other_employee", 404),
        ("anonymous", 302),
    ],
)
def test_certificate_pdf_permissions(client, world, who, status):
    certificate = certificate_issue(enrolment=world["enrolment"], actor=None)
    login(client, world, who)
    response = client.get(reverse("training:certificate-pdf", kwargs={"code": certificate.code}))
    assert response.status_code == status
    if status == 200:
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"] == f'inline; filename="sertifikat-{certificate.code}.pdf"'
        assert "no-store" in response["Cache-Control"]
        assert response.content.startswith(b"%PDF-")


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("participant", 404),
        ("agency_admin", 404),
        ("training_manager", 200),
        ("province_admin", 200),
        ("other_agency_admin", 404),
        ("leader", 404),
        ("other_employee", 404),
        ("anonymous", 302),
    ],
)
def test_a_revoked_certificate_pdf_is_only_the_managers(client, world, who, status, monkeypatch):
    from penata.training import views_after

    certificate = certificate_issue(enrolment=world["enrolment"], actor=None)
    certificate_revoke(certificate=certificate, actor=None, reason="Daftar hadir dipalsukan")
    rendered = []
    original = views_after.certificate_pdf

    def spy(certificate):
        rendered.append(certificate.is_revoked)
        return original(certificate)

    monkeypatch.setattr(views_after, "certificate_pdf", spy)
    login(client, world, who)
    response = client.get(reverse("training:certificate-pdf", kwargs={"code": certificate.code}))
    assert response.status_code == status
    if status == 200:
        # Rendered as revoked: the PDF carries the watermark.
        assert rendered == [True]
        assert response["Content-Type"] == "application/pdf"
        assert "no-store" in response["Cache-Control"]
        assert response.content.startswith(b"%PDF-")
    else:
        assert rendered == []


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("training_manager", 200),
        ("province_admin", 200),
        ("leader", 403),
        ("agency_admin", 403),
        ("participant", 403),
        ("anonymous", 302),
    ],
)
def test_revoke_page_permissions(client, world, who, status):
    certificate = certificate_issue(enrolment=world["enrolment"], actor=None)
    login(client, world, who)
    response = client.get(reverse("training:certificate-revoke", kwargs={"code": certificate.code}))
    assert response.status_code == status


@pytest.mark.parametrize(
    ("who", "status"),
    [("participant", 200), ("other_employee", 404), ("training_manager", 404), ("anonymous", 302)],
)
def test_rating_page_is_the_participants_own(client, world, who, status):
    login(client, world, who)
    response = client.get(reverse("training:enrolment-rate", kwargs={"pk": world["enrolment"].pk}))
    assert response.status_code == status


def test_unknown_session_program_enrolment_certificate_are_404(client, world):
    client.force_login(world["users"]["training_manager"])
    for url in (
        reverse("training:session-ratings", kwargs={"code": "NOPE"}),
        reverse("training:program-ratings", kwargs={"code": "NOPE"}),
        reverse("training:session-assessments", kwargs={"code": "NOPE"}),
        reverse("training:session-certificates", kwargs={"code": "NOPE"}),
        reverse("training:certificate-pdf", kwargs={"code": "ABCDEFGH23"}),
        reverse("training:certificate-revoke", kwargs={"code": "X" * 40}),
    ):
        assert client.get(url).status_code == 404, url
    client.force_login(world["users"]["participant"])
    assert client.get(reverse("training:enrolment-rate", kwargs={"pk": 10**12})).status_code == 404


# --- rating ------------------------------------------------------------------------------


def test_participant_rates_from_the_page(client, world):
    client.force_login(world["users"]["participant"])
    url = reverse("training:enrolment-rate", kwargs={"pk": world["enrolment"].pk})
    page = client.get(url)
    assert b'data-testid="rating-form"' in page.content

    response = client.post(url, {**GOOD, "comment": "Materi sangat berguna."})

    assert response.status_code == 302
    assert response["Location"] == url
    rating = SessionRating.objects.get()
    assert (rating.content, rating.overall, rating.comment) == (5, 4, "Materi sangat berguna.")
    page = client.get(url)
    assert b'data-testid="my-rating"' in page.content
    assert b'data-testid="rating-form"' not in page.content
    # Sent again (another tab): refused, nothing changes.
    again = client.post(url, {**GOOD, "overall": 1})
    assert again.status_code == 409
    assert SessionRating.objects.get().overall == 4


@pytest.mark.parametrize(
    ("field", "value"), [("content", "9"), ("trainers", "0"), ("overall", "x"), ("usefulness", "")]
)
def test_rating_form_out_of_range_is_a_field_error(client, world, field, value):
    client.force_login(world["users"]["participant"])
    url = reverse("training:enrolment-rate", kwargs={"pk": world["enrolment"].pk})
    response = client.post(url, {**GOOD, field: value})
    assert response.status_code == 400
    assert list(response.context["form"].errors) == [field]
    assert f'data-testid="error-{field}"'.encode() in response.content
    assert SessionRating.objects.count() == 0
    assert AuditEvent.objects.filter(action="enrolment.rated").count() == 0


def test_a_no_show_sees_why_and_cannot_rate(client, world):
    enrolment = world["enrolment"]
    enrolment.status = EnrolmentStatus.NO_SHOW
    enrolment.save(update_fields=["status"])
    client.force_login(world["users"]["participant"])
    url = reverse("training:enrolment-rate", kwargs={"pk": enrolment.pk})

    page = client.get(url)
    assert b'data-testid="cannot-rate"' in page.content
    assert b'data-testid="rating-form"' not in page.content
    response = client.post(url, GOOD)
    assert response.status_code == 409
    assert SessionRating.objects.count() == 0


def test_rating_page_queries(client, world, django_assert_num_queries):
    client.force_login(world["users"]["participant"])
    url = reverse("training:enrolment-rate", kwargs={"pk": world["enrolment"].pk})
    # session, user, enrolment, rating
    with django_assert_num_queries(4):
        assert client.get(url).status_code == 200


# --- results -----------------------------------------------------------------------------


def rate(world, values: dict, comment: str = ""):
    enrolment = completed(world)
    user = world["users"]["participant"]
    user.employee = enrolment.employee
    session_rate(enrolment=enrolment, actor=user, comment=comment, **values)
    return enrolment


def test_session_results_averages_distribution_and_comments(client, world):
    rate(
        world, {"content": 5, "trainers": 4, "organisation": 3, "usefulness": 5, "overall": 5}, "Sangat baik"
    )
    rate(world, {"content": 4, "trainers": 4, "organisation": 2, "usefulness": 3, "overall": 4})
    rate(
        world,
        {"content": 3, "trainers": 5, "organisation": 2, "usefulness": 4, "overall": 3},
        "Ruangan panas",
    )
    EnrolmentFactory(session=world["session"], employee=EmployeeFactory(), status=EnrolmentStatus.NO_SHOW)
    client.force_login(world["users"]["leader"])

    response = client.get(reverse("training:session-ratings", kwargs={"code": "SES-AFT"}))

    results = response.context["results"]
    # Ani (completed, not rated) and the three raters attended; the no-show did not.
    assert (results.count, results.attended, results.response_percent) == (3, 4, 75.0)
    by_item = {item.item: item for item in results.items}
    assert by_item["content"].average == pytest.approx(4.0)
    assert by_item["organisation"].average == pytest.approx(7 / 3)
    assert by_item["overall"].average == pytest.approx(4.0)
    assert by_item["organisation"].distribution == [
        (5, 0, 0.0),
        (4, 0, 0.0),
        (3, 1, pytest.approx(100 / 3)),
        (2, 2, pytest.approx(200 / 3)),
        (1, 0, 0.0),
    ]
    comments = [rating.comment for rating in response.context["comments"]]
    assert sorted(comments) == ["Ruangan panas", "Sangat baik"]
    assert "Ruangan panas" in response.content.decode()
    # Comments are shown without who wrote them.
    for enrolment in world["session"].enrolments.select_related("employee"):
        assert enrolment.employee.full_name not in response.content.decode()


def test_program_results_span_its_sessions(client, world):
    rate(world, {"content": 5, "trainers": 5, "organisation": 5, "usefulness": 5, "overall": 5})
    other = TrainingSessionFactory(program=world["program"], code="SES-AFT-2", start_date=date(2026, 5, 4))
    enrolment = EnrolmentFactory(session=other, employee=EmployeeFactory(), status=EnrolmentStatus.COMPLETED)
    user = world["users"]["participant"]
    user.employee = enrolment.employee
    session_rate(enrolment=enrolment, actor=user, **{**GOOD, "overall": 2})
    TrainingSessionFactory(program=world["program"], code="SES-AFT-3", start_date=date(2026, 8, 3))
    client.force_login(world["users"]["training_manager"])

    response = client.get(reverse("training:program-ratings", kwargs={"code": "PRG-AFT"}))

    results = response.context["results"]
    assert results.count == 2
    assert results.overall.average == pytest.approx(3.5)
    rows = {s.code: (s.rating_count, s.overall_average) for s in response.context["sessions"]}
    assert rows == {"SES-AFT": (1, 5.0), "SES-AFT-2": (1, 2.0), "SES-AFT-3": (0, None)}


def test_results_pages_query_counts_do_not_grow(client, world, django_assert_num_queries):
    client.force_login(world["users"]["training_manager"])
    session_url = reverse("training:session-ratings", kwargs={"code": "SES-AFT"})
    program_url = reverse("training:program-ratings", kwargs={"code": "PRG-AFT"})
    for count in (1, 6):
        while SessionRating.objects.count() < count:
            rate(world, GOOD, comment="Catatan")
        # session, user, session row, attended count, aggregate, comments count + page
        with django_assert_num_queries(7):
            assert client.get(session_url).status_code == 200
        # session, user, program, aggregate, sessions count + page, comments count + page
        with django_assert_num_queries(8):
            assert client.get(program_url).status_code == 200


# --- post-training assessment sheet ------------------------------------------------------


def test_sheet_records_levels_and_the_gap_moves(client, world):
    budi = completed(world, "Budi Santoso")
    client.force_login(world["users"]["training_manager"])
    url = reverse("training:session-assessments", kwargs={"code": "SES-AFT"})
    m01 = competency("M.01").pk
    page = client.get(url)
    assert [row.enrolment.employee.full_name for row in page.context["sheet"]] == [
        "Ani Lestari",
        "Budi Santoso",
    ]
    assert page.context["sheet"][0].cells[0].current == 1

    response = client.post(
        url,
        {
            f"level-{world['enrolment'].pk}-{m01}": "3",
            f"level-{budi.pk}-{m01}": "",
            "assessed_on": "2026-03-20",
            "note": "Uji praktik",
        },
    )

    assert response.status_code == 302
    assessment = Assessment.objects.get(method=AssessmentMethod.POST_TRAINING)
    assert (assessment.employee_id, assessment.level, assessment.note) == (
        world["ani"].pk,
        3,
        "SES-AFT — Uji praktik",
    )
    assert levels_that_count(employee_ids=[world["ani"].pk]) == {world["ani"].pk: {"M.01": 3, "M.02": 2}}
    assert job_match(employee=world["ani"])["score"] == pytest.approx(100.0)
    page = client.get(url)
    assert (page.context["sheet"][0].cells[0].current, page.context["sheet"][0].cells[0].recorded) == (3, 3)


def test_sheet_with_nothing_filled_in_or_a_bad_level_records_nothing(client, world):
    client.force_login(world["users"]["training_manager"])
    url = reverse("training:session-assessments", kwargs={"code": "SES-AFT"})
    m01 = competency("M.01").pk
    empty = client.post(url, {f"level-{world['enrolment'].pk}-{m01}": "", "assessed_on": "2026-03-20"})
    assert empty.status_code == 400
    bad = client.post(url, {f"level-{world['enrolment'].pk}-{m01}": "9", "assessed_on": "2026-03-20"})
    assert bad.status_code == 400
    assert f'data-testid="error-level-{world["enrolment"].pk}-{m01}"'.encode() in bad.content
    early = client.post(url, {f"level-{world['enrolment'].pk}-{m01}": "3", "assessed_on": "2026-01-05"})
    assert early.status_code == 400
    assert list(early.context["form"].errors) == [f"level-{world['enrolment'].pk}-{m01}"]
    assert Assessment.objects.filter(method=AssessmentMethod.POST_TRAINING).count() == 0


def test_sheet_query_count_does_not_grow(client, world, django_assert_num_queries):
    client.force_login(world["users"]["training_manager"])
    url = reverse("training:session-assessments", kwargs={"code": "SES-AFT"})
    for extra in (0, 5):
        for _ in range(extra):
            completed(world)
        # session, user, session row, targets, participants count + page, competency codes,
        # levels that count, post-training levels of this session
        with django_assert_num_queries(9):
            assert client.get(url).status_code == 200


# --- certificates ------------------------------------------------------------------------


def test_manager_issues_for_everyone_completed_and_revokes(client, world):
    budi = completed(world, "Budi Santoso")
    EnrolmentFactory(session=world["session"], employee=EmployeeFactory(), status=EnrolmentStatus.NO_SHOW)
    client.force_login(world["users"]["training_manager"])
    url = reverse("training:session-certificates", kwargs={"code": "SES-AFT"})

    response = client.post(url)

    assert response.status_code == 302
    assert sorted(Certificate.objects.values_list("enrolment_id", flat=True)) == sorted(
        [world["enrolment"].pk, budi.pk]
    )
    page = client.get(url)
    assert page.content.decode().count('data-testid="certificate-status"') == 2
    assert client.post(url).status_code == 302
    assert Certificate.objects.count() == 2

    certificate = Certificate.objects.get(enrolment=budi)
    revoke_url = reverse("training:certificate-revoke", kwargs={"code": certificate.code})
    blank = client.post(revoke_url, {"reason": "  "})
    assert blank.status_code == 400
    certificate.refresh_from_db()
    assert certificate.revoked_at is None
    done = client.post(revoke_url, {"reason": "Tidak memenuhi syarat kehadiran"})
    assert done.status_code == 302
    assert done["Location"] == url
    certificate.refresh_from_db()
    assert certificate.revocation_reason == "Tidak memenuhi syarat kehadiran"
    # Revoking again just goes back.
    assert client.post(revoke_url, {"reason": "Lagi"}).status_code == 302
    assert AuditEvent.objects.filter(action="certificate.revoked").count() == 1


def test_certificates_list_query_count_does_not_grow(client, world, django_assert_num_queries):
    client.force_login(world["users"]["training_manager"])
    url = reverse("training:session-certificates", kwargs={"code": "SES-AFT"})
    for extra in (0, 5):
        for _ in range(extra):
            certificate_issue(enrolment=completed(world), actor=None)
        # session, user, session row, rows count + page (with their certificates)
        with django_assert_num_queries(5):
            assert client.get(url).status_code == 200


# --- public verification -----------------------------------------------------------------


def test_verify_a_valid_certificate(client, world, django_assert_num_queries):
    certificate = certificate_issue(enrolment=world["enrolment"], actor=None)
    url = reverse("training-verify:certificate-verify", kwargs={"code": certificate.code})
    assert url == f"/verify/{certificate.code}/"

    with django_assert_num_queries(1):
        response = client.get(url)

    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-status="valid"' in html
    assert "Ani Lestari" in html
    assert "******** ****** 2 001" in html
    assert "198001012005012001" not in html and "19800101 200501" not in html
    assert "Pelayanan Publik Digital" in html
    assert "24 JP" in html
    assert "2 Maret 2026 – 4 Maret 2026" in html
    assert '<meta name="robots" content="noindex">' in html


def test_verify_a_revoked_certificate(client, world):
    certificate = certificate_issue(enrolment=world["enrolment"], actor=None)
    certificate_revoke(certificate=certificate, actor=None, reason="Daftar hadir dipalsukan")
    certificate.refresh_from_db()

    response = client.get(reverse("training-verify:certificate-verify", kwargs={"code": certificate.code}))

    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-status="revoked"' in html
    assert 'data-status="valid"' not in html
    assert "Daftar hadir dipalsukan" in html
    assert certificate.revoked_at.astimezone().strftime("%Y") in html


def test_verify_accepts_a_code_typed_in_lower_case_with_dashes(client, world):
    certificate = certificate_issue(enrolment=world["enrolment"], actor=None)
    typed = f"{certificate.code[:5].lower()}-{certificate.code[5:].lower()}"
    response = client.get(f"/verify/{typed}/")
    assert response.status_code == 200
    assert response.context["certificate"].pk == certificate.pk


@pytest.mark.parametrize("code", ["ABCDEFGH23", "abc<script>", "0O1I0O1I0O", "A" * 40])
def test_verify_an_unknown_code_is_404(client, world, code):
    certificate_issue(enrolment=world["enrolment"], actor=None)
    response = client.get(f"/verify/{code}/")
    assert response.status_code == 404
    assert b'data-testid="not-found"' in response.content
    assert b"<script>" not in response.content


# --- the employee's blocks ---------------------------------------------------------------


def test_my_certificates_and_ratings_due_blocks(world):
    ani = world["ani"]
    due = render_to_string("training/after/_my_ratings_due.html", {"employee": ani})
    assert reverse("training:enrolment-rate", kwargs={"pk": world["enrolment"].pk}) in due
    empty = render_to_string("training/after/_my_certificates.html", {"employee": ani})
    assert 'data-testid="my-certificate"' not in empty

    certificate = certificate_issue(enrolment=world["enrolment"], actor=None)
    session_rate(enrolment=world["enrolment"], actor=world["users"]["participant"], **GOOD)

    block = render_to_string("training/after/_my_certificates.html", {"employee": ani})
    assert certificate.code in block
    assert reverse("training:certificate-pdf", kwargs={"code": certificate.code}) in block
    assert 'data-testid="ratings-due"' not in render_to_string(
        "training/after/_my_ratings_due.html", {"employee": ani}
    )
