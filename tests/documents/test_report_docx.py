"""The Yueyang 2017 self-evaluation report, generated and read back with python-docx.

Every figure below is typed from 003_dba0adaa812d8fb7.txt (岳阳市科协 2017 自评报告).
"""

import io
import re
from decimal import Decimal

from docx import Document

from jixiao.documents.generate import self_evaluation_report_docx


def _read(evaluation):
    return Document(io.BytesIO(self_evaluation_report_docx(evaluation)))


def _rows(table):
    return [[cell.text for cell in row.cells] for row in table.rows]


def _table(document, first_cell_text, column=0):
    for table in document.tables:
        if any(row.cells[column].text == first_cell_text for row in table.rows):
            return _rows(table)
    raise AssertionError(f"no table with {first_cell_text}")


def _table_with_header(document, header):
    for table in document.tables:
        rows = _rows(table)
        if any(header in row for row in rows[:2]):
            return rows
    raise AssertionError(f"no table with header {header}")


def test_cover_block_names_the_unit_its_budget_code_and_the_way_it_was_evaluated(yueyang_evaluation):
    text = "\n".join(paragraph.text for paragraph in _read(yueyang_evaluation).paragraphs)
    assert "2017年度部门（单位）整体支出" in text
    assert "部门(单位)名称：岳阳市科学技术协会" in text
    assert "预 算 编 码：107001" in text
    assert "评价方式：岳阳市科学技术协会绩效自评" in text
    assert re.search(r"报告日期：\d{4}年\d{1,2}月\d{1,2}日", text)


def test_basic_facts_table_carries_contact_staff_and_duties(yueyang_evaluation):
    rows = _table(_read(yueyang_evaluation), "联系人")
    assert rows[0] == ["联系人", "厉思嘉", "联络电话", "8634551"]
    assert rows[1] == ["人员编制", "共28人，其中：行编11人，事业编17人", "实有人数", "共28人，其中：行编13人，事业编15人"]
    assert rows[2][1].startswith("岳阳市科学技术协会的主要职能有：1、开展学术交流")


def test_income_table_by_sub_unit_equals_the_document(yueyang_evaluation):
    rows = _table_with_header(_read(yueyang_evaluation), "公共财政拨款")
    assert rows[2:] == [
        ["机关及二级机构汇总", "1086.91", "158.39", "825.52", "", "", "103.00"],
        ["1、科协机关", "606.77", "22.70", "507.07", "", "", "77.00"],
        ["2、科技活动管理中心", "132.77", "37.99", "83.78", "", "", "11.00"],
        ["3、科技馆", "347.37", "97.70", "234.67", "", "", "15.00"],
    ]


def test_expenditure_table_prints_the_units_own_summary_row(yueyang_evaluation):
    # The summary row is the document's own (359.39, 643.91, 83.62), not the sub-units'
    # sums (359.40, 643.90, 83.61): the accounts checks flag that rounding, the report
    # reproduces what the unit reports.
    rows = _table_with_header(_read(yueyang_evaluation), "其中：人员支出")
    assert rows[2:] == [
        ["机关及二级机构汇总", "1003.30", "359.39", "355.81", "3.58", "643.91", "83.62", ""],
        ["1、科协机关", "601.62", "283.54", "279.96", "3.58", "318.08", "5.15", ""],
        ["2、科技活动管理中心", "110.47", "23.88", "23.88", "", "86.59", "22.30", ""],
        ["3、科技馆", "291.21", "51.98", "51.98", "", "239.23", "56.16", ""],
    ]


def test_sangong_and_fixed_asset_tables_equal_the_document(yueyang_evaluation):
    document = _read(yueyang_evaluation)
    assert _table_with_header(document, "公务接待费")[2:] == [
        ["机关及二级机构汇总", "15.25", "11.68", "3.57", "", ""],
        ["1、科协机关", "11.86", "9.55", "2.31", "", ""],
        ["2、科技活动管理中心", "1.21", "1.21", "", "", ""],
        ["3、科技馆", "2.18", "0.92", "1.26", "", ""],
    ]
    assert _table_with_header(document, "在用固定资产")[2:] == [
        ["机关及二级机构汇总", "1086.47", "1086.47", "", ""],
        ["1、科协机关", "890.73", "890.73", "", ""],
        ["2、科技活动管理中心", "46.41", "46.41", "", ""],
        ["3、科技馆", "149.33", "149.33", "", ""],
    ]


def test_self_evaluation_tables_score_98_excellent(yueyang_evaluation):
    document = _read(yueyang_evaluation)
    qualitative = _table_with_header(document, "预期目标")
    assert len(qualitative) == 7
    assert qualitative[1][0] == "目标1：开展“基层科普行动计划”活动，加强科普阵地建设"
    quantitative = _table_with_header(document, "三级指标")
    assert quantitative[0] == ["一级指标", "二级指标", "三级指标", "绩效目标", "完成情况", "分值", "得分"]
    assert ["产出指标", "数量指标", "举办主题科普活动", "5-10场次", "100%", "4.00", "4.00"] in quantitative
    assert quantitative[-3][0] == "效益指标" and quantitative[-3][-3:] == ["95%", "20.00", "19.00"]
    assert quantitative[-2][-2:] == ["100.00", "98.00"] and quantitative[-2][0] == "绩效自评综合得分"
    assert quantitative[-1][0] == "评价等次" and quantitative[-1][-1] == "优"


def test_team_table_lists_the_evaluation_team(yueyang_evaluation):
    rows = _table_with_header(_read(yueyang_evaluation), "职务/职称")
    assert rows[1:] == [
        ["唐慧", "党组成员、副主席", "市科协", ""],
        ["兰岚", "办公室主任", "市科协", ""],
        ["黄虹", "学会部部长", "市科协", ""],
        ["蔡翔", "普及部部长", "市科协", ""],
        ["厉思嘉", "办公室副主任", "市科协", ""],
    ]


def _analysis(document):
    return next(p.text for p in document.paragraphs if p.text.startswith("1、部门整体支出情况分析"))


def test_generated_analysis_paragraph_agrees_with_the_tables(yueyang_evaluation):
    document = _read(yueyang_evaluation)
    text = _analysis(document)
    assert "整体支出1003.30万元，其中：基本支出359.39万元，占总支出的35.82%" in text
    assert "项目支出643.91万元，占总支出的64.18%" in text
    summary = _table_with_header(document, "其中：人员支出")[2]
    total, basic, personnel, office, project = (Decimal(summary[index]) for index in (1, 2, 3, 4, 5))
    amounts = [Decimal(figure) for figure in re.findall(r"(\d+\.\d\d)万元", text)]
    assert amounts[:5] == [total, basic, personnel, office, project]
    shares = [Decimal(figure) for figure in re.findall(r"(\d+\.\d\d)%", text)[:4]]
    assert shares == [
        (basic * 100 / total).quantize(Decimal("0.01")),
        (personnel * 100 / basic).quantize(Decimal("0.01")),
        (office * 100 / basic).quantize(Decimal("0.01")),
        (project * 100 / total).quantize(Decimal("0.01")),
    ]
    sangong = next(p.text for p in document.paragraphs if p.text.startswith("2、三公经费支出情况分析"))
    assert "预算36.75万元，实际开支15.25万元，节约预算21.50万元，三公经费控制率41.50%；比上年18.55万元节约3.30万元" in sangong


def test_edited_analysis_text_replaces_the_generated_one(yueyang_evaluation):
    yueyang_evaluation.analysis_text = "2017年市科协整体支出1003.3万元，其中基本支出359.39万元，占总支出的36%。"
    yueyang_evaluation.save()
    texts = [p.text for p in _read(yueyang_evaluation).paragraphs]
    assert yueyang_evaluation.analysis_text in texts
    assert not any(text.startswith("1、部门整体支出情况分析") for text in texts)
