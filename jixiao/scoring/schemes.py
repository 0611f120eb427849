"""Scoring schemes are data: weights, grade bands and rule choices per region and year.

The default is the Ministry of Finance rule (财预〔2020〕10号): execution rate 10,
output 50, outcome 30, satisfaction 10; 优 ≥ 90, 良 ≥ 80, 中 ≥ 60, else 差.
Hunan's 2017 department-wide self-evaluation form (岳阳 2017, 003) has no
execution points and weighs 产出 60, 效益 40, with satisfaction a level-2
indicator under 效益 — proof that schemes vary and must not be hard-coded.

The schemes themselves are data in the database (jixiao.scoring.models, edited by
the finance bureau, shipped by a data migration from jixiao/scoring/shipped/*.json,
exchanged as the same JSON file: jixiao.scoring.exchange). This module is the
value the engine scores under; `jixiao.scoring.queries.scheme_for(region, year, kind)`
and `scheme_by_code(code)` read it from the database. No Django imports here: the
engine and the benchmark run without a database.
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

EXECUTION_RATE_CAPPED = "rate_capped"  # execution points × rate, the rate capped at 100 %
EXECUTION_FORMULAS = (EXECUTION_RATE_CAPPED,)
EXECUTION_FORMULA_LABELS = {EXECUTION_RATE_CAPPED: "分值 × 预算执行率（执行率超过100%按100%计）"}

# How a scheme's self-evaluation form (自评表) is printed.
LAYOUT_MOF = "mof"  # 财预〔2020〕10号 附1: 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分
LAYOUT_HUBEI = "hubei"  # 预算数（A） | 执行数（B） | 执行率（B/A） | 得分（20分×执行率）; 年度绩效目标（80分） with sub-headers
LAYOUT_HUNAN = "hunan"  # Hunan's department-wide self-evaluation report (003)
LAYOUT_CHONGQING = "chongqing"  # 全年(调整)预算数 | 全年执行数 | 执行率 | 执行率权重 | 执行率得分
LAYOUTS = {LAYOUT_MOF: "财政部格式", LAYOUT_HUBEI: "湖北格式（预算执行 + 年度绩效目标）", LAYOUT_HUNAN: "湖南部门整体格式",
           LAYOUT_CHONGQING: "重庆部门整体格式"}

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
    # Categories whose points the unit splits over its own level-1 classes (Hubei: 年度绩效目标 80
    # split over 产出 / 效益 / 满意度), name → the level-1 classes printed as its sub-headers.
    split_categories: dict = field(default_factory=dict)
    execution_formula: str = EXECUTION_RATE_CAPPED
    # grade → what the finance bureau does with it (结果应用: 优 优先安排预算, 差 取消 ...).
    consequences: dict = field(default_factory=dict)
    # How far a written score may sit from points × rate before the health check objects, in points.
    tolerance: Decimal = D("0.01")
    # How the documents print the 自评表: LAYOUTS.
    layout: str = "mof"

    def __post_init__(self):
        if self.reverse_rule not in REVERSE_RULES:
            raise ValueError(f"unknown reverse_rule {self.reverse_rule!r}")
        if self.execution_formula not in EXECUTION_FORMULAS:
            raise ValueError(f"unknown execution_formula {self.execution_formula!r}")
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

    def category_of(self, level1: str) -> str:
        """The scheme category a level-1 class is scored under (itself, or where the scheme files it)."""
        return self.category_aliases.get(level1, level1)

    def members(self, category: str) -> tuple:
        """The level-1 classes scored under a category: itself and every class filed under it."""
        return (category, *(name for name, target in self.category_aliases.items() if target == category))

    def tier_bounds(self, tier: int, points: Decimal) -> tuple[Decimal, Decimal]:
        """(lowest, highest) score allowed in a qualitative tier for these points."""
        high, low = self.qualitative_tiers[tier]
        return (points * low / 100, points * high / 100)


def max_score_given_execution(execution_rate_percent: Decimal, scheme: ScoringScheme) -> Decimal:
    """The highest total a self-evaluation can reach with this execution rate.

    Execution points are proportional to the rate, capped at full points; every
    other point is assumed earned.
    """
    rate = min(max(execution_rate_percent, D("0")), D("100"))
    execution = (scheme.execution_points * rate / 100).quantize(D("0.01"), rounding=ROUND_HALF_UP)
    return execution + (scheme.total_points - scheme.execution_points)
