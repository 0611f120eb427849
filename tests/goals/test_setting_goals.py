"""Setting a new year's goal: indicators from the library or typed, refused with the reason when unclear."""

import pytest

from jixiao.checks.models import Finding
from jixiao.goals.models import Goal, LibraryIndicator


@pytest.fixture
def lishui_2021(source_accounts):
    from jixiao.accounts.models import UnitYear

    return UnitYear.objects.get_or_create(unit=source_accounts["lishui"], fiscal_year=2021)[0]


def test_a_goal_with_an_indicator_from_the_library(client_for, lishui_filler, lishui_2021):
    client = client_for(lishui_filler)
    base = f"/goals/{lishui_2021.unit_id}/2021/"
    response = client.post(base + "new/", {"kind": "project", "name": "科学普及专项", "overall_goal": "提升公民科学素质",
                                           "scheme_code": "mof-2020"})
    goal = Goal.objects.get(unit_year=lishui_2021)
    assert response.status_code == 302 and goal.evaluation.status == "draft"
    sms = LibraryIndicator.objects.get(name="科普短信推送")
    response = client.post(f"{base}{goal.pk}/indicators/new/", {
        "library": sms.pk, "level1": "产出指标", "operator": ">=", "target": "150", "points": "20"})
    assert response.status_code == 302
    indicator = goal.indicators.get()
    assert (indicator.name, indicator.level2, indicator.unit_of_measure, indicator.target) == ("科普短信推送", "数量指标", "万条次", 150)
    assert "科普短信推送" in client.get(f"{base}{goal.pk}/").content.decode()
    assert Finding.objects.filter(unit=lishui_2021.unit, fiscal_year=2021, rule_code="target.no_actual").count() == 1


@pytest.mark.parametrize(("posted", "field", "message"), [
    ({"name": "培训", "level1": "产出指标", "level2": "数量指标", "operator": ">=", "points": "5"}, "target", "定量指标须填写指标值"),
    ({"name": "培训", "level1": "产出指标", "level2": "数量指标", "operator": ">=", "target": "50"}, "unit_of_measure", "定量指标须填写计量单位"),
    ({"name": "培训", "level1": "产出指标", "level2": "数量指标", "operator": "range", "target": "5", "target_high": "10",
      "unit_of_measure": "场次"}, "operator", "不允许区间目标"),
    ({"name": "培训", "level1": "产出指标", "level2": "数量指标", "operator": ">=", "target": "五十", "unit_of_measure": "人"}, "target", "指标值须为数字"),
    ({"name": "", "level1": "产出指标", "level2": "数量指标", "operator": "qualitative"}, "name", "请填写三级指标名称"),
])
def test_unclear_indicators_are_refused_with_the_reason(client_for, lishui_filler, lishui_2021, posted, field, message):
    client = client_for(lishui_filler)
    goal = Goal.objects.create(unit_year=lishui_2021, kind="project", name="科学普及专项", scheme_code="mof-2020")
    response = client.post(f"/goals/{lishui_2021.unit_id}/2021/{goal.pk}/indicators/new/", posted)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert goal.indicators.count() == 0


def test_only_editors_of_the_unit_may_set_goals(client_for, outsider, yueyang_filler, finance_officer, lishui_2021):
    for person in (outsider, yueyang_filler):
        assert client_for(person).post(f"/goals/{lishui_2021.unit_id}/2021/new/", {"kind": "project", "name": "x",
                                                                                  "scheme_code": "mof-2020"}).status_code == 404
    assert not Goal.objects.filter(unit_year=lishui_2021).exists()


def test_the_library_shows_past_values(client_for, lishui_filler, lishui_2021):
    page = client_for(lishui_filler).get("/goals/library/").content.decode()
    assert "2020年 丽水市科协：目标 130，实际 140" in page
