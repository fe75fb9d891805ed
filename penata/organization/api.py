"""REST API for agencies, units, positions and public services.

Reads are scoped by ``penata.accounts.scoping``; a record outside the caller's scope
answers 404. Writes go through ``organization.services``: a role that may not write at
all gets 403 whatever the target, an agency administrator gets 404 for another agency's
record and 400 (unknown value) when pointing a new record at another agency.

Agencies and units are read-only here: they follow the regional regulation on the
organization of the apparatus (Perda/Pergub SOTK) and change through the agency loader
and the admin site, not through day-to-day clients.
"""

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import mixins, permissions, serializers, status, viewsets
from rest_framework.exceptions import PermissionDenied
from rest_framework.parsers import JSONParser
from rest_framework.response import Response

from penata.accounts.models import Role
from penata.accounts.scoping import can_manage_agency, filter_by_scope, scope_of
from penata.core.api import (
    LOOKUP_VALUE_REGEX,
    MAX_ID,
    CodeRelatedField,
    IdRelatedField,
    IsStaffRole,
    StaffOrPublicRead,
)
from penata.core.api_schema import PenataAutoSchema

from . import services
from .models import Agency, AgencyKind, EducationLevel, Position, PositionClass, PublicService, Rank, Unit
from .selectors import (
    agency_list_visible_to,
    position_list_visible_to,
    position_list_with_vacancies,
    public_service_list,
    unit_list_visible_to,
)

MAX_EDUCATION_FIELDS = 20
MAX_HEADCOUNT = 10_000
MAX_FEE = 10**14 - 1  # PublicService.fee has 14 digits

# --- who may write ---------------------------------------------------------------------

MASTER_DATA_ROLES = frozenset({Role.PROVINCE_ADMIN, Role.AGENCY_ADMIN})


def may_write_master_data(user) -> bool:
    """The roles that keep positions, services and employees (each within its scope)."""
    return bool(user and user.is_authenticated and (user.is_superuser or user.role in MASTER_DATA_ROLES))


class MasterDataPermission(IsStaffRole):
    """Staff read; province and agency administrators write (the view checks the agency)."""

    def has_permission(self, request, view) -> bool:
        if not super().has_permission(request, view):
            return False
        return request.method in permissions.SAFE_METHODS or may_write_master_data(request.user)


class PublicReadMasterDataPermission(StaffOrPublicRead):
    def has_permission(self, request, view) -> bool:
        if request.method in permissions.SAFE_METHODS:
            return True
        return super().has_permission(request, view) and may_write_master_data(request.user)


def require_agency_manager(user, agency_id: int | None) -> None:
    if not can_manage_agency(user, agency_id):
        raise PermissionDenied(_("You may not change this agency's data."))


def scoped_agencies(queryset: QuerySet, user) -> QuerySet:
    scope = scope_of(user)
    if scope.all_agencies:
        return queryset
    return queryset.filter(pk__in=scope.agency_ids)


def scoped_units(queryset: QuerySet, user) -> QuerySet:
    return filter_by_scope(queryset, user=user)


def scoped_positions(queryset: QuerySet, user) -> QuerySet:
    return filter_by_scope(queryset, user=user)


# --- output serializers ----------------------------------------------------------------


class AgencyRefSerializer(serializers.Serializer):
    code = serializers.CharField(read_only=True)
    name = serializers.CharField(read_only=True)


class UnitRefSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    code = serializers.CharField(read_only=True)
    name = serializers.CharField(read_only=True)


class AgencySerializer(serializers.Serializer):
    code = serializers.CharField(read_only=True)
    name = serializers.CharField(read_only=True)
    kind = serializers.ChoiceField(choices=AgencyKind.choices, read_only=True)
    parent = serializers.CharField(source="parent.code", read_only=True, allow_null=True)
    serves_public = serializers.BooleanField(read_only=True)


class UnitSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    code = serializers.CharField(read_only=True)
    name = serializers.CharField(read_only=True)
    agency = AgencyRefSerializer(read_only=True)
    parent = serializers.IntegerField(source="parent_id", read_only=True, allow_null=True)


class PositionSerializer(serializers.Serializer):
    code = serializers.CharField(read_only=True)
    title = serializers.CharField(read_only=True)
    position_class = serializers.ChoiceField(choices=PositionClass.choices, read_only=True)
    agency = AgencyRefSerializer(read_only=True)
    unit = UnitRefSerializer(read_only=True)
    min_rank = serializers.CharField(source="min_rank.code", read_only=True, allow_null=True)
    max_rank = serializers.CharField(source="max_rank.code", read_only=True, allow_null=True)
    required_education_level = serializers.ChoiceField(
        choices=EducationLevel.choices, allow_blank=True, read_only=True
    )
    required_education_fields = serializers.ListField(child=serializers.CharField(), read_only=True)
    headcount_needed = serializers.IntegerField(read_only=True)
    filled = serializers.IntegerField(
        read_only=True, help_text=_("Seats taken by active or on-leave holders.")
    )
    vacancies = serializers.IntegerField(
        read_only=True, help_text=_("Headcount needed minus filled seats, never below 0.")
    )


# Internal components of the service standard (Permen PANRB 15/2014, "manufacturing"):
# staff see them, the public catalogue shows null.
SERVICE_INTERNAL_FIELDS = (
    "legal_basis",
    "facilities",
    "staff_competence",
    "internal_supervision",
    "staff_count",
    "service_guarantee",
    "security_guarantee",
    "performance_evaluation",
    "yearly_users",
)

_INTERNAL_HELP = _("Internal component; null for callers without a staff role.")


class PublicServiceSerializer(serializers.Serializer):
    code = serializers.CharField(read_only=True)
    name = serializers.CharField(read_only=True)
    agency = AgencyRefSerializer(read_only=True)
    unit = UnitRefSerializer(read_only=True, allow_null=True)
    description = serializers.CharField(read_only=True)
    requirements = serializers.CharField(read_only=True)
    procedure = serializers.CharField(read_only=True)
    completion_days = serializers.IntegerField(read_only=True, help_text=_("Working days."))
    fee = serializers.IntegerField(read_only=True, help_text=_("Rupiah."))
    product = serializers.CharField(read_only=True)
    complaint_handling = serializers.CharField(read_only=True)
    is_active = serializers.BooleanField(read_only=True)
    legal_basis = serializers.CharField(read_only=True, allow_null=True, help_text=_INTERNAL_HELP)
    facilities = serializers.CharField(read_only=True, allow_null=True, help_text=_INTERNAL_HELP)
    staff_competence = serializers.CharField(read_only=True, allow_null=True, help_text=_INTERNAL_HELP)
    internal_supervision = serializers.CharField(read_only=True, allow_null=True, help_text=_INTERNAL_HELP)
    staff_count = serializers.IntegerField(read_only=True, allow_null=True, help_text=_INTERNAL_HELP)
    service_guarantee = serializers.CharField(read_only=True, allow_null=True, help_text=_INTERNAL_HELP)
    security_guarantee = serializers.CharField(read_only=True, allow_null=True, help_text=_INTERNAL_HELP)
    performance_evaluation = serializers.CharField(read_only=True, allow_null=True, help_text=_INTERNAL_HELP)
    yearly_users = serializers.IntegerField(read_only=True, allow_null=True, help_text=_INTERNAL_HELP)

    def to_representation(self, instance):
        data = super().to_representation(instance)
        if not self.context.get("show_internal", False):
            for name in SERVICE_INTERNAL_FIELDS:
                data[name] = None
        return data


# --- input serializers -----------------------------------------------------------------


AGENCY_CODE_ERRORS = {"does_not_exist": _("Unknown agency “{value}”."), "invalid": _("Enter an agency code.")}
RANK_CODE_ERRORS = {"does_not_exist": _("Unknown rank “{value}”."), "invalid": _("Enter a rank code.")}


def _rank_field():
    return CodeRelatedField(
        queryset=Rank.objects.all(),
        required=False,
        allow_null=True,
        error_messages=RANK_CODE_ERRORS,
    )


class PositionWriteSerializer(serializers.Serializer):
    code = serializers.CharField(max_length=64)
    title = serializers.CharField(max_length=200)
    position_class = serializers.ChoiceField(choices=PositionClass.choices)
    unit = IdRelatedField(
        queryset=Unit.objects.select_related("agency"),
        scope=scoped_units,
        help_text=_("Unit id; the position belongs to the unit's agency."),
        error_messages={
            "does_not_exist": _("Unknown unit “{pk_value}”."),
            "incorrect_type": _("Enter a unit id."),
        },
    )
    min_rank = _rank_field()
    max_rank = _rank_field()
    required_education_level = serializers.ChoiceField(
        choices=EducationLevel.choices, allow_blank=True, required=False
    )
    required_education_fields = serializers.ListField(
        child=serializers.CharField(max_length=120),
        max_length=MAX_EDUCATION_FIELDS,
        required=False,
    )
    headcount_needed = serializers.IntegerField(min_value=0, max_value=MAX_HEADCOUNT, required=False)


class PublicServiceUpdateSerializer(serializers.Serializer):
    unit = IdRelatedField(
        queryset=Unit.objects.all(),
        scope=scoped_units,
        required=False,
        allow_null=True,
        error_messages={
            "does_not_exist": _("Unknown unit “{pk_value}”."),
            "incorrect_type": _("Enter a unit id."),
        },
    )
    code = serializers.CharField(max_length=48)
    name = serializers.CharField(max_length=200)
    description = serializers.CharField(allow_blank=True, required=False, max_length=10_000)
    requirements = serializers.CharField(allow_blank=True, required=False, max_length=10_000)
    procedure = serializers.CharField(allow_blank=True, required=False, max_length=10_000)
    completion_days = serializers.IntegerField(min_value=0, max_value=365, required=False)
    fee = serializers.IntegerField(min_value=0, max_value=MAX_FEE, required=False, help_text=_("Rupiah."))
    product = serializers.CharField(allow_blank=True, required=False, max_length=10_000)
    complaint_handling = serializers.CharField(allow_blank=True, required=False, max_length=10_000)
    legal_basis = serializers.CharField(allow_blank=True, required=False, max_length=10_000)
    facilities = serializers.CharField(allow_blank=True, required=False, max_length=10_000)
    staff_competence = serializers.CharField(allow_blank=True, required=False, max_length=10_000)
    internal_supervision = serializers.CharField(allow_blank=True, required=False, max_length=10_000)
    staff_count = serializers.IntegerField(min_value=0, max_value=32_767, required=False)
    service_guarantee = serializers.CharField(allow_blank=True, required=False, max_length=10_000)
    security_guarantee = serializers.CharField(allow_blank=True, required=False, max_length=10_000)
    performance_evaluation = serializers.CharField(allow_blank=True, required=False, max_length=10_000)
    yearly_users = serializers.IntegerField(min_value=0, max_value=2_147_483_647, required=False)
    is_active = serializers.BooleanField(required=False)


class PublicServiceCreateSerializer(PublicServiceUpdateSerializer):
    agency = CodeRelatedField(
        queryset=Agency.objects.all(),
        scope=scoped_agencies,
        error_messages={
            "does_not_exist": _("Unknown agency “{value}”."),
            "invalid": _("Enter an agency code."),
        },
    )


# --- filters ---------------------------------------------------------------------------


@extend_schema_field(OpenApiTypes.INT)
class IdFilter(filters.NumberFilter):
    """A whole-number id; anything else is a 400 on the parameter, never a database error."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(*args, **kwargs)


class AgencyFilter(filters.FilterSet):
    kind = filters.ChoiceFilter(choices=AgencyKind.choices)
    parent = filters.CharFilter(field_name="parent__code", help_text=_("Parent agency code."))
    serves_public = filters.BooleanFilter()

    class Meta:
        model = Agency
        fields = ["kind", "parent", "serves_public"]


class UnitFilter(filters.FilterSet):
    agency = filters.CharFilter(field_name="agency__code", help_text=_("Agency code."))

    class Meta:
        model = Unit
        fields = ["agency"]


class PositionFilter(filters.FilterSet):
    agency = filters.CharFilter(field_name="agency__code", help_text=_("Agency code."))
    unit = IdFilter(field_name="unit_id", help_text=_("Unit id."))
    position_class = filters.ChoiceFilter(choices=PositionClass.choices)
    has_vacancies = filters.BooleanFilter(method="filter_has_vacancies", help_text=_("Has a free seat."))

    class Meta:
        model = Position
        fields = ["agency", "unit", "position_class", "has_vacancies"]

    def filter_has_vacancies(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.filter(vacancies__gt=0) if value else queryset.filter(vacancies=0)


class PublicServiceFilter(filters.FilterSet):
    agency = filters.CharFilter(field_name="agency__code", help_text=_("Agency code."))
    is_active = filters.BooleanFilter()

    class Meta:
        model = PublicService
        fields = ["agency", "is_active"]


# --- views -----------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(summary=_("List agencies")),
    retrieve=extend_schema(summary=_("An agency")),
)
class AgencyViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    schema = PenataAutoSchema()
    parser_classes = [JSONParser]
    permission_classes = [IsStaffRole]
    serializer_class = AgencySerializer
    lookup_field = "code"
    lookup_value_regex = LOOKUP_VALUE_REGEX
    filterset_class = AgencyFilter
    search_fields = ["code", "name"]
    ordering_fields = ["code", "name"]

    def get_queryset(self):
        return agency_list_visible_to(user=self.request.user)


@extend_schema_view(
    list=extend_schema(summary=_("List units")),
    retrieve=extend_schema(summary=_("A unit")),
)
class UnitViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    schema = PenataAutoSchema()
    parser_classes = [JSONParser]
    permission_classes = [IsStaffRole]
    serializer_class = UnitSerializer
    filterset_class = UnitFilter
    search_fields = ["code", "name"]
    ordering_fields = ["code", "name"]

    def get_queryset(self):
        return unit_list_visible_to(user=self.request.user)


class PositionViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    schema = PenataAutoSchema()
    parser_classes = [JSONParser]
    permission_classes = [MasterDataPermission]
    serializer_class = PositionSerializer
    lookup_field = "code"
    lookup_value_regex = LOOKUP_VALUE_REGEX
    filterset_class = PositionFilter
    search_fields = ["code", "title"]
    ordering_fields = ["code", "title", "vacancies"]

    def get_queryset(self):
        # A grouped (annotated) query drops Meta.ordering, so the order is explicit.
        return position_list_visible_to(user=self.request.user).order_by("agency__code", "code")

    def _output(self, position: Position, *, status_code=status.HTTP_200_OK) -> Response:
        annotated = position_list_with_vacancies().get(pk=position.pk)
        return Response(PositionSerializer(annotated).data, status=status_code)

    @extend_schema(
        summary=_("List positions with filled seats and vacancies"),
    )
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(summary=_("A position"))
    def retrieve(self, request, *args, **kwargs):
        return super().retrieve(request, *args, **kwargs)

    @extend_schema(
        summary=_("Create a position"),
        request=PositionWriteSerializer,
        responses={201: PositionSerializer},
    )
    def create(self, request):
        data = PositionWriteSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        require_agency_manager(request.user, data.validated_data["unit"].agency_id)
        position = services.position_create(actor=request.user, **data.validated_data)
        return self._output(position, status_code=status.HTTP_201_CREATED)

    @extend_schema(
        summary=_("Change a position"),
        request=PositionWriteSerializer(partial=True),
        responses={200: PositionSerializer},
    )
    def partial_update(self, request, code=None):
        position = self.get_object()
        require_agency_manager(request.user, position.agency_id)
        data = PositionWriteSerializer(data=request.data, partial=True, context={"request": request})
        data.is_valid(raise_exception=True)
        position = services.position_update(position=position, actor=request.user, **data.validated_data)
        return self._output(position)


class PublicServiceViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """The service catalogue is public; internal components only reach staff."""

    schema = PenataAutoSchema()
    parser_classes = [JSONParser]
    public_read = True
    permission_classes = [PublicReadMasterDataPermission]
    serializer_class = PublicServiceSerializer
    lookup_field = "code"
    lookup_value_regex = LOOKUP_VALUE_REGEX
    filterset_class = PublicServiceFilter
    search_fields = ["code", "name"]
    ordering_fields = ["code", "name"]

    def _is_staff(self) -> bool:
        return IsStaffRole().has_permission(self.request, self)

    def get_queryset(self):
        queryset = public_service_list()
        if not self._is_staff():
            queryset = queryset.filter(is_active=True)
        return queryset

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "show_internal": self._is_staff()}

    def _output(self, service: PublicService, *, status_code=status.HTTP_200_OK) -> Response:
        service = public_service_list().get(pk=service.pk)
        return Response(
            PublicServiceSerializer(service, context={"show_internal": True}).data, status=status_code
        )

    @extend_schema(summary=_("List public services (public catalogue)"))
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(summary=_("A public service and its standard"))
    def retrieve(self, request, *args, **kwargs):
        return super().retrieve(request, *args, **kwargs)

    @extend_schema(
        summary=_("Create a public service"),
        request=PublicServiceCreateSerializer,
        responses={201: PublicServiceSerializer},
    )
    def create(self, request):
        data = PublicServiceCreateSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        agency = values.pop("agency")
        require_agency_manager(request.user, agency.pk)
        service = services.public_service_create(agency=agency, actor=request.user, **values)
        return self._output(service, status_code=status.HTTP_201_CREATED)

    @extend_schema(
        summary=_("Change a public service"),
        request=PublicServiceUpdateSerializer(partial=True),
        responses={200: PublicServiceSerializer},
    )
    def partial_update(self, request, code=None):
        service = self.get_object()
        require_agency_manager(request.user, service.agency_id)
        data = PublicServiceUpdateSerializer(data=request.data, partial=True, context={"request": request})
        data.is_valid(raise_exception=True)
        service = services.public_service_update(service=service, actor=request.user, **data.validated_data)
        return self._output(service)
