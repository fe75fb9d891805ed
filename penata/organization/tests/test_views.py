from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from penata.accounts.models import Role
from penata.organization.models import Agency
from penata.organization.tests.factories import (
    AgencyFactory,
    PositionFactory,
    PublicServiceFactory,
    UnitFactory,
)
from penata.workforce.tests.factories import EmployeeFactory

AGENCIES = reverse("organization:agency_list")
POSITIONS = reverse("organization:position_list")
SERVICES = reverse("organization:service_list")


def agency_url(agency):
    return reverse("organization:agency_detail", kwargs={"code": agency.code})


def position_url(position):
    return reverse("organization:position_detail", kwargs={"pk": position.pk})


def service_url(service):
    return reverse("organization:service_detail", kwargs={"code": service.code})


@pytest.fixture
def structure(agency_a, agency_b):
    """Agency A: a unit tree of three, two positions (one full, one open); agency B: one unit."""
    root = UnitFactory(agency=agency_a, code="A1", name="Sekretariat A")
    child = UnitFactory(agency=agency_a, code="A1.1", name="Subbagian Umum A", parent=root)
    other = UnitFactory(agency=agency_a, code="A2", name="Bidang Pelayanan A")
    full = PositionFactory(unit=child, code="A-FULL", title="Analis Kepegawaian", headcount_needed=1)
    open_ = PositionFactory(
        unit=other, code="A-OPEN", title="Pengelola Layanan", headcount_needed=3, position_class="ahli_muda"
    )
    EmployeeFactory(position=full, full_name="Ani Lestari")
    EmployeeFactory(position=open_, full_name="Budi Santoso")
    EmployeeFactory(position=open_, full_name="Pensiunan", status="retired")
    unit_b = UnitFactory(agency=agency_b, code="B1", name="Bidang B")
    position_b = PositionFactory(unit=unit_b, code="B-ONE", title="Pengadministrasi B", headcount_needed=2)
    EmployeeFactory(position=position_b, full_name="Citra Dewi")
    return {"root": root, "child": child, "full": full, "open": open_, "position_b": position_b}


# --- agencies ---------------------------------------------------------------------------


def test_agency_list_requires_sign_in(client):
    response = client.get(AGENCIES)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('accounts:login')}?next={AGENCIES}"


@pytest.mark.parametrize("role", [Role.EMPLOYEE, Role.CITIZEN])
def test_agency_list_is_forbidden_to_roles_without_agency_scope(client, make_user, agency_a, role):
    client.force_login(make_user(role, agency_a if role != Role.CITIZEN else None))
    assert client.get(AGENCIES).status_code == 403


def test_agency_list_shows_counts_for_province_admin(client, structure, province_admin):
    client.force_login(province_admin)
    response = client.get(AGENCIES)
    assert response.status_code == 200
    rows = [
        (a.code, a.unit_count, a.position_count, a.employee_count)
        for a in response.context["page"].object_list
    ]
    # Retired staff do not count as employees of the agency.
    assert rows == [("DINA", 3, 2, 2), ("DINB", 1, 1, 1)]
    html = response.content.decode()
    assert html.count('data-testid="agency-row"') == 2
    assert 'data-testid="unit-count">3<' in html


def test_agency_list_is_scoped_for_agency_admin(client, structure, agency_admin_a):
    client.force_login(agency_admin_a)
    response = client.get(AGENCIES)
    assert [a.code for a in response.context["page"].object_list] == ["DINA"]
    assert "Dinas B" not in response.content.decode()


def test_agency_list_search_and_kind_filter(client, province_admin, agency_a, agency_b):
    AgencyFactory(code="RSUD", name="RSUD Sofifi", kind="rsud")
    client.force_login(province_admin)
    response = client.get(AGENCIES, {"q": "sofifi"})
    assert [a.code for a in response.context["page"].object_list] == ["RSUD"]
    response = client.get(AGENCIES, {"kind": "dinas"})
    assert [a.code for a in response.context["page"].object_list] == ["DINA", "DINB"]


def test_agency_list_htmx_request_renders_only_the_results(client, province_admin, agency_a):
    client.force_login(province_admin)
    response = client.get(AGENCIES, {"q": "Dinas"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert 'data-testid="agency-table"' in html
    assert "<html" not in html


@pytest.mark.parametrize("count", [3, 10])
def test_agency_list_query_count_does_not_grow(client, province_admin, django_assert_num_queries, count):
    for number in range(count):
        agency = AgencyFactory(code=f"AG{number:02d}")
        PositionFactory(unit=UnitFactory(agency=agency))
    client.force_login(province_admin)
    # session, user, count, page
    with django_assert_num_queries(4):
        response = client.get(AGENCIES)
    assert len(response.context["page"].object_list) == count + 1  # plus the admin's own agency


def test_agency_detail_shows_unit_tree_seats_and_services(client, structure, agency_a, province_admin):
    PublicServiceFactory(agency=agency_a, code="SVC-A", name="Izin Praktik")
    PublicServiceFactory(agency=agency_a, code="SVC-OFF", name="Layanan Lama", is_active=False)
    client.force_login(province_admin)
    response = client.get(agency_url(agency_a))
    assert response.status_code == 200
    tree = response.context["tree"]
    assert [(node["unit"].code, [c["unit"].code for c in node["children"]]) for node in tree] == [
        ("A1", ["A1.1"]),
        ("A2", []),
    ]
    child = tree[0]["children"][0]
    assert (child["positions"], child["headcount"], child["filled"]) == (1, 1, 1)
    assert response.context["seats"] == {"positions": 2, "headcount": 4, "filled": 2, "vacancies": 2}
    assert [s.code for s in response.context["services"]] == ["SVC-A"]
    html = response.content.decode()
    assert html.count('data-testid="unit-node"') == 3
    assert "Subbagian Umum A" in html
    assert "Izin Praktik" in html
    assert "Layanan Lama" not in html


def test_agency_detail_of_another_agency_is_404_for_agency_admin(client, structure, agency_b, agency_admin_a):
    client.force_login(agency_admin_a)
    response = client.get(agency_url(agency_b))
    assert response.status_code == 404
    assert "Bidang B" not in response.content.decode()


def test_agency_detail_lists_sub_agencies(client, province_admin, agency_a):
    AgencyFactory(code="SUB", name="UPTD Anak", parent=agency_a)
    client.force_login(province_admin)
    response = client.get(agency_url(agency_a))
    assert [a.code for a in response.context["sub_agencies"]] == ["SUB"]


def test_agency_admin_sees_sub_agency_detail(client, agency_admin_a, agency_a):
    sub = AgencyFactory(code="SUB", name="UPTD Anak", parent=agency_a)
    client.force_login(agency_admin_a)
    assert client.get(agency_url(sub)).status_code == 200


# --- positions --------------------------------------------------------------------------


def test_position_list_shows_filled_and_vacancies(client, structure, province_admin):
    client.force_login(province_admin)
    response = client.get(POSITIONS)
    rows = [(p.code, p.filled, p.vacancies) for p in response.context["page"].object_list]
    assert rows == [("A-FULL", 1, 0), ("A-OPEN", 1, 2), ("B-ONE", 1, 1)]


@pytest.mark.parametrize(
    ("params", "codes"),
    [
        ({"vacant": "on"}, ["A-OPEN", "B-ONE"]),
        ({"agency": "DINB"}, ["B-ONE"]),
        ({"position_class": "ahli_muda"}, ["A-OPEN"]),
        ({"q": "kepegawaian"}, ["A-FULL"]),
        ({"q": "b-one"}, ["B-ONE"]),
        ({"agency": "DINA", "vacant": "on"}, ["A-OPEN"]),
    ],
)
def test_position_list_filters(client, structure, province_admin, params, codes):
    client.force_login(province_admin)
    response = client.get(POSITIONS, params)
    assert [p.code for p in response.context["page"].object_list] == codes


def test_position_list_unit_filter(client, structure, province_admin):
    client.force_login(province_admin)
    response = client.get(POSITIONS, {"unit": structure["child"].pk})
    assert [p.code for p in response.context["page"].object_list] == ["A-FULL"]


def test_position_list_is_scoped_for_agency_admin(client, structure, agency_admin_a):
    client.force_login(agency_admin_a)
    response = client.get(POSITIONS)
    assert [p.code for p in response.context["page"].object_list] == ["A-FULL", "A-OPEN"]
    # Another agency in the filter is not a valid choice, so nothing leaks through it.
    response = client.get(POSITIONS, {"agency": "DINB"})
    assert response.context["form"].errors["agency"]


def test_position_list_paginates(client, province_admin, agency_a):
    unit = UnitFactory(agency=agency_a)
    for number in range(30):
        PositionFactory(unit=unit, code=f"P-{number:02d}")
    client.force_login(province_admin)
    first = client.get(POSITIONS)
    second = client.get(POSITIONS, {"page": 2})
    assert len(first.context["page"].object_list) == 25
    assert [p.code for p in second.context["page"].object_list] == [f"P-{n:02d}" for n in range(25, 30)]
    assert 'data-testid="next-page"' in first.content.decode()


@pytest.mark.parametrize("count", [3, 10])
def test_position_list_query_count_does_not_grow(
    client, province_admin, agency_a, django_assert_num_queries, count
):
    unit = UnitFactory(agency=agency_a)
    for _ in range(count):
        EmployeeFactory(position=PositionFactory(unit=unit))
    client.force_login(province_admin)
    # session, user, count, page, agency choices
    with django_assert_num_queries(5):
        response = client.get(POSITIONS, {"vacant": "on"})
    assert len(response.context["page"].object_list) == count


def test_position_detail_shows_requirements_and_holders(client, structure, province_admin):
    position = structure["open"]
    position.required_education_fields = ["Ilmu Komputer", "Statistik"]
    position.save()
    client.force_login(province_admin)
    response = client.get(position_url(position))
    assert response.status_code == 200
    assert [e.full_name for e in response.context["holders"]] == ["Budi Santoso"]
    html = response.content.decode()
    assert "II/a Pengatur Muda – III/d Penata Tingkat I" in html
    assert "Ilmu Komputer, Statistik" in html
    assert 'data-testid="vacancies">2<' in html
    assert "Pensiunan" not in html


def test_position_detail_of_another_agency_is_404(client, structure, agency_admin_a):
    client.force_login(agency_admin_a)
    response = client.get(position_url(structure["position_b"]))
    assert response.status_code == 404
    assert "Citra Dewi" not in response.content.decode()


# --- public service catalogue -----------------------------------------------------------


@pytest.fixture
def services(agency_a, agency_b):
    return [
        PublicServiceFactory(
            agency=agency_a,
            code="SVC-KTP",
            name="Legalisasi Dokumen",
            fee=Decimal("15000"),
            completion_days=3,
            requirements="Fotokopi KTP\nDokumen asli",
            procedure="Ajukan di loket",
            product="Dokumen terlegalisasi",
            complaint_handling="Kotak saran dan SP4N-LAPOR!",
        ),
        PublicServiceFactory(agency=agency_b, code="SVC-IZN", name="Izin Usaha", fee=0, completion_days=1),
        PublicServiceFactory(agency=agency_b, code="SVC-OLD", name="Layanan Lama", is_active=False),
    ]


def test_service_catalogue_is_public(client, services):
    response = client.get(SERVICES)
    assert response.status_code == 200
    assert [s.code for s in response.context["page"].object_list] == ["SVC-KTP", "SVC-IZN"]
    html = response.content.decode()
    assert html.count('data-testid="service-group"') == 2
    assert "Rp&nbsp;15.000" in html
    assert "Layanan Lama" not in html


def test_service_catalogue_search_and_agency_filter(client, services):
    response = client.get(SERVICES, {"q": "izin"})
    assert [s.code for s in response.context["page"].object_list] == ["SVC-IZN"]
    response = client.get(SERVICES, {"q": "dinas a"})
    assert [s.code for s in response.context["page"].object_list] == ["SVC-KTP"]
    response = client.get(SERVICES, {"agency": "DINB"})
    assert [s.code for s in response.context["page"].object_list] == ["SVC-IZN"]


@pytest.mark.parametrize("count", [3, 10])
def test_service_catalogue_query_count_does_not_grow(db, client, django_assert_num_queries, count):
    for number in range(count):
        PublicServiceFactory(agency=AgencyFactory(code=f"S{number:02d}"))
    # count, page, agency choices (anonymous: no session, no user)
    with django_assert_num_queries(3):
        response = client.get(SERVICES)
    assert len(response.context["page"].object_list) == count


def test_service_detail_shows_the_delivery_components(client, services):
    response = client.get(service_url(services[0]))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-testid="service-fee">Rp&nbsp;15.000' in html
    assert 'data-testid="service-days">3 ' in html
    assert "Fotokopi KTP\nDokumen asli" in html
    assert "Ajukan di loket" in html
    assert "Dokumen terlegalisasi" in html
    assert "Kotak saran dan SP4N-LAPOR!" in html


def test_free_service_shows_free(client, services):
    response = client.get(service_url(services[1]))
    with translation.override("id"):
        free = translation.gettext("Free")
    assert f'data-testid="service-fee">{free}' in response.content.decode().replace("\n", "")


def test_inactive_service_is_404(client, services):
    assert client.get(service_url(services[2])).status_code == 404


def test_english_fee_uses_english_separators(client, services):
    client.cookies["django_language"] = "en"
    response = client.get(service_url(services[0]))
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "Rp&nbsp;15,000" in html
    assert Agency.objects.count() == 2
