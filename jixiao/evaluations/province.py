"""A province-size demo (`manage.py load_demo --province`): thousands of units, ten years, many projects.

For the bench and the query-count tests: a provincial association with `cities` city
associations, and below them county associations, 3,000 units in all; each unit has
`years` unit-years of accounts (eight lines that add up), `projects` special funds
with a project goal each, one department-wide goal, `indicators` indicators per goal
and a self-evaluation per goal. A finance-bureau login (`province_finance`) covers it.

Rows are written with bulk_create, one city at a time (so memory stays bounded and
history rows are not written: it is generated data, not anybody's typing). The
stored results of each goal (goals/results.py) are computed by the same functions the
pages use (`accounts.derived.execution`, `goals.scoring.score_goal`) once per pattern
of figures (the data cycles through a few patterns), not per goal.
"""

import time
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from jixiao.accounts import derived
from jixiao.accounts.models import Figure, SpecialFund, UnitYear, UnitYearStatus
from jixiao.accounts.sheet import FundLine, Sheet
from jixiao.evaluations.models import SelfEvaluation, Status
from jixiao.goals.models import Goal, GoalKind, Indicator, Level1, Operator
from jixiao.goals.scoring import score_goal
from jixiao.scoring.schemes import DEFAULT_SCHEME
from jixiao.units.demo import DEMO_PASSWORD
from jixiao.units.models import Role, RoleKind, Unit, UnitLevel

PROVINCE_NAME = "规模测试省科学技术协会"
PROVINCE_USER = "province_finance"
FIRST_YEAR = 2016
PATTERNS = 5
BATCH = 2000
D = Decimal


@dataclass(frozen=True)
class Size:
    units: int = 3000
    years: int = 10
    projects: int = 50
    indicators: int = 3
    cities: int = 30

    @property
    def unit_years(self) -> int:
        return self.units * self.years

    @property
    def goals(self) -> int:
        return self.unit_years * (self.projects + 1)


def figures_of(pattern: int) -> dict[str, Decimal]:
    """A unit-year's accounts that add up: income = expenditure + balance, parts = totals."""
    personnel, office = D(300 + 10 * pattern), D(80 + 5 * pattern)
    project = sum((fund_of(p)[1] for p in range(PATTERNS)), D(0))
    spent = personnel + office + project
    income = spent + D(40 + 7 * pattern)
    return {"income_total": income, "income_fiscal": income, "exp_total": spent, "exp_basic": personnel + office,
            "exp_personnel": personnel, "exp_office": office, "exp_project": project, "balance_current": income - spent}


def fund_of(pattern: int) -> tuple[Decimal, Decimal]:
    """(budget, actual) of a project, 80 % to 100 % spent."""
    budget = D(10 + pattern)
    return budget, (budget * (D("0.80") + D("0.05") * pattern)).quantize(D("0.01"))


def indicators_of(pattern: int, count: int) -> list[Indicator]:
    """Indicators over the scheme's categories, their points adding up to the category's points."""
    categories = [Level1.OUTPUT, Level1.OUTCOME, Level1.SATISFACTION]
    level2 = {Level1.OUTPUT: "数量指标", Level1.OUTCOME: "社会效益指标", Level1.SATISFACTION: "服务对象满意度指标"}
    per_category = {c: [i for i in range(count) if categories[i % 3] == c] for c in categories}
    rows = []
    for i in range(count):
        category = categories[i % 3]
        points = DEFAULT_SCHEME.category_points[category] / len(per_category[category])
        rows.append(Indicator(
            sort_order=i + 1, level1=category, level2=level2[category], name=f"{level2[category]}{i + 1}",
            operator=Operator.GE, target=D(100), target_text="≥100", unit_of_measure="项",
            points=points.quantize(D("0.01")), actual=D(80 + 5 * ((pattern + i) % PATTERNS)),
        ))
    return rows


def _results(size: Size) -> dict:
    """Stored results per (figure pattern, project pattern or None for the department goal), by the pages' functions."""
    found = {}
    for figure_pattern in range(PATTERNS):
        funds = [FundLine(name=f"项目{p}", adjusted_budget=fund_of(p)[0], actual=fund_of(p)[1], pk=p + 1, ref=f"fund:{p + 1}")
                 for p in range(PATTERNS)]
        sheet = Sheet(unit_name="", fiscal_year=FIRST_YEAR, own=figures_of(figure_pattern), funds=funds)
        for project in [None, *range(PATTERNS)]:
            goal = Goal(kind=GoalKind.PROJECT if project is not None else GoalKind.DEPARTMENT,
                        scheme_code=DEFAULT_SCHEME.code)
            budget, spent, rate = derived.execution(sheet, project + 1 if project is not None else None)
            pattern = figure_pattern if project is None else project
            result = score_goal(goal, rate, indicators=indicators_of(pattern, size.indicators)) if size.indicators else None
            found[figure_pattern, project] = {
                "result_budget": budget, "result_spent": spent, "result_rate": rate,
                "result_score": result.total if result else None, "result_grade": result.grade if result else "",
            }
    return found


def _status(year_index: int, size: Size) -> tuple[str, str]:
    """(unit-year status, evaluation status): past years accepted, the last one in draft."""
    if year_index < size.years - 1:
        return UnitYearStatus.RECEIVED, Status.ACCEPTED
    return UnitYearStatus.DRAFT, Status.DRAFT


def _units(size: Size) -> tuple[Unit, list[list[Unit]]]:
    province = Unit(name=PROVINCE_NAME, short_name="规模测试省科协", level=UnitLevel.PROVINCE)
    province.save()
    cities = Unit.objects.bulk_create([
        Unit(name=f"规模测试第{c + 1:02d}市科协", level=UnitLevel.CITY, parent=province, sort_order=c + 1)
        for c in range(size.cities)
    ])
    for city in cities:
        city.path = f"{province.path}{city.pk}/"
    Unit.objects.bulk_update(cities, ["path"], batch_size=BATCH)
    counties_per_city = (size.units - size.cities) // size.cities
    by_city = []
    for c, city in enumerate(cities):
        extra = 1 if c < (size.units - size.cities) % size.cities else 0
        counties = Unit.objects.bulk_create([
            Unit(name=f"规模测试第{c + 1:02d}市第{k + 1:03d}县科协", level=UnitLevel.COUNTY, parent=city, sort_order=k + 1,
                 population=300000 + 1000 * k)
            for k in range(counties_per_city + extra)
        ], batch_size=BATCH)
        for county in counties:
            county.path = f"{city.path}{county.pk}/"
        Unit.objects.bulk_update(counties, ["path"], batch_size=BATCH)
        by_city.append([city, *counties])
    return province, by_city


def _load_units(units: list[Unit], unit_offset: int, size: Size, results: dict, now) -> int:
    unit_years = []
    for unit in units:
        for y in range(size.years):
            status, _ = _status(y, size)
            unit_years.append(UnitYear(unit=unit, fiscal_year=FIRST_YEAR + y, status=status))
    UnitYear.objects.bulk_create(unit_years, batch_size=BATCH)
    figures, funds = [], []
    for index, unit_year in enumerate(unit_years):
        pattern = (unit_offset + index) % PATTERNS
        figures += [Figure(unit_year=unit_year, line=line, amount=amount) for line, amount in figures_of(pattern).items()]
        for p in range(size.projects):
            budget, actual = fund_of(p % PATTERNS)
            funds.append(SpecialFund(unit_year=unit_year, name=f"专项项目{p + 1:02d}", sort_order=p + 1,
                                     initial_budget=budget, adjusted_budget=budget, actual=actual))
    Figure.objects.bulk_create(figures, batch_size=BATCH)
    SpecialFund.objects.bulk_create(funds, batch_size=BATCH)
    goals, patterns = [], []
    for index, unit_year in enumerate(unit_years):
        pattern = (unit_offset + index) % PATTERNS
        year = unit_year.fiscal_year
        patterns += [pattern] + [p % PATTERNS for p in range(size.projects)]
        goals.append(Goal(unit_year=unit_year, kind=GoalKind.DEPARTMENT, name=f"{year}年度部门整体支出",
                          scheme_code=DEFAULT_SCHEME.code, sort_order=0, result_at=now, **results[pattern, None]))
        for p in range(size.projects):
            fund = funds[index * size.projects + p]
            goals.append(Goal(unit_year=unit_year, kind=GoalKind.PROJECT, name=fund.name, special_fund=fund,
                              scheme_code=DEFAULT_SCHEME.code, sort_order=p + 1, result_at=now,
                              **results[pattern, p % PATTERNS]))
    Goal.objects.bulk_create(goals, batch_size=BATCH)
    evaluations, indicators = [], []
    for goal, pattern in zip(goals, patterns, strict=True):
        year_index = goal.unit_year.fiscal_year - FIRST_YEAR
        evaluations.append(SelfEvaluation(goal=goal, status=_status(year_index, size)[1]))
        for row in indicators_of(pattern, size.indicators):
            row.goal = goal
            indicators.append(row)
    SelfEvaluation.objects.bulk_create(evaluations, batch_size=BATCH)
    Indicator.objects.bulk_create(indicators, batch_size=BATCH)
    return len(goals)


def load(size: Size = Size(), log=print) -> dict:
    """Build the province; returns what was built and how long it took."""
    if Unit.objects.filter(name=PROVINCE_NAME).exists():
        log("规模测试数据已存在，跳过载入。")
        return {}
    started = time.perf_counter()
    results = _results(size)
    now = timezone.now()
    with transaction.atomic():
        province, by_city = _units(size)
    offset, goals = 0, 0
    for c, units in enumerate(by_city):
        with transaction.atomic():
            goals += _load_units(units, offset, size, results, now)
        offset += len(units) * size.years
        log(f"  第 {c + 1}/{len(by_city)} 市：累计 {offset} 个单位年度、{goals} 个绩效目标，用时 {time.perf_counter() - started:.0f} 秒")
    user, _ = get_user_model().objects.get_or_create(username=PROVINCE_USER, defaults={"first_name": "规模测试省财政厅"})
    user.set_password(DEMO_PASSWORD)
    user.save()
    Role.objects.get_or_create(user=user, unit=province, kind=RoleKind.FINANCE_BUREAU)
    return {"units": sum(len(units) for units in by_city), "unit_years": offset, "goals": goals,
            "seconds": time.perf_counter() - started}
