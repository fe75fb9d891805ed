"""Forms of the dictionary and position-standard pages: they parse input; the services decide."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from penata.core.forms import BootstrapForm
from penata.organization.models import Agency, PositionClass, Unit

from .models import Competency

SEARCH_MAX_LENGTH = 100
LEVELS = (1, 2, 3, 4, 5)
LEVEL_TITLE_MAX_LENGTH = 300
INDICATORS_MAX_LENGTH = 4000
DESCRIPTION_MAX_LENGTH = 4000


class DictionaryFilterForm(BootstrapForm):
    q = forms.CharField(label=_("Search"), required=False, max_length=SEARCH_MAX_LENGTH)
    agency = forms.ModelChoiceField(
        label=_("Agency"), required=False, queryset=Agency.objects.none(), to_field_name="code"
    )

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies
        self.fields["agency"].empty_label = _("All agencies")


class TechnicalCompetencyForm(BootstrapForm):
    """A technical competency with its five levels: a title and one indicator per line each.

    On create the agency is chosen among those the user manages (hidden when only one);
    the code is fixed once created.
    """

    agency = forms.ChoiceField(label=_("Agency"))
    code = forms.CharField(
        label=_("Code"),
        max_length=Competency._meta.get_field("code").max_length,
        help_text=_("For example T.DUKCAPIL.01. Letters, digits, dots and dashes; fixed once saved."),
    )
    name = forms.CharField(label=_("Name"), max_length=Competency._meta.get_field("name").max_length)
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=DESCRIPTION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    is_active = forms.BooleanField(
        label=_("Active (offered for position standards)"), required=False, initial=True
    )

    def __init__(
        self, *args, agencies: list[Agency] | None = None, competency: Competency | None = None, **kwargs
    ):
        super().__init__(*args, **kwargs)
        self.competency = competency
        self._agencies = {agency.code: agency for agency in agencies or []}
        for level in LEVELS:
            self.fields[f"title_{level}"] = forms.CharField(
                label=_("Title"), required=False, max_length=LEVEL_TITLE_MAX_LENGTH
            )
            self.fields[f"indicators_{level}"] = forms.CharField(
                label=_("Behaviour indicators"),
                required=False,
                max_length=INDICATORS_MAX_LENGTH,
                widget=forms.Textarea(attrs={"rows": 3}),
                help_text=_("One indicator per line."),
            )
        if competency is None:
            del self.fields["is_active"]
            self.fields["agency"].choices = [(code, agency.name) for code, agency in self._agencies.items()]
            if len(self._agencies) == 1:
                self.fields["agency"].initial = next(iter(self._agencies))
                self.fields["agency"].widget = forms.HiddenInput()
        else:
            del self.fields["agency"]
            del self.fields["code"]
            if not self.is_bound:
                self.initial.update(
                    {
                        "name": competency.name,
                        "description": competency.description,
                        "is_active": competency.is_active,
                    }
                )
                for entry in competency.levels or []:
                    level = entry.get("level")
                    if level in LEVELS:
                        self.initial[f"title_{level}"] = entry.get("title", "")
                        self.initial[f"indicators_{level}"] = "\n".join(entry.get("indicators", []))
        self.style_widgets()

    def level_rows(self) -> list[dict]:
        return [
            {"level": level, "title": self[f"title_{level}"], "indicators": self[f"indicators_{level}"]}
            for level in LEVELS
        ]

    def clean(self):
        data = super().clean()
        filled = [
            level
            for level in LEVELS
            if (data.get(f"title_{level}") or "").strip() or (data.get(f"indicators_{level}") or "").strip()
        ]
        # Levels are all five or none: a standard may require any of them.
        if filled:
            for level in LEVELS:
                if not (data.get(f"title_{level}") or "").strip() and f"title_{level}" not in self.errors:
                    self.add_error(
                        f"title_{level}", _("Give a title for every level, or leave all five empty.")
                    )
        return data

    def chosen_agency(self) -> Agency | None:
        return self._agencies.get(self.cleaned_data.get("agency", ""))

    def levels(self) -> list[dict]:
        if not any((self.cleaned_data.get(f"title_{level}") or "").strip() for level in LEVELS):
            return []
        return [
            {
                "level": level,
                "title": self.cleaned_data[f"title_{level}"].strip(),
                "indicators": [
                    line.strip()
                    for line in self.cleaned_data[f"indicators_{level}"].splitlines()
                    if line.strip()
                ],
            }
            for level in LEVELS
        ]

    def add_service_errors(self, error: ValidationError) -> None:
        for key, messages in error.message_dict.items():
            target = key if key in self.fields else None
            if key == "levels":
                target = "title_1"
            for message in messages:
                self.add_error(target, message)


LEVEL_CHOICES = [("", "—"), *((str(level), str(level)) for level in LEVELS)]


class PositionStandardForm(BootstrapForm):
    """One row per offered competency: ``level-<code>`` (— or 1–5) and ``core-<code>``.

    A level posted for a competency that is not offered (a tampered or stale form) is not
    dropped silently: it goes to the service, which names what is wrong with it.
    """

    def __init__(
        self, *args, competencies: list[Competency], standard: dict[str, tuple[int, bool]], **kwargs
    ):
        super().__init__(*args, **kwargs)
        self.competencies = competencies
        self.offered = {competency.code for competency in competencies}
        for competency in competencies:
            self.fields[f"level-{competency.code}"] = forms.ChoiceField(
                label=competency.name, required=False, choices=LEVEL_CHOICES
            )
            self.fields[f"core-{competency.code}"] = forms.BooleanField(
                label=_("Core factor"), required=False
            )
            level, core = standard.get(competency.code, (None, True))
            self.initial[f"level-{competency.code}"] = str(level) if level else ""
            self.initial[f"core-{competency.code}"] = core
        self.style_widgets()
        self.extra: dict[str, tuple[object, bool]] = {}

    def rows(self) -> list[dict]:
        """Per competency: its fields and the level options with the level's title (shown as
        the option's tooltip and under the select)."""
        rows = []
        for competency in self.competencies:
            level = self[f"level-{competency.code}"]
            current = str(level.value() or "")
            titles = {str(entry.get("level")): entry.get("title", "") for entry in competency.levels or []}
            rows.append(
                {
                    "competency": competency,
                    "level": level,
                    "core": self[f"core-{competency.code}"],
                    "options": [
                        {
                            "value": value,
                            "label": label,
                            "title": titles.get(value, ""),
                            "selected": value == current,
                        }
                        for value, label in LEVEL_CHOICES
                    ],
                    "current_title": titles.get(current, ""),
                }
            )
        return rows

    def clean(self):
        data = super().clean()
        for key, value in self.data.items():
            if not key.startswith("level-") or not value:
                continue
            code = key.removeprefix("level-")
            if code in self.offered:
                continue
            try:
                level: object = int(value)
            except (TypeError, ValueError):
                level = value
            self.extra[code] = (level, bool(self.data.get(f"core-{code}")))
        return data

    def requirements(self) -> dict[str, tuple[object, bool]]:
        chosen = {
            competency.code: (int(level), bool(self.cleaned_data.get(f"core-{competency.code}")))
            for competency in self.competencies
            if (level := self.cleaned_data.get(f"level-{competency.code}"))
        }
        return {**chosen, **self.extra}

    def add_service_errors(self, error: ValidationError) -> None:
        for code, messages in error.message_dict.items():
            field = f"level-{code}"
            for message in messages:
                if field in self.fields:
                    self.add_error(field, message)
                else:
                    self.add_error(None, _("%(code)s: %(message)s") % {"code": code, "message": message})


class StandardStatus:
    MISSING = "missing"
    SET = "set"
    ALL = "all"
    CHOICES = [
        (MISSING, _("Without a standard")),
        (SET, _("With a standard")),
        (ALL, _("All positions")),
    ]


class StandardsFilterForm(BootstrapForm):
    agency = forms.ModelChoiceField(
        label=_("Agency"), required=False, queryset=Agency.objects.none(), to_field_name="code"
    )
    q = forms.CharField(label=_("Search"), required=False, max_length=SEARCH_MAX_LENGTH)
    unit = forms.ModelChoiceField(label=_("Unit"), required=False, queryset=Unit.objects.none())
    position_class = forms.ChoiceField(
        label=_("Position class"), required=False, choices=[("", _("All classes")), *PositionClass.choices]
    )
    status = forms.ChoiceField(label=_("Standard"), required=False, choices=StandardStatus.CHOICES)

    def __init__(self, *args, agencies, agency: Agency | None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies
        self.fields["agency"].empty_label = None
        # Units belong to one agency: a new agency reloads the page without the old unit.
        self.fields["agency"].widget.attrs["onchange"] = "this.form.unit.value = ''; this.form.submit()"
        if agency is not None:
            self.fields["unit"].queryset = Unit.objects.filter(agency=agency).order_by("code")
        self.fields["unit"].empty_label = _("All units")
