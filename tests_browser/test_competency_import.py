"""Competency standards from Excel in a real browser: a broken workbook is refused with its
error table, the corrected one is imported, and the standard is what the file says."""

import pytest
from playwright.sync_api import expect

from penata.competency.models import PositionStandard
from penata.competency.tests.test_import import standards_xlsx

from .conftest import sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def upload(page, path, *, check_only: bool = False) -> None:
    page.goto("/workforce/io/")
    page.select_option("#id_kind", "standards")
    page.set_input_files("#id_file", str(path))
    if check_only:
        page.check("#id_dry_run")
    page.get_by_test_id("import-submit").click()


def test_agency_admin_imports_standards_after_fixing_the_errors(
    page, province, screenshot, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path / "media"
    sign_in(page, "admin_dinkes")
    page.goto("/workforce/io/")
    expect(page.get_by_test_id("template-standards")).to_be_visible()
    expect(page.get_by_test_id("export-assessments")).to_be_visible()
    screenshot(page, "40-competency-io-page")

    broken = tmp_path / "standar-salah.xlsx"
    rows = [
        ("DK-AK-01", "M.01", 3, "ya"),
        ("DK-AK-01", "M.02", 7, "ya"),  # level out of range
        ("BKD-SDM-01", "M.01", 2, "ya"),  # another agency's position reads as unknown
        ("DK-PK-01", "M.04", 2, "tidak"),
        ("DK-PK-01", "M.04", 3, "tidak"),  # the same competency twice
        ("DK-PK-01", "X.99", 2, None),  # unknown competency
    ]
    broken.write_bytes(standards_xlsx(rows).getvalue())
    upload(page, broken)
    expect(page.get_by_test_id("job-rejected")).to_be_visible()
    table = page.get_by_test_id("error-table")
    expect(page.get_by_test_id("error-table-row")).to_have_count(5)
    expect(table).to_contain_text("BKD-SDM-01")
    expect(table).to_contain_text("X.99")
    expect(table).to_contain_text("required_level")
    expect(page.get_by_test_id("download-report")).to_be_visible()
    screenshot(page, "41-competency-standards-rejected")
    assert PositionStandard.objects.count() == 0

    fixed = tmp_path / "standar.xlsx"
    rows = [
        ("DK-AK-01", "M.01", 3, "ya"),
        ("DK-AK-01", "M.02", 4, "ya"),
        ("DK-PK-01", "M.04", 2, "tidak"),
        ("DK-PK-01", "SK.01", 2, None),
    ]
    fixed.write_bytes(standards_xlsx(rows).getvalue())
    upload(page, fixed, check_only=True)
    expect(page.get_by_test_id("job-succeeded")).to_be_visible()
    assert PositionStandard.objects.count() == 0

    upload(page, fixed)
    expect(page.get_by_test_id("job-succeeded")).to_be_visible()
    expect(page.get_by_test_id("count-created")).to_have_text("4")
    screenshot(page, "42-competency-standards-imported")
    assert sorted(
        PositionStandard.objects.values_list(
            "position__code", "competency__code", "required_level", "is_core"
        )
    ) == [
        ("DK-AK-01", "M.01", 3, True),
        ("DK-AK-01", "M.02", 4, True),
        ("DK-PK-01", "M.04", 2, False),
        ("DK-PK-01", "SK.01", 2, True),
    ]
