"""One figure everywhere: change a stored figure, then read the execution rate and the balance
back from every place a user sees them — the accounts page, the goal page, the monitoring view,
the score, the department indicators and each generated document. All must agree.

Yueyang 2017: the museum's 财政拨款收入 234.67 → 267.17 (+32.50) makes 收入合计 1119.41 while the
summary still states 1086.91 (the case of issue 10). That is more than rounding, so the parts' sum is
the figure: expenditure 1003.30 stays, the execution rate is 1003.30 ÷ 1119.41 = 89.627…% → 89.63 % and
the balance 1119.41 − 1003.30 = 116.11, on every screen and in every document, with a note that the
unit's table states 1086.91.
"""

import io
import re
from decimal import Decimal as D

from docx import Document
from openpyxl import load_workbook

from jixiao.accounts.models import Figure, SpecialFund, UnitYear
from jixiao.documents.generate import (
    basic_table_xlsx,
    project_self_evaluation_docx,
    project_self_evaluation_xlsx,
    self_evaluation_report_docx,
)
from jixiao.goals.department import department_indicators
from jixiao.goals.domain import execution_of
from jixiao.goals.scoring import score_goal


def _docx_text(data):
    document = Document(io.BytesIO(data))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([paragraph.text for paragraph in document.paragraphs] + cells)


def _xlsx_rows(data):
    return [list(row) for row in load_workbook(io.BytesIO(data), data_only=True).active.iter_rows(values_only=True)]  # cached values, as Excel shows them


def _row(rows, text, column=0):
    return next(row for row in rows if row[column] == text)


def _derived(html):
    return dict(re.findall(r'data-derived="(\w+)"><td class="label">[^<]*</td><td class="value">([^<]*)<', html))


def test_a_changed_yueyang_figure_reads_the_same_everywhere(client_for, yueyang_filler, yueyang_evaluation, source_evaluations):
    museum = UnitYear.objects.get(unit=source_evaluations["yueyang_museum"], fiscal_year=2017)
    Figure.objects.filter(unit_year=museum, line="income_fiscal").update(amount=D("267.17"))
    goal = yueyang_evaluation.goal
    unit_year = goal.unit_year
    client = client_for(yueyang_filler)

    accounts_page = client.get(f"/accounts/{unit_year.unit_id}/2017/").content.decode()
    derived = _derived(accounts_page)
    assert (derived["execution_overall"], derived["balance_current"]) == ("89.63%", "116.11 万元")
    # The unit's stated total stays visible beside the figure used.
    assert "岳阳市科协收入合计按各分项合计 1119.41 万元，单位所列为 1086.91 万元（差 -32.50，须更正）" in accounts_page

    goal_page = client.get(f"/goals/{unit_year.unit_id}/2017/{goal.pk}/").content.decode()
    assert re.search(r'data-testid="rate">89.63%<', goal_page)
    monitoring = client.get(f"/goals/{unit_year.unit_id}/2017/{goal.pk}/monitoring/").content.decode()
    assert re.search(r'data-figure="execution_rate">89.63%<', monitoring)
    assert re.search(r'data-figure="budget">1119.41<', monitoring)

    rate = execution_of(goal)[2]
    assert rate == D("89.63")
    assert score_goal(goal, rate).execution_rate == D("89.63")

    indicators = {row.code: row for row in department_indicators(unit_year)}
    assert indicators["budget_completion_rate"].value == D("89.63")
    assert "年末结转结余 116.11" in indicators["carry_over_rate"].formula_text

    report = _docx_text(self_evaluation_report_docx(yueyang_evaluation))
    assert "整体预算执行率89.63%，当年结余116.11万元" in report
    assert "92.31%" not in report and "83.62" not in report.split("注：")[0]
    assert "收入合计按各分项合计 1119.41 万元，单位所列为 1086.91 万元（差 -32.50，须更正）" in report

    basic = _xlsx_rows(basic_table_xlsx(yueyang_evaluation))
    assert _row(basic, "预算完成率", column=1)[5] == 0.8963
    assert D(str(basic[basic.index(_row(basic, "收入合计")) + 1][0])) == D("1119.41")


def test_a_changed_fund_figure_reads_the_same_everywhere(client_for, lishui_filler, lishui_talent_evaluation):
    goal = lishui_talent_evaluation.goal
    child = SpecialFund.objects.get(unit_year=goal.unit_year, name="绿谷新秀入选及考核奖励")
    child.actual = D("10.50")  # 43.10 → 40.10 spent of 43.22: 92.781…% → 92.78 %
    child.save()
    unit_year = goal.unit_year
    client = client_for(lishui_filler)

    accounts_page = client.get(f"/accounts/{unit_year.unit_id}/{unit_year.fiscal_year}/").content.decode()
    assert re.search(r'<td class="label">人才发展专项执行率</td><td class="value">92.78%<', accounts_page)
    goal_page = client.get(f"/goals/{unit_year.unit_id}/{unit_year.fiscal_year}/{goal.pk}/").content.decode()
    assert re.search(r'data-testid="rate">92.78%<', goal_page)
    monitoring = client.get(f"/goals/{unit_year.unit_id}/{unit_year.fiscal_year}/{goal.pk}/monitoring/").content.decode()
    assert re.search(r'data-figure="execution_rate">92.78%<', monitoring)
    score = score_goal(goal, execution_of(goal)[2])
    assert score.execution_rate == D("92.78") and score.execution_score == D("9.28")
    assert "预算执行率 92.78% × 10分 = 9.28分" in score.explanation

    project = _xlsx_rows(project_self_evaluation_xlsx(lishui_talent_evaluation))
    money = _row(project, "年度资金总额", column=1)
    assert (D(str(money[4])), money[6]) == (D("40.1"), 0.9278)
    docx_money = next(row for row in (
        [cell.text for cell in r.cells] for r in Document(io.BytesIO(project_self_evaluation_docx(lishui_talent_evaluation))).tables[0].rows
    ) if row[1] == "年度资金总额")
    assert (docx_money[4], docx_money[6]) == ("40.10", "92.78%")  # points and score stay blank: this goal has none to add up

    basic = _xlsx_rows(basic_table_xlsx(lishui_talent_evaluation))
    talent = _row(basic, "人才发展专项", column=1)
    assert talent[4] == 0.9278
