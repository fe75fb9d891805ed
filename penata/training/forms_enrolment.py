"""Forms of the enrolment pages: a seat request, a rejection, a nomination."""

from django import forms
from django.utils.translation import gettext_lazy as _

from penata.core.forms import BootstrapForm

from .models import TrainingSession
from .selectors_enrolment import employee_for_nomination, sessions_open_for_enrolment
from .services.enrolment import MOTIVATION_MAX_LENGTH, REASON_MAX_LENGTH


class EnrolmentRequestForm(BootstrapForm):
    motivation = forms.CharField(
        label=_("Why do you want to take part? (optional)"),
        required=False,
        max_length=MOTIVATION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class EnrolmentRejectForm(BootstrapForm):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Give a reason.")},
    )


class SessionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: TrainingSession) -> str:
        dates = f"{obj.start_date:%d-%m-%Y} – {obj.end_date:%d-%m-%Y}"
        return f"{obj.code} · {obj.program.title} · {dates} · {obj.place}"


class NominationForm(BootstrapForm):
    nip = forms.CharField(
        label=_("NIP of the employee"),
        max_length=18,
        min_length=18,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    session = SessionChoiceField(
        label=_("Session"),
        queryset=TrainingSession.objects.none(),
        to_field_name="code",
        empty_label=_("Choose a session"),
    )

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)
        self.fields["session"].queryset = sessions_open_for_enrolment()
        self.employee = None

    def clean_nip(self) -> str:
        nip = self.cleaned_data["nip"].strip()
        if not nip.isdigit():
            raise forms.ValidationError(_("A NIP has 18 digits."))
        self.employee = employee_for_nomination(user=self.user, nip=nip)
        if self.employee is None:
            raise forms.ValidationError(_("No employee of your agency has this NIP."))
        return nip

    def add_service_error(self, error) -> None:
        """An ``ApplicationError`` from the service, on its field when it names one."""
        placed = False
        for name, message in error.fields.items():
            if name in self.fields:
                self.add_error(name, message)
                placed = True
            elif name == "employee":
                self.add_error("nip", message)
                placed = True
        if not placed:
            self.add_error(None, str(error.message))
