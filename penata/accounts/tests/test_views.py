import re

import pytest
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from penata.accounts.models import Role, User

LOGIN = reverse("accounts:login")
PASSWORD = "rahasia-uji-123"


def indonesian_invalid_login() -> str:
    with translation.override("id"):
        return str(AuthenticationForm.error_messages["invalid_login"]) % {
            "username": User._meta.get_field("username").verbose_name
        }


def test_login_page_is_indonesian_by_default(client, db):
    response = client.get(LOGIN)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="id">' in html
    assert 'data-testid="login-form"' in html
    assert reverse("accounts:password_reset") in html


def test_wrong_password_shows_the_indonesian_error(client, province_admin):
    response = client.post(LOGIN, {"username": "prov", "password": "salah"})
    assert response.status_code == 200
    expected = indonesian_invalid_login()
    assert expected.startswith("Masukkan")
    assert expected in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_sign_in_goes_home(client, province_admin):
    response = client.post(LOGIN, {"username": "prov", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("insights:home")
    assert client.session["_auth_user_id"] == str(province_admin.pk)


def test_five_failures_lock_the_account_out(client, province_admin, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(LOGIN, {"username": "prov", "password": "salah"})
    response = client.post(LOGIN, {"username": "prov", "password": PASSWORD})
    assert response.status_code == 429
    assert "registration/locked_out.html" in [t.name for t in response.templates]
    html = response.content.decode()
    assert re.search(r'data-testid="cooloff">\D*30\D', html)
    assert "_auth_user_id" not in client.session


def test_sign_out_shows_the_signed_out_page(client, province_admin):
    client.force_login(province_admin)
    response = client.post(reverse("accounts:logout"), follow=True)
    assert response.redirect_chain == [(reverse("accounts:signed_out"), 302)]
    assert response.templates[0].name == "registration/logged_out.html"
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize(
    "name", ["accounts:password_reset", "accounts:password_reset_done", "accounts:password_reset_complete"]
)
def test_password_reset_pages_render(client, db, name):
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert 'data-testid="page-title"' in response.content.decode()


def test_password_reset_sends_the_link(
    client, make_user, agency_a, mailoutbox, django_capture_on_commit_callbacks
):
    user = make_user(Role.AGENCY_ADMIN, agency_a, username="siti", email="siti@example.test")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:password_reset"), {"email": "siti@example.test"})
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password_reset_done")
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["siti@example.test"]
    assert "\n" not in message.subject
    assert "siti" in message.body
    link = re.search(r"http://testserver(/accounts/reset/\S+/)", message.body).group(1)
    assert client.get(link, follow=True).context["validlink"] is True
    assert user.pk


def test_password_reset_confirm_with_a_bad_token(client, province_admin):
    uid = urlsafe_base64_encode(force_bytes(province_admin.pk))
    response = client.get(
        reverse("accounts:password_reset_confirm", kwargs={"uidb64": uid, "token": "bad-token"})
    )
    assert response.context["validlink"] is False
    assert reverse("accounts:password_reset") in response.content.decode()


def test_password_reset_confirm_sets_the_password(client, province_admin):
    uid = urlsafe_base64_encode(force_bytes(province_admin.pk))
    token = default_token_generator.make_token(province_admin)
    url = reverse("accounts:password_reset_confirm", kwargs={"uidb64": uid, "token": token})
    form_url = client.get(url, follow=True).redirect_chain[-1][0]
    response = client.post(
        form_url, {"new_password1": "Kopi-Tidore-2026", "new_password2": "Kopi-Tidore-2026"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password_reset_complete")
    province_admin.refresh_from_db()
    assert province_admin.check_password("Kopi-Tidore-2026")


def test_language_switch_to_english(client, db):
    response = client.post(reverse("set_language"), {"language": "en", "next": LOGIN}, follow=True)
    assert '<html lang="en">' in response.content.decode()
