"""What the Open311 endpoints say: discovery, services, the service definition, requests.

Only published reports (``complaint_list_published``: verified and not confidential) are
ever read here, and only the columns ``published_requests`` selects: no reporter name,
email, phone or account can reach the output because they are never selected.
"""

from datetime import UTC, datetime, timedelta
from functools import lru_cache

from django.conf import settings
from django.db.models import FloatField, Func, TextField
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import (
    CLOSED_STATUSES,
    ComplaintCategory,
    ComplaintKind,
    ComplaintStatus,
    Privacy,
)
from ..selectors import PUBLISHED_STATUSES, complaint_list_published
from .render import Records

SPECIFICATION = "http://wiki.open311.org/GeoReport_v2"
# When this endpoint's behaviour last changed (discovery's ``changeset``).
CHANGESET = "2026-11-28T00:00:00+09:00"
MIME_TYPES = ["text/xml", "application/json"]
# Penata files a report at once (a tracking code in the POST answer): "realtime" in the
# spec's terms; "batch" would mean a token to resolve later.
SERVICE_TYPE = "realtime"
# The spec caps a request description at 4,000 characters; the website accepts 5,000.
DESCRIPTION_MAX_LENGTH = 4000

OPEN_STATUSES = tuple(status for status in PUBLISHED_STATUSES if status not in CLOSED_STATUSES)
CLOSED_PUBLISHED_STATUSES = tuple(status for status in PUBLISHED_STATUSES if status in CLOSED_STATUSES)

# Reading a page of 1,000 requests, most of the time went into the driver turning ~4,000
# timestamps into datetimes in Python (Django's timezone-aware psycopg loader), and
# coordinates into Decimals. They are read as UTC text to the second (``UTCSeconds``) and
# floats instead, and the text turned into WIT by string slicing (``_db_iso``).
DATETIME_COLUMNS = ("submitted_at", "updated_at", "closed_at", "step_due_at")
NEWEST_FIRST = ("-submitted_at", "-id")
PLAIN_COLUMNS = (
    "tracking_code",
    "status",
    "category__code",
    "category__name",
    "description",
    "agency__name",
    "address",
    "kelurahan",
    "kecamatan",
)


def iso(value: datetime | None, tz=None) -> str | None:
    """ISO 8601 in the site's zone (WIT, +09:00), to the second."""
    if value is None:
        return None
    return value.astimezone(tz or timezone.get_default_timezone()).isoformat(timespec="seconds")


def discovery(*, base_url: str) -> dict:
    province = settings.PENATA_PROVINCE_NAME
    return {
        "changeset": CHANGESET,
        "contact": _("%(province)s: public complaints (SP4N-LAPOR!) in Penata") % {"province": province},
        "key_service": _(
            "API keys for filing reports are issued by the administrator of Penata "
            "(administration, Open311 clients)."
        ),
        "endpoints": [
            {
                "specification": SPECIFICATION,
                "url": base_url,
                "changeset": CHANGESET,
                "type": "production" if getattr(settings, "IS_PRODUCTION", False) else "test",
                "formats": list(MIME_TYPES),
            }
        ],
    }


def _keywords(description: str) -> str | None:
    terms = [term.strip() for term in description.split(",") if term.strip()]
    return ", ".join(terms) or None


def services() -> list[dict]:
    categories = ComplaintCategory.objects.filter(is_active=True).select_related("default_agency")
    return [
        {
            "service_code": category.code,
            "service_name": category.name,
            "description": category.description or None,
            "metadata": True,
            "type": SERVICE_TYPE,
            "keywords": _keywords(category.description),
            # Categories grouped by the agency that usually handles them.
            "group": category.default_agency.name if category.default_agency else None,
        }
        for category in categories
    ]


def category_active(code: str) -> ComplaintCategory | None:
    # Codes are unique: no ORDER BY … LIMIT 1 (``first()``) needed.
    return next(iter(ComplaintCategory.objects.filter(code=code, is_active=True).order_by()), None)


# Attribute codes accepted in POST requests (``attribute[CODE]``), in the definition's order.
ATTRIBUTE_KIND = "kind"
ATTRIBUTE_PRIVACY = "privacy"
ATTRIBUTE_KECAMATAN = "kecamatan"
ATTRIBUTE_KELURAHAN = "kelurahan"
ATTRIBUTE_SERVICE_DATE = "service_date"
ATTRIBUTE_CODES = (
    ATTRIBUTE_KIND,
    ATTRIBUTE_PRIVACY,
    ATTRIBUTE_KECAMATAN,
    ATTRIBUTE_KELURAHAN,
    ATTRIBUTE_SERVICE_DATE,
)
# Confidential reports are never shown through Open311, so a client could not follow
# one it filed: they are filed on the website only (the verifier may still tighten a
# report's privacy later).
OPEN311_PRIVACY = (Privacy.PUBLIC, Privacy.ANONYMOUS)
PLACE_MAX_LENGTH = 100


def service_definition(category: ComplaintCategory) -> dict:
    def attribute(order, code, datatype, description, datatype_description, values=()):
        return {
            "variable": True,
            "code": code,
            "datatype": datatype,
            "required": False,
            "datatype_description": datatype_description,
            "order": order,
            "description": description,
            "values": [{"key": str(key), "name": str(name)} for key, name in values],
        }

    return {
        "service_code": category.code,
        "attributes": [
            attribute(
                1,
                ATTRIBUTE_KIND,
                "singlevaluelist",
                _("Kind of report."),
                _("Default: complaint."),
                [(kind.value, kind.label) for kind in ComplaintKind],
            ),
            attribute(
                2,
                ATTRIBUTE_PRIVACY,
                "singlevaluelist",
                _(
                    "Public: the report is shown once verified (never the reporter's name or "
                    "contact). Anonymous: the reporter's identity is also kept from the agency. "
                    "Confidential reports can be filed on the website only."
                ),
                _("Default: public when a name and an email or phone number are given, otherwise anonymous."),
                [(privacy.value, privacy.label) for privacy in OPEN311_PRIVACY],
            ),
            attribute(
                3,
                ATTRIBUTE_KECAMATAN,
                "string",
                _("District (kecamatan) where it happened."),
                _("At most %(max)s characters.") % {"max": PLACE_MAX_LENGTH},
            ),
            attribute(
                4,
                ATTRIBUTE_KELURAHAN,
                "string",
                _("Village (kelurahan/desa) where it happened."),
                _("At most %(max)s characters.") % {"max": PLACE_MAX_LENGTH},
            ),
            attribute(
                5,
                ATTRIBUTE_SERVICE_DATE,
                "datetime",
                _(
                    "When the service concerned took place. A complaint is filed within 30 days "
                    "of the service (UU 25/2009); a later one is still received."
                ),
                _("ISO 8601, e.g. 2026-03-02T09:00:00+09:00 or 2026-03-02; not in the future."),
            ),
        ],
    }


def status_notes() -> dict[str, str]:
    """Per Penata status, the note shown with a published request. The agency's answer
    text is not included: it is written to the reporter and may name them."""
    return {
        ComplaintStatus.DISPATCHED: _("Verified and dispatched to the responsible agency for follow-up."),
        ComplaintStatus.ANSWERED: _(
            "The agency has answered; the reporter may respond before the report is closed."
        ),
        ComplaintStatus.FINISHED: _("Finished."),
    }


def _description(text: str) -> str:
    if len(text) <= DESCRIPTION_MAX_LENGTH:
        return text
    return text[: DESCRIPTION_MAX_LENGTH - 1] + "…"


class UTCSeconds(Func):
    """A timestamp as UTC text to the second, "2026-03-05 00:00:00" (the fraction cut, as
    ``isoformat(timespec="seconds")`` does), whatever the session's time zone."""

    output_field = TextField()

    def as_postgresql(self, compiler, connection, **extra_context):
        template = "to_char(%(expressions)s AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS')"
        return self.as_sql(compiler, connection, template=template, **extra_context)

    def as_sqlite(self, compiler, connection, **extra_context):
        # Stored as UTC text without an offset ("2026-03-05 00:00:00.500000"). "%%%%" is "%"
        # once this template and then the SQLite backend's parameter style have read it.
        template = "strftime('%%%%Y-%%%%m-%%%%d %%%%H:%%%%M:%%%%S', %(expressions)s)"
        return self.as_sql(compiler, connection, template=template, **extra_context)

    def as_sql(self, compiler, connection, **extra_context):
        if "template" not in extra_context:
            # Other databases: their own text form, read by the general path of _db_iso.
            return compiler.compile(Cast(*self.get_source_expressions(), TextField()))
        return super().as_sql(compiler, connection, **extra_context)


@lru_cache(maxsize=4096)
def _local_hour(utc_hour: str, tz) -> tuple[str, str] | None:
    """The local date and hour and the offset in ``tz`` of a UTC hour, "2026-03-05 00" →
    ("2026-03-05T09", "+09:00"), when the offset is whole hours throughout that hour
    (always in WIT, which has no daylight saving time), else None."""
    start = datetime.fromisoformat(f"{utc_hour}:00:00").replace(tzinfo=UTC)
    local = start.astimezone(tz)
    offset = local.utcoffset()
    if offset % timedelta(hours=1) or (start + timedelta(seconds=3599)).astimezone(tz).utcoffset() != offset:
        return None
    text = local.isoformat()
    return text[:13], text[19:]


def _db_iso(text: str | None, tz) -> str | None:
    """A timestamp read as text (``UTCSeconds``; in general any ISO 8601 text, UTC when
    without an offset) as ISO 8601 in the site's zone, to the second."""
    if text is None:
        return None
    if len(text) == 19:
        hour = _local_hour(text[:13], tz)
        if hour is not None:
            return hour[0] + text[13:] + hour[1]
    value = datetime.fromisoformat(text)
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(tz).isoformat(timespec="seconds")


def _iso_column(texts, tz) -> list[str | None]:
    """``_db_iso`` of each text: a page of 1,000 requests has 3,000 timestamps, turned into
    WIT by string slicing, the local hour and offset of each UTC hour computed once."""
    out = []
    append = out.append
    local_hour = _local_hour
    for text in texts:
        if text is not None and len(text) == 19:
            hour = local_hour(text[:13], tz)
            if hour is not None:
                append(hour[0] + text[13:] + hour[1])
                continue
        append(_db_iso(text, tz))
    return out


# The request document's keys, in the spec's order.
REQUEST_FIELDS = (
    "service_request_id",
    "status",
    "status_notes",
    "service_name",
    "service_code",
    "description",
    "agency_responsible",
    "service_notice",
    "requested_datetime",
    "updated_datetime",
    "expected_datetime",
    "address",
    "address_id",
    "zipcode",
    "lat",
    "long",
    "media_url",
)


def request_rows(rows, notes: dict[str, str]) -> Records:
    """Rows of ``published_requests`` as the spec's request documents, column by column."""
    rows = list(rows)
    length = len(rows)
    if not length:
        return Records(REQUEST_FIELDS, [() for _ in REQUEST_FIELDS], length=0)
    (
        tracking_codes,
        statuses,
        category_codes,
        category_names,
        descriptions,
        agency_names,
        addresses,
        kelurahans,
        kecamatans,
        lats,
        longs,
        submitted,
        updated,
        closed,
        due,
    ) = zip(*rows, strict=True)
    tz = timezone.get_default_timezone()
    closed_statuses = CLOSED_STATUSES
    none = (None,) * length
    return Records(
        REQUEST_FIELDS,
        [
            tracking_codes,
            ["closed" if status in closed_statuses else "open" for status in statuses],
            [notes.get(status) or None for status in statuses],
            category_names,
            category_codes,
            [text if len(text) <= DESCRIPTION_MAX_LENGTH else _description(text) for text in descriptions],
            agency_names,
            none,  # service_notice
            _iso_column(submitted, tz),
            # The spec: for a closed request, updated_datetime is the date it was closed.
            _iso_column(
                [
                    (closed_at if status in closed_statuses else None) or updated_at
                    for status, closed_at, updated_at in zip(statuses, closed, updated, strict=True)
                ],
                tz,
            ),
            # The deadline of the step under way: the agency's follow-up while dispatched,
            # the end of the reporter's response window once answered (it then closes).
            _iso_column(due, tz),
            # Most specific first, as the spec asks.
            [
                ", ".join(filter(None, parts)) or None
                for parts in zip(addresses, kelurahans, kecamatans, strict=True)
            ],
            none,  # address_id
            none,  # zipcode
            lats,
            longs,
            none,  # media_url: attachments are private (served only to those who may see the report).
        ],
        length=length,
    )


def published_requests(queryset=None):
    """Published reports (``complaint_list_published``, or ``queryset``, a filtered one),
    newest first, as tuples of the published columns only, in the order ``request_rows``
    reads them (one query, no N+1, no model instances)."""
    if queryset is None:
        queryset = complaint_list_published()
    return queryset.order_by(*NEWEST_FIRST).values_list(
        *PLAIN_COLUMNS,
        Cast("latitude", FloatField()),
        Cast("longitude", FloatField()),
        *(UTCSeconds(name) for name in DATETIME_COLUMNS),
    )
