"""Excel import and export pages: upload, result with error table, templates, exports.

Imports run as jobs (in the background when a Celery broker is configured, in the request
otherwise); the result page polls until the job is finished.
"""

import tempfile
from functools import wraps

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from penata.organization.selectors import agency_list_visible_to

from .exporting import CONTENT_TYPE, can_export, export_kinds, export_write, template_workbook
from .imports import can_import, file_problem, import_kinds, importable_kinds
from .imports.jobs import import_job_create, import_job_list_visible_to
from .models import ImportKind

RECENT_JOBS = 10
# Spooled exports stay in memory up to this size, then go to a temporary file.
SPOOL_BYTES = 8 * 1024 * 1024


class ImportForm(forms.Form):
    kind = forms.ChoiceField(
        label=gettext_lazy("What to import"),
        choices=import_kinds,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    file = forms.FileField(
        label=gettext_lazy("Excel file (.xlsx)"),
        widget=forms.ClearableFileInput(
            attrs={
                "class": "form-control",
                "accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            }
        ),
    )
    dry_run = forms.BooleanField(
        label=gettext_lazy("Check only: validate the file and write nothing"),
        required=False,
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if user is not None:
            self.fields["kind"].choices = importable_kinds(user)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        problem = file_problem(upload)
        if problem:
            raise forms.ValidationError(problem, code="invalid_file")
        return upload


def io_staff_required(view):
    """Signed in, allowed to import or to export."""

    @wraps(view)
    @login_required
    def wrapper(request, *args, **kwargs):
        if not (can_import(request.user) or can_export(request.user)):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def _kind_or_404(kind: str) -> str:
    if kind not in dict(import_kinds()):
        raise Http404
    return kind


def _context(request, form):
    user = request.user
    return {
        "form": form,
        "may_import": can_import(user),
        "may_export": can_export(user),
        # Templates of the kinds the user may import; exports of the kinds they may export.
        "kinds": importable_kinds(user),
        "export_kinds": export_kinds(user),
        "agencies": agency_list_visible_to(user=user).order_by("code") if can_export(user) else [],
        "jobs": import_job_list_visible_to(user=user).filter(actor=user)[:RECENT_JOBS],
    }


@io_staff_required
def io_index(request):
    if request.method == "POST":
        # A kind the user may not import is refused, not offered again as a form error.
        kind = request.POST.get("kind", "")
        if not can_import(request.user) or (
            kind in dict(import_kinds()) and not can_import(request.user, kind)
        ):
            raise PermissionDenied
        form = ImportForm(request.POST, request.FILES, user=request.user)
        if form.is_valid():
            job = import_job_create(
                actor=request.user,
                kind=form.cleaned_data["kind"],
                upload=form.cleaned_data["file"],
                dry_run=form.cleaned_data["dry_run"],
            )
            return redirect("workforce:io:job_detail", pk=job.pk)
        return render(request, "workforce/io/index.html", _context(request, form), status=400)
    form = (
        ImportForm(initial={"kind": request.GET.get("kind", ImportKind.EMPLOYEES)}, user=request.user)
        if can_import(request.user)
        else None
    )
    return render(request, "workforce/io/index.html", _context(request, form))


@io_staff_required
def job_detail(request, pk: int):
    job = get_object_or_404(import_job_list_visible_to(user=request.user), pk=pk)
    context = {"job": job}
    if request.htmx:
        return render(request, "workforce/io/_job_result.html", context)
    return render(request, "workforce/io/job_detail.html", context)


@io_staff_required
def job_report(request, pk: int):
    job = get_object_or_404(import_job_list_visible_to(user=request.user), pk=pk)
    if not job.report:
        raise Http404
    return FileResponse(
        job.report.open("rb"),
        as_attachment=True,
        filename=f"{job.kind}-errors-{job.pk}.xlsx",
        content_type=CONTENT_TYPE,
    )


@io_staff_required
def template_download(request, kind: str):
    kind = _kind_or_404(kind)
    if not (can_import(request.user, kind) or can_export(request.user, kind)):
        raise PermissionDenied
    response = HttpResponse(template_workbook(kind=kind, user=request.user), content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{kind}-template.xlsx"'
    return response


@io_staff_required
def export_download(request, kind: str):
    kind = _kind_or_404(kind)
    if not can_export(request.user, kind):
        raise PermissionDenied
    agency = None
    if code := request.GET.get("agency", "").strip():
        agency = agency_list_visible_to(user=request.user).filter(code=code).first()
        if agency is None:
            raise Http404(_("Unknown agency."))
    out = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)  # noqa: SIM115 - closed by FileResponse
    export_write(kind=kind, out=out, user=request.user, agency=agency)
    out.seek(0)
    suffix = f"-{agency.code}" if agency else ""
    return FileResponse(
        out,
        as_attachment=True,
        filename=f"{kind}{suffix}-{timezone.localdate():%Y-%m-%d}.xlsx",
        content_type=CONTENT_TYPE,
    )
