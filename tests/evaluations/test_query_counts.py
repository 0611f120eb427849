"""No page's query count grows with years, goals, events or indicators (issue 16).

Each test counts the queries of a page, adds history (more years, goals, review events,
indicators with evidence) and counts again: the count must be the same.
"""

from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from jixiao.accounts.models import Figure, UnitYear, UnitYearEvent
from jixiao.evaluations.models import SelfEvaluation
from jixiao.goals import results
from jixiao.goals.domain import save_indicator, summarize
from jixiao.goals.models import Evidence, Goal, Indicator

pytestmark = pytest.mark.django_db


def queries(client, path) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200, path
    return len(captured.captured_queries)


def add_years(unit, years, goals_per_year=3):
    """Past years of a unit, each with figures, a department goal and project goals with scored indicators."""
    for year in years:
        # The demo keeps Yueyang's 2016 (its closing balance): a year already there gets the same figures and goals.
        unit_year, _ = UnitYear.objects.get_or_create(unit=unit, fiscal_year=year)
        for line, amount in {"income_total": "100", "exp_total": "90"}.items():
            Figure.objects.update_or_create(unit_year=unit_year, line=line, defaults={"amount": Decimal(amount)})
        for order in range(goals_per_year):
            goal = Goal.objects.create(unit_year=unit_year, kind="department" if order == 0 else "project",
                                       name=f"{year}年目标{order}", sort_order=order)
            SelfEvaluation.objects.create(goal=goal)
            Indicator.objects.create(goal=goal, level1="产出指标", level2="数量指标", name="活动场次", target=Decimal(10),
                                     actual=Decimal(8), points=Decimal(50), unit_of_measure="场")
        results.refresh(unit_year)


# Each shows the demo's submitted goal before the years are added: an empty page reads less.
OVERVIEW_PAGES = ["/evaluations/", "/evaluations/?status=submitted", "/evaluations/?sort=score",
                  "/evaluations/?sort=rate&status=submitted", "/evaluations/?page=2"]


def test_the_overview_reads_one_page_whatever_the_years(client_for, finance_officer, units):
    client = client_for(finance_officer)
    before = {path: queries(client, path) for path in OVERVIEW_PAGES}
    add_years(units["yueyang"], range(2007, 2017))
    after = {path: queries(client, path) for path in OVERVIEW_PAGES}
    assert after == before
    page = client.get("/evaluations/").content.decode()
    assert "共 31 项" in page  # the demo's goal and 30 added, 50 a page


def test_the_overview_paginates_in_the_database(client_for, finance_officer, units):
    add_years(units["yueyang"], range(2000, 2017), goals_per_year=4)  # 68 goals and the demo's one
    client = client_for(finance_officer)
    first = client.get("/evaluations/").content.decode()
    second = client.get("/evaluations/?page=2").content.decode()
    assert "第 1 / 2 页" in first and "第 2 / 2 页" in second
    assert first.count('<tr><td class="label">') == 50 and second.count('<tr><td class="label">') == 19


def test_the_goals_page_chart_of_years_does_not_grow(client_for, finance_officer, units):
    client = client_for(finance_officer)
    path = f"/goals/{units['yueyang'].pk}/2017/"
    add_years(units["yueyang"], [2016])  # the year before is read once (department indicators compare with it)
    before = queries(client, path)
    add_years(units["yueyang"], range(2007, 2016))
    assert queries(client, path) == before
    page = client.get(path).content.decode()
    assert '"2007"' in page and '"2016"' in page


def test_the_goals_page_does_not_grow_with_the_goals_of_the_year(client_for, finance_officer, units):
    """Each goal is scored under its scheme: the schemes are read once for the page, not once a goal."""
    client = client_for(finance_officer)
    path = f"/goals/{units['yueyang'].pk}/2017/"
    unit_year = UnitYear.objects.get(unit=units["yueyang"], fiscal_year=2017)
    before = queries(client, path)
    for order in range(20):
        goal = Goal.objects.create(unit_year=unit_year, kind="project", name=f"新增项目{order}", sort_order=10 + order,
                                   scheme_code="mof-2020")
        Indicator.objects.create(goal=goal, level1="产出指标", level2="数量指标", name="活动场次", target=Decimal(10),
                                 actual=Decimal(8), points=Decimal(50), unit_of_measure="场")
    page = client.get(path).content.decode()
    assert queries(client, path) == before
    assert "新增项目19" in page


def test_the_goal_page_does_not_grow_with_indicators_and_evidence(client_for, finance_officer, yueyang_evaluation,
                                                                   settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    goal = yueyang_evaluation.goal
    client = client_for(finance_officer)
    path = f"/goals/{goal.unit_year.unit_id}/2017/{goal.pk}/"
    client.get(path)  # a process builds each scheme once (scoring.queries.scheme_by_code), then reads its revision
    before = queries(client, path)
    for number in range(5):
        indicator = Indicator.objects.create(goal=goal, level1="产出指标", level2="数量指标", name=f"新增指标{number}",
                                             target=Decimal(1), sort_order=100 + number)
        Evidence.objects.create(indicator=indicator, original_name=f"台账{number}.pdf",
                                file=ContentFile(b"%PDF-1.4", name=f"e{number}.pdf"))
    assert queries(client, path) == before


def test_the_accounts_page_does_not_grow_with_review_events(client_for, finance_officer, yueyang_reviewer, units):
    unit_year = UnitYear.objects.get(unit=units["yueyang"], fiscal_year=2017)
    client = client_for(finance_officer)
    path = f"/accounts/{units['yueyang'].pk}/2017/"
    UnitYearEvent.objects.create(unit_year=unit_year, user=yueyang_reviewer, action="reopen", comment="first")
    before = queries(client, path)
    for number in range(5):
        UnitYearEvent.objects.create(unit_year=unit_year, user=yueyang_reviewer, action="reopen", comment=f"第{number}次")
    assert queries(client, path) == before


def test_stored_results_follow_a_typed_actual(yueyang_evaluation, yueyang_filler):
    goal = yueyang_evaluation.goal
    indicator = goal.indicators.filter(points__isnull=False).first()
    save_indicator(indicator, {"claimed_completion": "50%"}, yueyang_filler)
    goal.refresh_from_db()
    live = summarize(Goal.objects.prefetch_related("indicators").get(pk=goal.pk))
    assert (goal.result_score, goal.result_grade, goal.result_rate) == (live.result.total, live.result.grade, live.rate)
    assert goal.result_score < Decimal("98.00")  # the demo's 98 fell with the halved completion
