"""Staff REST API of the complaints app, under ``/api/v1/complaints/``.

Who: complaint verifiers, complaint officers, agency administrators and province
administrators (and superusers); every other signed-in caller (citizens, employees,
leaders, training managers) gets 403, an anonymous one 401. Citizens follow their own
reports on the status page, not here. Reads are scoped by ``complaint_list_visible_to``: a
verifier or province administrator sees every report, an officer or agency administrator
their agency's (and its sub-agencies'); a report outside the scope answers 404.

Reporter identity: a public report's name, email and phone are given to these staff
roles (the agency needs them to follow up); an anonymous report has none; a confidential
report's identity is never in the API, not even for the verifier (``reporter`` null and
``reporter_withheld`` true): the verifier reveals it on the report's page, where each view
is logged. The history never names a reporter who acted on their own report.

Transitions (``POST <tracking code>/<action>/``) each call one service of
``services/transitions.py``, which checks the role and the allowed-transitions table:
403 ``permission_denied`` for a role that may not act, 409 ``invalid_transition`` for an
action the report's status does not allow, 400 for bad input.

Route suggestions (``POST route-suggestions/``): the routing model's top 3, for the
complaint roles and the province administrator.
"""

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import mixins, permissions, serializers, viewsets
from rest_framework.exceptions import NotFound
from rest_framework.filters import OrderingFilter
from rest_framework.parsers import JSONParser
from rest_framework.response import Response
from rest_framework.views import APIView

from penata.accounts.models import STAFF_ROLES, Role
from penata.core.api import MAX_ID, CodeRelatedField, ErrorSerializer, field_error
from penata.core.api_schema import PenataAutoSchema
from penata.core.events import events_for
from penata.organization.api import AGENCY_CODE_ERRORS, AgencyRefSerializer
from penata.organization.models import Agency

from .models import (
    DESCRIPTION_MAX_LENGTH,
    Channel,
    Complaint,
    ComplaintKind,
    ComplaintStatus,
    Privacy,
    Step,
)
from .selectors import complaint_list_visible_to
from .services import transitions
from .services.routing import route_suggestions
from .tracking import tracking_code_normalize

COMPLAINT_API_ROLES = frozenset(
    {Role.PROVINCE_ADMIN, Role.AGENCY_ADMIN, Role.COMPLAINT_VERIFIER, Role.COMPLAINT_OFFICER}
)
ROUTING_API_ROLES = frozenset({Role.PROVINCE_ADMIN, Role.COMPLAINT_VERIFIER, Role.COMPLAINT_OFFICER})
SUMMARY_LENGTH = 160
TEXT_MAX_LENGTH = DESCRIPTION_MAX_LENGTH
OFFICER_ROLES = (Role.COMPLAINT_OFFICER, Role.AGENCY_ADMIN)
DETAIL_RELATED = ("category", "agency", "assigned_to", "public_service")


# --- permissions -----------------------------------------------------------------------


class ComplaintStaffPermission(permissions.BasePermission):
    roles = COMPLAINT_API_ROLES
    message = _("This part of the API is for complaint verifiers, complaint officers and administrators.")

    def has_permission(self, request, view) -> bool:
        user = request.user
        return bool(user and user.is_authenticated and (user.is_superuser or user.role in self.roles))


class RoutingPermission(ComplaintStaffPermission):
    roles = ROUTING_API_ROLES
    message = _(
        "Route suggestions are for complaint verifiers, complaint officers and province administrators."
    )


# --- schema helpers ----------------------------------------------------------------------


def _inline_choices(base: type, values, name: str, *, nullable: bool = False) -> type:
    """A field documented with an inline enum: ``status``, ``kind`` and ``privacy`` already
    name other choice sets in other apps, and the schema must not merge them."""
    schema = {"type": "string", "enum": [*values, None] if nullable else list(values)}
    if nullable:
        schema["nullable"] = True
    return extend_schema_field({"allOf": [schema]})(type(name, (base,), {}))


StatusField = _inline_choices(serializers.ChoiceField, ComplaintStatus.values, "ComplaintStatusField")
KindField = _inline_choices(serializers.ChoiceField, ComplaintKind.values, "ComplaintKindField")
PrivacyField = _inline_choices(serializers.ChoiceField, Privacy.values, "ComplaintPrivacyField")
ChannelField = _inline_choices(serializers.ChoiceField, Channel.values, "ComplaintChannelField")
STEP_SCHEMA = {"allOf": [{"type": "string", "enum": [*Step.values, None], "nullable": True}]}

CODE_PARAMETER = OpenApiParameter(
    "tracking_code",
    OpenApiTypes.STR,
    OpenApiParameter.PATH,
    description=_("Tracking code, e.g. LPR-7K3M-Q9XA (case, spaces and dashes do not matter)."),
)


# --- output ------------------------------------------------------------------------------


class CategoryRefSerializer(serializers.Serializer):
    code = serializers.CharField(read_only=True)
    name = serializers.CharField(read_only=True)


class OfficerRefSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    username = serializers.CharField(read_only=True)
    full_name = serializers.CharField(read_only=True)


class ReporterSerializer(serializers.Serializer):
    name = serializers.CharField(read_only=True, source="reporter_name")
    email = serializers.CharField(read_only=True, source="reporter_email")
    phone = serializers.CharField(read_only=True, source="reporter_phone")


class ComplaintSerializer(serializers.Serializer):
    tracking_code = serializers.CharField(read_only=True)
    kind = KindField(choices=ComplaintKind.choices, read_only=True)
    category = CategoryRefSerializer(read_only=True)
    status = StatusField(choices=ComplaintStatus.choices, read_only=True)
    privacy = PrivacyField(choices=Privacy.choices, read_only=True)
    summary = serializers.SerializerMethodField(
        help_text=_("The beginning of the description (at most 160 characters).")
    )
    agency = AgencyRefSerializer(read_only=True, allow_null=True, help_text=_("Responsible agency."))
    assigned_to = OfficerRefSerializer(read_only=True, allow_null=True)
    submitted_at = serializers.DateTimeField(read_only=True)
    step = serializers.SerializerMethodField(help_text=_("The step whose clock runs; null when none does."))
    step_due_at = serializers.DateTimeField(read_only=True, allow_null=True)
    is_overdue = serializers.SerializerMethodField(help_text=_("The running step is past its deadline."))
    kecamatan = serializers.CharField(read_only=True)
    kelurahan = serializers.CharField(read_only=True)

    def get_summary(self, complaint: Complaint) -> str:
        text = " ".join(complaint.description.split())
        return text if len(text) <= SUMMARY_LENGTH else text[: SUMMARY_LENGTH - 1] + "…"

    @extend_schema_field(STEP_SCHEMA)
    def get_step(self, complaint: Complaint) -> str | None:
        return complaint.step or None

    def get_is_overdue(self, complaint: Complaint) -> bool:
        now = self.context.get("now") or timezone.now()
        return complaint.step_due_at is not None and complaint.step_due_at < now


class HistorySerializer(serializers.Serializer):
    action = serializers.CharField(read_only=True, help_text=_("e.g. complaint.dispatch"))
    at = serializers.DateTimeField(read_only=True, source="created_at")
    actor = serializers.SerializerMethodField(
        help_text=_("Full name of the staff member who acted; null for the reporter and the system.")
    )
    from_state = serializers.JSONField(read_only=True, allow_null=True)
    to_state = serializers.JSONField(read_only=True, allow_null=True)
    note = serializers.CharField(read_only=True)

    def get_actor(self, event) -> str | None:
        actor = event.actor
        if actor is None or actor.pk == self.context["reporter_id"] or actor.role not in STAFF_ROLES:
            return None
        return actor.full_name or actor.username


class ComplaintDetailSerializer(ComplaintSerializer):
    description = serializers.CharField(read_only=True)
    additional_information = serializers.CharField(
        read_only=True, help_text=_("What the reporter added when asked for more information.")
    )
    public_service = CategoryRefSerializer(read_only=True, allow_null=True)
    latitude = serializers.DecimalField(max_digits=9, decimal_places=6, read_only=True, allow_null=True)
    longitude = serializers.DecimalField(max_digits=9, decimal_places=6, read_only=True, allow_null=True)
    address = serializers.CharField(read_only=True)
    service_date = serializers.DateField(read_only=True, allow_null=True)
    is_late_filing = serializers.BooleanField(read_only=True)
    channel = ChannelField(choices=Channel.choices, read_only=True)
    step_started_at = serializers.DateTimeField(read_only=True, allow_null=True)
    reopen_count = serializers.IntegerField(read_only=True)
    answer = serializers.CharField(read_only=True)
    answered_at = serializers.DateTimeField(read_only=True, allow_null=True)
    closed_at = serializers.DateTimeField(read_only=True, allow_null=True)
    reporter = serializers.SerializerMethodField(
        help_text=_("A public report's reporter; null for anonymous and confidential reports.")
    )
    reporter_withheld = serializers.SerializerMethodField(
        help_text=_(
            "True for a confidential report: its reporter is known but never given by the API; "
            "the verifier reveals it on the report's page, and each view is logged."
        )
    )
    history = serializers.SerializerMethodField(help_text=_("Every recorded step, oldest first."))

    @extend_schema_field(ReporterSerializer(allow_null=True))
    def get_reporter(self, complaint: Complaint) -> dict | None:
        if complaint.privacy != Privacy.PUBLIC:
            return None
        return ReporterSerializer(complaint).data

    def get_reporter_withheld(self, complaint: Complaint) -> bool:
        return complaint.privacy == Privacy.CONFIDENTIAL

    @extend_schema_field(HistorySerializer(many=True))
    def get_history(self, complaint: Complaint) -> list[dict]:
        events = events_for(subject=complaint).order_by("created_at", "id")
        return HistorySerializer(events, many=True, context={"reporter_id": complaint.reporter_id}).data


# --- list and detail -----------------------------------------------------------------------


class ComplaintFilter(filters.FilterSet):
    status = filters.ChoiceFilter(choices=ComplaintStatus.choices)
    kind = filters.ChoiceFilter(choices=ComplaintKind.choices)
    privacy = filters.ChoiceFilter(choices=Privacy.choices)
    category = filters.CharFilter(field_name="category__code", help_text=_("Category code."))
    agency = filters.CharFilter(field_name="agency__code", help_text=_("Code of the responsible agency."))
    overdue = filters.BooleanFilter(
        method="filter_overdue", help_text=_("True: the running step is past its deadline; false: it is not.")
    )
    assigned_to_me = filters.BooleanFilter(
        method="filter_assigned_to_me", help_text=_("True: assigned to the caller; false: everything else.")
    )

    class Meta:
        model = Complaint
        fields = ["status", "kind", "privacy", "category", "agency", "overdue", "assigned_to_me"]

    @extend_schema_field(OpenApiTypes.BOOL)
    def filter_overdue(self, queryset: QuerySet, name: str, value: bool | None) -> QuerySet:
        if value is None:
            return queryset
        late = Q(step_due_at__lt=timezone.now())
        return queryset.filter(late) if value else queryset.exclude(late)

    @extend_schema_field(OpenApiTypes.BOOL)
    def filter_assigned_to_me(self, queryset: QuerySet, name: str, value: bool | None) -> QuerySet:
        if value is None:
            return queryset
        mine = Q(assigned_to_id=self.request.user.pk)
        return queryset.filter(mine) if value else queryset.exclude(mine)


class StableOrderingFilter(OrderingFilter):
    """Ties (many reports share a deadline) broken by id, so pages never overlap."""

    def get_ordering(self, request, queryset, view):
        ordering = list(super().get_ordering(request, queryset, view) or [])
        if not any(field.lstrip("-") == "id" for field in ordering):
            ordering.append("-id" if ordering and ordering[0].startswith("-") else "id")
        return ordering


def visible_complaint(user, code: str) -> Complaint:
    """The report with this tracking code if the user may see it; anything else reads as unknown."""
    normalized = tracking_code_normalize(code)
    if normalized is None:
        raise NotFound()
    complaint = complaint_list_visible_to(user=user).filter(tracking_code=normalized).first()
    if complaint is None:
        raise NotFound()
    return complaint


class ComplaintViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """``/complaints/`` and ``/complaints/<tracking code>/``."""

    schema = PenataAutoSchema()
    parser_classes = [JSONParser]
    permission_classes = [ComplaintStaffPermission]
    serializer_class = ComplaintSerializer
    filter_backends = [filters.DjangoFilterBackend, StableOrderingFilter]
    filterset_class = ComplaintFilter
    ordering_fields = ["submitted_at", "step_due_at"]
    ordering = ["-submitted_at", "-id"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Complaint.objects.none()
        return complaint_list_visible_to(user=self.request.user)

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "now": timezone.now()}

    @extend_schema(
        summary=_("Reports the caller may handle, newest first"),
        description=_(
            "A verifier or province administrator sees every report, an officer or agency "
            "administrator their agency's. Filters: status, kind, privacy, category, agency, "
            "overdue, assigned_to_me; `ordering` by submitted_at or step_due_at."
        ),
    )
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(
        summary=_("A report with its history"),
        description=_(
            "404 outside the caller's scope. The reporter is given for public reports only; a "
            "confidential report's identity is never in the API (`reporter_withheld`)."
        ),
        responses=ComplaintDetailSerializer,
        parameters=[CODE_PARAMETER],
    )
    def retrieve(self, request, tracking_code: str):
        complaint = visible_complaint(request.user, tracking_code)
        return Response(ComplaintDetailSerializer(complaint, context=self.get_serializer_context()).data)


# --- transitions -------------------------------------------------------------------------


def _text_field(message, help_text) -> serializers.CharField:
    return serializers.CharField(
        max_length=TEXT_MAX_LENGTH,
        error_messages={"required": message, "blank": message, "null": message},
        help_text=help_text,
    )


def _agency_field(help_text) -> CodeRelatedField:
    return CodeRelatedField(
        queryset=Agency.objects.all(), error_messages=AGENCY_CODE_ERRORS, help_text=help_text
    )


class DispatchInputSerializer(serializers.Serializer):
    agency = _agency_field(_("Code of the agency that handles the report."))


class RequestInfoInputSerializer(serializers.Serializer):
    question = _text_field(_("Ask the reporter a question."), _("What the reporter is asked; sent to them."))


class ReasonInputSerializer(serializers.Serializer):
    reason = _text_field(_("Give a reason."), _("Why; shown to the reporter and kept in the history."))


class AssignInputSerializer(serializers.Serializer):
    officer = serializers.CharField(
        max_length=150,
        error_messages={"required": _("Choose an officer."), "blank": _("Choose an officer.")},
        help_text=_("The officer's user id or username (an officer or administrator of the agency)."),
    )


class AnswerInputSerializer(serializers.Serializer):
    answer = _text_field(_("Write the answer."), _("The agency's answer to the reporter."))


class ReferInputSerializer(serializers.Serializer):
    agency = _agency_field(_("Code of the agency the report is referred to."))
    reason = _text_field(_("Give a reason."), _("Why the report goes to that agency."))


class PrivacyInputSerializer(serializers.Serializer):
    privacy = PrivacyField(
        choices=Privacy.choices,
        error_messages={"invalid_choice": _("Choose public, anonymous or confidential.")},
        help_text=_("Only tighter than now: public → anonymous → confidential."),
    )


def _officer(value: str):
    """An active officer or agency administrator by id or username; unknown reads as a 400."""
    users = get_user_model().objects.filter(is_active=True, role__in=OFFICER_ROLES)
    value = value.strip()
    found = None
    if value.isascii() and value.isdigit() and len(value) <= len(str(MAX_ID)) and 1 <= int(value) <= MAX_ID:
        found = users.filter(pk=int(value)).first()
    if found is None and "\x00" not in value:
        found = users.filter(username=value).first()
    if found is None:
        raise field_error("officer", gettext("Unknown officer “%(value)s”.") % {"value": value})
    return found


TRANSITION_ERRORS = {
    403: OpenApiResponse(
        ErrorSerializer, description=_("The caller's role may not do this (permission_denied).")
    ),
    409: OpenApiResponse(
        ErrorSerializer, description=_("Not allowed from the report's current status (invalid_transition).")
    ),
}


class _TransitionView(APIView):
    schema = PenataAutoSchema()
    parser_classes = [JSONParser]
    permission_classes = [ComplaintStaffPermission]
    input_serializer: type[serializers.Serializer]

    def perform(self, complaint: Complaint, data: dict, user) -> Complaint:
        raise NotImplementedError

    def post(self, request, tracking_code: str):
        complaint = visible_complaint(request.user, tracking_code)
        data = self.input_serializer(data=request.data)
        data.is_valid(raise_exception=True)
        complaint = self.perform(complaint, data.validated_data, request.user)
        # Read again unscoped: a report just referred to another agency has left the
        # officer's scope, and the answer still shows what the step did.
        complaint = Complaint.objects.select_related(*DETAIL_RELATED).get(pk=complaint.pk)
        return Response(ComplaintDetailSerializer(complaint, context={"now": timezone.now()}).data)


def _transition_schema(summary, description, request):
    return extend_schema(
        summary=summary,
        description=description,
        request=request,
        responses={200: ComplaintDetailSerializer, **TRANSITION_ERRORS},
        parameters=[CODE_PARAMETER],
    )


class DispatchView(_TransitionView):
    input_serializer = DispatchInputSerializer

    def perform(self, complaint, data, user):
        return transitions.complaint_dispatch(complaint=complaint, agency=data["agency"], actor=user)

    @_transition_schema(
        _("Dispatch a submitted report to an agency"),
        _("Verifier. Starts the agency's 5 working days."),
        DispatchInputSerializer,
    )
    def post(self, request, tracking_code: str):
        return super().post(request, tracking_code)


class RequestInfoView(_TransitionView):
    input_serializer = RequestInfoInputSerializer

    def perform(self, complaint, data, user):
        return transitions.complaint_request_info(complaint=complaint, actor=user, question=data["question"])

    @_transition_schema(
        _("Ask the reporter for more information"),
        _("Verifier. The verification clock stops until the reporter answers."),
        RequestInfoInputSerializer,
    )
    def post(self, request, tracking_code: str):
        return super().post(request, tracking_code)


class DeclineView(_TransitionView):
    input_serializer = ReasonInputSerializer

    def perform(self, complaint, data, user):
        return transitions.complaint_decline_not_authority(
            complaint=complaint, actor=user, reason=data["reason"]
        )

    @_transition_schema(
        _("Decline a report as not the government's authority"), _("Verifier."), ReasonInputSerializer
    )
    def post(self, request, tracking_code: str):
        return super().post(request, tracking_code)


class ArchiveView(_TransitionView):
    input_serializer = ReasonInputSerializer

    def perform(self, complaint, data, user):
        return transitions.complaint_archive(complaint=complaint, actor=user, reason=data["reason"])

    @_transition_schema(
        _("Archive a report"),
        _("Verifier; a submitted report, or one whose reporter never answered the question."),
        ReasonInputSerializer,
    )
    def post(self, request, tracking_code: str):
        return super().post(request, tracking_code)


class AssignView(_TransitionView):
    input_serializer = AssignInputSerializer

    def perform(self, complaint, data, user):
        officer = _officer(data["officer"])
        return transitions.complaint_assign(complaint=complaint, officer=officer, actor=user)

    @_transition_schema(
        _("Assign a dispatched report to an officer"),
        _(
            "The verifier or the responsible agency's officers and administrators; the officer "
            "must work for the responsible agency."
        ),
        AssignInputSerializer,
    )
    def post(self, request, tracking_code: str):
        return super().post(request, tracking_code)


class AnswerView(_TransitionView):
    input_serializer = AnswerInputSerializer

    def perform(self, complaint, data, user):
        return transitions.complaint_answer(complaint=complaint, answer=data["answer"], actor=user)

    @_transition_schema(
        _("Answer a dispatched report"),
        _("An officer or administrator of the responsible agency. Starts the reporter's 10 working days."),
        AnswerInputSerializer,
    )
    def post(self, request, tracking_code: str):
        return super().post(request, tracking_code)


class ReferView(_TransitionView):
    input_serializer = ReferInputSerializer

    def perform(self, complaint, data, user):
        return transitions.complaint_refer(
            complaint=complaint, agency=data["agency"], actor=user, reason=data["reason"]
        )

    @_transition_schema(
        _("Refer a dispatched report to another agency"),
        _("The verifier or the responsible agency. The follow-up's 5 working days start again there."),
        ReferInputSerializer,
    )
    def post(self, request, tracking_code: str):
        return super().post(request, tracking_code)


class PrivacyView(_TransitionView):
    input_serializer = PrivacyInputSerializer

    def perform(self, complaint, data, user):
        return transitions.complaint_privacy_tighten(complaint=complaint, privacy=data["privacy"], actor=user)

    @_transition_schema(
        _("Make a report more private"),
        _("Verifier. Public → anonymous → confidential; never back (400 on privacy)."),
        PrivacyInputSerializer,
    )
    def post(self, request, tracking_code: str):
        return super().post(request, tracking_code)


# --- route suggestions ----------------------------------------------------------------------


class RouteSuggestionsInputSerializer(serializers.Serializer):
    description = serializers.CharField(
        max_length=DESCRIPTION_MAX_LENGTH,
        error_messages={
            "required": _("Give the report's description."),
            "blank": _("Give the report's description."),
            "null": _("Give the report's description."),
        },
        help_text=_("The report's description, as the citizen wrote it."),
    )


class SuggestionSerializer(serializers.Serializer):
    category = serializers.CharField(read_only=True, help_text=_("Category code."))
    agency = serializers.CharField(
        read_only=True, allow_null=True, help_text=_("Code of the agency such reports go to.")
    )
    confidence = serializers.FloatField(read_only=True, help_text=_("The model's probability, 0 to 1."))


class RouteSuggestionsSerializer(serializers.Serializer):
    suggestions = SuggestionSerializer(many=True, read_only=True)


class RouteSuggestionsView(APIView):
    schema = PenataAutoSchema()
    parser_classes = [JSONParser]
    permission_classes = [RoutingPermission]

    @extend_schema(
        summary=_("Suggest a category and an agency for a report's description"),
        description=_(
            "The routing model's top 3, best first; the verifier decides. An empty list when no "
            "model has been trained yet. For complaint verifiers, complaint officers and province "
            "administrators."
        ),
        request=RouteSuggestionsInputSerializer,
        responses=RouteSuggestionsSerializer,
    )
    def post(self, request):
        data = RouteSuggestionsInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        found = route_suggestions(description=data.validated_data["description"], top=3)
        return Response(RouteSuggestionsSerializer({"suggestions": found}).data)
