"""What a judge may type, and whom a judge may score."""

from decimal import Decimal, InvalidOperation

from jixiao.assessment.domain.numbers import fmt_points

FULL_WIDTH = str.maketrans("０１２３４５６７８９．", "0123456789.")


class EntryError(ValueError):
    """A typed score or figure that cannot be accepted; the message is for the user, in Chinese."""


def parse_score(text: str | None, points: Decimal, step: Decimal) -> Decimal | None:
    """A score within [0, points] on the step; None when the field was emptied."""
    cleaned = (text or "").strip().translate(FULL_WIDTH).replace(" ", "")
    if cleaned == "":
        return None
    try:
        value = Decimal(cleaned)
    except InvalidOperation as error:
        raise EntryError("请输入数字分数，如 3.5") from error
    if not value.is_finite():
        raise EntryError("请输入数字分数，如 3.5")
    if value < 0:
        raise EntryError("得分不能为负数")
    if value > points:
        raise EntryError(f"得分不能超过本项分值 {fmt_points(points)} 分")
    if value % step != 0:
        raise EntryError(f"得分须为 {fmt_points(step)} 的整数倍")
    return value.quantize(Decimal("0.01"))


def conflict_reason(
    judge_home_path: str, issuing_path: str, assessed_path: str, declared_reason: str | None = None
) -> str | None:
    """Why a judge may not score an assessed unit, or None.

    A judge from the issuing association (or above it) has no conflict by unit;
    a judge from a county, or from a unit below one, may not score that county,
    the unit's own parent or its sub-units. A declared conflict always applies.
    """
    if declared_reason:
        return f"评委已声明回避：{declared_reason}"
    if judge_home_path == assessed_path:
        return "评委所在单位即被考核单位"
    if issuing_path.startswith(judge_home_path):
        return None
    if judge_home_path.startswith(assessed_path):
        return "被考核单位是评委所在单位的上级单位"
    if assessed_path.startswith(judge_home_path):
        return "被考核单位是评委所在单位的下属单位"
    return None


def parse_measure_value(text: str | None) -> Decimal | None:
    """A county's figure for a measure: a count or a percentage, not negative, at most two decimals."""
    cleaned = (text or "").strip().translate(FULL_WIDTH).replace(" ", "").replace(",", "").removesuffix("%")
    if cleaned == "":
        return None
    try:
        value = Decimal(cleaned)
    except InvalidOperation as error:
        raise EntryError("请输入数字，如 6") from error
    if not value.is_finite():
        raise EntryError("请输入数字，如 6")
    if value < 0:
        raise EntryError("不能为负数")
    # The bound first: quantizing "1e30" overflows the decimal context.
    if value >= Decimal("1e12"):
        raise EntryError("数值过大，请检查")
    if value != value.quantize(Decimal("0.01")):
        raise EntryError("最多保留两位小数")
    return value.quantize(Decimal("0.01"))
