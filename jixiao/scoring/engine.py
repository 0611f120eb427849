"""The scoring engine: indicators in, scores that explain themselves out.

Pure Python over Decimal (never float), no database: the goals pages, the
documents, the checks and the benchmark all call these functions.

Public API
----------
IndicatorInput      one indicator as typed (operator, target, actual, points, ...)
IndicatorScore      its score: points (after redistribution), score, explanation, flags, errors
CategoryScore       one level-1 category: scheme points, effective points, subtotal
EvaluationScore     a whole self-evaluation: execution, categories, total, grade, explanation
score_indicator(ind, scheme, points=None) -> IndicatorScore
score_evaluation(indicators, scheme, execution_rate) -> EvaluationScore
grade_for(total, scheme) -> "优" / "良" / "中" / "差"
qualitative_tier_choices(scheme) -> [(0, "第一档（80%–100%）"), ...]
OPERATORS, OPERATOR_LABELS  operator codes and how forms print them (≥, ≤, 定性, 定量（其他）, 不适用, 区间)
apportion(total, weights) -> parts of total in proportion to weights, in cents, summing exactly

Rules (all scores quantized to 0.01, ROUND_HALF_UP)
---------------------------------------------------
≥ / >      met: full points; missed: actual ÷ target × points
=          met: full points; missed: smaller ÷ larger × points
≤ / <      met: full points; missed: scheme.reverse_rule — "ratio" target ÷ actual × points,
           or "linear_to_double" (2 × target − actual) ÷ target × points, 0 from twice the target
range      [target, target_high], only where scheme.allow_ranges: inside full; below target like ≥;
           above target_high per scheme.range_above_rule
qualitative        the reviewer picks a tier (0, 1, 2 = 100–80 %, 80–60 %, 60–0 %) with a reason and
                   types a score of the declared points inside that tier
quantitative_other the reviewer types a score in [0, points] with a required explanation (reason)
not_applicable     scores nothing; its points go to the other indicators of the same level-1
                   in proportion to their points
execution  rate ÷ 100 × execution points, capped at full points
A missing actual scores 0 with the error "未填写实际完成值".
"""

from dataclasses import dataclass, field
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from functools import lru_cache

from jixiao.checks.rules import grades
from jixiao.checks.rules.scheme_points import points_total
from jixiao.scoring.schemes import (
    RANGE_ABOVE_FULL,
    REVERSE_RATIO,
    SATISFACTION,
    TIER_NAMES,
    ScoringScheme,
)

D = Decimal
ZERO = D("0")
CENT = D("0.01")
HUNDRED = D("100")
TWO = D("2")

GE, GT, EQ, LT, LE = ">=", ">", "=", "<", "<="
QUALITATIVE = "qualitative"
QUANTITATIVE_OTHER = "quantitative_other"
NOT_APPLICABLE = "not_applicable"
RANGE = "range"
OPERATORS = (GE, GT, EQ, LT, LE, QUALITATIVE, QUANTITATIVE_OTHER, NOT_APPLICABLE, RANGE)
# How each operator is printed in forms and explanations.
OPERATOR_LABELS = {
    GE: "≥",
    GT: ">",
    EQ: "=",
    LT: "<",
    LE: "≤",
    QUALITATIVE: "定性",
    QUANTITATIVE_OTHER: "定量（其他）",
    NOT_APPLICABLE: "不适用",
    RANGE: "区间",
}
# What people type or import, mapped to the operator codes.
OPERATOR_ALIASES = {
    "≥": GE,
    "≤": LE,
    "＝": EQ,
    "＞": GT,
    "＜": LT,
    "定性": QUALITATIVE,
    "定量（其他）": QUANTITATIVE_OTHER,
    "定量(其他)": QUANTITATIVE_OTHER,
    "不适用": NOT_APPLICABLE,
    "区间": RANGE,
}
QUANTITATIVE_OPERATORS = frozenset((GE, GT, EQ, LT, LE, RANGE))

MISSING_ACTUAL = "未填写实际完成值"


def q(value: Decimal) -> Decimal:
    """Two decimals, half up: how every score is printed and summed."""
    return value.quantize(CENT, ROUND_HALF_UP)  # positional: twice as fast as rounding=


def fmt(value: Decimal) -> str:
    """A typed figure as typed ("60", "95.5"), never in exponent form."""
    text = str(value)
    if "E" in text:
        text = format(value, "f")
    return text


def _dec(value, what: str) -> Decimal | None:
    """A Decimal in plain notation (so explanations never print 1E+2); floats are refused."""
    if value is None:
        return None
    if isinstance(value, float):
        raise TypeError(f"{what} must be a Decimal, never a float")
    if type(value) is not Decimal:
        value = D(value)
    if value.as_tuple().exponent > 0:
        value = D(format(value, "f"))
    return value


_NUMBER_FIELDS = ("target", "target_high", "points", "actual", "qualitative_score")


@dataclass(frozen=True, slots=True)
class IndicatorInput:
    """One level-3 indicator as typed in the goals form.

    target / target_high: the target value, and the upper bound of a range target.
    points: the declared 分值. actual: the 实际完成值 (None when not filled).
    qualitative_tier: 0, 1, 2 (第一档 100–80 %, 第二档 80–60 %, 第三档 60–0 % with MoF tiers).
    qualitative_score: the score the reviewer types for a qualitative or 定量（其他） indicator,
        out of the declared points.
    reason: the reviewer's reason (qualitative), the explanation (定量（其他）) or why not applicable.
    """

    key: str
    level1: str
    level2: str = ""
    name: str = ""
    operator: str = GE
    target: Decimal | None = None
    target_high: Decimal | None = None
    unit: str = ""
    points: Decimal = ZERO
    actual: Decimal | None = None
    qualitative_tier: int | None = None
    qualitative_score: Decimal | None = None
    reason: str = ""

    def __post_init__(self):
        # Checked once here so that scoring, run a million times, need not: numbers become plain
        # Decimals (ints and strings accepted, floats refused) and operators their codes.
        for name in _NUMBER_FIELDS:
            value = getattr(self, name)
            plain = _dec(value, name)
            if plain is not value:
                object.__setattr__(self, name, plain)
        if self.points is None:
            object.__setattr__(self, "points", ZERO)
        operator = OPERATOR_ALIASES.get(self.operator)
        if operator is not None:
            object.__setattr__(self, "operator", operator)
        tier = self.qualitative_tier
        if isinstance(tier, str):
            # A form posts the tier as text; anything but a whole number is left for the engine to refuse.
            object.__setattr__(self, "qualitative_tier", int(tier) if tier.strip().isdigit() else None)


# The result classes are frozen but not slotted: the engine fills __dict__ directly, twice as
# fast as the generated __init__, and leaves out of it the parts it works out only when they
# are read (_Deferred, which needs an instance __dict__ to store them in).
@dataclass(frozen=True)
class IndicatorScore:
    """The score of one indicator.

    points: the points it is scored out of, after redistribution (分值 as printed in the
        score table); declared_points: the points typed in the goals form.
    explanation: the formula with its numbers, in Chinese.
    flags: things a reviewer should look at (over-achievement, ...); errors: what must be
        fixed before the score counts (the score is 0 while an error stands, except where
        the error concerns only the category's points).
    """

    key: str
    points: Decimal
    score: Decimal
    explanation: str
    flags: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    declared_points: Decimal = ZERO
    level1: str = ""
    name: str = ""
    not_applicable: bool = False


@dataclass(frozen=True)
class CategoryScore:
    """One level-1 category (产出指标, 效益指标, ...) of an evaluation."""

    name: str
    scheme_points: Decimal
    effective_points: Decimal
    subtotal: Decimal
    indicators: list
    explanation: list
    errors: list


@dataclass(frozen=True)
class EvaluationScore:
    """A whole self-evaluation's score.

    total = execution_score + the categories' subtotals, exactly (every part is already
    rounded to cents). explanation: lines for the page and the documents, in Chinese.
    errors / flags: every indicator's and category's, prefixed with the indicator name.
    """

    scheme_code: str
    execution_rate: Decimal | None
    execution_points: Decimal
    execution_score: Decimal
    execution_explanation: str
    categories: list
    indicators: list
    total: Decimal
    max_total: Decimal
    grade: str
    explanation: list
    errors: list
    flags: list

    def indicator(self, key: str) -> IndicatorScore:
        for scored in self.indicators:
            if scored.key == key:
                return scored
        raise KeyError(key)

    def category(self, name: str) -> CategoryScore:
        for category in self.categories:
            if category.name == name:
                return category
        raise KeyError(name)

    @property
    def ok(self) -> bool:
        return not self.errors


class _Deferred:
    """A part of a result worked out only when it is read, then kept.

    The bulk refresh of stored results (goals/results) reads an evaluation's total and grade,
    its errors and flags at most; writing every explanation in Chinese (several Decimals
    printed per indicator) and building an object per indicator and category used to cost
    more than the scoring itself. So the engine computes every score, error and flag, keeps
    in the result's `_deferred` what the rest needs, and leaves the rest out of its __dict__:
    this non-data descriptor works it out on the first read and stores it in __dict__, where
    later reads find it without coming here. A result built by hand (the generated __init__)
    holds every field in __dict__ from the start and never comes here.
    """

    def __init__(self, name: str, write):
        self.name = name
        self.write = write

    def __get__(self, result, owner=None):
        if result is None:
            return self
        value = result.__dict__[self.name] = self.write(result)
        return value


_new = object.__new__


def qualitative_tier_choices(scheme: ScoringScheme) -> list:
    """[(0, "第一档（80%–100%）"), ...]: the tiers a reviewer picks from, for a form's choices."""
    return [(tier, f"{TIER_NAMES[tier]}（{fmt(low)}%–{fmt(high)}%）") for tier, (high, low) in enumerate(scheme.qualitative_tiers)]


def grade_for(total: Decimal, scheme: ScoringScheme) -> str:
    """The grade of a total under the scheme's bands (优 ≥ 90, 良 ≥ 80, 中 ≥ 60, else 差 by default)."""
    return grades.grade_for(total, scheme.grade_bands)


def apportion(total: Decimal, weights: list) -> list:
    """Split `total` in proportion to `weights`, in cents, the parts summing exactly to `total`.

    Largest remainders get the leftover cents (the earlier one on a tie), so a
    redistributed 10 points never turn into 9.99 or 10.01. All-zero weights split evenly.
    """
    count = len(weights)
    if count == 0:
        return []
    weight_sum = sum(weights, ZERO)
    if weight_sum == total and all(w == w.quantize(CENT) for w in weights):
        return list(weights)
    if weight_sum == 0:
        weights = [D(1)] * count
        weight_sum = D(count)
    exact = [total * w / weight_sum for w in weights]
    parts = [share.quantize(CENT, rounding=ROUND_DOWN) for share in exact]
    left = int(((total.quantize(CENT, rounding=ROUND_HALF_UP) - sum(parts, ZERO)) / CENT).to_integral_value())
    if left > 0:
        order = sorted(range(count), key=lambda i: (-(exact[i] - parts[i]), i))
        for i in order[:left]:
            parts[i] += CENT
    return parts


@lru_cache(maxsize=256)
def _plan(scheme: ScoringScheme, has_satisfaction: bool):
    """Category points after satisfaction's redistribution: (effective, moved per receiver, explanation line)."""
    scheme_points = scheme.category_points
    effective = dict(scheme_points)
    redistribution = {}
    line = ""
    moved = scheme_points.get(SATISFACTION)
    if scheme.satisfaction_redistribution and moved and not has_satisfaction:
        receivers = [name for name in scheme.satisfaction_receivers if name in scheme_points and name != SATISFACTION]
        if receivers:
            shares = apportion(moved, [scheme_points[name] for name in receivers])
            effective[SATISFACTION] = ZERO
            for name, share in zip(receivers, shares, strict=True):
                effective[name] = scheme_points[name] + share
                redistribution[name] = share
            ratio_text = " : ".join(f"{name.removesuffix('指标')} {fmt(scheme_points[name])}" for name in receivers)
            moves = "、".join(f"{name} +{share}分" for name, share in redistribution.items())
            line = f"未设置满意度指标：满意度指标 {fmt(moved)}分 按 {ratio_text} 的比例调入，{moves}"
    return effective, redistribution, line


def _points_text(points: Decimal) -> str:
    return f"{fmt(points)}分"


def _scaled_note(points: Decimal, declared: Decimal) -> str:
    return "" if points == declared else f"（分值 {declared!s}分 折算为 {points!s}分）"


def score_indicator(ind: IndicatorInput, scheme: ScoringScheme, points: Decimal | None = None) -> IndicatorScore:
    """Score one indicator out of `points` (its declared points when None)."""
    if points is None:
        points = ind.points
    return _indicator_score(ind, scheme, points, _scored(ind, scheme, points, False))


def _indicator_score(ind: IndicatorInput, scheme: ScoringScheme, points: Decimal, outcome: tuple) -> IndicatorScore:
    score, _, flags, errors = outcome
    not_applicable = ind.operator == NOT_APPLICABLE
    made = _new(IndicatorScore)
    made.__dict__.update(
        key=ind.key, points=ZERO if not_applicable else points, score=score, flags=flags, errors=errors,
        declared_points=ind.points, level1=ind.level1, name=ind.name, not_applicable=not_applicable,
        _deferred=(ind, scheme, points),
    )
    return made


def _indicator_explanation(scored: IndicatorScore) -> str:
    # The same rules run again, this time writing their formula out: one place says both what
    # an indicator scores and how that is explained.
    ind, scheme, points = scored._deferred
    return _scored(ind, scheme, points, True)[1]


def _scored(ind: IndicatorInput, scheme: ScoringScheme, points: Decimal, explain: bool):
    """(score, explanation, flags, errors) of an indicator out of `points`; the explanation is written out only when
    `explain` (otherwise it is False, or a constant where that costs nothing)."""
    declared = ind.points
    operator = ind.operator
    if operator in QUANTITATIVE_OPERATORS:
        score, explanation, flags, errors = _quantitative(ind, operator, scheme, points, explain)
        if explain and points != declared:
            explanation += _scaled_note(points, declared)
        return score, explanation, flags, errors
    if operator == QUALITATIVE:
        return _qualitative(ind, scheme, points, declared, explain)
    if operator == QUANTITATIVE_OTHER:
        return _quantitative_other(ind, scheme, points, declared, explain)
    if operator == NOT_APPLICABLE:
        flags = [] if ind.reason.strip() else ["未说明不适用的理由"]
        explanation = explain and f"不适用：本指标 {declared!s}分 按分值比例分配给同一一级指标下的其他指标"
        return ZERO, explanation, flags, []
    return ZERO, "无法评分", [], [f"未知的指标类型“{ind.operator}”"]


# The rules below write each explanation as `explain and f"..."`: the text is built only when asked for.
def _quantitative(ind: IndicatorInput, operator: str, scheme: ScoringScheme, points: Decimal, explain: bool):
    target = ind.target
    actual = ind.actual
    unit = ind.unit
    if operator == RANGE:
        return _range(ind, scheme, points, target, actual, explain)
    if target is None:
        return ZERO, explain and f"未填写目标值，得0分（分值 {points!s}分）", [], ["未填写目标值"]
    if actual is None:
        return ZERO, explain and f"目标 {OPERATOR_LABELS[operator]}{target!s}{unit}，{MISSING_ACTUAL}，得0分", [], [MISSING_ACTUAL]
    flags = []
    ratio = scheme.over_achievement_flag_ratio
    if operator in (GE, GT):
        if actual >= target:
            score = points
            explanation = explain and f"实际 {actual!s}{unit} {'≥' if actual > target else '='} 目标 {target!s}{unit}，已完成，得满分 {q(points)!s}分"
            if operator == GT and actual == target:
                flags.append(f"实际值等于目标值 {target!s}{unit}，未严格高于目标")
            if ratio is not None and target > 0 and actual > ratio * target:
                flags.append(f"超额完成：实际 {actual!s} 超过目标 {target!s} 的 {fmt(ratio)} 倍，请核实目标设定是否偏低")
                if scheme.over_achievement_deduction:
                    score = q(points * ratio * target / actual)
                    if explain:
                        explanation += f"；超过目标 {fmt(ratio)} 倍扣分：{fmt(ratio)} × 目标 {target!s} ÷ 实际 {actual!s} × {points!s}分 = {score!s}分"
            return q(score), explanation, flags, []
        if target <= 0 or actual <= 0:
            return ZERO, explain and f"实际 {actual!s}{unit} 未达到目标 {target!s}{unit}，得0分", flags, []
        score = q(actual * points / target)
        return score, explain and f"实际 {actual!s} ÷ 目标 {target!s} × {points!s}分 = {score!s}分", flags, []
    if operator == EQ:
        if actual == target:
            return q(points), explain and f"实际 {actual!s}{unit} = 目标 {target!s}{unit}，已完成，得满分 {q(points)!s}分", flags, []
        if actual <= 0 or target <= 0:
            return ZERO, explain and f"实际 {actual!s}{unit} 不等于目标 {target!s}{unit}，得0分", flags, []
        if actual < target:
            score = q(actual * points / target)
            return score, explain and f"实际 {actual!s} ÷ 目标 {target!s} × {points!s}分 = {score!s}分", flags, []
        score = q(target * points / actual)
        return score, explain and f"实际 {actual!s} 超过目标：目标 {target!s} ÷ 实际 {actual!s} × {points!s}分 = {score!s}分", flags, []
    # ≤ and <: a reverse indicator, lower is better.
    if actual <= target:
        score = points
        explanation = explain and f"实际 {actual!s}{unit} {'≤' if actual < target else '='} 目标 {target!s}{unit}，已完成，得满分 {q(points)!s}分"
        if operator == LT and actual == target:
            flags.append(f"实际值等于目标值 {target!s}{unit}，未严格低于目标")
        if ratio is not None and target > 0 and actual * ratio < target:
            flags.append(f"超额完成：实际 {actual!s} 不到目标 {target!s} 的 1/{fmt(ratio)}，请核实目标设定是否偏松")
            if scheme.over_achievement_deduction:
                score = q(points * ratio * actual / target) if actual > 0 else ZERO
                if explain:
                    explanation += f"；低于目标 1/{fmt(ratio)} 扣分：{fmt(ratio)} × 实际 {actual!s} ÷ 目标 {target!s} × {points!s}分 = {score!s}分"
        return q(score), explanation, flags, []
    if target <= 0:
        return ZERO, explain and f"实际 {actual!s}{unit} 超过目标 {target!s}{unit}，得0分", flags, []
    if scheme.reverse_rule == REVERSE_RATIO:
        score = q(target * points / actual)
        return score, explain and f"实际 {actual!s} 超过目标：目标 {target!s} ÷ 实际 {actual!s} × {points!s}分 = {score!s}分", flags, []
    double = TWO * target
    if actual >= double:
        return ZERO, explain and f"实际 {actual!s} 达到目标 {target!s} 的2倍及以上，得0分", flags, []
    score = q((double - actual) * points / target)
    return (
        score,
        explain and f"实际 {actual!s} 超过目标：(2 × 目标 {target!s} − 实际 {actual!s}) ÷ 目标 {target!s} × {points!s}分 = {score!s}分",
        flags,
        [],
    )


def _range(ind: IndicatorInput, scheme: ScoringScheme, points: Decimal, low: Decimal | None, actual: Decimal | None, explain: bool):
    high = ind.target_high
    unit = ind.unit
    if not scheme.allow_ranges:
        return ZERO, "目标值为区间，本评分方案不允许区间目标值，得0分", [], [
            f"评分方案“{scheme.name}”不允许区间目标值，请改为单一目标值（如 ≥{fmt(low) if low is not None else 'N'}）"
        ]
    if low is None or high is None:
        return ZERO, "区间目标值不完整，得0分", [], ["区间目标值须填写下限和上限"]
    if low > high:
        return ZERO, explain and f"区间下限 {low!s} 大于上限 {high!s}，得0分", [], ["区间下限不能大于上限"]
    if actual is None:
        return ZERO, explain and f"目标 {low!s}–{high!s}{unit}，{MISSING_ACTUAL}，得0分", [], [MISSING_ACTUAL]
    flags = []
    if actual < low:
        if low <= 0 or actual <= 0:
            return ZERO, explain and f"实际 {actual!s}{unit} 低于区间下限 {low!s}{unit}，得0分", flags, []
        score = q(actual * points / low)
        return score, explain and f"实际 {actual!s} 低于区间下限：实际 {actual!s} ÷ 下限 {low!s} × {points!s}分 = {score!s}分", flags, []
    if actual <= high:
        return q(points), explain and f"实际 {actual!s}{unit} 在目标区间 {low!s}–{high!s}{unit} 内，得满分 {q(points)!s}分", flags, []
    if scheme.range_above_rule == RANGE_ABOVE_FULL:
        ratio = scheme.over_achievement_flag_ratio
        if ratio is not None and high > 0 and actual > ratio * high:
            flags.append(f"超额完成：实际 {actual!s} 超过区间上限 {high!s} 的 {fmt(ratio)} 倍，请核实目标设定是否偏低")
        return q(points), explain and f"实际 {actual!s}{unit} 超过区间上限 {high!s}{unit}，已完成，得满分 {q(points)!s}分", flags, []
    if high <= 0:
        # A ratio to a bound at or below zero means nothing (and an actual of 0 would divide by it), as for ≤ targets.
        return ZERO, explain and f"实际 {actual!s}{unit} 超过区间上限 {high!s}{unit}，得0分", flags, []
    score = q(high * points / actual)
    return score, explain and f"实际 {actual!s} 超过区间上限：上限 {high!s} ÷ 实际 {actual!s} × {points!s}分 = {score!s}分", flags, []


def _on_step(value: Decimal, step: Decimal) -> bool:
    return step <= 0 or (value % step) == 0


def _qualitative(ind: IndicatorInput, scheme: ScoringScheme, points: Decimal, declared: Decimal, explain: bool):
    tiers = scheme.qualitative_tiers
    tier = ind.qualitative_tier
    typed = ind.qualitative_score
    errors = []
    if tier is None or not 0 <= tier < len(tiers):
        errors.append(f"请选择定性评价档次（共 {len(tiers)} 档）")
    if not ind.reason.strip():
        errors.append("定性评价须填写评分理由")
    if typed is None:
        errors.append("请填写定性评价得分")
    if errors:
        return ZERO, "定性指标未完成评价，得0分", [], errors
    high, low = tiers[tier]
    lowest, highest = declared * low / 100, declared * high / 100
    in_tier = lowest <= typed <= highest
    # Written out when explaining, and for the error of a score outside the tier.
    tier_text = (explain or not in_tier) and f"{TIER_NAMES[tier]}（{low!s}%–{high!s}%，即 {q(lowest)!s}–{q(highest)!s}分）"
    if not in_tier:
        return ZERO, f"定性评价{tier_text}，评审得分 {typed!s}分 不在档内，得0分", [], [f"得分 {typed!s}分 不在所选{tier_text}之内"]
    if not _on_step(typed, scheme.step):
        return ZERO, explain and f"定性评价{tier_text}，评审得分 {typed!s}分 不符合计分单位，得0分", [], [
            f"得分须为 {fmt(scheme.step)} 分的整数倍"
        ]
    if points == declared:
        score = q(typed)
        return score, explain and f"定性评价{tier_text}，评审得分 {score!s}分；理由：{ind.reason.strip()}", [], []
    score = q(typed * points / declared) if declared else ZERO
    return (
        score,
        explain and f"定性评价{tier_text}，评审得分 {typed!s} ÷ 分值 {declared!s} × 折算分值 {points!s}分 = {score!s}分；理由：{ind.reason.strip()}",
        [],
        [],
    )


def _quantitative_other(ind: IndicatorInput, scheme: ScoringScheme, points: Decimal, declared: Decimal, explain: bool):
    typed = ind.qualitative_score
    errors = []
    if not ind.reason.strip():
        errors.append("定量（其他）指标须填写说明")
    if typed is None:
        errors.append("请填写定量（其他）指标的得分")
    elif not ZERO <= typed <= declared:
        errors.append(f"得分 {typed!s}分 须在 0–{declared!s}分 之间")
    elif not _on_step(typed, scheme.step):
        errors.append(f"得分须为 {fmt(scheme.step)} 分的整数倍")
    if errors:
        return ZERO, "定量（其他）指标未完成评价，得0分", [], errors
    if points == declared:
        score = q(typed)
        return score, explain and f"定量（其他）：评审得分 {score!s}分；说明：{ind.reason.strip()}", [], []
    score = q(typed * points / declared) if declared else ZERO
    return (
        score,
        explain and f"定量（其他）：评审得分 {typed!s} ÷ 分值 {declared!s} × 折算分值 {points!s}分 = {score!s}分；说明：{ind.reason.strip()}",
        [],
        [],
    )


def _execution(rate: Decimal | None, scheme: ScoringScheme, explain: bool):
    points = scheme.execution_points
    if not points:
        return ZERO, "", [], []
    if rate is None:
        return ZERO, explain and f"预算执行率：未填写，得0分（分值 {_points_text(points)}）", [], ["未填写预算执行率"]
    rate = _dec(rate, "execution_rate")
    if rate >= HUNDRED:
        flags = [f"预算执行率 {fmt(rate)}% 超过100%，请说明原因"] if rate > HUNDRED else []
        capped = "，按100%计" if rate > HUNDRED else ""
        return q(points), explain and f"预算执行率 {fmt(rate)}%{capped}，得满分 {_points_text(q(points))}", flags, []
    if rate <= 0:
        return ZERO, explain and f"预算执行率 {fmt(rate)}%，得0分", [], []
    score = q(rate * points / HUNDRED)
    return score, explain and f"预算执行率 {fmt(rate)}% × {_points_text(points)} = {score!s}分", [], []


def execution_part(rate: Decimal | None, scheme: ScoringScheme) -> tuple[Decimal | None, str]:
    """The 预算执行率 part alone (score, explanation), for a goal whose indicators carry no points yet: the
    money part is known, the indicator part and the total are not. (None, "") without a rate or execution points."""
    if rate is None or not scheme.execution_points:
        return None, ""
    score, text, _flags, _errors = _execution(rate, scheme, True)
    return score, text


@lru_cache(maxsize=4096)
def _layout(scheme: ScoringScheme, shape: tuple):
    """Everything about an evaluation that depends only on its shape, computed once per shape.

    shape: (level-1, declared points as text, applicable) per indicator, in table order. Returns
    (satisfaction line, the scheme's total points, categories), each category being (name, scheme
    points, effective points, ((position, points to score out of), ...), category errors, lines
    after the first, points text). Self-evaluations repeat a handful of shapes, so this runs rarely.
    """
    scheme_points = scheme.category_points
    aliases = scheme.category_aliases
    grouped = {name: [] for name in scheme_points}
    for position, (level1, declared, applicable) in enumerate(shape):
        grouped.setdefault(aliases.get(level1, level1), []).append((position, D(declared), applicable))
    has_satisfaction = any(row[2] for row in grouped.get(SATISFACTION, ()))
    effective, redistribution, line = _plan(scheme, has_satisfaction)
    categories = []
    for name, rows in grouped.items():
        known = name in scheme_points
        base = scheme_points.get(name, ZERO)
        target_points = effective.get(name, ZERO)
        errors = []
        if not known:
            errors.append(f"评分方案“{scheme.name}”中没有一级指标“{name}”，其下指标不计分")
        weights = [declared for _, declared, applicable in rows if applicable]
        declared_total = points_total(declared for _, declared, _ in rows)
        applicable_total = points_total(weights)
        if rows and known and declared_total not in (base, target_points):
            errors.append(f"{name}各指标分值合计 {fmt(declared_total)}分，与评分方案的 {fmt(base)}分 不符，已按分值比例折算")
        if not weights and target_points > 0:
            errors.append(f"{name}没有可评分的指标，{fmt(target_points)}分 无法得分")
        shares = iter(apportion(target_points, weights))
        placed = tuple((position, next(shares) if applicable else ZERO) for position, _, applicable in rows)
        extra = []
        if weights and declared_total != applicable_total:
            extra.append(
                f"{name}中不适用指标的 {fmt(declared_total - applicable_total)}分 按分值比例分配给其余 {len(weights)} 个指标"
            )
        if name in redistribution:
            points_text = f"{fmt(base)} + 满意度调入 {redistribution[name]} = {fmt(target_points)}分"
        else:
            points_text = f"{fmt(target_points)}分"
        categories.append((name, base, target_points, placed, tuple(errors), tuple(extra), points_text))
    return line, scheme.total_points, tuple(categories)


def score_evaluation(indicators, scheme: ScoringScheme, execution_rate: Decimal | None = None) -> EvaluationScore:
    """Score a whole self-evaluation under a scheme.

    indicators: IndicatorInput in table order. execution_rate: the budget execution
    rate in percent (96.96 for 96.96 %), None when unknown.

    Effective points: each category starts from the scheme's points; when the scheme
    redistributes satisfaction and no applicable 满意度指标 exists, its points go to the
    receivers in proportion to their points; within a category the points are then
    shared over the applicable indicators in proportion to their declared points, which
    moves a 不适用 indicator's points to its neighbours and absorbs the satisfaction share.

    The total, grade, errors and flags are computed here; the categories, the indicators'
    results and the explanations when first read (see _Deferred), from the same outcomes.
    """
    # A copy: the parts worked out later must see the indicators scored now, whatever the caller's list becomes.
    indicators = list(indicators)
    # Points enter the key as text: 10 and 10.00 are equal Decimals but print differently.
    line, max_total, layout = _layout(
        scheme, tuple([(ind.level1, str(ind.points), ind.operator != NOT_APPLICABLE) for ind in indicators])
    )
    outcomes = []  # _scored's (score, explanation, flags, errors) per indicator, in layout order
    subtotals = []
    errors = []
    flags = []
    for _name, _base, _target_points, placed, category_errors, _extra, _points_text in layout:
        subtotal = ZERO
        for position, points in placed:
            ind = indicators[position]
            outcome = _scored(ind, scheme, points, False)
            outcomes.append(outcome)
            subtotal += outcome[0]
            if outcome[3]:
                label = ind.name or ind.key
                errors.extend([f"{label}：{error}" for error in outcome[3]])
            if outcome[2]:
                label = ind.name or ind.key
                flags.extend([f"{label}：{flag}" for flag in outcome[2]])
        if category_errors:
            errors.extend(category_errors)
        subtotals.append(subtotal)

    execution_score, _, execution_flags, execution_errors = _execution(execution_rate, scheme, False)
    if execution_errors:
        errors = execution_errors + errors
    if execution_flags:
        flags = execution_flags + flags
    total = execution_score
    for subtotal in subtotals:
        total += subtotal
    result = _new(EvaluationScore)
    result.__dict__.update(
        scheme_code=scheme.code,
        execution_rate=execution_rate,
        execution_points=scheme.execution_points,
        execution_score=execution_score,
        total=total,
        max_total=max_total,
        grade=grade_for(total, scheme),
        errors=errors,
        flags=flags,
        _deferred=(scheme, line, indicators, layout, outcomes, subtotals),
    )
    return result


def _categories(result: EvaluationScore) -> list:
    """The categories with their indicators' results; EvaluationScore.indicators gets the same results in table order."""
    scheme, _, indicators, layout, outcomes, subtotals = result._deferred
    outcomes = iter(outcomes)
    scored_at = [None] * len(indicators)
    categories = []
    for (name, base, target_points, placed, category_errors, extra, points_text), subtotal in zip(layout, subtotals, strict=True):
        scored_rows = []
        for position, points in placed:
            scored = scored_at[position] = _indicator_score(indicators[position], scheme, points, next(outcomes))
            scored_rows.append(scored)
        category = _new(CategoryScore)
        category.__dict__.update(
            name=name, scheme_points=base, effective_points=target_points, subtotal=subtotal, indicators=scored_rows,
            errors=list(category_errors), _deferred=(points_text, extra),
        )
        categories.append(category)
    result.__dict__["indicators"] = scored_at
    return categories


def _indicators(result: EvaluationScore) -> list:
    # Only read before the categories (after them, __dict__ holds the indicators): both are worked out together.
    result.__dict__["categories"] = _categories(result)
    return result.__dict__["indicators"]


def _category_explanation(category: CategoryScore) -> list:
    points_text, extra = category._deferred
    return [f"{category.name}：分值 {points_text}，得分 {category.subtotal!s}分", *extra]


def _execution_explanation(result: EvaluationScore) -> str:
    scheme = result._deferred[0]
    return _execution(result.execution_rate, scheme, True)[1]


def _evaluation_explanation(result: EvaluationScore) -> list:
    satisfaction_line = result._deferred[1]
    lines = [text for text in (result.execution_explanation, satisfaction_line) if text]
    parts = [str(result.execution_score)] if result.execution_points else []
    for category in result.categories:
        # A category with neither points nor indicators stays out of the explanation (its subtotal is 0).
        if category.effective_points or category.indicators:
            lines.extend(category.explanation)
            parts.append(str(category.subtotal))
    lines.append(f"总分：{' + '.join(parts)} = {result.total!s}分，评价等次：{result.grade}")
    return lines


IndicatorScore.explanation = _Deferred("explanation", _indicator_explanation)
CategoryScore.explanation = _Deferred("explanation", _category_explanation)
EvaluationScore.categories = _Deferred("categories", _categories)
EvaluationScore.indicators = _Deferred("indicators", _indicators)
EvaluationScore.execution_explanation = _Deferred("execution_explanation", _execution_explanation)
EvaluationScore.explanation = _Deferred("explanation", _evaluation_explanation)


__all__ = [
    "EQ",
    "GE",
    "GT",
    "LE",
    "LT",
    "MISSING_ACTUAL",
    "NOT_APPLICABLE",
    "OPERATORS",
    "OPERATOR_LABELS",
    "QUALITATIVE",
    "QUANTITATIVE_OTHER",
    "RANGE",
    "CategoryScore",
    "EvaluationScore",
    "IndicatorInput",
    "IndicatorScore",
    "apportion",
    "grade_for",
    "q",
    "qualitative_tier_choices",
    "score_evaluation",
    "score_indicator",
]
