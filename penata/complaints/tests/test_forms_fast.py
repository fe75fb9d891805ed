"""The officers' pages' faster forms write exactly what Django's widget templates write,
read their options once, and the inbox sorts a handful of matches directly."""

import pytest
from django import forms
from django.db.models import F
from django.db.models.functions import Coalesce
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from penata.accounts.models import Role
from penata.complaints.forms_fast import FastWidgetRenderer, OptionsChoiceField
from penata.complaints.forms_staff import (
    AnswerForm,
    AssignForm,
    BulkActionForm,
    DispatchForm,
    InboxFilterForm,
    NoteForm,
    PrivacyForm,
    ReasonForm,
    ReferForm,
    RequestInfoForm,
    agency_options,
)
from penata.complaints.models import Privacy, ResponseTemplate
from penata.complaints.selectors_inbox import SORT_MATCHES_BELOW, inbox_order
from penata.organization.models import Agency
from penata.organization.tests.factories import AgencyFactory

FAST = FastWidgetRenderer()
TRICKY = "<b>\"Tom\" & 'Jerry'</b>"


def both(widget, name, value, attrs=None):
    """(Django's templates, the fast renderer) for one widget."""
    return widget.render(name, value, attrs), widget.render(name, value, attrs, renderer=FAST)


@pytest.mark.parametrize(
    ("widget", "value", "attrs"),
    [
        (
            forms.Select(choices=[("", "All"), ("a", "A"), ("b", TRICKY)]),
            "b",
            {"id": "id_x", "required": True},
        ),
        (forms.Select(choices=[("", "All"), ("a", "A")]), None, {"id": "id_x", "disabled": False}),
        (
            forms.Select(choices=[(1, 10000), (2, gettext_lazy("Archive")), (3, mark_safe("<i>x</i>"))]),
            2,
            None,
        ),
        (
            forms.Select(choices=[("Group <1>", [("a", "A"), ("b", "B")]), ("c", "C")]),
            "c",
            {"class": "form-select"},
        ),
        (forms.TextInput(attrs={"class": "form-control", "maxlength": 40}), TRICKY, {"id": "id_q"}),
        (forms.TextInput(), None, {"aria-invalid": "true", "aria-describedby": "id_q_error"}),
        (forms.TextInput(), "", None),
        (forms.CheckboxInput(attrs={"class": "form-check-input"}), True, {"id": "id_overdue"}),
        (forms.CheckboxInput(), False, None),
        (forms.Textarea(attrs={"rows": 3}), TRICKY + "\nline two", {"id": "id_text", "required": True}),
        (forms.Textarea(), "", None),
        (forms.Textarea(), None, None),
    ],
)
def test_widgets_are_written_as_the_templates_write_them(widget, value, attrs):
    slow, fast = both(widget, "field", value, attrs)
    assert fast == slow


def test_other_widgets_go_to_the_templates():
    widget = forms.ClearableFileInput()
    slow, fast = both(widget, "files", None, {"id": "id_files"})
    assert fast == slow
    widget = forms.RadioSelect(choices=[("a", "A"), ("b", "B")])
    slow, fast = both(widget, "choice", "a", {"id": "id_choice"})
    assert fast == slow


def render_fields(form) -> list[str]:
    return [str(form[name]) for name in form.fields]


@pytest.mark.django_db
def test_staff_forms_render_as_with_the_default_renderer(make_user, agency_a, agency_b):
    AgencyFactory(code="AMP", name="Agency & <Partner>")
    officer = make_user(Role.COMPLAINT_OFFICER, agency_a, username="officer_x")
    ResponseTemplate.objects.create(agency=agency_a, title="Siap <diambil>", body="Body")
    templates = ResponseTemplate.objects.order_by("title")
    officers = type(officer).objects.filter(pk=officer.pk).select_related("agency")
    made = [
        lambda **kw: InboxFilterForm(
            {"status": "open", "category": "NOPE", "q": TRICKY}, province_wide=True, **kw
        ),
        lambda **kw: InboxFilterForm({}, province_wide=False, **kw),
        lambda **kw: BulkActionForm(
            {"bulk-action": "assign"},
            actions=[BulkActionForm.ASSIGN, BulkActionForm.ANSWER],
            officers=officers,
            templates=templates,
            prefix="bulk",
            **kw,
        ),
        lambda **kw: BulkActionForm(
            None,
            actions=[BulkActionForm.DISPATCH, BulkActionForm.ARCHIVE],
            officers=type(officer).objects.none(),
            templates=ResponseTemplate.objects.none(),
            agencies=agency_options(),
            prefix="bulk",
            **kw,
        ),
        lambda **kw: DispatchForm({"agency": "zz"}, prefix="dispatch", **kw),
        lambda **kw: AssignForm(None, officers=officers, prefix="assign", **kw),
        lambda **kw: AnswerForm({"answer-answer": TRICKY}, templates=templates, prefix="answer", **kw),
        lambda **kw: ReferForm(None, current_agency_id=agency_a.pk, prefix="refer", **kw),
        lambda **kw: PrivacyForm(None, current=Privacy.PUBLIC, prefix="privacy", **kw),
        lambda **kw: RequestInfoForm({"info-question": ""}, prefix="info", **kw),
        lambda **kw: ReasonForm(None, prefix="reason", **kw),
        lambda **kw: NoteForm({"note-text": TRICKY}, prefix="note", **kw),
    ]
    for make in made:
        fast_form, slow_form = make(), make(renderer=forms.renderers.DjangoTemplates())
        fast_form.is_valid(), slow_form.is_valid()
        assert isinstance(fast_form.renderer, FastWidgetRenderer)
        assert render_fields(fast_form) == render_fields(slow_form)


@pytest.mark.django_db
def test_options_are_read_once_and_shared(agency_a, agency_b, django_assert_num_queries):
    class Pick(forms.Form):
        agency = OptionsChoiceField(queryset=Agency.objects.none(), to_field_name="code")

    shared = agency_options()
    first, second = Pick(), Pick()
    for form in (first, second):
        form.fields["agency"].queryset = Agency.objects.order_by("name")
        form.fields["agency"].options = shared
    with django_assert_num_queries(1):
        html = str(first["agency"]) + str(second["agency"])
    assert html.count(f'value="{agency_a.code}"') == 2
    # The submitted value is still checked against the queryset.
    form = Pick({"agency": agency_b.code})
    form.fields["agency"].queryset = Agency.objects.filter(pk=agency_a.pk)
    form.fields["agency"].options = shared
    assert not form.is_valid()


@pytest.mark.django_db
def test_a_required_select_reads_its_options_once(agency_a, django_assert_num_queries):
    form = DispatchForm(prefix="dispatch")
    with django_assert_num_queries(1):
        html = str(form["agency"])
    assert " required " in html


def test_a_few_matches_are_sorted_directly():
    deadline, tie = inbox_order(matching=SORT_MATCHES_BELOW - 1)
    assert isinstance(deadline.expression, Coalesce)
    assert deadline.nulls_last and tie == "id"
    for matching in (None, SORT_MATCHES_BELOW):
        deadline, tie = inbox_order(matching=matching)
        assert deadline.expression == F("step_due_at")
        assert deadline.nulls_last and tie == "id"
