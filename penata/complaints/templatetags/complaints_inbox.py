"""The rows of the officers' inbox table, written in Python.

Load with ``{% load complaints_inbox %}``; ``{% inbox_rows page.object_list show_agency=… %}``
writes one ``<tr>`` per report. A page has 25 rows of some 20 values each, with the
status and the time left twice (in their columns and, for phones, under the report):
through the template engine they took several milliseconds a page, here a fraction of
that. The status and time-left badges still come from their templates
(``_status.html``, ``_badge.html``, shared with the report's page), rendered once for
each value on the page. The view puts the time-left badge on each report (``badge``).
"""

import html
from datetime import date
from urllib.parse import quote

from django import template
from django.db.models import Model
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.http import RFC3986_SUBDELIMS
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.timezone import template_localtime
from django.utils.translation import gettext as _

register = template.Library()

STATUS_TEMPLATE = "complaints/inbox/_status.html"
BADGE_TEMPLATE = "complaints/inbox/_badge.html"
SNIPPET_LENGTH = 110
URL_SAFE = RFC3986_SUBDELIMS + "/~:@"  # what reverse() leaves unquoted in a path
_CODE_MARK = "--code--"  # stands for the tracking code in the report link's path

_ROW = """
        <tr data-testid="inbox-row" data-code="{code}">
          <td class="inbox-check"><input class="form-check-input" type="checkbox" name="codes" \
value="{code}" form="bulk-form" data-bulk-item aria-label="{select}"></td>
          <td class="inbox-report">
            <a class="fw-semibold nip" href="{link}" data-testid="report-link">{code}</a>
            <span class="badge badge-soft ms-1">{kind}</span>
            <div class="small text-body-secondary inbox-snippet">{snippet}</div>
            <div class="d-md-none mt-1 d-flex flex-wrap gap-1 align-items-center">{status} {badge}</div>
            <div class="small text-body-secondary d-md-none mt-1">{summary}</div>
          </td>
          <td class="d-none d-md-table-cell small">{category}</td>
          {agency}
          <td class="d-none d-md-table-cell">{status}</td>
          <td class="d-none d-lg-table-cell small" data-testid="officer">{officer}</td>
          <td class="d-none d-md-table-cell text-nowrap">{badge}{due}</td>
        </tr>
      """
_AGENCY_CELL = '<td class="d-none d-lg-table-cell small">{}</td>'
_NO_OFFICER = '<span class="text-body-secondary">—</span>'
_DUE = '<div class="small text-body-secondary">{}</div>'


def _escape(value) -> str:
    """What ``{{ value }}`` writes for a text."""
    return html.escape(str(value))


def _labels(model: type[Model], field: str) -> dict[str, str]:
    return {value: _escape(label) for value, label in model._meta.get_field(field).flatchoices}


@register.simple_tag
def inbox_rows(complaints, *, show_agency: bool) -> SafeString:
    """The table's rows (the row markup of ``_results.html``). Labels, dates and badges
    are worked out once for each value on the page, the link with one ``reverse()``."""
    if not complaints:
        return mark_safe("")
    kinds = _labels(type(complaints[0]), "kind")
    link_start, link_end = reverse("complaints:inbox_detail", kwargs={"code": _CODE_MARK}).split(_CODE_MARK)
    select = _("Select %(code)s")  # as {% blocktranslate %}: the code escaped, the text not
    status_html: dict[str, str] = {}
    badge_html: dict[tuple | None, str] = {}
    due_html: dict[date, str] = {}
    rows = []
    for complaint in complaints:
        badge = complaint.badge
        code = _escape(complaint.tracking_code)
        if complaint.status not in status_html:
            status_html[complaint.status] = render_to_string(STATUS_TEMPLATE, {"complaint": complaint})
        due = template_localtime(complaint.step_due_at) if badge is not None else None
        key = (badge, due.date()) if due is not None else None
        if key not in badge_html:
            badge_html[key] = render_to_string(BADGE_TEMPLATE, {"complaint": complaint, "badge": badge})
        if due is not None and due.date() not in due_html:
            due_html[due.date()] = _DUE.format(_escape(date_format(due, "j M Y")))
        agency, officer = complaint.agency, complaint.assigned_to
        agency_name = agency.name if agency is not None else ""
        officer_name = (officer.full_name or officer.username) if officer is not None else ""
        summary = [complaint.category.name]  # for phones: category · agency · officer
        if agency is not None:
            summary.append(agency.code)
        if officer_name:
            summary.append(officer_name)
        rows.append(
            _ROW.format(
                code=code,
                select=select % {"code": code},
                link=_escape(link_start + quote(complaint.tracking_code, safe=URL_SAFE) + link_end),
                kind=kinds.get(complaint.kind, _escape(complaint.kind)),
                snippet=_escape(Truncator(complaint.description).chars(SNIPPET_LENGTH)),
                status=status_html[complaint.status],
                badge=badge_html[key],
                summary=_escape(" · ".join(summary)),
                category=_escape(complaint.category.name),
                agency=_AGENCY_CELL.format(_escape(agency_name or "—")) if show_agency else "",
                officer=_escape(officer_name) if officer_name else _NO_OFFICER,
                due=due_html[due.date()] if due is not None else "",
            )
        )
    return mark_safe("".join(rows))  # noqa: S308 (every value above is escaped or a rendered template)
