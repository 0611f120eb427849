"""Scoring schemes are data: weights, grade bands and rule choices per region and year.

The default is the Ministry of Finance rule (财预〔2020〕10号): execution rate 10,
output 50, outcome 30, satisfaction 10; 优 ≥ 90, 良 ≥ 80, 中 ≥ 60, else 差.
"""

from dataclasses import dataclass, field
from decimal import Decimal

D = Decimal


@dataclass(frozen=True)
class ScoringScheme:
    code: str
    name: str
    execution_points: Decimal
    # Points per level-1 indicator category, keyed by its Chinese name.
    category_points: dict = field(default_factory=dict)
    grade_bands: tuple = ((D("90"), "优"), (D("80"), "良"), (D("60"), "中"), (D("0"), "差"))

    @property
    def total_points(self) -> Decimal:
        return self.execution_points + sum(self.category_points.values(), D("0"))


MOF_2020 = ScoringScheme(
    code="mof-2020",
    name="财政部 财预〔2020〕10号 项目支出绩效自评",
    execution_points=D("10"),
    category_points={"产出指标": D("50"), "效益指标": D("30"), "满意度指标": D("10")},
)


def max_score_given_execution(execution_rate_percent: Decimal, scheme: ScoringScheme = MOF_2020) -> Decimal:
    """The highest total a self-evaluation can reach with this execution rate.

    Execution points are proportional to the rate, capped at full points; every
    other point is assumed earned.
    """
    rate = min(max(execution_rate_percent, D("0")), D("100"))
    execution = (scheme.execution_points * rate / 100).quantize(D("0.01"))
    return execution + (scheme.total_points - scheme.execution_points)
