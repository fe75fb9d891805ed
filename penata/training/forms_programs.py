"""Forms of the catalogue and of the program and session pages: they parse input; the
services decide (capacity, dates, schedule, levels are checked there)."""

from datetime import time

from django import forms
from django.utils.translation import gettext_lazy as _

from penata.competency.models import Competency
from penata.core.errors import ApplicationError
from penata.core.forms import BootstrapForm
from penata.organization.models import Agency

from .models import (
    CLASSICAL_FORMS,
    Focus,
    Modality,
    Program,
    SessionStatus,
    TrainingForm,
    TrainingSession,
)
from .services.programs import DAY_TOPIC_MAX, TEXT_MAX, SessionDayInput

SEARCH_MAX_LENGTH = 100
PLACE_FILTER_MAX_LENGTH = 120
TARGETS_MAX = 20
DAYS_MAX = 400
LEVEL_CHOICES = [("", "—"), *((str(n), str(n)) for n in range(1, 6))]


def _form_choices(empty_label=None) -> list:
    classical = [(form.value, form.label) for form in TrainingForm if form in CLASSICAL_FORMS]
    other = [(form.value, form.label) for form in TrainingForm if form not in CLASSICAL_FORMS]
    choices = [(_("Classical"), classical), (_("Non-classical"), other)]
    return [("", empty_label), *choices] if empty_label else choices


def _with_empty(choices, label) -> list:
    return [("", label), *choices]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%H:%M")


def apply_service_errors(form: forms.Form, error: ApplicationError, *, elsewhere: dict | None = None) -> None:
    """Put each message of a service's error next to its field; ``elsewhere`` collects the
    fields the form has no input for (the schedule, the competency targets)."""
    fields = error.fields or {None: str(error.message)}
    for key, message in fields.items():
        if key in form.fields:
            form.add_error(key, message)
        elif elsewhere is not None and key is not None:
            elsewhere[key] = message
        else:
            form.add_error(None, message)


# --- filters ----------------------------------------------------------------------------


class CatalogueFilterForm(BootstrapForm):
    q = forms.CharField(label=_("Search"), required=False, max_length=SEARCH_MAX_LENGTH)
    form = forms.ChoiceField(label=_("Form"), required=False)
    focus = forms.ChoiceField(label=_("Focus"), required=False)
    modality = forms.ChoiceField(label=_("Modality"), required=False)
    competency = forms.ChoiceField(label=_("Competency"), required=False)
    place = forms.CharField(label=_("Place"), required=False, max_length=PLACE_FILTER_MAX_LENGTH)

    def __init__(self, *args, competencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["form"].choices = _form_choices(_("All forms"))
        self.fields["focus"].choices = _with_empty(Focus.choices, _("All"))
        self.fields["modality"].choices = _with_empty(Modality.choices, _("All"))
        self._competencies = {c.code: c for c in competencies}
        self.fields["competency"].choices = _with_empty(
            [(c.code, f"{c.code} {c.name}") for c in competencies], _("All competencies")
        )

    def chosen_competency(self) -> Competency | None:
        return self._competencies.get(self.cleaned_data.get("competency") or "")


class SessionFilterForm(BootstrapForm):
    q = forms.CharField(label=_("Search"), required=False, max_length=SEARCH_MAX_LENGTH)
    date_from = forms.DateField(label=_("From"), required=False, widget=DateInput)
    date_to = forms.DateField(label=_("Until"), required=False, widget=DateInput)
    place = forms.CharField(label=_("Place"), required=False, max_length=PLACE_FILTER_MAX_LENGTH)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=_with_empty(SessionStatus.choices, _("All"))
    )
    program = forms.ModelChoiceField(
        label=_("Program"), required=False, queryset=Program.objects.order_by("title"), to_field_name="code"
    )
    agency = forms.ModelChoiceField(
        label=_("Organising agency"),
        required=False,
        queryset=Agency.objects.order_by("name"),
        to_field_name="code",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["program"].empty_label = _("All programs")
        self.fields["agency"].empty_label = _("All agencies")

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("The end of the range is before its start."))
        return data


# --- programs ---------------------------------------------------------------------------


class ProgramForm(BootstrapForm):
    code = forms.CharField(
        label=_("Code"),
        max_length=Program._meta.get_field("code").max_length,
        help_text=_("For example PLT-DIG-01. Letters, digits, dots and dashes; fixed once saved."),
    )
    title = forms.CharField(label=_("Title"), max_length=Program._meta.get_field("title").max_length)
    form = forms.ChoiceField(label=_("Form"))
    focus = forms.ChoiceField(label=_("Focus"), choices=Focus.choices)
    modality = forms.ChoiceField(label=_("Modality"), choices=Modality.choices)
    jp = forms.IntegerField(label=_("Lesson hours (JP)"), help_text=_("1 JP = 45 minutes."))
    provider = forms.CharField(
        label=_("Provider"),
        max_length=Program._meta.get_field("provider").max_length,
        initial="BPSDM Provinsi Maluku Utara",
    )
    description = forms.CharField(
        label=_("Description"), required=False, max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 4})
    )
    prerequisites = forms.CharField(
        label=_("Prerequisites"),
        required=False,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    attendance_min_percent = forms.IntegerField(
        label=_("Attendance needed to complete (%)"),
        initial=80,
        help_text=_("Share of the session's days a participant must attend to complete it."),
    )
    is_active = forms.BooleanField(label=_("Offered (new sessions can be planned)"), required=False)

    def __init__(self, *args, program: Program | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.program = program
        self.fields["form"].choices = _form_choices()
        if program is None:
            del self.fields["is_active"]
        else:
            del self.fields["code"]
            if not self.is_bound:
                for name in self.fields:
                    self.initial[name] = getattr(program, name)
        self.style_widgets()


class TargetForm(BootstrapForm):
    """One competency the program develops and the level it brings a participant to."""

    competency = forms.ChoiceField(label=_("Competency"), required=False)
    level = forms.ChoiceField(label=_("Level reached"), required=False, choices=LEVEL_CHOICES)

    def __init__(self, *args, competency_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["competency"].choices = competency_choices

    def clean(self):
        data = super().clean()
        if data.get("competency") and not data.get("level"):
            self.add_error("level", _("Choose the level reached."))
        if data.get("level") and not data.get("competency"):
            self.add_error("competency", _("Choose the competency."))
        return data


TargetFormSet = forms.formset_factory(
    TargetForm, extra=2, max_num=TARGETS_MAX, validate_max=True, absolute_max=TARGETS_MAX
)


def competency_choices(competencies: list[Competency]) -> list:
    groups: dict[str, list] = {}
    labels: dict[str, str] = {}
    for competency in competencies:
        groups.setdefault(competency.kind, []).append(
            (competency.code, f"{competency.code} {competency.name}")
        )
        labels[competency.kind] = competency.get_kind_display()
    return [("", "—"), *((labels[kind], rows) for kind, rows in groups.items())]


def target_formset(data, *, program: Program | None, competencies: list[Competency]):
    """The repeated competency rows; on edit, one row per competency developed."""
    initial = None
    if program is not None and data is None:
        initial = [
            {"competency": target.competency.code, "level": str(target.target_level)}
            for target in program.targets.all()
        ]
    return TargetFormSet(
        data,
        initial=initial,
        prefix="target",
        form_kwargs={"competency_choices": competency_choices(competencies)},
    )


def targets_from(formset, competencies: list[Competency]) -> list[tuple[Competency, int]]:
    by_code = {c.code: c for c in competencies}
    return [
        (by_code[row["competency"]], int(row["level"]))
        for row in formset.cleaned_data
        if row.get("competency") and row.get("level")
    ]


# --- sessions ---------------------------------------------------------------------------


class ScheduleMode:
    FOLLOW_DATES = "follow_dates"
    LISTED = "listed"


class SessionForm(BootstrapForm):
    program = forms.ChoiceField(label=_("Program"))
    code = forms.CharField(
        label=_("Session code"),
        max_length=TrainingSession._meta.get_field("code").max_length,
        help_text=_("For example PLT-DIG-01-2026-1. Fixed once saved."),
    )
    start_date = forms.DateField(label=_("Start date"), widget=DateInput)
    end_date = forms.DateField(label=_("End date"), widget=DateInput)
    place = forms.CharField(
        label=_("Place"),
        max_length=TrainingSession._meta.get_field("place").max_length,
        widget=forms.TextInput(attrs={"list": "place-suggestions", "autocomplete": "off"}),
        help_text=_("A town, or Daring for an online session."),
    )
    capacity = forms.IntegerField(label=_("Capacity"))
    organizer = forms.ChoiceField(label=_("Organising agency"))
    trainers = forms.CharField(
        label=_("Trainers"),
        required=False,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One name per line."),
    )
    note = forms.CharField(
        label=_("Note"), required=False, max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 2})
    )
    schedule_mode = forms.ChoiceField(
        label=_("Daily schedule"),
        widget=forms.RadioSelect,
        choices=[
            (
                ScheduleMode.FOLLOW_DATES,
                _("Follow the dates: every working day, 08:00–16:00 (days already planned keep their times)"),
            ),
            (ScheduleMode.LISTED, _("As listed below")),
        ],
    )

    def __init__(self, *args, programs, agencies, session: TrainingSession | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.session = session
        self._programs = {p.code: p for p in programs}
        self._agencies = {a.code: a for a in agencies}
        self.fields["organizer"].choices = [("", "—"), *((a.code, a.name) for a in agencies)]
        if session is None:
            self.fields["program"].choices = [("", "—"), *((p.code, f"{p.code} {p.title}") for p in programs)]
            self.fields["schedule_mode"].initial = ScheduleMode.FOLLOW_DATES
        else:
            del self.fields["program"]
            del self.fields["code"]
            self.fields["schedule_mode"].initial = ScheduleMode.LISTED
            if not self.is_bound:
                self.initial.update(
                    {
                        "start_date": session.start_date,
                        "end_date": session.end_date,
                        "place": session.place,
                        "capacity": session.capacity,
                        "organizer": session.organizer.code,
                        "trainers": session.trainers,
                        "note": session.note,
                    }
                )
        self.style_widgets()
        self.fields["schedule_mode"].widget.attrs["class"] = "form-check-input"

    def chosen_program(self) -> Program | None:
        return self._programs.get(self.cleaned_data.get("program") or "")

    def chosen_agency(self) -> Agency | None:
        return self._agencies.get(self.cleaned_data.get("organizer") or "")


class DayForm(BootstrapForm):
    date = forms.DateField(label=_("Date"), required=False, widget=DateInput)
    starts_at = forms.TimeField(label=_("Starts at"), required=False, widget=TimeInput)
    ends_at = forms.TimeField(label=_("Ends at"), required=False, widget=TimeInput)
    topic = forms.CharField(label=_("Topic"), required=False, max_length=DAY_TOPIC_MAX)

    def clean(self):
        data = super().clean()
        filled = any(data.get(name) for name in ("starts_at", "ends_at", "topic"))
        if filled and not data.get("date") and "date" not in self.errors:
            self.add_error("date", _("Give the date of this day."))
        return data


DayFormSet = forms.formset_factory(
    DayForm, extra=1, can_delete=True, max_num=DAYS_MAX, validate_max=True, absolute_max=DAYS_MAX
)


def day_formset(data, *, session: TrainingSession | None, days=()):
    initial = None
    if session is not None and data is None:
        initial = [
            {"date": day.date, "starts_at": day.starts_at, "ends_at": day.ends_at, "topic": day.topic}
            for day in days
        ]
    return DayFormSet(data, initial=initial, prefix="day")


def days_from(formset) -> list[SessionDayInput]:
    days = []
    for row in formset.cleaned_data:
        if not row.get("date") or row.get("DELETE"):
            continue
        days.append(
            SessionDayInput(
                date=row["date"],
                starts_at=row.get("starts_at") or time(8, 0),
                ends_at=row.get("ends_at") or time(16, 0),
                topic=(row.get("topic") or "").strip(),
            )
        )
    return days
