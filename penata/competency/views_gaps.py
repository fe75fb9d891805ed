"""Competency gap map pages: the agency heat map (units × competencies), its drill-down to
the people below standard, its Excel export, and the province overview.

Who sees what (``gaps.can_see_gap_maps``): province administrators, training managers
(BPSDM plans training from these gaps) and leaders see every agency and the province
overview; an agency administrator sees their agency and its sub-agencies (another
agency is a 404); employees, citizens and complaint roles get a 403.
"""

import io
from urllib.parse import urlencode

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from penata.core.forms import BootstrapForm
from penata.core.pages import paginate
from penata.core.spreadsheets import append_row
from penata.organization.models import Agency, Unit

from .gaps import (
    MAP_SORTS,
    MAX_TOP_COMPETENCIES,
    AgencyGapMap,
    agency_gap_map,
    can_see_gap_maps,
    can_see_province_gaps,
    counted_staff,
    gap_agencies_visible_to,
    province_gap_overview,
    staff_below_standard,
)
from .models import Competency

PEOPLE_PER_PAGE = 25
DEFAULT_TOP = 5
TOP_CHOICES = (5, 8, 12)
CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _bad_request(request, form):
    messages = [f"{form.fields[name].label}: {' '.join(errors)}" for name, errors in form.errors.items()]
    return render(request, "competency/gaps/bad_request.html", {"problems": messages}, status=400)


def _require_gap_role(user) -> None:
    if not can_see_gap_maps(user):
        raise PermissionDenied


def _agency_for(request, code: str) -> tuple[Agency, list[Agency]]:
    """The agency asked for (or the user's own, else the first one they may see) and the
    list for the picker. Outside the user's scope: 404."""
    visible = list(gap_agencies_visible_to(user=request.user).order_by("code"))
    if code:
        for agency in visible:
            if agency.code == code:
                return agency, visible
        raise Http404
    for agency in visible:
        if agency.pk == request.user.agency_id:
            return agency, visible
    if not visible:
        raise Http404
    return visible[0], visible


class MapForm(BootstrapForm):
    agency = forms.CharField(label=gettext_lazy("Agency"), required=False, max_length=32)
    sort = forms.ChoiceField(
        label=gettext_lazy("Order of units"),
        required=False,
        choices=[("tree", gettext_lazy("Unit tree")), ("worst", gettext_lazy("Largest gaps first"))],
    )


class PeopleForm(BootstrapForm):
    agency = forms.CharField(label=gettext_lazy("Agency"), required=False, max_length=32)
    unit = forms.CharField(label=gettext_lazy("Unit"), required=False, max_length=48)
    competency = forms.CharField(label=gettext_lazy("Competency"), max_length=24)

    def clean_competency(self):
        code = self.cleaned_data["competency"].strip()
        competency = Competency.objects.filter(code=code).first()
        if competency is None:
            raise forms.ValidationError(_("Unknown competency code: %(code)s.") % {"code": code})
        return competency


class ProvinceForm(BootstrapForm):
    top = forms.TypedChoiceField(
        label=gettext_lazy("Competencies in the table"),
        required=False,
        coerce=int,
        empty_value=DEFAULT_TOP,
        choices=[(n, n) for n in TOP_CHOICES],
    )
    sort = forms.CharField(label=gettext_lazy("Sort by"), required=False, max_length=24)


def _people_url(agency: Agency, competency: Competency, unit: Unit | None = None) -> str:
    query = {"agency": agency.code, "competency": competency.code}
    if unit is not None:
        query["unit"] = unit.code
    return f"{reverse('competency:gap_people')}?{urlencode(query)}"


def _table(gap_map: AgencyGapMap) -> tuple[list[dict], list[dict]]:
    """Rows and the agency footer as template-ready entries (competency, cell, drill-down link)."""
    rows = [
        {
            "row": row,
            "cells": [
                {
                    "competency": column.competency,
                    "cell": cell,
                    "href": _people_url(gap_map.agency, column.competency, row.unit),
                }
                for column, cell in zip(gap_map.columns, row.cells, strict=True)
            ],
        }
        for row in gap_map.rows
    ]
    footer = [
        {
            "competency": column.competency,
            "cell": column.total,
            "href": _people_url(gap_map.agency, column.competency),
        }
        for column in gap_map.columns
    ]
    return rows, footer


@login_required
def gap_map_view(request):
    _require_gap_role(request.user)
    form = MapForm(request.GET)
    if not form.is_valid():
        return _bad_request(request, form)
    agency, agencies = _agency_for(request, form.cleaned_data["agency"].strip())
    sort = form.cleaned_data["sort"] or "tree"
    gap_map = agency_gap_map(agency=agency, sort=sort)
    rows, footer = _table(gap_map)
    context = {
        "form": form,
        "gap_map": gap_map,
        "rows": rows,
        "footer": footer,
        "agency": agency,
        "agencies": agencies,
        "sort": sort,
        "sorts": MAP_SORTS,
        "province_link": can_see_province_gaps(request.user),
        "definition": definition(),
    }
    return render(request, "competency/gaps/agency_map.html", context)


@login_required
def gap_people_view(request):
    _require_gap_role(request.user)
    form = PeopleForm(request.GET)
    if not form.is_valid():
        return _bad_request(request, form)
    agency, _agencies = _agency_for(request, form.cleaned_data["agency"].strip())
    competency = form.cleaned_data["competency"]
    unit = None
    if unit_code := form.cleaned_data["unit"].strip():
        unit = Unit.objects.filter(agency=agency, code=unit_code).first()
        if unit is None:
            raise Http404
    people = staff_below_standard(agency=agency, competency=competency, unit=unit)
    held = counted_staff().filter(agency=agency, position__standards__competency=competency)
    if unit is not None:
        held = held.filter(position__unit=unit)
    context = {
        "agency": agency,
        "unit": unit,
        "competency": competency,
        "page": paginate(request, people, PEOPLE_PER_PAGE),
        "staff": held.count(),
    }
    return render(request, "competency/gaps/people.html", context)


@login_required
def gap_province_view(request):
    _require_gap_role(request.user)
    if not can_see_province_gaps(request.user):
        raise PermissionDenied
    form = ProvinceForm(request.GET)
    if not form.is_valid():
        return _bad_request(request, form)
    top = form.cleaned_data["top"] or DEFAULT_TOP
    overview = province_gap_overview(
        agencies=gap_agencies_visible_to(user=request.user),
        top=top,
        sort=form.cleaned_data["sort"].strip() or "total",
    )
    rows = [{"row": row, "cells": list(zip(overview.top, row.cells, strict=True))} for row in overview.rows]
    context = {
        "overview": overview,
        "rows": rows,
        "top": top,
        "top_choices": TOP_CHOICES,
        "max_top": MAX_TOP_COMPETENCIES,
        "definition": definition(),
    }
    return render(request, "competency/gaps/province.html", context)


# --- Excel -----------------------------------------------------------------------------

HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="0F4C5C")
SEVERITY_FILLS = {
    0: PatternFill("solid", fgColor="D8EFE0"),
    1: PatternFill("solid", fgColor="FFF3C4"),
    2: PatternFill("solid", fgColor="FDD49E"),
    3: PatternFill("solid", fgColor="F59E7A"),
    4: PatternFill("solid", fgColor="D9534F"),
}


def _header(sheet, titles: list[str]) -> None:
    append_row(sheet, titles)
    for cell in sheet[sheet.max_row]:
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(vertical="center", wrap_text=True)
    sheet.freeze_panes = f"C{sheet.max_row + 1}"


def _share_cell(sheet, row: int, column: int, gap_cell) -> None:
    cell = sheet.cell(row=row, column=column)
    if gap_cell.share is None:
        return
    cell.value = gap_cell.share / 100
    cell.number_format = "0%"
    cell.fill = SEVERITY_FILLS[gap_cell.severity]


def gap_map_workbook(gap_map: AgencyGapMap) -> bytes:
    """Three sheets: the heat map (share below), one row per unit × competency with N, B
    and mean gap, and the definition."""
    book = Workbook()
    sheet = book.active
    sheet.title = _("Gap map")
    codes = [column.competency.code for column in gap_map.columns]
    _header(sheet, [_("Unit code"), _("Unit"), *codes, _("All competencies"), _("Staff"), _("Not mapped")])
    for row in gap_map.rows:
        append_row(sheet, [row.unit.code, "  " * row.depth + row.unit.name])
        number = sheet.max_row
        for offset, cell in enumerate([*row.cells, row.total]):
            _share_cell(sheet, number, 3 + offset, cell)
        sheet.cell(row=number, column=4 + len(codes), value=row.staff)
        sheet.cell(row=number, column=5 + len(codes), value=row.unmapped)
    append_row(sheet, ["", _("Whole agency")])
    number = sheet.max_row
    for offset, column in enumerate([*gap_map.columns]):
        _share_cell(sheet, number, 3 + offset, column.total)
    _share_cell(sheet, number, 3 + len(codes), gap_map.total)
    sheet.cell(row=number, column=4 + len(codes), value=gap_map.staff)
    sheet.cell(row=number, column=5 + len(codes), value=gap_map.unmapped)
    for cell in sheet[number]:
        cell.font = Font(bold=True)
    sheet.column_dimensions["A"].width = 14
    sheet.column_dimensions["B"].width = 42
    for index in range(3, 6 + len(codes)):
        sheet.column_dimensions[get_column_letter(index)].width = 11

    details = book.create_sheet(_("Details"))
    _header(
        details,
        [
            _("Unit code"),
            _("Unit"),
            _("Competency code"),
            _("Competency"),
            _("Staff with the competency in their standard (N)"),
            _("Below standard (B)"),
            _("Share below standard"),
            _("Mean gap of those below"),
        ],
    )
    for row in gap_map.rows:
        for column, cell in zip(gap_map.columns, row.cells, strict=True):
            if not cell.staff:
                continue
            append_row(
                details,
                [
                    row.unit.code,
                    row.unit.name,
                    column.competency.code,
                    column.competency.name,
                    cell.staff,
                    cell.below,
                    cell.share / 100,
                    round(cell.mean_gap, 2) if cell.mean_gap is not None else None,
                ],
            )
            details.cell(row=details.max_row, column=7).number_format = "0.0%"
    for letter, width in zip("ABCDEFGH", (14, 36, 12, 32, 16, 14, 14, 14), strict=True):
        details.column_dimensions[letter].width = width

    about = book.create_sheet(_("Definition"))
    about.column_dimensions["A"].width = 110
    for line in definition_lines(gap_map.agency):
        append_row(about, [line])
        about.cell(row=about.max_row, column=1).alignment = Alignment(wrap_text=True)
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()


def definition() -> list[str]:
    """The definition, as shown on the pages and in the export."""
    return [
        _(
            "Below standard: the level that counts (the latest valid assessment that is not a "
            "self-assessment; never assessed = 0) is lower than the level the position's standard requires."
        ),
        _(
            "Share below standard = B / N, where N is the staff whose position's standard includes the "
            "competency and B those of them below standard. Mean gap = the mean of (level − required) "
            "over the B staff below standard."
        ),
        _(
            "Not mapped: staff without a position or whose position has no competency standard; they are "
            "counted apart. Only active staff and staff on leave are counted."
        ),
    ]


def definition_lines(agency: Agency) -> list[str]:
    title = _("Competency gap map of %(agency)s, %(date)s") % {
        "agency": agency.name,
        "date": timezone.localdate().strftime("%d-%m-%Y"),
    }
    return [title, *definition()]


@login_required
def gap_export_view(request):
    _require_gap_role(request.user)
    form = MapForm(request.GET)
    if not form.is_valid():
        return _bad_request(request, form)
    agency, _agencies = _agency_for(request, form.cleaned_data["agency"].strip())
    gap_map = agency_gap_map(agency=agency, sort=form.cleaned_data["sort"] or "tree")
    response = HttpResponse(gap_map_workbook(gap_map), content_type=CONTENT_TYPE)
    filename = f"competency-gaps-{agency.code}-{timezone.localdate():%Y-%m-%d}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


urlpatterns = [
    path("gaps/", gap_map_view, name="gap_map"),
    path("gaps/people/", gap_people_view, name="gap_people"),
    path("gaps/export/", gap_export_view, name="gap_export"),
    path("gaps/province/", gap_province_view, name="gap_province"),
]
