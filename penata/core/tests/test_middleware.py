import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("path", "cookie", "accept", "expected"),
    [
        ("/organization/services/", None, None, "id"),
        ("/organization/services/", None, "en-US,en;q=0.9", "id"),
        ("/organization/services/", "en", "id", "en"),
        ("/organization/services/", "xx", None, "id"),
        ("/api/v1/public-services/", None, "en", "en"),
        ("/api/v1/public-services/", None, None, "id"),
        ("/api/v1/public-services/", "id", "en", "id"),
    ],
)
def test_language_choice(client, path, cookie, accept, expected):
    if cookie:
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = cookie
    headers = {"HTTP_ACCEPT_LANGUAGE": accept} if accept else {}
    response = client.get(path, **headers)
    assert response.status_code == 200
    assert response.headers["Content-Language"] == expected


@pytest.mark.parametrize(
    "url", ["/workforce/employees/%00/", "/competency/dictionary/%00/", "/competency/standards/?agency=%00"]
)
def test_a_null_character_in_the_address_is_a_bad_request(client, url):
    response = client.get(url)
    assert response.status_code == 400
    assert response.content.decode() == "Alamat mengandung karakter null."
