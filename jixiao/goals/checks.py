"""Goal quality checks: rules in the one registry, each saying how to fix what it finds.

Pure: they read plain indicator values (a goal's fields and its indicators'),
so the same rules run on a page, on save, in a batch and in tests.
"""

import re
from dataclasses import dataclass, field
from decimal import Decimal

from jixiao.checks.registry import Place, Result, Severity, register
from jixiao.money import fmt_percent, fmt_plain, percent

AREA = "goals"

register("goals.vague_range", "指标值为含糊区间", Severity.WARNING, AREA,
         "区间目标无法判断是否完成：改为一个明确的目标值（如 ≥10 场次），或在评分办法允许时写明区间上下限的含义。")
register("goals.not_quantified", "数量指标未量化", Severity.WARNING, AREA,
         "数量指标应写明目标值和计量单位（如 ≥200 件）；确实无法量化的改为定性指标并说明理由。")
register("goals.no_unit", "指标值缺少计量单位", Severity.ERROR, AREA, "为定量指标填写计量单位（场次、人次、篇、件、万条次、% 等）。")
register("goals.no_indicators", "总体目标没有细化为指标", Severity.WARNING, AREA,
         "把总体目标分解为产出、效益、满意度指标，每项写明目标值，才能在年底对照评价。")
register("goals.points_total", "指标分值合计与评分办法不符", Severity.ERROR, AREA, "调整各指标分值，使每个一级指标的分值合计等于评分办法规定的分值。")
register("goals.no_points", "指标未设分值", Severity.HINT, AREA, "按评分办法为每项指标设定分值，才能计算得分。")
register("goals.no_actual", "指标缺少实际完成值", Severity.WARNING, AREA, "填写实际完成值（或说明未完成的原因），否则该项按 0 分计。")
register("goals.claim_without_value", "声称完成但没有实际值", Severity.WARNING, AREA,
         "只写“100%”不能说明完成了多少：填写实际完成值（如 12 场次）和佐证材料。")
register("goals.not_met", "实际完成值未达到目标", Severity.WARNING, AREA, "填写偏差原因和改进措施；得分按实际 ÷ 目标 计算。")
register("goals.other_without_explanation", "定量（其他）指标缺少说明", Severity.ERROR, AREA, "“定量（其他）”须说明指标值的含义和计算方法。")
register("goals.score_without_indicators", "自评得分没有指标支撑", Severity.WARNING, AREA,
         "自评得分应由指标逐项评分得出：补充绩效指标表（目标值、实际值、分值、得分）。")

RANGE_TEXT = re.compile(r"\d+(?:\.\d+)?\s*[-－—~～至]\s*\d+(?:\.\d+)?")
QUANTITATIVE_OPERATORS = {">=", ">", "=", "<", "<=", "range"}


@dataclass(frozen=True)
class IndicatorFacts:
    ref: str
    level1: str
    level2: str
    name: str
    operator: str
    target: Decimal | None = None
    target_text: str = ""
    unit_of_measure: str = ""
    points: Decimal | None = None
    actual: Decimal | None = None
    claimed_completion: str = ""
    explanation: str = ""

    @property
    def label(self):
        return f"{self.level2}·{self.name}"

    @property
    def target_display(self):
        return self.target_text or (f"{fmt_plain(self.target)}{self.unit_of_measure}" if self.target is not None else "")


@dataclass(frozen=True)
class GoalFacts:
    ref: str
    name: str
    overall_goal: str = ""
    indicators: tuple[IndicatorFacts, ...] = ()
    declared_score: Decimal | None = None
    declared_grade: str = ""
    category_points: dict = field(default_factory=dict)
    execution_rate: Decimal | None = None


def _place(goal: GoalFacts, indicator: IndicatorFacts, quote: str = "") -> Place:
    return Place(f"{goal.name}：{indicator.label}", indicator.ref, quote or indicator.target_display)


def _indicator_results(goal: GoalFacts, ind: IndicatorFacts) -> list[Result]:
    results = []
    key = f"{goal.ref}:{ind.ref}"
    place = _place(goal, ind)
    if ind.operator == "range" or RANGE_TEXT.search(ind.target_text):
        results.append(Result(
            "goals.vague_range", Severity.WARNING,
            f"{goal.name}“{ind.name}”的指标值“{ind.target_display}”是区间，无法判断完成多少才算达标",
            (place,), f"vague:{key}"))
    if ind.level2 == "数量指标" and ind.operator not in QUANTITATIVE_OPERATORS:
        results.append(Result(
            "goals.not_quantified", Severity.WARNING, f"{goal.name}“{ind.name}”是数量指标，却没有量化的目标值",
            (place,), f"quantify:{key}"))
    if ind.operator in QUANTITATIVE_OPERATORS and ind.target is not None and not ind.unit_of_measure:
        results.append(Result("goals.no_unit", Severity.ERROR, f"{goal.name}“{ind.name}”的指标值没有计量单位",
                              (place,), f"unit:{key}"))
    if ind.operator == "quantitative_other" and not ind.explanation.strip():
        results.append(Result("goals.other_without_explanation", Severity.ERROR,
                              f"{goal.name}“{ind.name}”为定量（其他），未说明指标值含义", (place,), f"other:{key}"))
    if ind.operator in QUANTITATIVE_OPERATORS and ind.actual is None:
        if ind.claimed_completion:
            results.append(Result(
                "goals.claim_without_value", Severity.WARNING,
                f"{goal.name}“{ind.name}”填报完成情况“{ind.claimed_completion}”，但没有实际完成值"
                f"（目标：{ind.target_display}）",
                (_place(goal, ind, ind.claimed_completion),), f"claim:{key}"))
        else:
            results.append(Result("goals.no_actual", Severity.WARNING, f"{goal.name}“{ind.name}”没有实际完成值",
                                  (place,), f"actual:{key}"))
    elif ind.operator not in QUANTITATIVE_OPERATORS and ind.claimed_completion == "100%" and ind.actual is None:
        results.append(Result(
            "goals.claim_without_value", Severity.WARNING,
            f"{goal.name}“{ind.name}”填报完成情况“100%”，但没有说明实际完成了什么",
            (_place(goal, ind, ind.claimed_completion),), f"claim:{key}"))
    if ind.target is not None and ind.actual is not None and _missed(ind):
        share = fmt_percent(percent(ind.actual, ind.target))
        results.append(Result(
            "goals.not_met", Severity.WARNING,
            f"{goal.name}“{ind.name}”目标 {ind.target_display}，实际 {fmt_plain(ind.actual)}{ind.unit_of_measure}"
            f"（完成 {share}），未达到目标",
            (place,), f"not_met:{key}",
            data={"target": str(ind.target), "actual": str(ind.actual)}))
    return results


def _missed(ind: IndicatorFacts) -> bool:
    if ind.operator in {">=", "range"}:
        return ind.actual < ind.target
    if ind.operator == ">":
        return ind.actual <= ind.target
    if ind.operator == "=":
        return ind.actual != ind.target
    if ind.operator == "<=":
        return ind.actual > ind.target
    if ind.operator == "<":
        return ind.actual >= ind.target
    return False


def _points_results(goal: GoalFacts) -> list[Result]:
    if not goal.indicators:
        return []
    if all(ind.points is None for ind in goal.indicators):
        return [Result("goals.no_points", Severity.HINT, f"{goal.name}的 {len(goal.indicators)} 项指标都没有分值，无法计算得分",
                       (Place(goal.name, goal.ref),), f"no_points:{goal.ref}")]
    results = []
    for level1, expected in goal.category_points.items():
        rows = [ind for ind in goal.indicators if ind.level1 == level1]
        if not rows:
            continue
        total = sum((ind.points or Decimal(0) for ind in rows), Decimal(0))
        if total != expected:
            results.append(Result(
                "goals.points_total", Severity.ERROR,
                f"{goal.name}{level1}分值合计 {fmt_plain(total)} 分，评分办法规定 {fmt_plain(expected)} 分",
                (Place(f"{goal.name}：{level1}", goal.ref),), f"points:{goal.ref}:{level1}"))
    return results


def check_goal(goal: GoalFacts) -> list[Result]:
    results = []
    if not goal.indicators and (goal.overall_goal.strip() or goal.declared_score is not None):
        if goal.declared_score is not None:
            rate = f"，预算执行率 {fmt_percent(goal.execution_rate)}" if goal.execution_rate is not None else ""
            results.append(Result(
                "goals.score_without_indicators", Severity.WARNING,
                f"{goal.name}自评 {fmt_plain(goal.declared_score)} 分“{goal.declared_grade}”{rate}，但没有任何绩效指标支撑该得分",
                (Place(goal.name, goal.ref, f"{fmt_plain(goal.declared_score)}分 {goal.declared_grade}"),),
                f"unsupported:{goal.ref}"))
        else:
            results.append(Result(
                "goals.no_indicators", Severity.WARNING, f"{goal.name}的总体目标没有细化为任何绩效指标",
                (Place(goal.name, goal.ref, goal.overall_goal[:60]),), f"no_indicators:{goal.ref}"))
    for indicator in goal.indicators:
        results.extend(_indicator_results(goal, indicator))
    results.extend(_points_results(goal))
    return results
