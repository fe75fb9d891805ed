from urllib.parse import unquote

from django.conf import settings
from django.http import HttpResponseBadRequest
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext


class ChosenLanguageMiddleware:
    """Indonesian on every page unless the user picked another language.

    Pages ignore the browser's Accept-Language on purpose: civil servants often use
    browsers set to English, and the province's working language is Indonesian. The
    choice made with the language selector (Django's ``set_language`` cookie) wins. API
    clients state their language explicitly, so under ``/api/`` Accept-Language counts.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        languages = dict(settings.LANGUAGES)
        code = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if code not in languages and request.path.startswith("/api/"):
            code = translation.get_language_from_request(request)
        if code not in languages:
            code = settings.LANGUAGE_CODE
        translation.activate(code)
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        patch_vary_headers(response, ("Cookie", "Accept-Language"))
        response.headers.setdefault("Content-Language", request.LANGUAGE_CODE)
        return response


class NulCharacterMiddleware:
    """A NUL character in the path or query string answers 400 before any view runs.

    No code, NIP or search term contains one, and PostgreSQL refuses it in a text
    parameter (a server error on every lookup that passes it through). Form and JSON
    fields are covered by Django's and DRF's own null-character validators.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or "\x00" in unquote(request.META.get("QUERY_STRING", "")):
            return HttpResponseBadRequest(
                gettext("The address contains a null character."), content_type="text/plain; charset=utf-8"
            )
        return self.get_response(request)
