"""Indicator frameworks as data: the 2020 three classes, the 2021 four classes with 成本, required fields.

Jiangmen 2022 (a project of 科学技术普及支出, 001) sets its indicators under the 2021 framework: a cost
indicator (成本指标 / 经济成本指标, ≤, lower is better) is offered, scored within 产出's 50 points of the
MoF 2020 scheme and printed in the 项目支出绩效自评表 under its own level-1 class.
"""

import io
import re
from decimal import Decimal

import pytest
from docx import Document
from openpyxl import load_workbook

from jixiao.checks.models import Finding
from jixiao.checks.queries import active
from jixiao.documents.generate import project_self_evaluation_docx, project_self_evaluation_xlsx
from jixiao.goals import rulesets
from jixiao.goals.frameworks import FrameworkRules, parse_classes
from jixiao.goals.models import Goal, GoalKind, Indicator
from jixiao.goals.scoring import score_goal
from jixiao.units.models import Role, RoleKind

D = Decimal
FRAMEWORK_2021 = "2021年四类指标体系（成本、产出、效益、满意度）"
FRAMEWORK_2020 = "2020年三类指标体系（产出、效益、满意度）"


@pytest.fixture
def jiangmen_goal(source_evaluations):
    return Goal.objects.get(unit_year__unit=source_evaluations["jiangmen"])


@pytest.fixture
def jiangmen_filler(jiangmen_goal, django_user_model):
    person = django_user_model.objects.create_user("jiangmen_filler")
    Role.objects.create(user=person, unit=jiangmen_goal.unit_year.unit, kind=RoleKind.FILLER)
    return person


def new_indicator_url(goal):
    return f"/goals/{goal.unit_year.unit_id}/{goal.unit_year.fiscal_year}/{goal.pk}/indicators/new/"


def indicator_post(**values):
    post = {"operator": ">=", "formula": "全年实际完成数", "value_basis": "plan", "value_explanation": "按年度计划确定"}
    post.update(values)
    return post


# --- which framework applies ------------------------------------------------------------------------

def test_2022_goals_use_the_2021_framework_and_earlier_ones_the_2020_framework(source_evaluations):
    jiangmen = Goal.objects.get(unit_year__unit=source_evaluations["jiangmen"])
    lishui = Goal.objects.filter(unit_year__unit=source_evaluations["lishui"]).first()
    yueyang = Goal.objects.get(unit_year__unit=source_evaluations["yueyang"])
    rules_2021 = rulesets.framework_rules_of(jiangmen)
    assert rules_2021.name == FRAMEWORK_2021
    assert rules_2021.classes == (
        ("成本指标", ("经济成本指标", "社会成本指标", "生态环境成本指标")),
        ("产出指标", ("数量指标", "质量指标", "时效指标")),
        ("效益指标", ("经济效益指标", "社会效益指标", "生态效益指标")),
        ("满意度指标", ("服务对象满意度指标",)),
    )
    assert rules_2021.required == ("formula", "value_basis", "value_explanation")
    assert rulesets.framework_rules_of(lishui).name == FRAMEWORK_2020
    assert rulesets.framework_rules_of(lishui).level1_names == ("产出指标", "效益指标", "满意度指标")
    # Hunan's form prints satisfaction as a level-2 of 效益: the 2020 framework keeps it there.
    assert "满意度指标" in rulesets.framework_rules_of(yueyang).level2_names("效益指标")


def test_unknown_classes_are_refused_with_the_frameworks_own_words():
    rules = FrameworkRules(FRAMEWORK_2021, (("成本指标", ("经济成本指标",)), ("产出指标", ("数量指标",))))
    assert rules.class_errors("成本指标", "经济成本指标") == {}
    assert rules.class_errors("可持续发展指标", "") == {
        "level1": f"一级指标“可持续发展指标”不在《{FRAMEWORK_2021}》中，可选：成本指标、产出指标"}
    assert rules.class_errors("产出指标", "成本指标") == {
        "level2": f"二级指标“成本指标”不属于《{FRAMEWORK_2021}》的产出指标，可选：数量指标"}


def test_classes_are_typed_one_level1_per_line():
    classes, errors = parse_classes("成本指标：经济成本指标、社会成本指标\n\n产出指标: 数量指标，质量指标")
    assert classes == (("成本指标", ("经济成本指标", "社会成本指标")), ("产出指标", ("数量指标", "质量指标")))
    assert errors == []
    assert parse_classes("成本指标")[1] == ["第1行“成本指标”请写成“一级指标：二级指标、二级指标”"]
    assert parse_classes("产出指标：数量指标\n产出指标：质量指标")[1] == ["第2行：一级指标“产出指标”重复"]
    assert parse_classes("")[1] == ["至少需要一个一级指标"]


# --- the indicator form -----------------------------------------------------------------------------

def test_the_form_offers_the_2021_classes_and_refuses_others_in_chinese(client_for, jiangmen_filler, jiangmen_goal):
    client = client_for(jiangmen_filler)
    page = client.get(new_indicator_url(jiangmen_goal)).content.decode()
    assert f"指标体系</a>：{FRAMEWORK_2021}" in page
    assert '<option value="经济成本指标">经济成本指标</option>' in page
    assert "计算公式（必填）" in page
    response = client.post(new_indicator_url(jiangmen_goal), indicator_post(
        level1="产出指标", level2="成本指标", name="讲座成本", target="0.5", unit_of_measure="万元/场", points="10"))
    assert response.status_code == 400
    assert (f"二级指标“成本指标”不属于《{FRAMEWORK_2021}》的产出指标，可选：数量指标、质量指标、时效指标"
            in response.content.decode())
    response = client.post(new_indicator_url(jiangmen_goal), indicator_post(
        level1="可持续发展指标", level2="长效机制", name="长效机制", operator="qualitative"))
    assert response.status_code == 400
    assert f"一级指标“可持续发展指标”不在《{FRAMEWORK_2021}》中，可选：成本指标、产出指标、效益指标、满意度指标" in response.content.decode()
    response = client.post(new_indicator_url(jiangmen_goal), {
        "level1": "成本指标", "level2": "经济成本指标", "name": "单场讲座成本", "operator": "<=", "target": "0.5",
        "unit_of_measure": "万元/场", "points": "20"})
    page = response.content.decode()
    assert response.status_code == 400
    for label in ("计算公式", "取值依据", "指标值解释"):
        assert f"《{FRAMEWORK_2021}》要求填写{label}" in page
    assert not jiangmen_goal.indicators.exists()


def test_a_2020_goal_is_not_offered_cost_as_a_level1(client_for, source_evaluations, django_user_model):
    goal = Goal.objects.get(unit_year__unit=source_evaluations["lishui"], kind=GoalKind.PROJECT, name="人才发展专项")
    filler = django_user_model.objects.create_user("lishui_filler")
    Role.objects.create(user=filler, unit=source_evaluations["lishui"], kind=RoleKind.FILLER)
    response = client_for(filler).post(new_indicator_url(goal), {
        "level1": "成本指标", "level2": "经济成本指标", "name": "人均成本", "operator": "<=", "target": "1",
        "unit_of_measure": "万元", "points": "5"})
    assert response.status_code == 400
    assert f"一级指标“成本指标”不在《{FRAMEWORK_2020}》中，可选：产出指标、效益指标、满意度指标" in response.content.decode()


# --- a cost indicator, scored and printed ----------------------------------------------------------

COST_GOAL = [
    # level1, level2, name, operator, target, unit, points, actual
    ("产出指标", "数量指标", "科普讲座场次", ">=", "20", "场", "30", "22"),
    ("成本指标", "经济成本指标", "单场讲座成本", "<=", "0.5", "万元/场", "20", "0.55"),
    ("效益指标", "社会效益指标", "受众人次", ">=", "5000", "人次", "30", "6000"),
    ("满意度指标", "服务对象满意度指标", "受众满意率", ">=", "90", "%", "10", "95"),
]


@pytest.fixture
def cost_goal(client_for, jiangmen_filler, jiangmen_goal):
    """The Jiangmen project's indicators typed as a clerk does: through the form, then the actuals on the goal page."""
    client = client_for(jiangmen_filler)
    for level1, level2, name, operator, target, unit, points, _ in COST_GOAL:
        response = client.post(new_indicator_url(jiangmen_goal), indicator_post(
            level1=level1, level2=level2, name=name, operator=operator, target=target, unit_of_measure=unit, points=points,
            formula="讲座总成本 ÷ 讲座场次" if level1 == "成本指标" else "全年实际完成数",
            reference_value="0.6万元/场" if level1 == "成本指标" else ""))
        assert response.status_code == 302, response.content.decode()[:2000]
    jiangmen_goal.refresh_from_db()
    actuals = {f"i-{Indicator.objects.get(goal=jiangmen_goal, name=row[2]).pk}-actual": row[7] for row in COST_GOAL}
    page = f"/goals/{jiangmen_goal.unit_year.unit_id}/2022/{jiangmen_goal.pk}/"
    assert client.post(page, {**actuals, "revision": jiangmen_goal.revision}).status_code == 302
    jiangmen_goal.refresh_from_db()
    return jiangmen_goal


def test_a_cost_indicator_is_scored_within_output_points_reverse(cost_goal):
    cost = Indicator.objects.get(goal=cost_goal, name="单场讲座成本")
    assert (cost.formula, cost.value_basis, cost.reference_value) == ("讲座总成本 ÷ 讲座场次", "plan", "0.6万元/场")
    result = score_goal(cost_goal, D("66.82"))
    scored = result.indicator(str(cost.pk))
    # ≤ missed: target ÷ actual × points (MoF 2020's reverse rule).
    assert scored.score == D("18.18")
    assert scored.explanation == "实际 0.55 超过目标：目标 0.5 ÷ 实际 0.55 × 20.00分 = 18.18分"
    output = result.category("产出指标")
    assert output.scheme_points == D("50") and output.subtotal == D("48.18")  # 30 + 18.18
    assert not result.errors
    assert result.total == D("6.68") + D("48.18") + D("30") + D("10")
    # The goal checks count 成本 within 产出 too: no "分值合计与评分办法不符".
    findings = active(Finding.objects.filter(unit=cost_goal.unit_year.unit, fiscal_year=2022, rule_code="points.items_sum"))
    assert not findings.exists()


def test_the_self_evaluation_table_prints_the_cost_indicator_under_its_own_class(cost_goal):
    evaluation = cost_goal.evaluation
    [table] = Document(io.BytesIO(project_self_evaluation_docx(evaluation))).tables
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    cost = next(row for row in rows if row[3] == "单场讲座成本")
    assert cost[1:9] == ["成本指标", "经济成本指标", "单场讲座成本", "≤0.5万元/场", "0.55万元/场", "20.00", "18.18", ""]
    output = next(row for row in rows if row[3] == "科普讲座场次")
    assert output[1:8] == ["产出指标", "数量指标", "科普讲座场次", "≥20场", "22场", "30.00", "30.00"]
    sheet = load_workbook(io.BytesIO(project_self_evaluation_xlsx(evaluation)), data_only=True).active
    values = [list(row) for row in sheet.iter_rows(values_only=True)]
    cost_row = next(row for row in values if "单场讲座成本" in row)
    assert "成本指标" in cost_row and "经济成本指标" in cost_row and D(str(cost_row[cost_row.index("单场讲座成本") + 4])) == D("18.18")


def test_the_framework_fields_typed_are_shown_on_the_goal_page_and_printed_under_the_table(cost_goal, client_for, jiangmen_filler):
    page = client_for(jiangmen_filler).get(f"/goals/{cost_goal.unit_year.unit_id}/2022/{cost_goal.pk}/").content.decode()
    cost = Indicator.objects.get(goal=cost_goal, name="单场讲座成本")
    row = re.search(rf'<tr data-indicator="{cost.pk}"[^>]*>(.*?)</tr>', page, re.S).group(1)
    assert "计算公式：讲座总成本 ÷ 讲座场次；取值依据：计划标准；参考值：0.6万元/场；指标值解释：按年度计划确定" in row
    paragraphs = [p.text for p in Document(io.BytesIO(project_self_evaluation_docx(cost_goal.evaluation))).paragraphs]
    [notes] = [text for text in paragraphs if text.startswith("指标说明：")]
    assert "（2）单场讲座成本：计算公式：讲座总成本 ÷ 讲座场次；取值依据：计划标准；参考值：0.6万元/场；指标值解释：按年度计划确定。" in notes
