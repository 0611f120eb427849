"""Checks of the generated documents themselves, every one of the demo: what a finance bureau would look at.

Each document the demo's self-evaluations produce is opened as a file: page
setup and fonts of GB/T 9704, figures that never wrap, no word of the product
in an official text, the figures the product holds, and the product's own
health check finding no error in its own documents.
"""

import io
import re

import pytest
from docx import Document
from docx.shared import Pt
from openpyxl import load_workbook

from jixiao.documents import generate
from jixiao.documents.views import DOCUMENTS, documents_for, filename_for
from jixiao.evaluations.models import SelfEvaluation

# Prompts, internal words and formulas of the product that must never reach an official document.
FORBIDDEN = [
    "请在账目中填写", "未填写", "未设置", "未录入", "评分提示", "见下表各指标实际完成值", "尚未填写", "账目中",
    "无法计算", "按产出", "调入", "÷", "×", " + ", "= ", "None", "nan", "TODO", "#NAME?",
]
FIGURE = re.compile(r"^-?\d[\d,]*(\.\d+)?%?$")


@pytest.fixture
def demo_documents(source_evaluations):
    """(evaluation, name, file name, bytes) of every document the demo's self-evaluations produce."""
    found = []
    for evaluation in SelfEvaluation.objects.select_related("goal__unit_year__unit").order_by("pk"):
        for name in documents_for(evaluation):
            if name == "report.pdf":
                continue
            build = generate.main_report_docx if name == "report.docx" else DOCUMENTS[name][0]
            found.append((evaluation, name, filename_for(evaluation, name), build(evaluation)))
    return found


def docx_texts(data: bytes) -> list[str]:
    document = Document(io.BytesIO(data))
    texts = [paragraph.text for paragraph in document.paragraphs]
    texts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return texts


def xlsx_texts(data: bytes) -> list[str]:
    book = load_workbook(io.BytesIO(data))
    return [str(cell.value) for sheet in book.worksheets for row in sheet.iter_rows() for cell in row
            if cell.value is not None and not str(cell.value).startswith(("=IF(N(", "=ROUND(", "=SUM("))]


def texts_of(name: str, data: bytes) -> list[str]:
    return xlsx_texts(data) if name.endswith(".xlsx") else docx_texts(data)


def test_the_demo_makes_the_right_documents_for_each_unit(demo_documents):
    files = {file_name for _, _, file_name, _ in demo_documents}
    assert "岳阳市科学技术协会2017年度部门整体支出绩效自评报告.docx" in files
    assert "岳阳市科学技术协会2017年度部门整体支出绩效评价基本情况表.xlsx" in files
    assert "丽水市科学技术协会2020年度部门整体支出绩效自评报告.docx" in files
    assert "江门市科学技术协会2022年度科学技术普及支出项目支出绩效自评表.xlsx" in files
    assert "江门市科学技术协会2022年度科学技术普及支出项目绩效自评报告.docx" in files
    # One department report per unit-year, not one per goal; no department form for a project.
    assert len([f for f in files if f.startswith("丽水") and f.endswith("部门整体支出绩效自评报告.docx")]) == 1
    assert not [f for f in files if f.startswith("江门") and "部门整体" in f]
    assert not [f for f in files if re.search(r"(\d{4}年度).*\1", f)]


def test_no_product_word_prompt_or_formula_in_any_document(demo_documents):
    from jixiao.goals.department import DEFINITIONS
    from jixiao.spreadsheets import printable

    # As printed: the minus sign in the full-width form the Chinese faces have.
    formulas = {printable(definition) for definition in DEFINITIONS.values()}
    for _, _, file_name, data in demo_documents:
        for text in texts_of(file_name, data):
            if text in formulas:
                continue  # the 计算公式 column of the 财预〔2013〕53号 form states each indicator's formula
            for word in FORBIDDEN:
                assert word not in text, f"{file_name}: “{word}” in “{text[:80]}”"


def test_no_invented_score_where_the_product_shows_none(demo_documents):
    """Lishui's and Jiangmen's indicators carry no points: no computed total, no 差, anywhere."""
    for evaluation, _, file_name, data in demo_documents:
        if evaluation.goal.indicators.filter(points__isnull=False).exists():
            continue
        texts = texts_of(file_name, data)
        assert "差" not in texts, file_name
        assert not any(re.search(r"综合得分\d", text) for text in texts), file_name
    jiangmen = [(f, d) for e, _, f, d in demo_documents if f.startswith("江门")]
    for file_name, data in jiangmen:
        joined = "\n".join(texts_of(file_name, data))
        assert "95" in joined and "优秀" in joined, file_name
        assert "单位自评" in joined, file_name


def test_every_report_page_is_gbt_9704(demo_documents):
    for _, _name, file_name, data in demo_documents:
        if not file_name.endswith(".docx"):
            continue
        document = Document(io.BytesIO(data))
        section = document.sections[0]
        width, height = sorted((section.page_width, section.page_height))
        assert (round(width.cm, 1), round(height.cm, 1)) == (21.0, 29.7), file_name
        assert round(section.top_margin.cm, 1) == 3.7 and round(section.bottom_margin.cm, 1) == 3.5, file_name
        assert round(section.left_margin.cm, 1) == 2.8 and round(section.right_margin.cm, 1) == 2.6, file_name
        normal = document.styles["Normal"]
        fonts = normal.element.rPr.rFonts
        assert fonts.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia") == "仿宋_GB2312"
        assert normal.font.size == Pt(16)
        assert normal.paragraph_format.line_spacing == Pt(28.95)
        styles_xml = document.styles.element.xml
        assert 'w:eastAsia="zh-CN"' in styles_xml
        # Page numbers "— 1 —" on odd and even pages.
        for footer in (section.footer, section.even_page_footer):
            xml = footer._element.xml
            assert "PAGE" in xml and "— " in footer.paragraphs[0].text, file_name
        body = document.element.body.xml
        assert "方正小标宋简体" in body, file_name


def test_headings_are_hei_and_kai(demo_documents):
    report = next(d for _, n, f, d in demo_documents if f.startswith("丽水") and f.endswith("部门整体支出绩效自评报告.docx"))
    document = Document(io.BytesIO(report))
    fonts = {paragraph.text: paragraph.runs[0].element.rPr.rFonts.get(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia")
        for paragraph in document.paragraphs if paragraph.runs and paragraph.runs[0].element.rPr is not None
        and paragraph.runs[0].element.rPr.rFonts is not None}
    assert fonts["一、部门基本概况"] == "黑体"
    assert fonts["（一）部门职能"] == "楷体_GB2312"


def _cell_width_cm(cell) -> float:
    tcw = cell._tc.tcPr.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tcW")
    return int(tcw.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}w")) / 567


def _needed_cm(text: str, size_pt: float) -> float:
    # Digits and Latin about 0.55 em, Chinese 1 em, plus Word's 0.19 cm cell margin each side.
    ems = sum(1.0 if ord(char) > 0x2E80 else 0.55 for char in text)
    return ems * size_pt / 72 * 2.54 + 0.38


def test_no_figure_wraps_in_any_word_table(demo_documents):
    checked = 0
    for _, _, file_name, data in demo_documents:
        if not file_name.endswith(".docx"):
            continue
        for table in Document(io.BytesIO(data)).tables:
            for row in table.rows:
                for cell in row.cells:
                    text = cell.text.strip()
                    if not FIGURE.match(text):
                        continue
                    size = next((run.font.size.pt for p in cell.paragraphs for run in p.runs if run.font.size), None)
                    size = size or next(p.style.font.size.pt for p in cell.paragraphs if p.style.font.size)
                    assert _cell_width_cm(cell) >= _needed_cm(text, size), f"{file_name}: {text} in {_cell_width_cm(cell):.2f} cm"
                    checked += 1
    assert checked > 100


def test_no_figure_is_wider_than_its_excel_column(demo_documents):
    for _, _, file_name, data in demo_documents:
        if not file_name.endswith(".xlsx"):
            continue
        sheet = load_workbook(io.BytesIO(data)).worksheets[0]
        merged = {cell for span in sheet.merged_cells.ranges for row in sheet.iter_rows(
            min_row=span.min_row, max_row=span.max_row, min_col=span.min_col, max_col=span.max_col) for cell in row}
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, int | float) and cell not in merged:
                    shown = f"{cell.value:,.2f}" if "%" not in cell.number_format else f"{cell.value * 100:.2f}%"
                    width = sheet.column_dimensions[cell.column_letter].width
                    assert width >= len(shown) + 1, f"{file_name}: {shown} in a column {width} wide"
        assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.fitToWidth == 1
        assert sheet.print_area and int(sheet.page_setup.paperSize) == int(sheet.PAPERSIZE_A4)


def test_every_figure_the_product_holds_is_printed(demo_documents):
    by_file = {file_name: "\n".join(texts_of(file_name, data)) for _, _, file_name, data in demo_documents}
    lishui = by_file["丽水市科学技术协会2020年度部门整体支出绩效自评报告.docx"]
    for figure in ("448.26", "99.98%", "96.96%", "679.41", "658.77", "100.00%", "99.12%", "92.33%"):
        assert figure in lishui, figure
    jiangmen_report = by_file["江门市科学技术协会2022年度科学技术普及支出项目绩效自评报告.docx"]
    for budget, spent in (("155.00", "106.13"), ("101.00", "69.09"), ("36.00", "19.88")):
        assert f"预算安排{budget}万元，年末实际支出{spent}万元" in jiangmen_report
    assert "青少年科技活动和科技馆站：2022年预算安排0.00万元" in jiangmen_report
    yueyang = by_file["岳阳市科学技术协会2017年度部门整体支出绩效自评报告.docx"]
    assert "岳阳市2017年度部门（单位）整体支出" in yueyang and "岳阳市财政局（制）" in yueyang
    assert "报告日期：2018年6月10日" in yueyang
    assert "一是预算编制有待进一步加强，确保预算执行力度。预算编制与实际支出项目存在差异。" in yueyang
    assert "二是严格财务审核，按照预算规定的项目进行财务核算，在预算金额内严格控制费用开支。" in yueyang
    # 当年结余 is the same figure in every document that prints it.
    balances = {m for text in by_file.values() for m in re.findall(r"当年结余(\d+\.\d+)", text)}
    assert balances <= {"83.62", "20.64"}


def test_the_health_check_finds_no_error_in_any_generated_report(demo_documents):
    from jixiao.healthcheck.domain import check_report

    for _, _, file_name, data in demo_documents:
        if not file_name.endswith(".docx"):
            continue
        check = check_report(file_name, data)
        errors = [finding for finding in check.as_dict("error").get("findings", [])]
        assert not check.has_errors, f"{file_name}: {errors}"


def test_a_long_narrative_goes_to_a_sheet_of_its_own_not_a_cut_cell(yueyang_evaluation):
    goal = yueyang_evaluation.goal
    goal.overall_goal = "围绕全民科学素质行动计划纲要，开展科普活动、学术交流和决策咨询。" * 120
    goal.save()
    book = load_workbook(io.BytesIO(generate.basic_table_xlsx(yueyang_evaluation)))
    form, notes = book["基本情况表"], book["文字说明"]
    pointer = next(cell.value for row in form.iter_rows() for cell in row
                   if isinstance(cell.value, str) and "全文见“文字说明”工作表第1项" in cell.value)
    assert pointer.startswith("围绕全民科学素质行动计划纲要")
    # The whole text, in rows that each fit (Excel cuts a row at 409 points).
    assert "".join(row[0].value for row in notes.iter_rows()) == "1．" + goal.overall_goal
    for sheet in (form, notes):
        assert all((dimension.height or 0) < 409 for dimension in sheet.row_dimensions.values())
