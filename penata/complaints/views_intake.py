"""The public report form: no account needed, phone first (SP4N-LAPOR!, DOMAIN §6).

Post/Redirect/Get: a filed report redirects to a confirmation page that shows the
tracking code and the secret once. They wait for that one display in a signed cookie sent
only to the confirmation page, for a few minutes, and deleted when shown: the secret goes
once more to the browser that just received it, and no session row is written for a
citizen without an account.
"""

import json

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_http_methods

from penata.core.errors import ApplicationError
from penata.core.uploads import UploadSizeLimitHandler
from penata.organization.selectors import public_service_list

from .forms_intake import SERVICE_SEARCH_LIMIT, ComplaintIntakeForm, ServiceSearchForm, SimilarQueryForm
from .models import (
    ATTACHMENT_MAX_BYTES,
    ATTACHMENT_MAX_FILES,
    DESCRIPTION_MAX_LENGTH,
    Complaint,
    ComplaintCategory,
)
from .reporter_access import complaint_unlock, signed_cookie_set
from .selectors_similar import similar_open_reports
from .services import complaint_submit, province_bounds
from .services.common import LATE_FILING_DAYS

DONE_COOKIE = "penata_report_done"
DONE_SALT = "penata.complaints.intake.done"
DONE_MAX_AGE = 10 * 60
_DONE_SEPARATOR = "|"
ATTACHMENTS_FIELD = "attachments"


def _categories():
    return ComplaintCategory.objects.filter(is_active=True).order_by("name")


def _services():
    return public_service_list().filter(is_active=True)


def _initial(user) -> dict:
    if not user.is_authenticated:
        return {}
    return {"reporter_name": user.full_name, "reporter_email": user.email, "reporter_phone": user.phone}


def _map_settings() -> dict:
    bounds = province_bounds()
    return {
        "tile_url": settings.PENATA_MAP_TILE_URL,
        "tile_attribution": settings.PENATA_MAP_TILE_ATTRIBUTION,
        "bounds_json": json.dumps({key: float(value) for key, value in bounds.items()}),
    }


@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def complaint_new(request):
    # Upload handlers can only change before the body is read, and the CSRF check reads
    # it: so the check runs inside, after the limit handler is in place.
    # A file past the count arrives empty and complaint_submit refuses it by the count.
    request.upload_handlers.insert(
        0, UploadSizeLimitHandler(request, max_bytes=ATTACHMENT_MAX_BYTES, max_files=ATTACHMENT_MAX_FILES)
    )
    return _complaint_new(request)


@csrf_protect
def _complaint_new(request):
    posted = request.method == "POST"
    form = ComplaintIntakeForm(
        request.POST if posted else None,
        request.FILES if posted else None,
        initial=_initial(request.user),
        categories=_categories(),
        services=_services(),
    )
    files_lost = False
    if posted:
        files = request.FILES.getlist(ATTACHMENTS_FIELD)
        if form.is_valid():
            try:
                complaint, secret = complaint_submit(
                    actor=request.user, attachments=files, **form.submit_arguments()
                )
            except ValidationError as error:
                form.add_service_errors(error)
            except ApplicationError as error:
                form.add_error(None, error.message)
            else:
                done_url = reverse("complaints:new_done")
                response = redirect(done_url)
                complaint_unlock(request, response, complaint)
                signed_cookie_set(
                    response,
                    DONE_COOKIE,
                    complaint.tracking_code + _DONE_SEPARATOR + (secret or ""),
                    salt=DONE_SALT,
                    max_age=DONE_MAX_AGE,
                    path=done_url,
                )
                # The redirect carries the secret in its cookie: not for any cache either.
                response["Cache-Control"] = "no-store, private"
                return response
        # A browser never fills a file input again: say so rather than lose files silently.
        files_lost = bool(files)
    context = {
        "form": form,
        "categories": form.categories,
        "chosen_service": form.chosen_service(),
        "files_lost": files_lost,
        "map": _map_settings(),
        "description_max": DESCRIPTION_MAX_LENGTH,
        "attachment_max_files": ATTACHMENT_MAX_FILES,
        "attachment_max_bytes": ATTACHMENT_MAX_BYTES,
        "late_filing_days": LATE_FILING_DAYS,
    }
    return render(request, "complaints/intake/new.html", context)


@require_GET
def complaint_new_done(request):
    """The tracking code and secret of the report just filed, shown once: the page deletes
    the cookie that brought them, so a reload shows neither (the secret's hash is all the
    server keeps)."""
    done = request.get_signed_cookie(DONE_COOKIE, default="", salt=DONE_SALT, max_age=DONE_MAX_AGE)
    code, _separator, secret = done.partition(_DONE_SEPARATOR)
    complaint = None
    if code:
        complaint = (
            Complaint.objects.select_related("category", "public_service").filter(tracking_code=code).first()
        )
    context = {"complaint": complaint, "secret": (secret or None) if complaint else None}
    response = render(request, "complaints/intake/done.html", context)
    if DONE_COOKIE in request.COOKIES:
        response.delete_cookie(DONE_COOKIE, path=reverse("complaints:new_done"), samesite="Lax")
    # The secret must not linger in a shared browser's or proxy's cache.
    response["Cache-Control"] = "no-store, private"
    return response


@require_GET
def complaint_new_similar(request):
    """The panel of similar open reports (htmx), refreshed as the form changes."""
    form = SimilarQueryForm(request.GET)
    reports = []
    if form.is_valid():
        data = form.cleaned_data
        latitude, longitude = data["latitude"], data["longitude"]
        bounds = province_bounds()
        if (
            latitude is None
            or longitude is None
            or not (
                bounds["lat_min"] <= latitude <= bounds["lat_max"]
                and bounds["lon_min"] <= longitude <= bounds["lon_max"]
            )
        ):
            latitude = longitude = None
        category = _categories().filter(pk=data["category"]).first() if data["category"] else None
        reports = similar_open_reports(
            category=category, latitude=latitude, longitude=longitude, kecamatan=data["kecamatan"]
        )
    return render(request, "complaints/intake/_similar.html", {"reports": reports})


@require_GET
def complaint_new_services(request):
    """Public services matching what the reporter typed (htmx), at most a handful."""
    form = ServiceSearchForm(request.GET)
    query = form.cleaned_data["service_q"].strip() if form.is_valid() else ""
    services = []
    if len(query) >= 2:
        services = list(
            _services()
            .filter(Q(name__icontains=query) | Q(agency__name__icontains=query) | Q(code__iexact=query))
            .order_by("name", "id")[:SERVICE_SEARCH_LIMIT]
        )
    return render(request, "complaints/intake/_services.html", {"services": services, "query": query})
