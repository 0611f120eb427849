"""项目支出绩效自评表 (MoF layout) and 基本情况表 (002 附件), as .docx and .xlsx.

Lishui 2020 (002): 人才发展专项 planned 60 academicians and got 30 for rest and
study plus 13 at the summit; its money 27.00 + 13.62 + 2.60 = 43.22 budgeted,
27.00 + 13.50 + 2.60 = 43.10 spent.
"""

import io
from decimal import Decimal

from docx import Document
from openpyxl import load_workbook

from jixiao.documents.generate import (
    basic_table_docx,
    basic_table_xlsx,
    project_self_evaluation_docx,
    project_self_evaluation_xlsx,
)


def _docx_rows(data):
    [table] = Document(io.BytesIO(data)).tables
    return [[cell.text for cell in row.cells] for row in table.rows]


def _xlsx_rows(data):
    sheet = load_workbook(io.BytesIO(data), data_only=True).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def _row(rows, first_text, column=0):
    return next(row for row in rows if row[column] == first_text)


def test_lishui_talent_project_table_shows_60_planned_against_43_actual(lishui_talent_evaluation):
    rows = _docx_rows(project_self_evaluation_docx(lishui_talent_evaluation))
    academicians = _row(rows, "邀请院士来丽疗休养和参加“人才科技”峰会", column=3)
    assert academicians[4:6] == ["≥60名", "43名"]
    # Nothing typed for the deviation: the cell is empty, not a prompt of the product.
    assert academicians[8] == ""
    money = _row(rows, "年度资金总额", column=1)
    # Lishui's indicators carry no points: no 总分; the money part alone is scored, as on the goal page
    # (MoF: 10 × 99.72 % = 9.97).
    assert money[2:8] == ["43.22", "43.22", "43.10", "10.00", "99.72%", "9.97"]
    assert _row(rows, "绿谷新秀届满考核", column=3)[4:6] == ["=27人", "27人"]
    assert rows[-2][0] == "总分" and rows[-1][0] == "等级"
    assert rows[-2][7] == "" and rows[-1][6] == ""


def test_project_table_workbook_holds_the_same_figures_as_numbers(lishui_talent_evaluation):
    rows = _xlsx_rows(project_self_evaluation_xlsx(lishui_talent_evaluation))
    academicians = _row(rows, "邀请院士来丽疗休养和参加“人才科技”峰会", column=3)
    assert academicians[4:6] == ["≥60名", "43名"]
    money = _row(rows, "年度资金总额", column=1)
    assert [Decimal(str(value)) for value in money[2:5]] == [Decimal("43.22"), Decimal("43.22"), Decimal("43.1")]
    # 执行率 is a formula whose cached value a viewer without recalculation shows.
    assert money[6] == 0.9972
    assert _row(rows, "绿谷新秀届满考核", column=3)[4] == "=27人"
    assert _row(rows, "总分")[7] is None


def test_project_table_workbook_computes_rate_score_and_total_with_formulas(lishui_talent_evaluation):
    """Points set on every indicator: 执行率, its 得分 and the 总分 are Excel formulas with the product's values cached."""
    for indicator in lishui_talent_evaluation.goal.indicators.all():
        indicator.points = Decimal("30")
        indicator.save()
    data = project_self_evaluation_xlsx(lishui_talent_evaluation)
    formulas = load_workbook(io.BytesIO(data)).active
    cached = load_workbook(io.BytesIO(data), data_only=True).active
    money_row = next(row[0].row for row in formulas.iter_rows() if row[1].value == "年度资金总额")
    rate, score = formulas.cell(money_row, 7), formulas.cell(money_row, 8)
    budget, spent = formulas.cell(money_row, 4).coordinate, formulas.cell(money_row, 5).coordinate
    assert rate.value == f'=IF(N({budget})=0,"",ROUND({spent}/{budget},4))'
    assert score.value == f"=ROUND({formulas.cell(money_row, 6).coordinate}*MAX(0,MIN(1,N({rate.coordinate}))),2)"
    assert cached.cell(money_row, 7).value == 0.9972 and cached.cell(money_row, 8).value == 9.97
    total_row = next(row[0].row for row in formulas.iter_rows() if row[0].value == "总分")
    assert formulas.cell(total_row, 8).value.startswith(f"=SUM({score.coordinate},")
    docx_total = _row(_docx_rows(project_self_evaluation_docx(lishui_talent_evaluation)), "总分")[7]
    assert f"{Decimal(str(cached.cell(total_row, 8).value)):.2f}" == docx_total
    # Protected sheet: formulas and labels locked, the figures a clerk types unlocked.
    assert formulas.protection.sheet and not formulas.protection.password
    assert rate.protection.locked and score.protection.locked
    assert not formulas.cell(money_row, 5).protection.locked
    assert formulas.page_setup.orientation == "landscape" and formulas.sheet_properties.pageSetUpPr.fitToPage
    assert formulas.page_setup.fitToHeight == 0 and formulas.print_area


def test_lishui_basic_table_as_in_the_appendix_of_002(lishui_talent_evaluation):
    rows = _docx_rows(basic_table_docx(lishui_talent_evaluation))
    assert _row(rows, "评价联系人")[1] == "雷珍" and _row(rows, "评价联系人")[4] == "2056053"
    assert _row(rows, "人员编制数")[1] == "6" and _row(rows, "人员编制数")[4] == "9"
    income_header = rows.index(_row(rows, "收入合计"))
    assert rows[income_header + 1][:3] == ["679.41", "9.43", "669.98"]
    expenditure_header = rows.index(_row(rows, "支出合计"))
    assert rows[expenditure_header + 1][:6] == ["658.77", "448.17", "338.42", "109.75", "210.60", "0.00"]
    talent = _row(rows, "人才发展专项", column=1)
    assert talent[2:5] == ["43.22", "43.10", "99.72%"]
    assert "邀请院士来丽疗休养和参加“人才科技”峰会：≥60名" in talent[5]
    assert "邀请院士来丽疗休养和参加“人才科技”峰会：43名" in talent[6]
    assert _row(rows, "三公经费控制率", column=1)[5] == "79.46%"
    assert _row(rows, "在职人员控制率", column=1)[5] == "150.00%"


def test_yueyang_basic_table_workbook_has_the_accounts_and_department_indicators(yueyang_evaluation):
    rows = _xlsx_rows(basic_table_xlsx(yueyang_evaluation))
    income_header = rows.index(_row(rows, "收入合计"))
    assert [Decimal(str(value)) for value in rows[income_header + 1][:3]] == [
        Decimal("1086.91"), Decimal("158.39"), Decimal("825.52")]
    expenditure_header = rows.index(_row(rows, "支出合计"))
    assert [Decimal(str(value)) for value in rows[expenditure_header + 1][:5]] == [
        Decimal("1003.3"), Decimal("359.39"), Decimal("355.81"), Decimal("3.58"), Decimal("643.91")]
    # 三公经费控制率 15.25 ÷ 36.75 and 固定资产利用率 1086.47 ÷ 1086.47, from the accounts alone.
    assert _row(rows, "三公经费控制率", column=1)[5] == 0.415
    assert _row(rows, "固定资产利用率", column=1)[5] == 1
    assert _row(rows, "在职人员控制率", column=1)[5] == 1


def _overlaps(data):
    ranges = list(load_workbook(io.BytesIO(data)).active.merged_cells.ranges)
    cells = [set(cell for row in merged.rows for cell in row) for merged in ranges]
    return [(str(a), str(b)) for i, a in enumerate(ranges) for j, b in enumerate(ranges) if i < j and cells[i] & cells[j]]


def test_workbooks_merge_cells_without_overlaps(yueyang_evaluation, lishui_talent_evaluation):
    # Overlapping merged ranges make Excel refuse to open a workbook.
    for data in (basic_table_xlsx(yueyang_evaluation), project_self_evaluation_xlsx(lishui_talent_evaluation)):
        assert _overlaps(data) == []
    sheet = load_workbook(io.BytesIO(project_self_evaluation_xlsx(lishui_talent_evaluation))).active
    label = next(cell for row in sheet.iter_rows() for cell in row if cell.value == "项目资金（万元）")
    merged = next(r for r in sheet.merged_cells.ranges if label.coordinate in r)
    assert (merged.max_row - merged.min_row + 1, merged.max_col - merged.min_col + 1) == (5, 1)


def test_a_clerks_text_starting_with_equals_stays_text_in_the_project_workbook(lishui_talent_evaluation):
    from tests.test_spreadsheets import assert_text_cell

    indicator = lishui_talent_evaluation.goal.indicators.first()
    indicator.deviation_reason = "=1+1"
    indicator.save()
    data = project_self_evaluation_xlsx(lishui_talent_evaluation)
    assert_text_cell(data, "=1+1")
    assert_text_cell(data, "=27人")
