"""What the Open311 endpoints say: discovery, services, the service definition, requests.

Only published reports (``complaint_list_published``: verified and not confidential) are
ever read here, and only the columns ``published_requests`` selects: no reporter name,
email, phone or account can reach the output because they are never selected.
"""

from datetime import UTC, datetime

from django.conf import settings
from django.db.models import FloatField, TextField
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
# coordinates into Decimals. They are read as text and floats instead, and the text parsed
# with ``datetime.fromisoformat`` (C): the page is read about three times faster.
DATETIME_COLUMNS = ("submitted_at", "updated_at", "closed_at", "step_due_at")
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
    return ComplaintCategory.objects.filter(code=code, is_active=True).first()


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


def _address(row: dict) -> str | None:
    # Most specific first, as the spec asks.
    parts = [row["address"], row["kelurahan"], row["kecamatan"]]
    return ", ".join(part for part in parts if part) or None


def _description(text: str) -> str:
    if len(text) <= DESCRIPTION_MAX_LENGTH:
        return text
    return text[: DESCRIPTION_MAX_LENGTH - 1] + "…"


def _db_iso(text: str | None, tz) -> str | None:
    """A timestamp read as text (PostgreSQL: "2026-03-05 00:00:00.5+00"; SQLite: UTC without
    an offset) as ISO 8601 in the site's zone, to the second."""
    if text is None:
        return None
    value = datetime.fromisoformat(text)
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(tz).isoformat(timespec="seconds")


def request_rows(rows, notes: dict[str, str]) -> list[dict]:
    tz = timezone.get_default_timezone()
    out = []
    for row in rows:
        status = row["status"]
        closed = status in CLOSED_STATUSES
        # The spec: for a closed request, updated_datetime is the date it was closed.
        updated = (row["closed_at_text"] if closed else None) or row["updated_at_text"]
        out.append(
            {
                "service_request_id": row["tracking_code"],
                "status": "closed" if closed else "open",
                "status_notes": notes.get(status) or None,
                "service_name": row["category__name"],
                "service_code": row["category__code"],
                "description": _description(row["description"]),
                "agency_responsible": row["agency__name"],
                "service_notice": None,
                "requested_datetime": _db_iso(row["submitted_at_text"], tz),
                "updated_datetime": _db_iso(updated, tz),
                # The deadline of the step under way: the agency's follow-up while dispatched,
                # the end of the reporter's response window once answered (it then closes).
                "expected_datetime": _db_iso(row["step_due_at_text"], tz),
                "address": _address(row),
                "address_id": None,
                "zipcode": None,
                "lat": row["lat"],
                "long": row["long"],
                # Attachments are private (served only to those who may see the report).
                "media_url": None,
            }
        )
    return out


def published_requests():
    """Published reports, newest first, as dicts of the published columns only (one query, no N+1)."""
    as_text = {f"{name}_text": Cast(name, TextField()) for name in DATETIME_COLUMNS}
    return (
        complaint_list_published()
        .order_by("-submitted_at", "-id")
        .values(
            *PLAIN_COLUMNS,
            lat=Cast("latitude", FloatField()),
            long=Cast("longitude", FloatField()),
            **as_text,
        )
    )
