"""Excel import in a real browser: a broken file is refused with its error table, a
corrected file is imported and its employees can be found."""

import pytest
from playwright.sync_api import expect

from penata.workforce.models import Employee
from penata.workforce.tests.test_import import employee_row, employees_xlsx

from .conftest import sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def upload(page, path) -> None:
    page.goto("/workforce/io/")
    page.select_option("#id_kind", "employees")
    page.set_input_files("#id_file", str(path))
    page.get_by_test_id("import-submit").click()


def test_province_admin_imports_employees_after_fixing_the_report(
    page, province, screenshot, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path / "media"
    sign_in(page, "prov")

    broken = tmp_path / "pegawai-salah.xlsx"
    rows = [
        employee_row(11, agency_code="DINKES"),
        employee_row(12, agency_code="NOPE"),
        employee_row(13, agency_code="DINKES", birth_date="kemarin"),
    ]
    broken.write_bytes(employees_xlsx(rows).getvalue())
    upload(page, broken)
    expect(page.get_by_test_id("job-rejected")).to_be_visible()
    expect(page.get_by_test_id("error-table-row")).to_have_count(2)
    expect(page.get_by_test_id("error-table")).to_contain_text("NOPE")
    expect(page.get_by_test_id("error-table")).to_contain_text("kemarin")
    expect(page.get_by_test_id("download-report")).to_be_visible()
    screenshot(page, "20-import-rejected")
    assert Employee.objects.filter(full_name__startswith="Pegawai Uji").count() == 0

    fixed = tmp_path / "pegawai.xlsx"
    rows = [employee_row(11, agency_code="DINKES"), employee_row(12, agency_code="DINKES")]
    fixed.write_bytes(employees_xlsx(rows).getvalue())
    upload(page, fixed)
    expect(page.get_by_test_id("job-succeeded")).to_be_visible()
    expect(page.get_by_test_id("count-created")).to_have_text("2")
    screenshot(page, "21-import-succeeded")
    assert Employee.objects.filter(full_name__startswith="Pegawai Uji").count() == 2

    page.goto("/workforce/employees/?q=Pegawai+Uji")
    expect(page.get_by_text("Pegawai Uji 12")).to_be_visible()
