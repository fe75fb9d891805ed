"""REST API of the JP ledger: an employee's lesson hours for a year.

Seen by the employee themself and by the roles that may see their training
(``permissions.can_see_training_of``: training managers, province administrators,
leaders, and the administrator of the employee's agency). Anyone else on the staff reads
the NIP as unknown (404), like the competency API.
"""

from django.urls import re_path
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.views import APIView

from penata.competency.api import inline_choices
from penata.core.api import LOOKUP_VALUE_REGEX, ErrorSerializer, IsStaffRole, field_error
from penata.core.api_schema import PenataAutoSchema
from penata.workforce.api import NIP_PARAMETER
from penata.workforce.models import Employee
from penata.workforce.nip import normalize_nip
from penata.workforce.selectors import employee_list_visible_to

from . import permissions
from .forms_ledger import YEAR_MAX, YEAR_MIN
from .models import LedgerSource, TrainingForm
from .selectors_ledger import ZERO, jp_entries, jp_target

TrainingFormField = inline_choices(serializers.ChoiceField, TrainingForm.values, "TrainingFormField")
LedgerSourceField = inline_choices(serializers.ChoiceField, LedgerSource.values, "LedgerSourceField")


def jp_number(**kwargs) -> serializers.DecimalField:
    # A number in the JSON, not a string: JP are counted and compared.
    return serializers.DecimalField(max_digits=7, decimal_places=1, coerce_to_string=False, **kwargs)


class JpEntrySerializer(serializers.Serializer):
    title = serializers.CharField(read_only=True)
    form = TrainingFormField(choices=TrainingForm.choices, read_only=True)
    source = LedgerSourceField(
        choices=LedgerSource.choices,
        read_only=True,
        help_text=_("`session`: a completed BPSDM session; `external`: verified external training."),
    )
    jp = jp_number(read_only=True)
    completed_on = serializers.DateField(read_only=True, help_text=_("Last day of the training."))


class EmployeeJpSerializer(serializers.Serializer):
    year = serializers.IntegerField(read_only=True)
    jp_total = jp_number(read_only=True, help_text=_("Sum of the year's entries."))
    target = serializers.IntegerField(read_only=True, help_text=_("JP every ASN should reach in a year."))
    entries = JpEntrySerializer(many=True, read_only=True, help_text=_("Newest first."))


def visible_employee(user, nip: str) -> Employee:
    """An employee whose training the user may see; anything else reads as unknown."""
    try:
        employee = employee_list_visible_to(user=user).get(nip=normalize_nip(nip))
    except Employee.DoesNotExist:
        raise NotFound() from None
    if not permissions.can_see_training_of(user, employee):
        raise NotFound()
    return employee


def ledger_year(request) -> int:
    """The ``year`` query parameter, the current year when left out."""
    raw = request.query_params.get("year")
    if raw is None or raw == "":
        return timezone.localdate().year
    value = int(raw) if raw.isascii() and raw.isdigit() and len(raw) <= 4 else 0
    if not YEAR_MIN <= value <= YEAR_MAX:
        raise field_error(
            "year", gettext("Enter a year from %(low)s to %(high)s.") % {"low": YEAR_MIN, "high": YEAR_MAX}
        )
    return value


class EmployeeJpView(APIView):
    schema = PenataAutoSchema()
    permission_classes = [IsStaffRole]

    @extend_schema(
        summary=_("An employee's lesson hours (JP) for a year"),
        description=_(
            "The year's JP ledger entries (completed sessions and verified external training, "
            "counted in the year of their last day), their total and the yearly target. Seen by "
            "the employee, their agency's administrator, training managers, province "
            "administrators and leaders; anyone else gets 404."
        ),
        parameters=[
            NIP_PARAMETER,
            OpenApiParameter(
                "year",
                OpenApiTypes.INT,
                OpenApiParameter.QUERY,
                required=False,
                description=_("2000–2100; the current year when left out."),
            ),
        ],
        responses={
            200: EmployeeJpSerializer,
            400: OpenApiResponse(ErrorSerializer, description=_("Invalid year (`fields.year`).")),
        },
    )
    def get(self, request, nip: str):
        employee = visible_employee(request.user, nip)
        year = ledger_year(request)
        entries = list(jp_entries(employee=employee, year=year))
        body = {
            "year": year,
            "jp_total": sum((entry.jp for entry in entries), start=ZERO),
            "target": jp_target(),
            "entries": entries,
        }
        return Response(EmployeeJpSerializer(body).data)


NIP = rf"employees/(?P<nip>{LOOKUP_VALUE_REGEX})"

# Routes under /api/v1/ (penata/training/api_urls.py); they extend the workforce router's
# ``employees/<nip>/`` with one more segment, so they never match its routes.
urlpatterns = [
    re_path(rf"^{NIP}/jp/$", EmployeeJpView.as_view(), name="employee-jp"),
]
