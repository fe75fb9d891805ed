"""Forms of the public report form. They only parse input: ``complaint_submit`` decides
what a valid report is, so its messages (next to each field) are the rules."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from penata.core.forms import BootstrapForm
from penata.organization.models import PublicService

from .models import DESCRIPTION_MAX_LENGTH, Complaint, ComplaintCategory, ComplaintKind, Privacy

# Plain decimal degrees as the map writes them: no exponent, NaN or infinity (which the
# service's decimal comparison would choke on).
COORDINATE_PATTERN = re.compile(r"^-?[0-9]{1,3}(\.[0-9]{1,15})?$")
SERVICE_SEARCH_MAX_LENGTH = 100
SERVICE_SEARCH_LIMIT = 8

PRIVACY_HELP = {
    Privacy.PUBLIC: _(
        "After a verifier has checked it, your report can be read on the public list and "
        "map. Your name, email and phone are never published: only the verifier and the "
        "officers who handle the report see them."
    ),
    Privacy.ANONYMOUS: _(
        "Your report can be published, but nobody learns who sent it: we do not keep your "
        "name or contact details. Follow it with the tracking code and the secret."
    ),
    Privacy.CONFIDENTIAL: _(
        "Your report is never published. Only the verifier sees who you are; the agency "
        "handles it without your name."
    ),
}

_field = Complaint._meta.get_field


def _max(name: str) -> int:
    return _field(name).max_length


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class AttachmentsField(forms.Field):
    """Any number of uploaded files, unchecked: ``complaint_submit`` checks how many there
    are and what each one really is (by content, not by name)."""

    widget = MultipleFileInput

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def to_python(self, data):
        if not data:
            return []
        return list(data) if isinstance(data, list | tuple) else [data]

    def bound_data(self, data, initial):
        return data


class ComplaintIntakeForm(BootstrapForm):
    kind = forms.CharField(
        label=_("Kind of report"),
        required=False,
        max_length=_max("kind"),
        initial=ComplaintKind.COMPLAINT,
        widget=forms.RadioSelect(choices=ComplaintKind.choices),
    )
    category = forms.CharField(label=_("Category"), required=False, max_length=20)
    public_service = forms.CharField(
        label=_("Public service concerned (optional)"),
        required=False,
        max_length=20,
        widget=forms.HiddenInput,
    )
    description = forms.CharField(
        label=_("What happened?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6, "maxlength": DESCRIPTION_MAX_LENGTH}),
        help_text=_(
            "Say what, when and where, as precisely as you can. Do not write other people's "
            "personal data (ID numbers, phone numbers)."
        ),
    )
    service_date = forms.DateField(
        label=_("Date of the service or event (optional)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    latitude = forms.CharField(required=False, max_length=32, widget=forms.HiddenInput)
    longitude = forms.CharField(required=False, max_length=32, widget=forms.HiddenInput)
    kecamatan = forms.CharField(
        label=_("District (kecamatan)"),
        required=False,
        max_length=_max("kecamatan"),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    kelurahan = forms.CharField(
        label=_("Village (kelurahan/desa)"),
        required=False,
        max_length=_max("kelurahan"),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    address = forms.CharField(
        label=_("Address or landmark"),
        required=False,
        max_length=_max("address"),
        widget=forms.TextInput(attrs={"autocomplete": "street-address"}),
    )
    attachments = AttachmentsField(
        label=_("Photos or documents (optional)"),
        widget=MultipleFileInput(attrs={"accept": "image/jpeg,image/png,image/webp,application/pdf"}),
    )
    privacy = forms.CharField(
        label=_("Who may see your report?"),
        required=False,
        max_length=_max("privacy"),
        initial=Privacy.PUBLIC,
        widget=forms.RadioSelect(choices=Privacy.choices),
    )
    reporter_name = forms.CharField(
        label=_("Your name"),
        required=False,
        max_length=_max("reporter_name"),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    reporter_email = forms.CharField(
        label=_("Email"),
        required=False,
        max_length=_max("reporter_email"),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text=_("We send you an email each time the status of your report changes."),
    )
    reporter_phone = forms.CharField(
        label=_("Phone or WhatsApp"),
        required=False,
        max_length=_max("reporter_phone"),
        validators=[
            RegexValidator(
                r"^\+?[0-9][0-9 ().-]{4,30}$",
                _("Enter a phone number: digits, spaces and + - ( ) only."),
                code="invalid_phone",
            )
        ],
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "inputmode": "tel"}),
    )

    def __init__(
        self, *args, categories: QuerySet[ComplaintCategory], services: QuerySet[PublicService], **kwargs
    ):
        super().__init__(*args, **kwargs)
        self.categories = categories
        self._services = services
        self.fields["service_date"].widget.attrs["max"] = timezone.localdate().isoformat()
        # Radio buttons and the file input carry their own classes in the template.
        for name in ("kind", "privacy"):
            self.fields[name].widget.attrs.pop("class", None)

    def clean_category(self) -> ComplaintCategory | None:
        # An unknown or inactive id becomes "no category": the service names the problem.
        value = self.cleaned_data["category"].strip()
        if not value.isdigit():
            return None
        # get() drops the list's ordering: half the CPU of filter().first() on every report.
        try:
            return self.categories.get(pk=int(value))
        except ComplaintCategory.DoesNotExist:
            return None

    def _clean_coordinate(self, name: str) -> str:
        value = self.cleaned_data[name].strip()
        if value and not COORDINATE_PATTERN.match(value):
            raise ValidationError(_("The map position is not valid; place the pin again."), code="invalid")
        return value

    def clean_latitude(self) -> str:
        return self._clean_coordinate("latitude")

    def clean_longitude(self) -> str:
        return self._clean_coordinate("longitude")

    def clean_public_service(self) -> PublicService | None:
        value = self.cleaned_data["public_service"].strip()
        if not value:
            return None
        service = self._services.filter(pk=int(value)).first() if value.isdigit() else None
        if service is None:
            raise ValidationError(
                _("Choose a public service from the list, or none."), code="unknown_service"
            )
        return service

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("privacy") == Privacy.ANONYMOUS:
            # An anonymous report keeps no identity, even one typed before choosing.
            for name in ("reporter_name", "reporter_email", "reporter_phone"):
                cleaned[name] = ""
                self.errors.pop(name, None)
        return cleaned

    def submit_arguments(self) -> dict:
        """The keyword arguments of ``complaint_submit`` (besides actor and attachments)."""
        data = self.cleaned_data
        return {
            "kind": data["kind"],
            "category": data["category"],
            "public_service": data["public_service"],
            "description": data["description"],
            "latitude": data["latitude"] or None,
            "longitude": data["longitude"] or None,
            "kecamatan": data["kecamatan"],
            "kelurahan": data["kelurahan"],
            "address": data["address"],
            "service_date": data["service_date"],
            "privacy": data["privacy"],
            "reporter_name": data["reporter_name"],
            "reporter_email": data["reporter_email"],
            "reporter_phone": data["reporter_phone"],
        }

    def add_service_errors(self, error: ValidationError) -> None:
        """Put the service's messages next to the fields they name."""
        found = error.message_dict if hasattr(error, "error_dict") else {None: error.messages}
        for key, messages in found.items():
            # Coordinates are hidden inputs: their problems belong to the map.
            target = "latitude" if key in ("latitude", "longitude") else key
            for message in messages:
                self.add_error(target if target in self.fields else None, message)

    def privacy_options(self) -> list[dict]:
        chosen = self["privacy"].value() or Privacy.PUBLIC
        return [
            {"value": value, "label": label, "help": PRIVACY_HELP[value], "checked": value == chosen}
            for value, label in Privacy.choices
        ]

    def kind_options(self) -> list[dict]:
        chosen = self["kind"].value() or ComplaintKind.COMPLAINT
        return [
            {"value": value, "label": label, "checked": value == chosen}
            for value, label in ComplaintKind.choices
        ]

    def chosen_category_id(self) -> str:
        return str(self["category"].value() or "")

    def chosen_service(self) -> PublicService | None:
        if self.is_bound and hasattr(self, "cleaned_data"):
            # Already looked up by the cleaning (None when it was refused): no second query.
            return self.cleaned_data.get("public_service")
        value = str(self["public_service"].value() or "").strip()
        if not value.isdigit():
            return None
        return self._services.filter(pk=int(value)).first()


class SimilarQueryForm(forms.Form):
    """The query of the similar-reports panel: what the form holds so far."""

    category = forms.IntegerField(required=False, min_value=1)
    latitude = forms.DecimalField(required=False, max_digits=9, decimal_places=6)
    longitude = forms.DecimalField(required=False, max_digits=9, decimal_places=6)
    kecamatan = forms.CharField(required=False, max_length=_max("kecamatan"))


class ServiceSearchForm(forms.Form):
    service_q = forms.CharField(required=False, max_length=SERVICE_SEARCH_MAX_LENGTH)
