"""Forms of the training-needs pages: the filters, recording a unit need, changing a
need's status."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from penata.competency.models import Competency, CompetencyKind
from penata.core.forms import BootstrapForm
from penata.organization.models import Agency, Unit

from .models import NeedSource, NeedStatus
from .services.needs import RECORDED_SOURCES

YEAR_FIELD = {"min_value": 2000, "max_value": 2100}
NEEDS_VIEWS = (
    ("agency", _("By agency")),
    ("unit", _("By unit")),
    ("competency", _("By competency")),
)
MAX_EVIDENCE_LINES = 50


class _CodeFields(BootstrapForm):
    year = forms.IntegerField(label=_("Year"), required=False, **YEAR_FIELD)
    agency = forms.CharField(label=_("Agency"), required=False, max_length=32)
    unit = forms.CharField(label=_("Unit"), required=False, max_length=48)
    competency = forms.CharField(label=_("Competency"), required=False, max_length=24)

    def clean_agency(self) -> str:
        return self.cleaned_data["agency"].strip()

    def clean_unit(self) -> str:
        return self.cleaned_data["unit"].strip()

    def clean_competency(self) -> Competency | None:
        code = self.cleaned_data["competency"].strip()
        if not code:
            return None
        competency = Competency.objects.filter(code=code).first()
        if competency is None:
            raise forms.ValidationError(_("Unknown competency code: %(code)s.") % {"code": code})
        return competency


class NeedsFilterForm(_CodeFields):
    view = forms.ChoiceField(label=_("Group by"), required=False, choices=NEEDS_VIEWS)


class NeedPeopleForm(_CodeFields):
    def clean(self):
        cleaned = super().clean()
        if not self.errors and cleaned.get("competency") is None:
            self.add_error("competency", _("Choose a competency."))
        return cleaned


class RecordedNeedsFilterForm(BootstrapForm):
    year = forms.IntegerField(label=_("Year"), required=False, **YEAR_FIELD)
    agency = forms.CharField(label=_("Agency"), required=False, max_length=32)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All statuses")), *NeedStatus.choices]
    )

    def clean_agency(self) -> str:
        return self.cleaned_data["agency"].strip()


class UnitNeedForm(BootstrapForm):
    """A need recorded for a unit of one agency (or for the whole agency)."""

    unit = forms.ModelChoiceField(
        label=_("Unit"),
        queryset=Unit.objects.none(),
        required=False,
        empty_label=_("The whole agency"),
    )
    competency = forms.ModelChoiceField(
        label=_("Competency"),
        queryset=Competency.objects.none(),
        required=False,
        empty_label=_("Not one competency"),
        help_text=_("The competency the training should develop, if the need names one."),
    )
    source = forms.ChoiceField(
        label=_("Source"),
        choices=[(value, label) for value, label in NeedSource.choices if value in RECORDED_SOURCES],
        initial=NeedSource.UNIT_REQUEST,
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What the staff of the unit cannot do well enough yet, and how it shows."),
    )
    evidence = forms.CharField(
        label=_("Evidence"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One reference per line: report codes, survey results, letters."),
    )

    def __init__(self, *args, agency: Agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.agency = agency
        self.fields["unit"].queryset = Unit.objects.filter(agency=agency).order_by("code")
        self.fields["unit"].label_from_instance = lambda unit: f"{unit.code} — {unit.name}"
        self.fields["competency"].queryset = Competency.objects.filter(is_active=True).filter(
            ~Q(kind=CompetencyKind.TECHNICAL) | Q(agency=agency)
        )
        self.fields["competency"].label_from_instance = lambda c: f"{c.code} — {c.name}"

    def clean_evidence(self) -> dict:
        lines = [line.strip() for line in self.cleaned_data["evidence"].splitlines() if line.strip()]
        if len(lines) > MAX_EVIDENCE_LINES:
            raise forms.ValidationError(
                _("At most %(max)d references, one per line.") % {"max": MAX_EVIDENCE_LINES}
            )
        return {"references": lines} if lines else {}


class NeedStatusForm(BootstrapForm):
    status = forms.ChoiceField(label=_("Status"), choices=NeedStatus.choices)
    note = forms.CharField(label=_("Note"), required=False, max_length=2000)
