"""A name that starts with "=" leaves every competency workbook as text, never as a formula:
standards and assessments exports, their reference sheet, the gap map and the talent export."""

import io
from datetime import date

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from penata.competency.io import assessments_import
from penata.competency.services import position_standard_set
from penata.competency.tests.factories import AssessmentFactory, TechnicalCompetencyFactory, competency
from penata.organization.tests.factories import PositionFactory, UnitFactory
from penata.workforce.exporting import export_write, template_workbook
from penata.workforce.tests.factories import EmployeeFactory, PerformanceRatingFactory
from penata.workforce.tests.test_import import english, issues  # noqa: F401 - fixture

pytestmark = pytest.mark.django_db

HYPERLINK = '=HYPERLINK("http://evil","klik")'


def exported(kind: str, **kwargs) -> io.BytesIO:
    out = io.BytesIO()
    export_write(kind=kind, out=out, **kwargs)
    out.seek(0)
    return out


def typed(cell) -> tuple:
    return cell.value, cell.data_type


def row_cells(sheet, column: int, key) -> list:
    """The cells of the one row whose ``column`` (0-based) holds ``key``."""
    [row] = [row for row in sheet.iter_rows() if row[column].value == key]
    return list(row)


def named(sheet, key_column: str, key) -> dict:
    rows = list(sheet.iter_rows())
    header = [cell.value for cell in rows[0]]
    return dict(zip(header, row_cells(sheet, header.index(key_column), key), strict=True))


def test_assessment_export_writes_formula_like_assessor_note_and_name_as_text(agency_a, province_admin):
    employee = EmployeeFactory(agency=agency_a, full_name="=2*3")
    AssessmentFactory(employee=employee, assessor_name=HYPERLINK, note="=1+1")

    sheet = load_workbook(exported("assessments", user=province_admin)).worksheets[0]

    row = named(sheet, "nip", employee.nip)
    assert typed(row["assessor"]) == (HYPERLINK, "s")
    assert typed(row["note"]) == ("=1+1", "s")
    assert typed(row["full_name"]) == ("=2*3", "s")
    assert typed(row["level"]) == (3, "n")

    result = assessments_import(source=exported("assessments", user=province_admin), actor=province_admin)
    assert (issues(result), result.unchanged, result.created) == ([], 1, 0)


def test_standard_export_and_reference_sheet_write_formula_like_names_as_text(agency_a, agency_admin_a):
    TechnicalCompetencyFactory(code="T.DINA.09", name="=SUM(9)", agency=agency_a)
    position = PositionFactory(code="A-1", unit=UnitFactory(agency=agency_a), title="=1+1")
    position_standard_set(position=position, requirements={"T.DINA.09": (3, True)})

    sheet = load_workbook(exported("standards", user=agency_admin_a)).worksheets[0]

    row = named(sheet, "position_code", "A-1")
    assert typed(row["position_title"]) == ("=1+1", "s")
    assert typed(row["competency_name"]) == ("=SUM(9)", "s")

    template = load_workbook(io.BytesIO(template_workbook(kind="standards", user=agency_admin_a)))
    assert typed(row_cells(template["Reference"], 0, "T.DINA.09")[1]) == ("=SUM(9)", "s")


def test_gap_map_export_writes_formula_like_unit_and_competency_names_as_text(
    client, agency_a, agency_admin_a
):
    TechnicalCompetencyFactory(code="T.DINA.09", name="=SUM(9)", agency=agency_a)
    position = PositionFactory(unit=UnitFactory(agency=agency_a, code="U-1", name="=2*3"))
    position_standard_set(position=position, requirements={"M.01": (3, True), "T.DINA.09": (3, True)})
    employee = EmployeeFactory(position=position, agency=agency_a)
    AssessmentFactory(employee=employee, competency=competency("M.01"), level=1)
    AssessmentFactory(employee=employee, competency=competency("T.DINA.09"), level=1)
    client.force_login(agency_admin_a)

    response = client.get(reverse("competency:gap_export"))

    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    map_row = row_cells(book.worksheets[0], 0, "U-1")
    assert typed(map_row[1]) == ("=2*3", "s")
    assert map_row[2].data_type == "n"  # the shares stay numbers
    details = list(book.worksheets[1].iter_rows(min_row=2))
    assert sorted((typed(row[1]), row[2].value, typed(row[3])) for row in details) == [
        (("=2*3", "s"), "M.01", ("Integritas", "s")),
        (("=2*3", "s"), "T.DINA.09", ("=SUM(9)", "s")),
    ]


def test_talent_export_writes_formula_like_names_as_text(client, agency_a, province_admin):
    position = PositionFactory(unit=UnitFactory(agency=agency_a, name="=2*3"), title="=1+1")
    position_standard_set(position=position, requirements={"M.01": (5, True), "M.02": (5, True)})
    placed = EmployeeFactory(
        position=position, agency=agency_a, full_name=HYPERLINK, birth_date=date(1980, 1, 1)
    )
    PerformanceRatingFactory(employee=placed, year=2025, rating="above")
    for code in ("M.01", "M.02"):
        AssessmentFactory(employee=placed, competency=competency(code), level=5)
    unrated = EmployeeFactory(position=position, agency=agency_a, full_name="=cmd")
    client.force_login(province_admin)

    response = client.get(reverse("competency:talent_export"), {"year": 2025})

    assert response.status_code == 200
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    placement, _grid, not_placed = book.worksheets
    row = row_cells(placement, 0, placed.nip)
    assert [typed(cell) for cell in row[1:2] + row[3:5]] == [(HYPERLINK, "s"), ("=2*3", "s"), ("=1+1", "s")]
    assert typed(row[6]) == (100, "n")
    row = row_cells(not_placed, 0, unrated.nip)
    assert [typed(cell) for cell in row[1:2] + row[3:5]] == [("=cmd", "s"), ("=2*3", "s"), ("=1+1", "s")]
