"""Forms of the citizen-facing pages: tracking, the reporter's actions, following, filters."""

from django import forms
from django.utils.translation import gettext_lazy as _

from penata.core.forms import BootstrapForm
from penata.organization.models import Agency

from . import tracking
from .models import DESCRIPTION_MAX_LENGTH, ComplaintCategory, ComplaintKind, ComplaintStatus
from .selectors import PUBLISHED_STATUSES
from .selectors_public import AGENCY_SORT_KEYS, kecamatan_choices
from .services.rating import RATING_COMMENT_MAX_LENGTH

SECRET_MAX_LENGTH = 64
SEARCH_MAX_LENGTH = 100
SEARCH_MIN_LENGTH = 3
REASON_MAX_LENGTH = 2000


def tracking_code_clean(text: str) -> str:
    """The canonical code, or a ``ValidationError`` that says what is wrong with it: a
    character that never occurs, the wrong length, or a failed check character (mistyped)."""
    cleaned = "".join(char for char in (text or "").upper() if char not in " -\t.")
    if cleaned.startswith(tracking.PREFIX):
        cleaned = cleaned[len(tracking.PREFIX) :]
    bad = sorted({char for char in cleaned if char not in tracking.ALPHABET})
    if bad:
        raise forms.ValidationError(
            _(
                "A tracking code never contains %(characters)s. Codes use no 0, O, 1, I, L or U: "
                "check the code on your receipt."
            )
            % {"characters": ", ".join(bad)},
            code="characters",
        )
    if len(cleaned) != tracking.RANDOM_LENGTH + 1:
        raise forms.ValidationError(
            _("A tracking code has 8 characters after LPR, like LPR-7K3M-Q9XA."), code="length"
        )
    code = tracking.format_code(cleaned)
    if not tracking.tracking_code_is_valid(code):
        raise forms.ValidationError(
            _(
                "This code is mistyped: a character is wrong or two are swapped. "
                "Check it against your receipt."
            ),
            code="mistyped",
        )
    return code


def _secret_field(required: bool) -> forms.CharField:
    return forms.CharField(
        label=_("Secret"),
        required=required,
        max_length=SECRET_MAX_LENGTH,
        strip=True,
        widget=forms.PasswordInput(
            attrs={"autocomplete": "current-password", "spellcheck": "false", "data-reporter-secret": ""}
        ),
    )


class TrackForm(BootstrapForm):
    code = forms.CharField(
        label=_("Tracking code"),
        max_length=40,
        widget=forms.TextInput(
            attrs={
                "placeholder": "LPR-7K3M-Q9XA",
                "autocomplete": "username",
                "autocapitalize": "characters",
                "spellcheck": "false",
                "class": "text-uppercase",
            }
        ),
    )
    secret = _secret_field(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["secret"].help_text = _(
            "Only for a report that is not public yet, or to respond to the answer: the secret shown "
            "once when the report was filed."
        )

    def clean_code(self) -> str:
        return tracking_code_clean(self.cleaned_data["code"])


class ReporterActionForm(BootstrapForm):
    """An action of the reporter. A signed-in reporter is recognised by their account;
    anyone else confirms with the secret (the browser keeps only that the report was
    unlocked, never the secret)."""

    def __init__(self, *args, require_secret: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if require_secret:
            self.fields["secret"] = _secret_field(required=True)
            self.style_widgets()


class SupplementForm(ReporterActionForm):
    information = forms.CharField(
        label=_("The information asked for"),
        max_length=DESCRIPTION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class AcceptForm(ReporterActionForm):
    pass


class ReopenForm(ReporterActionForm):
    reason = forms.CharField(
        label=_("Why is the answer not enough?"),
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class RatingForm(ReporterActionForm):
    score = forms.TypedChoiceField(
        label=_("Your rating of the answer"),
        coerce=int,
        choices=[(number, str(number)) for number in range(1, 6)],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=RATING_COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def style_widgets(self) -> None:
        super().style_widgets()
        # Radio buttons are drawn as a button group in the template, not as a text box.
        self.fields["score"].widget.attrs["class"] = "btn-check"


class FollowForm(BootstrapForm):
    email = forms.EmailField(
        label=_("Your email"), max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )


class PublicFilterForm(BootstrapForm):
    q = forms.CharField(label=_("Search in the description"), required=False, max_length=SEARCH_MAX_LENGTH)
    category = forms.ModelChoiceField(
        label=_("Category"), required=False, queryset=ComplaintCategory.objects.none(), to_field_name="code"
    )
    agency = forms.ModelChoiceField(
        label=_("Agency"), required=False, queryset=Agency.objects.none(), to_field_name="code"
    )
    status = forms.ChoiceField(label=_("Status"), required=False)
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *ComplaintKind.choices]
    )
    kecamatan = forms.ChoiceField(label=_("District (kecamatan)"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = ComplaintCategory.objects.order_by("name")
        self.fields["category"].empty_label = _("All categories")
        self.fields["agency"].queryset = Agency.objects.order_by("name")
        self.fields["agency"].empty_label = _("All agencies")
        self.fields["status"].choices = [
            ("", _("All statuses")),
            *((status, ComplaintStatus(status).label) for status in PUBLISHED_STATUSES),
        ]
        self.fields["kecamatan"].choices = lambda: [
            ("", _("All districts")),
            *((name, name) for name in kecamatan_choices()),
        ]

    def clean_q(self) -> str:
        query = self.cleaned_data["q"].strip()
        if query and len(query) < SEARCH_MIN_LENGTH:
            raise forms.ValidationError(
                _("Type at least %(min)s characters.") % {"min": SEARCH_MIN_LENGTH}, code="short"
            )
        return query

    def filters(self) -> dict:
        """Keyword arguments for ``selectors_public.complaint_public_filter``: the valid
        fields only (an unknown category in a shared link drops that filter, not the page)."""
        data = getattr(self, "cleaned_data", {})
        return {
            "category": data.get("category"),
            "agency": data.get("agency"),
            "status": data.get("status", ""),
            "kind": data.get("kind", ""),
            "kecamatan": data.get("kecamatan", ""),
            "search": data.get("q", ""),
        }


class AgencyStatsForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False)
    sort = forms.ChoiceField(
        required=False,
        choices=[(key, key) for name in AGENCY_SORT_KEYS for key in (name, f"-{name}")],
    )

    def __init__(self, *args, years: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(year, str(year)) for year in years]
        self.fields["year"].widget.attrs["class"] = "form-select"
