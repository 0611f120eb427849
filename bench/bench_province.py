"""Province scale (issue 16): the main pages on province-size data, each beside a bare baseline, and query counts.

The province is built with `manage.py load_demo --province` (jixiao.evaluations.province):
3,000 units × 10 years × 50 projects per unit-year (1.53 million goals, 3 indicators each; about
3.5 minutes on a quiet 2-core machine). BENCH_PROVINCE_PROJECTS and BENCH_PROVINCE_UNITS make it smaller
for a quick look. Building it is not timed as a page (its own time is printed).

Each page is timed through the real view (Django's test Client, median of several runs), and beside it
the bare baseline of the same run: the page's own list query executed directly on the database cursor
(no ORM objects, no template) and a bare template that prints the same rows. The ratio page ÷ baseline
is printed. Query counts of the main pages are printed for the demo and for the province: they must be equal.
"""

import io
import os
import statistics
import time
from contextlib import redirect_stdout

RUNS = 7


def _median_ms(action, runs=RUNS):
    return _medians(action, runs)[0]


def _medians(action, runs=RUNS):
    """Median wall and CPU milliseconds of `action`. On SQLite the database works inside this process, so the CPU
    time is the page's own cost with its queries; on a loaded machine the wall time adds the waiting."""
    timings, cpu = [], []
    for _ in range(runs):
        started, cpu_started = time.perf_counter(), time.process_time()
        action()
        timings.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - cpu_started) * 1000)
    return statistics.median(timings), statistics.median(cpu)


def _count(client, path) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return len(captured.captured_queries)


def _bare_page(queryset_sql, params, template_rows=50):
    """The baseline: the page's list query on the cursor, then a bare template over its rows."""
    from django.db import connection
    from django.template import Context, Template

    template = Template("<table>{% for row in rows %}<tr>{% for cell in row %}<td>{{ cell }}</td>{% endfor %}</tr>{% endfor %}</table>")

    def run():
        with connection.cursor() as cursor:
            cursor.execute(queryset_sql, params)
            rows = cursor.fetchmany(template_rows)
        template.render(Context({"rows": rows}))

    return run


def _pages(unit, year, goal):
    return {
        "绩效自评总览（第一页）": "/evaluations/",
        "单位年度目标页（含历年图表）": f"/goals/{unit.pk}/{year}/",
        "目标页（指标与佐证）": f"/goals/{unit.pk}/{year}/{goal.pk}/",
        "单位年度数据页": f"/accounts/{unit.pk}/{year}/",
    }


def run():
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.test import Client

    from jixiao.evaluations import province
    from jixiao.evaluations.views import overview_goals
    from jixiao.goals.models import Goal
    from jixiao.units.models import Role, RoleKind, Unit

    projects = int(os.environ.get("BENCH_PROVINCE_PROJECTS", "50"))
    # BENCH_PROVINCE_PARTS=assessment: only the assessment results page and the ranking (the units are still built).
    parts = os.environ.get("BENCH_PROVINCE_PARTS", "all")
    units = int(os.environ.get("BENCH_PROVINCE_UNITS", "3000"))
    with redirect_stdout(io.StringIO()):
        call_command("load_demo")
    started = time.perf_counter()
    built = province.load(province.Size(units=units, projects=projects, cities=min(30, units)), log=lambda *_: None)
    build_seconds = time.perf_counter() - started
    if parts == "assessment":
        return bench_results_page() + bench_ranking()
    rows = [(f"建立规模数据：{built['units']} 单位 × 10 年 × {projects} 项目（{built['goals']} 个目标）", build_seconds, None, "s")]

    User = get_user_model()
    officer = User.objects.get(username=province.PROVINCE_USER)
    province_client = Client()
    province_client.force_login(officer)

    # The overview for the provincial finance user, first page, beside the same query on the cursor.
    page_ms, page_cpu = _medians(lambda: province_client.get("/evaluations/"))
    goals = overview_goals(officer).values_list("pk", flat=True)[:50]
    sql, params = goals.query.sql_with_params()
    bare_ms, bare_cpu = _medians(_bare_page(sql, params))
    rows += [
        (f"总览页：省级财政用户第一页（{built['goals']} 个目标）", page_ms, 300.0, "ms"),
        ("  同上，本进程 CPU 时间（含 SQLite 查询）", page_cpu, 300.0, "ms"),
        ("  基线：同一排序的目标查询（游标，取前 50 个 id）+ 裸模板", bare_ms, None, "ms"),
        ("  比值（页面 ÷ 基线，CPU 时间）", page_cpu / bare_cpu, None, "×"),
    ]
    # Sorted by score the page sorts the goals themselves in the database (the counts still come stored).
    page_ms, page_cpu = _medians(lambda: province_client.get("/evaluations/?sort=score"))
    rows.append(("  按得分排序的第一页", page_ms, None, "ms"))

    # The goals page of a county with 10 years, beside its goals' query on the cursor.
    county = Unit.objects.filter(path__startswith=Unit.objects.get(name=province.PROVINCE_NAME).path, level="county").first()
    year = province.FIRST_YEAR + 9
    county_client = Client()
    county_user = User.objects.create_user("bench_province_filler")
    Role.objects.create(user=county_user, unit=county, kind=RoleKind.FILLER)
    county_client.force_login(county_user)
    path = f"/goals/{county.pk}/{year}/"
    page_ms, page_cpu = _medians(lambda: county_client.get(path))
    sql, params = Goal.objects.filter(unit_year__unit=county, unit_year__fiscal_year=year).select_related(
        "unit_year__unit", "evaluation").query.sql_with_params()
    bare_ms, bare_cpu = _medians(_bare_page(sql, params))
    rows += [
        ("目标页：一个县 10 个年度（含历年图表）", page_ms, 150.0, "ms"),
        ("  同上，本进程 CPU 时间", page_cpu, 150.0, "ms"),
        ("  基线：同一目标查询（游标）+ 裸模板", bare_ms, None, "ms"),
        ("  比值（页面 ÷ 基线，CPU 时间）", page_cpu / bare_cpu, None, "×"),
    ]

    # Query counts of the main pages: the demo (Yueyang 2017, its finance bureau) and the province.
    demo_unit = Unit.objects.get(name="岳阳市科学技术协会")
    demo_officer = User.objects.create_user("bench_demo_finance")
    Role.objects.create(user=demo_officer, unit=demo_unit, kind=RoleKind.FINANCE_BUREAU)
    demo_client = Client()
    demo_client.force_login(demo_officer)
    demo_goal = Goal.objects.filter(unit_year__unit=demo_unit, unit_year__fiscal_year=2017).first()
    # The demo's Yueyang 2017 (one year before it, three sub-units, one goal) against the province county's tenth
    # year (nine years before it, no sub-units, 51 goals): the counts must not see the difference.
    province_goal = Goal.objects.filter(unit_year__unit=county, unit_year__fiscal_year=year, kind="department").first()
    demo_pages = _pages(demo_unit, 2017, demo_goal)
    province_pages = _pages(county, year, province_goal)
    for label in demo_pages:
        demo_count = _count(demo_client, demo_pages[label])
        province_count = _count(province_client, province_pages[label])
        rows.append((f"查询数：{label}（演示 {demo_count} / 规模 {province_count}）",
                     abs(province_count - demo_count), None, "差"))
    rows += bench_import(Unit.objects.get(name=province.PROVINCE_NAME))
    rows += bench_results_page()
    rows += bench_ranking()
    return rows


def bench_import(root):
    """The 40-sub-unit workbook import of bench_accounts, here with the province's 1.5 million goals and 9 million
    rows around it, beside the same bare import (openpyxl + one cursor UPDATE a cell)."""
    from bench_accounts import IMPORT_RUNS, SUB_UNITS, bare_import_seconds, city_with_sub_units, import_seconds
    from django.contrib.auth import get_user_model
    from django.test import Client

    from jixiao.units.models import Role, RoleKind

    filler = get_user_model().objects.create_user("bench_province_import")
    Role.objects.create(user=filler, unit=root, kind=RoleKind.FILLER)
    client = Client()
    client.force_login(filler)
    city_year = city_with_sub_units(root)
    imports = [import_seconds(client, city_year, run) for run in range(1, IMPORT_RUNS + 1)]
    bare_cpu = statistics.median(bare_import_seconds(city_year, data)[1] for _, _, data in imports)
    cpu = statistics.median(cpu for _, cpu, _ in imports)
    return [
        (f"Excel 导入：规模数据中的一个市，{SUB_UNITS} 个下属单位，所有数字都改动（中位）",
         statistics.median(wall for wall, _, _ in imports), 1.0, "s"),
        ("  同上，本进程 CPU 时间", cpu, 1.0, "s"),
        ("  基线：openpyxl 读同一文件 + 游标逐格 UPDATE（无校验、历史、发现），CPU 时间", bare_cpu, None, "s"),
        ("  比值（导入 ÷ 基线，CPU 时间）", cpu / bare_cpu, None, "×"),
    ]


JUDGES = 15


def bench_results_page():
    """The assessment results page for a round of 3,000 counties (15 judges × every item scored), through the view,
    beside the SQL aggregate of the judges' totals that closing the round runs once to store the ranking."""
    import random
    from decimal import Decimal

    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.db.models import Count, Sum
    from django.test import Client

    from jixiao.assessment import rounds, schemes
    from jixiao.assessment.models import ItemScore, Judge, RankingRow
    from jixiao.evaluations import province
    from jixiao.evaluations.province import Inserter
    from jixiao.sources import lianyungang_2018
    from jixiao.units.models import Role, RoleKind, Unit

    User = get_user_model()
    root = Unit.objects.get(name=province.PROVINCE_NAME)
    counties = list(Unit.objects.filter(path__startswith=root.path).exclude(pk=root.pk).order_by("path")[:3000])
    demo_counties = {key: Unit.objects.get(name=name) for key, name in
                     ((key, unit.name) for key, unit in _demo_counties().items())}  # noqa: C416
    office = User.objects.create_user("bench_province_office")
    Role.objects.create(user=office, unit=root, kind=RoleKind.ASSESSMENT_OFFICE)
    scheme = schemes.issue(schemes.load_source(lianyungang_2018, root, demo_counties), office)
    round_ = rounds.open_round(scheme, office, units=counties)
    groups = list(scheme.judge_groups.all())
    judges = [Judge.objects.create(round=round_, user=User.objects.create_user(f"bench_province_judge_{n}"),
                                   group=groups[n % len(groups)], home_unit=root) for n in range(JUDGES)]
    items = list(scheme.items.all())
    generator = random.Random(7)
    scores = Inserter(ItemScore)
    for county in counties:
        for judge in judges:
            for item in items:
                scores.add(judge_id=judge.pk, unit_id=county.pk, item_id=item.pk,
                           score=min(item.points, Decimal(generator.randint(0, 2 * int(item.points))) / 2))
    count = len(scores.rows)
    # The judges' scores go in while the round is being scored; closing it computes the ranking once and stores it.
    round_ = rounds.start_scoring(round_, office)
    scores.flush()
    started, cpu_started = time.perf_counter(), time.process_time()
    rounds.close_round(round_, office)
    close_seconds, close_cpu = time.perf_counter() - started, time.process_time() - cpu_started
    client = Client()
    client.force_login(office)
    path = f"/assessment/rounds/{round_.pk}/results/"
    response = client.get(path)
    assert response.status_code == 200 and f"共 {len(counties)} 个单位" in response.content.decode(), "结果页未显示排名"
    page_ms, page_cpu = _medians(lambda: client.get(path), runs=3)

    def aggregate():
        list(ItemScore.objects.filter(judge__round=round_, item__scheme=scheme).order_by()
             .values("unit_id", "judge_id", "item__category__number").annotate(total=Sum("score"), count=Count("pk"))
             .values_list("unit_id", "judge_id", "item__category__number", "total", "count"))

    sql_ms, sql_cpu = _medians(aggregate, runs=3)
    stored = RankingRow.objects.filter(ranking__round=round_).values_list("position", "unit__name", "values")[:100]
    bare_ms, bare_cpu = _medians(_bare_page(*stored.query.sql_with_params(), template_rows=100))
    connection.close()
    return [
        (f"考核结果页：{len(counties)} 个县区 × {len(items)} 项 × {JUDGES} 名评委（{count} 条评分）", page_ms, 500.0, "ms"),
        ("  同上，本进程 CPU 时间", page_cpu, 500.0, "ms"),
        ("  基线：存储排名第一页 100 行的查询（游标）+ 裸模板", bare_ms, None, "ms"),
        ("  比值（页面 ÷ 基线，CPU 时间）", page_cpu / bare_cpu, None, "×"),
        ("  对照：评委分类合计的 SQL 聚合（关闭评分时算一次，页面不再重算）", sql_ms, None, "ms"),
        ("  关闭评分：计算并存储排名（一次，不在每次打开页面时）", close_seconds, None, "s"),
        ("  同上，本进程 CPU 时间", close_cpu, None, "s"),
    ]


def _demo_counties():
    from jixiao.sources import lianyungang_2018
    from jixiao.sources.units import UNITS
    from jixiao.units.models import Unit

    names = {key: name for key, name, *_ in UNITS}
    return {key: Unit.objects.get(name=names[key]) for key in lianyungang_2018.COUNTIES.values()}


def bench_ranking(counties=30000):
    """Ranking 30,000 counties from their judges' totals (as the database sums them), time and peak memory,
    beside a plain sort of the same finals."""
    import random
    import tracemalloc
    from decimal import Decimal

    from jixiao.assessment.domain.aggregation import (
        AggregationSettings,
        CountyInput,
        Panel,
        PanelGroup,
        PanelItem,
        rank_all,
    )

    generator = random.Random(3)
    items = [PanelItem(n, n % 5, Decimal(4)) for n in range(26)]
    groups = [PanelGroup(1, "市科协领导", Decimal(40)), PanelGroup(2, "机关各部门", Decimal(30)), PanelGroup(3, "县区科协", Decimal(30))]
    judge_groups = {judge: judge // 5 + 1 for judge in range(15)}
    panel = Panel(items, groups, judge_groups, {}, AggregationSettings(drop_extremes=True))
    inputs = [CountyInput(unit, totals={judge: (Decimal(generator.randint(150, 208)) / 2, 26) for judge in judge_groups})
              for unit in range(counties)]
    started, cpu_started = time.perf_counter(), time.process_time()
    _, ranked = rank_all(panel, inputs)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    del ranked
    # Memory in a second run: tracemalloc slows every allocation down, so the timed run goes without it.
    tracemalloc.start()
    _, ranked = rank_all(panel, inputs)
    peak = tracemalloc.get_traced_memory()[1] / 1024 / 1024
    tracemalloc.stop()
    assert len(ranked) == counties
    finals = [entry.final for entry in ranked]
    started = time.process_time()
    sorted(finals, reverse=True)
    plain = time.process_time() - started
    return [
        (f"排名：{counties} 个县区（评委合计来自 SQL 聚合，去极值）", seconds, 5.0, "s"),
        ("  同上，本进程 CPU 时间", cpu, 5.0, "s"),
        ("  排名峰值内存（tracemalloc）", peak, 500.0, "MB"),
        ("  基线：同样 30000 个总分的普通排序（CPU 时间）", plain, None, "s"),
        ("  比值（排名 ÷ 普通排序，CPU 时间）", cpu / plain if plain else 0, None, "×"),
    ]
