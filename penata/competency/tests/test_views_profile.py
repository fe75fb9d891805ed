from datetime import date, timedelta

import pytest
from django.template import Context, Template
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone, translation

from penata.accounts.models import Role
from penata.competency import ninebox
from penata.competency.models import Assessment, AssessmentMethod
from penata.competency.selectors import job_match
from penata.competency.services import position_standard_set
from penata.competency.templatetags.competency_tags import ACTION_LABELS, JPM_CATEGORY_LABELS
from penata.competency.tests.factories import AssessmentFactory, TechnicalCompetencyFactory, competency
from penata.core.models import AuditEvent
from penata.organization.tests.factories import PositionFactory, UnitFactory
from penata.workforce.tests.factories import EmployeeFactory, PerformanceRatingFactory

pytestmark = pytest.mark.django_db

ME = reverse("competency:me")


def in_indonesian(text) -> str:
    """A source string or lazy label as the default (Indonesian) page shows it."""
    with translation.override("id"):
        return translation.gettext(text) if isinstance(text, str) else str(text)


def profile_url(employee) -> str:
    return reverse("competency:employee_competencies", kwargs={"nip": employee.nip})


def new_url(employee) -> str:
    return reverse("competency:assessment_new", kwargs={"nip": employee.nip})


def assess(employee, code, level, *, on=date(2025, 3, 10), method=AssessmentMethod.ASSESSMENT_CENTRE, **kw):
    return AssessmentFactory(
        employee=employee, competency=competency(code), level=level, assessed_on=on, method=method, **kw
    )


@pytest.fixture
def world(agency_a, agency_b, position_a, position_b):
    """Ani's position needs M.01 3, M.02 2 (core), M.03 2, SK.01 1 (secondary): 8 levels.

    Counting levels: M.01 4 (→3), M.02 1 (the older 3 is replaced), M.03 none (its only
    assessment is invalid), SK.01 1; the self-assessment M.02 5 and M.05 2 (outside the
    standard) do not change the JPM: 3 + 1 + 0 + 1 = 5 of 8 = 62.5 %.
    """
    position_standard_set(
        position=position_a,
        requirements={"M.01": (3, True), "M.02": (2, True), "M.03": (2, False), "SK.01": (1, False)},
    )
    ani = EmployeeFactory(position=position_a, full_name="Ani Lestari", nip="198001012005012001")
    assess(ani, "M.01", 4)
    assess(ani, "M.02", 3, on=date(2024, 1, 5))
    assess(ani, "M.02", 1, on=date(2025, 2, 1))
    assess(ani, "M.02", 5, on=date(2025, 4, 1), method=AssessmentMethod.SELF)
    assess(ani, "M.03", 4, is_valid=False)
    assess(ani, "SK.01", 1)
    assess(ani, "M.05", 2)
    PerformanceRatingFactory(employee=ani, year=2025, rating="above")
    PerformanceRatingFactory(employee=ani, year=2024, rating="meets")
    other = PositionFactory(unit=UnitFactory(agency=agency_a), code="A-CMP-01", title="Kepala Seksi")
    position_standard_set(position=other, requirements={"M.01": (4, True), "M.02": (2, True)})
    citra = EmployeeFactory(position=position_b, full_name="Citra Dewi", nip="199003032015032003")
    return {"ani": ani, "citra": citra, "other": other}


def gap_rows(html: str, testid: str = "own") -> list[tuple[str, str, str, str]]:
    """(code, required, level, gap) of each gap row, in page order."""
    import re

    rows = re.findall(
        rf'<tr data-testid="{testid}-gap-row">\s*<td><span class="cp-code">([^<]+)</span>.*?</td>\s*'
        r'<td class="num">(\d)</td>\s*<td class="num">(\d)</td>\s*'
        r'<td class="num"><span class="cp-gap-pill [^"]+">([^<]+)</span>',
        html,
        flags=re.S,
    )
    return rows


# --- the profile page ---------------------------------------------------------------------


def test_profile_shows_jpm_gaps_chart_talent_box_and_history(client, world, agency_admin_a):
    client.force_login(agency_admin_a)
    response = client.get(profile_url(world["ani"]))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-testid="own-value">62,5<' in html
    category = in_indonesian(JPM_CATEGORY_LABELS["less_optimal"])
    assert f'data-testid="own-category">{category}<' in html
    # Largest shortfall first; a level above the standard last.
    assert gap_rows(html) == [
        ("M.03", "2", "0", "\u22122"),
        ("M.02", "2", "1", "\u22121"),
        ("SK.01", "1", "1", "0"),
        ("M.01", "3", "4", "+1"),
    ]
    # The chart: one bar per competency of the standard in code order, width = level / 5.
    chart = response.context["own"].rows
    assert [(r.code, r.level, r.required) for r in chart] == [
        ("M.01", 4, 3),
        ("M.02", 1, 2),
        ("M.03", 0, 2),
        ("SK.01", 1, 1),
    ]
    assert (
        '<li class="cp-row cp-short" data-testid="own-chart-row" data-code="M.02" data-level="1" '
        'data-required="2">' in html
    )
    assert (
        '<div class="cp-bar" style="width: 20%"></div>\n        <div class="cp-marker" style="left: 40%">'
        in html
    )
    assert html.count('data-testid="own-chart-row"') == 4
    # M.05 counts but is outside the standard.
    assert [(r.code, r.level) for r in response.context["other_levels"]] == [("M.05", 2)]
    # Talent box of the latest rated year: above expectations, potential low (62.5 < 78) → 4.
    assert 'data-testid="talent-box">4<' in html
    actions = [in_indonesian(ACTION_LABELS[c]) for c in ("rotation", "competency_development")]
    assert f'data-testid="talent-actions">\n        <li>{actions[0]}</li><li>{actions[1]}</li>' in html
    # History: all seven, newest first, self and invalid ones marked.
    history = response.context["history"].object_list
    assert [(a.competency.code, a.level, a.method) for a in history] == [
        ("M.02", 5, "self"),
        ("M.05", 2, "assessment_centre"),
        ("SK.01", 1, "assessment_centre"),
        ("M.03", 4, "assessment_centre"),
        ("M.01", 4, "assessment_centre"),
        ("M.02", 1, "assessment_centre"),
        ("M.02", 3, "assessment_centre"),
    ]
    assert html.count('data-testid="history-row"') == 7
    assert html.count('data-testid="history-self"') == 1
    assert html.count('data-testid="history-invalid"') == 1
    assert html.count('data-testid="history-counts"') == 4
    assert html.count('data-testid="history-superseded"') == 1
    assert 'data-testid="record-assessment"' in html


def test_profile_matching_is_the_second_method(client, world, agency_admin_a):
    client.force_login(agency_admin_a)
    response = client.get(profile_url(world["ani"]), {"method": "profile_matching"})
    html = response.content.decode()
    # Weights: M.01 +1 → 4.5, M.02 −1 → 4 (core, mean 4.25); M.03 −2 → 3, SK.01 0 → 5
    # (secondary, mean 4): 0.6 × 4.25 + 0.4 × 4 = 4.15.
    assert 'data-testid="own-value">4,15<' in html
    assert 'data-testid="own-category"' not in html
    assert gap_rows(html)[0] == ("M.03", "2", "0", "\u22122")


def test_compare_with_another_position(client, world, agency_admin_a):
    client.force_login(agency_admin_a)
    response = client.get(profile_url(world["ani"]), {"position": "A-CMP-01"})
    assert response.status_code == 200
    html = response.content.decode()
    # M.01 4 of 4, M.02 1 of 2: 5 of 6.
    assert 'data-testid="compare-value">83,3<' in html
    category = in_indonesian(JPM_CATEGORY_LABELS["fairly_optimal"])
    assert f'data-testid="compare-category">{category}<' in html
    assert gap_rows(html, "compare") == [("M.02", "2", "1", "\u22121"), ("M.01", "4", "4", "0")]
    # The own position is still shown beside it.
    assert 'data-testid="own-value">62,5<' in html


@pytest.mark.parametrize("code", ["NOPE-01", "B-ONLY"])
def test_compare_with_an_unknown_or_unseen_position_is_400_on_the_field(
    client, world, agency_admin_a, position_b, code
):
    position_b.code = "B-ONLY"
    position_b.save()
    client.force_login(agency_admin_a)
    response = client.get(profile_url(world["ani"]), {"position": code})
    assert response.status_code == 400
    assert response.context["options_form"].errors == {
        "position": [in_indonesian("No position with this code.")]
    }
    html = response.content.decode()
    assert 'data-testid="error-position"' in html
    assert 'data-testid="compare-value"' not in html
    assert 'data-testid="own-value">62,5<' in html


def test_talent_box_for_a_chosen_year_and_a_year_without_rating(client, world, agency_admin_a):
    client.force_login(agency_admin_a)
    html = client.get(profile_url(world["ani"]), {"year": 2024}).content.decode()
    # Meets expectations, potential low → box 2.
    assert 'data-testid="talent-box">2<' in html
    response = client.get(profile_url(world["ani"]), {"year": 2023})
    html = response.content.decode()
    assert 'data-testid="talent-box"' not in html
    assert (
        in_indonesian("The employee has no performance rating for this year, so no talent box can be given.")
        in html
    )
    assert client.get(profile_url(world["ani"]), {"year": "x"}).status_code == 400


def test_no_standard_and_no_rating_are_said_plainly(client, agency_a, agency_admin_a):
    bare = PositionFactory(unit=UnitFactory(agency=agency_a))
    dedi = EmployeeFactory(position=bare)
    assess(dedi, "M.01", 3)
    client.force_login(agency_admin_a)
    response = client.get(profile_url(dedi))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-testid="own-none"' in html
    assert (
        in_indonesian("The position has no competency standard, so no job–person match can be computed.")
        in html
    )
    assert 'data-testid="own-value"' not in html
    assert "JPM 0" not in html
    assert in_indonesian("No performance rating is recorded, so no talent box can be given.") in html
    assert [(r.code, r.level) for r in response.context["other_levels"]] == [("M.01", 3)]


def test_employee_without_position(client, agency_a, agency_admin_a):
    loose = EmployeeFactory(agency=agency_a, position=None)
    client.force_login(agency_admin_a)
    html = client.get(profile_url(loose)).content.decode()
    assert in_indonesian("The employee holds no position; choose one.") in html


@pytest.mark.parametrize("page", ["profile", "new"])
def test_another_agencys_employee_is_404(client, world, agency_admin_a, page):
    url = {"profile": profile_url, "new": new_url}[page](world["citra"])
    client.force_login(agency_admin_a)
    response = client.get(url)
    assert response.status_code == 404
    assert "Citra Dewi" not in response.content.decode()


def test_employee_sees_own_profile_but_not_a_colleague(client, world, make_user, agency_a, position_a):
    budi = EmployeeFactory(position=position_a)
    client.force_login(make_user(Role.EMPLOYEE, agency_a, employee=world["ani"]))
    assert client.get(profile_url(world["ani"])).status_code == 200
    assert client.get(profile_url(budi)).status_code == 404


def test_citizen_and_anonymous_get_no_profile(client, world, make_user):
    response = client.get(profile_url(world["ani"]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    client.force_login(make_user(Role.CITIZEN))
    assert client.get(profile_url(world["ani"])).status_code == 404


@pytest.mark.parametrize(
    ("role", "sees_box"),
    [
        (Role.PROVINCE_ADMIN, True),
        (Role.LEADER, True),
        (Role.AGENCY_ADMIN, True),
        (Role.TRAINING_MANAGER, False),
    ],
)
def test_talent_box_only_for_the_talent_roles(client, world, make_user, agency_a, role, sees_box):
    client.force_login(make_user(role, agency_a))
    response = client.get(profile_url(world["ani"]))
    assert response.status_code == 200
    assert ('data-testid="talent"' in response.content.decode()) is sees_box


@pytest.mark.parametrize("extra", [0, 12])
def test_profile_query_count_does_not_grow(client, world, province_admin, django_assert_num_queries, extra):
    for number in range(extra):
        assess(world["ani"], "M.04", 1 + number % 5, on=date(2020, 1, 1) + timedelta(days=number))
    client.force_login(province_admin)
    # session, user; employee + history, interests, ratings prefetches (4); job match
    # (codes, standard, codes, levels); competency names; talent box (rating + its own job
    # match, 5); history count, the ids that count, the history page.
    with django_assert_num_queries(19):
        response = client.get(profile_url(world["ani"]))
    assert response.context["history"].paginator.count == 7 + extra
    # Comparing adds the position and a second job match.
    with django_assert_num_queries(24):
        client.get(profile_url(world["ani"]), {"position": "A-CMP-01"})


def test_employee_detail_links_to_the_competencies(client, world, agency_admin_a):
    client.force_login(agency_admin_a)
    html = client.get(reverse("workforce:employee_detail", kwargs={"nip": world["ani"].nip})).content.decode()
    assert f'href="{profile_url(world["ani"])}" data-testid="competencies"' in html


def test_position_options_are_scoped(client, world, agency_admin_a, position_b):
    client.force_login(agency_admin_a)
    url = reverse("competency:profile_position_options")
    html = client.get(url, {"position": "cmp"}).content.decode()
    assert html.strip() == '<option value="A-CMP-01">Kepala Seksi · DINA</option>'
    assert client.get(url, {"position": position_b.code}).content.decode().strip() == ""


# --- recording an assessment --------------------------------------------------------------


def valid_post(**changes):
    data = {
        "competency": "M.03",
        "level": "3",
        "assessed_on": "2025-06-02",
        "method": "assessment_centre",
        "assessor_name": "Tim Asesor BKD",
        "note": "Hasil assessment centre 2025.",
    }
    data.update(changes)
    return data


def test_agency_admin_records_an_assessment_and_the_jpm_changes(client, world, agency_admin_a):
    ani = world["ani"]
    client.force_login(agency_admin_a)
    assert client.get(new_url(ani)).status_code == 200
    response = client.post(new_url(ani), valid_post())
    assert response.status_code == 302
    assert response["Location"] == profile_url(ani)
    recorded = Assessment.objects.get(employee=ani, assessed_on=date(2025, 6, 2))
    assert (recorded.competency.code, recorded.level, recorded.method, recorded.assessor_id) == (
        "M.03",
        3,
        "assessment_centre",
        agency_admin_a.pk,
    )
    assert (recorded.assessor_name, recorded.note) == ("Tim Asesor BKD", "Hasil assessment centre 2025.")
    event = AuditEvent.objects.get(action="employee.assessed")
    assert event.to_state == {
        "competency": "M.03",
        "level": 3,
        "method": "assessment_centre",
        "on": "2025-06-02",
    }
    # M.03 now 2 of 2: 7 of 8.
    html = client.get(profile_url(ani)).content.decode()
    assert 'data-testid="own-value">87,5<' in html


def test_technical_competency_of_the_employees_agency_is_offered(client, world, agency_admin_a, agency_b):
    own = TechnicalCompetencyFactory(code="T.DINA.01", agency=world["ani"].agency)
    TechnicalCompetencyFactory(code="T.DINB.01", agency=agency_b)
    client.force_login(agency_admin_a)
    form = client.get(new_url(world["ani"])).context["form"]
    codes = list(form.fields["competency"].queryset.values_list("code", flat=True))
    assert codes == ["M.01", "M.02", "M.03", "M.04", "M.05", "M.06", "M.07", "M.08", "SK.01", own.code]
    assert [value for value, _label in form.fields["method"].choices] == [
        "assessment_centre",
        "competency_test",
        "supervisor",
    ]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"assessed_on": "FUTURE"}, "assessed_on"),
        ({"level": "7"}, "level"),
        ({"level": "0"}, "level"),
        ({"level": ""}, "level"),
        ({"method": "self"}, "method"),
        ({"competency": "T.DINB.01"}, "competency"),
        ({"competency": "X.99"}, "competency"),
        ({"assessed_on": "2025-13-40"}, "assessed_on"),
    ],
)
def test_bad_assessment_input_writes_nothing(client, world, agency_admin_a, agency_b, changes, field):
    TechnicalCompetencyFactory(code="T.DINB.01", agency=agency_b)
    if changes.get("assessed_on") == "FUTURE":
        changes = {"assessed_on": (timezone.localdate() + timedelta(days=1)).isoformat()}
    before = (Assessment.objects.count(), AuditEvent.objects.count())
    client.force_login(agency_admin_a)
    response = client.post(new_url(world["ani"]), valid_post(**changes))
    assert response.status_code == 400
    assert list(response.context["form"].errors) == [field]
    assert f'data-testid="error-{field}"' in response.content.decode()
    assert (Assessment.objects.count(), AuditEvent.objects.count()) == before


def test_future_date_message_comes_from_the_service(client, world, agency_admin_a):
    client.force_login(agency_admin_a)
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = client.post(new_url(world["ani"]), valid_post(assessed_on=tomorrow))
    assert response.context["form"].errors == {
        "assessed_on": [in_indonesian("The assessment date is in the future.")]
    }


@pytest.mark.parametrize("role", [Role.COMPLAINT_OFFICER, Role.COMPLAINT_VERIFIER])
def test_complaint_roles_do_not_see_competencies(client, world, make_user, agency_a, role):
    """They see employee records to route reports; competencies are personnel development."""
    client.force_login(make_user(role, agency_a))
    record = client.get(f"/workforce/employees/{world['ani'].nip}/")
    assert record.status_code == 200
    assert 'data-testid="competencies"' not in record.content.decode()
    assert client.get(profile_url(world["ani"])).status_code == 404
    assert client.get(new_url(world["ani"])).status_code == 404


@pytest.mark.parametrize("role", [Role.LEADER, Role.EMPLOYEE])
def test_visible_but_not_allowed_is_403(client, world, make_user, agency_a, role):
    employee = world["ani"] if role == Role.EMPLOYEE else None
    client.force_login(make_user(role, agency_a, employee=employee))
    before = (Assessment.objects.count(), AuditEvent.objects.count())
    assert client.get(profile_url(world["ani"])).status_code == 200
    assert client.get(new_url(world["ani"])).status_code == 403
    assert client.post(new_url(world["ani"]), valid_post()).status_code == 403
    assert (Assessment.objects.count(), AuditEvent.objects.count()) == before
    assert 'data-testid="record-assessment"' not in client.get(profile_url(world["ani"])).content.decode()


def test_training_manager_records_for_any_agency(client, world, make_user, agency_a):
    client.force_login(make_user(Role.TRAINING_MANAGER, agency_a))
    assert client.post(new_url(world["citra"]), valid_post()).status_code == 302
    assert Assessment.objects.filter(employee=world["citra"]).count() == 1


# --- self-service -------------------------------------------------------------------------


@pytest.fixture
def ani_user(world, make_user, agency_a):
    return make_user(Role.EMPLOYEE, agency_a, employee=world["ani"], username="ani")


def test_me_shows_my_jpm_gaps_box_and_history(client, world, ani_user):
    client.force_login(ani_user)
    response = client.get(ME)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-testid="own-value">62,5<' in html
    assert gap_rows(html)[:2] == [("M.03", "2", "0", "\u22122"), ("M.02", "2", "1", "\u22121")]
    assert 'data-testid="talent-box">4<' in html
    assert html.count('data-testid="history-row"') == 7
    assert 'data-testid="self-note"' in html
    assert 'data-testid="compare"' not in html


def test_me_query_count(client, world, ani_user, django_assert_num_queries):
    client.force_login(ani_user)
    # session, user; employee + ratings; job match (4); names; talent box (5); history
    # count, counting ids, the self form's competency choices, the history page.
    with django_assert_num_queries(18):
        response = client.get(ME)
    assert response.status_code == 200


def test_self_assessment_is_saved_and_does_not_change_the_jpm(client, world, ani_user):
    ani = world["ani"]
    client.force_login(ani_user)
    data = {
        "self-competency": "M.03",
        "self-level": "5",
        "self-assessed_on": "2025-07-01",
        "self-note": "Yakin.",
    }
    response = client.post(ME, data)
    assert response.status_code == 302
    assert response["Location"] == ME
    mine = Assessment.objects.get(employee=ani, assessed_on=date(2025, 7, 1))
    assert (mine.competency.code, mine.level, mine.method, mine.assessor_id) == (
        "M.03",
        5,
        "self",
        ani_user.pk,
    )
    assert AuditEvent.objects.filter(action="employee.assessed").count() == 1
    assert job_match(employee=ani)["score"] == 62.5
    html = client.get(ME).content.decode()
    assert 'data-testid="own-value">62,5<' in html
    assert html.count('data-testid="history-self"') == 2


def test_bad_self_assessment_writes_nothing(client, world, ani_user):
    client.force_login(ani_user)
    before = (Assessment.objects.count(), AuditEvent.objects.count())
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    data = {"self-competency": "M.03", "self-level": "9", "self-assessed_on": tomorrow}
    response = client.post(ME, data)
    assert response.status_code == 400
    assert list(response.context["self_form"].errors) == ["level"]
    response = client.post(ME, {**data, "self-level": "4"})
    assert response.status_code == 400
    assert response.context["self_form"].errors == {
        "assessed_on": [in_indonesian("The assessment date is in the future.")]
    }
    assert 'data-testid="error-assessed_on"' in response.content.decode()
    assert (Assessment.objects.count(), AuditEvent.objects.count()) == before


@override_settings(PENATA_TALENT_BOX_SELF_VISIBLE=False)
def test_my_talent_box_is_hidden_when_the_setting_is_off(client, world, ani_user):
    client.force_login(ani_user)
    html = client.get(ME).content.decode()
    assert 'data-testid="talent"' not in html
    assert 'data-testid="own-value">62,5<' in html


@override_settings(PENATA_TALENT_BOX_SELF_VISIBLE=True)
def test_my_talent_box_is_shown_when_the_setting_is_on(client, world, ani_user):
    client.force_login(ani_user)
    assert 'data-testid="talent-box">4<' in client.get(ME).content.decode()


@pytest.mark.parametrize("role", [Role.CITIZEN, Role.AGENCY_ADMIN, Role.EMPLOYEE])
def test_me_without_an_employee_record_is_a_friendly_page(client, make_user, agency_a, role):
    client.force_login(make_user(role, agency_a))
    response = client.get(ME)
    assert response.status_code == 200
    assert 'data-testid="no-employee"' in response.content.decode()


def test_me_requires_sign_in(client):
    response = client.get(ME)
    assert response.status_code == 302


# --- labels -------------------------------------------------------------------------------


def test_every_nine_box_action_has_a_label():
    codes = {code for codes in ninebox.ACTIONS.values() for code in codes}
    assert codes == set(ACTION_LABELS)


def test_label_filters_and_tags():
    template = Template(
        "{% load competency_tags %}{{ 'award'|action_label }}|{{ 'high'|potential_label }}|"
        "{{ 'above'|performance_label }}|{{ 'fairly_optimal'|jpm_category_label }}|{{ 'self'|method_label }}|"
        "{{ -2|signed }}|{{ 1|signed }}|{{ 3|level_percent }}|{{ 9|level_percent }}|"
        "{{ -1|gap_css }}|{{ -3|gap_css }}|{{ 0|gap_css }}|{{ 'unknown'|action_label }}|"
        "{% box_actions 4 as codes %}{{ codes|join:',' }}|"
        "{% ninebox_rows as rows %}{% for row in rows %}{% for cell in row.cells %}{{ cell.box }}{% endfor %}"
        "{% endfor %}"
    )
    with translation.override("en"):
        html = template.render(Context())
    assert html.split("|") == [
        "Award",
        "High",
        "Above expectations",
        "Fairly optimal",
        "Self-assessment",
        "\u22122",
        "+1",
        "60",
        "100",
        "short",
        "far",
        "met",
        "unknown",
        "rotation,competency_development",
        "689357124",
    ]
