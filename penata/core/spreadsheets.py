"""Cells that keep text as text in the Excel files Penata writes.

openpyxl stores a ``str`` that starts with "=" as a formula and one that reads like an
Excel error ("#N/A", "#REF!", …) as an error value. A unit, position, employee or
competency name, an assessor, a note, or a value echoed from an uploaded workbook must
never become a live formula (``=HYPERLINK("http://evil", "klik")``) in the file an
administrator opens, so every writer passes its values through ``text_safe`` (or
``append_row``), which stores such strings as text cells with the very same text.

A formula the code writes on purpose must not go through these helpers: assign it to the
cell directly.

Works for write-only and normal worksheets alike: ``Worksheet.append`` takes cells made by
``WriteOnlyCell`` in both modes. For a cell of a normal worksheet filled by assignment, call
``as_text(cell)`` after assigning the value.
"""

from collections.abc import Iterable
from typing import Any

from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES, Cell

_NOT_TEXT = frozenset(ERROR_CODES)


def is_unsafe_text(value: Any) -> bool:
    """Would openpyxl store ``value`` as something other than text although it is a str?"""
    # openpyxl's own rule (``Cell._bind_value``): a lone "=" is text already.
    return isinstance(value, str) and ((len(value) > 1 and value[0] == "=") or value in _NOT_TEXT)


def as_text(cell: Cell) -> Cell:
    """``cell`` with a str value stored as text (data type "s"); the text is unchanged."""
    if isinstance(cell.value, str) and cell.data_type != "s":
        cell.data_type = "s"
    return cell


def text_safe(sheet, value: Any) -> Any:
    """``value`` as it is, unless it is a str that openpyxl would store as a formula or an
    error: then a text cell holding the same text. A cell is returned as text as well."""
    if isinstance(value, Cell):
        return as_text(value)
    if is_unsafe_text(value):
        cell = WriteOnlyCell(sheet, value=value)
        cell.data_type = "s"
        return cell
    return value


def safe_row(sheet, values: Iterable[Any]) -> list[Any]:
    """``values`` with every formula-looking string made a text cell."""
    return [text_safe(sheet, value) for value in values]


def append_row(sheet, values: Iterable[Any]) -> None:
    """Append ``values`` (plain values or cells) to ``sheet``, no string stored as a formula."""
    sheet.append(safe_row(sheet, values))
