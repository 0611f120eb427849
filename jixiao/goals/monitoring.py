"""Monitoring during the year (绩效运行监控, 双监控): spending against time, and indicator forecasts.

At each checkpoint (by default 6月30日 and 8月31日) a unit reports what it has
spent and how far each indicator has come. Spending progress compares the
execution rate with the share of the year gone by; the traffic light turns red
below 60 and green from 80 unless the scheme sets other thresholds. Pure
functions over dates and Decimals: the pages, the exports and the finance
bureau's overview all call these.
"""

import calendar
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db import models

from jixiao.checks.rules.rates import execution_rate
from jixiao.money import fmt_amount, fmt_percent, fmt_plain

D = Decimal
CENT = D("0.01")
HUNDRED = D("100")

DEFAULT_CHECKPOINTS = ((6, 30), (8, 31))

_MONTH_DAY = re.compile(r"^\s*(\d{1,2})\s*(?:月|-|/|\.)\s*(\d{1,2})\s*日?\s*$")


class Forecast(models.TextChoices):
    """Whether an indicator will be met by year end (the MoF monitoring form's 完成目标可能性)."""

    CERTAIN = "certain", "确定能完成"
    POSSIBLE = "possible", "有可能完成"
    IMPOSSIBLE = "impossible", "完全不可能完成"


INDICATOR_FORECAST_CHOICES = Forecast.choices


class DeviationCause(models.TextChoices):
    """The MoF monitoring form's 偏差原因分析 columns."""

    FUNDING = "funding", "经费保障"
    RULES = "rules", "制度保障"
    STAFF = "staff", "人员保障"
    FACILITIES = "facilities", "硬件条件保障"
    OTHER = "other", "其他"


class MonitoringError(ValueError):
    """A checkpoint or threshold that cannot be used; the message is for the user, in Chinese."""


def _today() -> date:
    from django.conf import settings
    from django.utils import timezone

    if settings.configured and settings.USE_TZ:
        return timezone.localdate()
    return date.today()


def _decimal(value, what: str) -> Decimal | None:
    if value is None or isinstance(value, Decimal):
        return value
    if isinstance(value, float):
        raise TypeError(f"{what} must be Decimal, never float")
    return D(value)


# --- checkpoints -------------------------------------------------------------------------------

def _checkpoint(item, year: int) -> date:
    if isinstance(item, date):
        if item.year != year:
            raise MonitoringError(f"监控时点 {item.isoformat()} 不在 {year} 年内")
        return item
    if isinstance(item, str):
        match = _MONTH_DAY.match(item)
        if not match:
            raise MonitoringError(f"监控时点“{item}”请写成“6月30日”或“6-30”")
        month, day = int(match.group(1)), int(match.group(2))
    elif hasattr(item, "month"):
        month, day = item.month, item.day
    else:
        month, day = item
    try:
        return date(year, int(month), int(day))
    except ValueError as error:
        raise MonitoringError(f"监控时点 {month}月{day}日 在 {year} 年不存在") from error


def checkpoint_dates(year: int, scheme=None) -> list[date]:
    """The year's monitoring dates, sorted: 6月30日 and 8月31日 unless the scheme lists others.

    `scheme` is a list of dates, (month, day) pairs or texts such as "6月30日" / "6-30",
    or a mapping or object carrying such a list under `checkpoints`.
    """
    if scheme is None:
        items: Iterable = DEFAULT_CHECKPOINTS
    elif isinstance(scheme, dict):
        items = scheme.get("checkpoints") or DEFAULT_CHECKPOINTS
    elif hasattr(scheme, "checkpoints"):
        items = scheme.checkpoints or DEFAULT_CHECKPOINTS
    else:
        items = scheme
    dates = sorted({_checkpoint(item, year) for item in items})
    if not dates:
        raise MonitoringError("至少需要一个监控时点")
    return dates


def fmt_date(on_date: date) -> str:
    return f"{on_date.year}年{on_date.month}月{on_date.day}日"


# --- time and spending ---------------------------------------------------------------------------

def days_in_year(year: int) -> int:
    return 366 if calendar.isleap(year) else 365


def _elapsed_days(on_date: date, year: int) -> int:
    """Days of `year` gone by at the end of `on_date`, counting that day; clamped to the year."""
    if on_date < date(year, 1, 1):
        return 0
    if on_date > date(year, 12, 31):
        return days_in_year(year)
    return on_date.timetuple().tm_yday


def time_elapsed_share(on_date: date | None = None, year: int | None = None, basis: str = "days") -> Decimal:
    """Share of the fiscal year elapsed at the end of `on_date` (0 to 1), exact Decimal.

    basis "days": days gone by, counting the day itself, over 365 or 366 (6月30日 2017 = 181/365).
    basis "months": whole months plus the part of the current one, over 12 (6月30日 = 6/12).
    A date before the year gives 0, after it 1.
    """
    on_date = on_date or _today()
    year = year or on_date.year
    if basis == "days":
        return D(_elapsed_days(on_date, year)) / D(days_in_year(year))
    if basis == "months":
        if on_date < date(year, 1, 1):
            return D(0)
        if on_date > date(year, 12, 31):
            return D(1)
        month_days = calendar.monthrange(year, on_date.month)[1]
        return (D(on_date.month - 1) + D(on_date.day) / D(month_days)) / D(12)
    raise MonitoringError(f"时间进度口径“{basis}”无效，应为 days（按天）或 months（按月）")


def spending_progress(budget, spent_to_date, on_date: date | None = None, year: int | None = None,
                      basis: str = "days") -> Decimal | None:
    """Execution rate ÷ share of the year × 100, two decimals; 100 means spending is on schedule.

    None when there is no budget, a zero budget, or no time has passed yet.
    """
    budget, spent = _decimal(budget, "budget"), _decimal(spent_to_date, "spent_to_date")
    on_date = on_date or _today()
    share = time_elapsed_share(on_date, year or on_date.year, basis)
    if budget is None or spent is None or budget == 0 or share == 0:
        return None
    return (spent * HUNDRED / (budget * share)).quantize(CENT, rounding=ROUND_HALF_UP)


# --- the traffic light ---------------------------------------------------------------------------

@dataclass(frozen=True)
class MonitoringThresholds:
    """Red below `red_below`, green from `green_from`, yellow in between (a scheme may change them)."""

    red_below: Decimal = D("60")
    green_from: Decimal = D("80")

    def __post_init__(self):
        red, green = _decimal(self.red_below, "red_below"), _decimal(self.green_from, "green_from")
        if red < 0 or green < red:
            raise MonitoringError(f"监控阈值无效：红灯线 {red} 须不小于 0 且不高于绿灯线 {green}")
        object.__setattr__(self, "red_below", red)
        object.__setattr__(self, "green_from", green)

    @classmethod
    def from_scheme(cls, scheme=None) -> "MonitoringThresholds":
        """Thresholds from a scheme's mapping ({"red_below": 60, "green_from": 80}); defaults where absent."""
        if not scheme:
            return cls()
        values = {key: scheme[key] for key in ("red_below", "green_from") if scheme.get(key) is not None}
        return cls(**{key: D(str(value)) for key, value in values.items()})


DEFAULT_THRESHOLDS = MonitoringThresholds()

LIGHT_LABELS = {"red": "红", "yellow": "黄", "green": "绿", "none": "无"}


@dataclass(frozen=True)
class SpendingLight:
    code: str  # "red" / "yellow" / "green"; "none" when progress cannot be computed
    label: str  # 红 / 黄 / 绿 / 无
    progress: Decimal | None
    explanation: str

    def __str__(self) -> str:
        return self.code


def _fmt_threshold(value: Decimal) -> str:
    return fmt_plain(value)


def spending_light(progress, thresholds: MonitoringThresholds = DEFAULT_THRESHOLDS) -> SpendingLight:
    """The light for a spending (or indicator) progress; exactly at a threshold takes the better colour."""
    progress = _decimal(progress, "progress")
    red, green = _fmt_threshold(thresholds.red_below), _fmt_threshold(thresholds.green_from)
    if progress is None:
        return SpendingLight("none", LIGHT_LABELS["none"], None, "缺少预算数或支出数，无法计算支出进度")
    shown = fmt_amount(progress)
    if progress < thresholds.red_below:
        return SpendingLight("red", "红", progress, f"支出进度 {shown} 低于 {red}：红灯")
    if progress < thresholds.green_from:
        return SpendingLight("yellow", "黄", progress, f"支出进度 {shown} 不低于 {red}、低于 {green}：黄灯")
    return SpendingLight("green", "绿", progress, f"支出进度 {shown} 达到 {green}：绿灯")


@dataclass(frozen=True)
class SpendingCheck:
    """One checkpoint's spending progress with every number behind it."""

    on_date: date
    budget: Decimal | None
    spent: Decimal | None
    execution_rate: Decimal | None  # percent, two decimals
    time_share: Decimal  # 0 to 1, exact
    progress: Decimal | None
    light: SpendingLight
    explanation: str


PROGRESS = "progress"  # the light reads execution ÷ time share × 100 (the default scheme)
EXECUTION = "execution"  # the light reads the execution rate itself against the checkpoint's line (Sichuan style)
MEASURES = (PROGRESS, EXECUTION)


def execution_light(rate, thresholds: MonitoringThresholds | None, on_date: date) -> SpendingLight:
    """The light for an execution rate (percent) against a checkpoint's lines; exactly at a line takes the better colour."""
    rate = _decimal(rate, "rate")
    if rate is None:
        return SpendingLight("none", LIGHT_LABELS["none"], None, "缺少预算数或支出数，无法计算预算执行率")
    shown = fmt_percent(rate)
    if thresholds is None:
        return SpendingLight("green", "绿", rate, f"{on_date.month}月{on_date.day}日前不设预算执行率要求：绿灯")
    red, green = _fmt_threshold(thresholds.red_below), _fmt_threshold(thresholds.green_from)
    if rate < thresholds.red_below:
        return SpendingLight("red", "红", rate, f"预算执行率 {shown} 低于监控要求 {red}%：红灯")
    if rate < thresholds.green_from:
        return SpendingLight("yellow", "黄", rate, f"预算执行率 {shown} 不低于 {red}%、低于 {green}%：黄灯")
    return SpendingLight("green", "绿", rate, f"预算执行率 {shown} 达到监控要求 {green}%：绿灯")


def over_budget_light(budget: Decimal, spent: Decimal, progress) -> SpendingLight:
    """Spending above the budget is red whatever the time share (the money is gone, not early)."""
    return SpendingLight("red", "红", progress, (
        f"已支出 {fmt_amount(spent)} 万元，超过预算 {fmt_amount(budget)} 万元（超支 {fmt_amount(spent - budget)} 万元）："
        "红灯，请核实超预算支出的原因"))


def spending_check(budget, spent_to_date, on_date: date | None = None, year: int | None = None,
                   thresholds: MonitoringThresholds | None = DEFAULT_THRESHOLDS, basis: str = "days",
                   measure: str = PROGRESS) -> SpendingCheck:
    """Spending progress at a checkpoint, its light, and the explanation with its numbers in Chinese.

    measure PROGRESS: the light reads the spending progress (100 = on schedule) against `thresholds`;
    EXECUTION: it reads the execution rate itself (None thresholds: no line yet at this date).
    Spending above the budget is red, whatever the measure and the time share.
    """
    if measure not in MEASURES:
        raise MonitoringError(f"预警口径“{measure}”无效，应为 progress（支出进度）或 execution（预算执行率）")
    budget, spent = _decimal(budget, "budget"), _decimal(spent_to_date, "spent_to_date")
    on_date = on_date or _today()
    year = year or on_date.year
    share = time_elapsed_share(on_date, year, basis)
    progress = spending_progress(budget, spent, on_date, year, basis)
    execution = execution_rate(spent, budget)
    if budget and spent is not None and budget > 0 and spent > budget:
        light = over_budget_light(budget, spent, progress)
    elif measure == EXECUTION:
        light = execution_light(execution, thresholds, on_date)
    else:
        light = spending_light(progress, thresholds or DEFAULT_THRESHOLDS)
    share_percent = (share * HUNDRED).quantize(CENT, rounding=ROUND_HALF_UP)
    if basis == "days":
        share_text = f"{_elapsed_days(on_date, year)} ÷ {days_in_year(year)} 天 = {fmt_percent(share_percent)}"
    else:
        share_text = f"按月计 {fmt_percent(share_percent)}"
    head = f"截至{fmt_date(on_date)}："
    if progress is None:
        if not budget:
            reason = "缺少预算数" if budget is None else "预算数为 0"
        elif spent is None:
            reason = "缺少截至监控时点的支出数"
        else:
            reason = "年度尚未开始"
        explanation = f"{head}{reason}，无法计算支出进度"
        light = SpendingLight("none", LIGHT_LABELS["none"], None, explanation)
    elif measure == EXECUTION:
        explanation = (
            f"{head}预算执行率 = 已支出 {fmt_amount(spent)} ÷ 预算 {fmt_amount(budget)} × 100% = {fmt_percent(execution)}"
            f"（时间进度 {share_text}）；{light.explanation}"
        )
    else:
        explanation = (
            f"{head}预算执行率 = 已支出 {fmt_amount(spent)} ÷ 预算 {fmt_amount(budget)} × 100% = {fmt_percent(execution)}；"
            f"时间进度 = {share_text}；"
            f"支出进度 = {fmt_percent(execution)} ÷ {fmt_percent(share_percent)} × 100 = {fmt_amount(progress)}；"
            f"{light.explanation}"
        )
    return SpendingCheck(on_date, budget, spent, execution, share, progress, light, explanation)


# --- indicator forecasts -------------------------------------------------------------------------

def reason_needed(forecast, progress=None, thresholds: MonitoringThresholds = DEFAULT_THRESHOLDS) -> str:
    """Why a deviation reason must be given, in Chinese; "" when none is needed.

    A deviation is a forecast short of 确定能完成, or progress (on the spending
    scale: 100 = on schedule) below the green threshold, whatever the forecast.
    """
    progress = _decimal(progress, "progress")
    reasons = []
    if forecast in (Forecast.POSSIBLE, Forecast.IMPOSSIBLE):
        reasons.append(f"预计{Forecast(forecast).label}")
    if progress is not None and progress < thresholds.green_from:
        reasons.append(f"进度 {fmt_amount(progress)} 低于 {_fmt_threshold(thresholds.green_from)}")
    if not reasons:
        return ""
    return "，".join(reasons) + "：请填写偏差原因"


def needs_reason(forecast, progress=None, thresholds: MonitoringThresholds = DEFAULT_THRESHOLDS) -> bool:
    """True when the indicator deviates (see reason_needed) and so needs a reason."""
    return bool(reason_needed(forecast, progress, thresholds))


# --- a monitoring scheme as plain values (stored as versioned data: goals.models.MonitoringScheme) ------

@dataclass(frozen=True)
class CheckpointRule:
    """A checkpoint of a scheme (month, day) and its lines on the scheme's measure."""

    month: int
    day: int
    thresholds: MonitoringThresholds

    @property
    def label(self) -> str:
        return f"{self.month}月{self.day}日"


@dataclass(frozen=True)
class MonitoringRules:
    """What the monitoring pages, the light board and the exports read: one scheme version, plain."""

    name: str
    checkpoints: tuple
    measure: str = PROGRESS
    basis: str = "days"
    gap_points: Decimal | None = None
    version_label: str = ""

    def thresholds_on(self, on_date: date) -> MonitoringThresholds | None:
        """The lines of the latest checkpoint on or before the date; before the first, the first's lines
        for the spending progress (a ratio to the time share) and none for the execution rate."""
        current = None
        for rule in self.checkpoints:
            if (rule.month, rule.day) <= (on_date.month, on_date.day):
                current = rule
        if current is None and self.measure == PROGRESS and self.checkpoints:
            current = self.checkpoints[0]
        return current.thresholds if current else None

    def check(self, budget, spent, on_date: date | None = None, year: int | None = None) -> SpendingCheck:
        """The spending check at a date (today by default) under this scheme's lines for that date."""
        on_date = on_date or _today()
        return spending_check(budget, spent, on_date, year or on_date.year, self.thresholds_on(on_date), self.basis,
                              self.measure)

    def describe(self) -> str:
        """The scheme in one sentence, for the monitoring page."""
        if self.measure == EXECUTION:
            lines = "，".join(f"{rule.label}前预算执行率低于 {_fmt_threshold(rule.thresholds.red_below)}% 为红灯"
                             + (f"、低于 {_fmt_threshold(rule.thresholds.green_from)}% 为黄灯"
                                if rule.thresholds.green_from > rule.thresholds.red_below else "")
                             for rule in self.checkpoints)
        else:
            groups = {}
            for rule in self.checkpoints:
                groups.setdefault((rule.thresholds.red_below, rule.thresholds.green_from), []).append(rule.label)
            lines = "；".join(
                f"{'、'.join(labels)}：执行进度 = 预算执行率 ÷ 时间进度 × 100，低于 {_fmt_threshold(red)} 为红灯，"
                f"{_fmt_threshold(red)}–{_fmt_threshold(green)} 为黄灯，{_fmt_threshold(green)} 及以上为绿灯"
                for (red, green), labels in groups.items())
        gap = (f"；目标完成进度与预算执行率相差超过 {_fmt_threshold(self.gap_points)} 个百分点时提示偏差"
               if self.gap_points is not None else "")
        return f"{lines}；支出超过预算为红灯{gap}。"


DEFAULT_RULES = MonitoringRules(
    "默认监控方案（6月30日、8月31日，红灯线 60、绿灯线 80）",
    (CheckpointRule(6, 30, DEFAULT_THRESHOLDS), CheckpointRule(8, 31, DEFAULT_THRESHOLDS)),
    gap_points=D("20"),
)


def goal_completion(values) -> Decimal | None:
    """The goal's progress: the mean completion (percent, each capped at 100) of its quantitative
    indicators typed at a checkpoint; `values` are (operator, target, value). Reverse (≤ / <)
    indicators, such as costs, say nothing about progress until the year ends and are left out."""
    shares = [min(value * HUNDRED / target, HUNDRED) for operator, target, value in values
              if operator in (">=", ">", "=") and target and target > 0 and value is not None]
    if not shares:
        return None
    return (sum(shares, D(0)) / len(shares)).quantize(CENT, rounding=ROUND_HALF_UP)


def goal_spending_gap(completion: Decimal | None, rate: Decimal | None, gap_points: Decimal | None) -> str:
    """A warning when goal progress and spending part by more than the scheme's gap; "" otherwise."""
    if completion is None or rate is None or gap_points is None:
        return ""
    gap = (completion - rate).quantize(CENT, rounding=ROUND_HALF_UP)
    if abs(gap) <= gap_points:
        return ""
    ahead = "目标完成快于支出" if gap > 0 else "支出快于目标完成"
    return (f"目标完成进度 {fmt_percent(completion)} 与预算执行率 {fmt_percent(rate)} 相差 {fmt_amount(abs(gap))} 个百分点"
            f"（{ahead}），超过方案的 {_fmt_threshold(gap_points)} 个百分点：请分析偏差原因")
