"""Pages after a session: the participant's rating, rating results, the post-training
assessment sheet, certificates (issue, revoke, download) and the public verification page.

- Rating: the participant themself, on their own enrolment (anyone else's is a 404).
- Rating results: training manager, province administrator, leader.
- Assessment sheet, issuing and revoking certificates: training manager, province administrator.
- Certificate PDF: the holder, their agency administrator, a training manager (others 404);
  a revoked certificate only a training manager (marked as revoked), for anyone else it is
  no longer there (404).
- Verification: public, no sign-in.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from penata.accounts.models import Role
from penata.core.api import MAX_ID
from penata.core.errors import ApplicationError
from penata.core.pages import paginate
from penata.workforce.nip import format_nip

from .certificates import certificate_pdf
from .forms_after import PostTrainingSheetForm, RatingForm, RevokeForm
from .models import Certificate, Enrolment, Program, RatingItem, SessionRating, TrainingSession
from .permissions import MANAGER_ROLES, can_manage_employee_training, is_self, is_training_manager
from .selectors_after import (
    certificate_by_code,
    completed_enrolments,
    post_training_sheet,
    program_rating_results,
    program_ratings,
    program_sessions_rated,
    program_targets,
    rating_comments,
    session_certificate_rows,
    session_rating_results,
    session_ratings,
)
from .services.after import (
    CERTIFICATE_CODE_ALPHABET,
    certificate_revoke,
    certificates_issue_for_session,
    has_attended,
    session_post_training_assessments_record,
    session_rate,
)

COMMENTS_PER_PAGE = 20
SESSIONS_PER_PAGE = 20
SHEET_PER_PAGE = 50
CERTIFICATES_PER_PAGE = 50
CODE_MAX_LENGTH = Certificate._meta.get_field("code").max_length
RATING_READER_ROLES = MANAGER_ROLES | {Role.LEADER}


def may_read_ratings(user) -> bool:
    return user.is_authenticated and (user.is_superuser or user.role in RATING_READER_ROLES)


def _require_manager(user) -> None:
    if not is_training_manager(user):
        raise PermissionDenied


def _session(code: str) -> TrainingSession:
    return get_object_or_404(TrainingSession.objects.select_related("program"), code=code)


# --- rating ------------------------------------------------------------------------------


def _own_enrolment(user, pk: int) -> Enrolment:
    """The user's own enrolment; anyone else's (or none) is a 404."""
    if not 1 <= pk <= MAX_ID or user.employee_id is None:
        raise Http404
    try:
        return Enrolment.objects.select_related("session__program").get(pk=pk, employee_id=user.employee_id)
    except Enrolment.DoesNotExist:
        raise Http404 from None


@login_required
@require_http_methods(["GET", "POST"])
def enrolment_rate(request, pk: int):
    enrolment = _own_enrolment(request.user, pk)
    rating = SessionRating.objects.filter(enrolment=enrolment).first()
    attended = has_attended(enrolment)
    form = RatingForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            session_rate(enrolment=enrolment, actor=request.user, **data)
        except ValidationError as error:
            form.add_service_errors(error)
        except ApplicationError as error:
            form.add_error(None, str(error.message))
            status = error.status_code
        else:
            messages.success(request, _("Thank you: your rating is recorded."))
            return redirect("training:enrolment-rate", pk=enrolment.pk)
    if form.errors and status == 200:
        status = 400
    context = {
        "enrolment": enrolment,
        "session": enrolment.session,
        "rating": rating,
        "rating_items": [(item.label, getattr(rating, item.value)) for item in RatingItem] if rating else [],
        "may_rate": rating is None and attended,
        "attended": attended,
        "form": form,
    }
    return render(request, "training/after/rate.html", context, status=status)


# --- rating results ----------------------------------------------------------------------


@login_required
def session_ratings_page(request, code: str):
    if not may_read_ratings(request.user):
        raise PermissionDenied
    session = _session(code)
    context = {
        "session": session,
        "program": session.program,
        "may_manage": is_training_manager(request.user),
        "results": session_rating_results(session=session),
        "comments": paginate(
            request, rating_comments(ratings=session_ratings(session=session)), COMMENTS_PER_PAGE
        ),
    }
    return render(request, "training/after/session_ratings.html", context)


@login_required
def program_ratings_page(request, code: str):
    if not may_read_ratings(request.user):
        raise PermissionDenied
    program = get_object_or_404(Program, code=code)
    sessions = Paginator(program_sessions_rated(program=program), SESSIONS_PER_PAGE).get_page(
        request.GET.get("sessions")
    )
    context = {
        "program": program,
        "results": program_rating_results(program=program),
        "sessions": sessions,
        "items": list(RatingItem),
        "comments": paginate(
            request, rating_comments(ratings=program_ratings(program=program)), COMMENTS_PER_PAGE
        ),
    }
    return render(request, "training/after/program_ratings.html", context)


# --- post-training assessment ------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def session_assessments(request, code: str):
    _require_manager(request.user)
    session = _session(code)
    targets = program_targets(program=session.program)
    page = paginate(request, completed_enrolments(session=session), SHEET_PER_PAGE)
    sheet = post_training_sheet(session=session, enrolments=list(page.object_list), targets=targets)
    field_names = [cell.field_name for row in sheet for cell in row.cells]
    form = PostTrainingSheetForm(request.POST if request.method == "POST" else None, field_names=field_names)
    for row in sheet:
        for cell in row.cells:
            cell.bound_field = form[cell.field_name]
    if request.method == "POST" and form.is_valid():
        levels = form.levels()
        if not levels:
            form.add_error(None, _("Choose a level for at least one participant."))
        else:
            try:
                recorded = session_post_training_assessments_record(
                    session=session,
                    levels=levels,
                    actor=request.user,
                    assessed_on=form.cleaned_data["assessed_on"],
                    note=form.cleaned_data["note"],
                )
            except ValidationError as error:
                form.add_service_errors(error)
            else:
                count = len(recorded)
                messages.success(
                    request,
                    ngettext(
                        "%(count)d assessment is recorded; levels, gaps and job–person match count it.",
                        "%(count)d assessments are recorded; levels, gaps and job–person match count them.",
                        count,
                    )
                    % {"count": count},
                )
                return redirect(request.get_full_path())
    context = {"session": session, "targets": targets, "sheet": sheet, "page": page, "form": form}
    return render(
        request, "training/after/session_assessments.html", context, status=400 if form.errors else 200
    )


# --- certificates ------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def session_certificates(request, code: str):
    _require_manager(request.user)
    session = _session(code)
    if request.method == "POST":
        try:
            issued = certificates_issue_for_session(session=session, actor=request.user)
        except ApplicationError as error:
            messages.error(request, str(error.message))
            return redirect("training:session-certificates", code=session.code)
        if issued:
            messages.success(
                request,
                ngettext(
                    "%(count)d certificate is issued.", "%(count)d certificates are issued.", len(issued)
                )
                % {"count": len(issued)},
            )
        else:
            messages.info(
                request, _("Every participant who completed the session already has a certificate.")
            )
        return redirect("training:session-certificates", code=session.code)
    rows = paginate(request, session_certificate_rows(session=session), CERTIFICATES_PER_PAGE)
    return render(request, "training/after/session_certificates.html", {"session": session, "rows": rows})


def _certificate(code: str) -> Certificate:
    if len(code) > CODE_MAX_LENGTH:
        raise Http404
    return get_object_or_404(
        Certificate.objects.select_related("enrolment__employee", "enrolment__session"), code=code
    )


@login_required
@require_http_methods(["GET", "POST"])
def certificate_revoke_page(request, code: str):
    _require_manager(request.user)
    certificate = _certificate(code)
    back = reverse("training:session-certificates", kwargs={"code": certificate.enrolment.session.code})
    if certificate.is_revoked:
        messages.info(request, _("The certificate is already revoked."))
        return redirect(back)
    form = RevokeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            certificate_revoke(
                certificate=certificate, actor=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            form.add_service_errors(error)
        except ApplicationError as error:
            messages.info(request, str(error.message))
            return redirect(back)
        else:
            messages.success(
                request,
                _("The certificate %(code)s is revoked; the public check now shows it as revoked.")
                % {"code": certificate.code},
            )
            return redirect(back)
    return render(
        request,
        "training/after/certificate_revoke.html",
        {"certificate": certificate, "form": form, "back": back},
        status=400 if form.errors else 200,
    )


@login_required
def certificate_download(request, code: str):
    certificate = _certificate(code)
    employee = certificate.enrolment.employee
    if not (is_self(request.user, employee) or can_manage_employee_training(request.user, employee)):
        raise Http404
    if certificate.is_revoked and not is_training_manager(request.user):
        raise Http404
    response = HttpResponse(certificate_pdf(certificate), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="sertifikat-{certificate.code}.pdf"'
    patch_cache_control(response, private=True, no_store=True)
    return response


# --- public verification -----------------------------------------------------------------


def _normalize_code(raw: str) -> str:
    # People type codes from paper: in lower case, with spaces or dashes.
    return "".join(char for char in raw.upper() if char not in " -")


def masked_nip(nip: str) -> str:
    """Only the last four digits show: enough to tell two people of one name apart."""
    return format_nip("*" * (len(nip) - 4) + nip[-4:]) if len(nip) > 4 else nip


def certificate_verify(request, code: str):
    code = _normalize_code(code)
    certificate = None
    if 0 < len(code) <= CODE_MAX_LENGTH and all(char in CERTIFICATE_CODE_ALPHABET for char in code):
        certificate = certificate_by_code(code)
    if certificate is None:
        return render(
            request, "training/after/verify_not_found.html", {"code": code[:CODE_MAX_LENGTH]}, status=404
        )
    context = {"certificate": certificate, "nip": masked_nip(certificate.employee_nip)}
    return render(request, "training/after/verify.html", context)


urlpatterns = [
    path("enrolments/<int:pk>/rate/", enrolment_rate, name="enrolment-rate"),
    path("sessions/<str:code>/ratings/", session_ratings_page, name="session-ratings"),
    path("programs/<str:code>/ratings/", program_ratings_page, name="program-ratings"),
    path("sessions/<str:code>/assessments/", session_assessments, name="session-assessments"),
    path("sessions/<str:code>/certificates/", session_certificates, name="session-certificates"),
    path("certificates/<str:code>.pdf", certificate_download, name="certificate-pdf"),
    path("certificates/<str:code>/revoke/", certificate_revoke_page, name="certificate-revoke"),
]

verify_urlpatterns = [path("verify/<str:code>/", certificate_verify, name="certificate-verify")]
