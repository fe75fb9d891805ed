"""Forms of the officers' and verifiers' pages: they parse input; the services decide."""

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from penata.core.forms import BootstrapForm
from penata.organization.models import Agency

from .forms_fast import FastWidgetRenderer, OptionsChoiceField
from .models import (
    ATTACHMENT_MAX_FILES,
    DESCRIPTION_MAX_LENGTH,
    PRIVACY_ORDER,
    ComplaintCategory,
    ComplaintStatus,
    Privacy,
    ResponseTemplate,
)
from .selectors_inbox import ASSIGNED_TO_ME, OPEN, UNASSIGNED
from .services.officers import NOTE_MAX_LENGTH, TEMPLATE_BODY_MAX_LENGTH, TEMPLATE_TITLE_MAX_LENGTH

SEARCH_MAX_LENGTH = 40
REASON_MAX_LENGTH = 2000


class ServiceErrorsMixin:
    """Put a service's ``ValidationError`` next to the field it names (the others above the form)."""

    def add_service_errors(self, error: ValidationError) -> None:
        if hasattr(error, "error_dict"):
            for key, messages in error.message_dict.items():
                for message in messages:
                    self.add_error(key if key in self.fields else None, message)
        else:
            for message in error.messages:
                self.add_error(None, message)


class StaffForm(ServiceErrorsMixin, BootstrapForm):
    default_renderer = FastWidgetRenderer()


def agency_options() -> QuerySet[Agency]:
    """Every agency as an option (value: code, label: name), for the selects of a page
    that list them: pass the same one to each form and it is read once."""
    return Agency.objects.order_by("name").only("id", "code", "name")


class InboxFilterForm(BootstrapForm):
    default_renderer = FastWidgetRenderer()

    q = forms.CharField(label=_("Tracking code"), required=False, max_length=SEARCH_MAX_LENGTH)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All statuses")), (OPEN, _("Open (not closed)")), *ComplaintStatus.choices],
    )
    category = OptionsChoiceField(
        label=_("Category"), required=False, queryset=ComplaintCategory.objects.none(), to_field_name="code"
    )
    agency = OptionsChoiceField(
        label=_("Agency"), required=False, queryset=Agency.objects.none(), to_field_name="code"
    )
    assigned = forms.ChoiceField(
        label=_("Assigned"),
        required=False,
        choices=[("", _("Anyone or nobody")), (ASSIGNED_TO_ME, _("To me")), (UNASSIGNED, _("Nobody yet"))],
    )
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)

    def __init__(self, *args, province_wide: bool, agencies: QuerySet[Agency] | None = None, **kwargs):
        """``agencies``: the page's shared ``agency_options()``."""
        super().__init__(*args, **kwargs)
        # Only filters: the options' fields are all it needs of them.
        categories = ComplaintCategory.objects.order_by("name").only("id", "code", "name")
        self.fields["category"].queryset = categories
        self.fields["category"].empty_label = _("All categories")
        if province_wide:
            agencies = agency_options() if agencies is None else agencies
            self.fields["agency"].queryset = agencies
            self.fields["agency"].options = agencies
            self.fields["agency"].empty_label = _("All agencies")
        else:
            del self.fields["agency"]


# --- the verifier's actions ---------------------------------------------------------------


def _textarea(rows: int = 3) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


class DispatchForm(StaffForm):
    agency = OptionsChoiceField(
        label=_("Responsible agency"), queryset=Agency.objects.none(), to_field_name="code"
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = Agency.objects.order_by("name")
        self.fields["agency"].empty_label = _("Choose an agency")


class RequestInfoForm(StaffForm):
    question = forms.CharField(
        label=_("Question to the reporter"),
        max_length=REASON_MAX_LENGTH,
        widget=_textarea(),
        help_text=_("The clock stops until the reporter answers."),
    )


class ReasonForm(StaffForm):
    reason = forms.CharField(label=_("Reason"), max_length=REASON_MAX_LENGTH, widget=_textarea())


class PrivacyForm(StaffForm):
    privacy = forms.ChoiceField(label=_("New privacy"), choices=())

    def __init__(self, *args, current: str, **kwargs):
        super().__init__(*args, **kwargs)
        tighter = PRIVACY_ORDER[PRIVACY_ORDER.index(current) + 1 :]
        self.fields["privacy"].choices = [(value, Privacy(value).label) for value in tighter]


# --- the agency's actions -----------------------------------------------------------------


class AssignForm(StaffForm):
    officer = OptionsChoiceField(label=_("Officer"), queryset=None)

    def __init__(self, *args, officers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["officer"].queryset = officers
        self.fields["officer"].empty_label = _("Choose an officer")
        self.fields["officer"].label_from_instance = lambda user: user.full_name or user.username


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; the service checks their number and content."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "widget", MultipleFileInput(attrs={"accept": "image/jpeg,image/png,image/webp,.pdf"})
        )
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(item, initial) for item in data if item]
        return [super().clean(data, initial)] if data else []


class AnswerForm(StaffForm):
    template = OptionsChoiceField(
        label=_("Start from a response template"), required=False, queryset=ResponseTemplate.objects.none()
    )
    answer = forms.CharField(label=_("Answer"), max_length=DESCRIPTION_MAX_LENGTH, widget=_textarea(8))
    attachments = MultipleFileField(
        label=_("Attachments"),
        required=False,
        help_text=_("Up to %(max)s photos (JPEG, PNG, WebP) or PDF documents, 10 MB each.")
        % {"max": ATTACHMENT_MAX_FILES},
    )

    def __init__(self, *args, templates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["template"].queryset = templates
        self.fields["template"].empty_label = _("No template")


class ReferForm(StaffForm):
    agency = OptionsChoiceField(label=_("Refer to"), queryset=Agency.objects.none(), to_field_name="code")
    reason = forms.CharField(label=_("Reason"), max_length=REASON_MAX_LENGTH, widget=_textarea())

    def __init__(self, *args, current_agency_id: int | None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = Agency.objects.exclude(pk=current_agency_id or 0).order_by("name")
        self.fields["agency"].empty_label = _("Choose an agency")


class NoteForm(StaffForm):
    text = forms.CharField(
        label=_("Internal note"),
        max_length=NOTE_MAX_LENGTH,
        widget=_textarea(),
        help_text=_(
            "Seen only by the agency's staff and the verifiers, never by the reporter or the public."
        ),
    )


# --- bulk actions and templates -----------------------------------------------------------


class BulkActionForm(StaffForm):
    ASSIGN, ANSWER, ARCHIVE, DISPATCH = "assign", "answer", "archive", "dispatch"

    action = forms.ChoiceField(label=_("Action"), choices=())
    officer = OptionsChoiceField(label=_("Officer"), required=False, queryset=None)
    template = OptionsChoiceField(label=_("Response template"), required=False, queryset=None)
    text = forms.CharField(
        label=_("Answer"), required=False, max_length=DESCRIPTION_MAX_LENGTH, widget=_textarea()
    )
    agency = OptionsChoiceField(
        label=_("Agency"), required=False, queryset=Agency.objects.none(), to_field_name="code"
    )
    reason = forms.CharField(label=_("Reason"), required=False, max_length=REASON_MAX_LENGTH)

    def __init__(self, *args, actions: list[str], officers, templates, agencies=None, **kwargs):
        """``agencies``: the page's shared ``agency_options()``, for the dispatch's options."""
        super().__init__(*args, **kwargs)
        labels = {
            self.ASSIGN: _("Assign to an officer"),
            self.ANSWER: _("Answer"),
            self.ARCHIVE: _("Archive"),
            self.DISPATCH: _("Dispatch to an agency"),
        }
        self.fields["action"].choices = [("", _("Choose an action")), *((a, labels[a]) for a in actions)]
        self.fields["officer"].queryset = officers
        # The options need only what they show (a choice is checked against the querysets).
        self.fields["officer"].options = officers.only("id", "full_name", "username", "agency__code")
        self.fields["officer"].empty_label = _("Choose an officer")
        self.fields["officer"].label_from_instance = lambda user: "{} · {}".format(
            user.full_name or user.username, user.agency.code if user.agency_id else ""
        )
        self.fields["template"].queryset = templates
        self.fields["template"].options = templates.select_related(None).only("id", "title")
        self.fields["template"].empty_label = _("No template (write the answer)")
        self.fields["agency"].queryset = (
            Agency.objects.order_by("name") if self.DISPATCH in actions else Agency.objects.none()
        )
        if self.DISPATCH in actions and agencies is not None:
            self.fields["agency"].options = agencies
        self.fields["agency"].empty_label = _("Choose an agency")

    def clean(self):
        data = super().clean()
        action = data.get("action")
        if action == self.ASSIGN and not data.get("officer"):
            self.add_error("officer", _("Choose an officer."))
        elif action == self.ANSWER and not data.get("template") and not (data.get("text") or "").strip():
            self.add_error("text", _("Choose a response template or write the answer."))
        elif action == self.DISPATCH and not data.get("agency"):
            self.add_error("agency", _("Choose an agency."))
        elif action == self.ARCHIVE and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Give a reason."))
        return data


class ResponseTemplateForm(StaffForm):
    agency = OptionsChoiceField(label=_("Agency"), queryset=None, to_field_name="code")
    title = forms.CharField(label=_("Title"), max_length=TEMPLATE_TITLE_MAX_LENGTH)
    body = forms.CharField(label=_("Text"), max_length=TEMPLATE_BODY_MAX_LENGTH, widget=_textarea(8))
    is_active = forms.BooleanField(label=_("Active (officers can pick it)"), required=False, initial=True)

    def __init__(self, *args, agencies, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["agency"]
        else:
            del self.fields["is_active"]
            self.fields["agency"].queryset = agencies
            self.fields["agency"].empty_label = None
