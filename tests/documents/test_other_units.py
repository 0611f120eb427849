"""Documents of units that differ from Yueyang: no sub-units (Lishui), no indicators (Jiangmen), edited summaries."""

import io

from docx import Document

from jixiao.documents.generate import project_self_evaluation_docx, self_evaluation_report_docx
from jixiao.evaluations.models import SelfEvaluation


def _tables(data):
    return [[[cell.text for cell in row.cells] for row in table.rows] for table in Document(io.BytesIO(data)).tables]


def _texts(data):
    return [paragraph.text for paragraph in Document(io.BytesIO(data)).paragraphs]


def test_unit_without_sub_units_has_one_row_per_table(source_evaluations):
    evaluation = SelfEvaluation.objects.get(goal__unit_year__unit=source_evaluations["lishui"], goal__name="2020年度部门整体支出")
    data = self_evaluation_report_docx(evaluation)
    income = next(table for table in _tables(data) if table[1][2:4] == ["上年结转", "公共财政拨款"])
    assert income[2:] == [["丽水市科协", "679.41", "9.43", "669.98", "", "", ""]]
    texts = _texts(data)
    assert "1、部门整体支出情况分析：2020年丽水市科协整体支出658.77万元，其中：基本支出448.17万元，占总支出的68.03%（人员支出338.42万元，占基本支出的75.51%；公用支出109.75万元，占基本支出的24.49%），项目支出210.60万元，占总支出的31.97%。全年收入合计679.41万元，其中上年结转9.43万元，财政拨款669.98万元。整体预算执行率96.96%，当年结余20.64万元。" in texts
    # Lishui's four problems and measures (002 三、四) close the summary.
    assert any(text.startswith("一是进一步完善单位内部控制") for text in texts)
    assert "四是市科协较注重支出的完成率，对支出以后取得的财政支出效果，未进行跟踪评价。" in texts


def test_project_without_points_prints_its_stated_score_not_an_invented_one(source_evaluations):
    """Jiangmen's indicators carry no points: no indicator is scored and the form prints the stated 95 优秀, marked so;
    the money part alone is scored under the goal's scheme (MoF: 10 × 66.82 % = 6.68)."""
    evaluation = SelfEvaluation.objects.get(goal__unit_year__unit=source_evaluations["jiangmen"])
    data = project_self_evaluation_docx(evaluation)
    [table] = _tables(data)
    money = next(row for row in table if row[1] == "年度资金总额")
    assert money[3:5] == ["292.00", "195.10"] and money[6] == "66.82%"
    # The execution part needs no indicator points: its 分值 and 得分 are printed; the total is not computed.
    assert money[5] == "10.00" and money[7] == "6.68"
    total = next(row for row in table if row[0] == "总分")
    assert total[7] == "95.00"
    grade = next(row for row in table if row[0] == "等级")
    assert grade[6] == "优秀"
    assert "差" not in {cell for row in table for cell in row}
    assert "注：本表绩效指标未设定分值，总分95分、等级“优秀”为单位自评报告所报，未按指标逐项计分。" in _texts(data)


def test_edited_summary_replaces_the_generated_overview(yueyang_evaluation):
    yueyang_evaluation.summary_text = "市科协是市委领导下的人民团体。\n其预算机构包括机关本级和下属二级机构。"
    yueyang_evaluation.save()
    texts = _texts(self_evaluation_report_docx(yueyang_evaluation))
    assert "市科协是市委领导下的人民团体。" in texts and "其预算机构包括机关本级和下属二级机构。" in texts
    assert "一、部门（单位）概况" not in texts
    # The analysis is still generated from the data while its own text is empty.
    assert any(text.startswith("1、部门整体支出情况分析：2017年岳阳市科协整体支出1003.30万元") for text in texts)
