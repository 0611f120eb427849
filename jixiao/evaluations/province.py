"""A province-size demo (`manage.py load_demo --province`): thousands of units, ten years, many projects.

For the bench and the query-count tests: a provincial association with `cities` city
associations, and below them county associations, 3,000 units in all; each unit has
`years` unit-years of accounts (eight lines that add up), `projects` special funds
with a project goal each, one department-wide goal, `indicators` indicators per goal
and a self-evaluation per goal. A finance-bureau login (`province_finance`) covers it.

Rows are written with executemany and ids chosen by the loader (`Inserter`), one city at a
time, so memory stays bounded; no history rows are written (it is generated data, not
anybody's typing). The
stored results of each goal (goals/results.py) are computed by the same functions the
pages use (`accounts.derived.execution`, `goals.scoring.score_goal`) once per pattern
of figures (the data cycles through a few patterns), not per goal.
"""

import time
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.management.color import no_style
from django.db import connection, transaction
from django.utils import timezone

from jixiao.accounts import derived
from jixiao.accounts.models import Figure, SpecialFund, UnitYear, UnitYearStatus
from jixiao.accounts.sheet import FundLine, Sheet
from jixiao.evaluations.models import SelfEvaluation, Status
from jixiao.evaluations.overview_counts import recount_all
from jixiao.goals.models import Goal, GoalKind, Indicator, Level1, Operator
from jixiao.goals.scoring import score_goal
from jixiao.scoring.queries import scheme_by_code
from jixiao.units.demo import DEMO_PASSWORD
from jixiao.units.models import Role, RoleKind, Unit, UnitLevel

PROVINCE_NAME = "规模测试省科学技术协会"
PROVINCE_USER = "province_finance"
FIRST_YEAR = 2016
PATTERNS = 5
# The generated goals are scored under the shipped MoF 2020 scheme (read from the database).
MOF_2020 = "mof-2020"
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


def indicators_of(pattern: int, count: int, category_points: dict) -> list[Indicator]:
    """Indicators over the scheme's categories, their points adding up to the category's points."""
    categories = [Level1.OUTPUT, Level1.OUTCOME, Level1.SATISFACTION]
    level2 = {Level1.OUTPUT: "数量指标", Level1.OUTCOME: "社会效益指标", Level1.SATISFACTION: "服务对象满意度指标"}
    per_category = {c: [i for i in range(count) if categories[i % 3] == c] for c in categories}
    rows = []
    for i in range(count):
        category = categories[i % 3]
        points = category_points[category] / len(per_category[category])
        rows.append(Indicator(
            sort_order=i + 1, level1=category, level2=level2[category], name=f"{level2[category]}{i + 1}",
            operator=Operator.GE, target=D(100), target_text="≥100", unit_of_measure="项",
            points=points.quantize(D("0.01")), actual=D(80 + 5 * ((pattern + i) % PATTERNS)),
        ))
    return rows


def _results(size: Size) -> dict:
    """Stored results per (figure pattern, project pattern or None for the department goal), by the pages' functions."""
    found = {}
    scheme = scheme_by_code(MOF_2020)
    for figure_pattern in range(PATTERNS):
        funds = [FundLine(name=f"项目{p}", adjusted_budget=fund_of(p)[0], actual=fund_of(p)[1], pk=p + 1, ref=f"fund:{p + 1}")
                 for p in range(PATTERNS)]
        sheet = Sheet(unit_name="", fiscal_year=FIRST_YEAR, own=figures_of(figure_pattern), funds=funds)
        for project in [None, *range(PATTERNS)]:
            goal = Goal(kind=GoalKind.PROJECT if project is not None else GoalKind.DEPARTMENT,
                        scheme_code=MOF_2020)
            budget, spent, rate = derived.execution(sheet, project + 1 if project is not None else None)
            pattern = figure_pattern if project is None else project
            result = (score_goal(goal, rate, indicators=indicators_of(pattern, size.indicators, scheme.category_points),
                                 scheme=scheme)
                      if size.indicators else None)
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


class Inserter:
    """Rows of one table written with executemany and ids chosen here (one statement per batch, no model
    instances): bulk_create spent most of its time building and compiling objects at this size."""

    def __init__(self, model, **constant):
        self.model = model
        fields = [f for f in model._meta.concrete_fields]
        prototype = model(**constant)
        self.columns = [f.column for f in fields]
        self.index = {f.attname: i for i, f in enumerate(fields)}
        self.base = []
        for f in fields:
            value = f.pre_save(prototype, add=True) if getattr(f, "auto_now_add", False) or getattr(f, "auto_now", False) \
                else getattr(prototype, f.attname)
            self.base.append(f.get_db_prep_save(value, connection))
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT MAX(id) FROM {connection.ops.quote_name(model._meta.db_table)}")
            self.next_id = (cursor.fetchone()[0] or 0) + 1
        self.rows = []

    def add(self, **values) -> int:
        row = list(self.base)
        pk = self.next_id
        self.next_id += 1
        row[self.index["id"]] = pk
        for name, value in values.items():
            row[self.index[name]] = str(value) if isinstance(value, Decimal) else value
        self.rows.append(row)
        return pk

    def flush(self):
        if not self.rows:
            return
        table = connection.ops.quote_name(self.model._meta.db_table)
        columns = ", ".join(connection.ops.quote_name(c) for c in self.columns)
        marks = ", ".join(["%s"] * len(self.columns))
        with connection.cursor() as cursor:
            for start in range(0, len(self.rows), 20000):
                cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", self.rows[start:start + 20000])
        self.rows = []


def _load_units(units: list[Unit], unit_offset: int, size: Size, results: dict, now, tables: dict) -> int:
    goals = 0
    index = 0
    points = scheme_by_code(MOF_2020).category_points
    for unit in units:
        for y in range(size.years):
            unit_year_status, evaluation_status = _status(y, size)
            year = FIRST_YEAR + y
            unit_year = tables["unit_year"].add(unit_id=unit.pk, fiscal_year=year, status=str(unit_year_status))
            pattern = (unit_offset + index) % PATTERNS
            index += 1
            for line, amount in figures_of(pattern).items():
                tables["figure"].add(unit_year_id=unit_year, line=line, amount=amount)
            department = tables["goal"].add(unit_year_id=unit_year, kind=str(GoalKind.DEPARTMENT),
                                            name=f"{year}年度部门整体支出", sort_order=0, **results[pattern, None])
            goal_rows = [(department, pattern)]
            for p in range(size.projects):
                budget, actual = fund_of(p % PATTERNS)
                fund = tables["fund"].add(unit_year_id=unit_year, name=f"专项项目{p + 1:02d}", sort_order=p + 1,
                                          initial_budget=budget, adjusted_budget=budget, actual=actual)
                goal = tables["goal"].add(unit_year_id=unit_year, kind=str(GoalKind.PROJECT), name=f"专项项目{p + 1:02d}",
                                          special_fund_id=fund, sort_order=p + 1, **results[pattern, p % PATTERNS])
                goal_rows.append((goal, p % PATTERNS))
            for goal, goal_pattern in goal_rows:
                tables["evaluation"].add(goal_id=goal, status=str(evaluation_status))
                for row in indicators_of(goal_pattern, size.indicators, points):
                    tables["indicator"].add(goal_id=goal, sort_order=row.sort_order, level1=str(row.level1),
                                            level2=row.level2, name=row.name, target=row.target,
                                            target_text=row.target_text, unit_of_measure=row.unit_of_measure,
                                            points=row.points, actual=row.actual, operator=str(row.operator))
            goals += len(goal_rows)
    # Parents before children (foreign keys are checked at commit on SQLite, at once elsewhere).
    for name in ("unit_year", "figure", "fund", "goal", "evaluation", "indicator"):
        tables[name].flush()
    return goals


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
    tables = {
        "unit_year": Inserter(UnitYear, unit_id=province.pk, fiscal_year=FIRST_YEAR),
        "figure": Inserter(Figure, amount=D(0)),
        "fund": Inserter(SpecialFund),
        "goal": Inserter(Goal, scheme_code=MOF_2020, result_at=now),
        "evaluation": Inserter(SelfEvaluation),
        "indicator": Inserter(Indicator),
    }
    for c, units in enumerate(by_city):
        with transaction.atomic():
            goals += _load_units(units, offset, size, results, now, tables)
        offset += len(units) * size.years
        log(f"  第 {c + 1}/{len(by_city)} 市：累计 {offset} 个单位年度、{goals} 个绩效目标，用时 {time.perf_counter() - started:.0f} 秒")
    user, _ = get_user_model().objects.get_or_create(username=PROVINCE_USER, defaults={"first_name": "规模测试省财政厅"})
    user.set_password(DEMO_PASSWORD)
    user.save()
    Role.objects.get_or_create(user=user, unit=province, kind=RoleKind.FINANCE_BUREAU)
    recount_all()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for statement in connection.ops.sequence_reset_sql(no_style(), [UnitYear, Figure, SpecialFund, Goal,
                                                                            SelfEvaluation, Indicator]):
                cursor.execute(statement)
    return {"units": sum(len(units) for units in by_city), "unit_years": offset, "goals": goals,
            "seconds": time.perf_counter() - started}
