"""API plumbing shared by every app: pagination, permissions, the schema and the single
error shape.

Every error body is ``{"code": ..., "message": ..., "fields": {...}}`` with ``code`` a
stable English identifier, ``message`` translated and ``fields`` mapping a field name to
its messages. Nested input errors are flattened into dotted names with 1-based list
positions (``interests[2].agency``), the way the services name them.
"""

from django.core.exceptions import ObjectDoesNotExist
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import exceptions, permissions, serializers, status
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from .errors import ApplicationError

NON_FIELD = "non_field_errors"

# The largest id a BigAutoField holds; a bigger number never names a row and would
# overflow the database driver.
MAX_ID = 2**63 - 1

# URL segment of a code or NIP: anything but a slash or NUL (which PostgreSQL refuses).
LOOKUP_VALUE_REGEX = r"[^/\x00]+"


class StandardPagination(PageNumberPagination):
    page_size = 50
    # DRF's own Indonesian catalogue lacks this message.
    invalid_page_message = gettext_lazy("Invalid page.")
    page_size_query_param = "page_size"
    max_page_size = 200


# --- the error shape -------------------------------------------------------------------


def _as_list(value) -> list[str]:
    if isinstance(value, (list, tuple)):
        out: list[str] = []
        for item in value:
            out.extend(_as_list(item))
        return out
    if isinstance(value, dict):
        return [f"{k}: {m}" for k, v in value.items() for m in _as_list(v)]
    return [str(value)]


def _flatten(prefix: str, value, out: dict[str, list[str]]) -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(key, int):
                name = f"{prefix}[{key + 1}]"
            elif key in (NON_FIELD, "__all__") and prefix:
                name = prefix
            elif key == "__all__":
                name = NON_FIELD
            else:
                name = f"{prefix}.{key}" if prefix else str(key)
            _flatten(name, item, out)
    elif isinstance(value, (list, tuple)):
        if all(not isinstance(item, (dict, list, tuple)) for item in value):
            if value:
                out.setdefault(prefix or NON_FIELD, []).extend(str(item) for item in value)
            return
        # A list serializer's errors: one entry per item, empty for the valid ones.
        for index, item in enumerate(value, start=1):
            if item:
                _flatten(f"{prefix}[{index}]", item, out)
    else:
        out.setdefault(prefix or NON_FIELD, []).append(str(value))


def _fields(detail) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    if isinstance(detail, dict):
        _flatten("", detail, out)
    else:
        out[NON_FIELD] = _as_list(detail)
    return out


def error_body(code: str, message: str, fields: dict | None = None) -> dict:
    return {"code": code, "message": str(message), "fields": fields or {}}


def exception_handler(exc, context):
    if isinstance(exc, ApplicationError):
        return Response(
            error_body(exc.code, exc.message, _fields(exc.fields)),
            status=exc.status_code,
        )
    if isinstance(exc, DjangoValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else {NON_FIELD: exc.messages}
        return Response(
            error_body("invalid", _("Invalid input."), _fields(detail)),
            status=status.HTTP_400_BAD_REQUEST,
        )
    if isinstance(exc, (Http404, ObjectDoesNotExist)):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()

    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        response.data = error_body("invalid", _("Invalid input."), _fields(exc.detail))
    else:
        detail = exc.detail if isinstance(exc, exceptions.APIException) else str(exc)
        code = getattr(detail, "code", None) or getattr(exc, "default_code", "error")
        if isinstance(detail, dict):
            response.data = error_body(code, _("Invalid input."), _fields(detail))
        else:
            message = detail[0] if isinstance(detail, list) and detail else detail
            response.data = error_body(code, str(message))
    return response


def field_error(field: str, message, *, code: str = "invalid") -> ApplicationError:
    """A 400 naming one field, for checks a view makes outside a serializer."""
    return ApplicationError(_("Invalid input."), fields={field: [str(message)]}, code=code)


# --- permissions -----------------------------------------------------------------------


class IsStaffRole(permissions.BasePermission):
    """Signed in with a staff role; citizens get 403 and anonymous callers 401."""

    message = gettext_lazy("This part of the API is for government staff.")

    def has_permission(self, request, view) -> bool:
        from penata.accounts.models import STAFF_ROLES

        user = request.user
        return bool(user and user.is_authenticated and (user.is_superuser or user.role in STAFF_ROLES))


class StaffOrPublicRead(IsStaffRole):
    """Anyone may read; writing needs a staff role (the view then checks the agency)."""

    def has_permission(self, request, view) -> bool:
        if request.method in permissions.SAFE_METHODS:
            return True
        return super().has_permission(request, view)


# --- schema ----------------------------------------------------------------------------


class ErrorSerializer(serializers.Serializer):
    code = serializers.CharField(help_text=gettext_lazy("Stable English identifier of the error."))
    message = serializers.CharField(help_text=gettext_lazy("Translated, human-readable message."))
    fields = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text=gettext_lazy(
            "Messages per input field; nested fields are dotted, list items 1-based "
            "(interests[2].agency). Empty when the error concerns no field."
        ),
    )


# --- input fields ----------------------------------------------------------------------


class _ScopedRelatedMixin:
    """Looks values up only among the rows ``scope(queryset, user)`` keeps, so a row
    outside the caller's reach reads as unknown (400 on the field) and its existence is
    not revealed."""

    def __init__(self, *args, scope=None, **kwargs):
        self.scope = scope
        super().__init__(*args, **kwargs)

    def get_queryset(self):
        queryset = super().get_queryset()
        request = self.context.get("request") if hasattr(self, "context") else None
        if self.scope is not None:
            queryset = self.scope(queryset, getattr(request, "user", None))
        return queryset


class CodeRelatedField(_ScopedRelatedMixin, serializers.SlugRelatedField):
    """A reference by ``code`` (agency, position, rank, service)."""

    def __init__(self, *args, slug_field="code", **kwargs):
        kwargs.setdefault(
            "error_messages",
            {
                "does_not_exist": gettext_lazy("Unknown code “{value}”."),
                "invalid": gettext_lazy("Enter a code."),
            },
        )
        super().__init__(*args, slug_field=slug_field, **kwargs)

    def to_internal_value(self, data):
        # PostgreSQL refuses NUL in text; such a value is simply not a code.
        if not isinstance(data, str) or "\x00" in data:
            self.fail("invalid")
        return super().to_internal_value(data)


class IdRelatedField(_ScopedRelatedMixin, serializers.PrimaryKeyRelatedField):
    """A reference by numeric id (units, whose codes are unique only inside an agency)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "error_messages",
            {
                "does_not_exist": gettext_lazy("Unknown id “{pk_value}”."),
                "incorrect_type": gettext_lazy("Enter a whole number."),
            },
        )
        super().__init__(*args, **kwargs)

    def to_internal_value(self, data):
        if isinstance(data, str) and data.isascii() and data.isdigit() and len(data) <= len(str(MAX_ID)):
            data = int(data)
        if isinstance(data, bool) or not isinstance(data, int):
            self.fail("incorrect_type", data_type=type(data).__name__)
        if not 1 <= data <= MAX_ID:
            self.fail("does_not_exist", pk_value=data)
        return super().to_internal_value(data)
