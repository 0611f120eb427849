"""Picking from the indicator library fills in the form; an empty 一级指标 is a Chinese message, never a browser block."""

import pytest

from jixiao.accounts.models import UnitYear
from jixiao.goals.models import Goal, LibraryIndicator
from tests.page_text import by_testid, tree


@pytest.fixture
def new_indicator_url(source_accounts):
    unit_year = UnitYear.objects.get(unit=source_accounts["lishui"], fiscal_year=2020)
    goal = Goal.objects.filter(unit_year=unit_year, kind="project").first()
    return f"/goals/{unit_year.unit_id}/2020/{goal.pk}/indicators/new/", goal


def test_picking_from_the_library_fills_the_fields(client_for, lishui_filler, new_indicator_url):
    url, _ = new_indicator_url
    sms = LibraryIndicator.objects.get(name="科普短信推送")
    page = tree(client_for(lishui_filler).get(url, {"library": sms.pk}))
    assert page.xpath('//select[@name="level1"]/option[@selected]/@value') == [sms.level1]
    assert page.xpath('//select[@name="level2"]//option[@selected]/@value') == [sms.level2]
    assert page.xpath('//input[@name="name"]/@value') == ["科普短信推送"]
    assert page.xpath('//input[@name="unit_of_measure"]/@value') == ["万条次"]
    assert page.xpath('//input[@name="library"]/@value') == [str(sms.pk)]


def test_nothing_is_required_by_the_browser_and_an_empty_level1_gets_a_message(client_for, lishui_filler,
                                                                                new_indicator_url):
    url, goal = new_indicator_url
    client = client_for(lishui_filler)
    assert tree(client.get(url)).xpath("//form[@method='post']//*[@required]") == []
    response = client.post(url, {"name": "培训", "level2": "数量指标", "operator": "qualitative"})
    assert response.status_code == 400
    assert "请选择一级指标（产出、效益、满意度或成本指标），或从指标库选用" in response.content.decode()
    assert not goal.indicators.filter(name="培训").exists()
    assert by_testid(client.get(url), "picked") == []
