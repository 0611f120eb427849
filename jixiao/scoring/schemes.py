"""Scoring schemes are data: weights, grade bands and rule choices per region and year.

The default is the Ministry of Finance rule (财预〔2020〕10号): execution rate 10,
output 50, outcome 30, satisfaction 10; 优 ≥ 90, 良 ≥ 80, 中 ≥ 60, else 差.
Hunan's 2017 department-wide self-evaluation form (岳阳 2017, 003) has no
execution points and weighs 产出 60, 效益 40, with satisfaction a level-2
indicator under 效益 — proof that schemes vary and must not be hard-coded.

Choosing a scheme: `scheme_for(region, year, kind)`; the choice table is
SCHEME_CHOICES below, one (region, from_year, to_year, kind, code) per line.
No Django imports here: the engine and the benchmark run without a database.
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

D = Decimal

# Level-1 indicator names, as the forms print them.
OUTPUT = "产出指标"
OUTCOME = "效益指标"
SATISFACTION = "满意度指标"
COST = "成本指标"  # a level-1 of its own in the 2021 framework (财预〔2021〕101号)

REVERSE_RATIO = "ratio"  # ≤ missed: target ÷ actual × points
REVERSE_LINEAR_TO_DOUBLE = "linear_to_double"  # ≤ missed: linear from full at the target to 0 at twice the target
REVERSE_RULES = (REVERSE_RATIO, REVERSE_LINEAR_TO_DOUBLE)

RANGE_ABOVE_FULL = "full"  # [a, b] exceeded above b: still full points ("5-10次" read as "at least 5")
RANGE_ABOVE_RATIO = "ratio"  # [a, b] exceeded above b: b ÷ actual × points (a true band)
RANGE_ABOVE_RULES = (RANGE_ABOVE_FULL, RANGE_ABOVE_RATIO)

DEPARTMENT = "department"  # 部门整体支出
PROJECT = "project"  # 项目支出

MOF_GRADE_BANDS = ((D("90"), "优"), (D("80"), "良"), (D("60"), "中"), (D("0"), "差"))
MOF_QUALITATIVE_TIERS = ((D("100"), D("80")), (D("80"), D("60")), (D("60"), D("0")))
TIER_NAMES = ("第一档", "第二档", "第三档", "第四档", "第五档")


@dataclass(frozen=True)
class ScoringScheme:
    """One versioned scoring scheme.

    category_points: points per level-1 indicator category, keyed by its Chinese
        name (产出指标 / 效益指标 / 满意度指标, and 成本指标 in the 2021 framework);
        the order of the keys is the order of the printed table.
    grade_bands: (floor, grade) from the highest floor down; a total ≥ floor gets the grade.
    reverse_rule: how a missed ≤ / < indicator is scored (REVERSE_RULES).
    satisfaction_redistribution: when no 满意度指标 indicator exists, its points move
        to satisfaction_receivers in proportion to their points.
    over_achievement_flag_ratio: flag an actual above ratio × target (≥ indicators)
        or below target ÷ ratio (≤ indicators); None never flags.
    over_achievement_deduction: when True, a flagged indicator scores
        points × ratio × target ÷ actual (the excess beyond the threshold is treated
        like a missed reverse target); off by default.
    qualitative_tiers: (high %, low %) of the points per tier, best tier first;
        a reviewer's typed score must fall inside the chosen tier (bounds included).
    allow_ranges: whether a target may be a range [a, b].
    range_above_rule: how an actual above b scores (RANGE_ABOVE_RULES).
    step: typed (qualitative) scores must be multiples of it.
    category_aliases: level-1 names scored under another category of this scheme, e.g. a
        满意度指标 row under Hunan 2017's 效益 (where satisfaction is a level-2 of 效益), or a
        2021-framework 成本指标 row under MoF 2020's 产出 (where cost is a level-2 of 产出).
    """

    code: str
    name: str
    execution_points: Decimal
    category_points: dict = field(default_factory=dict)
    grade_bands: tuple = MOF_GRADE_BANDS
    version: str = "1"
    reverse_rule: str = REVERSE_RATIO
    satisfaction_redistribution: bool = True
    satisfaction_receivers: tuple = (OUTPUT, OUTCOME)
    over_achievement_flag_ratio: Decimal | None = D("2")
    over_achievement_deduction: bool = False
    qualitative_tiers: tuple = MOF_QUALITATIVE_TIERS
    allow_ranges: bool = False
    range_above_rule: str = RANGE_ABOVE_FULL
    step: Decimal = D("0.01")
    category_aliases: dict = field(default_factory=dict)
    source: str = ""

    def __post_init__(self):
        if self.reverse_rule not in REVERSE_RULES:
            raise ValueError(f"unknown reverse_rule {self.reverse_rule!r}")
        if self.range_above_rule not in RANGE_ABOVE_RULES:
            raise ValueError(f"unknown range_above_rule {self.range_above_rule!r}")
        floors = [floor for floor, _ in self.grade_bands]
        if floors != sorted(floors, reverse=True):
            raise ValueError("grade_bands must run from the highest floor down")
        for high, low in self.qualitative_tiers:
            if not D("0") <= low <= high <= D("100"):
                raise ValueError("qualitative tiers are (high %, low %) within 0–100")

    # category_points is a dict, so the generated hash would fail; code and version identify a scheme.
    def __hash__(self):
        return hash((self.code, self.version))

    @property
    def total_points(self) -> Decimal:
        return self.execution_points + sum(self.category_points.values(), D("0"))

    @property
    def categories(self) -> tuple:
        return tuple(self.category_points)

    def tier_bounds(self, tier: int, points: Decimal) -> tuple[Decimal, Decimal]:
        """(lowest, highest) score allowed in a qualitative tier for these points."""
        high, low = self.qualitative_tiers[tier]
        return (points * low / 100, points * high / 100)


MOF_2020 = ScoringScheme(
    code="mof-2020",
    name="财政部 财预〔2020〕10号 项目支出绩效自评",
    version="2020",
    execution_points=D("10"),
    category_points={OUTPUT: D("50"), OUTCOME: D("30"), SATISFACTION: D("10")},
    category_aliases={COST: OUTPUT},
    source="财政部《项目支出绩效评价管理办法》（财预〔2020〕10号）附件：项目支出绩效自评表",
)

HUNAN_2017 = ScoringScheme(
    code="hunan-2017-department",
    name="湖南省 2017年度部门（单位）整体支出绩效自评（产出60、效益40）",
    version="2017",
    execution_points=D("0"),
    # Satisfaction is a level-2 indicator under 效益 in this form, so there is no
    # satisfaction category to redistribute.
    category_points={OUTPUT: D("60"), OUTCOME: D("40")},
    category_aliases={SATISFACTION: OUTCOME, COST: OUTPUT},
    satisfaction_redistribution=False,
    # The form's targets are written as ranges ("开展学术交流活动5-10次"); reaching
    # more than the upper figure is not a failure.
    allow_ranges=True,
    range_above_rule=RANGE_ABOVE_FULL,
    source="岳阳市2017年度部门（单位）整体支出绩效评价自评报告（岳阳市财政局制表）",
)

SCHEMES: dict[str, ScoringScheme] = {scheme.code: scheme for scheme in (MOF_2020, HUNAN_2017)}
DEFAULT_SCHEME = MOF_2020

# (region, from_year, to_year, kind, scheme code); None in a year bound is open,
# None as kind matches every kind. The first matching line wins, so put the
# narrowest lines first. Region codes are the demo unit keys ("hunan", "yueyang").
SCHEME_CHOICES: tuple = (
    ("hunan", 2017, 2017, DEPARTMENT, HUNAN_2017.code),
)

# Names people type for a region, mapped to the region code the table uses.
REGION_ALIASES = {"湖南": "hunan", "湖南省": "hunan", "430000": "hunan", "43": "hunan"}


def scheme_for(region=None, year: int | None = None, kind: str = DEPARTMENT, choices=SCHEME_CHOICES) -> ScoringScheme:
    """The scheme for a region and year, MOF_2020 when no line of `choices` matches.

    region: a region code ("hunan"), None, or an iterable of codes from the unit
        itself up to its province (["yueyang", "hunan"]); the first code with a
        matching line wins, so a city may override its province.
    kind: DEPARTMENT (部门整体支出) or PROJECT (项目支出).
    """
    if region is None:
        regions = []
    elif isinstance(region, str):
        regions = [region]
    else:
        regions = list(region)
    for typed in regions:
        code = REGION_ALIASES.get(typed, typed)
        for choice_region, from_year, to_year, choice_kind, scheme_code in choices:
            if choice_region != code:
                continue
            if year is not None and from_year is not None and year < from_year:
                continue
            if year is not None and to_year is not None and year > to_year:
                continue
            if choice_kind is not None and choice_kind != kind:
                continue
            return SCHEMES[scheme_code]
    return DEFAULT_SCHEME


def max_score_given_execution(execution_rate_percent: Decimal, scheme: ScoringScheme = MOF_2020) -> Decimal:
    """The highest total a self-evaluation can reach with this execution rate.

    Execution points are proportional to the rate, capped at full points; every
    other point is assumed earned.
    """
    rate = min(max(execution_rate_percent, D("0")), D("100"))
    execution = (scheme.execution_points * rate / 100).quantize(D("0.01"), rounding=ROUND_HALF_UP)
    return execution + (scheme.total_points - scheme.execution_points)
