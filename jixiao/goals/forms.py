"""Reading what a user typed into a goal's indicator table: values or a Chinese message per cell.

Every typed text is kept so that a refused save shows the page exactly as it was typed.
"""

import copy
from dataclasses import dataclass, field
from decimal import Decimal

from jixiao.numbers import NumberError, read_decimal

MAX_VALUE = Decimal("1e12")
TEXT_FIELDS = ("deviation_reason", "corrective_measure", "tier_reason", "explanation")


def field_name(indicator_id: int, field_: str) -> str:
    return f"i-{indicator_id}-{field_}"


def read_value(text: str, what: str) -> Decimal | None:
    try:
        value = read_decimal(text, example="12 或 12.5", subject=what, max_abs=MAX_VALUE, too_large=f"{what}过大，请检查")
    except NumberError as error:
        message = str(error)
        if message.startswith("请输入数字"):
            message = f"{what}须为数字，如 12 或 12.5"
        raise ValueError(message) from error
    if value is None:
        return None
    if value.as_tuple().exponent < -4:
        raise ValueError(f"{what}最多保留四位小数")
    return value


@dataclass
class PostedIndicators:
    """Typed values per indicator id, texts as typed, and errors per field name."""

    values: dict = field(default_factory=dict)
    texts: dict = field(default_factory=dict)
    errors: dict = field(default_factory=dict)

    def with_values(self, indicators):
        """Unsaved copies of the indicators carrying the typed values, for a live score."""
        changed = []
        for indicator in indicators:
            copy_ = copy.copy(indicator)
            for name, value in self.values.get(indicator.pk, {}).items():
                setattr(copy_, name, value)
            changed.append(copy_)
        return changed


def read_indicators(post, indicators, may_grade: bool, may_type: bool = True) -> PostedIndicators:
    """What was typed: values (the unit's, when `may_type`) and a 定性 indicator's grade (the reviewer's, when `may_grade`).

    A 定性 indicator's actual is words ("已完成"), kept as its actual_text; other actuals are numbers.
    """
    posted = PostedIndicators()
    for indicator in indicators:
        values = {}
        qualitative = indicator.operator == "qualitative"
        key = field_name(indicator.pk, "actual")
        if may_type and key in post:
            text = post.get(key, "")
            posted.texts[key] = text
            if qualitative:
                values["actual_text"] = text.strip()
            else:
                try:
                    values["actual"] = read_value(text, "实际完成值")
                except ValueError as error:
                    posted.errors[key] = str(error)
        key = field_name(indicator.pk, "qualitative_score")
        if may_grade and key in post:
            text = post.get(key, "")
            posted.texts[key] = text
            try:
                values["qualitative_score"] = read_value(text, "定性得分")
            except ValueError as error:
                posted.errors[key] = str(error)
        tier_key = field_name(indicator.pk, "qualitative_tier")
        if may_grade and tier_key in post:
            text = post.get(tier_key, "")
            posted.texts[tier_key] = text
            values["qualitative_tier"] = int(text) if text in {"0", "1", "2"} else None
        for name in TEXT_FIELDS:
            key = field_name(indicator.pk, name)
            if key in post and (may_grade if name == "tier_reason" else may_type):
                posted.texts[key] = post.get(key, "")
                values[name] = post.get(key, "").strip()
        if values.get("qualitative_tier") is not None and not values.get("tier_reason", indicator.tier_reason):
            posted.errors[field_name(indicator.pk, "tier_reason")] = "选择定性档次须填写理由"
        posted.values[indicator.pk] = values
    return posted
