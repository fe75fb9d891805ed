"""Open311 GeoReport v2 endpoints (docs/open311.md).

Plain Django views: each resource is ``<name>.<format>``, answers XML or JSON, and every
failure is the spec's error document with 404 (unknown resource, service code, request,
jurisdiction or format), 403 (api_key) or 400 (anything else wrong in the input).
"""

from functools import wraps

from django.conf import settings
from django.core.exceptions import SuspiciousOperation, ValidationError
from django.http import QueryDict
from django.http.multipartparser import MultiPartParserError
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from penata.core.errors import ApplicationError

from ..models import Channel, ComplaintCategory
from ..selectors import complaint_list_published
from ..services import common, complaint_submit
from ..services.open311_clients import open311_client_authenticate
from . import inputs, resources
from .render import FORMATS, JSON, XML, Document, Open311Error, error_response, response_for

# complaint_submit's field names → the Open311 parameter that carried the value.
PARAMETER_OF_FIELD = {
    "kind": "attribute[kind]",
    "category": "service_code",
    "description": "description",
    "latitude": "lat",
    "longitude": "long",
    "service_date": "attribute[service_date]",
    "privacy": "attribute[privacy]",
    "reporter_name": "first_name",
    "reporter_email": "email",
    "reporter_phone": "phone",
}


def _language(request) -> str:
    """Open311 clients are programs: the language cookie if set, else Accept-Language,
    else the site's default (Indonesian)."""
    languages = dict(settings.LANGUAGES)
    code = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    if code not in languages:
        code = translation.get_language_from_request(request)
    return code if code in languages else settings.LANGUAGE_CODE


def _params(request) -> QueryDict:
    """Query string and, for POST, the form body (which wins where both carry a name)."""
    if request.method != "POST":
        return request.GET
    if not request.GET:  # The usual POST: everything in the body, nothing to merge.
        return request.POST
    merged = request.GET.copy()
    for key in request.POST:
        merged.setlist(key, request.POST.getlist(key))
    return merged


# From this offset on, GET requests skip rows on the index alone (see _request_list).
SKIP_ON_INDEX_FROM = 2000


def _jurisdiction_check(params) -> None:
    expected = settings.PENATA_OPEN311_JURISDICTION
    given = params.get("jurisdiction_id", "").strip()
    if expected and given and given != expected:
        raise Open311Error(404, _("Unknown jurisdiction_id %(id)s.") % {"id": given[:60]})


def _short(value: str) -> str:
    return value[:60]


def endpoint(*, methods=("GET",), jurisdiction=True):
    allowed = set(methods) | ({"HEAD"} if "GET" in methods else set())

    def decorate(view):
        @csrf_exempt  # Clients authenticate with an api_key, not a session.
        @wraps(view)
        def wrapper(request, fmt, **kwargs):
            with translation.override(_language(request)):
                if fmt not in FORMATS:
                    error = Open311Error(
                        404, _("Unknown format %(format)s: use xml or json.") % {"format": fmt[:20]}
                    )
                    response = error_response(XML, error)
                else:
                    try:
                        response = response_for(fmt, _run(view, request, allowed, jurisdiction, kwargs))
                    except Open311Error as error:
                        response = error_response(fmt, error)
                response["Content-Language"] = translation.get_language()
                return response

        return wrapper

    return decorate


def _run(view, request, allowed, jurisdiction, kwargs) -> Document:
    if request.method not in allowed:
        raise Open311Error(
            405,
            _("Method %(method)s is not allowed here.") % {"method": _short(request.method or "")},
            headers={"Allow": ", ".join(sorted(allowed))},
        )
    try:
        params = _params(request)
    except (SuspiciousOperation, MultiPartParserError):
        raise Open311Error(400, _("The request body could not be read.")) from None
    if inputs.has_nul(params):
        raise Open311Error(400, _("The request contains a null character."))
    if jurisdiction:
        _jurisdiction_check(params)
    return view(request, params=params, **kwargs)


# --- resources ----------------------------------------------------------------------------


@endpoint(jurisdiction=False)
def discovery(request, *, params) -> Document:
    base_url = request.build_absolute_uri(request.path.rsplit("/", 1)[0] + "/")
    return Document("discovery", resources.discovery(base_url=base_url))


@endpoint()
def services(request, *, params) -> Document:
    return Document("services", resources.services())


def _category(code: str) -> ComplaintCategory:
    category = resources.category_active(code) if len(code) <= inputs.ID_MAX_LENGTH else None
    if category is None:
        raise Open311Error(404, _("Unknown service_code %(code)s.") % {"code": _short(code)})
    return category


@endpoint()
def service_definition(request, *, params, service_code: str) -> Document:
    return Document("service_definition", resources.service_definition(_category(service_code)))


@endpoint(methods=("GET", "POST"))
def requests(request, *, params) -> Document:
    if request.method == "POST":
        return _request_create(params)
    return _request_list(request, params)


def _request_list(request, params) -> Document:
    # The services' clock (``common.now``), so tests and the services agree on "now".
    query = inputs.request_query(params, now=common.now())
    matching = complaint_list_published().order_by(*resources.NEWEST_FIRST)
    if query.ids:
        matching = matching.filter(tracking_code__in=query.ids)
    else:
        if query.category_codes:
            found = dict(
                ComplaintCategory.objects.filter(code__in=query.category_codes)
                .order_by()
                .values_list("code", "pk")
            )
            missing = [code for code in query.category_codes if code not in found]
            if missing:
                raise Open311Error(
                    404, *(_("Unknown service_code %(code)s.") % {"code": _short(code)} for code in missing)
                )
            matching = matching.filter(category_id__in=found.values())
        matching = matching.filter(submitted_at__gte=query.start, submitted_at__lte=query.end)
        if query.statuses != resources.PUBLISHED_STATUSES:
            matching = matching.filter(status__in=query.statuses)
    offset = (query.page - 1) * query.page_size
    # One row more than the page tells whether a next page exists, without count(*).
    page = slice(offset, offset + query.page_size + 1)
    if offset >= SKIP_ON_INDEX_FROM:
        # Deep pages: the rows skipped are counted off an index alone (an index-only scan of
        # a published partial index: no joins, no columns) and only the page's own rows are
        # read: page 50 of 1,000 takes ~30 ms of SQL instead of ~300. (Nearer the top,
        # reading the skipped rows costs less than looking the page's rows up again.)
        rows = resources.published_requests(matching.filter(pk__in=matching.values("pk")[page]))
        page = slice(None)
    else:
        rows = resources.published_requests(matching)
    chunk = list(rows[page])
    headers = {}
    if len(chunk) > query.page_size:
        following = request.GET.copy()
        following["page"] = str(query.page + 1)
        headers["Link"] = '<{}>; rel="next"'.format(
            request.build_absolute_uri(f"{request.path}?{following.urlencode()}")
        )
    data = resources.request_rows(chunk[: query.page_size], resources.status_notes())
    return Document("service_requests", data, headers=headers)


def _validation_messages(error: ValidationError) -> list[str]:
    if not hasattr(error, "error_dict"):
        return list(error.messages)
    return [
        f"{PARAMETER_OF_FIELD.get(field, field)}: {message}"
        for field, messages in error.message_dict.items()
        for message in messages
    ]


def _request_create(params) -> Document:
    key = params.get("api_key", "").strip()
    client = open311_client_authenticate(key)
    if client is None:
        raise Open311Error(403, _("api_key is not valid.") if key else _("api_key is required."))
    service_code = params.get("service_code", "").strip()
    category = _category(service_code) if service_code else None
    new = inputs.new_request(params)
    try:
        complaint, secret = complaint_submit(
            actor=None, category=category, channel=Channel.OPEN311, open311_client=client, **new.values
        )
    except ValidationError as error:
        raise Open311Error(400, *_validation_messages(error)) from None
    except ApplicationError as error:
        status = error.status_code if error.status_code in (400, 403, 404) else 400
        raise Open311Error(status, str(error.message)) from None
    notice = _(
        "Report %(code)s received. A verifier checks it by %(due)s; it is listed in GET requests "
        "once verified and dispatched to an agency. Until then it can be followed on Penata's status "
        "page with the tracking code and this secret, shown only once: %(secret)s"
    ) % {"code": complaint.tracking_code, "due": resources.iso(complaint.step_due_at), "secret": secret}
    return Document(
        "service_requests", [{"service_request_id": complaint.tracking_code, "service_notice": notice}]
    )


def _published_code(value: str) -> str | None:
    code = value.strip().upper()
    if not code or len(code) > inputs.ID_MAX_LENGTH:
        return None
    return (
        complaint_list_published().filter(tracking_code=code).values_list("tracking_code", flat=True).first()
    )


@endpoint()
def request_detail(request, *, params, service_request_id: str) -> Document:
    code = service_request_id.strip().upper()
    rows = []
    if code and len(code) <= inputs.ID_MAX_LENGTH:
        rows = list(resources.published_requests().filter(tracking_code=code)[:1])
    if not rows:
        raise Open311Error(
            404,
            _("Unknown service_request_id %(id)s (a report is listed once it has been verified).")
            % {"id": _short(service_request_id)},
        )
    return Document("service_requests", resources.request_rows(rows, resources.status_notes()))


@endpoint()
def token(request, *, params, token: str) -> Document:
    """Penata files reports at once and never hands out tokens: a token is read as a
    tracking code and resolves to itself once the report is published."""
    code = _published_code(token)
    if code is None:
        raise Open311Error(404, _("Unknown token %(token)s.") % {"token": _short(token)})
    return Document("service_requests", [{"service_request_id": code, "token": code}])


@csrf_exempt
def not_found(request, path: str = ""):
    with translation.override(_language(request)):
        fmt = JSON if path.endswith(".json") else XML
        response = error_response(
            fmt, Open311Error(404, _("Unknown Open311 resource %(path)s.") % {"path": _short(path)})
        )
        response["Content-Language"] = translation.get_language()
        return response
