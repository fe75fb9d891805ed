"""REST API for employees: list, detail, create and change, transfer, placement
interests and yearly performance ratings.

An employee is addressed by NIP (or PPPK number). Reads are scoped by
``penata.accounts.scoping``: a NIP outside the caller's scope answers 404. Writes go
through ``workforce.services``. Personal data (``privacy.PERSONAL_FIELDS``) is null for
callers who may not see it, and ``personal_data_masked`` says so.
"""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.parsers import JSONParser
from rest_framework.response import Response

from penata.accounts.scoping import can_manage_agency
from penata.core.api import LOOKUP_VALUE_REGEX, CodeRelatedField, IsStaffRole, field_error
from penata.core.api_schema import PenataAutoSchema
from penata.organization.api import (
    AGENCY_CODE_ERRORS,
    RANK_CODE_ERRORS,
    AgencyRefSerializer,
    MasterDataPermission,
    require_agency_manager,
    scoped_agencies,
    scoped_positions,
)
from penata.organization.models import Agency, EducationLevel, EmploymentType, Position, PositionClass, Rank

from . import services
from .models import (
    Employee,
    EmployeeStatus,
    PerformanceLevel,
    PositionChangeKind,
    Sex,
)
from .nip import normalize_nip
from .privacy import PERSONAL_FIELDS, can_see_personal_data
from .selectors import employee_detail_visible_to, employee_list_visible_to

RATING_YEAR_MIN = 2000
RATING_YEAR_MAX = 2100

PERSONAL_DATA_NOTE = _(
    "Personal data (birth date, birth place, phone, email) is null unless the caller is a "
    "province administrator, an administrator of the employee's agency or the employee "
    "themself; `personal_data_masked` is then true. Null rather than a placeholder keeps "
    "every field's type."
)
MASKED_HELP = _("Personal data: null when the caller may not see it (see personal_data_masked).")

# --- output serializers ----------------------------------------------------------------


class PositionRefSerializer(serializers.Serializer):
    code = serializers.CharField(read_only=True)
    title = serializers.CharField(read_only=True)
    position_class = serializers.ChoiceField(choices=PositionClass.choices, read_only=True)


class EmployeeSerializer(serializers.Serializer):
    nip = serializers.CharField(read_only=True, help_text=_("NIP (PNS) or PPPK number, 18 digits."))
    nip_display = serializers.CharField(read_only=True, help_text=_("The number grouped as people write it."))
    employment_type = serializers.ChoiceField(choices=EmploymentType.choices, read_only=True)
    full_name = serializers.CharField(read_only=True)
    sex = serializers.ChoiceField(choices=Sex.choices, read_only=True)
    birth_date = serializers.DateField(read_only=True, allow_null=True, help_text=MASKED_HELP)
    birth_place = serializers.CharField(read_only=True, allow_null=True, help_text=MASKED_HELP)
    phone = serializers.CharField(read_only=True, allow_null=True, help_text=MASKED_HELP)
    email = serializers.CharField(read_only=True, allow_null=True, help_text=MASKED_HELP)
    personal_data_masked = serializers.SerializerMethodField(
        help_text=_("True when birth date, birth place, phone and email are withheld from this caller.")
    )
    rank = serializers.CharField(source="rank.code", read_only=True)
    education_level = serializers.ChoiceField(choices=EducationLevel.choices, read_only=True)
    education_field = serializers.CharField(read_only=True)
    agency = AgencyRefSerializer(read_only=True)
    position = PositionRefSerializer(read_only=True, allow_null=True)
    position_start_date = serializers.DateField(read_only=True, allow_null=True)
    status = serializers.ChoiceField(choices=EmployeeStatus.choices, read_only=True)
    home_regency = serializers.CharField(read_only=True)

    def _may_see_personal_data(self, employee: Employee) -> bool:
        request = self.context.get("request")
        if request is None:
            return False
        return can_see_personal_data(request.user, agency_id=employee.agency_id, employee_id=employee.pk)

    def get_personal_data_masked(self, employee: Employee) -> bool:
        return not self._may_see_personal_data(employee)

    def to_representation(self, instance):
        data = super().to_representation(instance)
        if data["personal_data_masked"]:
            for name in PERSONAL_FIELDS:
                data[name] = None
        return data


class PositionHistorySerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=PositionChangeKind.choices, read_only=True)
    position = PositionRefSerializer(read_only=True, allow_null=True)
    agency = AgencyRefSerializer(read_only=True)
    rank = serializers.CharField(source="rank.code", read_only=True)
    start_date = serializers.DateField(read_only=True)
    reference = serializers.CharField(read_only=True)


class InterestSerializer(serializers.Serializer):
    preference = serializers.IntegerField(read_only=True, help_text=_("1 is the first choice."))
    position_class = serializers.ChoiceField(choices=PositionClass.choices, allow_blank=True, read_only=True)
    field = serializers.CharField(read_only=True)
    agency = AgencyRefSerializer(read_only=True, allow_null=True)


class RatingSerializer(serializers.Serializer):
    year = serializers.IntegerField(read_only=True)
    rating = serializers.ChoiceField(choices=PerformanceLevel.choices, read_only=True)


class EmployeeDetailSerializer(EmployeeSerializer):
    interest_note = serializers.CharField(read_only=True)
    history = PositionHistorySerializer(many=True, read_only=True)
    interests = InterestSerializer(many=True, read_only=True)
    ratings = RatingSerializer(many=True, read_only=True)


class InterestsOutputSerializer(serializers.Serializer):
    interests = InterestSerializer(many=True, read_only=True)
    note = serializers.CharField(read_only=True)


# --- input serializers -----------------------------------------------------------------


def _position_field(**kwargs):
    return CodeRelatedField(
        queryset=Position.objects.select_related("agency"),
        scope=scoped_positions,
        error_messages={
            "does_not_exist": _("Unknown position “{value}”."),
            "invalid": _("Enter a position code."),
        },
        **kwargs,
    )


class EmployeeFieldsSerializer(serializers.Serializer):
    full_name = serializers.CharField(max_length=200)
    sex = serializers.ChoiceField(choices=Sex.choices)
    birth_date = serializers.DateField()
    birth_place = serializers.CharField(max_length=100, allow_blank=True, required=False)
    education_level = serializers.ChoiceField(choices=EducationLevel.choices)
    education_field = serializers.CharField(max_length=120, allow_blank=True, required=False)
    status = serializers.ChoiceField(choices=EmployeeStatus.choices, required=False)
    phone = serializers.CharField(max_length=32, allow_blank=True, required=False)
    email = serializers.EmailField(max_length=254, allow_blank=True, required=False)
    home_regency = serializers.CharField(max_length=100, allow_blank=True, required=False)
    interest_note = serializers.CharField(max_length=2000, allow_blank=True, required=False)


# Fields a client may expect to change here but that have their own workflow; naming
# them is refused rather than silently ignored.
FIXED_ON_UPDATE = {
    "nip": _("The NIP never changes."),
    "employment_type": _("The employment type never changes."),
    "agency": _("Changed by a transfer, not here."),
    "position": _("Changed by a transfer, not here."),
    "position_start_date": _("Changed by a transfer, not here."),
    "rank": _("Changed by a promotion, not here."),
}


class EmployeeUpdateSerializer(EmployeeFieldsSerializer):
    def validate(self, attrs):
        given = self.initial_data if isinstance(self.initial_data, dict) else {}
        errors = {name: [message] for name, message in FIXED_ON_UPDATE.items() if name in given}
        if errors:
            raise serializers.ValidationError(errors)
        return attrs


class EmployeeCreateSerializer(EmployeeFieldsSerializer):
    nip = serializers.CharField(
        max_length=32, help_text=_("18 digits; spaces and dots between the groups are ignored.")
    )
    employment_type = serializers.ChoiceField(choices=EmploymentType.choices)
    rank = CodeRelatedField(
        queryset=Rank.objects.all(),
        error_messages=RANK_CODE_ERRORS,
        help_text=_("Golongan/ruang (e.g. III/a) for a PNS, grade (e.g. IX) for a PPPK."),
    )
    agency = CodeRelatedField(
        queryset=Agency.objects.all(),
        scope=scoped_agencies,
        required=False,
        error_messages=AGENCY_CODE_ERRORS,
        help_text=_("Agency code; may be left out when a position is given."),
    )
    position = _position_field(required=False, allow_null=True)
    position_start_date = serializers.DateField(required=False, allow_null=True)

    def validate(self, attrs):
        if not attrs.get("agency") and not attrs.get("position"):
            raise serializers.ValidationError({"agency": [gettext("Give the agency or a position.")]})
        return attrs


class TransferInputSerializer(serializers.Serializer):
    position = _position_field(help_text=_("Code of the position the employee moves to."))
    start_date = serializers.DateField()
    reference = serializers.CharField(
        max_length=120, allow_blank=True, required=False, help_text=_("Decree (SK) reference.")
    )


class InterestInputSerializer(serializers.Serializer):
    position_class = serializers.ChoiceField(choices=PositionClass.choices, allow_blank=True, required=False)
    field = serializers.CharField(max_length=120, allow_blank=True, required=False)
    agency = CodeRelatedField(
        queryset=Agency.objects.all(),
        required=False,
        allow_null=True,
        error_messages=AGENCY_CODE_ERRORS,
    )


class InterestsInputSerializer(serializers.Serializer):
    interests = InterestInputSerializer(
        many=True,
        max_length=services.MAX_INTERESTS,
        help_text=_("In order of preference; replaces the stated interests. An empty list clears them."),
    )
    note = serializers.CharField(max_length=2000, allow_blank=True, required=False)


class RatingInputSerializer(serializers.Serializer):
    rating = serializers.ChoiceField(choices=PerformanceLevel.choices)


# --- filters ---------------------------------------------------------------------------


class EmployeeFilter(filters.FilterSet):
    agency = filters.CharFilter(field_name="agency__code", help_text=_("Agency code."))
    position = filters.CharFilter(field_name="position__code", help_text=_("Position code."))
    position_class = filters.ChoiceFilter(
        field_name="position__position_class", choices=PositionClass.choices
    )
    rank = filters.CharFilter(field_name="rank__code", help_text=_("Rank code."))
    status = filters.ChoiceFilter(choices=EmployeeStatus.choices)
    employment_type = filters.ChoiceFilter(choices=EmploymentType.choices)

    class Meta:
        model = Employee
        fields = ["agency", "position", "position_class", "rank", "status", "employment_type"]


# --- views -----------------------------------------------------------------------------

NIP_PARAMETER = OpenApiParameter(
    "nip", OpenApiTypes.STR, OpenApiParameter.PATH, description=_("NIP or PPPK number.")
)
YEAR_PARAMETER = OpenApiParameter(
    "year",
    OpenApiTypes.INT,
    OpenApiParameter.PATH,
    description=_("Rating year, 2000–2100."),
)


class EmployeeViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    schema = PenataAutoSchema()
    parser_classes = [JSONParser]
    permission_classes = [MasterDataPermission]
    serializer_class = EmployeeSerializer
    lookup_field = "nip"
    lookup_value_regex = LOOKUP_VALUE_REGEX
    filterset_class = EmployeeFilter
    search_fields = ["nip", "full_name"]
    ordering_fields = ["full_name", "nip"]

    def get_queryset(self):
        return employee_list_visible_to(user=self.request.user)

    def get_permissions(self):
        if self.action == "interests":
            # Employees state their own interests; the view checks whose record it is.
            return [IsStaffRole()]
        return super().get_permissions()

    def get_object(self) -> Employee:
        nip = normalize_nip(self.kwargs["nip"])
        try:
            if self.action == "retrieve":
                return employee_detail_visible_to(user=self.request.user, nip=nip)
            return self.get_queryset().get(nip=nip)
        except Employee.DoesNotExist:
            raise NotFound() from None

    def _detail(self, employee: Employee, *, status_code=status.HTTP_200_OK) -> Response:
        employee = employee_detail_visible_to(user=self.request.user, nip=employee.nip)
        return Response(
            EmployeeDetailSerializer(employee, context=self.get_serializer_context()).data, status=status_code
        )

    @extend_schema(summary=_("List employees"), description=PERSONAL_DATA_NOTE)
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(
        summary=_("An employee, with position history, interests and ratings"),
        description=PERSONAL_DATA_NOTE,
        responses=EmployeeDetailSerializer,
        parameters=[NIP_PARAMETER],
    )
    def retrieve(self, request, nip=None):
        employee = self.get_object()
        return Response(EmployeeDetailSerializer(employee, context=self.get_serializer_context()).data)

    @extend_schema(
        summary=_("Create an employee"),
        request=EmployeeCreateSerializer,
        responses={201: EmployeeDetailSerializer},
    )
    def create(self, request):
        data = EmployeeCreateSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        agency_id = values["agency"].pk if values.get("agency") else values["position"].agency_id
        require_agency_manager(request.user, agency_id)
        employee = services.employee_create(actor=request.user, **values)
        return self._detail(employee, status_code=status.HTTP_201_CREATED)

    @extend_schema(
        summary=_("Change an employee's data"),
        description=_(
            "Position, agency and rank change through transfer and promotion, not here; "
            "the NIP never changes."
        ),
        request=EmployeeUpdateSerializer(partial=True),
        responses={200: EmployeeDetailSerializer},
        parameters=[NIP_PARAMETER],
    )
    def partial_update(self, request, nip=None):
        employee = self.get_object()
        require_agency_manager(request.user, employee.agency_id)
        data = EmployeeUpdateSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        employee = services.employee_update(employee=employee, actor=request.user, **data.validated_data)
        return self._detail(employee)

    @extend_schema(
        summary=_("Transfer an employee to another position"),
        request=TransferInputSerializer,
        responses={200: EmployeeDetailSerializer},
        parameters=[NIP_PARAMETER],
    )
    @action(detail=True, methods=["post"])
    def transfer(self, request, nip=None):
        employee = self.get_object()
        require_agency_manager(request.user, employee.agency_id)
        data = TransferInputSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        position = data.validated_data["position"]
        require_agency_manager(request.user, position.agency_id)
        employee = services.employee_transfer(
            employee=employee,
            position=position,
            start_date=data.validated_data["start_date"],
            reference=data.validated_data.get("reference", ""),
            actor=request.user,
        )
        return self._detail(employee)

    @extend_schema(
        summary=_("Replace an employee's placement interests"),
        description=_("The employee themself or an administrator of their agency."),
        request=InterestsInputSerializer,
        responses={200: InterestsOutputSerializer},
        parameters=[NIP_PARAMETER],
    )
    @action(detail=True, methods=["put"])
    def interests(self, request, nip=None):
        employee = self.get_object()
        if request.user.employee_id != employee.pk and not can_manage_agency(
            request.user, employee.agency_id
        ):
            raise PermissionDenied(_("Only the employee or an administrator of their agency may do this."))
        data = InterestsInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        rows = services.employee_interests_set(
            employee=employee,
            interests=[dict(item) for item in data.validated_data["interests"]],
            note=data.validated_data.get("note"),
            actor=request.user,
        )
        employee.refresh_from_db(fields=["interest_note"])
        return Response(InterestsOutputSerializer({"interests": rows, "note": employee.interest_note}).data)

    @extend_schema(
        summary=_("Set an employee's performance rating for a year"),
        request=RatingInputSerializer,
        responses={200: RatingSerializer},
        parameters=[NIP_PARAMETER, YEAR_PARAMETER],
    )
    @action(detail=True, methods=["put"], url_path=r"ratings/(?P<year>[0-9]+)", url_name="rating")
    def ratings(self, request, nip=None, year=None):
        employee = self.get_object()
        require_agency_manager(request.user, employee.agency_id)
        # The length check keeps int() away from arbitrarily long digit strings.
        year_value = int(year) if len(year) <= 4 else 0
        if not RATING_YEAR_MIN <= year_value <= RATING_YEAR_MAX:
            raise field_error(
                "year",
                gettext("Enter a year from %(low)s to %(high)s.")
                % {"low": RATING_YEAR_MIN, "high": RATING_YEAR_MAX},
            )
        data = RatingInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        row = services.performance_rating_set(
            employee=employee, year=year_value, rating=data.validated_data["rating"], actor=request.user
        )
        return Response(RatingSerializer(row).data)
