"""Goal quality checks: an adapter from a goal's indicators to the rule families of jixiao.checks.rules.

Pure: they read plain indicator values (a goal's fields and its indicators'),
so the same rules run on a page, on save, in a batch and in tests.
"""

import re
from dataclasses import dataclass, field
from decimal import Decimal

from jixiao.checks.registry import Place, Result
from jixiao.checks.rules import scheme_points, targets
from jixiao.checks.rules.targets import QUANTITATIVE_OPERATORS, target_met
from jixiao.money import fmt_percent, fmt_plain, percent

AREA = "goals"

RANGE_TEXT = re.compile(r"\d+(?:\.\d+)?\s*[-－—~～至]\s*\d+(?:\.\d+)?")


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
    # category → the level-1 classes scored under it (the category itself, and those the scheme files
    # under it: 成本指标 under MoF's 产出, or Hubei's 产出 / 效益 / 满意度 under 年度绩效目标 80).
    category_members: dict = field(default_factory=dict)
    execution_rate: Decimal | None = None


def _place(goal: GoalFacts, indicator: IndicatorFacts, quote: str = "") -> Place:
    return Place(f"{goal.name}：{indicator.label}", indicator.ref, quote or indicator.target_display)


def _indicator_results(goal: GoalFacts, ind: IndicatorFacts) -> list[Result]:
    results = []
    key = f"{goal.ref}:{ind.ref}"
    place = _place(goal, ind)
    quantitative = ind.operator in QUANTITATIVE_OPERATORS
    if ind.operator == "range" or RANGE_TEXT.search(ind.target_text):
        results.append(targets.VAGUE.found(
            f"{goal.name}“{ind.name}”的指标值“{ind.target_display}”是区间，无法判断完成多少才算达标", (place,), f"vague:{key}"))
    if ind.level2 == "数量指标" and not quantitative:
        results.append(targets.NOT_QUANTIFIED.found(
            f"{goal.name}“{ind.name}”是数量指标，却没有量化的目标值", (place,), f"quantify:{key}"))
    if quantitative and ind.target is not None and not ind.unit_of_measure:
        results.append(targets.NO_UNIT.found(f"{goal.name}“{ind.name}”的指标值没有计量单位", (place,), f"unit:{key}"))
    if ind.operator == "quantitative_other" and not ind.explanation.strip():
        results.append(targets.OTHER_WITHOUT_EXPLANATION.found(
            f"{goal.name}“{ind.name}”为定量（其他），未说明指标值含义", (place,), f"other:{key}"))
    if quantitative and ind.actual is None:
        if ind.claimed_completion:
            results.append(targets.CLAIM_WITHOUT_VALUE.found(
                f"{goal.name}“{ind.name}”填报完成情况“{ind.claimed_completion}”，但没有实际完成值（目标：{ind.target_display}）",
                (_place(goal, ind, ind.claimed_completion),), f"claim:{key}"))
        else:
            results.append(targets.NO_ACTUAL.found(f"{goal.name}“{ind.name}”没有实际完成值", (place,), f"actual:{key}"))
    elif not quantitative and ind.claimed_completion == "100%" and ind.actual is None:
        results.append(targets.CLAIM_WITHOUT_VALUE.found(
            f"{goal.name}“{ind.name}”填报完成情况“100%”，但没有说明实际完成了什么",
            (_place(goal, ind, ind.claimed_completion),), f"claim:{key}"))
    if _missed(ind):
        share = fmt_percent(percent(ind.actual, ind.target))
        results.append(targets.NOT_MET.found(
            f"{goal.name}“{ind.name}”目标 {ind.target_display}，实际 {fmt_plain(ind.actual)}{ind.unit_of_measure}"
            f"（完成 {share}），未达到目标",
            (place,), f"not_met:{key}", {"target": str(ind.target), "actual": str(ind.actual)}))
    return results


def _missed(ind: IndicatorFacts) -> bool:
    return target_met(ind.operator, ind.target, ind.actual) is False


def _points_results(goal: GoalFacts) -> list[Result]:
    if not goal.indicators:
        return []
    if all(ind.points is None for ind in goal.indicators):
        return [scheme_points.MISSING.found(
            f"{goal.name}的 {len(goal.indicators)} 项指标都没有分值，无法计算得分", (Place(goal.name, goal.ref),), f"no_points:{goal.ref}")]
    results = []
    for level1, expected in goal.category_points.items():
        members = goal.category_members.get(level1, (level1,))
        rows = [ind for ind in goal.indicators if ind.level1 in members]
        if not rows:
            continue
        joined = sorted({ind.level1 for ind in rows} - {level1})
        label = f"{level1}（含{'、'.join(joined)}）" if joined else level1
        total = scheme_points.points_total(ind.points for ind in rows)
        if not scheme_points.points_add_up([ind.points for ind in rows], expected):
            results.append(scheme_points.ITEMS_SUM.found(
                f"{goal.name}{label}分值合计 {fmt_plain(total)} 分，评分办法规定 {fmt_plain(expected)} 分",
                (Place(f"{goal.name}：{level1}", goal.ref),), f"points:{goal.ref}:{level1}"))
    return results


def check_goal(goal: GoalFacts) -> list[Result]:
    results = []
    if not goal.indicators and (goal.overall_goal.strip() or goal.declared_score is not None):
        if goal.declared_score is not None:
            rate = f"，预算执行率 {fmt_percent(goal.execution_rate)}" if goal.execution_rate is not None else ""
            results.append(targets.SCORE_WITHOUT_INDICATORS.found(
                f"{goal.name}自评 {fmt_plain(goal.declared_score)} 分“{goal.declared_grade}”{rate}，但没有任何绩效指标支撑该得分",
                (Place(goal.name, goal.ref, f"{fmt_plain(goal.declared_score)}分 {goal.declared_grade}"),),
                f"unsupported:{goal.ref}"))
        else:
            results.append(targets.NO_INDICATORS.found(
                f"{goal.name}的总体目标没有细化为任何绩效指标",
                (Place(goal.name, goal.ref, goal.overall_goal[:60]),), f"no_indicators:{goal.ref}"))
    for indicator in goal.indicators:
        results.extend(_indicator_results(goal, indicator))
    results.extend(_points_results(goal))
    return results
