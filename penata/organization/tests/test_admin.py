import pytest
from django.urls import reverse

from penata.accounts.models import Role
from penata.core.models import AuditEvent
from penata.organization.models import Position, Rank
from penata.organization.tests.factories import UnitFactory, rank


@pytest.fixture
def admin_client(client, make_user, agency_a):
    client.force_login(
        make_user(Role.PROVINCE_ADMIN, agency_a, username="root", is_staff=True, is_superuser=True)
    )
    return client


def position_form(unit, **overrides) -> dict:
    data = {
        "code": "DINA-ANALIS-01",
        "title": "Analis Kebijakan Ahli Pertama",
        "position_class": "ahli_pertama",
        "unit": unit.pk,
        "min_rank": rank("III/a").pk,
        "max_rank": rank("III/b").pk,
        "required_education_level": "s1",
        "required_education_fields": '["Administrasi Publik"]',
        "headcount_needed": 3,
    }
    return {**data, **overrides}


def test_adding_a_position_goes_through_the_service(admin_client, agency_a):
    unit = UnitFactory(agency=agency_a)
    response = admin_client.post(reverse("admin:organization_position_add"), position_form(unit))
    assert response.status_code == 302
    position = Position.objects.get(code="DINA-ANALIS-01")
    assert (position.agency, position.unit, position.headcount_needed) == (agency_a, unit, 3)
    event = AuditEvent.objects.get(action="position.created")
    assert (event.subject_id, event.actor.username, event.to_state["headcount_needed"]) == (
        str(position.pk),
        "root",
        3,
    )


def test_changing_a_position_records_before_and_after(admin_client, position_a):
    data = position_form(position_a.unit, code=position_a.code, headcount_needed=5)
    response = admin_client.post(reverse("admin:organization_position_change", args=[position_a.pk]), data)
    assert response.status_code == 302
    position_a.refresh_from_db()
    assert position_a.headcount_needed == 5
    event = AuditEvent.objects.get(action="position.updated")
    assert (event.from_state["headcount_needed"], event.to_state["headcount_needed"]) == (2, 5)


def test_a_rank_range_upside_down_is_refused(admin_client, agency_a):
    unit = UnitFactory(agency=agency_a)
    data = position_form(unit, min_rank=rank("IV/a").pk, max_rank=rank("III/a").pk)
    response = admin_client.post(reverse("admin:organization_position_add"), data)
    assert response.status_code == 200
    message = "Pangkat/golongan tertinggi berada di bawah pangkat/golongan terendah."
    assert message in response.content.decode()
    assert Position.objects.count() == 0
    assert AuditEvent.objects.count() == 0


def test_ranks_are_read_only(admin_client):
    count = Rank.objects.count()
    assert admin_client.get(reverse("admin:organization_rank_add")).status_code == 403
    response = admin_client.post(
        reverse("admin:organization_rank_delete", args=[rank("I/a").pk]), {"post": "yes"}
    )
    assert response.status_code == 403
    assert Rank.objects.count() == count == 34
