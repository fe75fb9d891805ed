"""Marking an assessment entered in error as invalid: the confirmation page on the
competency profile and ``POST /api/v1/employees/<nip>/assessments/<id>/invalidate/``."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import translation

from penata.accounts.models import Role
from penata.competency.models import Assessment, AssessmentMethod
from penata.competency.selectors import job_match
from penata.competency.services import position_standard_set
from penata.competency.tests.factories import AssessmentFactory, competency
from penata.core.models import AuditEvent
from penata.core.tests.api_world import client_for
from penata.workforce.tests.factories import EmployeeFactory

pytestmark = pytest.mark.django_db

REASON = "Level salah ketik: hasil asesmen 3, bukan 1."


def in_indonesian(text: str, **params) -> str:
    with translation.override("id"):
        message = translation.gettext(text)
    return message % params if params else message


def assess(employee, code, level, *, on, method=AssessmentMethod.ASSESSMENT_CENTRE, **kw):
    return AssessmentFactory(
        employee=employee, competency=competency(code), level=level, assessed_on=on, method=method, **kw
    )


@pytest.fixture
def world(agency_a, agency_b, position_a, position_b):
    """Ani's position needs M.01 3 and M.02 2. Counting: M.01 4 (→3) and M.02 1 (the
    supervisor's, newer than the centre's 3): 4 of 5 = 80 %. Invalidating the M.02 1 makes
    the centre's 3 count again: 5 of 5 = 100 %."""
    position_standard_set(position=position_a, requirements={"M.01": (3, True), "M.02": (2, True)})
    ani = EmployeeFactory(position=position_a, full_name="Ani Lestari", nip="198001012005012001")
    citra = EmployeeFactory(position=position_b, full_name="Citra Dewi", nip="199003032015032003")
    return {
        "ani": ani,
        "citra": citra,
        "m01": assess(ani, "M.01", 4, on=date(2025, 3, 10)),
        "m02_old": assess(ani, "M.02", 3, on=date(2024, 1, 5)),
        "m02": assess(
            ani, "M.02", 1, on=date(2025, 2, 1), method=AssessmentMethod.SUPERVISOR, assessor_name="Pak Rudi"
        ),
        "self": assess(ani, "M.02", 5, on=date(2025, 4, 1), method=AssessmentMethod.SELF),
        "invalid": assess(ani, "M.03", 2, on=date(2023, 5, 5), is_valid=False),
        "citra_m01": assess(citra, "M.01", 2, on=date(2025, 1, 1)),
    }


def state():
    """What an invalidation could write."""
    return (
        list(Assessment.objects.order_by("pk").values_list("pk", "is_valid", "updated_at")),
        AuditEvent.objects.count(),
    )


def jpm(employee) -> float:
    return job_match(employee=employee)["score"]


def page_url(employee, assessment) -> str:
    return reverse("competency:assessment_invalidate", kwargs={"nip": employee.nip, "pk": assessment.pk})


def profile_url(employee) -> str:
    return reverse("competency:employee_competencies", kwargs={"nip": employee.nip})


def api_url(employee, assessment_or_id) -> str:
    pk = getattr(assessment_or_id, "pk", assessment_or_id)
    return f"/api/v1/employees/{employee.nip}/assessments/{pk}/invalidate/"


def the_event() -> AuditEvent:
    return AuditEvent.objects.get(action="employee.assessment_invalidated")


def assert_event(world, actor, assessment_key="m02", *, method="supervisor", level=1, on="2025-02-01"):
    assessment = world[assessment_key]
    event = the_event()
    assert (event.subject_type, event.subject_id) == ("workforce.employee", str(world["ani"].pk))
    assert event.actor_id == actor.pk
    assert event.note == REASON
    assert event.from_state == {"assessment": assessment.pk, "valid": True}
    assert event.to_state == {
        "assessment": assessment.pk,
        "valid": False,
        "competency": "M.02",
        "level": level,
        "method": method,
        "on": on,
    }


def invalidate_links(html: str) -> int:
    return html.count('data-testid="history-invalidate"')


# --- the page ---------------------------------------------------------------------------


def test_history_offers_mark_invalid_on_valid_staff_rows_only(client, world, agency_admin_a):
    client.force_login(agency_admin_a)
    html = client.get(profile_url(world["ani"])).content.decode()
    # M.01, M.02 3 and M.02 1; not the self-assessment, not the invalid M.03.
    assert invalidate_links(html) == 3
    for key in ("m01", "m02_old", "m02"):
        assert f'href="{page_url(world["ani"], world[key])}"' in html
    for key in ("self", "invalid"):
        assert page_url(world["ani"], world[key]) not in html


def test_confirmation_page_shows_the_assessment(client, world, agency_admin_a):
    client.force_login(agency_admin_a)
    response = client.get(page_url(world["ani"], world["m02"]))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<span class="cp-code">M.02</span>' in html
    assert 'data-testid="invalidate-level">1<' in html
    assert "Pak Rudi" in html
    with translation.override("id"):
        assert f'<dd class="col-sm-8">{AssessmentMethod.SUPERVISOR.label}</dd>' in html
    assert 'name="reason"' in html
    assert 'maxlength="1000"' in html


def test_agency_admin_marks_an_assessment_invalid_and_the_jpm_moves_back(client, world, agency_admin_a):
    ani = world["ani"]
    assert jpm(ani) == 80.0
    client.force_login(agency_admin_a)
    response = client.post(page_url(ani, world["m02"]), {"reason": f"  {REASON}  "})
    assert response.status_code == 302
    assert response["Location"] == profile_url(ani)
    world["m02"].refresh_from_db()
    assert world["m02"].is_valid is False
    assert list(Assessment.objects.filter(is_valid=False).order_by("pk")) == [world["m02"], world["invalid"]]
    assert jpm(ani) == 100.0
    assert_event(world, agency_admin_a)

    response = client.get(profile_url(ani))
    assert [str(m) for m in response.context["messages"]] == [
        in_indonesian(
            "The assessment of %(competency)s is marked invalid. It stays in the history and no "
            "longer counts; an earlier valid assessment, if any, counts again.",
            competency="M.02",
        )
    ]
    assert response.context["own"].score == 100.0
    html = response.content.decode()
    assert html.count('data-testid="history-invalid"') == 2
    assert invalidate_links(html) == 2


def test_empty_or_too_long_reason_is_400_on_the_field_and_writes_nothing(client, world, agency_admin_a):
    client.force_login(agency_admin_a)
    before = state()
    for reason, message in (
        ("", in_indonesian("Say why the assessment is invalid.")),
        ("   ", in_indonesian("Say why the assessment is invalid.")),
        ("x" * 1001, None),
    ):
        response = client.post(page_url(world["ani"], world["m02"]), {"reason": reason})
        assert response.status_code == 400
        errors = response.context["form"].errors
        assert list(errors) == ["reason"]
        if message:
            assert errors["reason"] == [message]
        assert 'data-testid="error-reason"' in response.content.decode()
    assert state() == before


def test_already_invalid_redirects_with_a_message_and_no_second_event(client, world, agency_admin_a):
    client.force_login(agency_admin_a)
    before = state()
    for method in ("get", "post"):
        response = getattr(client, method)(page_url(world["ani"], world["invalid"]), {"reason": REASON})
        assert response.status_code == 302
        assert response["Location"] == profile_url(world["ani"])
    assert state() == before
    messages = [str(m) for m in client.get(profile_url(world["ani"])).context["messages"]]
    assert messages == [in_indonesian("The assessment is already marked invalid.")] * 2


def test_second_post_after_success_writes_no_second_event(client, world, agency_admin_a):
    client.force_login(agency_admin_a)
    client.post(page_url(world["ani"], world["m02"]), {"reason": REASON})
    before = state()
    response = client.post(page_url(world["ani"], world["m02"]), {"reason": "Lagi."})
    assert response.status_code == 302
    assert state() == before
    assert AuditEvent.objects.filter(action="employee.assessment_invalidated").count() == 1


def test_another_agencys_employee_is_404(client, world, agency_admin_a):
    client.force_login(agency_admin_a)
    before = state()
    for method in ("get", "post"):
        response = getattr(client, method)(page_url(world["citra"], world["citra_m01"]), {"reason": REASON})
        assert response.status_code == 404
    assert state() == before


def test_assessment_of_another_employee_or_unknown_is_404(client, world, province_admin):
    client.force_login(province_admin)
    before = state()
    ani = world["ani"]
    urls = [
        page_url(ani, world["citra_m01"]),
        reverse("competency:assessment_invalidate", kwargs={"nip": ani.nip, "pk": 999_999}),
        reverse("competency:assessment_invalidate", kwargs={"nip": ani.nip, "pk": 10**30}),
        reverse("competency:assessment_invalidate", kwargs={"nip": "199999999999999999", "pk": 1}),
    ]
    for url in urls:
        assert client.post(url, {"reason": REASON}).status_code == 404, url
    assert state() == before


@pytest.mark.parametrize("role", [Role.COMPLAINT_VERIFIER, Role.COMPLAINT_OFFICER])
def test_complaint_roles_get_404(client, world, make_user, agency_a, role):
    client.force_login(make_user(role, agency_a))
    before = state()
    assert client.post(page_url(world["ani"], world["m02"]), {"reason": REASON}).status_code == 404
    assert state() == before


def test_leader_sees_the_history_but_may_not_mark_invalid(client, world, make_user, agency_a):
    client.force_login(make_user(Role.LEADER, agency_a))
    assert invalidate_links(client.get(profile_url(world["ani"])).content.decode()) == 0
    before = state()
    assert client.get(page_url(world["ani"], world["m02"])).status_code == 403
    assert client.post(page_url(world["ani"], world["m02"]), {"reason": REASON}).status_code == 403
    assert state() == before


def test_staff_may_not_mark_a_self_assessment_invalid(client, world, province_admin):
    client.force_login(province_admin)
    before = state()
    assert client.post(page_url(world["ani"], world["self"]), {"reason": REASON}).status_code == 403
    assert state() == before


def test_anonymous_is_sent_to_sign_in(client, world):
    before = state()
    response = client.post(page_url(world["ani"], world["m02"]), {"reason": REASON})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    assert state() == before


@pytest.fixture
def ani_user(world, make_user, agency_a):
    return make_user(Role.EMPLOYEE, agency_a, employee=world["ani"], username="ani")


def test_employee_marks_their_own_self_assessment_invalid(client, world, ani_user):
    client.force_login(ani_user)
    html = client.get(reverse("competency:me")).content.decode()
    assert invalidate_links(html) == 1
    assert f'href="{page_url(world["ani"], world["self"])}"' in html
    assert client.get(page_url(world["ani"], world["self"])).status_code == 200
    response = client.post(page_url(world["ani"], world["self"]), {"reason": REASON})
    assert response.status_code == 302
    assert response["Location"] == reverse("competency:me")
    world["self"].refresh_from_db()
    assert world["self"].is_valid is False
    assert_event(world, ani_user, "self", method="self", level=5, on="2025-04-01")
    assert jpm(world["ani"]) == 80.0


def test_employee_may_not_mark_a_staff_assessment_invalid(client, world, ani_user):
    client.force_login(ani_user)
    before = state()
    assert client.get(page_url(world["ani"], world["m02"])).status_code == 403
    assert client.post(page_url(world["ani"], world["m02"]), {"reason": REASON}).status_code == 403
    assert state() == before


@pytest.mark.parametrize("extra", [0, 12])
def test_the_action_adds_no_query_per_row(client, world, agency_admin_a, django_assert_num_queries, extra):
    for number in range(extra):
        assess(world["ani"], "M.04", 1 + number % 5, on=date(2020, 1, 1 + number))
    client.force_login(agency_admin_a)
    # session, user, the agency tree (scope); employee + position history, interests,
    # ratings (4); job match (4); names; history count, counting ids, history page. No
    # rating, so no talent-box queries.
    with django_assert_num_queries(15):
        response = client.get(profile_url(world["ani"]))
    assert invalidate_links(response.content.decode()) == 3 + extra


# --- the API ----------------------------------------------------------------------------


def test_api_marks_invalid_and_answers_with_the_assessment(world, agency_admin_a):
    ani = world["ani"]
    response = client_for(agency_admin_a).post(api_url(ani, world["m02"]), {"reason": REASON}, format="json")
    assert response.status_code == 200, response.content
    assert response.json() == {
        "id": world["m02"].pk,
        "competency": "M.02",
        "competency_name": competency("M.02").name,
        "level": 1,
        "assessed_on": "2025-02-01",
        "method": "supervisor",
        "assessor_name": "Pak Rudi",
        "recorded_by": None,
        "is_valid": False,
        "counts": False,
        "note": "",
    }
    assert jpm(ani) == 100.0
    assert_event(world, agency_admin_a)
    # The centre's older M.02 counts again in the history.
    listed = client_for(agency_admin_a).get(f"/api/v1/employees/{ani.nip}/assessments/").json()["results"]
    counts = {row["id"]: row["counts"] for row in listed}
    assert counts[world["m02_old"].pk] is True
    assert counts[world["m02"].pk] is False


@pytest.mark.parametrize(
    "body",
    [{}, {"reason": ""}, {"reason": "   "}, {"reason": "x" * 1001}, {"reason": None}, {"reason": ["a"]}],
)
def test_api_bad_reason_is_400_and_writes_nothing(world, agency_admin_a, body):
    before = state()
    response = client_for(agency_admin_a).post(api_url(world["ani"], world["m02"]), body, format="json")
    assert response.status_code == 400, response.content
    assert response.json()["code"] == "invalid"
    assert list(response.json()["fields"]) == ["reason"]
    assert state() == before


def test_api_empty_reason_message(world, agency_admin_a):
    response = client_for(agency_admin_a).post(
        api_url(world["ani"], world["m02"]), {"reason": ""}, format="json"
    )
    assert response.json()["fields"] == {"reason": [in_indonesian("Say why the assessment is invalid.")]}


def test_api_unknown_other_employee_and_out_of_scope_are_404(world, agency_admin_a, province_admin):
    before = state()
    ani, citra = world["ani"], world["citra"]
    for user, url in (
        (province_admin, api_url(ani, 999_999)),
        (province_admin, api_url(ani, 10**30)),
        (province_admin, api_url(ani, world["citra_m01"])),
        (province_admin, api_url(citra, world["m02"])),
        (agency_admin_a, api_url(citra, world["citra_m01"])),
    ):
        response = client_for(user).post(url, {"reason": REASON}, format="json")
        assert response.status_code == 404, url
        assert response.json()["code"] == "not_found"
    assert state() == before


def test_api_not_allowed_is_403(world, make_user, agency_a, province_admin, ani_user):
    before = state()
    for user, assessment in (
        (make_user(Role.LEADER, agency_a), world["m02"]),
        (ani_user, world["m02"]),  # the employee: not a self-assessment
        (province_admin, world["self"]),  # staff: a self-assessment
    ):
        response = client_for(user).post(api_url(world["ani"], assessment), {"reason": REASON}, format="json")
        assert response.status_code == 403, response.content
        assert response.json()["code"] == "permission_denied"
    assert state() == before


def test_api_employee_marks_own_self_assessment_invalid(world, ani_user):
    url = api_url(world["ani"], world["self"])
    response = client_for(ani_user).post(url, {"reason": REASON}, format="json")
    assert response.status_code == 200, response.content
    assert (response.json()["is_valid"], response.json()["counts"]) == (False, False)
    assert_event(world, ani_user, "self", method="self", level=5, on="2025-04-01")


def test_api_already_invalid_is_409_and_writes_nothing(world, province_admin):
    before = state()
    response = client_for(province_admin).post(
        api_url(world["ani"], world["invalid"]), {"reason": REASON}, format="json"
    )
    assert response.status_code == 409
    assert response.json() == {
        "code": "invalid_transition",
        "message": in_indonesian("The assessment is already marked invalid."),
        "fields": {},
    }
    assert state() == before
