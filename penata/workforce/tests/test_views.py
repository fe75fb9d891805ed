from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from penata.accounts.models import Role
from penata.core.models import AuditEvent
from penata.organization.models import EducationLevel, PositionClass
from penata.organization.tests.factories import AgencyFactory, PositionFactory, UnitFactory, rank
from penata.workforce.forms import PlacementInterestsForm
from penata.workforce.models import Employee, PlacementInterest, PositionHistory
from penata.workforce.privacy import MASK
from penata.workforce.services import PositionFull
from penata.workforce.tests.factories import EmployeeFactory, PerformanceRatingFactory

EMPLOYEES = reverse("workforce:employee_list")


def in_indonesian(text) -> str:
    """A translatable text as the default (Indonesian) page shows it."""
    with translation.override("id"):
        return str(text)


def detail_url(employee):
    return reverse("workforce:employee_detail", kwargs={"nip": employee.nip})


def interests_url(employee):
    return reverse("workforce:employee_interests", kwargs={"nip": employee.nip})


def transfer_url(employee):
    return reverse("workforce:employee_transfer", kwargs={"nip": employee.nip})


@pytest.fixture
def staff(agency_a, agency_b, position_a, position_b):
    ani = EmployeeFactory(
        position=position_a,
        full_name="Ani Lestari",
        nip="198001012005012001",
        sex="F",
        birth_date=date(1980, 1, 1),
        birth_place="Ternate",
        phone="081234567890",
        email="ani@example.test",
    )
    budi = EmployeeFactory(
        position=position_a,
        full_name="Budi Santoso",
        nip="198502022010011002",
        sex="M",
        birth_date=date(1985, 2, 2),
        status="on_leave",
    )
    citra = EmployeeFactory(
        position=position_b,
        full_name="Citra Dewi",
        nip="199003032015032003",
        sex="F",
        birth_date=date(1990, 3, 3),
    )
    dedi = EmployeeFactory(
        agency=agency_b,
        full_name="Dedi PPPK",
        employment_type="pppk",
        rank=rank("PPPK-IX"),
        nip="199204042022211004",
        sex="M",
        birth_date=date(1992, 4, 4),
    )
    return {"ani": ani, "budi": budi, "citra": citra, "dedi": dedi}


# --- search -----------------------------------------------------------------------------


def test_employee_search_requires_sign_in(client):
    response = client.get(EMPLOYEES)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize(
    ("params", "names"),
    [
        ({}, ["Ani Lestari", "Budi Santoso", "Citra Dewi", "Dedi PPPK"]),
        ({"q": "santoso"}, ["Budi Santoso"]),
        ({"q": "19800101 200501 2 001"}, ["Ani Lestari"]),
        ({"q": "1990"}, ["Citra Dewi"]),
        ({"agency": "DINB"}, ["Citra Dewi", "Dedi PPPK"]),
        ({"status": "on_leave"}, ["Budi Santoso"]),
        ({"employment_type": "pppk"}, ["Dedi PPPK"]),
        ({"agency": "DINA", "status": "active"}, ["Ani Lestari"]),
    ],
)
def test_employee_search_filters(client, staff, province_admin, params, names):
    client.force_login(province_admin)
    response = client.get(EMPLOYEES, params)
    assert [e.full_name for e in response.context["page"].object_list] == names


def test_employee_search_shows_nip_with_spaces(client, staff, province_admin):
    client.force_login(province_admin)
    html = client.get(EMPLOYEES).content.decode()
    assert 'data-testid="employee-nip">19800101 200501 2 001<' in html
    # A PPPK number has no NIP structure, so it is shown as stored.
    assert 'data-testid="employee-nip">199204042022211004<' in html


def test_employee_search_is_scoped_for_agency_admin(client, staff, agency_admin_a):
    client.force_login(agency_admin_a)
    response = client.get(EMPLOYEES, {"q": "citra"})
    assert list(response.context["page"].object_list) == []
    response = client.get(EMPLOYEES)
    assert [e.full_name for e in response.context["page"].object_list] == ["Ani Lestari", "Budi Santoso"]


def test_employee_search_is_forbidden_to_an_employee(client, staff, make_user, agency_a):
    client.force_login(make_user(Role.EMPLOYEE, agency_a, employee=staff["ani"]))
    assert client.get(EMPLOYEES).status_code == 403


def test_employee_search_htmx_returns_the_results_only(client, staff, province_admin):
    client.force_login(province_admin)
    response = client.get(EMPLOYEES, {"q": "ani"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert "<html" not in html
    assert html.count('data-testid="employee-row"') == 1


def test_employee_search_history_restore_gets_the_whole_page(client, staff, province_admin):
    client.force_login(province_admin)
    response = client.get(
        EMPLOYEES, {"q": "ani"}, headers={"HX-Request": "true", "HX-History-Restore-Request": "true"}
    )
    assert "<html" in response.content.decode()


@pytest.mark.parametrize("count", [3, 10])
def test_employee_search_query_count_does_not_grow(
    client, province_admin, agency_a, django_assert_num_queries, count
):
    unit = UnitFactory(agency=agency_a)
    for _ in range(count):
        EmployeeFactory(position=PositionFactory(unit=unit))
    client.force_login(province_admin)
    # session, user, count, page, agency choices
    with django_assert_num_queries(5):
        response = client.get(EMPLOYEES, {"status": "active"})
    assert len(response.context["page"].object_list) == count


# --- profile ----------------------------------------------------------------------------


def test_profile_shows_identity_position_history_interests_and_ratings(
    client, staff, province_admin, position_a, agency_a
):
    ani = staff["ani"]
    PositionHistory.objects.create(
        employee=ani,
        kind="appointment",
        position=position_a,
        agency=agency_a,
        rank=ani.rank,
        start_date=date(2022, 1, 3),
        reference="SK 821/12/2022",
    )
    PlacementInterest.objects.create(
        employee=ani, preference=1, position_class="ahli_muda", field="Statistik"
    )
    PlacementInterest.objects.create(employee=ani, preference=2, agency=AgencyFactory(name="Bappeda"))
    PerformanceRatingFactory(employee=ani, year=2025, rating="above")
    client.force_login(province_admin)
    response = client.get(detail_url(ani))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-testid="employee-nip">19800101 200501 2 001<' in html
    assert "III/a Penata Muda" in html
    assert f'data-testid="education">{in_indonesian(EducationLevel.S1.label)} · Administrasi Publik<' in html
    assert position_a.title in html
    assert "3 Januari 2022" in html
    assert "SK 821/12/2022" in html
    assert html.count('data-testid="history-row"') == 1
    ahli_muda = in_indonesian(PositionClass.AHLI_MUDA.label)
    assert f'data-testid="interest-1"><span class="fw-semibold">{ahli_muda}</span> · Statistik<' in html
    assert "Bappeda" in html
    assert "<span>2025</span>" in html
    assert 'data-testid="phone">081234567890<' in html
    assert "Ternate, 1 Januari 1980" in html
    assert 'data-testid="masked-note"' not in html


@pytest.mark.parametrize("role", [Role.LEADER, Role.TRAINING_MANAGER, Role.COMPLAINT_OFFICER])
def test_profile_masks_personal_data_for_other_roles(client, staff, make_user, agency_a, role):
    client.force_login(make_user(role, agency_a))
    response = client.get(detail_url(staff["ani"]))
    assert response.status_code == 200
    assert response.context["personal"] == {
        "birth_date": MASK,
        "birth_place": MASK,
        "phone": MASK,
        "email": MASK,
    }
    html = response.content.decode()
    assert "081234567890" not in html
    assert "ani@example.test" not in html
    assert "Ternate" not in html
    assert 'data-testid="masked-note"' in html
    assert 'data-testid="edit-interests"' not in html
    assert 'data-testid="transfer"' not in html


def test_agency_admin_sees_personal_data_of_own_staff(client, staff, agency_admin_a):
    client.force_login(agency_admin_a)
    response = client.get(detail_url(staff["ani"]))
    assert response.context["personal_visible"] is True
    html = response.content.decode()
    assert "ani@example.test" in html
    assert 'data-testid="edit-interests"' in html
    assert 'data-testid="transfer"' in html


@pytest.mark.parametrize("page", ["detail", "interests", "transfer"])
def test_another_agencys_employee_is_404_for_agency_admin(client, staff, agency_admin_a, page):
    url = {"detail": detail_url, "interests": interests_url, "transfer": transfer_url}[page](staff["citra"])
    client.force_login(agency_admin_a)
    response = client.get(url)
    assert response.status_code == 404
    assert "Citra Dewi" not in response.content.decode()


def test_employee_sees_own_profile_but_not_a_colleague(client, staff, make_user, agency_a):
    client.force_login(make_user(Role.EMPLOYEE, agency_a, employee=staff["ani"]))
    assert client.get(detail_url(staff["ani"])).status_code == 200
    assert client.get(detail_url(staff["budi"])).status_code == 404


def test_citizen_gets_404_for_any_employee(client, staff, make_user):
    client.force_login(make_user(Role.CITIZEN))
    assert client.get(detail_url(staff["ani"])).status_code == 404


def test_profile_requires_sign_in(client, staff):
    response = client.get(detail_url(staff["ani"]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_my_profile_redirects_to_own_record(client, staff, make_user, agency_a):
    client.force_login(make_user(Role.EMPLOYEE, agency_a, employee=staff["ani"]))
    response = client.get(reverse("workforce:employee_me"))
    assert response.status_code == 302
    assert response["Location"] == detail_url(staff["ani"])


def test_my_profile_without_record_is_404(client, make_user, agency_a):
    client.force_login(make_user(Role.EMPLOYEE, agency_a))
    assert client.get(reverse("workforce:employee_me")).status_code == 404


# --- placement interests ----------------------------------------------------------------


def _interest_rows(employee):
    return list(
        PlacementInterest.objects.filter(employee=employee)
        .order_by("preference")
        .values_list("preference", "position_class", "field", "agency__code")
    )


def test_employee_states_own_interests(client, staff, make_user, agency_a, agency_b):
    ani = staff["ani"]
    client.force_login(make_user(Role.EMPLOYEE, agency_a, employee=ani))
    response = client.get(interests_url(ani))
    assert response.status_code == 200
    response = client.post(
        interests_url(ani),
        {
            "position_class_1": "ahli_muda",
            "field_1": "Statistik",
            # Row 2 left empty: the next filled row becomes preference 2.
            "agency_3": "DINB",
            "note": "Dekat keluarga di Tidore.",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == detail_url(ani)
    assert _interest_rows(ani) == [(1, "ahli_muda", "Statistik", None), (2, "", "", "DINB")]
    ani.refresh_from_db()
    assert ani.interest_note == "Dekat keluarga di Tidore."
    assert AuditEvent.objects.filter(subject_id=str(ani.pk), action="employee.interests_set").count() == 1


def test_interests_form_shows_saved_interests(client, staff, agency_admin_a):
    ani = staff["ani"]
    PlacementInterest.objects.create(employee=ani, preference=1, field="Statistik")
    client.force_login(agency_admin_a)
    response = client.get(interests_url(ani))
    assert response.context["form"]["field_1"].value() == "Statistik"


def test_interests_validation_error_names_the_field_and_changes_nothing(client, staff, agency_admin_a):
    ani = staff["ani"]
    PlacementInterest.objects.create(employee=ani, preference=1, field="Statistik")
    client.force_login(agency_admin_a)
    response = client.post(interests_url(ani), {"field_1": "Hukum", "field_2": "x" * 121, "agency_3": "NOPE"})
    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) == {"field_2", "agency_3"}
    html = response.content.decode()
    assert 'data-testid="error-field_2"' in html
    assert 'data-testid="error-agency_3"' in html
    assert [(e["row"], str(e["label"])) for e in form.error_summary()] == [
        (2, str(form.fields["field_2"].label)),
        (3, str(form.fields["agency_3"].label)),
    ]
    assert _interest_rows(ani) == [(1, "", "Statistik", None)]
    assert AuditEvent.objects.filter(action="employee.interests_set").count() == 0


def test_service_errors_land_next_to_their_row(staff):
    form = PlacementInterestsForm({"field_2": "a", "field_4": "b"}, employee=staff["ani"])
    assert form.is_valid()
    _items, numbers = form.interests()
    assert numbers == [2, 4]
    form.add_service_errors(ValidationError({"interests[2].field": ["Terlalu panjang."]}), numbers)
    assert form.errors == {"field_4": ["Terlalu panjang."]}


def test_leader_may_not_edit_interests(client, staff, make_user, agency_a):
    client.force_login(make_user(Role.LEADER, agency_a))
    assert client.get(interests_url(staff["ani"])).status_code == 403
    assert client.post(interests_url(staff["ani"]), {"field_1": "Hukum"}).status_code == 403
    assert _interest_rows(staff["ani"]) == []


def test_employee_may_not_edit_a_colleagues_interests(client, staff, make_user, agency_a):
    client.force_login(make_user(Role.EMPLOYEE, agency_a, employee=staff["ani"]))
    assert client.post(interests_url(staff["budi"]), {"field_1": "Hukum"}).status_code == 404
    assert _interest_rows(staff["budi"]) == []


# --- transfer ---------------------------------------------------------------------------


def test_agency_admin_moves_an_employee_to_an_open_position(client, staff, agency_admin_a, agency_a):
    ani = staff["ani"]
    target = PositionFactory(unit=UnitFactory(agency=agency_a), code="A-NEW", headcount_needed=1)
    client.force_login(agency_admin_a)
    response = client.post(
        transfer_url(ani),
        {"position": target.pk, "start_date": "2026-02-02", "kind": "transfer", "reference": "SK 1/2026"},
    )
    assert response.status_code == 302
    ani.refresh_from_db()
    assert (ani.position_id, ani.position_start_date) == (target.pk, date(2026, 2, 2))
    assert list(PositionHistory.objects.filter(employee=ani).values_list("kind", "position__code")) == [
        ("transfer", "A-NEW")
    ]


def test_transfer_to_a_full_position_shows_the_error_next_to_the_field(
    client, staff, agency_admin_a, agency_a
):
    ani = staff["ani"]
    full = PositionFactory(unit=UnitFactory(agency=agency_a), code="A-FULL", headcount_needed=1)
    EmployeeFactory(position=full)
    before = ani.position_id
    client.force_login(agency_admin_a)
    response = client.post(
        transfer_url(ani), {"position": full.pk, "start_date": "2026-02-02", "kind": "transfer"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {"position": [in_indonesian(PositionFull.default_message)]}
    assert 'data-testid="error-position"' in response.content.decode()
    ani.refresh_from_db()
    assert ani.position_id == before
    assert PositionHistory.objects.filter(employee=ani).count() == 0


def test_transfer_before_current_start_shows_the_error_on_the_date(client, staff, agency_admin_a, agency_a):
    ani = staff["ani"]
    target = PositionFactory(unit=UnitFactory(agency=agency_a), headcount_needed=1)
    client.force_login(agency_admin_a)
    response = client.post(
        transfer_url(ani), {"position": target.pk, "start_date": "2020-01-01", "kind": "transfer"}
    )
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["start_date"]
    assert Employee.objects.get(pk=ani.pk).position_id == staff["ani"].position_id


def test_transfer_offers_only_positions_in_scope(client, staff, agency_admin_a, position_b):
    client.force_login(agency_admin_a)
    response = client.post(
        transfer_url(staff["ani"]),
        {"position": position_b.pk, "start_date": "2026-02-02", "kind": "transfer"},
    )
    assert list(response.context["form"].errors) == ["position"]
    assert Employee.objects.get(pk=staff["ani"].pk).position_id != position_b.pk


def test_leader_may_not_transfer(client, staff, make_user, agency_a):
    client.force_login(make_user(Role.LEADER, agency_a))
    assert client.get(transfer_url(staff["ani"])).status_code == 403
