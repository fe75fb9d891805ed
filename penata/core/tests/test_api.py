"""The single API error shape, produced by ``penata.core.api.exception_handler``."""

import pytest
from django.core.exceptions import ObjectDoesNotExist
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils import translation
from rest_framework import exceptions

from penata.core.api import exception_handler
from penata.core.errors import ApplicationError, InvalidTransition


def handle(exc):
    with translation.override("en"):
        response = exception_handler(exc, {})
        return response.status_code, response.data


def test_application_error_keeps_code_status_and_fields():
    exc = ApplicationError("Full.", fields={"position": ["No seat."]}, code="position_full")
    assert handle(exc) == (
        400,
        {"code": "position_full", "message": "Full.", "fields": {"position": ["No seat."]}},
    )


def test_application_error_subclass_status():
    assert handle(InvalidTransition()) == (
        409,
        {
            "code": "invalid_transition",
            "message": "This change is not allowed in the current state.",
            "fields": {},
        },
    )


def test_django_validation_error_per_field_and_all():
    exc = DjangoValidationError({"nip": ["Bad NIP."], "__all__": ["Inconsistent."]})
    assert handle(exc) == (
        400,
        {
            "code": "invalid",
            "message": "Invalid input.",
            "fields": {"nip": ["Bad NIP."], "non_field_errors": ["Inconsistent."]},
        },
    )


def test_django_validation_error_without_fields():
    assert handle(DjangoValidationError("Nope."))[1]["fields"] == {"non_field_errors": ["Nope."]}


def test_nested_drf_errors_are_flattened_with_one_based_positions():
    detail = {
        "interests": [{}, {"agency": ["Unknown agency."]}],
        "required_education_fields": {2: ["Not a valid string."]},
        "unit": {"non_field_errors": ["Wrong agency."]},
        "code": ["Required."],
    }
    status, body = handle(exceptions.ValidationError(detail))
    assert status == 400
    assert body["fields"] == {
        "interests[2].agency": ["Unknown agency."],
        "required_education_fields[3]": ["Not a valid string."],
        "unit": ["Wrong agency."],
        "code": ["Required."],
    }


def test_missing_objects_are_404():
    assert handle(Http404()) == (404, {"code": "not_found", "message": "Not found.", "fields": {}})
    assert handle(ObjectDoesNotExist())[0] == 404


def test_drf_errors_keep_their_codes():
    assert handle(exceptions.NotAuthenticated())[1]["code"] == "not_authenticated"
    assert handle(exceptions.PermissionDenied())[1]["code"] == "permission_denied"
    assert handle(exceptions.MethodNotAllowed("PUT"))[0:1] == (405,)


def test_unknown_exceptions_are_left_to_django():
    with translation.override("en"):
        assert exception_handler(RuntimeError("boom"), {}) is None


@pytest.mark.django_db
def test_page_past_the_end_is_a_translated_404(client):
    response = client.get("/api/v1/public-services/?page=999")
    assert response.status_code == 404
    assert response.json() == {"code": "not_found", "message": "Halaman tidak valid.", "fields": {}}
