"""Forms of the competency profile pages: they parse input; the services decide."""

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from penata.core.forms import BootstrapForm
from penata.organization.models import Position
from penata.workforce.models import Employee

from .models import AssessmentMethod, Competency

METHOD_JPM = "jpm"
METHOD_PROFILE_MATCHING = "profile_matching"
MATCH_METHODS = [
    (METHOD_JPM, _("Job–person match (JPM)")),
    (METHOD_PROFILE_MATCHING, _("Profile Matching")),
]
NOTE_MAX_LENGTH = 2000
POSITION_CODE_MAX_LENGTH = Position._meta.get_field("code").max_length
LEVEL_CHOICES = [(level, str(level)) for level in range(1, 6)]
LEVEL_ERROR = _("A level is a whole number from 1 to 5.")


class ProfileOptionsForm(BootstrapForm):
    """The profile page's query string: method, another position to compare, talent year."""

    method = forms.ChoiceField(label=_("Method"), required=False, choices=MATCH_METHODS)
    position = forms.CharField(
        label=_("Position code"),
        required=False,
        max_length=POSITION_CODE_MAX_LENGTH,
        widget=forms.TextInput(attrs={"autocomplete": "off", "list": "position-options"}),
    )
    year = forms.IntegerField(label=_("Year"), required=False, min_value=2000, max_value=2100)

    def __init__(self, *args, positions: QuerySet[Position], **kwargs):
        super().__init__(*args, **kwargs)
        self._positions = positions

    def clean_method(self) -> str:
        return self.cleaned_data["method"] or METHOD_JPM

    def clean_position(self) -> Position | None:
        code = self.cleaned_data["position"].strip()
        if not code:
            return None
        position = self._positions.filter(code=code).first()
        if position is None:
            raise ValidationError(_("No position with this code."), code="unknown_position")
        return position


def competencies_for(employee: Employee) -> QuerySet[Competency]:
    """The dictionary and the technical competencies of the employee's agency."""
    return Competency.objects.filter(is_active=True).filter(
        Q(agency__isnull=True) | Q(agency_id=employee.agency_id)
    )


class _AssessmentFormBase(BootstrapForm):
    competency = forms.ModelChoiceField(label=_("Competency"), queryset=None, to_field_name="code")
    level = forms.TypedChoiceField(
        label=_("Level"),
        choices=LEVEL_CHOICES,
        coerce=int,
        error_messages={"invalid_choice": LEVEL_ERROR},
    )
    assessed_on = forms.DateField(
        label=_("Assessment date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, employee: Employee, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("assessed_on", timezone.localdate())
        super().__init__(*args, **kwargs)
        field = self.fields["competency"]
        field.queryset = competencies_for(employee).order_by("kind", "code")
        field.label_from_instance = lambda c: f"{c.code} {c.name}"
        field.empty_label = _("Choose a competency")
        self.fields["level"].choices = [("", "—"), *LEVEL_CHOICES]

    def add_service_errors(self, error: ValidationError) -> None:
        """Put a service's ``ValidationError`` next to the field it names."""
        if hasattr(error, "error_dict"):
            for key, messages in error.message_dict.items():
                for message in messages:
                    self.add_error(key if key in self.fields else None, message)
        else:
            for message in error.messages:
                self.add_error(None, message)


class AssessmentForm(_AssessmentFormBase):
    """An assessment recorded by staff: any method but self (the employee's own page) and
    post-training (recorded on the training session, for the competencies it develops)."""

    method = forms.ChoiceField(
        label=_("Method"),
        choices=[
            (m.value, m.label)
            for m in AssessmentMethod
            if m not in (AssessmentMethod.SELF, AssessmentMethod.POST_TRAINING)
        ],
        initial=AssessmentMethod.SUPERVISOR,
    )
    assessor_name = forms.CharField(
        label=_("Assessor"),
        required=False,
        max_length=200,
        help_text=_("Who assessed: the assessment centre's assessor or the supervisor."),
    )

    field_order = ["competency", "level", "assessed_on", "method", "assessor_name", "note"]


class SelfAssessmentForm(_AssessmentFormBase):
    """The employee's own view of a level: kept in the history, never counted."""

    prefix = "self"


REASON_MAX_LENGTH = 1000


class InvalidateAssessmentForm(BootstrapForm):
    """Why an assessment entered in error is marked invalid (kept in the audit trail)."""

    reason = forms.CharField(
        label=_("Reason"),
        max_length=REASON_MAX_LENGTH,
        error_messages={"required": _("Say why the assessment is invalid.")},
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example: wrong employee, wrong level typed, or a duplicate entry."),
    )

    def add_service_errors(self, error: ValidationError) -> None:
        """Put the service's ``ValidationError`` on the reason field (or the form)."""
        found = error.message_dict if hasattr(error, "error_dict") else {None: error.messages}
        for key, messages in found.items():
            for message in messages:
                self.add_error(key if key in self.fields else None, message)
