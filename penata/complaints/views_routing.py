"""The routing model page (``/complaints/routing/``): the current model and its accuracy,
the versions trained so far, "Retrain now", the CSV import of historical reports with its
per-row error report, and a box to try the model on a description.

For the complaint verifier and the province administrator (and superusers); anyone else
signed in gets 403.
"""

import csv
import io

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET, require_POST

from penata.accounts.models import Role
from penata.organization.models import Agency

from .models import (
    DESCRIPTION_MAX_LENGTH,
    ComplaintCategory,
    RoutingModelStatus,
    RoutingModelVersion,
    TrainingReport,
    TrainingSource,
)
from .services.routing import (
    MIN_TRAINING_REPORTS,
    RoutingTrainingRefused,
    route_suggestions,
    routing_model_current,
    routing_model_retrain_request,
    routing_training_counts,
    training_reports_import,
)
from .services.routing_import import MAX_LISTED_ERRORS

ROUTING_ROLES = frozenset({Role.COMPLAINT_VERIFIER, Role.PROVINCE_ADMIN})
VERSIONS_SHOWN = 15
TEMPLATE_ROWS = (
    ("KTP elektronik saya belum jadi sudah tiga bulan, katanya blanko habis.", "ADMINDUK", "DISDUKCAPIL"),
    ("Jalan di Desa Gosale, Sofifi, berlubang besar dan belum diperbaiki.", "JALAN", ""),
)


def routing_staff_required(view):
    @login_required
    def wrapper(request, *args, **kwargs):
        user = request.user
        if not (user.is_superuser or user.role in ROUTING_ROLES):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    wrapper.__name__ = view.__name__
    wrapper.__doc__ = view.__doc__
    return wrapper


class TrainingImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("CSV file"),
        help_text=gettext_lazy(
            "Columns description, category (code) and optionally agency (code); comma or semicolon separated."
        ),
        widget=forms.ClearableFileInput(attrs={"class": "form-control", "accept": ".csv,text/csv"}),
    )


class TryForm(forms.Form):
    description = forms.CharField(
        label=gettext_lazy("Description of a report"),
        max_length=DESCRIPTION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"class": "form-control", "rows": 3}),
        error_messages={"required": gettext_lazy("Give the report's description.")},
    )


def _with_percent(version: RoutingModelVersion | None) -> RoutingModelVersion | None:
    if version is not None:
        version.top1_percent = None if version.top1 is None else version.top1 * 100
        version.top3_percent = None if version.top3 is None else version.top3 * 100
    return version


def _context(request, **extra) -> dict:
    versions = [
        _with_percent(version)
        for version in RoutingModelVersion.objects.select_related("requested_by").order_by(
            "-created_at", "-id"
        )[:VERSIONS_SHOWN]
    ]
    current = _with_percent(routing_model_current())
    sources = dict(TrainingReport.objects.values_list("source").annotate(n=Count("id")).order_by())
    return {
        "current": current,
        "latest": versions[0] if versions else None,
        "versions": versions,
        "counts": routing_training_counts(),
        "imported": sources.get(TrainingSource.IMPORT, 0),
        "demo": sources.get(TrainingSource.DEMO, 0),
        "min_reports": MIN_TRAINING_REPORTS,
        "import_form": TrainingImportForm(),
        "try_form": TryForm(),
        "statuses": RoutingModelStatus,
        "max_errors": MAX_LISTED_ERRORS,
        **extra,
    }


@routing_staff_required
@require_GET
def routing_overview(request):
    return render(request, "complaints/routing/overview.html", _context(request))


@routing_staff_required
@require_POST
def routing_retrain(request):
    try:
        version = routing_model_retrain_request(actor=request.user)
    except RoutingTrainingRefused as refused:
        messages.error(request, refused.message)
        return redirect("complaints:routing")
    version.refresh_from_db()
    if version.status == RoutingModelStatus.READY:
        messages.success(request, _("The routing model was retrained."))
    elif version.status == RoutingModelStatus.FAILED:
        messages.error(request, _("Retraining failed: %(error)s") % {"error": version.error})
    else:
        messages.info(
            request, _("Retraining has started; it takes a few minutes. Reload this page to see the result.")
        )
    return redirect("complaints:routing")


@routing_staff_required
@require_POST
def routing_import(request):
    form = TrainingImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return render(request, "complaints/routing/overview.html", _context(request, import_form=form))
    result = training_reports_import(file=form.cleaned_data["file"], actor=request.user)
    if not result.ok:
        return render(
            request,
            "complaints/routing/overview.html",
            _context(request, import_form=form, import_result=result),
        )
    message = ngettext(
        "%(created)s historical report imported.", "%(created)s historical reports imported.", result.created
    ) % {"created": result.created}
    if result.duplicates:
        message += " " + ngettext(
            "%(count)s row was already imported and was skipped.",
            "%(count)s rows were already imported and were skipped.",
            result.duplicates,
        ) % {"count": result.duplicates}
    messages.success(request, message + " " + _("Retrain the model to use them."))
    return redirect("complaints:routing")


@routing_staff_required
@require_GET
def routing_template(request):
    """A CSV to start from: the header and two example rows."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["description", "category", "agency"])
    writer.writerows(TEMPLATE_ROWS)
    response = HttpResponse(buffer.getvalue().encode("utf-8-sig"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="laporan-historis.csv"'
    return response


@routing_staff_required
@require_POST
def routing_try(request):
    """The current model's suggestions for a description (an htmx fragment)."""
    form = TryForm(request.POST)
    suggestions = []
    if form.is_valid():
        found = route_suggestions(description=form.cleaned_data["description"], top=3)
        categories = dict(
            ComplaintCategory.objects.filter(code__in=[s.category for s in found]).values_list("code", "name")
        )
        agencies = dict(
            Agency.objects.filter(code__in=[s.agency for s in found if s.agency]).values_list("code", "name")
        )
        suggestions = [
            {
                "category": s.category,
                "category_name": categories.get(s.category, s.category),
                "agency": s.agency,
                "agency_name": agencies.get(s.agency, s.agency or ""),
                "percent": round(s.confidence * 100),
            }
            for s in found
        ]
    context = {"try_form": form, "suggestions": suggestions, "tried": form.is_valid()}
    return render(request, "complaints/routing/_try.html", context)
