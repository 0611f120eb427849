"""A small document model (titles, paragraphs, grids) rendered to .docx and .xlsx.

Each official document is built once as a list of blocks; the same blocks
become the Word document and the Excel workbook, so both print the same cells.
A grid cell may span columns (`span`) or continue the cell above (`merge_up`),
which is how the provincial forms draw their two-row headers.

Word follows GB/T 9704-2012 (党政机关公文格式): A4, margins 37 / 35 / 28 / 26 mm,
body 仿宋_GB2312 三号 at a fixed 28.95 pt line (22 lines a page), title 方正小标宋简体
二号, first-level headings 黑体, second-level 楷体_GB2312, page numbers "— 1 —" in
宋体 四号 (odd pages right, even pages left), language zh-CN. The fonts are named by
their East-Asian names so Word on a government PC uses them; LibreOffice finds the
free faces through the fontconfig aliases in deploy/fontconfig/.

Excel goes through jixiao.spreadsheets (text stays text, figures are numbers,
the product's formulas carry their cached values).
"""

import io
from dataclasses import dataclass, field
from decimal import Decimal

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.text.paragraph import Paragraph as DocxParagraph
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from jixiao import spreadsheets

BODY_FONT = "仿宋_GB2312"
TITLE_FONT = "方正小标宋简体"
HEADING_FONT = "黑体"
SUBHEADING_FONT = "楷体_GB2312"
PAGE_NUMBER_FONT = "宋体"
LATIN_FONT = "Times New Roman"
BODY_SIZE = 16  # 三号
TITLE_SIZE = 22  # 二号
TABLE_SIZE = 10.5  # 五号: the forms' tables, as the source documents print them
LINE_PITCH = 28.95  # 22 lines on the type area of GB/T 9704
TABLE_LINE = 14
TABLE_STYLE = "表格文字"
# GB/T 9704-2012 7.1: 上白边 37 mm, 下白边 35 mm, 左白边 28 mm, 右白边 26 mm.
MARGINS_CM = {"top": 3.7, "bottom": 3.5, "left": 2.8, "right": 2.6}
PAGE_CM = (21.0, 29.7)
# Word's default left + right cell margins (0.19 cm each).
CELL_PADDING_CM = 0.38
RED = RGBColor(0xE6, 0x00, 0x12)


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
    # Excel only: a name other cells' formulas refer to ({name}; {name*} for all names starting so).
    key: str = ""
    # Excel only: the formula of this figure, e.g. "=IF({budget}=0,\"\",ROUND({spent}/{budget},4))".
    formula: str = ""
    # Excel only: a cell the clerk may change (unlocked on the protected sheet).
    input: bool = False


@dataclass(frozen=True)
class Title:
    text: str
    size: int = TITLE_SIZE


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 1  # 1: "一、" 黑体; 2: "（一）" 楷体


@dataclass(frozen=True)
class Paragraph:
    text: str
    bold: bool = False
    align: str = ""
    indent: bool = True
    # Excel: narrative goes to the sheet of its own (说明), not into a cell of the form.
    narrative: bool = False
    size: float | None = None


@dataclass(frozen=True)
class Spacer:
    lines: int = 1


@dataclass(frozen=True)
class PageBreak:
    pass


@dataclass(frozen=True)
class Masthead:
    """版头 of a red-header document: issuing body in red, 发文字号, red line."""

    issuer: str
    number: str = ""


@dataclass(frozen=True)
class Colophon:
    """版记: 抄送, 印发机关 and 印发日期 between two lines at the end of the document."""

    printer: str
    printed_on: str
    copy_to: str = ""


@dataclass
class Grid:
    columns: int
    rows: list = field(default_factory=list)
    caption: str = ""
    # Relative column widths; None for equal columns.
    widths: tuple | None = None
    header_rows: int = 1
    font_size: float = TABLE_SIZE


def money_cell(value: Decimal | None, **kwargs) -> Cell:
    from jixiao.money import fmt_amount

    if value is None:
        return Cell("", **kwargs)
    return Cell(fmt_amount(value), number=value, align="right", **kwargs)


def percent_cell(value: Decimal | None, **kwargs) -> Cell:
    from jixiao.money import fmt_percent

    empty = kwargs.pop("empty", "")
    if value is None:
        return Cell(empty, align="right", **kwargs)
    return Cell(fmt_percent(value), number=value, is_percent=True, align="right", **kwargs)


def text_cells(*texts, bold=False, align="") -> list[Cell]:
    return [Cell(text, bold=bold, align=align) for text in texts]


# ---------------------------------------------------------------- measuring

def text_em(text: str) -> float:
    """Width of one line of text in ems: a Chinese character is 1, a digit or Latin letter about 0.55."""
    return sum(1.0 if ord(char) > 0x2E80 else 0.55 for char in text)


def text_width_cm(text: str, size_pt: float) -> float:
    """The width a line needs in a table cell, padding included."""
    longest = max((text_em(line) for line in str(text).split("\n")), default=0)
    return longest * size_pt / 72 * 2.54 + CELL_PADDING_CM


def is_figure(cell: Cell) -> bool:
    return cell.number is not None


def column_widths(grid: Grid, usable_cm: float) -> list[float]:
    """Widths in cm: the grid's proportions, but never narrower than its longest figure.

    A figure that wraps ("825.5/2") is misread; a column of text may wrap. The
    columns a figure needs are widened and the others give up their slack in proportion.
    """
    weights = grid.widths or (1,) * grid.columns
    scale = usable_cm / sum(weights)
    widths = [weight * scale for weight in weights]
    need = [0.0] * grid.columns
    for cells in grid.rows:
        column = 0
        for cell in cells:
            if cell.span == 1 and is_figure(cell):
                need[column] = max(need[column], text_width_cm(cell.text, grid.font_size) + 0.1)
            column += cell.span
    for _ in range(3):
        short = sum(max(0.0, need[i] - widths[i]) for i in range(grid.columns))
        if short <= 0.001:
            break
        slack = [max(0.0, widths[i] - max(need[i], 1.0)) for i in range(grid.columns)]
        total_slack = sum(slack)
        if total_slack <= 0:
            break
        take = min(short, total_slack)
        for i in range(grid.columns):
            if need[i] > widths[i]:
                widths[i] = need[i]
            else:
                widths[i] -= take * slack[i] / total_slack
    return widths


# ---------------------------------------------------------------- .docx

_ALIGN = {"center": WD_ALIGN_PARAGRAPH.CENTER, "right": WD_ALIGN_PARAGRAPH.RIGHT, "": None,
          "justify": WD_ALIGN_PARAGRAPH.JUSTIFY}


def set_fonts(run_or_style, name: str) -> None:
    """The Chinese font by its East-Asian name (Word shows 仿宋_GB2312), digits and Latin in Times New Roman.

    Digits in a Latin face are also what keeps LibreOffice from breaking "1.00"
    across two lines, as it does inside a run of East-Asian text.
    """
    element = run_or_style.element
    rpr = element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    fonts.set(qn("w:eastAsia"), name)
    for attribute in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(attribute), LATIN_FONT)
    for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attribute), None)


def _set_language(style) -> None:
    rpr = style.element.get_or_add_rPr()
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    # Latin script (figures) in English, so LibreOffice's line breaking keeps "1003.30" on one line; the
    # Chinese text, and so the document, is zh-CN.
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")


def _document_language(document) -> None:
    """zh-CN as the document default (styles.xml docDefaults), not only on Normal."""
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        return
    rpr = defaults.find(qn("w:rPrDefault") + "/" + qn("w:rPr"))
    if rpr is None:
        return
    for lang in rpr.findall(qn("w:lang")):
        rpr.remove(lang)
    lang = OxmlElement("w:lang")
    # Latin script (figures) in English, so LibreOffice's line breaking keeps "1003.30" on one line; the
    # Chinese text, and so the document, is zh-CN.
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")
    lang.set(qn("w:bidi"), "ar-SA")
    rpr.append(lang)
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is not None:
        for attribute in list(fonts.attrib):
            del fonts.attrib[attribute]
        fonts.set(qn("w:eastAsia"), BODY_FONT)
        for attribute in ("w:ascii", "w:hAnsi", "w:cs"):
            fonts.set(qn(attribute), LATIN_FONT)


def _page_number_field(paragraph, size=14) -> None:
    """"— 1 —": em dashes around a PAGE field, 宋体 四号 (GB/T 9704 7.5)."""
    def run(text=None):
        item = paragraph.add_run(text or "")
        item.font.size = Pt(size)
        set_fonts(item, PAGE_NUMBER_FONT)
        return item

    run("— ")
    begin = run()
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), "begin")
    begin._r.append(char)
    instruction = run()
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = " PAGE "
    instruction._r.append(text)
    separate = run()
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), "separate")
    separate._r.append(char)
    run("1")
    end = run()
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), "end")
    end._r.append(char)
    run(" —")


def _new_document(landscape: bool):
    document = Document()
    _document_language(document)
    normal = document.styles["Normal"]
    normal.font.name = LATIN_FONT
    normal.font.size = Pt(BODY_SIZE)
    set_fonts(normal, BODY_FONT)
    _set_language(normal)
    normal.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    normal.paragraph_format.line_spacing = Pt(LINE_PITCH)
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.space_after = Pt(0)
    # One paragraph style for table cells (五号, fixed 14 pt lines, no indent): set once, not per cell.
    table_text = document.styles.add_style(TABLE_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    table_text.base_style = normal
    table_text.font.size = Pt(TABLE_SIZE)
    table_text.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    table_text.paragraph_format.line_spacing = Pt(TABLE_LINE)
    table_text.paragraph_format.first_line_indent = Pt(0)
    section = document.sections[0]
    width, height = PAGE_CM
    section.page_width, section.page_height = Cm(width), Cm(height)
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Cm(height), Cm(width)
    section.top_margin, section.bottom_margin = Cm(MARGINS_CM["top"]), Cm(MARGINS_CM["bottom"])
    section.left_margin, section.right_margin = Cm(MARGINS_CM["left"]), Cm(MARGINS_CM["right"])
    section.footer_distance = Cm(2.8)
    # Odd pages number at the right, even pages at the left, one character in from the edge.
    document.settings.odd_and_even_pages_header_footer = True
    for footer, alignment, indent in ((section.footer, WD_ALIGN_PARAGRAPH.RIGHT, "right"),
                                      (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT, "left")):
        footer.is_linked_to_previous = False
        paragraph = footer.paragraphs[0]
        paragraph.alignment = alignment
        setattr(paragraph.paragraph_format, f"{indent}_indent", Pt(14))
        paragraph.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
        _page_number_field(paragraph)
    return document


def _write(paragraph, text: str, bold=False, size=None, font=None, color=None) -> None:
    lines = spreadsheets.printable(text).split("\n")
    for index, line in enumerate(lines):
        run = paragraph.add_run(line)
        if bold:
            run.bold = True
        if size:
            run.font.size = Pt(size)
        if font:
            set_fonts(run, font)
        if color is not None:
            run.font.color.rgb = color
        if index < len(lines) - 1:
            run.add_break(WD_BREAK.LINE)


def _table_paragraph(paragraph, size: float, style_id: str) -> None:
    paragraph._p.style = style_id
    if size != TABLE_SIZE:
        paragraph.paragraph_format.line_spacing = Pt(max(TABLE_LINE, size * 1.35))


def _no_wrap(tc) -> None:
    tcpr = tc.get_or_add_tcPr()
    element = OxmlElement("w:noWrap")
    tcpr.append(element)


def _vertical_center(tc) -> None:
    tcpr = tc.get_or_add_tcPr()
    element = OxmlElement("w:vAlign")
    element.set(qn("w:val"), "center")
    tcpr.append(element)


def _repeat_header(tr) -> None:
    trpr = tr.get_or_add_trPr()
    element = OxmlElement("w:tblHeader")
    trpr.append(element)


def _no_split(tr) -> None:
    trpr = tr.get_or_add_trPr()
    trpr.append(OxmlElement("w:cantSplit"))


def _fixed_layout(table) -> None:
    tblpr = table._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tblpr.append(layout)


def _docx_grid(document, grid: Grid, usable_cm: float, style_id: str, text_style_id: str) -> None:
    """The grid as a Word table, its spans written as gridSpan / vMerge directly.

    python-docx's cell.merge() re-measures the whole table on every call, which
    made a report take over half a second; the XML it would produce is simple.
    """
    if grid.caption:
        caption = document.add_paragraph()
        caption.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _write(caption, grid.caption, font=HEADING_FONT, size=BODY_SIZE - 2)
    table = document.add_table(rows=0, cols=grid.columns)
    table._tbl.tblStyle_val = style_id
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _fixed_layout(table)
    column_width = [Cm(width) for width in column_widths(grid, usable_cm)]
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
        if index < grid.header_rows:
            _repeat_header(tr)
        # A short row stays on one page; a long narrative row may break, or it would leave half a page blank.
        if max((len(cell.text) for cell in grid.rows[index]), default=0) < 120:
            _no_split(tr)
        below = starts[index + 1] if index + 1 < len(starts) else {}
        for column, cell in placed.items():
            tc = tr.add_tc()
            tc.width = sum(column_width[column:column + cell.span], Cm(0))
            if cell.span > 1:
                tc.grid_span = cell.span
            _vertical_center(tc)
            paragraph = DocxParagraph(tc.p_lst[0], table)
            _table_paragraph(paragraph, grid.font_size, text_style_id)
            if cell.merge_up:
                tc.vMerge = "continue"
                continue
            if column in below and below[column].merge_up:
                tc.vMerge = "restart"
            if is_figure(cell):
                _no_wrap(tc)
            alignment = _ALIGN[cell.align]
            if alignment is not None:
                paragraph.alignment = alignment
            if cell.text:
                _write(paragraph, cell.text, bold=cell.bold, size=grid.font_size if grid.font_size != TABLE_SIZE else None)


def _masthead(document, block: Masthead, usable_cm: float) -> None:
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    paragraph.paragraph_format.space_before = Pt(24)
    paragraph.paragraph_format.space_after = Pt(24)
    # 发文机关标志: red 小标宋, as wide as the page allows (GB/T 9704 7.2.4).
    size = min(48, int(usable_cm / 2.54 * 72 / max(len(block.issuer) + 2, 1)))
    _write(paragraph, f"{block.issuer}文件", size=size, font=TITLE_FONT, color=RED)
    number = document.add_paragraph()
    number.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if block.number:
        _write(number, block.number)
    _rule(number, "bottom", RED, 12)
    document.add_paragraph()


def _rule(paragraph, edge: str, color: RGBColor, eighths: int) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    borders = ppr.find(qn("w:pBdr"))
    if borders is None:
        borders = OxmlElement("w:pBdr")
        ppr.append(borders)
    line = OxmlElement(f"w:{edge}")
    line.set(qn("w:val"), "single")
    line.set(qn("w:sz"), str(eighths))
    line.set(qn("w:space"), "4")
    line.set(qn("w:color"), str(color))
    borders.append(line)


def _colophon(document, block: Colophon, usable_cm: float) -> None:
    """版记 (GB/T 9704 7.4): 抄送 and 印发 between a thick first and last rule (thin between), in a frame
    anchored to the bottom of the type area, so its last line is the page's last line."""
    black = RGBColor(0, 0, 0)
    lines = ([f"抄送：{block.copy_to}。"] if block.copy_to else []) + [f"{block.printer}\t{block.printed_on}印发"]
    for index, text in enumerate(lines):
        paragraph = document.add_paragraph()
        frame = OxmlElement("w:framePr")
        for name, value in (("w", str(int(usable_cm / 2.54 * 1440))), ("hSpace", "0"), ("wrap", "around"),
                            ("vAnchor", "margin"), ("hAnchor", "margin"), ("xAlign", "center"), ("yAlign", "bottom")):
            frame.set(qn(f"w:{name}"), value)
        paragraph._p.get_or_add_pPr().insert(0, frame)
        # First and last rules 0.35 mm, the one between 0.25 mm.
        _rule(paragraph, "top", black, 8 if index == 0 else 4)
        if index == len(lines) - 1:
            _rule(paragraph, "bottom", black, 8)
        paragraph.paragraph_format.left_indent = Pt(14)
        paragraph.paragraph_format.right_indent = Pt(14)
        paragraph.paragraph_format.first_line_indent = Pt(0)
        # 印发日期 flush right: a right tab at the end of the type area, less the two indents.
        paragraph.paragraph_format.tab_stops.add_tab_stop(Cm(usable_cm - 1.0), WD_TAB_ALIGNMENT.RIGHT)
        _write(paragraph, text, size=14)


# ---------------------------------------------------------------- where the body ends (for the 版记)

LINES_PER_PAGE = 22
CHARS_PER_LINE = 28


def _text_lines(text: str, size: float, indent: int = 0) -> int:
    """Lines of the 28-character type line a paragraph takes (a Latin letter or digit is half a character)."""
    total = 0
    for part in text.split("\n"):
        units = indent + sum(1 if ord(char) > 0x2E80 else 0.5 for char in part)
        total += max(1, -(-int(units * size / BODY_SIZE * 2) // (CHARS_PER_LINE * 2)))
    return total


def _block_height(block) -> list[float]:
    """The heights (in body lines) of the block's unbreakable pieces, in order."""
    if isinstance(block, Masthead):
        return [4.6, 1.2, 1]
    if isinstance(block, Title):
        return [max(LINE_PITCH, block.size * 1.4) / LINE_PITCH] * _text_lines(block.text, block.size)
    if isinstance(block, Heading):
        return [1] * _text_lines(block.text, BODY_SIZE, 2)
    if isinstance(block, Paragraph):
        return [1] * _text_lines(block.text, block.size or BODY_SIZE, 2 if block.indent and not block.align else 0)
    if isinstance(block, Spacer):
        return [1] * block.lines
    if isinstance(block, Grid):
        line = max(TABLE_LINE, block.font_size * 1.35) if block.font_size != TABLE_SIZE else TABLE_LINE
        rows = [(max(_text_lines(cell.text, block.font_size) for cell in cells) * line + 1) / LINE_PITCH
                for cells in block.rows]
        return ([1] if block.caption else []) + rows + [8 / LINE_PITCH]
    return [0]


def end_of_body(blocks) -> tuple[int, float]:
    """(page, lines used on it) where the blocks end: an estimate over the fixed GB/T 9704 grid (22 lines of 28 characters)."""
    page, used = 1, 0.0
    for block in blocks:
        if isinstance(block, PageBreak):
            page, used = page + 1, 0.0
            continue
        for height in _block_height(block):
            if used + height > LINES_PER_PAGE + 0.01:
                page, used = page + 1, 0.0
            used += height
    return page, used


def colophon_breaks(blocks, colophon: Colophon) -> int:
    """Page breaks before the 版记 so that it sits on an even page with room for it (GB/T 9704: 版记 on the last, even page)."""
    page, used = end_of_body(blocks)
    needed = (2 if colophon.copy_to else 1) * 1.1 + 0.5
    breaks = 0
    if used + needed > LINES_PER_PAGE:
        page, breaks = page + 1, 1
    if page % 2:
        breaks += 1
    return breaks


def usable_width_cm(landscape: bool) -> float:
    width = PAGE_CM[1] if landscape else PAGE_CM[0]
    return width - MARGINS_CM["left"] - MARGINS_CM["right"]


def to_docx(blocks, landscape: bool = False, title: str = "") -> bytes:
    blocks = list(blocks)
    document = _new_document(landscape)
    document.core_properties.language = "zh-CN"
    if title:
        document.core_properties.title = title
    usable_cm = usable_width_cm(landscape)
    style_id = document.styles["Table Grid"].style_id
    text_style_id = document.styles[TABLE_STYLE].style_id
    for position, block in enumerate(blocks):
        if isinstance(block, Title):
            paragraph = document.add_paragraph()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            paragraph.paragraph_format.line_spacing = Pt(max(LINE_PITCH, block.size * 1.4))
            _write(paragraph, block.text, size=block.size, font=TITLE_FONT)
        elif isinstance(block, Heading):
            paragraph = document.add_paragraph()
            paragraph.paragraph_format.first_line_indent = Pt(BODY_SIZE * 2)
            _write(paragraph, block.text, font=HEADING_FONT if block.level == 1 else SUBHEADING_FONT)
        elif isinstance(block, Paragraph):
            for line in block.text.split("\n"):
                paragraph = document.add_paragraph()
                alignment = _ALIGN[block.align]
                if alignment is not None:
                    paragraph.alignment = alignment
                if block.indent and not block.align:
                    paragraph.paragraph_format.first_line_indent = Pt((block.size or BODY_SIZE) * 2)
                _write(paragraph, line, bold=block.bold, size=block.size)
        elif isinstance(block, Spacer):
            for _ in range(block.lines):
                document.add_paragraph()
        elif isinstance(block, PageBreak):
            document.add_page_break()
        elif isinstance(block, Grid):
            _docx_grid(document, block, usable_cm, style_id, text_style_id)
            # A small gap: two tables that touch become one in Word and LibreOffice (and share its header row).
            gap = document.add_paragraph()
            gap.paragraph_format.line_spacing = Pt(8)
        elif isinstance(block, Masthead):
            _masthead(document, block, usable_cm)
        elif isinstance(block, Colophon):
            for _ in range(colophon_breaks(blocks[:position], block)):
                document.add_page_break()
            _colophon(document, block, usable_cm)
        else:  # pragma: no cover - a builder bug, not user input
            raise TypeError(block)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# ---------------------------------------------------------------- .xlsx

NARRATIVE_SHEET = "文字说明"
MAX_ROW_POINTS = 409
XLSX_FONT_SIZE = 11
# Excel's width unit is about one digit at 11 pt; a Chinese character takes about two.
UNITS_PER_EM = 2.0


def _units(text: str) -> float:
    return max((sum(2 if ord(char) > 0x2E80 else 1.1 for char in line) for line in str(text).split("\n")), default=0)


def _lines_needed(text: str, width_units: float) -> int:
    """Printed lines a wrapped cell needs."""
    if not text:
        return 1
    lines = 0
    for part in str(text).split("\n"):
        units = sum(2 if ord(char) > 0x2E80 else 1 for char in part)
        lines += max(1, -(-units // max(int(width_units) - 1, 1)))
    return lines


def xlsx_column_units(grid: Grid, total_units: float) -> list[float]:
    weights = grid.widths or (1,) * grid.columns
    units = [total_units * weight / sum(weights) for weight in weights]
    for cells in grid.rows:
        column = 0
        for cell in cells:
            if cell.span == 1 and is_figure(cell):
                units[column] = max(units[column], _units(cell.text) + 2)
            column += cell.span
    return units


def to_xlsx(blocks, sheet_title: str) -> bytes:
    """The form on one sheet (A4 landscape, one page wide), its narrative on a sheet of its own."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_title[:31]
    grids = [block for block in blocks if isinstance(block, Grid)]
    width = max((grid.columns for grid in grids), default=6)
    main = next((grid for grid in grids if grid.columns == width), None)
    column_units = xlsx_column_units(main, 150) if main else [20.0] * width
    for column, units in enumerate(column_units, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = units
    narrative = [block for block in blocks if isinstance(block, Paragraph) and block.narrative]
    long_texts: list[str] = []
    row = 1
    heights = {}
    keys: dict[str, str] = {}
    formulas = []  # (coordinate, expression, cached)
    title_rows = None
    has_inputs = False

    def fit(row_number, text, first_column, last_column, size=XLSX_FONT_SIZE):
        units = sum(column_units[first_column - 1:last_column]) * XLSX_FONT_SIZE / size
        heights[row_number] = max(heights.get(row_number, 16), 16 * size / XLSX_FONT_SIZE * _lines_needed(text, units))

    def whole_row(text: str, bold=False, size=None, align=""):
        nonlocal row
        spreadsheets.text(sheet, row, 1, text, bold=bold, size=size or XLSX_FONT_SIZE, align=align or "left")
        if width > 1:
            sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
        fit(row, text, 1, width, size or XLSX_FONT_SIZE)
        row += 1

    for block in blocks:
        if isinstance(block, Title):
            whole_row(block.text.replace("\n", ""), bold=True, size=16, align="center")
        elif isinstance(block, Heading):
            whole_row(block.text, bold=True)
        elif isinstance(block, Paragraph):
            if not block.narrative:
                whole_row(block.text, bold=block.bold, align=block.align)
        elif isinstance(block, Spacer | PageBreak | Masthead | Colophon):
            continue
        elif isinstance(block, Grid):
            if block.caption:
                whole_row(block.caption, bold=True, align="center")
            first_grid_row = row
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
                        target = _xlsx_cell(sheet, row, column, cell, formulas, long_texts,
                                            sum(column_units[column - 1:last]))
                        if cell.key:
                            keys[cell.key] = target.coordinate
                        if cell.input:
                            target.protection = spreadsheets.UNLOCKED
                            has_inputs = True
                        if last > column:
                            sheet.merge_cells(start_row=row, start_column=column, end_row=row, end_column=last)
                        anchors[column] = (row, last)
                        fit(row, cell.text if cell.number is not None else str(target.value or ""), column, last)
                    for covered in range(column, last + 1):
                        sheet.cell(row=row, column=covered).border = spreadsheets.BORDER
                        if covered != column:
                            anchors.pop(covered, None)
                    column = last + 1
                row += 1
            if block is main and title_rows is None:
                title_rows = f"{first_grid_row}:{first_grid_row + block.header_rows - 1}"
            row += 1
    for coordinate, expression, cached, fmt in formulas:
        column_row = sheet[coordinate]
        spreadsheets.formula(sheet, column_row.row, column_row.column, _resolve(expression, keys), cached, fmt=fmt)
    for row_number, height in heights.items():
        sheet.row_dimensions[row_number].height = min(height, 409)
    spreadsheets.print_landscape(sheet, title_rows=title_rows, area=f"A1:{get_column_letter(width)}{max(row - 1, 1)}")
    if has_inputs:
        spreadsheets.protect(sheet)
    texts = [f"{number}．{text}" for number, text in enumerate(long_texts, start=1)] + [block.text for block in narrative]
    if texts:
        notes = workbook.create_sheet(NARRATIVE_SHEET)
        notes.column_dimensions["A"].width = 100
        line = 0
        for text in texts:
            # One row per paragraph, so no row reaches Excel's 409-point limit.
            for paragraph in (chunk for part in text.split("\n") for chunk in _row_sized(part)):
                line += 1
                cell = spreadsheets.text(notes, line, 1, paragraph, align="left")
                cell.protection = spreadsheets.UNLOCKED
                notes.row_dimensions[line].height = min(MAX_ROW_POINTS, 16 * _lines_needed(paragraph, 100))
        spreadsheets.print_landscape(notes)
        notes.page_setup.orientation = "portrait"
    return spreadsheets.save(workbook)


def _xlsx_cell(sheet, row, column, cell: Cell, formulas: list, long_texts: list | None = None, width_units: float = 0):
    align = cell.align or "left"
    if cell.number is None:
        text = cell.text
        if long_texts is not None and width_units and 16 * _lines_needed(text, width_units) > MAX_ROW_POINTS:
            # Excel cuts a row at 409 points: the full text goes to the 文字说明 sheet, the cell points to it.
            long_texts.append(text)
            text = f"{_opening(text)}……（全文见“{NARRATIVE_SHEET}”工作表第{len(long_texts)}项）"
        return spreadsheets.text(sheet, row, column, text, bold=cell.bold, align=align)
    value = cell.number / 100 if cell.is_percent else cell.number
    fmt = spreadsheets.PERCENT_FORMAT if cell.is_percent else spreadsheets.SCORE_FORMAT
    target = spreadsheets.number(sheet, row, column, value, fmt=fmt, bold=cell.bold, align=align)
    if cell.formula:
        formulas.append((target.coordinate, cell.formula, value, fmt))
    return target


def _row_sized(text: str, limit: int = 1000) -> list[str]:
    """A paragraph in pieces that each fit a 409-point row at width 100, broken after a 。 where there is one."""
    pieces = []
    while len(text) > limit:
        cut = text.rfind("。", 0, limit)
        cut = cut + 1 if cut > limit // 2 else limit
        pieces.append(text[:cut])
        text = text[cut:]
    return [*pieces, text]


def _opening(text: str, length: int = 60) -> str:
    return text.replace("\n", " ")[:length]


def _resolve(expression: str, keys: dict) -> str:
    import re

    def replace(match):
        name = match.group(1)
        if name.endswith("*"):
            found = [coordinate for key, coordinate in keys.items() if key.startswith(name[:-1])]
            return ",".join(found) if found else "0"
        return keys[name]

    return re.sub(r"\{([a-z_0-9:*]+)\}", replace, expression)
