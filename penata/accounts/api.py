"""Signing in to the API: a token per user, and who the caller is.

Clients send ``Authorization: Token <token>``; a browser session works as well. Failed
sign-ins count toward the same lockout (django-axes) as the sign-in page.
"""

from django.contrib.auth import authenticate, user_logged_in
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import exceptions, permissions, serializers, status
from rest_framework.authtoken.models import Token
from rest_framework.parsers import FormParser, JSONParser
from rest_framework.response import Response
from rest_framework.views import APIView

from penata.core.api import ErrorSerializer, field_error
from penata.core.api_schema import PenataAutoSchema

from .models import Role


class LockedOut(exceptions.APIException):
    status_code = status.HTTP_429_TOO_MANY_REQUESTS
    default_code = "locked_out"
    default_detail = gettext_lazy(
        "Too many failed sign-in attempts for this user name. Try again later or ask an administrator."
    )

    def __init__(self, *, wait: int | None = None):
        super().__init__()
        # DRF's handler turns ``wait`` into a Retry-After header.
        self.wait = wait


class TokenObtainInputSerializer(serializers.Serializer):
    username = serializers.CharField(max_length=150)
    password = serializers.CharField(max_length=128, trim_whitespace=False, style={"input_type": "password"})


class TokenOutputSerializer(serializers.Serializer):
    token = serializers.CharField(help_text=gettext_lazy("Send as `Authorization: Token <token>`."))


def _cool_off_seconds(request) -> int | None:
    from axes.helpers import get_cool_off

    cool_off = get_cool_off(request)
    return int(cool_off.total_seconds()) if cool_off else None


class TokenView(APIView):
    # No authentication here: a stale session must not make the sign-in need CSRF.
    authentication_classes: list = []
    permission_classes = [permissions.AllowAny]
    schema = PenataAutoSchema()
    parser_classes = [JSONParser, FormParser]
    public_read = True

    @extend_schema(
        operation_id="auth_token_obtain",
        summary=gettext_lazy("Obtain an API token"),
        description=gettext_lazy(
            "Exchange a user name and password for the user's token. Wrong credentials give 400 "
            "naming `password`; after too many failures the user name is locked out (429, "
            "code `locked_out`) even with the right password."
        ),
        request=TokenObtainInputSerializer,
        responses={
            200: TokenOutputSerializer,
            400: ErrorSerializer,
            429: OpenApiResponse(ErrorSerializer, description=gettext_lazy("Locked out.")),
        },
        auth=[],
        tags=["auth"],
    )
    def post(self, request):
        data = TokenObtainInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        # The DRF request carries the axes attributes, so the lockout is answered here in
        # the API's error shape rather than by the middleware's HTML page.
        user = authenticate(
            request=request,
            username=data.validated_data["username"],
            password=data.validated_data["password"],
        )
        if getattr(request, "axes_locked_out", False):
            raise LockedOut(wait=_cool_off_seconds(request))
        if user is None:
            raise field_error(
                "password",
                _("Unable to sign in with this user name and password."),
                code="invalid_credentials",
            )
        # Resets the failure count (AXES_RESET_ON_SUCCESS) and records last_login.
        user_logged_in.send(sender=user.__class__, request=request, user=user)
        token, _created = Token.objects.get_or_create(user=user)
        return Response({"token": token.key})


class TokenRevokeView(APIView):
    permission_classes = [permissions.IsAuthenticated]
    schema = PenataAutoSchema()
    parser_classes = [JSONParser]

    @extend_schema(
        operation_id="auth_token_revoke",
        summary=gettext_lazy("Revoke the caller's API token"),
        request=None,
        responses={204: None},
        tags=["auth"],
    )
    def delete(self, request):
        Token.objects.filter(user=request.user).delete()
        return Response(status=status.HTTP_204_NO_CONTENT)


class MeAgencySerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()


class MeOutputSerializer(serializers.Serializer):
    username = serializers.CharField()
    full_name = serializers.CharField()
    role = serializers.ChoiceField(choices=Role.choices)
    agency = MeAgencySerializer(allow_null=True)
    employee_nip = serializers.CharField(
        source="employee.nip", allow_null=True, default=None, help_text=gettext_lazy("Own employee record.")
    )


class MeView(APIView):
    permission_classes = [permissions.IsAuthenticated]
    schema = PenataAutoSchema()
    parser_classes = [JSONParser]

    @extend_schema(
        operation_id="auth_me",
        summary=gettext_lazy("The signed-in user"),
        responses=MeOutputSerializer,
        tags=["auth"],
    )
    def get(self, request):
        return Response(MeOutputSerializer(request.user).data)
