"""The round's outputs: ranking table (xlsx), 通报 (docx), each county's score sheet (docx).

They read the same figures as the pages: the explanation of each county and the
ranking; nothing is retyped. A simulated round says so at the top of each.
"""

from decimal import Decimal, InvalidOperation
from io import BytesIO

from django.utils import timezone
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from jixiao import spreadsheets

SIMULATED = "【模拟数据：由演示程序按固定随机种子生成的模拟评审，不是真实考核结果】"
FONT = "Noto Sans CJK SC"


def ranking_xlsx(round_, rows: list[dict], group_names: list[str]) -> bytes:
    """rows as in views.results.ranking_rows."""
    scheme = round_.scheme
    book = Workbook()
    sheet = book.active
    sheet.title = "排名"
    title = f"{scheme.title} 考核得分排名"
    if round_.status != "published":
        title += "（未公布）"
    header = ["名次", "单位", *[f"{name}组" for name in group_names], "评委评分", "平时工作", "加分", "总得分", "备注"]
    spreadsheets.text(sheet, 1, 1, title, bold=True, size=14)
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
    line = 2
    if round_.is_simulated:
        spreadsheets.text(sheet, line, 1, SIMULATED)
        line += 1
    header_row = line
    for column, text in enumerate(header, start=1):
        spreadsheets.text(sheet, line, column, text, bold=True, border=True, align="center")
    for row in rows:
        line += 1
        note = "一票否决" if row["vetoed"] else ("先进单位" if row["advanced"] else "")
        if row["tie_note"]:
            note = f"{note}；{row['tie_note']}".strip("；")
        if row["rank"] is None:
            spreadsheets.text(sheet, line, 1, "—", border=True, align="center")
        else:
            spreadsheets.number(sheet, line, 1, row["rank"], fmt=spreadsheets.INTEGER_FORMAT, border=True, align="center")
        spreadsheets.text(sheet, line, 2, row["unit"].name, border=True)
        figures = [*row["groups"], row["panel"], row["routine"], row["bonus"], row["final"]]
        for column, figure in enumerate(figures, start=3):
            amount = _number(figure)
            if isinstance(amount, Decimal):
                spreadsheets.number(sheet, line, column, amount, fmt=spreadsheets.SCORE_FORMAT, border=True)
            else:
                spreadsheets.text(sheet, line, column, amount, border=True, align="center")
        spreadsheets.text(sheet, line, len(header), note, border=True)
    widths = [6, 24, *[10] * len(group_names), 10, 10, 8, 10, 30]
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    spreadsheets.print_landscape(sheet, title_rows=f"{header_row}:{header_row}")
    return spreadsheets.save(book)


def _number(text):
    """A figure as a Decimal where it is one ("—" and notes stay text)."""
    if isinstance(text, int | Decimal):
        return Decimal(text)
    try:
        return Decimal(str(text))
    except (InvalidOperation, ValueError):
        return text


def _document() -> Document:
    document = Document()
    style = document.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(12)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    return document


def _title(document, text: str) -> None:
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run(text)
    run.bold = True
    run.font.size = Pt(18)


def _table(document, header: list[str], rows: list[list[str]]) -> None:
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = text
    for row in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = str(text)


def notice_docx(round_, results) -> bytes:
    """通报: the advanced units and the ranking, as published. `results` are the round's Result rows."""
    scheme = round_.scheme
    issuing = scheme.issuing_unit
    document = _document()
    if round_.is_simulated:
        document.add_paragraph(SIMULATED)
    _title(document, f"关于{scheme.year}年度县（区）科协工作目标考核结果的通报")
    document.add_paragraph("各县（区）科协：")
    basis = f"《{scheme.title}》" + (f"（{scheme.document_number}）" if scheme.document_number else "")
    document.add_paragraph(
        f"    根据{basis}，{issuing.display_name}组织开展了{scheme.year}年度县（区）科协工作目标考核。"
        "经各县（区）科协现场陈述、评委现场结构化评分和综合评议，考核结果经研究决定，现将有关情况通报如下："
    )
    advanced = [result for result in results if result.advanced]
    document.add_paragraph("    一、先进单位")
    document.add_paragraph("    " + ("、".join(result.unit.name for result in advanced) if advanced else "本年度未评选先进单位。"))
    if advanced:
        document.add_paragraph("    对以上先进单位予以通报表彰。")
    document.add_paragraph("    二、考核得分及排名")
    _table(document, ["名次", "单位", "得分", "备注"], [
        [
            result.rank if result.rank is not None else "—",
            result.unit.name,
            f"{result.final_score:.2f}" if result.final_score is not None else "—",
            "一票否决" if result.vetoed else ("先进单位" if result.advanced else ""),
        ]
        for result in results
    ])
    document.add_paragraph()
    for text in (issuing.name, f"{timezone.localtime(round_.published_at or timezone.now()):%Y年%-m月%-d日}"):
        paragraph = document.add_paragraph(text)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def score_sheet_docx(round_, unit, explained: dict) -> bytes:
    """One county's score sheet from its explanation (judges unnamed)."""
    scheme = round_.scheme
    document = _document()
    if round_.is_simulated:
        document.add_paragraph(SIMULATED)
    _title(document, f"{unit.name}{scheme.year}年度工作目标考核评分表")
    document.add_paragraph(f"考核依据：{scheme.title}" + (f"（{scheme.document_number}）" if scheme.document_number else ""))
    document.add_paragraph("一、各项得分（评委组平均分按权重折算）")
    categories = {item.number: item.category.name for item in scheme.items.select_related("category")}
    _table(document, ["序号", "考核类别", "分值", "得分"], [
        [row["number"], categories.get(row["number"], ""), row["points"], row["score"]] for row in explained["items"]
    ])
    document.add_paragraph("二、各考核类别得分")
    _table(document, ["考核类别", "分值", "得分"], [[c["name"], c["points"], c["score"]] for c in explained["categories"]])
    document.add_paragraph("三、评委组得分")
    _table(document, ["评委组", "权重", "计入评委人数", "组得分"], [
        [group["name"], f"{group['weight']}%", group["counted"], group["score"]] for group in explained["groups"]
    ])
    document.add_paragraph("四、总得分")
    rows = [["评委评分（加权）", explained["panel_score"]]]
    if explained["routine_weight"] != "0":
        rows.append([f"平时工作情况（权重 {explained['routine_weight']}%）", explained["routine"]])
    for bonus in explained["bonus"]:
        rows.append([f"加分项目{bonus['number']}（最高{bonus['cap']}分）", bonus["awarded"]])
    rows.append(["加分合计", explained["bonus_total"]])
    rows.append(["总得分", explained["final"]])
    rows.append(["名次", explained["rank"] if explained["rank"] is not None else "—"])
    _table(document, ["项目", "分数"], rows)
    if explained["veto"]:
        document.add_paragraph(f"一票否决：{explained['veto']['reason']}（{explained['veto']['meeting']}）")
    for note in explained["notes"]:
        document.add_paragraph(f"说明：{note}")
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()
