"""A name that starts with "=" leaves every workforce workbook as text, never as a formula:
exports, the templates' reference sheet and the import error report."""

import io

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell

from penata.organization.tests.factories import AgencyFactory, PositionFactory, UnitFactory
from penata.workforce.exporting import export_write, template_workbook
from penata.workforce.imports import employees_import, positions_import, report_workbook
from penata.workforce.tests.factories import EmployeeFactory
from penata.workforce.tests.test_import import EMPLOYEE_HEADER, employee_row, english, issues  # noqa: F401

pytestmark = pytest.mark.django_db

HYPERLINK = '=HYPERLINK("http://evil","klik")'


def exported(kind: str, **kwargs) -> io.BytesIO:
    out = io.BytesIO()
    export_write(kind=kind, out=out, **kwargs)
    out.seek(0)
    return out


def cells_by_header(sheet, key_column: str, key) -> dict:
    """header → cell of the row whose ``key_column`` is ``key``."""
    rows = list(sheet.iter_rows())
    header = [cell.value for cell in rows[0]]
    index = header.index(key_column)
    [row] = [row for row in rows[1:] if row[index].value == key]
    return dict(zip(header, row, strict=True))


def typed(cell) -> tuple:
    return cell.value, cell.data_type


def test_position_export_writes_formula_like_titles_and_unit_names_as_text(agency_a, province_admin):
    unit = UnitFactory(agency=agency_a, code="EVIL", name=HYPERLINK)
    PositionFactory(code="A-1", unit=unit, title="=1+1")
    PositionFactory(code="A-2", unit=unit, title="Analis")

    sheet = load_workbook(exported("positions", user=province_admin)).worksheets[0]

    row = cells_by_header(sheet, "code", "A-1")
    assert typed(row["title"]) == ("=1+1", "s")
    assert typed(row["unit_name"]) == (HYPERLINK, "s")
    assert typed(cells_by_header(sheet, "code", "A-2")["title"]) == ("Analis", "s")
    assert typed(row["headcount_needed"])[1] == "n"

    result = positions_import(source=exported("positions", user=province_admin), actor=province_admin)
    assert (issues(result), result.unchanged, result.updated) == ([], 2, 0)


def test_employee_export_writes_formula_like_names_as_text(agency_a, province_admin):
    employee = EmployeeFactory(agency=agency_a, full_name="=2*3", birth_place="#N/A")

    sheet = load_workbook(exported("employees", user=province_admin)).worksheets[0]

    row = cells_by_header(sheet, "nip", employee.nip)
    assert typed(row["full_name"]) == ("=2*3", "s")
    assert typed(row["birth_place"]) == ("#N/A", "s")
    assert row["birth_date"].is_date


def test_template_reference_sheet_writes_agency_names_as_text(province_admin):
    AgencyFactory(code="EVIL", name=HYPERLINK)

    workbook = load_workbook(io.BytesIO(template_workbook(kind="positions", user=province_admin)))

    reference = workbook["Reference"]
    [row] = [row for row in reference.iter_rows() if row[0].value == "EVIL"]
    assert typed(row[1]) == (HYPERLINK, "s")


def test_import_error_report_echoes_an_uploaded_formula_as_text(province_admin):
    upload = Workbook()
    sheet = upload.active
    sheet.append(EMPLOYEE_HEADER)
    values = employee_row(1)
    row = []
    for name in EMPLOYEE_HEADER:
        if name == "agency_code":
            cell = WriteOnlyCell(sheet, value="=cmd")
            cell.data_type = "s"  # typed as text in Excel ('=cmd): the importer reads "=cmd"
            row.append(cell)
        else:
            row.append(values.get(name))
    sheet.append(row)
    source = io.BytesIO()
    upload.save(source)
    source.seek(0)

    result = employees_import(source=source, actor=province_admin)

    assert [(i.row, i.column, i.value, i.reason) for i in result.errors] == [
        (2, "agency_code", "=cmd", "Unknown agency code.")
    ]
    report = load_workbook(io.BytesIO(report_workbook(result.errors))).worksheets[0]
    assert [typed(cell) for cell in report[2]] == [
        (2, "n"),
        ("agency_code", "s"),
        ("=cmd", "s"),
        ("Unknown agency code.", "s"),
    ]
