"""Province scale (issue 16): the main pages on province-size data, each beside a bare baseline, and query counts.

The province is built with `manage.py load_demo --province` (jixiao.evaluations.province):
3,000 units × 10 years; projects per unit-year from BENCH_PROVINCE_PROJECTS (default 5,
see docs/architecture.md for the measured cost of the full 50), 3 indicators per goal.
Building it is not timed (its own time is printed).

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
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings)


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

    projects = int(os.environ.get("BENCH_PROVINCE_PROJECTS", "5"))
    units = int(os.environ.get("BENCH_PROVINCE_UNITS", "3000"))
    with redirect_stdout(io.StringIO()):
        call_command("load_demo")
    started = time.perf_counter()
    built = province.load(province.Size(units=units, projects=projects, cities=min(30, units)), log=lambda *_: None)
    build_seconds = time.perf_counter() - started
    rows = [(f"建立规模数据：{built['units']} 单位 × 10 年 × {projects} 项目（{built['goals']} 个目标）", build_seconds, None, "s")]

    User = get_user_model()
    officer = User.objects.get(username=province.PROVINCE_USER)
    province_client = Client()
    province_client.force_login(officer)

    # The overview for the provincial finance user, first page, beside the same query on the cursor.
    page_ms = _median_ms(lambda: province_client.get("/evaluations/"))
    goals = overview_goals(officer).select_related("unit_year__unit", "evaluation")[:50]
    sql, params = goals.query.sql_with_params()
    bare_ms = _median_ms(_bare_page(sql, params))
    rows += [
        (f"总览页：省级财政用户第一页（{built['goals']} 个目标）", page_ms, 300.0, "ms"),
        ("  基线：同一列表查询（游标）+ 裸模板 50 行", bare_ms, None, "ms"),
        ("  比值（页面 ÷ 基线）", page_ms / bare_ms, None, "×"),
    ]

    # The goals page of a county with 10 years, beside its goals' query on the cursor.
    county = Unit.objects.filter(path__startswith=Unit.objects.get(name=province.PROVINCE_NAME).path, level="county").first()
    year = province.FIRST_YEAR + 9
    county_client = Client()
    county_user = User.objects.create_user("bench_province_filler")
    Role.objects.create(user=county_user, unit=county, kind=RoleKind.FILLER)
    county_client.force_login(county_user)
    path = f"/goals/{county.pk}/{year}/"
    page_ms = _median_ms(lambda: county_client.get(path))
    sql, params = Goal.objects.filter(unit_year__unit=county, unit_year__fiscal_year=year).select_related(
        "unit_year__unit", "evaluation").query.sql_with_params()
    bare_ms = _median_ms(_bare_page(sql, params))
    rows += [
        ("目标页：一个县 10 个年度（含历年图表）", page_ms, 150.0, "ms"),
        ("  基线：同一目标查询（游标）+ 裸模板", bare_ms, None, "ms"),
        ("  比值（页面 ÷ 基线）", page_ms / bare_ms, None, "×"),
    ]

    # Query counts of the main pages: the demo (Yueyang 2017, its finance bureau) and the province.
    demo_unit = Unit.objects.get(name="岳阳市科学技术协会")
    demo_officer = User.objects.create_user("bench_demo_finance")
    Role.objects.create(user=demo_officer, unit=demo_unit, kind=RoleKind.FINANCE_BUREAU)
    demo_client = Client()
    demo_client.force_login(demo_officer)
    demo_goal = Goal.objects.filter(unit_year__unit=demo_unit, unit_year__fiscal_year=2017).first()
    # The demo's Yueyang 2017 has no year before it; the province's first year neither (a year before adds
    # one comparison, read once, whatever the number of years: tests/evaluations/test_query_counts.py).
    first = province.FIRST_YEAR
    province_goal = Goal.objects.filter(unit_year__unit=county, unit_year__fiscal_year=first, kind="department").first()
    demo_pages = _pages(demo_unit, 2017, demo_goal)
    province_pages = _pages(county, first, province_goal)
    for label in demo_pages:
        demo_count = _count(demo_client, demo_pages[label])
        province_count = _count(province_client, province_pages[label])
        rows.append((f"查询数：{label}（演示 {demo_count} / 规模 {province_count}）",
                     abs(province_count - demo_count), None, "差"))
    return rows
