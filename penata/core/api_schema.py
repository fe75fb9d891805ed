"""The OpenAPI schema class of the API views.

Kept apart from ``penata.core.api``: that module is named in the DRF settings and is
imported while ``rest_framework.generics`` loads, before drf-spectacular can be.
"""

from django.utils.translation import gettext_lazy
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiResponse

from .api import ErrorSerializer

API_PREFIX = "/api/v1/"

ERROR_DESCRIPTIONS = {
    "400": gettext_lazy("Invalid input; `fields` names the offending fields."),
    "401": gettext_lazy("Not signed in, or the token is invalid."),
    "403": gettext_lazy("Signed in, but the role may not do this."),
    "404": gettext_lazy("Not found, or outside the caller's scope."),
}


class PenataAutoSchema(AutoSchema):
    """Adds the error responses every operation can return, in the one error shape.

    A view whose reads are public sets ``public_read = True`` so its GET operations are
    documented without 401/403.
    """

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        codes = ["400", "401", "403", "404"]
        if self.method == "GET" and getattr(self.view, "public_read", False):
            codes = ["400", "404"]
        for code in codes:
            if code not in responses:
                responses[code] = self._get_response_for_code(
                    OpenApiResponse(ErrorSerializer, description=ERROR_DESCRIPTIONS[code]),
                    code,
                    direction=direction,
                )
        return responses

    def get_tags(self) -> list[str]:
        # "/api/v1/employees/{nip}/" is tagged "employees", not "v1".
        path = self.path.removeprefix(API_PREFIX)
        if path == self.path:
            return super().get_tags()
        return [path.split("/")[0]]

    def get_operation_id(self) -> str:
        return super().get_operation_id().removeprefix("v1_")

    def get_auth(self):
        auth = super().get_auth()
        if self.method == "GET" and getattr(self.view, "public_read", False) and {} not in auth:
            auth.append({})
        return auth
