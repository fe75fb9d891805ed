import pytest
from axes.models import AccessAttempt
from django.conf import settings
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from penata.accounts.models import Role

pytestmark = pytest.mark.django_db

TOKEN_URL = "/api/v1/auth/token/"
PASSWORD = "rahasia-uji-123"


@pytest.fixture
def officer(make_user, agency_a):
    return make_user(Role.COMPLAINT_OFFICER, agency_a, username="petugas")


def obtain(client: APIClient, username: str, password: str):
    return client.post(TOKEN_URL, {"username": username, "password": password}, format="json")


def test_token_is_issued_and_authenticates(officer):
    client = APIClient()
    response = obtain(client, "petugas", PASSWORD)
    assert response.status_code == 200
    assert response.json() == {"token": Token.objects.get(user=officer).key}

    client.credentials(HTTP_AUTHORIZATION=f"Token {response.json()['token']}")
    me = client.get("/api/v1/auth/me/")
    assert me.status_code == 200
    assert me.json() == {
        "username": "petugas",
        "full_name": officer.full_name,
        "role": "complaint_officer",
        "agency": {"code": "DINA", "name": "Dinas A"},
        "employee_nip": None,
    }
    officer.refresh_from_db()
    assert officer.last_login is not None


def test_same_token_on_second_sign_in(officer):
    first = obtain(APIClient(), "petugas", PASSWORD).json()["token"]
    second = obtain(APIClient(), "petugas", PASSWORD).json()["token"]
    assert first == second
    assert Token.objects.count() == 1


def test_token_accepts_form_data(officer):
    response = APIClient().post(TOKEN_URL, {"username": "petugas", "password": PASSWORD})
    assert response.status_code == 200


def test_wrong_password_names_the_password_field(officer):
    response = obtain(APIClient(), "petugas", "salah")
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid_credentials"
    assert list(body["fields"]) == ["password"]
    assert Token.objects.count() == 0
    assert AccessAttempt.objects.get(username="petugas").failures_since_start == 1


def test_unknown_user_gets_the_same_answer_as_a_wrong_password(officer):
    wrong_password = obtain(APIClient(), "petugas", "salah").json()
    unknown_user = obtain(APIClient(), "tidak-ada", "salah").json()
    assert unknown_user == wrong_password


def test_missing_credentials_name_each_field():
    response = APIClient().post(TOKEN_URL, {}, format="json")
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert sorted(body["fields"]) == ["password", "username"]
    assert AccessAttempt.objects.count() == 0


def test_inactive_user_gets_no_token(officer):
    officer.is_active = False
    officer.save()
    response = obtain(APIClient(), "petugas", PASSWORD)
    assert response.status_code == 400
    assert Token.objects.count() == 0


def test_lockout_after_repeated_failures_even_with_the_right_password(officer):
    limit = settings.AXES_FAILURE_LIMIT
    assert limit == 5
    client = APIClient()
    statuses = [obtain(client, "petugas", "salah").status_code for _ in range(limit)]
    # The attempt that reaches the limit is already answered as a lockout.
    assert statuses == [400] * (limit - 1) + [429]

    response = obtain(client, "petugas", PASSWORD)
    assert response.status_code == 429
    body = response.json()
    assert body["code"] == "locked_out"
    assert body["fields"] == {}
    assert response["Retry-After"] == str(int(settings.AXES_COOLOFF_TIME * 3600))
    assert Token.objects.count() == 0


def test_lockout_is_per_user_name(officer, make_user, agency_a):
    make_user(Role.AGENCY_ADMIN, agency_a, username="admin_lain")
    client = APIClient()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        obtain(client, "petugas", "salah")
    assert obtain(client, "admin_lain", PASSWORD).status_code == 200


def test_success_resets_the_failure_count(officer):
    client = APIClient()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        obtain(client, "petugas", "salah")
    assert obtain(client, "petugas", PASSWORD).status_code == 200
    assert AccessAttempt.objects.filter(username="petugas").count() == 0
    assert obtain(client, "petugas", "salah").status_code == 400


def test_session_authentication_works(officer):
    client = APIClient()
    client.force_login(officer)
    response = client.get("/api/v1/auth/me/")
    assert response.status_code == 200
    assert response.json()["username"] == "petugas"


def test_revoking_the_token_signs_the_client_out(officer):
    client = APIClient()
    token = obtain(client, "petugas", PASSWORD).json()["token"]
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert client.delete("/api/v1/auth/token/current/").status_code == 204
    assert Token.objects.count() == 0
    response = client.get("/api/v1/auth/me/")
    assert response.status_code == 401
    assert response.json()["code"] == "authentication_failed"


def test_stale_session_does_not_block_sign_in(officer):
    """The token endpoint ignores the session, so it needs no CSRF token."""
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(officer)
    assert obtain(client, "petugas", PASSWORD).status_code == 200
