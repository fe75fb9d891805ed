"""Faster forms for the officers' pages, with the same HTML and behaviour.

``FastWidgetRenderer`` writes the plain widgets these pages use (select, text input,
checkbox, textarea) in Python, with exactly the HTML of Django's widget templates; any
other template goes to the project's default renderer. Django renders a select with one
sub-template per option (and one more per option for its attributes): the inbox's two
agency selects alone were some 180 template renders per page.

``OptionsChoiceField`` reads its options with one plain query: Django's default,
``queryset.iterator()``, opens a server-side cursor on PostgreSQL (DECLARE, FETCH, CLOSE:
three round trips and a cursor held past the transaction) for a few dozen rows.
"""

import html

from django import forms
from django.forms.models import ModelChoiceIterator
from django.forms.renderers import get_default_renderer
from django.template import Context
from django.template.base import render_value_in_context
from django.utils.safestring import SafeData, mark_safe

SELECT = "django/forms/widgets/select.html"
SELECT_OPTION = "django/forms/widgets/select_option.html"
INPUT_TEMPLATES = frozenset(
    {
        "django/forms/widgets/input.html",
        "django/forms/widgets/text.html",
        "django/forms/widgets/checkbox.html",
        "django/forms/widgets/search.html",
        "django/forms/widgets/number.html",
        "django/forms/widgets/email.html",
    }
)
TEXTAREA = "django/forms/widgets/textarea.html"

# What a template sees when the renderer renders a dict: autoescape on, the active
# language's number and date formats.
_CONTEXT = Context(autoescape=True)


def _text(value) -> str:
    """``{{ value }}``"""
    if type(value) is str:  # most of them: no localizing, no lazy translation, not safe yet
        return html.escape(value)
    return render_value_in_context(value, _CONTEXT)


def _string(value) -> str:
    """``{{ value|stringformat:'s' }}``"""
    if type(value) is str:
        return html.escape(value)
    try:
        text = "%s" % (str(value) if isinstance(value, tuple) else value)
    except (ValueError, TypeError):
        text = ""
    if isinstance(value, SafeData):
        # The filter keeps a value already marked safe as safe, like the template does.
        text = mark_safe(text)  # noqa: S308
    return render_value_in_context(text, _CONTEXT)


def _attrs(attrs: dict) -> str:
    """``django/forms/widgets/attrs.html``"""
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        parts.append(" " + _text(name) if value is True else f' {_text(name)}="{_string(value)}"')
    return "".join(parts)


def _select(widget: dict) -> str | None:
    parts = [f'<select name="{_text(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{_text(group_name)}">')
        for option in group_choices:
            if option["template_name"] != SELECT_OPTION:
                return None
            parts.append(
                f'\n  <option value="{_string(option["value"])}"{_attrs(option["attrs"])}>'
                f"{_text(option['label'])}</option>\n"
            )
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


def _input(widget: dict) -> str:
    value = widget["value"]
    shown = f' value="{_string(value)}"' if value != None else ""  # noqa: E711 (the template's test)
    kind, name = _text(widget["type"]), _text(widget["name"])
    return f'<input type="{kind}" name="{name}"{shown}{_attrs(widget["attrs"])}>'


def _textarea(widget: dict) -> str:
    value = widget["value"]
    return (
        f'<textarea name="{_text(widget["name"])}"{_attrs(widget["attrs"])}>\n'
        f"{_text(value) if value else ''}</textarea>"
    )


class FastWidgetRenderer:
    """Everything but the widgets above is the default renderer's (forms, fields, errors)."""

    def __getattr__(self, name):
        return getattr(get_default_renderer(), name)

    def render(self, template_name, context, request=None):
        widget = context.get("widget") if isinstance(context, dict) else None
        html = None
        if widget is not None:
            if template_name == SELECT:
                html = _select(widget)
            elif template_name in INPUT_TEMPLATES and "type" in widget:
                html = _input(widget)
            elif template_name == TEXTAREA:
                html = _textarea(widget)
        if html is None:
            return get_default_renderer().render(template_name, context, request=request)
        return html.strip()


class OptionsIterator(ModelChoiceIterator):
    def _objects(self):
        # ``options`` when the page shares one list between several selects, else the
        # field's own queryset (a fresh one per form): read once, kept for the form.
        return self.queryset if self.field.options is None else self.field.options

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self._objects():
            yield self.choice(obj)

    def __len__(self):
        return len(self._objects()) + (1 if self.field.empty_label is not None else 0)

    def __bool__(self):
        return self.field.empty_label is not None or bool(self._objects())


class OptionsChoiceField(forms.ModelChoiceField):
    """A ``ModelChoiceField`` whose options are read with one plain query. ``options``
    (a queryset or list) may replace the queryset for the options only, so that selects
    listing the same objects on one page share one query; the submitted value is still
    checked against ``queryset``."""

    iterator = OptionsIterator
    options = None
