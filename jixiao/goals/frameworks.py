"""Indicator frameworks (指标体系) as plain values: which classes an indicator may take, which fields it must carry.

A framework is stored as versioned data (goals.models.IndicatorFramework, valid by region, years
and kind); the indicator form, the goal checks and the documents read it through `FrameworkRules`.
Pure: no database here.
"""

from dataclasses import dataclass, field

# Indicator fields a framework may require, with the names the forms print.
REQUIRED_FIELDS = {
    "formula": "计算公式",
    "value_basis": "取值依据",
    "reference_value": "参考值",
    "last_year_value": "上年值",
    "value_explanation": "指标值解释",
}
# A formula, a reference value and last year's value only make sense for a number.
QUANTITATIVE_ONLY = {"formula", "reference_value", "last_year_value"}


@dataclass(frozen=True)
class FrameworkRules:
    """A framework version: level-1 classes in order, each with its level-2 classes, and the required fields."""

    name: str
    classes: tuple  # ((level1, (level2, ...)), ...)
    required: tuple = ()
    version_label: str = ""
    notes: dict = field(default_factory=dict)

    @property
    def level1_names(self) -> tuple:
        return tuple(level1 for level1, _ in self.classes)

    def level2_names(self, level1: str) -> tuple:
        return dict(self.classes).get(level1, ())

    def class_errors(self, level1: str, level2: str) -> dict:
        """{field: Chinese message} when the classes are not this framework's; {} when they are."""
        if level1 not in self.level1_names:
            return {"level1": f"一级指标“{level1}”不在《{self.name}》中，可选：{'、'.join(self.level1_names)}"}
        allowed = self.level2_names(level1)
        if level2 and level2 not in allowed:
            return {"level2": f"二级指标“{level2}”不属于《{self.name}》的{level1}，可选：{'、'.join(allowed)}"}
        return {}

    def missing(self, values: dict, quantitative: bool) -> dict:
        """{field: Chinese message} for each required field left empty."""
        errors = {}
        for name in self.required:
            if name in QUANTITATIVE_ONLY and not quantitative:
                continue
            if not str(values.get(name) or "").strip():
                errors[name] = f"《{self.name}》要求填写{REQUIRED_FIELDS[name]}"
        return errors


def parse_classes(text: str) -> tuple[tuple, list[str]]:
    """Classes typed one level-1 per line, "成本指标：经济成本指标、社会成本指标" → (classes, errors in Chinese)."""
    classes, errors, seen = [], [], set()
    for number, typed in enumerate((text or "").splitlines(), start=1):
        line = typed.strip()
        if not line:
            continue
        head, sep, tail = line.replace(":", "：").partition("：")
        level1 = head.strip()
        level2 = [item.strip() for item in tail.replace(",", "、").replace("，", "、").replace("/", "、").split("、") if item.strip()]
        if not sep or not level1:
            errors.append(f"第{number}行“{line}”请写成“一级指标：二级指标、二级指标”")
            continue
        if level1 in seen:
            errors.append(f"第{number}行：一级指标“{level1}”重复")
            continue
        if not level2:
            errors.append(f"第{number}行：一级指标“{level1}”至少需要一个二级指标")
            continue
        if len(set(level2)) != len(level2):
            errors.append(f"第{number}行：{level1}的二级指标有重复")
            continue
        seen.add(level1)
        classes.append((level1, tuple(level2)))
    if not classes and not errors:
        errors.append("至少需要一个一级指标")
    return tuple(classes), errors


def classes_text(classes) -> str:
    return "\n".join(f"{level1}：{'、'.join(level2)}" for level1, level2 in classes)


def field_details(indicator) -> str:
    """The framework fields an indicator carries, as the goal page and the 自评表 print them:
    "计算公式：…；取值依据：历史标准；参考值：…" ("" when it carries none)."""
    parts = []
    for name, label in REQUIRED_FIELDS.items():
        value = str(getattr(indicator, name, "") or "").strip()
        if value and name == "value_basis":
            value = indicator.get_value_basis_display()
        if value:
            parts.append(f"{label}：{value}")
    return "；".join(parts)
