"""The one writer of every workbook the product hands out (documents, monitoring, ranking, accounts).

Why one place: a clerk's free text that starts with "=", "+", "-" or "@" (a target
typed as "=2期", a note "-见附件") would otherwise be stored as a formula and show
#NAME? in Excel and WPS; a tab or carriage return at the start is read the same way
by some importers. Every cell of user text goes through `text`, every figure through
`number`, every formula the product itself writes through `formula`, so the three
kinds never mix.
"""

from decimal import Decimal

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, Protection, Side
from openpyxl.worksheet.worksheet import Worksheet

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
AMOUNT_FORMAT = "#,##0.00"
SCORE_FORMAT = "0.00"
PERCENT_FORMAT = "0.00%"
INTEGER_FORMAT = "0"
THIN = Side(style="thin")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
LOCKED = Protection(locked=True)
UNLOCKED = Protection(locked=False)
BODY_FONT = "宋体"
# Characters the Chinese serif faces lack, written as the full-width forms they have: a "−" (U+2212)
# in a formula's description otherwise falls back to a Japanese face in the PDF. Shared with the
# Word writer (documents.layout), so every printed document uses the same forms.
PRINTABLE = str.maketrans({"\u2212": "\uff0d"})


def printable(value: str) -> str:
    return value.translate(PRINTABLE)


def is_formula_like(value: str) -> bool:
    return value.startswith(FORMULA_STARTS)


def text(sheet: Worksheet, row: int, column: int, value, *, bold=False, size=None, border=False, align=None):
    """A cell that holds `value` as text, whatever its first character ("=1+1" stays "=1+1")."""
    cell = sheet.cell(row=row, column=column)
    if value is None or value == "":
        cell.value = None
    else:
        cleaned = printable(ILLEGAL_CHARACTERS_RE.sub("", str(value)))
        cell.value = cleaned
        # openpyxl guesses "formula" from a leading "="; the explicit type and the
        # quote prefix make Excel and WPS keep it as typed, also after editing the cell.
        cell.data_type = "s"
        if is_formula_like(cleaned):
            cell.quotePrefix = True
    _style(cell, bold=bold, size=size, border=border, align=align)
    return cell


def number(sheet: Worksheet, row: int, column: int, value, *, fmt=AMOUNT_FORMAT, bold=False, border=False,
           align=None):
    """A figure written as a number (Decimal kept exact to the cent), shown with a number format; None is empty."""
    cell = sheet.cell(row=row, column=column)
    if value is None:
        cell.value = None
    elif isinstance(value, Decimal):
        cell.value = value
    elif isinstance(value, int | float):
        cell.value = value
    else:
        raise TypeError(f"not a number: {value!r}")
    cell.number_format = fmt
    _style(cell, bold=bold, border=border, align=align)
    return cell


def formula(sheet: Worksheet, row: int, column: int, expression: str, cached, *, fmt=AMOUNT_FORMAT, bold=False,
            border=False, align=None):
    """A formula the product writes (never user text), with the value it has now.

    openpyxl writes no cached value, so a viewer that does not recalculate (a
    preview pane, WPS on a phone, a finance bureau's import script) would show an
    empty cell; `CachedFormulas` adds the value when the workbook is saved.
    """
    if not expression.startswith("="):
        raise ValueError("a formula starts with =")
    cell = sheet.cell(row=row, column=column, value=expression)
    cell.number_format = fmt
    _style(cell, bold=bold, border=border, align=align)
    cached_values(sheet)[cell.coordinate] = cached
    return cell


def cached_values(sheet: Worksheet) -> dict:
    if not hasattr(sheet, "_jixiao_cached"):
        sheet._jixiao_cached = {}
    return sheet._jixiao_cached


def value(sheet: Worksheet, row: int, column: int, value, **kwargs):
    """Text or number by the value's type."""
    if isinstance(value, Decimal | int | float) and not isinstance(value, bool):
        return number(sheet, row, column, value, **kwargs)
    kwargs.pop("fmt", None)
    return text(sheet, row, column, value, **kwargs)


def row(sheet: Worksheet, row_number: int, values, *, bold=False, border=True, fmt=AMOUNT_FORMAT) -> None:
    for column, item in enumerate(values, start=1):
        value(sheet, row_number, column, item, bold=bold, border=border, fmt=fmt)


_ALIGN = {
    None: None,
    "": Alignment(wrap_text=True, vertical="center"),
    "left": Alignment(wrap_text=True, vertical="center"),
    "center": Alignment(wrap_text=True, vertical="center", horizontal="center"),
    "right": Alignment(vertical="center", horizontal="right"),
}


def _style(cell, *, bold=False, size=None, border=False, align=None) -> None:
    # Every written cell names the Chinese face: a cell left in the workbook's default (Calibri)
    # is drawn by LibreOffice with a Latin face and a Japanese fallback for its Chinese text.
    cell.font = Font(name=BODY_FONT, bold=bold, size=size or 11)
    if border:
        cell.border = BORDER
    if align in _ALIGN and _ALIGN[align] is not None:
        cell.alignment = _ALIGN[align]


def border_range(sheet: Worksheet, first_row: int, last_row: int, first_column: int, last_column: int) -> None:
    for row_cells in sheet.iter_rows(min_row=first_row, max_row=last_row, min_col=first_column, max_col=last_column):
        for cell in row_cells:
            cell.border = BORDER


def print_landscape(sheet: Worksheet, *, title_rows: str | None = None, area: str | None = None) -> None:
    """A4 landscape, one page wide, at a legible size (fit to width only, never to height)."""
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.5
    sheet.page_margins.top = sheet.page_margins.bottom = 0.6
    if title_rows:
        sheet.print_title_rows = title_rows
    if area:
        sheet.print_area = area


def protect(sheet: Worksheet) -> None:
    """Computed and label cells locked, input cells (marked UNLOCKED) editable; no password."""
    sheet.protection.sheet = True
    sheet.protection.formatColumns = False
    sheet.protection.formatRows = False


def save(workbook) -> bytes:
    """The workbook's bytes, with the cached value of every formula written through `formula`."""
    import io
    import re
    import zipfile

    buffer = io.BytesIO()
    workbook.save(buffer)
    cached = {sheet.title: cached_values(sheet) for sheet in workbook.worksheets if cached_values(sheet)}
    if not cached:
        return buffer.getvalue()
    # openpyxl names the parts sheet1.xml, sheet2.xml ... in workbook order.
    parts = {f"xl/worksheets/sheet{index}.xml": cached.get(sheet.title)
             for index, sheet in enumerate(workbook.worksheets, start=1)}
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            values = parts.get(item.filename)
            if values:
                xml = data.decode("utf-8")

                def add_value(match, values=values):
                    cached_value = values.get(match.group(2))
                    if cached_value is None:
                        return match.group(0)
                    return f"{match.group(1)}<v>{_xml_number(cached_value)}</v>"

                xml = re.sub(r'(<c r="([A-Z]+\d+)"[^>]*><f>[^<]*</f>)(?:<v\s*/>|<v></v>)?', add_value, xml)
                data = xml.encode("utf-8")
            target.writestr(item, data)
    return out.getvalue()


def _xml_number(value) -> str:
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return repr(value) if isinstance(value, float) else str(value)
