"""A small document model (titles, paragraphs, grids) rendered to .docx and .xlsx.

Each official document is built once as a list of blocks; the same blocks
become the Word document and the Excel workbook, so both print the same cells.
A grid cell may span columns (`span`) or continue the cell above (`merge_up`),
which is how the provincial forms draw their two-row headers.
"""

import io
from dataclasses import dataclass, field
from decimal import Decimal

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.text.paragraph import Paragraph as DocxParagraph
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

FONT = "宋体"
HEADING_FONT = "黑体"


@dataclass(frozen=True)
class Cell:
    text: str = ""
    span: int = 1
    bold: bool = False
    # Set for money and scores, so the workbook holds a number, not text.
    number: Decimal | None = None
    merge_up: bool = False
    align: str = ""  # "", "center", "right"
    # A percentage: `number` holds 41.50 for 41.50 %, written to Excel as 0.415 formatted 0.00%.
    is_percent: bool = False


@dataclass(frozen=True)
class Title:
    text: str
    size: int = 16


@dataclass(frozen=True)
class Heading:
    text: str


@dataclass(frozen=True)
class Paragraph:
    text: str
    bold: bool = False
    align: str = ""
    indent: bool = True


@dataclass(frozen=True)
class Spacer:
    lines: int = 1


@dataclass(frozen=True)
class PageBreak:
    pass


@dataclass
class Grid:
    columns: int
    rows: list = field(default_factory=list)
    caption: str = ""
    # Relative column widths; None for equal columns.
    widths: tuple | None = None
    header_rows: int = 1


def money_cell(value: Decimal | None, **kwargs) -> Cell:
    from jixiao.money import fmt_amount

    if value is None:
        return Cell("", **kwargs)
    return Cell(fmt_amount(value), number=value, align="right", **kwargs)


def percent_cell(value: Decimal | None, **kwargs) -> Cell:
    from jixiao.money import fmt_percent

    empty = kwargs.pop("empty", "—")
    if value is None:
        return Cell(empty, align="right", **kwargs)
    return Cell(fmt_percent(value), number=value, is_percent=True, align="right", **kwargs)


def text_cells(*texts, bold=False, align="") -> list[Cell]:
    return [Cell(text, bold=bold, align=align) for text in texts]


# ---------------------------------------------------------------- .docx

_ALIGN = {"center": WD_ALIGN_PARAGRAPH.CENTER, "right": WD_ALIGN_PARAGRAPH.RIGHT, "": None}


def _east_asian(run_or_style, name: str) -> None:
    element = run_or_style.element
    rpr = element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(fonts)
    fonts.set(qn("w:eastAsia"), name)


def _new_document(landscape: bool):
    document = Document()
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(10.5)
    _east_asian(normal, FONT)
    section = document.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = section.page_height, section.page_width
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(2.0))
    section.top_margin = section.bottom_margin = Cm(2.2)
    return document


def _write(paragraph, text: str, bold=False, size=None, font=None) -> None:
    lines = text.split("\n")
    for index, line in enumerate(lines):
        run = paragraph.add_run(line)
        if bold:
            run.bold = True
        if size:
            run.font.size = Pt(size)
        if font:
            run.font.name = font
            _east_asian(run, font)
        if index < len(lines) - 1:
            run.add_break(WD_BREAK.LINE)


def _docx_grid(document, grid: Grid, usable_cm: float, style_id: str) -> None:
    """The grid as a Word table, its spans written as gridSpan / vMerge directly.

    python-docx's cell.merge() re-measures the whole table on every call, which
    made a report take over half a second; the XML it would produce is simple.
    """
    if grid.caption:
        caption = document.add_paragraph()
        caption.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _write(caption, grid.caption, bold=True)
    table = document.add_table(rows=0, cols=grid.columns)
    table._tbl.tblStyle_val = style_id
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    widths = grid.widths or (1,) * grid.columns
    scale = usable_cm / sum(widths)
    column_width = [Cm(width * scale) for width in widths]
    for index, column in enumerate(table.columns):
        column.width = column_width[index]
    # Which columns of each row start a cell that a merge_up below continues.
    starts = []
    for cells in grid.rows:
        column, placed = 0, {}
        for cell in cells:
            placed[column] = cell
            column += cell.span
        starts.append(placed)
    tbl = table._tbl
    for index, placed in enumerate(starts):
        tr = tbl.add_tr()
        below = starts[index + 1] if index + 1 < len(starts) else {}
        for column, cell in placed.items():
            tc = tr.add_tc()
            tc.width = sum(column_width[column:column + cell.span], Cm(0))
            if cell.span > 1:
                tc.grid_span = cell.span
            if cell.merge_up:
                tc.vMerge = "continue"
                continue
            if column in below and below[column].merge_up:
                tc.vMerge = "restart"
            paragraph = DocxParagraph(tc.p_lst[0], table)
            alignment = _ALIGN[cell.align]
            if alignment is not None:
                paragraph.alignment = alignment
            if cell.text:
                _write(paragraph, cell.text, bold=cell.bold)


def to_docx(blocks, landscape: bool = False) -> bytes:
    document = _new_document(landscape)
    usable_cm = (29.7 if landscape else 21.0) - 4.0
    style_id = document.styles["Table Grid"].style_id
    for block in blocks:
        if isinstance(block, Title):
            paragraph = document.add_paragraph()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _write(paragraph, block.text, bold=True, size=block.size, font=HEADING_FONT)
        elif isinstance(block, Heading):
            paragraph = document.add_paragraph()
            paragraph.paragraph_format.space_before = Pt(8)
            _write(paragraph, block.text, bold=True, size=12, font=HEADING_FONT)
        elif isinstance(block, Paragraph):
            for line in block.text.split("\n"):
                paragraph = document.add_paragraph()
                alignment = _ALIGN[block.align]
                if alignment is not None:
                    paragraph.alignment = alignment
                if block.indent and not block.align:
                    paragraph.paragraph_format.first_line_indent = Pt(21)
                _write(paragraph, line, bold=block.bold)
        elif isinstance(block, Spacer):
            for _ in range(block.lines):
                document.add_paragraph()
        elif isinstance(block, PageBreak):
            document.add_page_break()
        elif isinstance(block, Grid):
            _docx_grid(document, block, usable_cm, style_id)
        else:  # pragma: no cover - a builder bug, not user input
            raise TypeError(block)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# ---------------------------------------------------------------- .xlsx

THIN = Side(style="thin")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(wrap_text=True, vertical="center")
_XLSX_ALIGN = {
    "": WRAP,
    "center": Alignment(wrap_text=True, vertical="center", horizontal="center"),
    "right": Alignment(wrap_text=True, vertical="center", horizontal="right"),
}


def _lines_needed(text: str, width_units: float) -> int:
    """Printed lines a wrapped cell needs: a Chinese character is about two width units."""
    if not text:
        return 1
    lines = 0
    for part in str(text).split("\n"):
        units = sum(2 if ord(char) > 0x2E80 else 1 for char in part)
        lines += max(1, -(-units // max(int(width_units) - 1, 1)))
    return lines


def to_xlsx(blocks, sheet_title: str) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_title[:31]
    width = max((block.columns for block in blocks if isinstance(block, Grid)), default=6)
    grids = [block for block in blocks if isinstance(block, Grid) and block.columns == width]
    weights = grids[0].widths if grids and grids[0].widths else (1,) * width
    total_units = 120  # about the printable width of an A4 page, in Excel width units
    column_units = [total_units * weight / sum(weights) for weight in weights]
    for column, units in enumerate(column_units, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = units
    row = 1
    heights = {}

    def fit(row_number, text, first_column, last_column, size=11):
        units = sum(column_units[first_column - 1:last_column]) * 11 / size
        heights[row_number] = max(heights.get(row_number, 15), 15 * size / 11 * _lines_needed(text, units))

    def whole_row(text: str, bold=False, size=None, align=""):
        nonlocal row
        cell = sheet.cell(row=row, column=1, value=text)
        cell.font = Font(bold=bold, size=size or 11)
        cell.alignment = _XLSX_ALIGN[align]
        if width > 1:
            sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
        fit(row, text, 1, width, size or 11)
        row += 1

    for block in blocks:
        if isinstance(block, Title):
            whole_row(block.text.replace("\n", ""), bold=True, size=14, align="center")
        elif isinstance(block, Heading):
            whole_row(block.text, bold=True)
        elif isinstance(block, Paragraph):
            whole_row(block.text, bold=block.bold, align=block.align)
        elif isinstance(block, Spacer | PageBreak):
            row += 1
        elif isinstance(block, Grid):
            if block.caption:
                whole_row(block.caption, bold=True, align="center")
            anchors = {}
            for cells in block.rows:
                column = 1
                for cell in cells:
                    last = column + cell.span - 1
                    if cell.merge_up and column in anchors:
                        anchors[column] = (anchors[column][0], last)
                        top = anchors[column][0]
                        for merged in list(sheet.merged_cells.ranges):
                            if merged.min_row == top and merged.min_col == column:
                                sheet.merged_cells.ranges.remove(merged)
                        sheet.merge_cells(start_row=top, start_column=column, end_row=row, end_column=last)
                    else:
                        target = sheet.cell(row=row, column=column)
                        if cell.number is None:
                            target.value = cell.text or None
                        elif cell.is_percent:
                            target.value = cell.number / 100
                            target.number_format = "0.00%"
                        else:
                            target.value = cell.number
                            target.number_format = "0.00"
                        target.font = Font(bold=cell.bold)
                        target.alignment = _XLSX_ALIGN[cell.align]
                        if last > column:
                            sheet.merge_cells(start_row=row, start_column=column, end_row=row, end_column=last)
                        anchors[column] = (row, last)
                        fit(row, cell.text, column, last)
                    for covered in range(column, last + 1):
                        sheet.cell(row=row, column=covered).border = BORDER
                        if covered != column:
                            anchors.pop(covered, None)
                    column = last + 1
                row += 1
            row += 1
    for row_number, height in heights.items():
        # Excel does not grow rows for merged cells; 409 points is its limit.
        sheet.row_dimensions[row_number].height = min(height, 409)
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
