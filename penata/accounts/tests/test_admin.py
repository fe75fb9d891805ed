import pytest
from django.urls import reverse

from penata.accounts.models import Role, User
from penata.core.models import AuditEvent


@pytest.fixture
def admin_client(client, make_user, agency_a):
    client.force_login(
        make_user(Role.PROVINCE_ADMIN, agency_a, username="root", is_staff=True, is_superuser=True)
    )
    return client


def user_form(**overrides) -> dict:
    data = {
        "username": "petugas",
        "full_name": "Nurhayati Sangadji",
        "email": "nur@example.test",
        "role": Role.COMPLAINT_OFFICER,
        "agency": "",
        "usable_password": "true",
        "password1": "Ternate-Sofifi-2026",
        "password2": "Ternate-Sofifi-2026",
    }
    return {**data, **overrides}


def test_adding_a_user_records_an_audit_event(admin_client, agency_a):
    response = admin_client.post(reverse("admin:accounts_user_add"), user_form(agency=agency_a.pk))
    assert response.status_code == 302
    user = User.objects.get(username="petugas")
    assert (user.role, user.agency, user.full_name, user.is_demo) == (
        Role.COMPLAINT_OFFICER,
        agency_a,
        "Nurhayati Sangadji",
        False,
    )
    event = AuditEvent.objects.get(action="user.created")
    assert (event.subject_id, event.note, event.actor.username) == (str(user.pk), "admin", "root")
    assert event.to_state["role"] == "complaint_officer"
    assert "password1" not in event.to_state


def test_a_staff_user_without_agency_is_refused(admin_client):
    response = admin_client.post(reverse("admin:accounts_user_add"), user_form())
    assert response.status_code == 200
    assert "Setiap pengguna staf harus terdaftar pada sebuah Perangkat Daerah." in response.content.decode()
    assert User.objects.filter(username="petugas").count() == 0
    assert AuditEvent.objects.count() == 0
