"""Business-rule errors. Field and shape problems stay Django/DRF validation errors."""

from django.utils.translation import gettext_lazy as _


class ApplicationError(Exception):
    code = "application_error"
    status_code = 400
    default_message = _("The request could not be completed.")

    def __init__(self, message=None, *, fields: dict | None = None, code: str | None = None):
        self.message = message or self.default_message
        self.fields = fields or {}
        if code:
            self.code = code
        super().__init__(str(self.message))


class NotFound(ApplicationError):
    code = "not_found"
    status_code = 404
    default_message = _("Not found.")


class PermissionDenied(ApplicationError):
    code = "permission_denied"
    status_code = 403
    default_message = _("You do not have permission to do this.")


class InvalidTransition(ApplicationError):
    code = "invalid_transition"
    status_code = 409
    default_message = _("This change is not allowed in the current state.")
