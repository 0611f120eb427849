"""The round's outputs: ranking table (xlsx), 通报 (docx), each county's score sheet (docx).

They read the same figures as the pages: the explanation of each county and the
ranking; nothing is retyped. A simulated round says so at the top of each.
"""

from decimal import Decimal, InvalidOperation

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from jixiao import spreadsheets
from jixiao.documents.layout import (
    Cell,
    Colophon,
    Grid,
    Heading,
    Masthead,
    Paragraph,
    Spacer,
    Title,
    money_cell,
    text_cells,
    to_docx,
)

SIMULATED = "【模拟数据：由演示程序按固定随机种子生成的模拟评审，不是真实考核结果】"


def ranking_xlsx(round_, rows: list[dict], group_names: list[str]) -> bytes:
    """rows as in rounds.ranking_rows."""
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


def _signature_blocks(issuer: str, day) -> list:
    return [
        Spacer(2),
        Paragraph(issuer, align="right"),
        Paragraph(f"{day.year}年{day.month}月{day.day}日", align="right"),
    ]


def notice_number(round_) -> str:
    """发文字号 of the 通报: the issuing body's 代字 from the scheme's own number ("连科协〔2018〕12号" → 连科协), the year of publication, the number left for the office."""
    published = timezone.localtime(round_.published_at or timezone.now())
    number = round_.scheme.document_number or ""
    prefix = number.split("〔", 1)[0] if "〔" in number else ""
    return f"{prefix}〔{published.year}〕　号" if prefix else ""


def notice_blocks(round_, results) -> list:
    scheme = round_.scheme
    issuing = scheme.issuing_unit
    published = timezone.localtime(round_.published_at or timezone.now())
    basis = f"《{scheme.title}》" + (f"（{scheme.document_number}）" if scheme.document_number else "")
    advanced = [result for result in results if result.advanced]
    blocks = [Masthead(issuing.name, notice_number(round_))]
    if round_.is_simulated:
        blocks.append(Paragraph(SIMULATED, indent=False, size=12))
    blocks += [
        # GB/T 9704 7.3.3: a long title breaks where the meaning allows, not where the line ends.
        Title(f"关于{scheme.year}年度县（区）科协工作\n目标考核结果的通报"),
        Spacer(),
        Paragraph("各县（区）科协：", indent=False),
        Paragraph(
            f"根据{basis}，{issuing.display_name}组织开展了{scheme.year}年度县（区）科协工作目标考核。"
            "经各县（区）科协现场陈述、评委现场结构化评分和综合评议，考核结果经研究决定，现将有关情况通报如下："
        ),
        Heading("一、先进单位"),
        Paragraph("、".join(result.unit.name for result in advanced) + "。" if advanced else "本年度未评选先进单位。"),
    ]
    if advanced:
        blocks.append(Paragraph("对以上先进单位予以通报表彰。"))
    blocks.append(Heading("二、考核得分及排名"))
    rows = [text_cells("名次", "单位", "得分", "备注", bold=True, align="center")]
    for result in results:
        rows.append([
            Cell("—" if result.rank is None else str(result.rank), align="center"),
            Cell(result.unit.name),
            money_cell(result.final_score) if result.final_score is not None else Cell("—", align="center"),
            Cell("一票否决" if result.vetoed else ("先进单位" if result.advanced else ""), align="center"),
        ])
    blocks.append(Grid(4, rows, widths=(1, 3, 1.4, 1.6), font_size=14))
    blocks += _signature_blocks(issuing.name, published)
    blocks.append(Colophon(printer=f"{issuing.name}办公室", printed_on=f"{published.year}年{published.month}月{published.day}日"))
    return blocks


def notice_docx(round_, results) -> bytes:
    """通报 as a red-header document (GB/T 9704): 版头, the ranking, signature, 版记."""
    return to_docx(notice_blocks(round_, results), title=f"{round_.scheme.year}年度目标考核通报")


def score_sheet_docx(round_, unit, explained: dict) -> bytes:
    """One county's score sheet from its explanation (judges unnamed)."""
    scheme = round_.scheme
    blocks = []
    if round_.is_simulated:
        blocks.append(Paragraph(SIMULATED, indent=False, size=12))
    blocks.append(Title(f"{unit.name}{scheme.year}年度工作目标考核评分表"))
    blocks.append(Paragraph("考核依据：" + scheme.title + (f"（{scheme.document_number}）" if scheme.document_number else ""),
                            indent=False))
    categories = {item.number: item.category.name for item in scheme.items.select_related("category")}

    def grid(header, rows, widths):
        body = [text_cells(*header, bold=True, align="center")]
        for row in rows:
            body.append([_figure_cell(value) for value in row])
        return Grid(len(header), body, widths=widths)

    blocks.append(Heading("一、各项得分（评委组平均分按权重折算）"))
    blocks.append(grid(["序号", "考核类别", "分值", "得分"], [
        [row["number"], categories.get(row["number"], ""), row["points"], row["score"]] for row in explained["items"]
    ], (1, 3, 1.2, 1.2)))
    blocks.append(Heading("二、各考核类别得分"))
    blocks.append(grid(["考核类别", "分值", "得分"], [[c["name"], c["points"], c["score"]] for c in explained["categories"]],
                       (3, 1.2, 1.2)))
    blocks.append(Heading("三、评委组得分"))
    blocks.append(grid(["评委组", "权重", "计入评委人数", "组得分"], [
        [group["name"], f"{group['weight']}%", group["counted"], group["score"]] for group in explained["groups"]
    ], (2, 1.2, 1.4, 1.2)))
    blocks.append(Heading("四、总得分"))
    rows = [["评委评分（加权）", explained["panel_score"]]]
    if explained["routine_weight"] != "0":
        rows.append([f"平时工作情况（权重 {explained['routine_weight']}%）", explained["routine"]])
    for bonus in explained["bonus"]:
        rows.append([f"加分项目{bonus['number']}（最高{bonus['cap']}分）", bonus["awarded"]])
    rows.append(["加分合计", explained["bonus_total"]])
    rows.append(["总得分", explained["final"]])
    rows.append(["名次", explained["rank"] if explained["rank"] is not None else "—"])
    blocks.append(grid(["项目", "分数"], rows, (3, 1.4)))
    if explained["veto"]:
        blocks.append(Paragraph(f"一票否决：{explained['veto']['reason']}（{explained['veto']['meeting']}）"))
    for note in explained["notes"]:
        blocks.append(Paragraph(f"说明：{note}"))
    return to_docx(blocks)


def _figure_cell(value) -> Cell:
    """A score as a right-aligned figure where it is one; text stays text."""
    amount = _number(value)
    if isinstance(amount, Decimal) and not isinstance(value, int):
        return Cell(str(value), number=amount, align="right")
    return Cell(str(value), align="center" if isinstance(value, int) else "")
