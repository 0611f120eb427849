"""Monitoring as a clerk fills it on 30 June: money spent so far gives the light; forecasts need reasons."""

import pytest
import time_machine

from jixiao.goals.models import Checkpoint, Goal


@pytest.fixture
def jiangmen_goal(source_accounts, django_user_model):
    return Goal.objects.get(unit_year__unit=source_accounts["jiangmen"])


@pytest.fixture
def jiangmen_filler(jiangmen_goal, django_user_model):
    from jixiao.units.models import Role, RoleKind

    person = django_user_model.objects.create_user("jiangmen_filler")
    Role.objects.create(user=person, unit=jiangmen_goal.unit_year.unit, kind=RoleKind.FILLER)
    return person


def url(goal):
    return f"/goals/{goal.unit_year.unit_id}/2022/{goal.pk}/monitoring/"


@pytest.mark.parametrize(("spent", "light", "on_board"), [("73.00", "红灯", "红（50.41）"), ("102.20", "黄灯", "黄（70.58）"), ("131.40", "绿灯", "绿（90.75）")])
@time_machine.travel("2022-06-30 17:00 +0800", tick=False)
def test_on_30_june_a_quarter_spent_is_red_a_third_yellow_nearly_half_green(client_for, jiangmen_filler, jiangmen_goal, spent, light, on_board):
    # 292.00 budget: 73.00 is 25 %, 102.20 is 35 %, 131.40 is 45 % of it; 30 June is 181/365 of 2022.
    client = client_for(jiangmen_filler)
    assert client.post(url(jiangmen_goal), {"spent-2022-06-30": spent, "revision": jiangmen_goal.monitoring_revision}).status_code == 302
    page = client.get(url(jiangmen_goal)).content.decode()
    assert f'data-testid="light">{light}</span>' in page
    board = client.get("/goals/monitoring/").content.decode()
    assert on_board in board


def test_a_bad_amount_is_refused_and_nothing_is_stored(client_for, jiangmen_filler, jiangmen_goal):
    response = client_for(jiangmen_filler).post(url(jiangmen_goal), {"spent-2022-06-30": "1.2.3", "spent-2022-08-31": "150.00"})
    assert response.status_code == 400
    page = response.content.decode()
    assert '<span class="cell-error">金额只能有一个小数点</span>' in page
    # What was typed stays on the page, the refused amount and the other checkpoint's alike.
    assert 'value="1.2.3"' in page and 'value="150.00"' in page
    assert not Checkpoint.objects.filter(goal=jiangmen_goal).exists()


def test_the_sheet_exports_and_outsiders_get_404(client_for, jiangmen_filler, outsider, jiangmen_goal):
    response = client_for(jiangmen_filler).get(url(jiangmen_goal) + "?format=xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    client = client_for(outsider)
    assert client.get(url(jiangmen_goal)).status_code == 404
    assert client.get(url(jiangmen_goal) + "?format=xlsx").status_code == 404
    assert client.post(url(jiangmen_goal), {"spent-2022-06-30": "1"}).status_code == 404
    assert "江门" not in client.get("/goals/monitoring/").content.decode()


def test_the_exported_sheet_keeps_a_reason_starting_with_equals_as_text(client_for, jiangmen_filler, jiangmen_goal):
    import datetime

    from jixiao.goals.models import Indicator, IndicatorProgress
    from tests.test_spreadsheets import assert_text_cell

    indicator = Indicator.objects.create(goal=jiangmen_goal, level1="产出指标", level2="数量指标", name="科普活动场次",
                                         target_text="=2期")
    checkpoint = Checkpoint.objects.create(goal=jiangmen_goal, on_date=datetime.date(2022, 6, 30))
    IndicatorProgress.objects.create(checkpoint=checkpoint, indicator=indicator, reason="=1+1")
    data = client_for(jiangmen_filler).get(url(jiangmen_goal) + "?format=xlsx").content
    assert_text_cell(data, "=1+1")
    assert_text_cell(data, "=2期")
