"""A scoring scheme as a plain file (JSON), and every rule a scheme must satisfy.

One format for everything that moves a scheme: the shipped schemes
(jixiao/scoring/shipped/*.json, loaded by a data migration), the finance
bureau's export and import, and the editor, which validates what was typed by
turning it into this shape and calling `problems`. Pure Python: no database.

    {"format": "jixiao-scoring-scheme/1", "code": "hubei-2022", "family": "hubei", "version": 1,
     "name": ..., "source": ..., "layout": "hubei",
     "execution": {"points": "20", "formula": "rate_capped"},
     "categories": [{"name": "年度绩效目标", "points": "80", "split_by_unit": true,
                     "members": ["产出指标", "效益指标", "满意度指标"]}],
     "category_aliases": {"成本指标": "产出指标"},
     "grade_bands": [{"grade": "优", "floor": "90", "consequence": "优先安排预算"}, ...],
     "qualitative_tiers": [["100", "80"], ["80", "60"], ["60", "0"]],
     "reverse_rule": "ratio", "allow_ranges": false, "range_above_rule": "full",
     "satisfaction_redistribution": true, "over_achievement": {"ratio": "2", "deduction": false},
     "step": "0.01", "tolerance": "0.01",
     "validity": [{"region": "湖北", "from_year": 2022, "to_year": null, "kind": "project"}]}

Numbers are strings (Decimal, never float); a float in a file is refused.
"""

import json
import re
from decimal import Decimal, InvalidOperation
from pathlib import Path

from jixiao.scoring.schemes import (
    EXECUTION_FORMULAS,
    LAYOUTS,
    RANGE_ABOVE_RULES,
    REVERSE_RULES,
    ScoringScheme,
)

FORMAT = "jixiao-scoring-scheme/1"
SHIPPED = Path(__file__).resolve().parent / "shipped"
HUNDRED = Decimal(100)
ZERO = Decimal(0)
KINDS = ("", "project", "department")
CODE = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")


class SchemeFileError(ValueError):
    """A scheme file or a typed scheme that breaks a rule; `problems` are (field, Chinese message)."""

    def __init__(self, problems: list[tuple[str, str]]):
        self.problems = problems
        super().__init__("；".join(message for _, message in problems))


def _number(value, field: str, problems: list) -> Decimal | None:
    if value is None or value == "":
        return None
    if isinstance(value, float):
        problems.append((field, f"{field} 须写成字符串形式的数字（如 \"10\"），不接受浮点数"))
        return None
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        problems.append((field, f"“{value}”不是数字"))
        return None
    if not number.is_finite():
        problems.append((field, f"“{value}”不是数字"))
        return None
    return number


def fmt(value: Decimal) -> str:
    return format(value.normalize(), "f") if value == value.to_integral() else format(value, "f").rstrip("0")


def problems(data: dict) -> list[tuple[str, str]]:
    """Every rule a scheme breaks, as (field, message in Chinese); [] when it may be saved or published.

    field names: code, name, execution_points, categories, categories-<n>-points, grade_bands,
    grade_bands-<n>-floor, qualitative_tiers, category_aliases, step, tolerance,
    over_achievement_ratio, validity-<n>, layout, reverse_rule, range_above_rule.
    """
    found: list[tuple[str, str]] = []
    if not isinstance(data, dict):
        return [("file", "文件内容不是一个评分方案")]
    if not CODE.match(str(data.get("code", ""))):
        found.append(("code", "方案代码须为小写字母、数字和连字符（如 hubei-2022），不超过40个字符"))
    if not str(data.get("name", "")).strip():
        found.append(("name", "请填写方案名称"))
    if data.get("layout", "mof") not in LAYOUTS:
        found.append(("layout", f"未知的自评表格式“{data.get('layout')}”"))
    if data.get("reverse_rule", "ratio") not in REVERSE_RULES:
        found.append(("reverse_rule", f"未知的反向指标计分规则“{data.get('reverse_rule')}”"))
    if data.get("range_above_rule", "full") not in RANGE_ABOVE_RULES:
        found.append(("range_above_rule", f"未知的区间计分规则“{data.get('range_above_rule')}”"))
    execution = data.get("execution") or {}
    if execution.get("formula", "rate_capped") not in EXECUTION_FORMULAS:
        found.append(("execution_formula", f"未知的执行率计分公式“{execution.get('formula')}”"))
    execution_points = _number(execution.get("points"), "execution_points", found)
    if execution_points is None:
        found.append(("execution_points", "请填写预算执行率分值（不计执行率时填 0）"))
    elif not ZERO <= execution_points <= HUNDRED:
        found.append(("execution_points", "预算执行率分值须在 0–100 分之间"))

    categories = data.get("categories") or []
    names = []
    total = execution_points or ZERO
    for index, category in enumerate(categories):
        name = str(category.get("name", "")).strip()
        field = f"categories-{index}"
        if not name:
            found.append((f"{field}-name", f"第{index + 1}个类别没有名称"))
        elif name in names:
            found.append((f"{field}-name", f"类别“{name}”重复"))
        names.append(name)
        points = _number(category.get("points"), f"{field}-points", found)
        if points is None:
            found.append((f"{field}-points", f"请填写“{name}”的分值"))
        elif points < 0:
            found.append((f"{field}-points", f"“{name}”的分值不能为负数"))
        else:
            total += points
        members = [str(m).strip() for m in category.get("members") or [] if str(m).strip()]
        if category.get("split_by_unit") and not members:
            found.append((f"{field}-members", f"“{name}”由单位分配分值，须列出其下的一级指标（如 产出指标、效益指标）"))
    if not categories:
        found.append(("categories", "至少设置一个评分类别（一级指标）"))
    elif execution_points is not None and total != HUNDRED:
        parts = " + ".join([fmt(execution_points), *(fmt(_number(c.get("points"), "", []) or ZERO) for c in categories)])
        found.append(("categories", f"预算执行率与各类别分值合计 {parts} = {fmt(total)} 分，应为 100 分"))
    split_members = {m for c in categories if c.get("split_by_unit") for m in c.get("members") or []}
    for member in split_members & set(names):
        found.append(("categories", f"“{member}”既是单独计分的类别，又列在由单位分配的类别之下"))
    aliases = data.get("category_aliases") or {}
    for level1, target in aliases.items():
        if target not in names:
            found.append(("category_aliases", f"一级指标“{level1}”归入的类别“{target}”不在本方案的类别中"))

    bands = data.get("grade_bands") or []
    if not bands:
        found.append(("grade_bands", "至少设置一个评价等次"))
    grades, previous = [], None
    for index, band in enumerate(bands):
        grade = str(band.get("grade", "")).strip()
        field = f"grade_bands-{index}"
        if not grade:
            found.append((f"{field}-grade", f"第{index + 1}个等次没有名称"))
        elif grade in grades:
            found.append((f"{field}-grade", f"等次“{grade}”重复"))
        grades.append(grade)
        floor = _number(band.get("floor"), f"{field}-floor", found)
        if floor is None:
            found.append((f"{field}-floor", f"请填写“{grade}”的分数线"))
            continue
        if not ZERO <= floor <= HUNDRED:
            found.append((f"{field}-floor", f"“{grade}”的分数线须在 0–100 分之间"))
        if previous is not None and floor >= previous[1]:
            found.append((f"{field}-floor", f"等次须从高到低排列且不重叠：“{grade}”的分数线 {fmt(floor)} 分"
                                            f"不低于上一等次“{previous[0]}”的 {fmt(previous[1])} 分"))
        previous = (grade, floor)
    if previous is not None and previous[1] != ZERO:
        found.append((f"grade_bands-{len(bands) - 1}-floor", f"最低等次“{previous[0]}”的分数线应为 0 分，否则低分没有等次"))

    tiers = data.get("qualitative_tiers") or []
    if not tiers:
        found.append(("qualitative_tiers", "至少设置一个定性评价档次"))
    expected_high = HUNDRED
    for index, tier in enumerate(tiers):
        if not isinstance(tier, (list, tuple)) or len(tier) != 2:
            found.append(("qualitative_tiers", f"第{index + 1}档须写成“上限%–下限%”"))
            break
        high = _number(tier[0], "qualitative_tiers", found)
        low = _number(tier[1], "qualitative_tiers", found)
        if high is None or low is None:
            found.append(("qualitative_tiers", f"第{index + 1}档缺少上限或下限"))
            break
        if not ZERO <= low < high <= HUNDRED:
            found.append(("qualitative_tiers", f"第{index + 1}档 {fmt(low)}%–{fmt(high)}% 无效：下限须低于上限，且在 0–100% 之间"))
        elif high != expected_high:
            found.append(("qualitative_tiers", f"第{index + 1}档的上限 {fmt(high)}% 应接上一档的下限 {fmt(expected_high)}%"))
        expected_high = low
    if tiers and not any(code == "qualitative_tiers" for code, _ in found) and expected_high != ZERO:
        found.append(("qualitative_tiers", f"最后一档的下限应为 0%，现为 {fmt(expected_high)}%"))
    if len(tiers) > 5:
        found.append(("qualitative_tiers", "定性评价最多五档"))

    step = _number(data.get("step", "0.01"), "step", found)
    if step is None or step <= 0:
        found.append(("step", "计分单位须大于 0（如 0.01 或 0.5 分）"))
    tolerance = _number(data.get("tolerance", "0.01"), "tolerance", found)
    if tolerance is None or tolerance < 0:
        found.append(("tolerance", "核对容差不能为负数"))
    over = data.get("over_achievement") or {}
    ratio = _number(over.get("ratio"), "over_achievement_ratio", found)
    if ratio is not None and ratio <= 1:
        found.append(("over_achievement_ratio", "超额完成提示倍数须大于 1（如 2 倍），不提示时留空"))
    if over.get("deduction") and ratio is None:
        found.append(("over_achievement_ratio", "超额扣分须先设定提示倍数"))

    for index, line in enumerate(data.get("validity") or []):
        from_year, to_year = line.get("from_year"), line.get("to_year")
        if from_year is not None and to_year is not None and int(from_year) > int(to_year):
            found.append((f"validity-{index}", f"适用范围第{index + 1}行：起始年度 {from_year} 晚于截止年度 {to_year}"))
        if line.get("kind", "") not in KINDS:
            found.append((f"validity-{index}", f"适用范围第{index + 1}行：未知的类型“{line.get('kind')}”"))
    return found


def scheme_from_data(data: dict) -> ScoringScheme:
    """The engine's scheme from a checked file (SchemeFileError listing every problem otherwise)."""
    found = problems(data)
    if found:
        raise SchemeFileError(found)
    category_points = {c["name"].strip(): Decimal(str(c["points"])) for c in data["categories"]}
    aliases = dict(data.get("category_aliases") or {})
    split = {}
    for category in data["categories"]:
        if category.get("split_by_unit"):
            members = tuple(m.strip() for m in category["members"] if m.strip())
            split[category["name"].strip()] = members
            for member in members:
                aliases[member] = category["name"].strip()
    over = data.get("over_achievement") or {}
    ratio = over.get("ratio")
    bands = data["grade_bands"]
    return ScoringScheme(
        code=data["code"],
        name=data["name"].strip(),
        version=str(data.get("version", 1)),
        execution_points=Decimal(str(data["execution"]["points"])),
        execution_formula=data["execution"].get("formula", "rate_capped"),
        category_points=category_points,
        category_aliases=aliases,
        split_categories=split,
        grade_bands=tuple((Decimal(str(b["floor"])), b["grade"].strip()) for b in bands),
        consequences={b["grade"].strip(): b.get("consequence", "") for b in bands if b.get("consequence")},
        qualitative_tiers=tuple((Decimal(str(high)), Decimal(str(low))) for high, low in data["qualitative_tiers"]),
        reverse_rule=data.get("reverse_rule", "ratio"),
        allow_ranges=bool(data.get("allow_ranges")),
        range_above_rule=data.get("range_above_rule", "full"),
        satisfaction_redistribution=bool(data.get("satisfaction_redistribution", True)),
        over_achievement_flag_ratio=None if ratio in (None, "") else Decimal(str(ratio)),
        over_achievement_deduction=bool(over.get("deduction")),
        step=Decimal(str(data.get("step", "0.01"))),
        tolerance=Decimal(str(data.get("tolerance", "0.01"))),
        layout=data.get("layout", "mof"),
        source=data.get("source", ""),
    )


def read(text: str | bytes) -> dict:
    """A scheme file's content; SchemeFileError in Chinese when it is not one."""
    try:
        data = json.loads(text)
    except (ValueError, UnicodeDecodeError) as error:
        raise SchemeFileError([("file", f"文件不是有效的 JSON：{error}")]) from error
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise SchemeFileError([("file", f"文件不是评分方案文件（须含 \"format\": \"{FORMAT}\"）")])
    return data


def write(data: dict) -> str:
    return json.dumps({"format": FORMAT, **{k: v for k, v in data.items() if k != "format"}}, ensure_ascii=False, indent=2)


def shipped(code: str) -> dict:
    """A shipped scheme's file (mof-2020, hunan-2017-department, hubei-style, ...)."""
    return read((SHIPPED / f"{code}.json").read_text(encoding="utf-8"))


def shipped_codes() -> list[str]:
    return sorted(path.stem for path in SHIPPED.glob("*.json"))
