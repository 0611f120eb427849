"""Monitoring schemes as data: the default (60 / 80) and a Sichuan-2025-style one, chosen by region and year."""

from datetime import date
from decimal import Decimal

import pytest
import time_machine

from jixiao.accounts.models import SpecialFund, UnitYear
from jixiao.evaluations.models import SelfEvaluation
from jixiao.goals import rulesets
from jixiao.goals.models import Goal, GoalKind, Indicator, MonitoringScheme
from jixiao.goals.monitoring import (
    DEFAULT_RULES,
    goal_completion,
    goal_spending_gap,
    spending_check,
)
from jixiao.units.models import Role, RoleKind, Unit
from jixiao.units.regions import region_names

D = Decimal


@pytest.fixture
def sichuan(db):
    """A Sichuan county association under its city and province, with a project of 100.00 万元 in 2025."""
    province = Unit.objects.create(name="四川省科学技术协会", level="province")
    city = Unit.objects.create(name="成都市科学技术协会", level="city", parent=province)
    museum = Unit.objects.create(name="成都科技馆", level="sub_unit", parent=city)
    unit_year = UnitYear.objects.create(unit=city, fiscal_year=2025)
    fund = SpecialFund.objects.create(unit_year=unit_year, name="科普惠民工程", adjusted_budget=D("100.00"))
    goal = Goal.objects.create(unit_year=unit_year, kind=GoalKind.PROJECT, name="科普惠民工程", special_fund=fund)
    SelfEvaluation.objects.create(goal=goal)
    return {"province": province, "city": city, "museum": museum, "goal": goal}


def sichuan_rules():
    return rulesets.monitoring_rules(MonitoringScheme.objects.get(code="sichuan-2025", version=1))


# --- regions ---------------------------------------------------------------------------------------

def test_a_unit_lies_in_the_regions_its_associations_are_named_after(sichuan):
    assert region_names(sichuan["museum"]) == ["成都市", "四川省"]


def test_a_scheme_published_for_the_province_without_its_level_reaches_its_units_too(sichuan):
    MonitoringScheme.objects.filter(code="sichuan-2025").update(region="四川")
    assert rulesets.monitoring_scheme_for(sichuan["museum"], 2025, GoalKind.PROJECT).code == "sichuan-2025"


# --- which scheme applies -----------------------------------------------------------------------------

def test_the_sichuan_scheme_applies_in_sichuan_from_2025_and_the_default_elsewhere(sichuan, units):
    assert rulesets.monitoring_scheme_for(sichuan["museum"], 2025, GoalKind.PROJECT).code == "sichuan-2025"
    assert rulesets.monitoring_scheme_for(sichuan["city"], 2026, GoalKind.DEPARTMENT).code == "sichuan-2025"
    assert rulesets.monitoring_scheme_for(sichuan["city"], 2024, GoalKind.PROJECT).code == "default"
    assert rulesets.monitoring_scheme_for(units["yueyang"], 2025, GoalKind.PROJECT).code == "default"


def test_the_default_scheme_from_the_database_is_the_60_80_rule_of_before(source_evaluations):
    goal = Goal.objects.get(unit_year__unit=source_evaluations["jiangmen"])
    rules = rulesets.monitoring_rules_of(goal)
    assert [(rule.label, rule.thresholds.red_below, rule.thresholds.green_from) for rule in rules.checkpoints] == [
        ("6月30日", D("60"), D("80")), ("8月31日", D("60"), D("80"))]
    assert rules.measure == DEFAULT_RULES.measure == "progress"
    # The same lights as the code's rule gave, at every level of spending.
    for spent in ("0.01", "73.00", "102.20", "131.40", "292.00"):
        stored = rules.check(D("292.00"), D(spent), date(2022, 6, 30), 2022)
        assert stored.light == spending_check(D("292.00"), D(spent), date(2022, 6, 30), 2022).light


# --- Sichuan: the execution rate against each checkpoint's line -------------------------------------

@time_machine.travel("2025-06-30 16:00 +0800", tick=False)
def test_under_the_sichuan_scheme_35_percent_on_30_june_is_red(sichuan):
    rules = rulesets.monitoring_rules_of(sichuan["goal"])
    today = rules.check(D("100.00"), D("35.00"))
    assert today.on_date == date(2025, 6, 30)
    assert today.light.code == "red"
    assert today.explanation == (
        "截至2025年6月30日：预算执行率 = 已支出 35.00 ÷ 预算 100.00 × 100% = 35.00%"
        "（时间进度 181 ÷ 365 天 = 49.59%）；预算执行率 35.00% 低于监控要求 40%：红灯")
    assert rules.check(D("100.00"), D("40.00")).light.code == "green"
    # Under the default scheme the same spending is only yellow: 35 % ÷ 49.59 % × 100 = 70.58.
    assert DEFAULT_RULES.check(D("100.00"), D("35.00")).light.code == "yellow"


def test_each_sichuan_checkpoint_has_its_own_line(db):
    rules = sichuan_rules()
    assert [(rule.label, rule.thresholds.red_below) for rule in rules.checkpoints] == [
        ("4月30日", D("25")), ("6月30日", D("40")), ("8月31日", D("60")), ("10月31日", D("80"))]
    assert rules.check(D("100"), D("24.99"), date(2025, 4, 30)).light.code == "red"
    assert rules.check(D("100"), D("25"), date(2025, 4, 30)).light.code == "green"
    assert rules.check(D("100"), D("59.99"), date(2025, 8, 31)).light.code == "red"
    assert rules.check(D("100"), D("79.99"), date(2025, 10, 31)).light.code == "red"
    # Between checkpoints the last line passed holds; before the first there is none yet.
    assert rules.check(D("100"), D("39"), date(2025, 7, 15)).light.code == "red"
    before = rules.check(D("100"), D("5"), date(2025, 3, 31))
    assert before.light.code == "green" and "4月30日前" not in before.light.explanation
    assert "3月31日前不设预算执行率要求" in before.light.explanation


@time_machine.travel("2025-06-30 17:00 +0800", tick=False)
def test_the_monitoring_page_of_a_sichuan_project_shows_red_at_35_percent(client_for, sichuan, django_user_model):
    filler = django_user_model.objects.create_user("chengdu_filler")
    Role.objects.create(user=filler, unit=sichuan["city"], kind=RoleKind.FILLER)
    goal = sichuan["goal"]
    url = f"/goals/{sichuan['city'].pk}/2025/{goal.pk}/monitoring/"
    client = client_for(filler)
    page = client.get(url).content.decode()
    for key in ("2025-04-30", "2025-06-30", "2025-08-31", "2025-10-31"):
        assert f'data-checkpoint="{key}"' in page
    assert "四川式执行进度预警" in page
    assert client.post(url, {"spent-2025-06-30": "35.00", "revision": goal.monitoring_revision}).status_code == 302
    page = client.get(url).content.decode()
    section = page[page.index('data-checkpoint="2025-06-30"'):page.index('data-checkpoint="2025-08-31"')]
    assert 'data-testid="light">红灯</span>' in section
    assert "预算执行率 35.00% 低于监控要求 40%：红灯" in section
    board = client.get("/goals/monitoring/").content.decode()
    assert "6月30日：<span class=\"light red\">红（35.00）</span>" in board


# --- over budget ------------------------------------------------------------------------------------

@pytest.mark.parametrize("on_date", [date(2017, 3, 31), date(2017, 6, 30), date(2017, 12, 31)])
def test_spending_above_budget_is_red_with_a_message_whatever_the_time_share(on_date):
    check = DEFAULT_RULES.check(D("143.50"), D("150.00"), on_date, 2017)
    assert check.light.code == "red"
    assert check.light.explanation == "已支出 150.00 万元，超过预算 143.50 万元（超支 6.50 万元）：红灯，请核实超预算支出的原因"
    assert check.explanation.endswith(check.light.explanation)
    assert sichuan_rules_check_over_budget(on_date) == "red"


def sichuan_rules_check_over_budget(on_date):
    from jixiao.goals.monitoring import CheckpointRule, MonitoringRules, MonitoringThresholds

    rules = MonitoringRules("执行率", (CheckpointRule(6, 30, MonitoringThresholds(D("40"), D("40"))),), measure="execution")
    return rules.check(D("143.50"), D("150.00"), on_date, on_date.year).light.code


def test_spending_exactly_the_budget_is_not_over_budget():
    assert DEFAULT_RULES.check(D("143.50"), D("143.50"), date(2017, 12, 31), 2017).light.code == "green"


# --- goal progress against spending ----------------------------------------------------------------

def test_goal_progress_far_ahead_of_spending_is_pointed_out():
    completion = goal_completion([(">=", D("10"), D("9")), (">=", D("200"), D("300")), ("<=", D("50"), D("10"))])
    assert completion == D("95.00")  # (90 + 100 capped) ÷ 2; the reverse (cost) indicator is left out
    assert goal_spending_gap(completion, D("35.00"), D("20")) == (
        "目标完成进度 95.00% 与预算执行率 35.00% 相差 60.00 个百分点（目标完成快于支出），超过方案的 20 个百分点：请分析偏差原因")
    assert goal_spending_gap(D("50"), D("35"), D("20")) == ""
    assert goal_spending_gap(completion, D("35"), None) == ""


@time_machine.travel("2025-06-30 17:00 +0800", tick=False)
def test_the_page_shows_the_gap_between_goal_and_spending(client_for, sichuan, django_user_model):
    filler = django_user_model.objects.create_user("chengdu_filler")
    Role.objects.create(user=filler, unit=sichuan["city"], kind=RoleKind.FILLER)
    goal = sichuan["goal"]
    indicator = Indicator.objects.create(goal=goal, level1="产出指标", level2="数量指标", name="科普讲座", operator=">=",
                                         target=D("20"), unit_of_measure="场")
    url = f"/goals/{sichuan['city'].pk}/2025/{goal.pk}/monitoring/"
    response = client_for(filler).post(url, {
        "spent-2025-06-30": "35.00", f"p-2025-06-30-{indicator.pk}-value": "18",
        f"p-2025-06-30-{indicator.pk}-forecast": "certain", "revision": goal.monitoring_revision})
    assert response.status_code == 302
    page = client_for(filler).get(url).content.decode()
    assert "目标完成进度 90.00% 与预算执行率 35.00% 相差 55.00 个百分点" in page
