"""JP pages: an employee's JP for a year with their external-training claims, the agency's
queue of claims to verify, and the compliance report (who has reached the yearly target).

Who sees what:
- ``my-jp``: any signed-in user linked to an employee record (their own JP and claims);
- ``employee-jp``: an employee's JP for whoever may see their training
  (``permissions.can_see_training_of``; another agency's employee is a 404);
- ``external-verify`` / ``external-decide``: agency administrators (their agency and its
  sub-agencies) and training managers / province administrators (every agency);
- ``external-evidence``: the claimant and whoever may see their training;
- ``jp-compliance`` and its export: agency administrators (their agencies), training
  managers, province administrators and leaders (every agency, with drill-down).
"""

import io
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods, require_POST
from openpyxl import Workbook

from penata.accounts.models import Role
from penata.accounts.scoping import scope_of
from penata.core.errors import ApplicationError
from penata.core.pages import paginate
from penata.core.spreadsheets import append_row
from penata.core.uploads import UploadSizeLimitHandler
from penata.organization.models import Agency
from penata.organization.selectors import agency_list_visible_to
from penata.workforce.models import Employee
from penata.workforce.nip import normalize_nip
from penata.workforce.selectors import employee_list_visible_to

from .evidence import evidence_response
from .forms_ledger import ComplianceForm, DecisionForm, ExternalTrainingForm, YearForm
from .models import EVIDENCE_MAX_BYTES, ExternalTraining, ExternalTrainingStatus
from .permissions import can_read_training_reports, can_see_training_of, is_self, is_training_manager
from .selectors_ledger import (
    ZERO,
    JpCompliance,
    external_trainings_awaiting,
    external_trainings_of,
    jp_compliance,
    jp_entries,
    jp_target,
    jp_years,
    progress_percent,
)
from .services.ledger import (
    can_claim_external_training,
    external_training_reject,
    external_training_submit,
    external_training_verify,
)

CLAIMS_PER_PAGE = 20
BEHIND_PER_PAGE = 25
YEARS_SHOWN = 5
EVIDENCE_MAX_FILES = 1
CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _bad_request(request, form, back: str = "training:my-jp"):
    problems = [f"{form.fields[name].label}: {' '.join(errors)}" for name, errors in form.errors.items()]
    context = {"problems": problems, "back": reverse(back)}
    return render(request, "training/ledger/bad_request.html", context, status=400)


def _year_choices(year: int, with_entries: list[int]) -> list[int]:
    current = timezone.localdate().year
    return sorted({*range(current - YEARS_SHOWN + 1, current + 1), year, *with_entries}, reverse=True)


def _ledger_context(employee: Employee, year: int) -> dict:
    entries = list(jp_entries(employee=employee, year=year))
    total = sum((entry.jp for entry in entries), start=ZERO)
    target = jp_target()
    return {
        "employee": employee,
        "year": year,
        "years": _year_choices(year, jp_years(employee=employee)),
        "entries": entries,
        "total": total,
        "target": target,
        "missing": max(target - total, 0),
        "reached": total >= target,
        "percent": progress_percent(total, target),
        "claims": list(external_trainings_of(employee=employee, year=year)),
    }


# --- an employee's JP ------------------------------------------------------------------------


@csrf_exempt
@login_required
@require_http_methods(["GET", "POST"])
def my_jp(request):
    # Upload handlers can only change before the body is read, and the CSRF check reads
    # it: so the check runs inside, after the limit handler is in place. One file (the
    # evidence) is kept, and of it no more than the limit and a chunk.
    request.upload_handlers.insert(
        0, UploadSizeLimitHandler(request, max_bytes=EVIDENCE_MAX_BYTES, max_files=EVIDENCE_MAX_FILES)
    )
    return _my_jp(request)


@csrf_protect
def _my_jp(request):
    employee = None
    if request.user.employee_id:
        employee = employee_list_visible_to(user=request.user).filter(pk=request.user.employee_id).first()
    if employee is None:
        return render(request, "training/ledger/no_employee.html", {})
    year_form = YearForm(request.GET)
    if not year_form.is_valid():
        return _bad_request(request, year_form)
    year = year_form.chosen_year()
    may_claim = can_claim_external_training(request.user, employee)
    form = ExternalTrainingForm()
    if request.method == "POST":
        if not may_claim:
            raise PermissionDenied
        form = ExternalTrainingForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                claim = external_training_submit(employee=employee, actor=request.user, **form.cleaned_data)
            except ValidationError as error:
                form.add_service_errors(error)
            else:
                messages.success(
                    request,
                    _(
                        "Your claim for “%(title)s” is sent. Its JP count once your agency's "
                        "administrator verifies the evidence."
                    )
                    % {"title": claim.title},
                )
                return redirect(f"{reverse('training:my-jp')}?year={claim.end_date.year}")
    context = _ledger_context(employee, year)
    context.update({"form": form, "may_claim": may_claim, "own": True})
    return render(request, "training/ledger/jp.html", context, status=400 if form.errors else 200)


@login_required
def employee_jp(request, nip: str):
    employee = employee_list_visible_to(user=request.user).filter(nip=normalize_nip(nip)).first()
    if employee is None or not can_see_training_of(request.user, employee):
        raise Http404
    if is_self(request.user, employee):
        return redirect(f"{reverse('training:my-jp')}?{request.GET.urlencode()}")
    year_form = YearForm(request.GET)
    if not year_form.is_valid():
        return _bad_request(request, year_form)
    context = _ledger_context(employee, year_form.chosen_year())
    context.update({"form": None, "may_claim": False, "own": False})
    return render(request, "training/ledger/jp.html", context)


# --- verification ----------------------------------------------------------------------------


def _may_verify(user) -> bool:
    return is_training_manager(user) or (
        user.is_authenticated and user.role == Role.AGENCY_ADMIN and scope_of(user).sees_agencies
    )


def _queue(request, *, errors: dict | None = None, forms: dict | None = None, status: int = 200):
    claims = external_trainings_awaiting(user=request.user)
    page = paginate(request, claims, CLAIMS_PER_PAGE)
    forms = forms or {}
    rows = [{"claim": claim, "form": forms.get(claim.pk) or DecisionForm()} for claim in page.object_list]
    context = {"page": page, "rows": rows, "errors": errors or {}}
    return render(request, "training/ledger/verify.html", context, status=status)


@login_required
def external_verify(request):
    if not _may_verify(request.user):
        raise PermissionDenied
    return _queue(request)


@login_required
@require_POST
def external_decide(request, pk: int):
    if not _may_verify(request.user):
        raise PermissionDenied
    claim = external_trainings_awaiting(user=request.user).filter(pk=pk).first()
    if claim is None:
        # Decided meanwhile, or another agency's: tell the first, hide the second.
        decided = ExternalTraining.objects.select_related("employee").filter(pk=pk).first()
        if decided is None or not can_see_training_of(request.user, decided.employee):
            raise Http404
        if decided.status == ExternalTrainingStatus.SUBMITTED:
            raise PermissionDenied  # their own claim: someone else decides it
        messages.warning(
            request,
            _("This claim has already been decided (%(status)s).") % {"status": decided.get_status_display()},
        )
        return redirect("training:external-verify")
    form = DecisionForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            if data["action"] == "verify":
                external_training_verify(external_training=claim, actor=request.user, note=data["reason"])
                messages.success(
                    request,
                    _("Verified: %(jp)s JP for %(name)s.")
                    % {"jp": claim.jp, "name": claim.employee.full_name},
                )
            else:
                external_training_reject(external_training=claim, actor=request.user, reason=data["reason"])
                messages.success(
                    request, _("Rejected: the claim of %(name)s.") % {"name": claim.employee.full_name}
                )
        except ValidationError as error:
            form.add_service_errors(error)
        except ApplicationError as error:
            form.add_error(None, str(error.message))
    if form.errors:
        return _queue(request, forms={claim.pk: form}, status=400)
    return redirect(f"{reverse('training:external-verify')}?{request.GET.urlencode()}")


@login_required
def external_evidence(request, pk: int):
    claim = ExternalTraining.objects.select_related("employee").filter(pk=pk).first()
    if claim is None or not (
        is_self(request.user, claim.employee) or can_see_training_of(request.user, claim.employee)
    ):
        raise Http404
    return evidence_response(claim)


# --- compliance ------------------------------------------------------------------------------


def _compliance_target(request, form) -> tuple[Agency | None, list[int] | None]:
    """The one agency to show (drill-down), else None, with the agency ids of the overview
    (None: every agency). Another agency's code is a 404."""
    visible = agency_list_visible_to(user=request.user)
    code = form.cleaned_data["agency"].strip()
    if code:
        agency = visible.filter(code=code).first()
        if agency is None:
            raise Http404
        return agency, [agency.pk]
    scope = scope_of(request.user)
    if scope.all_agencies:
        return None, None
    ids = sorted(scope.agency_ids)
    if len(ids) == 1:
        return visible.get(pk=ids[0]), ids
    return None, ids


def _sorted(report: JpCompliance, sort: str) -> list:
    rows = list(report.agencies)
    if sort == "code":
        return sorted(rows, key=lambda r: r.agency.code)
    if sort == "counted":
        return sorted(rows, key=lambda r: (-r.counted, r.agency.code))
    if sort == "behind":
        return sorted(rows, key=lambda r: (-r.behind, r.agency.code))
    # Lowest share first; agencies without active staff last.
    return sorted(rows, key=lambda r: (r.share is None, r.share or 0, r.agency.code))


@login_required
def jp_compliance_page(request):
    if not can_read_training_reports(request.user):
        raise PermissionDenied
    form = ComplianceForm(request.GET)
    if not form.is_valid():
        return _bad_request(request, form, back="training:jp-compliance")
    year = form.chosen_year()
    agency, agency_ids = _compliance_target(request, form)
    report = jp_compliance(year=year, agency_ids=agency_ids)
    page = report.behind_paginator(BEHIND_PER_PAGE).get_page(request.GET.get("page"))
    for employee in page.object_list:
        employee.missing = report.target - employee.jp_total
    sort = form.cleaned_data["sort"] or "share"
    scope = scope_of(request.user)
    keep = [("agency", agency.code)] if agency is not None else [("sort", sort)]
    context = {
        "report": report,
        "year": year,
        "years": _year_choices(year, []),
        "agency": agency,
        "rows": _sorted(report, sort) if agency is None else report.agencies,
        "sort": sort,
        "sort_choices": form.fields["sort"].choices,
        "page": page,
        "overview_link": agency is not None and (scope.all_agencies or len(scope.agency_ids) > 1),
        "keep": keep,
        "export_query": urlencode([("year", year), *keep]),
    }
    return render(request, "training/ledger/compliance.html", context)


@login_required
def jp_compliance_export(request):
    if not can_read_training_reports(request.user):
        raise PermissionDenied
    form = ComplianceForm(request.GET)
    if not form.is_valid():
        return _bad_request(request, form, back="training:jp-compliance")
    year = form.chosen_year()
    agency, agency_ids = _compliance_target(request, form)
    report = jp_compliance(year=year, agency_ids=agency_ids)
    rows = _sorted(report, form.cleaned_data["sort"] or "share")
    response = HttpResponse(compliance_workbook(report, rows), content_type=CONTENT_TYPE)
    name = agency.code if agency is not None else "province"
    filename = f"jp-compliance-{year}-{name}-{timezone.localdate():%Y-%m-%d}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def compliance_workbook(report: JpCompliance, rows: list) -> bytes:
    """Two sheets: the agencies (counted, at target, share) and everyone behind."""
    book = Workbook(write_only=True)
    summary = book.create_sheet(_("Agencies"))
    title = _("JP compliance %(year)s: active ASN with at least %(target)s JP") % {
        "year": report.year,
        "target": report.target,
    }
    append_row(summary, [title])
    append_row(
        summary,
        [_("Agency code"), _("Agency"), _("Staff counted"), _("At or above target"), _("Behind"), _("Share")],
    )
    for row in rows:
        append_row(
            summary,
            [
                row.agency.code,
                row.agency.name,
                row.counted,
                row.at_target,
                row.behind,
                round(row.share / 100, 4) if row.share is not None else None,
            ],
        )
    total_share = round(report.share / 100, 4) if report.share is not None else None
    append_row(summary, ["", _("Total"), report.counted, report.at_target, report.behind_count, total_share])
    behind = book.create_sheet(_("Behind"))
    append_row(behind, [_("NIP"), _("Name"), _("Agency code"), _("Position"), _("JP"), _("JP missing")])
    for employee in report.behind:
        append_row(
            behind,
            [
                employee.nip,
                employee.full_name,
                employee.agency.code,
                employee.position.title if employee.position_id else "",
                float(employee.jp_total),
                float(report.target - employee.jp_total),
            ],
        )
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()


urlpatterns = [
    path("jp/", my_jp, name="my-jp"),
    path("jp/employee/<str:nip>/", employee_jp, name="employee-jp"),
    path("jp/verify/", external_verify, name="external-verify"),
    path("jp/verify/<int:pk>/", external_decide, name="external-decide"),
    path("jp/evidence/<int:pk>/", external_evidence, name="external-evidence"),
    path("jp/compliance/", jp_compliance_page, name="jp-compliance"),
    path("jp/compliance/export/", jp_compliance_export, name="jp-compliance-export"),
]
