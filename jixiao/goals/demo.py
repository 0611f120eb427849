"""Goals of the source units, loaded from jixiao.sources (typed in from the documents)."""

import re
from decimal import Decimal

from django.apps import apps

from jixiao.accounts.models import SpecialFund, UnitYear
from jixiao.goals import shipped
from jixiao.goals.domain import run_goal_checks
from jixiao.goals.models import Goal, GoalKind, Indicator, LibraryIndicator, Operator, QualitativeGoal
from jixiao.scoring import shipping as shipped_scoring_schemes
from jixiao.sources import ezhou_2022, ganzhou_2018, jiangmen_2022, lishui_2020, yueyang_2017

RANGE = re.compile(r"(\d+(?:\.\d+)?)\s*[-－—~～至]\s*(\d+(?:\.\d+)?)\s*(\S*)")
AT_LEAST = re.compile(r"(?:不低于|不少于|达到)?\s*(\d+(?:\.\d+)?)\s*(\S+)")

# (name, level1, level2, unit, explanation, past values typed from the documents)
LIBRARY = [
    ("主题科普活动", "产出指标", "数量指标", "场次", "年度内举办的主题科普活动场次。",
     {"2017": {"unit": "岳阳市科协", "target": "不低于5－10场次", "claimed": "100%"}}),
    ("科普短信推送", "产出指标", "数量指标", "万条次", "全年通过手机平台推送的科普短信条次。",
     {"2020": {"unit": "丽水市科协", "target": "130", "actual": "140"}}),
    ("微信公众号推送", "产出指标", "数量指标", "期", "科普微信公众号全年推送期数。",
     {"2020": {"unit": "丽水市科协", "target": "260", "actual": "280"}}),
    ("青少年科技创新大赛参赛作品", "产出指标", "数量指标", "件", "参加本级青少年科技创新大赛的作品件数。",
     {"2020": {"unit": "丽水市科协", "target": "200", "actual": "242"}}),
    ("自然科学优秀论文", "产出指标", "数量指标", "篇", "评选出的自然科学优秀论文篇数。",
     {"2020": {"unit": "丽水市科协", "target": "200", "actual": "242"}}),
    ("科普培训", "产出指标", "数量指标", "人次", "参加科普培训的人次。",
     {"2017": {"unit": "岳阳市科协", "target": "不低于5000人次（小院士孵化工程）", "claimed": "100%"}}),
    ("讲座培训", "产出指标", "数量指标", "场", "举办科普讲座和培训的场次。",
     {"2020": {"unit": "丽水市老科协", "target": "40", "actual": "149"}}),
    ("邀请院士", "产出指标", "数量指标", "名", "邀请来本地疗休养、考察或参会的院士人数。",
     {"2020": {"unit": "丽水市科协", "target": "60", "actual": "30人次疗休养 + 13名参会"}}),
    ("服务对象满意率", "满意度指标", "服务对象满意度指标", "%", "抽样调查中表示满意的服务对象所占比例。",
     {"2017": {"unit": "岳阳市科协", "target": "高于95%", "claimed": "95%"}}),
    ("科技人员满意率", "满意度指标", "服务对象满意度指标", "%", "抽样调查中表示满意的科技人员所占比例。",
     {"2017": {"unit": "岳阳市科协", "target": "高于95%", "claimed": "95%"}}),
]


def _dec(text):
    return None if text in (None, "") else Decimal(text)


def read_target(text: str) -> dict:
    """Operator, target and unit from a target as a document writes it; vague text stays text."""
    if not text or "年内完成" in text:
        return {"operator": Operator.QUALITATIVE}
    found = RANGE.search(text)
    if found:
        return {"operator": Operator.RANGE, "target": Decimal(found[1]), "target_high": Decimal(found[2]),
                "unit_of_measure": found[3]}
    found = AT_LEAST.search(text)
    if found:
        return {"operator": Operator.GE, "target": Decimal(found[1]), "unit_of_measure": found[2]}
    return {"operator": Operator.QUALITATIVE}


def load_library():
    for name, level1, level2, unit, explanation, past in LIBRARY:
        LibraryIndicator.objects.update_or_create(
            name=name,
            defaults={"level1": level1, "level2": level2, "unit_of_measure": unit, "explanation": explanation,
                      "past_values": past},
        )


def load_yueyang(units) -> Goal:
    unit_year = UnitYear.objects.get(unit=units["yueyang"], fiscal_year=yueyang_2017.FISCAL_YEAR)
    goal, _ = Goal.objects.update_or_create(
        unit_year=unit_year, kind=GoalKind.DEPARTMENT, name="2017年度部门整体支出",
        defaults={"scheme_code": yueyang_2017.SCHEME, "declared_score": _dec(yueyang_2017.SELF_SCORE),
                  "declared_grade": yueyang_2017.SELF_GRADE, "overall_goal": yueyang_2017.MAIN_TASKS},
    )
    goal.qualitative_goals.all().delete()
    for order, (planned, actual) in enumerate(yueyang_2017.QUALITATIVE_GOALS, start=1):
        QualitativeGoal.objects.create(goal=goal, sort_order=order, planned=planned, actual=actual)
    goal.indicators.all().delete()
    for order, (level1, level2, name, target_text, claimed) in enumerate(yueyang_2017.QUANTITATIVE_INDICATORS, start=1):
        Indicator.objects.create(
            goal=goal, sort_order=order, level1=level1, level2=level2, name=name, target_text=target_text,
            claimed_completion=claimed, points=Decimal(yueyang_2017.INDICATOR_POINTS[level1]),
            **read_target(target_text),
        )
    return goal


def load_lishui(units) -> list[Goal]:
    unit_year = UnitYear.objects.get(unit=units["lishui"], fiscal_year=lishui_2020.FISCAL_YEAR)
    goals = [Goal.objects.update_or_create(
        unit_year=unit_year, kind=GoalKind.DEPARTMENT, name="2020年度部门整体支出",
        defaults={"overall_goal": lishui_2020.OVERALL_GOAL, "scheme_code": "mof-2020", "sort_order": 0},
    )[0]]
    for order, (project, rows) in enumerate(lishui_2020.PROJECT_INDICATORS.items(), start=1):
        fund = SpecialFund.objects.filter(unit_year=unit_year, parent=None, name=project).first()
        goal, _ = Goal.objects.update_or_create(
            unit_year=unit_year, kind=GoalKind.PROJECT, name=project,
            defaults={"special_fund": fund, "scheme_code": "mof-2020", "sort_order": order},
        )
        goal.indicators.all().delete()
        for row_order, (level1, level2, name, operator, target, unit, target_text, actual, actual_text) in enumerate(rows, 1):
            Indicator.objects.create(
                goal=goal, sort_order=row_order, level1=level1, level2=level2, name=name, operator=operator,
                target=_dec(target), unit_of_measure=unit, target_text=target_text, actual=_dec(actual),
                actual_text=actual_text,
            )
        goals.append(goal)
    return goals


def load_jiangmen(units) -> Goal:
    unit_year = UnitYear.objects.get(unit=units["jiangmen"], fiscal_year=jiangmen_2022.FISCAL_YEAR)
    fund = SpecialFund.objects.filter(unit_year=unit_year, parent=None, name=jiangmen_2022.PROJECT).first()
    goal, _ = Goal.objects.update_or_create(
        unit_year=unit_year, kind=GoalKind.PROJECT, name=jiangmen_2022.PROJECT,
        defaults={"special_fund": fund, "scheme_code": "mof-2020", "declared_score": _dec(jiangmen_2022.SELF_SCORE),
                  "declared_grade": jiangmen_2022.SELF_GRADE},
    )
    return goal


def load_ganzhou(units) -> Goal:
    """The 科普专项 the 2018 summary evaluates: its 200万元, aims, basis and what was achieved; no indicator, no score."""
    unit_year = UnitYear.objects.get(unit=units["ganzhou"], fiscal_year=ganzhou_2018.FISCAL_YEAR)
    fund = SpecialFund.objects.filter(unit_year=unit_year, parent=None, name=ganzhou_2018.PROJECT).first()
    goal, _ = Goal.objects.update_or_create(
        unit_year=unit_year, kind=GoalKind.PROJECT, name=ganzhou_2018.PROJECT,
        defaults={"special_fund": fund, "scheme_code": "mof-2020", "overall_goal": ganzhou_2018.OVERALL_GOAL,
                  "basis": ganzhou_2018.BASIS},
    )
    goal.qualitative_goals.all().delete()
    for order, (planned, actual) in enumerate(ganzhou_2018.QUALITATIVE_GOALS, start=1):
        QualitativeGoal.objects.create(goal=goal, sort_order=order, planned=planned, actual=actual)
    return goal


def load_ezhou(units) -> Goal:
    """The 科学普及经费 of the 2022 自评表 with its nine indicators, each in the form's own words.

    No scheme is named: the goal scores under whatever is published for 湖北 2022 project goals (MoF 2020
    until a finance bureau publishes a Hubei scheme). The form states no points, so the indicators have none.
    """
    unit_year = UnitYear.objects.get(unit=units["ezhou"], fiscal_year=ezhou_2022.FISCAL_YEAR)
    fund = SpecialFund.objects.filter(unit_year=unit_year, parent=None, name=ezhou_2022.PROJECT).first()
    goal, _ = Goal.objects.update_or_create(
        unit_year=unit_year, kind=GoalKind.PROJECT, name=ezhou_2022.PROJECT,
        defaults={"special_fund": fund, "scheme_code": ""},
    )
    goal.indicators.all().delete()
    for order, (level1, level2, name, operator, target, unit, target_text, actual, actual_text, _stated) in enumerate(
            ezhou_2022.INDICATORS, start=1):
        Indicator.objects.create(
            goal=goal, sort_order=order, level1=level1, level2=level2, name=name, operator=operator,
            target=_dec(target), unit_of_measure=unit, target_text=target_text, actual=_dec(actual),
            actual_text=actual_text,
        )
    return goal


def load(units) -> None:
    # The shipped schemes come with the migrations; again here for tables emptied since (tests, a flush).
    shipped.ship(apps.get_model)
    shipped_scoring_schemes.ship(apps.get_model)
    load_library()
    goals = [load_yueyang(units), *load_lishui(units), load_jiangmen(units), load_ganzhou(units),
             load_ezhou(units)]
    for unit_year in {goal.unit_year for goal in goals}:
        run_goal_checks(unit_year)
