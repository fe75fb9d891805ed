"""Forms of the JP pages. They check the shape of the input; the ledger services check the
rules (dates, JP range, the evidence's content) and their errors are put back on the
fields they name."""

from django import forms
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from penata.core.forms import BootstrapForm

from .models import EVIDENCE_MAX_BYTES, TrainingForm

YEAR_MIN = 2000
YEAR_MAX = 2100
EVIDENCE_ACCEPT = ".pdf,.jpg,.jpeg,.png,.webp,application/pdf,image/jpeg,image/png,image/webp"
COMPLIANCE_SORTS = ("share", "code", "counted", "behind")


class ServiceErrorsMixin:
    def add_service_errors(self, error: ValidationError) -> None:
        """Put a service's ``ValidationError`` next to the field it names."""
        found = error.message_dict if hasattr(error, "error_dict") else {None: error.messages}
        for key, messages in found.items():
            for message in messages:
                self.add_error(key if key in self.fields else None, message)


class YearForm(BootstrapForm):
    year = forms.IntegerField(label=_("Year"), required=False, min_value=YEAR_MIN, max_value=YEAR_MAX)

    def chosen_year(self) -> int:
        return self.cleaned_data.get("year") or timezone.localdate().year


class ComplianceForm(YearForm):
    agency = forms.CharField(label=_("Agency"), required=False, max_length=32)
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[
            ("share", _("Share at target, lowest first")),
            ("code", _("Agency code")),
            ("counted", _("Staff counted, most first")),
            ("behind", _("Staff behind, most first")),
        ],
    )


class ExternalTrainingForm(ServiceErrorsMixin, BootstrapForm):
    title = forms.CharField(label=_("Title of the training"), max_length=200)
    provider = forms.CharField(
        label=_("Provider"), max_length=200, help_text=_("Who organised it: a ministry, a university, ...")
    )
    form = forms.ChoiceField(label=_("Form"), choices=[("", "—"), *TrainingForm.choices])
    start_date = forms.DateField(
        label=_("Start date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    end_date = forms.DateField(
        label=_("End date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    jp = forms.DecimalField(
        label=_("Lesson hours (JP)"),
        max_digits=5,
        decimal_places=1,
        help_text=_("As on the certificate; 1 JP = 45 minutes."),
        widget=forms.NumberInput(attrs={"step": "0.5", "min": "0.5", "max": "500"}),
    )
    evidence = forms.FileField(
        label=_("Evidence"),
        widget=forms.ClearableFileInput(attrs={"accept": EVIDENCE_ACCEPT}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["evidence"].help_text = _(
            "The certificate or attendance letter: a PDF or a photo (JPEG, PNG, WebP), at most %(max)s."
        ) % {"max": filesizeformat(EVIDENCE_MAX_BYTES)}


class DecisionForm(ServiceErrorsMixin, BootstrapForm):
    action = forms.ChoiceField(choices=[("verify", _("Verify")), ("reject", _("Reject"))])
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Needed to reject; the employee sees it."),
    )
