"""A scheme's arithmetic and its thresholds.

A scheme may be issued only when its sums hold: categories add up to the base
points, each category's items to the category, the judge groups' weights to
100 %, and the bonus items can reach the bonus cap. The checks are rules of the
one registry, with the reason spelled out in Chinese.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from jixiao.assessment.domain.numbers import ZERO, fmt_points
from jixiao.checks.registry import Place, Result
from jixiao.checks.rules import scheme_points as rules

HUNDRED = rules.HUNDRED


@dataclass(frozen=True)
class CategorySpec:
    number: int
    name: str
    points: Decimal


@dataclass(frozen=True)
class ItemSpec:
    number: int
    category: int
    points: Decimal
    step: Decimal | None = None


@dataclass(frozen=True)
class GroupSpec:
    name: str
    weight: Decimal


@dataclass(frozen=True)
class SchemeSpec:
    base_points: Decimal
    bonus_cap: Decimal
    step: Decimal
    categories: Sequence[CategorySpec]
    items: Sequence[ItemSpec]
    bonus_caps: Sequence[Decimal]
    groups: Sequence[GroupSpec]
    routine_weight: Decimal = ZERO
    drop_extremes: bool = False
    drop_extremes_min_judges: int = 5


@dataclass(frozen=True)
class SumLine:
    """One of the scheme's sums as shown to the office: 13 + 28 + 26 + 7 + 26 = 100."""

    label: str
    parts: tuple[Decimal, ...]
    expected: Decimal
    suffix: str = ""
    at_least: bool = False

    @property
    def total(self) -> Decimal:
        return rules.points_total(self.parts)

    @property
    def ok(self) -> bool:
        return self.total >= self.expected if self.at_least else rules.points_add_up(self.parts, self.expected)

    @property
    def formula(self) -> str:
        parts = " + ".join(fmt_points(part) + self.suffix for part in self.parts) or "0"
        relation = "=" if self.total == self.expected else ("≥" if self.total > self.expected and self.at_least else "≠")
        if relation == "=":
            return f"{parts} = {fmt_points(self.total)}{self.suffix}"
        return f"{parts} = {fmt_points(self.total)}{self.suffix} {relation} {fmt_points(self.expected)}{self.suffix}"


@dataclass
class SchemeReport:
    sums: list[SumLine] = field(default_factory=list)
    errors: list[Result] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def check_scheme(spec: SchemeSpec) -> SchemeReport:
    """Every sum of the scheme with its formula, and the reasons it cannot be issued (if any)."""
    report = SchemeReport()
    place = Place("考核办法", "scheme")

    categories = SumLine("各考核类别分值之和等于基础分", tuple(c.points for c in spec.categories), spec.base_points)
    report.sums.append(categories)
    if not categories.ok:
        report.errors.append(rules.CATEGORIES_SUM.found(
            f"各考核类别分值之和 {categories.formula}，应等于基础分 {fmt_points(spec.base_points)}"
            f"（差 {fmt_points(categories.total - spec.base_points)}）",
            (place,), "categories",
        ))

    for category in spec.categories:
        items = [item for item in spec.items if item.category == category.number]
        line = SumLine(f"「{category.name}」各项分值之和等于 {fmt_points(category.points)}", tuple(i.points for i in items), category.points)
        report.sums.append(line)
        if not line.ok:
            numbers = "、".join(str(item.number) for item in items) or "无"
            report.errors.append(rules.ITEMS_SUM.found(
                f"「{category.name}」各项（第{numbers}项）分值之和 {line.formula}，应等于类别分值 {fmt_points(category.points)}",
                (Place(category.name, f"category:{category.number}"),), f"category:{category.number}",
            ))
    orphans = sorted(item.number for item in spec.items if item.category not in {c.number for c in spec.categories})
    if orphans:
        report.errors.append(rules.ITEMS_SUM.found(
            f"第{'、'.join(map(str, orphans))}项不属于任何考核类别", (place,), "orphans",
        ))

    bonus = SumLine(f"加分项目最高分之和不小于加分上限 {fmt_points(spec.bonus_cap)}", tuple(spec.bonus_caps), spec.bonus_cap, at_least=True)
    report.sums.append(bonus)
    if spec.bonus_caps and not bonus.ok:
        report.errors.append(rules.BONUS_CAPS.found(
            f"加分项目最高分之和 {bonus.formula}，小于加分上限 {fmt_points(spec.bonus_cap)}，加分上限无法达到",
            (place,), "bonus",
        ))
    for number, cap in enumerate(spec.bonus_caps, start=1):
        if cap > spec.bonus_cap:
            report.errors.append(rules.BONUS_CAPS.found(
                f"加分项目{number}最高 {fmt_points(cap)} 分，超过加分上限 {fmt_points(spec.bonus_cap)} 分",
                (place,), f"bonus:{number}",
            ))

    weights = SumLine("评委组权重之和等于 100%", tuple(g.weight for g in spec.groups), HUNDRED, suffix="%")
    report.sums.append(weights)
    if not spec.groups:
        report.errors.append(rules.WEIGHTS_SUM.found(
            "尚未设置评委组", (place,), "weights"))
    elif not weights.ok:
        names = "、".join(f"{g.name} {fmt_points(g.weight)}%" for g in spec.groups)
        report.errors.append(rules.WEIGHTS_SUM.found(
            f"评委组权重之和 {weights.formula}（{names}），应为 100%", (place,), "weights",
        ))
    for group in spec.groups:
        if group.weight <= 0:
            report.errors.append(rules.WEIGHTS_SUM.found(
                f"评委组「{group.name}」的权重须大于 0", (place,), f"group:{group.name}",
            ))

    report.errors.extend(_setting_errors(spec, place))
    return report


def _setting_errors(spec: SchemeSpec, place: Place) -> list[Result]:
    errors = []
    if spec.step <= 0:
        errors.append(rules.SETTING.found(
            "评分步长须大于 0", (place,), "step"))
    else:
        for item in spec.items:
            step = item.step or spec.step
            if not rules.on_step(item.points, step):
                errors.append(rules.STEP.found(
                    f"第{item.number}项分值 {fmt_points(item.points)} 不是评分步长 {fmt_points(step)} 的整数倍",
                    (Place(f"第{item.number}项", f"item:{item.number}"),), f"step:{item.number}",
                ))
    if not spec.items:
        errors.append(rules.SETTING.found(
            "尚未设置考核项目", (place,), "items"))
    if not ZERO <= spec.routine_weight < HUNDRED:
        errors.append(rules.SETTING.found(
            f"平时工作情况权重 {fmt_points(spec.routine_weight)}% 须不小于 0% 且小于 100%", (place,), "routine",
        ))
    if spec.drop_extremes and spec.drop_extremes_min_judges < 3:
        errors.append(rules.SETTING.found(
            "去掉最高分和最低分时，每组至少要有 3 名评委（去掉两名后仍有评分）", (place,), "drop_extremes",
        ))
    return errors


# --- Thresholds -------------------------------------------------------------


@dataclass(frozen=True)
class ThresholdSpec:
    minimum: Decimal | None = None
    maximum: Decimal | None = None
    unit_id: int | None = None
    attribute: str = ""
    attribute_value: bool | None = None


@dataclass(frozen=True)
class AttributeUnknown:
    """The threshold depends on an attribute not yet recorded for the county."""

    attribute: str


def applicable_threshold(
    thresholds: Sequence[ThresholdSpec], unit_id: int, attributes: Mapping[str, bool]
) -> ThresholdSpec | AttributeUnknown | None:
    """The county's own threshold, else its attribute's, else the general one; None when none applies."""
    for threshold in thresholds:
        if threshold.unit_id == unit_id:
            return threshold
    by_attribute = [t for t in thresholds if t.unit_id is None and t.attribute]
    for threshold in by_attribute:
        if threshold.attribute not in attributes:
            return AttributeUnknown(threshold.attribute)
        if attributes[threshold.attribute] == threshold.attribute_value:
            return threshold
    for threshold in thresholds:
        if threshold.unit_id is None and not threshold.attribute:
            return threshold
    return None


def describe_threshold(threshold: ThresholdSpec, unit_label: str) -> str:
    low, high = threshold.minimum, threshold.maximum
    if low is not None and high is not None:
        return f"{fmt_points(low)}–{fmt_points(high)}{unit_label}"
    if low is not None:
        return f"不少于{fmt_points(low)}{unit_label}"
    if high is not None:
        return f"不多于{fmt_points(high)}{unit_label}"
    return "—"


class Met:
    MET = "met"
    NOT_MET = "not_met"
    NO_VALUE = "no_value"
    NO_THRESHOLD = "no_threshold"
    UNKNOWN = "unknown"

    LABELS = {
        MET: "达到",
        NOT_MET: "未达到",
        NO_VALUE: "未填写",
        NO_THRESHOLD: "无门槛",
        UNKNOWN: "门槛待定",
    }


def threshold_met(value: Decimal | None, threshold: ThresholdSpec | AttributeUnknown | None) -> str:
    if threshold is None:
        return Met.NO_THRESHOLD
    if isinstance(threshold, AttributeUnknown):
        return Met.UNKNOWN
    if value is None:
        return Met.NO_VALUE
    if threshold.minimum is not None and value < threshold.minimum:
        return Met.NOT_MET
    if threshold.maximum is not None and value > threshold.maximum:
        return Met.NOT_MET
    return Met.MET
