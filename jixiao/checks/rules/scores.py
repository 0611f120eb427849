"""Scores under a form's own scheme: execution points, scheme text against points, category totals.

- The execution score is points × execution rate (capped at full marks). It is
  checked both ways: too high and too low. How far a written score may sit from
  the computed one is data of the form (`tolerance`, 0.01 by default: scores are
  written with two decimals); a whole-number score that only fits after rounding
  is named as that reading.
- A scoring rule written in the text ("记0.5分") must agree with the points
  column of its row.
- A category's points ("产出指标（50分）", "工作实效（50分）") must equal the sum
  of its items' points.
"""

from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from jixiao.checks.registry import Amount, Place, Result, Severity, register
from jixiao.checks.rules.scheme_points import execution_points_allowed, points_total
from jixiao.money import fmt_amount

EXECUTION = register("score.execution", "执行率得分与分值×执行率不符", Severity.WARNING, "scores",
         "预算执行率得分 = 分值 × 执行率（最高为满分）；按表式的计分口径改正得分。")
TEXT_POINTS = register("scheme.text_points", "评分标准文字与分值栏不符", Severity.ERROR, "scores",
         "评分标准中写的分数应与该行分值一致；改正其中之一。")
CATEGORY_POINTS = register("scheme.category_points", "类别分值与各项分值之和不符", Severity.ERROR, "scores",
         "类别标明的分值应等于其下各项分值之和。")

CENT = Decimal("0.01")


def execution_score(points: Amount, rate_percent: Decimal, score: Amount, tolerance: Decimal = CENT,
                    what: str = "执行率得分", extra_places: tuple[Place, ...] = (), key: str = "") -> Result | None:
    rate = min(rate_percent, Decimal(100))
    exact = points.value * rate / 100
    allowed = execution_points_allowed(points.value, rate_percent)
    if abs(score.value - exact) <= tolerance:
        return None
    higher = score.value > exact
    reading = ""
    if score.value == score.value.to_integral_value():
        if exact.quantize(Decimal(1), rounding=ROUND_HALF_UP) == score.value:
            reading = "；只有按四舍五入取整计分时才成立"
        elif exact.quantize(Decimal(1), rounding=ROUND_DOWN) == score.value:
            reading = "；只有按向下取整计分时才成立"
    direction = "高于" if higher else "低于"
    return EXECUTION.found(
        f"预算执行率 {rate_percent.quantize(CENT, rounding=ROUND_HALF_UP)}%，{what}应为 {fmt_amount(points.value)} × "
        f"{rate.quantize(CENT, rounding=ROUND_HALF_UP)}% = {allowed} 分，所列 {score.value} 分，{direction}应得分{reading}",
        (score.place, points.place, *extra_places), key or f"execution-score:{score.place.ref}",
        {"stated": str(score.value), "computed": str(allowed)},
    )


def scheme_text_points(points: Amount, written: Amount, what: str = "", key: str = "") -> Result | None:
    if points.value == written.value:
        return None
    return TEXT_POINTS.found(
        f"{what}评分标准写“{written.value}分”，分值栏为 {points.value} 分",
        (written.place, points.place), key or f"text-points:{written.place.ref}",
    )


def category_points(total: Amount, items: list[Amount], what: str, key: str = "") -> Result | None:
    computed = points_total(item.value for item in items)
    if computed == total.value:
        return None
    formula = "+".join(f"{item.value}" for item in items)
    return CATEGORY_POINTS.found(
        f"“{what}”标明 {total.value} 分，各项分值 {formula} = {computed} 分",
        (total.place, *(item.place for item in items)), key or f"category:{total.place.ref}",
    )
