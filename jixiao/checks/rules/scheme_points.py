"""Scheme points: the points of a scheme add up (items to their category, categories
to the base, judges' weights to 100 %), scores sit on the step, and the
execution score does not exceed points × rate.

Used by the goal checks (indicator points against the scoring scheme), the
scoring engine, the target-assessment scheme editor and the health check of a
narrative assessment scheme.
"""

from decimal import ROUND_HALF_UP, Decimal

from jixiao.checks.registry import Severity, register

ZERO = Decimal("0")
HUNDRED = Decimal("100")
CENT = Decimal("0.01")

ITEMS_SUM = register("points.items_sum", "各项分值之和不等于上级分值", Severity.ERROR, "scheme_points",
                     "调整各项分值，使同一类别（一级指标）下各项分值之和等于评分办法规定的该类分值。")
CATEGORIES_SUM = register("points.categories_sum", "各类别分值之和不等于基础分", Severity.ERROR, "scheme_points",
                          "调整各类别分值，使其合计等于基础分。")
WEIGHTS_SUM = register("points.weights_sum", "评委组权重之和不等于100%", Severity.ERROR, "scheme_points",
                       "调整各评委组权重，使其合计为100%。")
BONUS_CAPS = register("points.bonus_caps", "加分项目最高分与加分上限不符", Severity.ERROR, "scheme_points",
                      "各加分项目最高分不得超过加分上限，合计不得小于加分上限。")
STEP = register("points.step", "分值不是评分步长的整数倍", Severity.ERROR, "scheme_points", "评委按步长打分，项目分值须为步长的整数倍。")
MISSING = register("points.missing", "指标未设分值", Severity.HINT, "scheme_points", "按评分办法为每项指标设定分值，才能计算得分。")
UNKNOWN_SCHEME = register("points.unknown_scheme", "评分方案不存在或未发布", Severity.ERROR, "scheme_points",
                          "在目标中选择已发布的评分方案；需要新方案时请财政部门发布。未知的方案不按其他方案代替计分。")
SETTING = register("assessment.setting", "考核设置无效", Severity.ERROR, "scheme_points", "按提示修改考核设置。")


def points_total(points) -> Decimal:
    """Points added up; an item without points counts 0."""
    return sum((value for value in points if value is not None), ZERO)


def points_add_up(parts, expected: Decimal) -> bool:
    """Points are exact (no rounding tolerance): 13 + 28 + 26 + 7 + 26 must be 100."""
    return points_total(parts) == expected


def weights_add_up(weights) -> bool:
    return points_total(weights) == HUNDRED


def on_step(value: Decimal, step: Decimal) -> bool:
    return step <= 0 or value % step == 0


def execution_points_allowed(points: Decimal, rate_percent: Decimal) -> Decimal:
    """The most an execution score may be: points × rate (the rate capped at 100 %), half up to the cent."""
    rate = min(max(rate_percent, ZERO), HUNDRED)
    return (points * rate / HUNDRED).quantize(CENT, rounding=ROUND_HALF_UP)
