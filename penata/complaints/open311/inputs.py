"""Reading Open311 parameters. Every malformed value raises ``Open311Error`` (400 unless
the spec says 404), so bad input never reaches the database or the services."""

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation

from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _

from ..models import ComplaintKind, Privacy
from ..services import province_bounds
from . import resources
from .render import Open311Error

# The spec's default page and the cap on ``page_size`` (a larger value is lowered to it).
PAGE_SIZE_DEFAULT = 1000
PAGE_SIZE_MAX = 1000
PAGE_MAX = 100_000
DATE_RANGE_MAX = timedelta(days=90)

ADDRESS_MAX_LENGTH = 300
NAME_MAX_LENGTH = 200
EMAIL_MAX_LENGTH = 254
PHONE_MAX_LENGTH = 32
MEDIA_URL_MAX_LENGTH = 500
ID_MAX_LENGTH = 100

# A "+" left unencoded in a query string arrives as a space: "…T09:30:00 09:00".
_UNENCODED_PLUS = re.compile(r"^(\d{4}-\d{2}-\d{2}T[\d:.]+) (\d{2}(?::?\d{2})?)$")
_ATTRIBUTE = re.compile(r"^attribute\[([^\[\]]*)\](\[\])?$")


def _too_long(name: str, limit: int) -> str:
    return _("%(name)s is at most %(max)s characters long.") % {"name": name, "max": limit}


def parse_when(name: str, value: str) -> datetime:
    """An ISO 8601 date and time (a bare date means its start); without an offset, WIT."""
    text = _UNENCODED_PLUS.sub(r"\1+\2", value.strip())
    try:
        parsed = parse_datetime(text)
        if parsed is None:
            day = parse_date(text)
            if day is None:
                raise ValueError(text)
            parsed = datetime.combine(day, time.min)
        if timezone.is_naive(parsed):
            parsed = timezone.make_aware(parsed, timezone.get_default_timezone())
        # Out-of-range instants (year 1 with a positive offset) fail here, not in the database.
        parsed.astimezone(timezone.get_default_timezone())
    except (ValueError, OverflowError):
        raise Open311Error(
            400,
            _("%(name)s is not an ISO 8601 date and time (e.g. 2026-03-01T00:00:00+09:00).") % {"name": name},
        ) from None
    return parsed


@dataclass
class RequestQuery:
    ids: list[str]
    category_codes: list[str]
    start: datetime | None
    end: datetime | None
    statuses: tuple[str, ...]
    page: int
    page_size: int


def _positive_int(name: str, value: str, default: int, maximum: int) -> int:
    if not value:
        return default
    digits = value.lstrip("0")
    if not value.isascii() or not value.isdigit() or not digits:
        raise Open311Error(400, _("%(name)s must be a whole number of at least 1.") % {"name": name})
    # A thousand-digit number is just "very large" (int() refuses over 4,300 digits).
    return min(int(digits) if len(digits) <= 10 else maximum, maximum)


def _comma_list(params, name: str) -> list[str]:
    """A comma-separated parameter, which may also be repeated (``status=open&status=closed``)."""
    value = ",".join(params.getlist(name))
    return list(dict.fromkeys(part.strip() for part in value.split(",") if part.strip()))


def request_query(params, *, now: datetime) -> RequestQuery:
    """GET requests: ``service_request_id`` (comma list) overrides every other filter;
    otherwise ``service_code`` (comma list), ``start_date``/``end_date`` (at most 90 days
    apart; the last 90 days by default; one alone spans 90 days from or to it) and
    ``status`` (open, closed or both). Plus ``page`` and ``page_size``."""
    page = _positive_int("page", params.get("page", "").strip(), 1, PAGE_MAX + 1)
    if page > PAGE_MAX:
        raise Open311Error(400, _("page is at most %(max)s.") % {"max": PAGE_MAX})
    page_size = _positive_int(
        "page_size", params.get("page_size", "").strip(), PAGE_SIZE_DEFAULT, PAGE_SIZE_MAX
    )

    ids = [code.upper() for code in _comma_list(params, "service_request_id")]
    if ids:
        if len(ids) > PAGE_SIZE_MAX:
            raise Open311Error(
                400, _("service_request_id lists at most %(max)s identifiers.") % {"max": PAGE_SIZE_MAX}
            )
        if any(len(code) > ID_MAX_LENGTH for code in ids):
            raise Open311Error(400, _too_long("service_request_id", ID_MAX_LENGTH))
        return RequestQuery(ids, [], None, None, resources.PUBLISHED_STATUSES, page, page_size)

    codes = _comma_list(params, "service_code")
    if len(codes) > 100:
        raise Open311Error(400, _("service_code lists at most 100 codes."))

    errors = []
    start = end = None
    start_text, end_text = params.get("start_date", "").strip(), params.get("end_date", "").strip()
    try:
        start = parse_when("start_date", start_text) if start_text else None
    except Open311Error as error:
        errors += error.descriptions
    try:
        end = parse_when("end_date", end_text) if end_text else None
    except Open311Error as error:
        errors += error.descriptions
    if not errors:
        try:
            if start is None and end is None:
                end, start = now, now - DATE_RANGE_MAX
            elif start is None:
                start = end - DATE_RANGE_MAX
            elif end is None:
                end = start + DATE_RANGE_MAX
        except OverflowError:
            errors.append(_("start_date or end_date is out of range."))
        else:
            if start > end:
                errors.append(_("start_date is after end_date."))
            elif end - start > DATE_RANGE_MAX:
                errors.append(_("start_date and end_date are at most 90 days apart."))

    status_values = [value.lower() for value in _comma_list(params, "status")]
    unknown = [value for value in status_values if value not in ("open", "closed")]
    if unknown:
        errors.append(_("status is open, closed or both (open,closed)."))
    statuses: tuple[str, ...] = resources.PUBLISHED_STATUSES
    if set(status_values) == {"open"}:
        statuses = resources.OPEN_STATUSES
    elif set(status_values) == {"closed"}:
        statuses = resources.CLOSED_PUBLISHED_STATUSES
    if errors:
        raise Open311Error(400, *errors)
    return RequestQuery([], codes, start, end, statuses, page, page_size)


# --- POST requests ------------------------------------------------------------------------


@dataclass
class NewRequest:
    service_code: str
    values: dict  # keyword arguments for complaint_submit (without category and channel)


def _coordinate(name: str, value: str, low: float, high: float, errors: list[str]) -> Decimal | None:
    try:
        number = Decimal(value)
    except (InvalidOperation, ValueError):
        errors.append(_("%(name)s is not a number.") % {"name": name})
        return None
    if not number.is_finite():
        errors.append(_("%(name)s is not a number.") % {"name": name})
        return None
    if not (low <= number <= high):
        errors.append(_("%(name)s is outside the province.") % {"name": name})
        return None
    return number


def _attributes(params, errors: list[str]) -> dict[str, str]:
    found: dict[str, list[str]] = {}
    for key in params:
        match = _ATTRIBUTE.match(key)
        if match is None:
            if key.startswith("attribute"):
                errors.append(_("%(name)s is not an attribute[CODE] parameter.") % {"name": key[:60]})
            continue
        code = match.group(1)
        if code not in resources.ATTRIBUTE_CODES:
            errors.append(_("attribute[%(code)s] is not an attribute of this service.") % {"code": code[:60]})
            continue
        found.setdefault(code, []).extend(params.getlist(key))
    values = {}
    for code, given in found.items():
        given = [value.strip() for value in given if value.strip()]
        if len(given) > 1:
            errors.append(_("attribute[%(code)s] takes one value.") % {"code": code})
        elif given:
            values[code] = given[0]
    return values


def _choice(code: str, value: str | None, allowed, errors: list[str]) -> str | None:
    if value is None:
        return None
    if value not in allowed:
        errors.append(
            _("attribute[%(code)s] is one of: %(values)s.") % {"code": code, "values": ", ".join(allowed)}
        )
        return None
    return value


def _service_date(value: str | None, errors: list[str]) -> date | None:
    if value is None:
        return None
    try:
        when = parse_when("attribute[service_date]", value)
    except Open311Error as error:
        errors += error.descriptions
        return None
    return timezone.localtime(when, timezone.get_default_timezone()).date()


def _media_url(value: str, errors: list[str]) -> str:
    if not value:
        return ""
    if len(value) > MEDIA_URL_MAX_LENGTH:
        errors.append(_too_long("media_url", MEDIA_URL_MAX_LENGTH))
        return ""
    if not re.match(r"^https?://[^\s<>\"']+$", value):
        errors.append(_("media_url is an http or https address."))
        return ""
    return value


def new_request(params) -> NewRequest:
    """POST requests, after the api_key check. Collects every problem into one 400."""
    errors: list[str] = []

    def text(name: str, limit: int) -> str:
        value = params.get(name, "").strip()
        if len(value) > limit:
            errors.append(_too_long(name, limit))
            return ""
        return value

    service_code = params.get("service_code", "").strip()
    if not service_code:
        errors.append(_("service_code is required."))

    bounds = province_bounds()
    lat_text, long_text = params.get("lat", "").strip(), params.get("long", "").strip()
    latitude = longitude = None
    if lat_text or long_text:
        if not (lat_text and long_text):
            errors.append(_("lat and long go together: give both or neither."))
        else:
            latitude = _coordinate("lat", lat_text, bounds["lat_min"], bounds["lat_max"], errors)
            longitude = _coordinate("long", long_text, bounds["lon_min"], bounds["lon_max"], errors)
    address_string = text("address_string", ADDRESS_MAX_LENGTH)
    address_id = text("address_id", ID_MAX_LENGTH)
    if not (lat_text and long_text) and not address_string and not address_id:
        errors.append(_("A location is required: lat and long, address_string or address_id."))
    # Penata keeps no register of address identifiers: an address_id is kept as text for the
    # verifier when no address_string comes with it.
    address = address_string or (_("address_id %(id)s") % {"id": address_id} if address_id else "")

    description = params.get("description", "")
    if not description.strip():
        errors.append(_("description is required: describe what happened."))
    elif len(description) > resources.DESCRIPTION_MAX_LENGTH:
        errors.append(_too_long("description", resources.DESCRIPTION_MAX_LENGTH))
    media_url = _media_url(params.get("media_url", "").strip(), errors)
    if media_url and description.strip():
        # No media is fetched (no outbound requests); the link is kept with the text for
        # the verifier, who publishes the report or tightens its privacy.
        description = f"{description.rstrip()}\n\n{media_url}"

    first_name, last_name = text("first_name", NAME_MAX_LENGTH), text("last_name", NAME_MAX_LENGTH)
    name = " ".join(part for part in (first_name, last_name) if part)
    if len(name) > NAME_MAX_LENGTH:
        errors.append(_too_long("first_name + last_name", NAME_MAX_LENGTH))
    email = text("email", EMAIL_MAX_LENGTH)
    phone = text("phone", PHONE_MAX_LENGTH)

    attributes = _attributes(params, errors)
    kind = _choice(
        "kind", attributes.get(resources.ATTRIBUTE_KIND), [kind.value for kind in ComplaintKind], errors
    )
    privacy = _choice(
        "privacy",
        attributes.get(resources.ATTRIBUTE_PRIVACY),
        [privacy.value for privacy in resources.OPEN311_PRIVACY],
        errors,
    )
    if privacy is None:
        # Without a name and a way to reach them, the reporter is anonymous.
        privacy = Privacy.PUBLIC if name and (email or phone) else Privacy.ANONYMOUS
    kecamatan = attributes.get(resources.ATTRIBUTE_KECAMATAN, "")
    kelurahan = attributes.get(resources.ATTRIBUTE_KELURAHAN, "")
    for code, value in (
        (resources.ATTRIBUTE_KECAMATAN, kecamatan),
        (resources.ATTRIBUTE_KELURAHAN, kelurahan),
    ):
        if len(value) > resources.PLACE_MAX_LENGTH:
            errors.append(_too_long(f"attribute[{code}]", resources.PLACE_MAX_LENGTH))
    service_date = _service_date(attributes.get(resources.ATTRIBUTE_SERVICE_DATE), errors)

    if errors:
        raise Open311Error(400, *errors)
    return NewRequest(
        service_code=service_code,
        values={
            "kind": kind or ComplaintKind.COMPLAINT,
            "privacy": privacy,
            "description": description,
            "latitude": latitude,
            "longitude": longitude,
            "address": address,
            "kecamatan": kecamatan,
            "kelurahan": kelurahan,
            "service_date": service_date,
            "reporter_name": name,
            "reporter_email": email,
            "reporter_phone": phone,
        },
    )


def has_nul(params) -> bool:
    """PostgreSQL refuses NUL in text; no Open311 field carries one."""
    return any("\x00" in key or any("\x00" in value for value in params.getlist(key)) for key in params)
