"""Talent nine-box pages: the grid of an agency or the province, the people in one box (or
not placed), and the Excel export.

Who: ``permissions.can_see_talent_grid`` (province administrator and leader for the whole
province and any agency; an agency administrator for their agency and its sub-agencies).
An agency outside the caller's scope is a 404, as elsewhere.

Every page places the whole selection with ``selectors.talent_grid`` (bulk: a fixed
number of queries, numpy for the sums), then fetches from the database only the
employees it shows, so the number of queries does not grow with the number of staff.
"""

import tempfile
from collections import Counter
from dataclasses import dataclass, field
from functools import wraps
from urllib.parse import urlencode

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from penata.accounts.scoping import scope_of
from penata.core.forms import BootstrapForm
from penata.core.pages import paginate
from penata.organization.models import Agency
from penata.organization.selectors import agency_list_visible_to
from penata.workforce.models import EmployeeStatus, PerformanceRating
from penata.workforce.selectors import employee_list_visible_to

from . import ninebox
from . import talent_labels as labels
from .conf import potential_cutoffs
from .permissions import can_see_talent_grid
from .selectors import TalentGrid, TalentPlacement, talent_grid
from .talent_export import CONTENT_TYPE, export_filename, talent_workbook_write

PEOPLE_PER_PAGE = 25
BOXES = range(1, 10)
# Columns of the per-agency table: best box first.
TABLE_BOXES = tuple(reversed(BOXES))
SORT_KEYS = ("agency", "placed", "unplaced", *(f"box{box}" for box in TABLE_BOXES))
UNPLACED_KINDS = {
    "unrated": ("competency:talent_unrated", gettext_lazy("No performance rating for the year")),
    "no-standard": ("competency:talent_no_standard", gettext_lazy("No competency standard for the position")),
}
SPOOL_BYTES = 8 * 1024 * 1024


class TalentFilterForm(BootstrapForm):
    year = forms.IntegerField(label=gettext_lazy("Year"), required=False, min_value=2000, max_value=2100)
    agency = forms.CharField(label=gettext_lazy("Agency"), required=False, max_length=32)
    sort = forms.ChoiceField(
        label=gettext_lazy("Sort"),
        required=False,
        choices=[("", "")] + [(key, key) for name in SORT_KEYS for key in (name, f"-{name}")],
    )


class BadFilter(Exception):
    def __init__(self, form: TalentFilterForm):
        self.form = form


@dataclass
class Selection:
    """Whose talent the page shows: the year and the agency (None: the whole province)."""

    user: object
    year: int
    years: list[int]
    agency: Agency | None
    agencies: list[Agency]
    agency_ids: frozenset[int] | None
    province_wide: bool
    sort: str = ""
    employees: QuerySet = field(init=False)

    def __post_init__(self):
        employees = employee_list_visible_to(user=self.user).filter(status=EmployeeStatus.ACTIVE)
        if self.agency_ids is not None:
            employees = employees.filter(agency_id__in=self.agency_ids)
        self.employees = employees

    @property
    def params(self) -> dict:
        out = {"year": self.year}
        if self.agency is not None:
            out["agency"] = self.agency.code
        return out

    def url(self, name: str, *, extra: dict | None = None, **kwargs) -> str:
        return f"{reverse(name, kwargs=kwargs or None)}?{urlencode({**self.params, **(extra or {})})}"

    @property
    def scope_label(self) -> str:
        return self.agency.name if self.agency else _("Whole province")

    @property
    def spans_agencies(self) -> bool:
        return self.agency_ids is None or len(self.agency_ids) > 1


def _descendants(agency: Agency, agencies: list[Agency]) -> frozenset[int]:
    """The agency and its sub-agencies, from the list already loaded (no query)."""
    found = {agency.pk}
    changed = True
    while changed:
        changed = False
        for other in agencies:
            if other.parent_id in found and other.pk not in found:
                found.add(other.pk)
                changed = True
    return frozenset(found)


def _selection(request) -> Selection:
    form = TalentFilterForm(request.GET)
    if not form.is_valid():
        raise BadFilter(form)
    user = request.user
    scope = scope_of(user)
    agencies = list(agency_list_visible_to(user=user).order_by("name"))
    agency = None
    if code := form.cleaned_data["agency"].strip():
        agency = next((a for a in agencies if a.code == code), None)
        if agency is None:
            raise Http404(_("Unknown agency."))
    elif not scope.all_agencies:
        # An agency administrator looks at their own agency (with its sub-agencies).
        agency = next((a for a in agencies if a.pk == user.agency_id), None)
        if agency is None:
            raise PermissionDenied
    agency_ids = _descendants(agency, agencies) if agency is not None else None
    scoped = employee_list_visible_to(user=user).filter(status=EmployeeStatus.ACTIVE)
    if agency_ids is not None:
        # The default year is the chosen agency's latest, not the province's.
        scoped = scoped.filter(agency_id__in=agency_ids)
    years = list(
        PerformanceRating.objects.filter(employee__in=scoped.values("pk"))
        .order_by("-year")
        .values_list("year", flat=True)
        .distinct()
    )
    this_year = timezone.localdate().year
    year = form.cleaned_data["year"] or (years[0] if years else this_year)
    return Selection(
        user=user,
        year=year,
        years=sorted({*years, year, this_year}, reverse=True),
        agency=agency,
        agencies=agencies,
        agency_ids=agency_ids,
        province_wide=scope.all_agencies,
        sort=form.cleaned_data["sort"] or "",
    )


def talent_page(view):
    """Signed in, allowed to see the grid (else 403); a bad filter value is a 400 naming it."""

    @wraps(view)
    @login_required
    def wrapper(request, *args, **kwargs):
        if not can_see_talent_grid(request.user) or not scope_of(request.user).sees_agencies:
            raise PermissionDenied
        try:
            selection = _selection(request)
        except BadFilter as bad:
            return render(request, "competency/talent/bad_filter.html", {"form": bad.form}, status=400)
        return view(request, selection, *args, **kwargs)

    return wrapper


def _share(count: int, total: int) -> float:
    return 100.0 * count / total if total else 0.0


def _box_info(box: int) -> dict:
    return {
        "number": box,
        "name": labels.BOX_NAMES[box],
        "tone": labels.box_tone(box),
        "actions": labels.action_labels(box),
    }


def _grid_rows(selection: Selection, counts: dict[int, int], total: int, current: int | None = None):
    rows = []
    for potential in labels.GRID_ROWS:
        cells = []
        for performance in labels.GRID_COLUMNS:
            box = ninebox.box(performance=performance, potential=potential)
            cells.append(
                {
                    **_box_info(box),
                    "count": counts[box],
                    "share": _share(counts[box], total),
                    "url": selection.url("competency:talent_box", box=box),
                    "current": box == current,
                    "performance": labels.PERFORMANCE_LABELS[performance],
                    "potential": labels.POTENTIAL_LABELS[potential],
                }
            )
        rows.append({"potential": potential, "label": labels.POTENTIAL_SHORT[potential], "cells": cells})
    return rows


def _columns() -> list[dict]:
    return [
        {"label": labels.PERFORMANCE_LABELS[p], "short": labels.PERFORMANCE_SHORT[p]}
        for p in labels.GRID_COLUMNS
    ]


def _agency_table(selection: Selection, grid: TalentGrid) -> list[dict]:
    """Counts per box for each agency of the selection, in one query for the agencies."""
    agency_of = dict(selection.employees.order_by().values_list("pk", "agency_id"))
    per_agency: dict[int, Counter] = {}
    for placement in grid.placements:
        per_agency.setdefault(agency_of[placement.employee_id], Counter())[placement.box] += 1
    unplaced = Counter(agency_of[pk] for pk in (*grid.unrated, *grid.no_standard))
    names = {agency.pk: agency for agency in selection.agencies}
    rows = []
    for agency_id in {*agency_of.values()}:
        counts = per_agency.get(agency_id, Counter())
        placed = sum(counts.values())
        agency = names[agency_id]
        rows.append(
            {
                "agency": agency,
                "url": f"{reverse('competency:talent_grid')}?"
                + urlencode({"year": selection.year, "agency": agency.code}),
                "boxes": [{"number": box, "count": counts[box]} for box in TABLE_BOXES],
                "placed": placed,
                "unplaced": unplaced[agency_id],
                "sort": {
                    "agency": agency.name.casefold(),
                    "placed": placed,
                    "unplaced": unplaced[agency_id],
                    **{f"box{box}": counts[box] for box in TABLE_BOXES},
                },
            }
        )
    key = selection.sort.lstrip("-") or "agency"
    rows.sort(key=lambda row: row["agency"].name.casefold())
    rows.sort(key=lambda row: row["sort"][key], reverse=selection.sort.startswith("-"))
    return rows


def _table_headers(selection: Selection) -> list[dict]:
    """The per-agency table's column headers, each a link that sorts by it (first click:
    numbers largest first, the agency A→Z; a second click turns the order round)."""
    current = selection.sort or "agency"
    titles = {
        "agency": (_("Agency"), None),
        **{f"box{box}": (str(box), labels.box_tone(box)) for box in TABLE_BOXES},
        "placed": (_("Placed"), None),
        "unplaced": (_("Not placed"), None),
    }
    headers = []
    for key, (title, tone) in titles.items():
        if current.lstrip("-") == key:
            descending = current.startswith("-")
            target, direction = (
                (key if descending else f"-{key}"),
                ("descending" if descending else "ascending"),
            )
        else:
            target, direction = (key if key == "agency" else f"-{key}"), ""
        headers.append(
            {
                "key": key,
                "title": title,
                "tone": tone,
                "name": labels.BOX_NAMES[int(key[3:])] if tone is not None else "",
                "url": selection.url("competency:talent_grid", extra={"sort": target}) + "#agencies",
                "direction": direction,
            }
        )
    return headers


@talent_page
def talent_grid_view(request, selection: Selection):
    grid = talent_grid(employees=selection.employees, year=selection.year)
    counts = grid.counts
    placed = len(grid.placements)
    unplaced = len(grid.unrated) + len(grid.no_standard)
    context = {
        "selection": selection,
        "rows": _grid_rows(selection, counts, placed),
        "columns": _columns(),
        "placed": placed,
        "unrated": len(grid.unrated),
        "no_standard": len(grid.no_standard),
        "total": placed + unplaced,
        "unrated_url": selection.url("competency:talent_unrated"),
        "no_standard_url": selection.url("competency:talent_no_standard"),
        "export_url": selection.url("competency:talent_export"),
        "cutoffs": potential_cutoffs(),
        "actions": [_box_info(box) for box in TABLE_BOXES],
        "agency_rows": _agency_table(selection, grid) if selection.spans_agencies else None,
        "table_headers": _table_headers(selection) if selection.spans_agencies else None,
    }
    return render(request, "competency/talent/grid.html", context)


def _names(selection: Selection) -> dict[int, str]:
    return {pk: name.casefold() for pk, name in selection.employees.order_by().values_list("pk", "full_name")}


def _page_employees(selection: Selection, ids: list[int]) -> dict:
    return {employee.pk: employee for employee in selection.employees.filter(pk__in=ids)}


@talent_page
def talent_box_view(request, selection: Selection, box: int):
    if box not in BOXES:
        raise Http404
    grid = talent_grid(employees=selection.employees, year=selection.year)
    names = _names(selection)
    placements: list[TalentPlacement] = sorted(
        (p for p in grid.placements if p.box == box),
        key=lambda p: (-p.jpm, names[p.employee_id], p.employee_id),
    )
    page = paginate(request, placements, PEOPLE_PER_PAGE)
    employees = _page_employees(selection, [p.employee_id for p in page.object_list])
    people = [
        {
            "employee": employees[p.employee_id],
            "placement": p,
            "performance": labels.PERFORMANCE_LABELS[p.performance],
            "potential": labels.POTENTIAL_LABELS[p.potential],
        }
        for p in page.object_list
    ]
    context = {
        "selection": selection,
        "box": _box_info(box),
        "box_potential": labels.POTENTIAL_LABELS[labels.box_position(box)[0]],
        "box_performance": labels.PERFORMANCE_LABELS[labels.box_position(box)[1]],
        "page": page,
        "people": people,
        "rows": _grid_rows(selection, grid.counts, len(grid.placements), current=box),
        "columns": _columns(),
        "count": len(placements),
        "grid_url": selection.url("competency:talent_grid"),
    }
    return render(request, "competency/talent/box.html", context)


@talent_page
def talent_unplaced_view(request, selection: Selection, kind: str):
    other = "no-standard" if kind == "unrated" else "unrated"
    grid = talent_grid(employees=selection.employees, year=selection.year)
    names = _names(selection)
    ids = sorted(grid.unrated if kind == "unrated" else grid.no_standard, key=lambda pk: (names[pk], pk))
    page = paginate(request, ids, PEOPLE_PER_PAGE)
    employees = _page_employees(selection, list(page.object_list))
    context = {
        "selection": selection,
        "kind": kind,
        "title": UNPLACED_KINDS[kind][1],
        "page": page,
        "people": [employees[pk] for pk in page.object_list],
        "grid_url": selection.url("competency:talent_grid"),
        "other_url": selection.url(UNPLACED_KINDS[other][0]),
        "other_title": UNPLACED_KINDS[other][1],
    }
    return render(request, "competency/talent/unplaced.html", context)


@talent_page
def talent_export_view(request, selection: Selection):
    grid = talent_grid(employees=selection.employees, year=selection.year)
    out = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)  # noqa: SIM115 - closed by FileResponse
    talent_workbook_write(
        out=out, grid=grid, employees=selection.employees, scope_label=selection.scope_label
    )
    out.seek(0)
    return FileResponse(
        out,
        as_attachment=True,
        filename=export_filename(agency=selection.agency, year=selection.year),
        content_type=CONTENT_TYPE,
    )


urlpatterns = [
    path("talent/", talent_grid_view, name="talent_grid"),
    path("talent/box/<int:box>/", talent_box_view, name="talent_box"),
    path("talent/unrated/", talent_unplaced_view, {"kind": "unrated"}, name="talent_unrated"),
    path("talent/no-standard/", talent_unplaced_view, {"kind": "no-standard"}, name="talent_no_standard"),
    path("talent/export.xlsx", talent_export_view, name="talent_export"),
]
