"""Forms after a session: they parse input; the services decide."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from penata.core.forms import BootstrapForm

from .models import RatingItem
from .services.after import COMMENT_MAX_LENGTH, REASON_MAX_LENGTH

RATING_CHOICES = [(value, str(value)) for value in range(1, 6)]
RATING_ERROR = _("Choose a whole number from 1 to 5.")
LEVEL_CHOICES = [("", "—"), *((level, str(level)) for level in range(1, 6))]
LEVEL_ERROR = _("A level is a whole number from 1 to 5.")
NOTE_MAX_LENGTH = 500


class ServiceErrorsMixin:
    def add_service_errors(self, error: ValidationError) -> None:
        """Put a service's ``ValidationError`` next to the field it names."""
        if hasattr(error, "error_dict"):
            for key, messages in error.message_dict.items():
                for message in messages:
                    self.add_error(key if key in self.fields else None, message)
        else:
            for message in error.messages:
                self.add_error(None, message)


class RatingForm(ServiceErrorsMixin, BootstrapForm):
    comment = forms.CharField(
        label=_("Comments and suggestions"),
        required=False,
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Optional. The results pages show comments without your name."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for item in reversed(RatingItem):
            self.fields[item.value] = forms.TypedChoiceField(
                label=item.label,
                choices=RATING_CHOICES,
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={"invalid_choice": RATING_ERROR, "required": RATING_ERROR},
            )
        self.order_fields([*RatingItem.values, "comment"])

    def style_widgets(self) -> None:
        # The 1–5 scales are drawn as buttons in the template.
        for field in self.fields.values():
            if not isinstance(field.widget, forms.RadioSelect):
                field.widget.attrs.setdefault("class", "form-control")

    @property
    def scales(self):
        return [self[item] for item in RatingItem.values]


class RevokeForm(ServiceErrorsMixin, BootstrapForm):
    reason = forms.CharField(
        label=_("Reason for revocation"),
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Shown on the public verification page."),
        error_messages={"required": _("Give the reason for revoking the certificate.")},
    )


class PostTrainingSheetForm(ServiceErrorsMixin, BootstrapForm):
    """One level field per participant and competency (``level-<enrolment>-<competency>``);
    an empty field records nothing."""

    assessed_on = forms.DateField(
        label=_("Assessment date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=NOTE_MAX_LENGTH)

    def __init__(self, *args, field_names: list[str], **kwargs):
        kwargs.setdefault("initial", {}).setdefault("assessed_on", timezone.localdate())
        super().__init__(*args, **kwargs)
        for name in field_names:
            self.fields[name] = forms.TypedChoiceField(
                label=_("Level"),
                required=False,
                choices=LEVEL_CHOICES,
                coerce=int,
                empty_value=None,
                error_messages={"invalid_choice": LEVEL_ERROR},
                widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
            )

    def levels(self) -> dict[tuple[int, int], int]:
        """(enrolment id, competency id) → level, for the fields filled in."""
        out = {}
        for name, value in self.cleaned_data.items():
            if name.startswith("level-") and value is not None:
                _prefix, enrolment_id, competency_id = name.split("-")
                out[(int(enrolment_id), int(competency_id))] = value
        return out

    def add_service_errors(self, error: ValidationError) -> None:
        if hasattr(error, "error_dict"):
            for key, messages in error.message_dict.items():
                name = f"level-{key}" if f"level-{key}" in self.fields else key
                for message in messages:
                    self.add_error(name if name in self.fields else None, message)
        else:
            super().add_service_errors(error)
