"""Excel import and export of position competency standards and assessment results.

The workforce app runs the jobs, pages, templates and exports; this package registers the
two kinds with it (``register``, called from ``CompetencyConfig.ready``), because
competency depends on workforce and never the other way round.
"""

from penata.accounts.models import Role

from .assessments import assessment_export_rows, assessments_import
from .columns import ASSESSMENT_COLUMNS, ASSESSMENT_EXPORT_EXTRA, STANDARD_COLUMNS, STANDARD_EXPORT_EXTRA
from .reference import assessment_notes, competency_reference, standard_notes
from .standards import standard_export_rows, standards_import

# Standards are agency master data: whoever manages the agency (``can_set_standard``).
STANDARD_IMPORT_ROLES = frozenset({Role.PROVINCE_ADMIN, Role.AGENCY_ADMIN})
# BKD/BPSDM run the assessment centre (``permissions.can_record_assessment``).
ASSESSMENT_IMPORT_ROLES = frozenset({Role.PROVINCE_ADMIN, Role.TRAINING_MANAGER, Role.AGENCY_ADMIN})


def register() -> None:
    from penata.workforce.exporting import exporter_register
    from penata.workforce.imports import importer_register
    from penata.workforce.models import ImportKind

    importer_register(
        ImportKind.STANDARDS,
        standards_import,
        columns=STANDARD_COLUMNS,
        roles=STANDARD_IMPORT_ROLES,
        export_extra=STANDARD_EXPORT_EXTRA,
    )
    importer_register(
        ImportKind.ASSESSMENTS,
        assessments_import,
        columns=ASSESSMENT_COLUMNS,
        roles=ASSESSMENT_IMPORT_ROLES,
        export_extra=ASSESSMENT_EXPORT_EXTRA,
    )
    exporter_register(
        ImportKind.STANDARDS, standard_export_rows, notes=standard_notes, reference=competency_reference
    )
    exporter_register(
        ImportKind.ASSESSMENTS, assessment_export_rows, notes=assessment_notes, reference=competency_reference
    )


__all__ = [
    "ASSESSMENT_IMPORT_ROLES",
    "STANDARD_IMPORT_ROLES",
    "assessment_export_rows",
    "assessments_import",
    "register",
    "standard_export_rows",
    "standards_import",
]
