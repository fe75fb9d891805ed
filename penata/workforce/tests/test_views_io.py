"""Import/export pages: permissions, upload checks, job results and reports."""

import io
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from penata.accounts.models import Role
from penata.core.models import AuditEvent
from penata.workforce.models import Employee, ImportJob, ImportStatus
from penata.workforce.tests.factories import EmployeeFactory
from penata.workforce.tests.test_import import employee_row, employees_xlsx, english  # noqa: F401 - fixture

pytestmark = pytest.mark.django_db

INDEX = reverse("workforce:io:index")


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture(autouse=True)
def english_pages(client, settings):
    # Pages and job results are asserted in the English source text.
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def upload(content: bytes, name: str = "pegawai.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def post_import(client, content: bytes, *, kind="employees", name="pegawai.xlsx", capture=None, **extra):
    data = {"kind": kind, "file": upload(content, name), **extra}
    if capture is None:
        return client.post(INDEX, data)
    with capture(execute=True):
        return client.post(INDEX, data)


@pytest.mark.parametrize(
    ("role", "index", "template", "export", "post"),
    [
        (Role.PROVINCE_ADMIN, 200, 200, 200, 302),
        (Role.AGENCY_ADMIN, 200, 200, 200, 302),
        (Role.LEADER, 200, 200, 200, 403),
        (Role.TRAINING_MANAGER, 200, 200, 200, 403),
        (Role.COMPLAINT_OFFICER, 403, 403, 403, 403),
        (Role.EMPLOYEE, 403, 403, 403, 403),
        (Role.CITIZEN, 403, 403, 403, 403),
    ],
)
def test_permissions_by_role(
    client, make_user, agency_a, role, index, template, export, post, django_capture_on_commit_callbacks
):
    client.force_login(make_user(role, agency_a))
    assert client.get(INDEX).status_code == index
    assert client.get(reverse("workforce:io:template", kwargs={"kind": "employees"})).status_code == template
    assert client.get(reverse("workforce:io:export", kwargs={"kind": "employees"})).status_code == export
    response = post_import(
        client, employees_xlsx([employee_row(1)]).getvalue(), capture=django_capture_on_commit_callbacks
    )
    assert response.status_code == post
    assert Employee.objects.count() == (1 if post == 302 else 0)


def test_anonymous_is_sent_to_sign_in(client):
    response = client.get(INDEX)
    assert (response.status_code, response.url.split("?")[0]) == (302, reverse("accounts:login"))


def test_page_shows_import_form_templates_and_exports(client, province_admin, django_assert_max_num_queries):
    client.force_login(province_admin)
    with django_assert_max_num_queries(8):
        response = client.get(INDEX)
    body = response.content.decode()
    assert 'data-testid="import-form"' in body
    assert reverse("workforce:io:template", kwargs={"kind": "positions"}) in body
    assert reverse("workforce:io:export", kwargs={"kind": "employees"}) in body


def test_a_valid_upload_imports_and_shows_the_counts(
    client, province_admin, django_capture_on_commit_callbacks
):
    client.force_login(province_admin)
    response = post_import(
        client,
        employees_xlsx([employee_row(1), employee_row(2)]).getvalue(),
        capture=django_capture_on_commit_callbacks,
    )
    job = ImportJob.objects.get()
    assert response.url == reverse("workforce:io:job_detail", kwargs={"pk": job.pk})
    assert (job.status, job.actor_id, job.row_count, job.created_count, job.error_count) == (
        ImportStatus.SUCCEEDED,
        province_admin.pk,
        2,
        2,
        0,
    )
    assert Employee.objects.count() == 2
    page = client.get(response.url).content.decode()
    assert 'data-testid="count-created">2<' in page
    assert 'data-testid="count-unchanged">0<' in page


def test_a_file_with_bad_rows_shows_the_error_table_and_report(
    client, province_admin, django_capture_on_commit_callbacks
):
    client.force_login(province_admin)
    rows = [employee_row(1), employee_row(2, agency_code="NOPE"), employee_row(3, birth_date="kemarin")]
    response = post_import(
        client, employees_xlsx(rows).getvalue(), capture=django_capture_on_commit_callbacks
    )

    job = ImportJob.objects.get()
    assert (job.status, job.error_count, job.created_count) == (ImportStatus.REJECTED, 2, 0)
    assert Employee.objects.count() == 0
    assert AuditEvent.objects.count() == 0
    page = client.get(response.url).content.decode()
    assert page.count('data-testid="error-table-row"') == 2
    assert "Unknown agency code." in page
    report = client.get(reverse("workforce:io:job_report", kwargs={"pk": job.pk}))
    assert report.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(report.streaming_content))).worksheets[0]
    assert list(sheet.iter_rows(values_only=True)) == [
        ("Row", "Column", "Value", "Reason"),
        (3, "agency_code", "NOPE", "Unknown agency code."),
        (4, "birth_date", "kemarin", "Not a date; write it as DD-MM-YYYY."),
    ]


def test_a_text_file_renamed_xlsx_gets_a_field_error(client, province_admin):
    client.force_login(province_admin)
    response = post_import(client, b"nip;full_name\n198001012008031001;Budi\n", name="pegawai.xlsx")
    assert response.status_code == 400
    assert response.context["form"].errors == {
        "file": ["The file is not an Excel workbook (.xlsx). Save it in Excel as “Excel Workbook (*.xlsx)”."]
    }
    assert 'data-testid="error-file"' in response.content.decode()
    assert ImportJob.objects.count() == 0


def test_an_oversized_upload_gets_a_field_error(client, province_admin, settings):
    settings.PENATA_IMPORT_MAX_BYTES = 5 * 1024 * 1024
    client.force_login(province_admin)
    response = post_import(client, b"\0" * (6 * 1024 * 1024))
    assert response.status_code == 400
    assert response.context["form"].errors == {"file": ["The file is 6 MB; at most 5 MB can be imported."]}
    assert ImportJob.objects.count() == 0


def test_agency_admin_upload_with_another_agency_is_rejected(
    client, agency_admin_a, agency_b, django_capture_on_commit_callbacks
):
    client.force_login(agency_admin_a)
    rows = [employee_row(1), employee_row(2, agency_code="DINB")]
    post_import(client, employees_xlsx(rows).getvalue(), capture=django_capture_on_commit_callbacks)
    job = ImportJob.objects.get()
    assert job.errors == [
        {
            "row": 3,
            "column": "agency_code",
            "value": "DINB",
            "reason": "You may not import employees of this agency.",
        }
    ]
    assert Employee.objects.count() == 0


def test_jobs_and_reports_of_others_are_not_found(
    client, agency_admin_a, make_user, agency_a, django_capture_on_commit_callbacks
):
    client.force_login(agency_admin_a)
    post_import(
        client,
        employees_xlsx([employee_row(1, agency_code="NOPE")]).getvalue(),
        capture=django_capture_on_commit_callbacks,
    )
    job = ImportJob.objects.get()
    client.force_login(make_user(Role.AGENCY_ADMIN, agency_a, username="admin_a2"))
    assert client.get(reverse("workforce:io:job_detail", kwargs={"pk": job.pk})).status_code == 404
    assert client.get(reverse("workforce:io:job_report", kwargs={"pk": job.pk})).status_code == 404


def test_export_of_another_agency_is_not_found_and_own_export_is_scoped(client, agency_admin_a, agency_b):
    own = EmployeeFactory(agency=agency_admin_a.agency)
    EmployeeFactory(agency=agency_b)
    client.force_login(agency_admin_a)
    url = reverse("workforce:io:export", kwargs={"kind": "employees"})
    assert client.get(url, {"agency": "DINB"}).status_code == 404
    response = client.get(url)
    assert response["Content-Disposition"].startswith('attachment; filename="employees-')
    rows = list(
        load_workbook(io.BytesIO(b"".join(response.streaming_content)))
        .worksheets[0]
        .iter_rows(values_only=True)
    )
    assert [r[0] for r in rows[1:]] == [own.nip]


def test_template_download_has_the_documented_headers(client, province_admin):
    client.force_login(province_admin)
    response = client.get(reverse("workforce:io:template", kwargs={"kind": "positions"}))
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    header = next(load_workbook(io.BytesIO(response.content)).worksheets[0].iter_rows(values_only=True))
    assert header[:3] == ("code", "agency_code", "unit_code")
    assert client.get(reverse("workforce:io:template", kwargs={"kind": "nope"})).status_code == 404


def test_pending_job_page_polls_until_finished(client, province_admin):
    client.force_login(province_admin)
    job = ImportJob.objects.create(
        kind="employees", actor=province_admin, file_name="x.xlsx", file="imports/x.xlsx"
    )
    page = client.get(reverse("workforce:io:job_detail", kwargs={"pk": job.pk}))
    assert 'hx-trigger="every 2s"' in page.content.decode()
    partial = client.get(reverse("workforce:io:job_detail", kwargs={"pk": job.pk}), HTTP_HX_REQUEST="true")
    assert partial.templates[0].name == "workforce/io/_job_result.html"


def test_running_a_finished_job_again_changes_nothing(
    client, province_admin, django_capture_on_commit_callbacks
):
    from penata.workforce.tasks import import_job_run

    client.force_login(province_admin)
    post_import(
        client,
        employees_xlsx([employee_row(1, birth_date=date(1981, 2, 2))]).getvalue(),
        capture=django_capture_on_commit_callbacks,
    )
    job = ImportJob.objects.get()
    events = AuditEvent.objects.count()
    assert import_job_run(job.pk) == ImportStatus.SUCCEEDED
    assert (Employee.objects.count(), AuditEvent.objects.count()) == (1, events)
