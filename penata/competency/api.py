"""REST API for competencies: the dictionary, position standards, assessments, job–person
match (JPM) and the talent nine-box.

Reads are scoped like the workforce API: an employee or position outside the caller's
scope answers 404, a position named in a query or body outside it reads as unknown (400
on the field). The dictionary itself (managerial, sociocultural and every agency's
technical competencies) is reference data every staff role reads. Writes go through
``competency.services`` and are checked with ``competency.permissions``.
"""

from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal

from django.core.validators import RegexValidator
from django.db.models import Max, QuerySet
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.exceptions import NotFound
from rest_framework.parsers import JSONParser
from rest_framework.response import Response
from rest_framework.views import APIView

from penata.accounts.scoping import filter_by_scope, scope_of
from penata.core.api import (
    LOOKUP_VALUE_REGEX,
    MAX_ID,
    NON_FIELD,
    CodeRelatedField,
    ErrorSerializer,
    IsStaffRole,
    field_error,
)
from penata.core.api_schema import PenataAutoSchema
from penata.core.errors import PermissionDenied as ApplicationPermissionDenied
from penata.organization.api import (
    AGENCY_CODE_ERRORS,
    AgencyRefSerializer,
    MasterDataPermission,
    require_agency_manager,
    scoped_agencies,
)
from penata.organization.models import Agency, Position
from penata.workforce.api import NIP_PARAMETER, RATING_YEAR_MAX, RATING_YEAR_MIN
from penata.workforce.models import Employee, EmployeeStatus, PerformanceLevel, PerformanceRating
from penata.workforce.nip import normalize_nip
from penata.workforce.selectors import employee_list_visible_to

from . import jpm as jpm_rules
from . import ninebox, permissions, selectors, services
from .models import Assessment, AssessmentMethod, Competency, CompetencyKind, PositionStandard

MAX_STANDARD_ROWS = 100
MAX_INDICATORS = 20
RESERVED_PREFIXES = ("M.", "SK.")
MATCH_METHODS = ("jpm", "profile_matching")
JPM_CATEGORIES = (jpm_rules.OPTIMAL, jpm_rules.FAIRLY_OPTIMAL, jpm_rules.LESS_OPTIMAL)


def _choices(values) -> dict:
    """An enum inlined under ``allOf``: the schema's enum post-processing names choice sets by
    field name, and ``kind`` or ``method`` already name other choice sets in other apps."""
    return {"allOf": [{"type": "string", "enum": list(values)}]}


def inline_choices(base: type, values, name: str, *, nullable: bool = False) -> type:
    """A subclass of ``base`` documented with an inline enum (``null`` one of its values
    when ``nullable``, as OpenAPI 3.0 wants for an enum that admits null)."""
    schema = _choices([*values, None] if nullable else values)
    if nullable:
        schema["allOf"][0]["nullable"] = True
    return extend_schema_field(schema)(type(name, (base,), {}))


KindField = inline_choices(serializers.ChoiceField, CompetencyKind.values, "KindField")
AssessmentMethodField = inline_choices(
    serializers.ChoiceField, AssessmentMethod.values, "AssessmentMethodField"
)
MatchMethodField = inline_choices(serializers.ChoiceField, MATCH_METHODS, "MatchMethodField")
PerformanceField = inline_choices(serializers.ChoiceField, PerformanceLevel.values, "PerformanceField")
CategoryField = inline_choices(serializers.CharField, JPM_CATEGORIES, "CategoryField", nullable=True)


def level_field(**kwargs) -> serializers.IntegerField:
    message = _("A level is a whole number from 1 to 5.")
    return serializers.IntegerField(
        min_value=1,
        max_value=5,
        error_messages={"invalid": message, "min_value": message, "max_value": message},
        **kwargs,
    )


def round2(value: float | None) -> float | None:
    """Half-up to 2 decimals, the number shown beside the category."""
    if value is None:
        return None
    return float(Decimal(repr(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


# --- lookups ---------------------------------------------------------------------------


def visible_employee(user, nip: str) -> Employee:
    """An employee whose competency data the user may see; anything else reads as unknown."""
    try:
        employee = employee_list_visible_to(user=user).get(nip=normalize_nip(nip))
    except Employee.DoesNotExist:
        raise NotFound() from None
    if not permissions.can_see_competencies(user, employee):
        raise NotFound()
    return employee


def visible_positions(user) -> QuerySet[Position]:
    return filter_by_scope(Position.objects.select_related("agency"), user=user)


def visible_position(user, code: str) -> Position:
    try:
        return visible_positions(user).get(code=code)
    except Position.DoesNotExist:
        raise NotFound() from None


CODE_PARAMETER = OpenApiParameter(
    "code", OpenApiTypes.STR, OpenApiParameter.PATH, description=_("Position code.")
)

# --- the dictionary ----------------------------------------------------------------------


class CompetencyLevelSerializer(serializers.Serializer):
    level = level_field()
    title = serializers.CharField(max_length=200)
    indicators = serializers.ListField(
        child=serializers.CharField(max_length=1000), max_length=MAX_INDICATORS, required=False
    )


class CompetencySerializer(serializers.Serializer):
    code = serializers.CharField(read_only=True)
    name = serializers.CharField(read_only=True)
    kind = KindField(choices=CompetencyKind.choices, read_only=True)
    agency = AgencyRefSerializer(read_only=True, allow_null=True, help_text=_("Technical competencies only."))
    is_active = serializers.BooleanField(read_only=True)


class CompetencyDetailSerializer(CompetencySerializer):
    description = serializers.CharField(read_only=True)
    levels = CompetencyLevelSerializer(many=True, read_only=True)


class CompetencyUpdateSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    description = serializers.CharField(max_length=10_000, allow_blank=True, required=False)
    levels = CompetencyLevelSerializer(
        many=True,
        max_length=5,
        required=False,
        help_text=_("Empty, or the five levels 1 to 5 in order, each with a title and indicators."),
    )
    is_active = serializers.BooleanField(required=False)

    def validate_levels(self, levels):
        # In a PATCH the rows are parsed partially too, so a row may lack its level or title.
        if levels and (
            any("level" not in row or "title" not in row for row in levels)
            or [row["level"] for row in levels] != [1, 2, 3, 4, 5]
        ):
            raise serializers.ValidationError(
                gettext("Give the five levels 1 to 5 in order, each with a title and a list of indicators.")
            )
        return [
            {"level": row["level"], "title": row["title"], "indicators": list(row.get("indicators", []))}
            for row in levels
        ]


class CompetencyCreateSerializer(CompetencyUpdateSerializer):
    is_active = None  # a new competency is active
    agency = CodeRelatedField(
        queryset=Agency.objects.all(),
        scope=scoped_agencies,
        error_messages=AGENCY_CODE_ERRORS,
        help_text=_("Code of the agency whose field the competency belongs to."),
    )
    code = serializers.CharField(
        max_length=24,
        validators=[
            RegexValidator(
                r"^[A-Za-z0-9][A-Za-z0-9._-]*\Z",
                _("Letters, digits, dots, hyphens and underscores only, starting with a letter or digit."),
            )
        ],
        help_text=_("Stored in capitals, e.g. T.DISDUK.01."),
    )

    def validate_code(self, code: str) -> str:
        code = code.upper()
        if code.startswith(RESERVED_PREFIXES):
            raise serializers.ValidationError(
                gettext("Codes starting with M. or SK. belong to the regulation's dictionary.")
            )
        return code


class CompetencyFilter(filters.FilterSet):
    kind = filters.ChoiceFilter(choices=CompetencyKind.choices)
    agency = filters.CharFilter(
        field_name="agency__code", help_text=_("Agency code (technical competencies).")
    )
    is_active = filters.BooleanFilter()

    class Meta:
        model = Competency
        fields = ["kind", "agency", "is_active"]


class CompetencyViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Every staff role reads the dictionary; province and agency administrators add and
    change their agencies' technical competencies. M.01–M.08 and SK.01 follow Permen
    PANRB 38/2017 and are not changed here."""

    schema = PenataAutoSchema()
    parser_classes = [JSONParser]
    permission_classes = [MasterDataPermission]
    serializer_class = CompetencySerializer
    lookup_field = "code"
    lookup_value_regex = LOOKUP_VALUE_REGEX
    filterset_class = CompetencyFilter
    search_fields = ["code", "name"]
    ordering_fields = ["code", "name"]

    def get_queryset(self):
        return Competency.objects.select_related("agency").order_by("kind", "code")

    def _detail(self, competency: Competency, *, status_code=status.HTTP_200_OK) -> Response:
        return Response(CompetencyDetailSerializer(competency).data, status=status_code)

    @extend_schema(summary=_("List competencies (the dictionary and technical competencies)"))
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(
        summary=_("A competency with its levels and indicators"), responses=CompetencyDetailSerializer
    )
    def retrieve(self, request, code=None):
        return self._detail(self.get_object())

    @extend_schema(
        summary=_("Create a technical competency"),
        request=CompetencyCreateSerializer,
        responses={201: CompetencyDetailSerializer},
    )
    def create(self, request):
        data = CompetencyCreateSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        require_agency_manager(request.user, values["agency"].pk)
        competency = services.competency_technical_create(actor=request.user, **values)
        return self._detail(competency, status_code=status.HTTP_201_CREATED)

    @extend_schema(
        summary=_("Change a technical competency"),
        description=_("Dictionary entries (M.01–M.08, SK.01) answer 403 with code `dictionary_fixed`."),
        request=CompetencyUpdateSerializer(partial=True),
        responses={200: CompetencyDetailSerializer},
    )
    def partial_update(self, request, code=None):
        competency = self.get_object()
        if competency.kind != CompetencyKind.TECHNICAL:
            raise ApplicationPermissionDenied(
                gettext("The regulation's dictionary is fixed; only technical competencies are changed."),
                code="dictionary_fixed",
            )
        require_agency_manager(request.user, competency.agency_id)
        data = CompetencyUpdateSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        competency = services.competency_technical_update(
            competency=competency, actor=request.user, **data.validated_data
        )
        return self._detail(competency)


# --- position standards ----------------------------------------------------------------


class StandardRowSerializer(serializers.Serializer):
    competency = serializers.CharField(read_only=True, source="competency.code")
    name = serializers.CharField(read_only=True, source="competency.name")
    kind = KindField(choices=CompetencyKind.choices, read_only=True, source="competency.kind")
    required_level = serializers.IntegerField(read_only=True)
    is_core = serializers.BooleanField(read_only=True, help_text=_("Core factor for Profile Matching."))


class StandardSerializer(serializers.Serializer):
    position = serializers.CharField(read_only=True, help_text=_("Position code."))
    competencies = StandardRowSerializer(many=True, read_only=True)


class StandardRowInputSerializer(serializers.Serializer):
    competency = serializers.CharField(max_length=24, trim_whitespace=False, help_text=_("Competency code."))
    required_level = level_field()
    is_core = serializers.BooleanField(
        default=True, help_text=_("Core (true) or secondary factor for Profile Matching.")
    )


def _code_of(value) -> str | None:
    # As the row's CharField reads it: numbers become text, anything else is its own error.
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return value if isinstance(value, str) else None


def _row_errors(listed) -> dict[int, dict] | None:
    """The list's per-row errors as {index: {field: errors}}; None when the list as a whole
    is wrong (not a list, too long), so rows are not checked further."""
    if listed is None:
        return {}
    if isinstance(listed, Mapping) and all(isinstance(key, int) for key in listed):
        rows = listed.items()
    elif isinstance(listed, list) and all(isinstance(item, (Mapping, list)) for item in listed):
        rows = enumerate(listed)
    else:
        return None
    # A row that is not an object has a list of messages for itself.
    return {
        index: dict(value) if isinstance(value, Mapping) else {NON_FIELD: list(value)}
        for index, value in rows
        if value
    }


class StandardInputSerializer(serializers.Serializer):
    competencies = StandardRowInputSerializer(
        many=True,
        max_length=MAX_STANDARD_ROWS,
        allow_empty=True,
        help_text=_("Replaces the whole standard; each competency once. An empty list clears it."),
    )

    def to_internal_value(self, data):
        """Shape errors and reference errors (unknown, another agency's, listed twice) are
        reported together, per row: ``competencies[2].competency``."""
        try:
            attrs, errors = super().to_internal_value(data), {}
        except serializers.ValidationError as exc:
            attrs, errors = None, dict(exc.detail)
        raw = data.get("competencies") if isinstance(data, Mapping) else None
        row_errors = _row_errors(errors.get("competencies"))
        if isinstance(raw, list) and len(raw) <= MAX_STANDARD_ROWS and row_errors is not None:
            for index, message in self._reference_errors(raw).items():
                row_errors.setdefault(index, {}).setdefault("competency", []).append(message)
            if row_errors:
                errors["competencies"] = dict(sorted(row_errors.items()))
        if errors:
            raise serializers.ValidationError(errors)
        return attrs

    def _reference_errors(self, rows: list) -> dict[int, str]:
        codes = [_code_of(r.get("competency")) if isinstance(r, Mapping) else None for r in rows]
        wanted = {c for c in codes if isinstance(c, str) and c and len(c) <= 24 and "\x00" not in c}
        known = {c.code: c for c in Competency.objects.filter(code__in=wanted, is_active=True)}
        position = self.context["position"]
        errors: dict[int, str] = {}
        first_row: dict[str, int] = {}
        for index, code in enumerate(codes):
            if code not in wanted:
                continue
            if code in first_row:
                errors[index] = gettext("%(code)s is listed twice (row %(row)s).") % {
                    "code": code,
                    "row": first_row[code] + 1,
                }
                continue
            first_row[code] = index
            competency = known.get(code)
            if competency is None:
                errors[index] = gettext("Unknown competency “%(code)s”.") % {"code": code}
            elif competency.kind == CompetencyKind.TECHNICAL and competency.agency_id != position.agency_id:
                errors[index] = gettext("%(code)s is a technical competency of another agency.") % {
                    "code": code
                }
        return errors


class ClassDefaultsInputSerializer(serializers.Serializer):
    overwrite = serializers.BooleanField(
        default=False, help_text=_("Replace a standard the position already has.")
    )


class ClassDefaultsOutputSerializer(StandardSerializer):
    applied = serializers.BooleanField(
        read_only=True, help_text=_("False when the position kept the standard it had.")
    )


def standard_body(position: Position) -> dict:
    rows = PositionStandard.objects.filter(position=position).select_related("competency")
    return {"position": position.code, "competencies": list(rows.order_by("competency__code"))}


class _StandardBaseView(APIView):
    schema = PenataAutoSchema()
    parser_classes = [JSONParser]
    permission_classes = [MasterDataPermission]

    def _position_to_change(self, request, code: str) -> Position:
        position = visible_position(request.user, code)
        if not permissions.can_set_standard(request.user, position):
            raise ApplicationPermissionDenied(gettext("You may not change this agency's data."))
        return position


class PositionStandardView(_StandardBaseView):
    """A position's competency standard: required levels and core factors."""

    @extend_schema(
        summary=_("A position's competency standard"),
        responses=StandardSerializer,
        parameters=[CODE_PARAMETER],
    )
    def get(self, request, code: str):
        position = visible_position(request.user, code)
        return Response(StandardSerializer(standard_body(position)).data)

    @extend_schema(
        summary=_("Replace a position's competency standard"),
        description=_(
            "Levels 1–5; each competency once; technical competencies of the position's own "
            "agency only. Errors name the row: `competencies[2].required_level`."
        ),
        request=StandardInputSerializer,
        responses=StandardSerializer,
        parameters=[CODE_PARAMETER],
    )
    def put(self, request, code: str):
        position = self._position_to_change(request, code)
        data = StandardInputSerializer(data=request.data, context={"position": position})
        data.is_valid(raise_exception=True)
        services.position_standard_set(
            position=position,
            requirements={
                row["competency"]: (row["required_level"], row["is_core"])
                for row in data.validated_data["competencies"]
            },
            actor=request.user,
        )
        return Response(StandardSerializer(standard_body(position)).data)


class PositionStandardClassDefaultsView(_StandardBaseView):
    @extend_schema(
        summary=_("Give a position the levels its class commonly needs"),
        description=_(
            "M.01–M.08 and SK.01 at the managerial level commonly applied to the position's "
            "class (seed data, editable afterwards). A position that has a standard keeps it "
            "unless `overwrite` is true."
        ),
        request=ClassDefaultsInputSerializer,
        responses=ClassDefaultsOutputSerializer,
        parameters=[CODE_PARAMETER],
    )
    def post(self, request, code: str):
        position = self._position_to_change(request, code)
        data = ClassDefaultsInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        done = services.position_standards_apply_class_defaults(
            positions=[position], actor=request.user, overwrite=data.validated_data["overwrite"]
        )
        body = {**standard_body(position), "applied": done == 1}
        return Response(ClassDefaultsOutputSerializer(body).data)


# --- assessments -----------------------------------------------------------------------


class AssessmentSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    competency = serializers.CharField(read_only=True, source="competency.code")
    competency_name = serializers.CharField(read_only=True, source="competency.name")
    level = serializers.IntegerField(read_only=True)
    assessed_on = serializers.DateField(read_only=True)
    method = AssessmentMethodField(choices=AssessmentMethod.choices, read_only=True)
    assessor_name = serializers.CharField(read_only=True, help_text=_("Assessor as recorded."))
    recorded_by = serializers.CharField(
        read_only=True, source="assessor.full_name", allow_null=True, help_text=_("Who entered it.")
    )
    is_valid = serializers.BooleanField(read_only=True)
    counts = serializers.SerializerMethodField(
        help_text=_(
            "True for the assessment in force for JPM: the latest valid one of its competency "
            "that is not a self-assessment. Self-assessments never count."
        )
    )
    note = serializers.CharField(read_only=True)

    def get_counts(self, assessment: Assessment) -> bool:
        return assessment.pk in self.context["counting"]


class AssessmentInputSerializer(serializers.Serializer):
    competency = CodeRelatedField(
        queryset=Competency.objects.filter(is_active=True),
        error_messages={
            "does_not_exist": _("Unknown competency “{value}”."),
            "invalid": _("Enter a competency code."),
        },
    )
    level = level_field()
    assessed_on = serializers.DateField()
    method = AssessmentMethodField(choices=AssessmentMethod.choices)
    assessor_name = serializers.CharField(max_length=200, allow_blank=True, required=False)
    note = serializers.CharField(max_length=2000, allow_blank=True, required=False)

    def validate_assessed_on(self, value):
        if value > timezone.localdate():
            raise serializers.ValidationError(gettext("The assessment date is in the future."))
        return value


class AssessmentFilter(filters.FilterSet):
    competency = filters.CharFilter(field_name="competency__code", help_text=_("Competency code."))
    method = filters.ChoiceFilter(choices=AssessmentMethod.choices)

    class Meta:
        model = Assessment
        fields = ["competency", "method"]


class EmployeeAssessmentViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """``/employees/<nip>/assessments/``: an employee's assessment history and new records."""

    schema = PenataAutoSchema()
    parser_classes = [JSONParser]
    permission_classes = [IsStaffRole]
    serializer_class = AssessmentSerializer
    filter_backends = [filters.DjangoFilterBackend]
    filterset_class = AssessmentFilter

    def employee(self) -> Employee:
        if not hasattr(self, "_employee"):
            self._employee = visible_employee(self.request.user, self.kwargs["nip"])
        return self._employee

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Assessment.objects.none()
        return (
            Assessment.objects.filter(employee=self.employee())
            .select_related("competency", "assessor")
            .order_by("-assessed_on", "-id")
        )

    def get_serializer_context(self):
        context = super().get_serializer_context()
        if not getattr(self, "swagger_fake_view", False):
            context["counting"] = selectors.counting_assessment_ids(employee=self.employee())
        return context

    @extend_schema(
        summary=_("An employee's competency assessments, newest first"),
        description=_("Self-assessments are listed with `counts` false."),
        parameters=[NIP_PARAMETER],
    )
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(
        summary=_("Record a competency assessment"),
        description=_(
            "Province administrators and training managers record for anyone, an agency "
            "administrator for their agency; an employee records only a self-assessment of "
            "their own (method `self`), which never counts for JPM."
        ),
        request=AssessmentInputSerializer,
        responses={201: AssessmentSerializer},
        parameters=[NIP_PARAMETER],
    )
    def create(self, request, *args, **kwargs):
        employee = self.employee()
        if not any(permissions.can_record_assessment(request.user, employee, m) for m in AssessmentMethod):
            raise ApplicationPermissionDenied(gettext("You may not record assessments for this employee."))
        data = AssessmentInputSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        if not permissions.can_record_assessment(request.user, employee, data.validated_data["method"]):
            raise ApplicationPermissionDenied(
                gettext("You may not record an assessment of this method for this employee.")
            )
        assessment = services.assessment_record(employee=employee, actor=request.user, **data.validated_data)
        body = AssessmentSerializer(
            assessment, context={"counting": selectors.counting_assessment_ids(employee=employee)}
        )
        return Response(body.data, status=status.HTTP_201_CREATED)


REASON_MAX_LENGTH = 1000
ASSESSMENT_ID_PARAMETER = OpenApiParameter(
    "id", OpenApiTypes.INT, OpenApiParameter.PATH, description=_("Assessment id (from the history).")
)


class AssessmentInvalidateInputSerializer(serializers.Serializer):
    reason = serializers.CharField(
        max_length=REASON_MAX_LENGTH,
        error_messages={
            "required": _("Say why the assessment is invalid."),
            "blank": _("Say why the assessment is invalid."),
        },
        help_text=_("Why the assessment was entered in error; kept in the audit trail."),
    )


class EmployeeAssessmentInvalidateView(APIView):
    """``/employees/<nip>/assessments/<id>/invalidate/``: mark one entered in error invalid."""

    schema = PenataAutoSchema()
    parser_classes = [JSONParser]
    permission_classes = [IsStaffRole]

    @extend_schema(
        summary=_("Mark a competency assessment invalid"),
        description=_(
            "For an assessment entered in error: it stays in the history with `is_valid` false "
            "and the previous valid one of its competency counts again. Allowed to whoever may "
            "record an assessment of its method for the employee (the employee themself for "
            "their own self-assessment). Already invalid: 409 `invalid_transition`."
        ),
        request=AssessmentInvalidateInputSerializer,
        responses={
            200: AssessmentSerializer,
            409: OpenApiResponse(ErrorSerializer, description=_("Already marked invalid.")),
        },
        parameters=[NIP_PARAMETER, ASSESSMENT_ID_PARAMETER],
    )
    def post(self, request, nip: str, id: str):
        employee = visible_employee(request.user, nip)
        pk = int(id) if len(id) <= len(str(MAX_ID)) else 0
        assessment = None
        if 1 <= pk <= MAX_ID:
            assessment = Assessment.objects.filter(pk=pk, employee=employee).first()
        if assessment is None:
            raise NotFound()
        if not permissions.can_record_assessment(request.user, employee, assessment.method):
            raise ApplicationPermissionDenied(gettext("You may not mark this assessment invalid."))
        data = AssessmentInvalidateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        assessment = services.assessment_invalidate(
            assessment=assessment, reason=data.validated_data["reason"], actor=request.user
        )
        body = AssessmentSerializer(
            assessment, context={"counting": selectors.counting_assessment_ids(employee=employee)}
        )
        return Response(body.data)


# --- job–person match ------------------------------------------------------------------


class GapSerializer(serializers.Serializer):
    competency = serializers.CharField(read_only=True)
    required = serializers.IntegerField(read_only=True)
    level = serializers.IntegerField(read_only=True, help_text=_("0 when never assessed."))
    gap = serializers.IntegerField(read_only=True, help_text=_("Level minus required."))


class JobMatchSerializer(serializers.Serializer):
    position = serializers.CharField(read_only=True, help_text=_("Position code."))
    jpm = serializers.FloatField(
        read_only=True,
        help_text=_(
            "With method `jpm`: the job–person match in percent (0–100, 2 decimals). With "
            "`profile_matching`: the Profile Matching score (1–5, 2 decimals)."
        ),
    )
    category = CategoryField(
        read_only=True,
        allow_null=True,
        help_text=_(
            "JPM category (≥ 90 optimal, ≥ 78 fairly optimal by default); null for Profile Matching."
        ),
    )
    method = MatchMethodField(choices=MATCH_METHODS, read_only=True)
    gaps = GapSerializer(many=True, read_only=True, help_text=_("Largest shortfall first."))


class JobMatchQuerySerializer(serializers.Serializer):
    position = serializers.CharField(
        required=False,
        max_length=64,
        help_text=_("Position code; the employee's own position when left out."),
    )
    method = MatchMethodField(choices=MATCH_METHODS, default="jpm")


class EmployeeJobMatchView(APIView):
    schema = PenataAutoSchema()
    permission_classes = [IsStaffRole]

    @extend_schema(
        summary=_("Job–person match of an employee against a position, with the gaps"),
        description=_(
            "JPM = 100 × Σ min(level, required) / Σ required over the position's standard, from "
            "the latest valid assessment of each competency (self-assessments never count). "
            "A position without a standard answers 400 with code `no_standard`."
        ),
        parameters=[NIP_PARAMETER, JobMatchQuerySerializer],
        responses=JobMatchSerializer,
    )
    def get(self, request, nip: str):
        employee = visible_employee(request.user, nip)
        query = JobMatchQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        position = None
        code = query.validated_data.get("position")
        if code is not None:
            position = Position.objects.filter(code=code).first() if "\x00" not in code else None
            # The position the employee holds is visible with the employee; others by scope.
            if position is None or (
                position.pk != employee.position_id
                and not scope_of(request.user).allows_agency(position.agency_id)
            ):
                raise field_error(
                    "position", gettext("Unknown position “%(code)s”.") % {"code": code.replace("\x00", "")}
                )
        match = selectors.job_match(
            employee=employee, position=position, method=query.validated_data["method"]
        )
        body = {
            "position": match["position"].code,
            "jpm": round2(match["score"]),
            "category": match["category"],
            "method": match["method"],
            "gaps": [
                {"competency": g.competency, "required": g.required, "level": g.level, "gap": g.gap}
                for g in match["gaps"]
            ],
        }
        return Response(JobMatchSerializer(body).data)


# --- talent nine-box -------------------------------------------------------------------


PotentialField = inline_choices(serializers.CharField, ninebox.POTENTIAL_LEVELS, "PotentialField")


class TalentBoxSerializer(serializers.Serializer):
    year = serializers.IntegerField(read_only=True)
    performance = PerformanceField(choices=PerformanceLevel.choices, read_only=True)
    potential = PotentialField(read_only=True)
    box = serializers.IntegerField(read_only=True, min_value=1, max_value=9)
    actions = serializers.ListField(
        child=serializers.CharField(),
        read_only=True,
        help_text=_("Recommended actions as stable codes (Permen PANRB 3/2020), e.g. `succession_pool`."),
    )
    jpm = serializers.FloatField(read_only=True, help_text=_("JPM against the held position, in percent."))


def year_param(request, name: str = "year") -> int | None:
    raw = request.query_params.get(name)
    if raw is None or raw == "":
        return None
    value = int(raw) if raw.isascii() and raw.isdigit() and len(raw) <= 4 else 0
    if not RATING_YEAR_MIN <= value <= RATING_YEAR_MAX:
        raise field_error(
            name,
            gettext("Enter a year from %(low)s to %(high)s.")
            % {"low": RATING_YEAR_MIN, "high": RATING_YEAR_MAX},
        )
    return value


def rated_year(request, ratings: QuerySet[PerformanceRating], *, no_rating: str | None = None) -> int:
    """The ``year`` query parameter, else the latest year among ``ratings``; ``NoRating`` when
    there is none (with ``no_rating`` as its message, when given)."""
    year = year_param(request)
    if year is None:
        year = ratings.aggregate(latest=Max("year"))["latest"]
        if year is None:
            raise selectors.NoRating(no_rating)
    return year


YEAR_QUERY = OpenApiParameter(
    "year",
    OpenApiTypes.INT,
    OpenApiParameter.QUERY,
    required=False,
    description=_("Rating year, 2000–2100; the latest rated year when left out."),
)


class EmployeeTalentBoxView(APIView):
    schema = PenataAutoSchema()
    permission_classes = [IsStaffRole]

    @extend_schema(
        summary=_("An employee's talent nine-box placement for a year"),
        description=_(
            "Performance from the year's rating, potential from JPM against the held position. "
            "Without a rating: 400 `no_rating`; without a standard: 400 `no_standard`. Seen by "
            "province administrators, leaders, the employee's agency administrator and (when "
            "the setting allows) the employee."
        ),
        parameters=[NIP_PARAMETER, YEAR_QUERY],
        responses=TalentBoxSerializer,
    )
    def get(self, request, nip: str):
        employee = visible_employee(request.user, nip)
        if not permissions.can_see_talent_box(request.user, employee):
            raise ApplicationPermissionDenied(gettext("You may not see this employee's talent box."))
        year = rated_year(request, PerformanceRating.objects.filter(employee=employee))
        placement = selectors.talent_box(employee=employee, year=year)
        body = {
            "year": placement.year,
            "performance": placement.performance,
            "potential": placement.potential,
            "box": placement.box,
            "actions": list(placement.actions),
            "jpm": round2(placement.jpm),
        }
        return Response(TalentBoxSerializer(body).data)


class BoxCountSerializer(serializers.Serializer):
    box = serializers.IntegerField(read_only=True)
    count = serializers.IntegerField(read_only=True)


class TalentGridSerializer(serializers.Serializer):
    year = serializers.IntegerField(read_only=True)
    agency = serializers.CharField(read_only=True, allow_null=True, help_text=_("Null: the whole scope."))
    counts = BoxCountSerializer(many=True, read_only=True, help_text=_("Boxes 1 to 9."))
    placed = serializers.IntegerField(read_only=True)
    unrated = serializers.IntegerField(
        read_only=True, help_text=_("Active staff without a rating that year.")
    )
    no_standard = serializers.IntegerField(
        read_only=True, help_text=_("Rated, but no position or no standard to compute potential.")
    )


class TalentGridView(APIView):
    schema = PenataAutoSchema()
    permission_classes = [IsStaffRole]

    @extend_schema(
        summary=_("How many active staff sit in each talent box"),
        description=_(
            "Province administrators and leaders see the province or one agency; agency "
            "administrators their agency (and its sub-agencies)."
        ),
        parameters=[
            OpenApiParameter(
                "agency",
                OpenApiTypes.STR,
                OpenApiParameter.QUERY,
                required=False,
                description=_("Agency code; the whole scope when left out."),
            ),
            YEAR_QUERY,
        ],
        responses=TalentGridSerializer,
    )
    def get(self, request):
        if not permissions.can_see_talent_grid(request.user):
            raise ApplicationPermissionDenied(gettext("You may not see the talent grid."))
        employees = employee_list_visible_to(user=request.user).filter(status=EmployeeStatus.ACTIVE)
        code = request.query_params.get("agency")
        agency = None
        if code:
            agency = None
            if "\x00" not in code:
                agency = scoped_agencies(Agency.objects.all(), request.user).filter(code=code).first()
            if agency is None:
                raise field_error(
                    "agency", gettext("Unknown agency “%(code)s”.") % {"code": code[:64].replace("\x00", "")}
                )
            employees = employees.filter(agency=agency)
        year = rated_year(
            request,
            PerformanceRating.objects.filter(employee__in=employees.values("pk")),
            no_rating=gettext("No performance ratings yet for these staff."),
        )
        grid = selectors.talent_grid(employees=employees.order_by(), year=year)
        body = {
            "year": year,
            "agency": agency.code if agency else None,
            "counts": [{"box": box, "count": count} for box, count in grid.counts.items()],
            "placed": len(grid.placements),
            "unrated": len(grid.unrated),
            "no_standard": len(grid.no_standard),
        }
        return Response(TalentGridSerializer(body).data)
