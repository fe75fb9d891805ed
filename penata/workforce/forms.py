"""Page forms for the workforce: they parse input; the services decide."""

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext_lazy as _

from penata.core.forms import BootstrapForm
from penata.organization.models import Agency, EmploymentType, PositionClass
from penata.organization.selectors import agency_list_visible_to

from .models import EmployeeStatus, PlacementInterest, PositionChangeKind
from .services import MAX_INTERESTS

SEARCH_MAX_LENGTH = 100
FIELD_MAX_LENGTH = PlacementInterest._meta.get_field("field").max_length
NOTE_MAX_LENGTH = 2000


class EmployeeFilterForm(BootstrapForm):
    q = forms.CharField(label=_("Name or NIP"), required=False, max_length=SEARCH_MAX_LENGTH)
    agency = forms.ModelChoiceField(
        label=_("Agency"), required=False, queryset=Agency.objects.none(), to_field_name="code"
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All statuses")), *EmployeeStatus.choices]
    )
    employment_type = forms.ChoiceField(
        label=_("Type"), required=False, choices=[("", _("PNS and PPPK")), *EmploymentType.choices]
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agency_list_visible_to(user=user).order_by("code")
        self.fields["agency"].empty_label = _("All agencies")


class PlacementInterestsForm(BootstrapForm):
    """Up to five ranked interests; row 1 is the first preference, empty rows are skipped.

    Fields are numbered (``position_class_1``, ``field_1``, ``agency_1``, ...) so that an
    error from the service lands next to the field of the row it is about.
    """

    rows_count = MAX_INTERESTS

    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Anything the placement team should know (family, health, study plans)."),
    )

    def __init__(self, *args, employee, **kwargs):
        super().__init__(*args, **kwargs)
        # One query for the agency choices, shared by every row.
        self._agencies = {agency.code: agency for agency in Agency.objects.order_by("name")}
        agency_choices = [("", _("Any agency"))] + [(code, a.name) for code, a in self._agencies.items()]
        class_choices = [("", _("Any class")), *PositionClass.choices]
        for number in range(1, self.rows_count + 1):
            self.fields[f"position_class_{number}"] = forms.ChoiceField(
                label=_("Position class"), required=False, choices=class_choices
            )
            self.fields[f"field_{number}"] = forms.CharField(
                label=_("Field"), required=False, max_length=FIELD_MAX_LENGTH
            )
            self.fields[f"agency_{number}"] = forms.ChoiceField(
                label=_("Agency"), required=False, choices=agency_choices
            )
        self.style_widgets()
        if not self.is_bound:
            self.initial["note"] = employee.interest_note
            for interest in employee.interests.all():
                number = interest.preference
                if number > self.rows_count:
                    continue
                self.initial[f"position_class_{number}"] = interest.position_class
                self.initial[f"field_{number}"] = interest.field
                self.initial[f"agency_{number}"] = interest.agency.code if interest.agency_id else ""

    def rows(self) -> list[dict]:
        return [
            {
                "number": number,
                "position_class": self[f"position_class_{number}"],
                "field": self[f"field_{number}"],
                "agency": self[f"agency_{number}"],
            }
            for number in range(1, self.rows_count + 1)
        ]

    def error_summary(self) -> list[dict]:
        """Each field error with its row and label, for the summary above the form."""
        summary = []
        for name, messages in self.errors.items():
            if name == NON_FIELD_ERRORS:
                continue
            base, _sep, number = name.rpartition("_")
            row = int(number) if number.isdigit() and base in {"position_class", "field", "agency"} else None
            for message in messages:
                summary.append({"row": row, "label": self.fields[name].label, "message": message})
        return summary

    def interests(self) -> tuple[list[dict], list[int]]:
        """The filled rows as service input, with the row number each came from."""
        items: list[dict] = []
        numbers: list[int] = []
        for number in range(1, self.rows_count + 1):
            position_class = self.cleaned_data.get(f"position_class_{number}") or ""
            field = (self.cleaned_data.get(f"field_{number}") or "").strip()
            agency_code = self.cleaned_data.get(f"agency_{number}") or ""
            if not (position_class or field or agency_code):
                continue
            items.append(
                {
                    "position_class": position_class,
                    "field": field,
                    "agency": self._agencies.get(agency_code),
                }
            )
            numbers.append(number)
        return items, numbers

    def add_service_errors(self, error: ValidationError, numbers: list[int]) -> None:
        """Put ``interests[2].field``-style errors from the service next to their field."""
        for key, messages in error.message_dict.items():
            target = None
            if key.startswith("interests[") and "]" in key:
                index_text, _sep, rest = key[len("interests[") :].partition("]")
                row = numbers[int(index_text) - 1] if index_text.isdigit() else None
                name = rest.lstrip(".")
                if row is not None and name in {"position_class", "field", "agency"}:
                    target = f"{name}_{row}"
                elif row is not None:
                    target = f"position_class_{row}"
            elif key in self.fields:
                target = key
            for message in messages:
                self.add_error(target, message)


class EmployeeTransferForm(BootstrapForm):
    position = forms.ModelChoiceField(label=_("New position"), queryset=None)
    start_date = forms.DateField(
        label=_("Start date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    kind = forms.ChoiceField(
        label=_("Kind of move"),
        choices=[
            (PositionChangeKind.TRANSFER, PositionChangeKind.TRANSFER.label),
            (PositionChangeKind.PLACEMENT, PositionChangeKind.PLACEMENT.label),
            (PositionChangeKind.APPOINTMENT, PositionChangeKind.APPOINTMENT.label),
        ],
        initial=PositionChangeKind.TRANSFER,
    )
    reference = forms.CharField(label=_("Decree reference"), required=False, max_length=120)

    def __init__(self, *args, positions, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["position"]
        field.queryset = positions
        field.label_from_instance = self.position_label

    @staticmethod
    def position_label(position) -> str:
        return _("%(code)s — %(title)s (%(agency)s), %(vacancies)s vacant") % {
            "code": position.code,
            "title": position.title,
            "agency": position.agency.name,
            "vacancies": position.vacancies,
        }

    def add_service_errors(self, error) -> None:
        """Attach a service's ``ValidationError`` or ``ApplicationError`` to the form."""
        if isinstance(error, ValidationError):
            if hasattr(error, "error_dict"):
                for key, messages in error.message_dict.items():
                    for message in messages:
                        self.add_error(key if key in self.fields else None, message)
            else:
                for message in error.messages:
                    self.add_error(None, message)
            return
        fields = getattr(error, "fields", None) or {}
        for key, messages in fields.items():
            for message in messages if isinstance(messages, list | tuple) else [messages]:
                self.add_error(key if key in self.fields else None, message)
        if not fields:
            self.add_error(None, str(error.message))
