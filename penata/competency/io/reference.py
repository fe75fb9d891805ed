"""What the standards and assessment templates say besides their columns: the notes of the
"Instructions" sheet and a "Reference" sheet of the competency codes."""

from django.db.models import Q
from django.utils.translation import gettext as _
from openpyxl import Workbook

from penata.accounts.scoping import scope_of
from penata.core.spreadsheets import append_row

from ..models import Competency, CompetencyKind


def standard_notes() -> list[str]:
    return [
        _(
            "A position listed in the file gets exactly the competencies listed for it: a competency of "
            "its standard that the file does not list is removed. Positions not in the file keep their "
            "standard."
        ),
        _("List each competency of a position once. Levels are whole numbers from 1 to 5."),
        _(
            "core_factor: yes for a core factor, no for a secondary factor (Profile Matching); "
            "an empty cell means yes."
        ),
        _("A technical competency can be required only by positions of its own agency."),
        _("Competency codes are in the “Reference” sheet; position codes are those of the positions export."),
        _("Importing the same file again changes nothing."),
        _("The export adds agency_code, position_title and competency_name, which the import ignores."),
    ]


def assessment_notes() -> list[str]:
    return [
        _(
            "One row per assessment result. Earlier results are kept as history; the latest valid "
            "assessment of each competency counts."
        ),
        _(
            "Type the NIP or PPPK number as text (the template's column is formatted as text): "
            "Excel rounds numbers longer than 15 digits."
        ),
        _("Dates: DD-MM-YYYY, DD/MM/YYYY or YYYY-MM-DD, or an Excel date cell; not in the future."),
        _("Self-assessments cannot be imported: employees record their own."),
        _(
            "A row identical to a recorded assessment (same employee, competency, date, method and "
            "level) is skipped, so importing the same file again changes nothing."
        ),
        _("The export adds full_name and agency_code, which the import ignores."),
    ]


def competency_reference(*, workbook: Workbook, user) -> None:
    """The active competencies the user can refer to: the dictionary and the technical
    competencies of the agencies they see."""
    sheet = workbook.create_sheet(_("Reference"))
    for letter, width in zip("ABCD", (16, 50, 16, 14), strict=True):
        sheet.column_dimensions[letter].width = width
    append_row(sheet, [_("Competency code"), _("Competency name"), _("Kind"), _("Agency code")])
    competencies = Competency.objects.filter(is_active=True)
    scope = scope_of(user) if user is not None else None
    if scope is not None and not scope.all_agencies:
        competencies = competencies.filter(
            ~Q(kind=CompetencyKind.TECHNICAL) | Q(agency_id__in=scope.agency_ids)
        )
    kinds = dict(CompetencyKind.choices)
    for code, name, kind, agency_code in competencies.order_by("kind", "code").values_list(
        "code", "name", "kind", "agency__code"
    ):
        append_row(sheet, [code, name, str(kinds.get(kind, kind)), agency_code])
