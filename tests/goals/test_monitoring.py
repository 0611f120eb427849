"""Monitoring (双监控): checkpoints, spending progress against time, the traffic light, forecasts."""

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine

from jixiao.goals.monitoring import (
    DEFAULT_THRESHOLDS,
    INDICATOR_FORECAST_CHOICES,
    Forecast,
    MonitoringError,
    MonitoringThresholds,
    checkpoint_dates,
    needs_reason,
    reason_needed,
    spending_check,
    spending_light,
    spending_progress,
    time_elapsed_share,
)

D = Decimal
SHANGHAI = ZoneInfo("Asia/Shanghai")


# --- checkpoints ---------------------------------------------------------------------------------

def test_default_checkpoints_are_june_30_and_august_31():
    assert checkpoint_dates(2017) == [date(2017, 6, 30), date(2017, 8, 31)]


def test_a_scheme_may_list_its_own_checkpoints_in_any_form():
    assert checkpoint_dates(2020, ["9月30日", (3, 31), "6-30", date(2020, 6, 30)]) == [
        date(2020, 3, 31), date(2020, 6, 30), date(2020, 9, 30),
    ]
    assert checkpoint_dates(2020, {"checkpoints": ["7月31日"]}) == [date(2020, 7, 31)]
    assert checkpoint_dates(2020, {"checkpoints": []}) == [date(2020, 6, 30), date(2020, 8, 31)]


def test_impossible_checkpoints_are_refused_in_chinese():
    with pytest.raises(MonitoringError, match="2月29日 在 2017 年不存在"):
        checkpoint_dates(2017, ["2月29日"])
    assert checkpoint_dates(2020, ["2月29日"]) == [date(2020, 2, 29)]
    with pytest.raises(MonitoringError, match="不在 2017 年内"):
        checkpoint_dates(2017, [date(2018, 6, 30)])
    with pytest.raises(MonitoringError, match="请写成"):
        checkpoint_dates(2017, ["年中"])
    with pytest.raises(MonitoringError, match="至少需要一个监控时点"):
        checkpoint_dates(2017, [])


# --- share of the year ---------------------------------------------------------------------------

def test_share_of_the_year_counts_the_day_itself():
    assert time_elapsed_share(date(2017, 6, 30), 2017) == D(181) / D(365)
    assert time_elapsed_share(date(2017, 8, 31), 2017) == D(243) / D(365)
    assert time_elapsed_share(date(2017, 1, 1), 2017) == D(1) / D(365)
    assert time_elapsed_share(date(2017, 12, 31), 2017) == D(1)


def test_leap_year_share():
    # 2020: 31 + 29 + 31 + 30 + 31 + 30 = 182 days to 6月30日, out of 366
    assert time_elapsed_share(date(2020, 6, 30), 2020) == D(182) / D(366)
    assert time_elapsed_share(date(2020, 2, 29), 2020) == D(60) / D(366)
    assert time_elapsed_share(date(2020, 12, 31), 2020) == D(1)
    assert time_elapsed_share(date(2020, 6, 30), 2020) != time_elapsed_share(date(2017, 6, 30), 2017)


def test_share_by_months_and_outside_the_year():
    assert time_elapsed_share(date(2017, 6, 30), 2017, basis="months") == D("0.5")
    assert time_elapsed_share(date(2020, 2, 29), 2020, basis="months") == D(2) / D(12)
    assert time_elapsed_share(date(2016, 12, 31), 2017) == D(0)
    assert time_elapsed_share(date(2018, 3, 1), 2017) == D(1)
    with pytest.raises(MonitoringError, match="时间进度口径"):
        time_elapsed_share(date(2017, 6, 30), 2017, basis="weeks")


# --- spending progress and the light: the example ----------------------------------------

@pytest.mark.parametrize(("spent", "progress", "light", "label"), [
    ("25", D("50.41"), "red", "红"),      # 25 % ÷ 181/365 × 100
    ("35", D("70.58"), "yellow", "黄"),
    ("45", D("90.75"), "green", "绿"),
])
def test_on_june_30_spent_share_gives_the_light(spent, progress, light, label):
    with time_machine.travel(datetime(2017, 6, 30, 18, 0, tzinfo=SHANGHAI), tick=False):
        check = spending_check(D("100.00"), D(spent))
    assert check.on_date == date(2017, 6, 30)
    assert check.progress == progress
    assert check.light.code == light
    assert check.light.label == label
    assert str(check.light) == light


def test_the_explanation_shows_every_number():
    check = spending_check(D("200.00"), D("50.00"), date(2017, 6, 30), 2017)
    assert check.execution_rate == D("25.00")
    assert check.explanation == (
        "截至2017年6月30日：预算执行率 = 已支出 50.00 ÷ 预算 200.00 × 100% = 25.00%；"
        "时间进度 = 181 ÷ 365 天 = 49.59%；支出进度 = 25.00% ÷ 49.59% × 100 = 50.41；"
        "支出进度 50.41 低于 60：红灯"
    )


def test_frozen_time_is_read_in_the_projects_time_zone():
    # 2017-06-30 17:00 UTC is already 7月1日 in Shanghai
    with time_machine.travel(datetime(2017, 6, 30, 17, 0, tzinfo=ZoneInfo("UTC")), tick=False):
        assert spending_check(D("100"), D("25")).on_date == date(2017, 7, 1)
        assert spending_progress(D("100"), D("25")) == D("50.14")  # 25 ÷ 182/365


def test_leap_year_progress():
    # 2020-06-30: 30 ÷ (182/366) × 100 = 60.33 (2017 on the same date: 60.50)
    assert spending_progress(D("100"), D("30"), date(2020, 6, 30), 2020) == D("60.33")
    assert spending_progress(D("100"), D("30"), date(2017, 6, 30), 2017) == D("60.50")


def test_boundaries_exactly_at_60_and_80():
    assert spending_light(D("59.99")).code == "red"
    assert spending_light(D("60")).code == "yellow"
    assert spending_light(D("60.00")).explanation == "支出进度 60.00 不低于 60、低于 80：黄灯"
    assert spending_light(D("79.99")).code == "yellow"
    assert spending_light(D("80")).code == "green"
    assert spending_light(D("80.00")).explanation == "支出进度 80.00 达到 80：绿灯"
    # through the whole calculation: by months 6月30日 is exactly half the year
    assert spending_check(D("100"), D("30"), date(2017, 6, 30), basis="months").light.code == "yellow"
    assert spending_check(D("100"), D("29.99"), date(2017, 6, 30), basis="months").light.code == "red"
    assert spending_check(D("100"), D("40"), date(2017, 6, 30), basis="months").light.code == "green"
    # at year end the progress is the execution rate itself
    assert spending_check(D("100"), D("80"), date(2017, 12, 31)).progress == D("80.00")


def test_thresholds_from_the_scheme():
    strict = MonitoringThresholds.from_scheme({"red_below": 70, "green_from": "90"})
    assert strict == MonitoringThresholds(red_below=D("70"), green_from=D("90"))
    assert spending_light(D("75"), strict).code == "yellow"
    assert spending_light(D("85"), strict).explanation == "支出进度 85.00 不低于 70、低于 90：黄灯"
    assert spending_light(D("85")).code == "green"
    assert MonitoringThresholds.from_scheme(None) == DEFAULT_THRESHOLDS
    with pytest.raises(MonitoringError, match="监控阈值无效"):
        MonitoringThresholds(red_below=D("90"), green_from=D("80"))


def test_no_budget_no_light():
    check = spending_check(None, D("10"), date(2017, 6, 30))
    assert check.progress is None
    assert check.light.code == "none"
    assert check.explanation == "截至2017年6月30日：缺少预算数，无法计算支出进度"
    assert spending_check(D("0"), D("10"), date(2017, 6, 30)).explanation.endswith("预算数为 0，无法计算支出进度")
    assert spending_progress(D("100"), D("10"), date(2016, 12, 31), 2017) is None
    with pytest.raises(TypeError):
        spending_progress(100.0, 25.0, date(2017, 6, 30))


# --- forecasts ---------------------------------------------------------------------------------

def test_forecast_choices():
    assert INDICATOR_FORECAST_CHOICES == [
        ("certain", "确定能完成"), ("possible", "有可能完成"), ("impossible", "完全不可能完成"),
    ]


def test_a_deviation_needs_a_reason():
    assert not needs_reason(Forecast.CERTAIN, D("95"))
    assert not needs_reason("certain", None)
    assert needs_reason(Forecast.POSSIBLE, D("95"))
    assert needs_reason("impossible", None)
    # on track by forecast, behind by progress: still a deviation
    assert needs_reason(Forecast.CERTAIN, D("79.99"))
    assert not needs_reason(Forecast.CERTAIN, D("80"))
    assert reason_needed(Forecast.IMPOSSIBLE, D("50.41")) == "预计完全不可能完成，进度 50.41 低于 80：请填写偏差原因"
    assert reason_needed(Forecast.CERTAIN, D("100")) == ""
