"""Targets: whether an actual meets its target, and how a target or a claim falls short.

One code per question, used by the goal forms and by the health check of a
narrative report alike (a goal's "≥10 场次" and a report's "开展活动5-10次"
are judged by the same rule with the same severity).
"""

from decimal import Decimal

from jixiao.checks.registry import Severity, register

GE, GT, EQ, LT, LE, RANGE = ">=", ">", "=", "<", "<=", "range"
QUANTITATIVE_OPERATORS = frozenset({GE, GT, EQ, LT, LE, RANGE})

VAGUE = register("target.vague", "目标值为区间或约数", Severity.WARNING, "targets",
                 "区间或约数目标无法判断是否完成：改为一个明确的目标值（如 ≥10 场次），"
                 "或在评分办法允许时写明区间上下限的含义；并填写实际完成数，而不是只填“100%”。")
NO_UNIT = register("target.no_unit", "目标值缺少计量单位", Severity.HINT, "targets",
                   "为目标值填写计量单位（场次、人次、篇、件、万条次、% 等）。")
NOT_MET = register("target.not_met", "实际完成值未达到目标", Severity.WARNING, "targets",
                   "填写偏差原因和改进措施；得分按实际 ÷ 目标 计算。")
NOT_QUANTIFIED = register("target.not_quantified", "数量指标未量化", Severity.WARNING, "targets",
                          "数量指标应写明目标值和计量单位（如 ≥200 件）；确实无法量化的改为定性指标并说明理由。")
NO_ACTUAL = register("target.no_actual", "指标缺少实际完成值", Severity.WARNING, "targets",
                     "填写实际完成值（或说明未完成的原因），否则该项按 0 分计。")
CLAIM_WITHOUT_VALUE = register("target.claim_without_value", "声称完成但没有实际值", Severity.WARNING, "targets",
                               "只写“100%”不能说明完成了多少：填写实际完成值（如 12 场次）和佐证材料。")
OTHER_WITHOUT_EXPLANATION = register("target.other_without_explanation", "定量（其他）指标缺少说明", Severity.ERROR, "targets",
                                     "“定量（其他）”须说明指标值的含义和计算方法。")
NO_INDICATORS = register("target.no_indicators", "总体目标没有细化为指标", Severity.WARNING, "targets",
                         "把总体目标分解为产出、效益、满意度指标，每项写明目标值，才能在年底对照评价。")
SCORE_WITHOUT_INDICATORS = register("score.without_indicators", "自评得分没有指标支撑", Severity.HINT, "targets",
                                    "自评得分应由指标逐项评分得出：补充绩效指标表（指标、目标值、实际完成值、分值、得分）。")
UNMATCHED = register("report.plan_unmatched", "计划产出找不到对应的实际完成数", Severity.HINT, "targets",
                     "在“实际”栏写出与计划对应的完成数，便于逐项核对。")


def target_met(operator: str, target: Decimal | None, actual: Decimal | None) -> bool | None:
    """Whether `actual` meets the target; None when it cannot be told (no figure, or not a quantitative target).

    ≥ / range: at least the target (a range's upper bound is not a ceiling to fail on);
    >: strictly above; =: equal; ≤: at most; <: strictly below.
    """
    if target is None or actual is None:
        return None
    if operator in (GE, RANGE):
        return actual >= target
    if operator == GT:
        return actual > target
    if operator == EQ:
        return actual == target
    if operator == LE:
        return actual <= target
    if operator == LT:
        return actual < target
    return None


def within(value: Decimal | None, minimum: Decimal | None, maximum: Decimal | None) -> bool | None:
    """A figure inside [minimum, maximum] (either bound may be open); None without a figure."""
    if value is None:
        return None
    return target_met(GE, minimum, value) is not False and target_met(LE, maximum, value) is not False
