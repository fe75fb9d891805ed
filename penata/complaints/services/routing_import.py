"""Historical reports for the routing model, imported from a CSV file.

Columns (first row; names are case-insensitive, in any order, Indonesian names accepted):
``description`` (deskripsi), ``category`` (kategori: a category code) and, optionally,
``agency`` (instansi/opd: the code of the agency the report went to). Other columns are
ignored. The separator is a comma, a semicolon (what Excel writes with Indonesian regional
settings) or a tab; a UTF-8 byte-order mark and Windows-1252 text are accepted.

All or nothing: every row is checked first, and if any row is bad nothing is written and
the result lists each problem with its row (the header is row 1, as in a spreadsheet) and
column. A row already imported before (same description, category and agency), or twice
in the file, is skipped, so importing one file twice adds nothing. Caps: the settings
``PENATA_IMPORT_MAX_BYTES`` and ``PENATA_IMPORT_MAX_ROWS`` shared with the Excel imports.
"""

import csv
import hashlib
import io
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from penata.core.events import event_record
from penata.organization.models import Agency

from ..models import DESCRIPTION_MAX_LENGTH, ComplaintCategory, TrainingReport, TrainingSource

COLUMNS = ("description", "category", "agency")
REQUIRED_COLUMNS = ("description", "category")
ALIASES = {
    "description": "description",
    "deskripsi": "description",
    "uraian": "description",
    "isi_laporan": "description",
    "category": "category",
    "category_code": "category",
    "kategori": "category",
    "kode_kategori": "category",
    "agency": "agency",
    "agency_code": "agency",
    "instansi": "agency",
    "kode_instansi": "agency",
    "opd": "agency",
}
SEPARATORS = (",", ";", "\t")
MAX_LISTED_ERRORS = 200
VALUE_SHOWN = 80


@dataclass(frozen=True)
class TrainingImportIssue:
    """One problem: ``row`` as a spreadsheet numbers it (header 1), None for the whole file."""

    row: int | None
    column: str
    value: str
    reason: str


@dataclass
class TrainingImportResult:
    rows: int = 0
    created: int = 0
    duplicates: int = 0
    errors: list[TrainingImportIssue] = field(default_factory=list)
    error_count: int = 0  # every problem found; ``errors`` lists the first MAX_LISTED_ERRORS

    @property
    def ok(self) -> bool:
        return self.error_count == 0

    def add(self, row: int | None, column: str, value: str, reason: str) -> None:
        self.error_count += 1
        if len(self.errors) < MAX_LISTED_ERRORS:
            shown = value if len(value) <= VALUE_SHOWN else value[: VALUE_SHOWN - 1] + "…"
            self.errors.append(TrainingImportIssue(row=row, column=column, value=shown, reason=reason))


def _decode(raw: bytes) -> str | None:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def _separator(text: str) -> str:
    header = text.split("\n", 1)[0]
    counts = {separator: header.count(separator) for separator in SEPARATORS}
    best = max(SEPARATORS, key=lambda separator: counts[separator])
    return best if counts[best] else ","


def _column_name(value: str) -> str:
    return "_".join(value.strip().strip("\ufeff").lower().replace("-", " ").split())


def _key(description: str, category_id: int, agency_id: int | None) -> bytes:
    text = f"{category_id}\x1f{agency_id or ''}\x1f{description}"
    return hashlib.blake2b(text.encode(), digest_size=16).digest()


def _read(file, result: TrainingImportResult) -> list[list[str]] | None:
    """The file's records (header first), or None with the file-level problem in ``result``."""
    max_bytes = settings.PENATA_IMPORT_MAX_BYTES
    raw = file.read(max_bytes + 1)
    if isinstance(raw, str):
        raw = raw.encode()
    if len(raw) > max_bytes:
        result.add(
            None,
            "",
            "",
            _("The file is larger than %(max)s MB.") % {"max": f"{max_bytes / (1024 * 1024):.0f}"},
        )
        return None
    if b"\x00" in raw:
        result.add(None, "", "", _("The file is not a CSV text file."))
        return None
    text = _decode(raw)
    if text is None:
        result.add(None, "", "", _("The file is not text in UTF-8 or Windows encoding."))
        return None
    if not text.strip():
        result.add(None, "", "", _("The file is empty."))
        return None
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_separator(text))
    records: list[list[str]] = []
    max_rows = settings.PENATA_IMPORT_MAX_ROWS
    try:
        for record in reader:
            records.append(record)
            if len(records) > max_rows + 1:
                result.add(
                    None,
                    "",
                    "",
                    _("The file has more than %(max)s rows; split it into several files.")
                    % {"max": max_rows},
                )
                return None
    except csv.Error as error:
        result.add(len(records) + 1, "", "", _("The row cannot be read as CSV: %(error)s") % {"error": error})
        return None
    return records


def _header(record: list[str], result: TrainingImportResult) -> dict[str, tuple[int, str]] | None:
    """Column → (position, name as written in the file)."""
    found: dict[str, tuple[int, str]] = {}
    for position, name in enumerate(record):
        column = ALIASES.get(_column_name(name))
        if column is None:
            continue
        if column in found:
            result.add(1, name.strip(), "", _("The column “%(column)s” appears twice.") % {"column": column})
            continue
        found[column] = (position, name.strip())
    for column in REQUIRED_COLUMNS:
        if column not in found:
            result.add(1, column, "", _("The column “%(column)s” is missing.") % {"column": column})
    return None if result.error_count else found


def training_reports_import(*, file, actor) -> TrainingImportResult:
    """Check every row of a CSV of historical reports; write them all (source ``import``)
    when no row is bad, nothing otherwise. ``file`` is an upload or a binary file object."""
    result = TrainingImportResult()
    records = _read(file, result)
    if records is None:
        return result
    header = _header(records[0], result) if records else None
    if header is None:
        return result
    categories = {category.code.upper(): category for category in ComplaintCategory.objects.all()}
    agencies = {code.upper(): pk for pk, code in Agency.objects.values_list("pk", "code")}
    known = {
        _key(*row)
        for row in TrainingReport.objects.filter(source=TrainingSource.IMPORT)
        .values_list("description", "category_id", "agency_id")
        .iterator(chunk_size=2000)
    }
    width = max(position for position, _name in header.values()) + 1
    header_width = len(records[0])
    new: list[TrainingReport] = []
    for index, record in enumerate(records[1:], start=2):
        if not any(value.strip() for value in record):
            continue  # a blank line
        result.rows += 1
        if len(record) > header_width and any(value.strip() for value in record[header_width:]):
            result.add(
                index,
                "",
                "",
                _(
                    "This row has more values than the header has columns; put a description "
                    "that contains the separator in double quotes."
                ),
            )
            continue
        record = record + [""] * (width - len(record))
        values = {column: record[position].strip() for column, (position, _name) in header.items()}
        names = {column: name for column, (_position, name) in header.items()}
        errors_before = result.error_count

        description = values["description"]
        if not description:
            result.add(index, names["description"], "", _("The description is empty."))
        elif len(description) > DESCRIPTION_MAX_LENGTH:
            result.add(
                index,
                names["description"],
                description,
                _("The description is longer than %(max)s characters.") % {"max": DESCRIPTION_MAX_LENGTH},
            )
        code = values["category"]
        category = categories.get(code.upper())
        if not code:
            result.add(index, names["category"], "", _("Give the category code."))
        elif category is None:
            result.add(index, names["category"], code, _("Unknown category “%(code)s”.") % {"code": code})
        elif not category.is_active:
            result.add(
                index,
                names["category"],
                code,
                _("The category “%(code)s” is no longer in use.") % {"code": code},
            )
        agency_code = values.get("agency", "")
        agency_id = agencies.get(agency_code.upper()) if agency_code else None
        if agency_code and agency_id is None:
            result.add(
                index, names["agency"], agency_code, _("Unknown agency “%(code)s”.") % {"code": agency_code}
            )
        if result.error_count > errors_before:
            continue
        key = _key(description, category.pk, agency_id)
        if key in known:
            result.duplicates += 1
            continue
        known.add(key)
        new.append(
            TrainingReport(
                description=description, category=category, agency_id=agency_id, source=TrainingSource.IMPORT
            )
        )
    if not result.ok:
        return result
    if result.rows == 0:
        result.add(None, "", "", _("The file has no reports below its header row."))
        return result
    name = str(getattr(file, "name", "") or "")[:200]
    result.created = training_reports_create(
        reports=new, source=TrainingSource.IMPORT, actor=actor, note=name.rsplit("/", 1)[-1]
    )
    return result


@transaction.atomic
def training_reports_create(*, reports: list[TrainingReport], source: str, actor=None, note: str = "") -> int:
    """Write unsaved training reports in bulk with one audit event for the batch (on its
    first row: a batch has no row of its own)."""
    if not reports:
        return 0
    for report in reports:
        report.source = source
    created = TrainingReport.objects.bulk_create(reports, batch_size=1000)
    first = created[0] if created[0].pk else TrainingReport.objects.order_by("-id")[len(created) - 1]
    event_record(
        subject=first,
        action="training_reports.added",
        actor=actor,
        to_state={"source": source, "count": len(created)},
        note=note,
    )
    return len(created)
