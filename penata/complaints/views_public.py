"""Citizen-facing pages after intake: tracking, the status page with the reporter's actions,
following a report, the public list and map, and the agencies' figures.

Who sees what:
- a published report (verified, not confidential) shows its public parts to everyone;
- any other report exists only for its reporter (the signed-in account that filed it, or
  a browser in which its secret was given, ``reporter_access``); for everyone else it is a
  404, the same page as for a code that does not exist;
- no public page shows a reporter's name, email or phone, nor an officer's name, nor an
  internal note.
"""

import hashlib
import json
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from penata.core.errors import ApplicationError, PermissionDenied
from penata.core.pages import render_list

from . import public_throttle, selectors_public
from .forms_public import (
    AcceptForm,
    AgencyStatsForm,
    FollowForm,
    PublicFilterForm,
    RatingForm,
    ReopenForm,
    SupplementForm,
    TrackForm,
)
from .models import AttachmentKind, Complaint, ComplaintRating, ComplaintStatus, Privacy
from .reporter_access import complaint_unlock, complaint_unlocked
from .selectors import PUBLISHED_STATUSES
from .selectors_public import (
    agency_figures_cached,
    agency_figures_sorted,
    complaint_attachments,
    complaint_by_code,
    complaint_map_points,
    complaint_public_list,
    complaint_status_events,
    complaint_years,
)
from .services import (
    complaint_accept,
    complaint_follow,
    complaint_follow_request,
    complaint_rate,
    complaint_reopen,
    complaint_secret_matches,
    complaint_supplement,
    complaint_unfollow,
    follow_token_make,
    follow_token_read,
    province_bounds,
)
from .tracking import tracking_code_normalize

REPORTS_PER_PAGE = 20
LIST_COUNT_CACHE_SECONDS = 60
LIST_MAX_PAGES = 100
OWN_REPORTS_MAX = 20
AGENCY_STATS_DEFAULT_SORT = "-received"

THROTTLED = gettext_lazy("Too many wrong secrets. For your security, wait 15 minutes before trying again.")
WRONG_SECRET = gettext_lazy("The secret does not match this report.")


def complaint_is_published(complaint: Complaint) -> bool:
    # The same rule as ``selectors.complaint_list_published``, for one report in hand.
    return complaint.status in PUBLISHED_STATUSES and complaint.privacy != Privacy.CONFIDENTIAL


def _to_status_page(complaint: Complaint):
    # "#main": the forms post to "...#card"; a redirect without a fragment of its own would
    # keep that one, and the success message at the top would be out of sight.
    return redirect(reverse("complaints:status", kwargs={"code": complaint.tracking_code}) + "#main")


def _not_found(request):
    return render(request, "complaints/public/not_found.html", status=404)


def _is_reporter_account(request, complaint: Complaint) -> bool:
    return request.user.is_authenticated and complaint.reporter_id == request.user.pk


# --- tracking -------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def track(request):
    """Find a report by its tracking code; its secret unlocks a non-public report."""
    if request.method == "POST":
        form = TrackForm(request.POST)
        if form.is_valid():
            response = _track_submit(request, form)
            if response is not None:
                return response
    else:
        form = TrackForm(initial={"code": request.GET.get("code", "")[:40]})
    own_reports = []
    if request.user.is_authenticated:
        own_reports = list(
            Complaint.objects.filter(reporter=request.user)
            .select_related("category")
            .only("tracking_code", "status", "submitted_at", "category__name")
            .order_by("-submitted_at", "-id")[:OWN_REPORTS_MAX]
        )
    return render(request, "complaints/public/track.html", {"form": form, "own_reports": own_reports})


def _track_submit(request, form: TrackForm):
    code, secret = form.cleaned_data["code"], form.cleaned_data["secret"]
    complaint = complaint_by_code(code=code)
    if complaint is None:
        form.add_error(
            "code",
            _(
                "No report has the code %(code)s. The code is well formed: check that it is the "
                "code on your receipt."
            )
            % {"code": code},
        )
        return None
    status_url = reverse("complaints:status", kwargs={"code": code})
    if not secret:
        if complaint_is_published(complaint) or complaint_unlocked(request, complaint):
            return redirect(status_url)
        form.add_error(
            "secret", _("This report is not public: enter the secret you received when you filed it.")
        )
        return None
    if public_throttle.secret_attempts_blocked(request):
        form.add_error("secret", THROTTLED)
        return None
    if not complaint_secret_matches(complaint=complaint, secret=secret):
        public_throttle.secret_attempt_failed(request)
        form.add_error("secret", WRONG_SECRET)
        return None
    response = redirect(status_url)
    complaint_unlock(request, response, complaint)
    return response


# --- the status page ------------------------------------------------------------------------


def _visible_complaint(request, code: str) -> tuple[Complaint | None, bool]:
    """(report, viewer is its reporter) or (None, False) when this viewer may not see it."""
    complaint = complaint_by_code(code=code)
    if complaint is None:
        return None, False
    reporter = complaint_unlocked(request, complaint)
    if not (reporter or complaint_is_published(complaint)):
        return None, False
    return complaint, reporter


def _action_forms(
    complaint: Complaint, *, reporter: bool, require_secret: bool, rating: ComplaintRating | None, bound: dict
) -> dict:
    """The forms the viewer may use now, by name; ``bound`` replaces one after a failed post."""
    forms = {}
    if reporter:
        status = complaint.status
        if status == ComplaintStatus.NEEDS_INFO:
            forms["supplement"] = SupplementForm(prefix="supplement", require_secret=require_secret)
        if status == ComplaintStatus.ANSWERED:
            forms["accept"] = AcceptForm(prefix="accept", require_secret=require_secret)
            if complaint.reopen_count == 0:
                forms["reopen"] = ReopenForm(prefix="reopen", require_secret=require_secret)
        if status in (ComplaintStatus.ANSWERED, ComplaintStatus.FINISHED) and complaint.answer:
            initial = {"score": rating.score, "comment": rating.comment} if rating else None
            forms["rate"] = RatingForm(prefix="rate", require_secret=require_secret, initial=initial)
    if complaint_is_published(complaint) and not complaint.is_closed:
        forms["follow"] = FollowForm(prefix="follow")
    forms.update(bound)
    return forms


def _status_page(request, complaint: Complaint, *, reporter: bool, bound: dict | None = None):
    events = complaint_status_events(complaint=complaint)
    require_secret = not _is_reporter_account(request, complaint)
    rating = ComplaintRating.objects.filter(complaint=complaint).first() if reporter else None
    context = {
        "complaint": complaint,
        "reporter": reporter,
        "published": complaint_is_published(complaint),
        "timeline": events.timeline,
        "question": events.question if reporter else "",
        "now": timezone.now(),
        "rating": rating,
        "forms": _action_forms(
            complaint, reporter=reporter, require_secret=require_secret, rating=rating, bound=bound or {}
        ),
    }
    if reporter:
        attachments = complaint_attachments(complaint=complaint)
        context["report_attachments"] = [item for item in attachments if item.kind == AttachmentKind.REPORT]
        context["answer_attachments"] = [item for item in attachments if item.kind == AttachmentKind.ANSWER]
    response = render(request, "complaints/public/status.html", context, status=400 if bound else 200)
    if reporter:
        # The reporter's view may hold a non-public report: no shared or back-button cache.
        response["Cache-Control"] = "private, no-store"
    return response


@require_safe
def status(request, code: str):
    canonical = tracking_code_normalize(code)
    if canonical is None:
        return _not_found(request)
    if canonical != code:
        return redirect("complaints:status", code=canonical)
    complaint, reporter = _visible_complaint(request, canonical)
    if complaint is None:
        return _not_found(request)
    return _status_page(request, complaint, reporter=reporter)


def _reporter_action(request, code: str, *, name: str, form_class, perform, done: str):
    """Run one reporter action: the report must be unlocked for this viewer (else 404);
    a wrong secret counts towards the throttle like one on the track page."""
    complaint, reporter = _visible_complaint(request, code)
    if complaint is None or not reporter:
        return _not_found(request)
    require_secret = not _is_reporter_account(request, complaint)
    form = form_class(request.POST, prefix=name, require_secret=require_secret)
    if form.is_valid():
        secret = form.cleaned_data.get("secret") or None
        if secret and public_throttle.secret_attempts_blocked(request):
            form.add_error("secret", THROTTLED)
        else:
            actor = request.user if request.user.is_authenticated else None
            try:
                perform(complaint=complaint, actor=actor, secret=secret, data=form.cleaned_data)
            except PermissionDenied:
                if secret:
                    public_throttle.secret_attempt_failed(request)
                    form.add_error("secret", WRONG_SECRET)
                else:
                    form.add_error(None, _("Only the reporter can do this."))
            except ValidationError as error:
                _add_errors(form, error)
            except ApplicationError as error:
                form.add_error(None, str(error.message))
            else:
                messages.success(request, done)
                return _to_status_page(complaint)
    complaint.refresh_from_db()
    return _status_page(request, complaint, reporter=reporter, bound={name: form})


def _add_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, messages_ in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages_)
    else:
        form.add_error(None, error.messages)


@require_POST
def supplement(request, code: str):
    return _reporter_action(
        request,
        code,
        name="supplement",
        form_class=SupplementForm,
        perform=lambda complaint, actor, secret, data: complaint_supplement(
            complaint=complaint, actor=actor, secret=secret, information=data["information"]
        ),
        done=_("Thank you: the information was added and the report is back with the verifier."),
    )


@require_POST
def accept(request, code: str):
    return _reporter_action(
        request,
        code,
        name="accept",
        form_class=AcceptForm,
        perform=lambda complaint, actor, secret, data: complaint_accept(
            complaint=complaint, actor=actor, secret=secret
        ),
        done=_("Thank you: you accepted the answer and the report is finished."),
    )


@require_POST
def reopen(request, code: str):
    return _reporter_action(
        request,
        code,
        name="reopen",
        form_class=ReopenForm,
        perform=lambda complaint, actor, secret, data: complaint_reopen(
            complaint=complaint, actor=actor, secret=secret, reason=data["reason"]
        ),
        done=_("The report was reopened and sent back to the agency."),
    )


@require_POST
def rate(request, code: str):
    return _reporter_action(
        request,
        code,
        name="rate",
        form_class=RatingForm,
        perform=lambda complaint, actor, secret, data: complaint_rate(
            complaint=complaint, actor=actor, secret=secret, score=data["score"], comment=data["comment"]
        ),
        done=_("Thank you for rating the answer."),
    )


# --- following ------------------------------------------------------------------------------


@require_POST
def follow(request, code: str):
    """Ask to follow a published report: a confirmation link goes to the address."""
    complaint, reporter = _visible_complaint(request, code)
    if complaint is None or not complaint_is_published(complaint):
        return _not_found(request)
    form = FollowForm(request.POST, prefix="follow")
    if form.is_valid():
        email = form.cleaned_data["email"].strip().lower()
        try:
            # Over a limit, nothing is sent but the answer is the same: the page does not
            # tell whether an address was already asked for.
            if public_throttle.follow_request_allowed(request, code=complaint.tracking_code, email=email):
                token = follow_token_make(complaint=complaint, email=email)
                url = request.build_absolute_uri(
                    reverse(
                        "complaints:follow_confirm", kwargs={"code": complaint.tracking_code, "token": token}
                    )
                )
                complaint_follow_request(complaint=complaint, email=email, confirm_url=url)
        except ValidationError as error:
            _add_errors(form, error)
        except ApplicationError as error:
            form.add_error(None, str(error.message))
        else:
            messages.success(
                request,
                _(
                    "We sent a link to %(email)s. Open it within 3 days to confirm that you follow "
                    "this report."
                )
                % {"email": email},
            )
            return _to_status_page(complaint)
    return _status_page(request, complaint, reporter=reporter, bound={"follow": form})


@require_http_methods(["GET", "POST"])
def follow_confirm(request, code: str, token: str):
    """The link from the confirmation email: follow (while the link is fresh) or stop following."""
    complaint = complaint_by_code(code=code)
    try:
        token_code, email = follow_token_read(token=token, max_age=None)
    except ValidationError:
        token_code = email = None
    if complaint is None or token_code != code:
        return _not_found(request)
    following = complaint.followers.filter(email=email).exists()
    error = ""
    if request.method == "POST":
        try:
            if request.POST.get("action") == "unfollow":
                complaint_unfollow(complaint=complaint, email=email)
                messages.success(request, _("You no longer follow this report."))
            else:
                follow_token_read(token=token)  # refuses a link older than 3 days
                complaint_follow(complaint=complaint, email=email)
                messages.success(request, _("You now follow this report: status emails will reach you."))
        except ValidationError as exc:
            error = " ".join(exc.messages)
        except ApplicationError as exc:
            error = str(exc.message)
        else:
            if complaint_is_published(complaint):
                return redirect("complaints:status", code=code)
            return redirect("complaints:public_list")
    return render(
        request,
        "complaints/public/follow_confirm.html",
        {"complaint": complaint, "email": email, "following": following, "error": error},
        status=400 if error else 200,
    )


# --- list, map, figures ---------------------------------------------------------------------


def _filter_form(request) -> PublicFilterForm:
    form = PublicFilterForm(request.GET or None)
    form.is_valid()
    return form


class _CachedCountPaginator(Paginator):
    """Counting every published report takes a while at 200,000: the public list keeps the
    count of each filter for a minute (new reports show up on the first page at once; only
    the total and the number of pages may lag). Deep pages cost a large OFFSET each, so at
    most ``LIST_MAX_PAGES`` pages are served, like the map's cap: narrow the filter instead."""

    def __init__(self, *args, count_key: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.count_key = count_key

    @cached_property
    def count(self) -> int:
        value = cache.get(self.count_key)
        if value is None:
            value = super().count
            cache.set(self.count_key, value, LIST_COUNT_CACHE_SECONDS)
        return value

    @cached_property
    def num_pages(self) -> int:
        return min(super().num_pages, LIST_MAX_PAGES)

    @property
    def capped(self) -> bool:
        return self.count > LIST_MAX_PAGES * self.per_page


def _count_key(filters: dict) -> str:
    values = sorted((key, getattr(value, "code", value) or "") for key, value in filters.items())
    digest = hashlib.sha256(urlencode(values).encode()).hexdigest()[:32]
    return f"penata:complaints:public_count:{digest}"


@require_safe
def public_list(request):
    form = _filter_form(request)
    filters = form.filters()
    reports = complaint_public_list(**filters)
    paginator = _CachedCountPaginator(reports, REPORTS_PER_PAGE, count_key=_count_key(filters))
    context = {"form": form, "page": paginator.get_page(request.GET.get("page"))}
    return render_list(
        request, "complaints/public/list.html", "complaints/public/_list_results.html", context
    )


def _map_settings() -> dict:
    bounds = province_bounds()
    return {
        "tile_url": settings.PENATA_MAP_TILE_URL,
        "tile_attribution": settings.PENATA_MAP_TILE_ATTRIBUTION,
        "bounds_json": json.dumps({key: float(value) for key, value in bounds.items()}),
    }


@require_safe
def public_map(request):
    form = _filter_form(request)
    context = {
        "form": form,
        "points_max": selectors_public.MAP_POINTS_MAX,
        "map": _map_settings(),
        "status_url_template": reverse("complaints:status", kwargs={"code": "CODE"}),
        "statuses": {value: str(ComplaintStatus(value).label) for value in PUBLISHED_STATUSES},
    }
    return render(request, "complaints/public/map.html", context)


@require_safe
def public_map_points(request):
    form = _filter_form(request)
    points, capped = complaint_map_points(**form.filters())
    response = JsonResponse(
        {"points": points, "count": len(points), "capped": capped, "limit": selectors_public.MAP_POINTS_MAX}
    )
    response["Cache-Control"] = "public, max-age=60"
    return response


_STATS_COLUMNS = [
    ("name", gettext_lazy("Agency"), ""),
    ("received", gettext_lazy("Received"), "num"),
    ("within", gettext_lazy("Answered within the deadline"), "num"),
    ("median", gettext_lazy("Median time to first answer"), "num"),
    ("open", pgettext_lazy("reports not yet closed", "Open"), "num"),
    ("overdue", gettext_lazy("Overdue"), "num"),
]


def _stats_columns(sort: str) -> list[dict]:
    """Column headers with the link that sorts by them (again: the other way round)."""
    columns = []
    for key, label, css in _STATS_COLUMNS:
        if sort == key:
            aria, next_sort = "ascending", f"-{key}"
        elif sort == f"-{key}":
            aria, next_sort = "descending", key
        else:
            # Names read A to Z first; figures largest first.
            aria, next_sort = "", key if key == "name" else f"-{key}"
        columns.append({"key": key, "label": label, "css": css, "aria": aria, "next": next_sort})
    return columns


@require_safe
def agency_stats(request):
    years, latest = complaint_years()
    form = AgencyStatsForm(request.GET, years=years)
    form.is_valid()
    # A field that does not validate (an old year in a shared link) falls back on its own.
    year = form.cleaned_data.get("year") or latest
    sort = form.cleaned_data.get("sort") or AGENCY_STATS_DEFAULT_SORT
    figures, total = agency_figures_cached(year=year)
    context = {
        "form": form,
        "year": year,
        "sort": sort,
        "figures": agency_figures_sorted(figures, sort),
        "total": total,
        "columns": _stats_columns(sort),
    }
    return render(request, "complaints/public/agency_stats.html", context)
