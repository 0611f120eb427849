"""One writer for every workbook: user text that looks like a formula stays text, figures are numbers.

"=1+1" typed by a clerk must reach Excel and WPS as the four characters it is,
in every export of the product — never as a formula (which shows 2, or #NAME?
for "=2期").
"""

import io
import zipfile
from decimal import Decimal

import pytest
from openpyxl import Workbook, load_workbook

from jixiao import spreadsheets

FORMULA_LIKE = ["=1+1", "=2期", "+86 0730", "-见附件", "@所有人", "\t缩进", "\r回车"]


def formulas_in(data: bytes) -> list[str]:
    """Every <f> element of every sheet of a workbook."""
    import re

    found = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/sheet"):
                found += re.findall(r"<f>([^<]*)</f>", archive.read(name).decode("utf-8"))
    return found


def assert_text_cell(data: bytes, text: str) -> None:
    """`text` is in the workbook as a string, and no formula of the workbook contains it."""
    book = load_workbook(io.BytesIO(data))
    cells = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row if cell.value == text]
    assert cells, f"{text!r} not found"
    assert all(cell.data_type == "s" for cell in cells)
    assert not [formula for formula in formulas_in(data) if text.lstrip("=") in formula]


@pytest.mark.parametrize("typed", FORMULA_LIKE)
def test_text_that_looks_like_a_formula_is_written_as_text(typed):
    book = Workbook()
    spreadsheets.text(book.active, 1, 1, typed)
    data = spreadsheets.save(book)
    cell = load_workbook(io.BytesIO(data)).active["A1"]
    assert cell.value == typed and cell.data_type == "s"
    assert formulas_in(data) == []
    # Excel's quote prefix: editing the cell in Excel or WPS keeps it text.
    assert cell.quotePrefix


def test_figures_are_numbers_with_a_format_and_formulas_carry_their_value():
    book = Workbook()
    sheet = book.active
    spreadsheets.number(sheet, 1, 1, Decimal("825.52"))
    spreadsheets.number(sheet, 1, 2, Decimal("158.39"))
    spreadsheets.formula(sheet, 1, 3, "=A1+B1", Decimal("983.91"))
    data = spreadsheets.save(book)
    plain = load_workbook(io.BytesIO(data)).active
    assert plain["A1"].value == 825.52 and plain["A1"].number_format == spreadsheets.AMOUNT_FORMAT
    assert plain["C1"].value == "=A1+B1"
    # What a viewer without recalculation (preview, WPS mobile, an import script) shows.
    assert load_workbook(io.BytesIO(data), data_only=True).active["C1"].value == 983.91


def test_user_text_is_never_accepted_as_a_formula():
    with pytest.raises(ValueError):
        spreadsheets.formula(Workbook().active, 1, 1, "1+1", 2)
