"""Every figure of the five source documents that the product holds, printed in the documents that fit each unit.

Yueyang (003): the special funds 270.40 / 570.00 / 299.60 spent 643.91, and the 2016 balance 164.90.
Ganzhou (000): the 科普专项 of 200.00 with its project report and 自评表, no invented score.
The 通报 (004's round): 版记 on the last, even page; PDFs of an approved version through the queue.
"""

import io
import re
import shutil
import subprocess
import tempfile
from datetime import UTC
from types import SimpleNamespace

import pytest
from docx import Document
from openpyxl import load_workbook

from jixiao.documents import generate, layout
from jixiao.documents.views import documents_for, filename_for
from jixiao.evaluations.models import SelfEvaluation, Snapshot


def _texts(data):
    return [paragraph.text for paragraph in Document(io.BytesIO(data)).paragraphs]


def _tables(data):
    return [[[cell.text for cell in row.cells] for row in table.rows] for table in Document(io.BytesIO(data)).tables]


def _all_text(data):
    return "\n".join(_texts(data) + [cell for table in _tables(data) for row in table for cell in row])


# ---------------------------------------------------------------- Yueyang 2017

def test_yueyang_special_funds_print_as_the_source_states_them(yueyang_evaluation):
    data = generate.self_evaluation_report_docx(yueyang_evaluation)
    funds = next(table for table in _tables(data) if table[0][:2] == ["项目名称", "预算数（万元）"])
    assert funds[1:] == [
        ["专项资金", "570.00", "643.91", "112.97%"],
        ["    其中：年初预算安排", "270.40", "", ""],
        ["    其中：争取中央、省、市项目资金", "299.60", "", ""],
    ]
    assert ("专项资金：年初预算270.40万元，全年预算570.00万元（其中：年初预算安排270.40万元，争取中央、省、市项目资金299.60万元），"
            "全年实际支出643.91万元，执行率112.97%。") in _texts(data)


def test_yueyang_2016_balance_prints_beside_the_years_own(yueyang_evaluation):
    texts = _texts(generate.self_evaluation_report_docx(yueyang_evaluation))
    assert "结余资金：2016年末累计结余164.90万元，2017年当年结余83.62万元。" in texts


def test_yueyang_report_keeps_the_source_cover_and_score(yueyang_evaluation):
    data = generate.self_evaluation_report_docx(yueyang_evaluation)
    texts = _texts(data)
    assert "岳阳市财政局（制）" in texts and "报告日期：2018年6月10日" in texts
    quantitative = next(table for table in _tables(data) if table[0][0] == "一级指标")
    assert quantitative[-2][-1] == "98.00" and quantitative[-1][-1] == "优"


def test_yueyang_main_tasks_are_the_eight_of_the_source(yueyang_evaluation):
    data = generate.self_evaluation_report_docx(yueyang_evaluation)
    basics = next(table for table in _tables(data) if table[0][0] == "联系人")
    tasks = next(row for row in basics if row[0] == "年度主要工作内容")[1].split("\n")
    assert len(tasks) == 8 and tasks[0] == "任务1：深入实施创新驱动助力工程" and tasks[6] == "任务7：成功举办第七届中国湖泊论坛"
    assert basics[1] == ["人员编制", "共28人，其中：行编11人，事业编17人", "实有人数", "共28人，其中：行编13人，事业编15人"]
    [table] = _tables(generate.basic_table_docx(yueyang_evaluation))
    described = next(row for row in table if row[0] == "单位年度财政支出整体绩效目标总体描述")
    assert described[2].startswith("任务1：深入实施创新驱动助力工程")


# ---------------------------------------------------------------- Ganzhou 2018

@pytest.fixture
def ganzhou_evaluation(source_evaluations):
    return SelfEvaluation.objects.get(goal__unit_year__unit=source_evaluations["ganzhou"], goal__unit_year__fiscal_year=2018)


def test_ganzhou_gets_the_project_documents(ganzhou_evaluation):
    assert documents_for(ganzhou_evaluation) == ["report.docx", "project-table.xlsx", "project-table.docx", "report.pdf"]
    assert filename_for(ganzhou_evaluation, "report.docx") == "赣州市科学技术协会2018年度科普专项项目绩效自评报告.docx"
    assert filename_for(ganzhou_evaluation, "project-table.xlsx") == "赣州市科学技术协会2018年度科普专项项目支出绩效自评表.xlsx"


def test_ganzhou_report_reads_like_its_summary(ganzhou_evaluation):
    texts = _texts(generate.main_report_docx(ganzhou_evaluation))
    headings = [text for text in texts if re.match(r"^[一二三四五六]、", text)]
    assert headings == ["一、项目概况", "二、项目组织实施情况", "三、存在问题及建议", "四、项目自评结论及得分"]
    assert "科普专项：2018年预算安排200.00万元。" in texts
    assert any("项目内容完成率为70％以上" in text for text in texts)
    assert any(text.startswith("三是地方科协改革取得阶段性成果。全市18个县（市、区）") for text in texts)
    assert "一是部分项目规划实施内容较多，项目实施效果不理想，项目的示范效应不强。" in texts
    # No score and no grade where the summary states none.
    assert "本项目未设定量化绩效指标及分值，未计算得分和等级。" in texts
    joined = "\n".join(texts)
    assert "差" not in joined and "得分0" not in joined


def test_ganzhou_form_holds_its_budget_and_leaves_the_rest_empty(ganzhou_evaluation):
    [table] = _tables(generate.project_self_evaluation_docx(ganzhou_evaluation))
    money = next(row for row in table if row[1] == "年度资金总额")
    assert money[2:8] == ["200.00", "200.00", "", "", "", ""]
    assert next(row for row in table if row[0] == "总分")[7] == ""
    sheet = load_workbook(io.BytesIO(generate.project_self_evaluation_xlsx(ganzhou_evaluation))).active
    values = [cell.value for row in sheet.iter_rows() for cell in row]
    assert 200 in values and "差" not in values


# ---------------------------------------------------------------- what LibreOffice draws

def test_every_cell_of_a_workbook_names_the_chinese_face(ganzhou_evaluation, yueyang_evaluation):
    """A cell left in Calibri makes LibreOffice draw its Chinese with a Japanese fallback face."""
    for data in (generate.project_self_evaluation_xlsx(ganzhou_evaluation), generate.basic_table_xlsx(yueyang_evaluation)):
        sheet = load_workbook(io.BytesIO(data)).active
        faces = {cell.font.name for row in sheet.iter_rows() for cell in row if cell.value is not None}
        assert faces == {"宋体"}


def test_no_character_the_chinese_faces_lack(yueyang_evaluation):
    """The 基本情况表's formulas say "本年度三公经费 － 上年度": U+2212 has no glyph in the serif face."""
    data = generate.basic_table_docx(yueyang_evaluation)
    text = _all_text(data)
    assert "\u2212" not in text and "－" in text


# ---------------------------------------------------------------- 通报: 版记 on the last, even page

def _round_results(count):
    from decimal import Decimal

    return [SimpleNamespace(unit=SimpleNamespace(name=f"第{number}县科学技术协会"), rank=number, final_score=Decimal("80.50"),
                            vetoed=False, advanced=number <= 3) for number in range(1, count + 1)]


def test_colophon_goes_to_an_even_page_with_room_for_it():
    colophon = layout.Colophon(printer="某市科学技术协会办公室", printed_on="2018年12月2日")
    one_page = [layout.Paragraph("正文。")]
    assert layout.end_of_body(one_page) == (1, 1)
    # The body ends on page 1 (odd): one break, the 版记 on page 2.
    assert layout.colophon_breaks(one_page, colophon) == 1
    two_pages = one_page + [layout.PageBreak(), layout.Paragraph("第二页。")]
    assert layout.colophon_breaks(two_pages, colophon) == 0
    # Page 2 full: the 版记 cannot fit, so it goes to page 4 (page 3 left blank).
    full = one_page + [layout.PageBreak(), layout.Spacer(22)]
    assert layout.colophon_breaks(full, colophon) == 2


@pytest.mark.parametrize("counties", [6, 20, 30])
def test_notice_prints_its_colophon_at_the_foot_of_the_last_even_page(counties):
    if shutil.which("soffice") is None or shutil.which("pdftotext") is None:
        pytest.skip("未安装 LibreOffice 或 poppler-utils：请先运行 make document-deps")
    from datetime import datetime

    from jixiao.assessment import documents as notice

    issuer = SimpleNamespace(name="连云港市科学技术协会", display_name="连云港市科协")
    scheme = SimpleNamespace(year=2018, title="2018年度县（区）科协工作目标考核办法", document_number="连科协〔2018〕32号",
                             issuing_unit=issuer)
    round_ = SimpleNamespace(scheme=scheme, published_at=datetime(2019, 1, 15, 2, tzinfo=UTC), is_simulated=False)
    data = notice.notice_docx(round_, _round_results(counties))
    with tempfile.TemporaryDirectory() as work:
        with open(f"{work}/notice.docx", "wb") as handle:
            handle.write(data)
        subprocess.run(["soffice", f"-env:UserInstallation=file://{work}/profile", "--headless", "--convert-to", "pdf",
                        "--outdir", work, f"{work}/notice.docx"], check=True, capture_output=True, timeout=180)
        boxes = subprocess.run(["pdftotext", "-bbox", f"{work}/notice.pdf", "-"], capture_output=True, text=True,
                               check=True).stdout
    pages = boxes.split("<page ")[1:]
    assert len(pages) % 2 == 0, f"{len(pages)} 页"
    last = pages[-1]
    height = float(re.search(r'height="([\d.]+)"', last)[1])
    printed = [float(y) for y, word in re.findall(r'yMax="([\d.]+)">([^<]*)</word>', last) if "印发" in word]
    assert printed, "版记不在最后一页"
    # A4 with a 35 mm foot margin: the type area ends 99 pt above the paper's edge; the 版记's line is its last.
    assert height == pytest.approx(841.89, abs=1)
    assert height - 99.2 - 40 < printed[0] < height - 99.2 + 2
    assert all("印发" not in page for page in pages[:-1])


# ---------------------------------------------------------------- PDF of an approved version

def _snapshot(evaluation, version):
    from jixiao.documents.data import report_data
    from jixiao.documents.frozen import FORMAT, freeze

    return Snapshot.objects.create(evaluation=evaluation, version=version, action="approve", status=evaluation.status,
                                   data={"format": FORMAT, "report": freeze(report_data(evaluation, live=True))})


def test_pdf_of_an_approved_version_goes_through_the_queue(settings, tmp_path, monkeypatch, client_for, held_pdf_queue,
                                                          yueyang_reviewer, yueyang_evaluation):
    settings.MEDIA_ROOT = tmp_path
    _snapshot(yueyang_evaluation, 1)
    # After the approval the texts change: version 1 must still print what was approved.
    yueyang_evaluation.summary_text = "审核后改写的综述。"
    yueyang_evaluation.save()
    monkeypatch.setattr(generate, "soffice_path", lambda: "/usr/bin/soffice")
    converted = []

    def to_pdf(docx):
        converted.append("\n".join(_texts(docx)))
        return b"%PDF-1.4 version"

    monkeypatch.setattr(generate, "to_pdf", to_pdf)
    queued = held_pdf_queue.queued
    client = client_for(yueyang_reviewer)
    url = f"/documents/{yueyang_evaluation.pk}/report.pdf?version=1"
    page = client.get(url).content.decode()
    assert "正在生成 PDF" in page
    assert f'hx-get="/documents/{yueyang_evaluation.pk}/report.pdf/status?version=1"' in page
    assert queued == [(yueyang_evaluation.pk, queued[0][1], 1)]
    held_pdf_queue.run(0)
    assert "审核后改写的综述。" not in converted[0] and "（一）部门（单位）概况" in converted[0]
    status = client.get(f"/documents/{yueyang_evaluation.pk}/report.pdf/status?version=1").content.decode()
    assert "PDF 已生成" in status and "report.pdf?version=1" in status
    response = client.get(url)
    assert response.content == b"%PDF-1.4 version"
    assert "%EF%BC%88%E7%AC%AC1%E7%89%88%EF%BC%89.pdf" in response["Content-Disposition"]  # …（第1版）.pdf
    # The current report is another document, converted on its own.
    assert "正在生成 PDF" in client.get(f"/documents/{yueyang_evaluation.pk}/report.pdf").content.decode()
    assert len(queued) == 2 and queued[1][2] is None


def test_pdf_of_a_version_that_does_not_exist_is_404(settings, tmp_path, client_for, yueyang_reviewer, yueyang_evaluation):
    settings.MEDIA_ROOT = tmp_path
    client = client_for(yueyang_reviewer)
    assert client.get(f"/documents/{yueyang_evaluation.pk}/report.pdf?version=7").status_code == 404
    assert client.get(f"/documents/{yueyang_evaluation.pk}/report.pdf/status?version=7").status_code == 404


def test_versions_list_offers_every_document_of_the_version(client_for, yueyang_reviewer, yueyang_evaluation):
    _snapshot(yueyang_evaluation, 1)
    page = client_for(yueyang_reviewer).get(f"/documents/{yueyang_evaluation.pk}/").content.decode()
    for name in ("report.docx", "report.pdf", "basic-table.xlsx", "basic-table.docx"):
        assert f"{name}?version=1" in page


# ---------------------------------------------------------------- no figure broken across lines

def test_no_figure_of_the_narrative_breaks_across_lines_in_the_pdf(yueyang_evaluation):
    """Figures are Latin script in English (w:lang w:val): LibreOffice's Chinese line breaking once split "1003.30" as "1 / 003.30"."""
    if generate.soffice_path() is None or shutil.which("pdftotext") is None:
        pytest.skip("未安装 LibreOffice 或 poppler-utils：请先运行 make document-deps")
    docx = generate.self_evaluation_report_docx(yueyang_evaluation)
    figures = {figure for text in _texts(docx) if "万元" in text for figure in re.findall(r"\d+(?:\.\d+)?%?", text)}
    assert {"1003.30", "355.81", "158.39", "164.90", "112.97%"} <= figures
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(generate.to_pdf(docx))
        handle.flush()
        text = subprocess.run(["pdftotext", "-layout", handle.name, "-"], capture_output=True, text=True, check=True).stdout
    printed = set(re.findall(r"\d+(?:\.\d+)?%?", text))
    assert figures <= printed, sorted(figures - printed)


# ---------------------------------------------------------------- Jiangmen 2022

def test_jiangmen_report_prints_the_sub_lines_of_its_sub_lines(source_evaluations):
    """001: 科普活动 106.13 = 资助…60.20 + 本单位决算支出45.93; 学术交流活动 69.09 = 11.00 + 58.09."""
    evaluation = SelfEvaluation.objects.get(goal__unit_year__unit=source_evaluations["jiangmen"])
    data = generate.main_report_docx(evaluation)
    texts = _texts(data)
    assert ("1、科普活动：2022年预算安排155.00万元，年末实际支出106.13万元，预算执行率68.47%，其中，"
            "资助市本级财政单位项目及转移支付经费60.20万元，本单位决算支出45.93万元。") in texts
    assert any(text.startswith("2、学术交流活动：2022年预算安排101.00万元，年末实际支出69.09万元") and "11.00万元" in text
               and "58.09万元" in text for text in texts)
    [grid] = [table for table in _tables(data) if table[0][0] == "支出内容"]
    assert ["    其中：本单位决算支出", "", "58.09", ""] in grid
    assert grid[-1] == ["合计", "292.00", "195.10", "66.82%"]
    joined = "\n".join(texts)
    assert "单位自评得分95分，等次为“优秀”" in joined and "差" not in joined
