"""Text that looks like a formula or an Excel error stays text in the files Penata writes."""

import io
from datetime import date

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from penata.core.spreadsheets import append_row, as_text, is_unsafe_text, safe_row, text_safe

HYPERLINK = '=HYPERLINK("http://evil","klik")'


def reopened(workbook: Workbook):
    out = io.BytesIO()
    workbook.save(out)
    out.seek(0)
    return load_workbook(out).worksheets[0]


@pytest.mark.parametrize("value", [None, 0, 12.5, date(2024, 1, 2), "", "abc", "a=b", " =1+1", "=", "#N/A x"])
def test_values_openpyxl_keeps_as_they_are_pass_through_unchanged(value):
    sheet = Workbook(write_only=True).create_sheet()

    assert text_safe(sheet, value) is value
    assert is_unsafe_text(value) is False


@pytest.mark.parametrize("value", ["=1+1", HYPERLINK, "=cmd|' /C calc'!A0", "#N/A", "#REF!", "#DIV/0!"])
def test_formula_or_error_text_becomes_a_text_cell_with_the_same_text(value):
    sheet = Workbook(write_only=True).create_sheet()

    cell = text_safe(sheet, value)

    assert is_unsafe_text(value) is True
    assert cell.value == value
    assert cell.data_type == "s"


def test_a_cell_passed_in_is_made_text_and_keeps_its_style():
    sheet = Workbook(write_only=True).create_sheet()
    cell = WriteOnlyCell(sheet, value="=2*3")
    cell.font = Font(bold=True)
    assert cell.data_type == "f"

    out = text_safe(sheet, cell)

    assert out is cell
    assert (out.value, out.data_type, out.font.b) == ("=2*3", "s", True)


def test_cells_with_numbers_or_plain_text_keep_their_type():
    sheet = Workbook(write_only=True).create_sheet()
    number = WriteOnlyCell(sheet, value=7)
    text = WriteOnlyCell(sheet, value="Dinas")

    assert [c.data_type for c in safe_row(sheet, [number, text])] == ["n", "s"]


def test_write_only_sheet_round_trip():
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Data")
    append_row(sheet, [HYPERLINK, "#N/A", "Biro Umum", 42, None, date(2024, 3, 4)])

    cells = reopened(workbook)[1]

    assert [(c.value, c.data_type) for c in cells[:5]] == [
        (HYPERLINK, "s"),
        ("#N/A", "s"),
        ("Biro Umum", "s"),
        (42, "n"),
        (None, "n"),
    ]
    assert cells[5].is_date


def test_normal_sheet_round_trip_with_append_and_assignment():
    workbook = Workbook()
    sheet = workbook.active
    append_row(sheet, ["=1+1", "ok"])
    assigned = sheet.cell(row=2, column=1, value="=2*3")
    as_text(assigned)

    reloaded = reopened(workbook)

    assert [(c.value, c.data_type) for c in reloaded[1]] == [("=1+1", "s"), ("ok", "s")]
    assert (reloaded["A2"].value, reloaded["A2"].data_type) == ("=2*3", "s")


def test_without_the_helper_openpyxl_would_write_a_formula():
    """The control: what the helper prevents, and what a deliberate formula still does."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["=1+1"])
    append_row(sheet, [5])
    sheet["A3"] = "=SUM(A2:A2)"  # a formula written on purpose is assigned directly

    reloaded = reopened(workbook)

    assert (reloaded["A1"].value, reloaded["A1"].data_type) == ("=1+1", "f")
    assert (reloaded["A3"].value, reloaded["A3"].data_type) == ("=SUM(A2:A2)", "f")
