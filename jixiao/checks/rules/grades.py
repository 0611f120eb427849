"""Grades: the grade of a score under a scheme's bands, and scores a rate does not allow.

The bands are never written here: they come from the scoring scheme
(`jixiao.scoring.schemes.ScoringScheme.grade_bands`, 优 ≥ 90, 良 ≥ 80, 中 ≥ 60,
else 差 under 财预〔2020〕10号), passed in by the caller.
"""

from decimal import ROUND_HALF_UP, Decimal

from jixiao.checks.registry import Amount, Place, Result, Severity, register

BAND = register("grade.band", "评价等次与得分不符", Severity.ERROR, "grades", "按评分办法的等次分数线确定等次（财预〔2020〕10号：优≥90、良≥80、中≥60、差<60）。")
ABOVE_EXECUTION = register("report.score_above_execution", "自评得分高于预算执行率所允许的最高分", Severity.WARNING, "grades",
                           "按财预〔2020〕10号，预算执行率占10分、按执行率计分；下调自评得分或说明执行数口径。")
LOW_EXECUTION = register("grade.low_execution", "评价等次高于“中”而预算执行率低", Severity.WARNING, "grades",
                         "说明执行率偏低的原因，并核对自评等次是否合理。")

# How reports write the four grades.
GRADE_ALIASES = {"优秀": "优", "良好": "良", "中等": "中", "合格": "中", "较差": "差", "不合格": "差"}


def grade_for(score: Decimal, bands) -> str:
    """The grade of a score: bands are (floor, grade) from the highest floor down; a score ≥ floor gets the grade."""
    for floor, grade in bands:
        if score >= floor:
            return grade
    return bands[-1][1]


def normalised_grade(text: str) -> str:
    return GRADE_ALIASES.get(text, text)


def grade_in_band(score: Amount, grade: str, grade_place: Place, bands, key: str = "") -> Result | None:
    expected = grade_for(score.value, bands)
    if normalised_grade(grade) == expected:
        return None
    return BAND.found(
        f"得分 {score.value} 对应等次为“{expected}”，所列为“{grade}”",
        (score.place, grade_place),
        key or f"grade:{grade_place.ref}",
    )


def score_within_ceiling(score: Amount, ceiling: Decimal, rate_text: str, execution_points: Decimal, places=(),
                         key: str = "score-ceiling", data: dict | None = None, weights: str = "财政部权重") -> Result | None:
    """A total above what the execution rate allows (execution points proportional to the rate, all else earned)."""
    if score.value <= ceiling:
        return None
    return ABOVE_EXECUTION.found(
        f"预算执行率 {rate_text}，按{weights}（执行率 {execution_points} 分）最高只能得 {ceiling} 分，自评得分却为 {score.value} 分",
        (score.place, *places), key, data,
    )


def low_execution_grade(rate_percent: Decimal, grade: str, places: tuple[Place, ...], bands, floor: Decimal = Decimal(80),
                        score: Decimal | None = None, basis: str = "", key: str = "grade-execution") -> Result | None:
    """A grade above 中 (the scheme's two top bands), or a score in them, beside an execution rate below `floor`."""
    top_two = bands[:2]
    high = normalised_grade(grade) in {name for _, name in top_two} or (score is not None and score >= top_two[-1][0])
    if not high or rate_percent >= floor:
        return None
    shown = f"{score} 分" if score is not None else ""
    grade_text = f"“{grade}”" if grade else ""
    return LOW_EXECUTION.found(
        f"总体预算执行率仅 {rate_percent.quantize(Decimal('0.1'), rounding=ROUND_HALF_UP)}%{basis}，自评却为 {shown}{grade_text}",
        places, key, {"rate": str(rate_percent)},
    )
