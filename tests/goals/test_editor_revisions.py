"""Two people on the goal page and on the monitoring sheet: the second save is told, nothing is lost.

And a save refused for one bad cell, then 提交审核: nothing is submitted.
"""

import pytest
import time_machine

from jixiao.evaluations.models import SelfEvaluation, Status
from jixiao.goals.models import Checkpoint, Goal, Indicator
from jixiao.units.models import Role, RoleKind


@pytest.fixture
def yueyang_goal(source_accounts):
    goal = Goal.objects.get(unit_year__unit=source_accounts["yueyang"], unit_year__fiscal_year=2017)
    SelfEvaluation.objects.filter(goal=goal).update(status=Status.DRAFT)
    return goal


@pytest.fixture
def colleague(units, django_user_model):
    person = django_user_model.objects.create_user("yueyang_colleague", first_name="岳阳另一填报人")
    Role.objects.create(user=person, unit=units["yueyang"], kind=RoleKind.FILLER)
    return person


def url(goal, suffix=""):
    return f"/goals/{goal.unit_year.unit_id}/{goal.unit_year.fiscal_year}/{goal.pk}/{suffix}"


def talents(goal):
    return Indicator.objects.get(goal=goal, level2="数量指标", name="举荐优秀科技人才")


def test_the_second_save_of_the_indicator_table_is_told_and_nothing_is_lost(session_of, yueyang_filler, colleague, yueyang_goal):
    first, second = session_of(yueyang_filler), session_of(colleague)
    shown = yueyang_goal.revision  # both opened the page at this revision
    field = f"i-{talents(yueyang_goal).pk}-actual"
    assert first.post(url(yueyang_goal), {field: "12", "revision": shown}).status_code == 302
    response = second.post(url(yueyang_goal), {field: "9", "revision": shown})
    page = response.content.decode()
    assert response.status_code == 409
    assert "保存失败：您打开本页后，其他人已修改了这些指标。" in page
    assert f'name="{field}" value="9"' in page and "他人已改为：12" in page
    assert talents(yueyang_goal).actual == 12


def test_an_indicator_field_missing_from_the_post_is_not_blanked(client_for, yueyang_filler, yueyang_goal):
    indicator = talents(yueyang_goal)
    Indicator.objects.filter(pk=indicator.pk).update(deviation_reason="名额有限")
    client = client_for(yueyang_filler)
    assert client.post(url(yueyang_goal), {f"i-{indicator.pk}-actual": "11", "revision": yueyang_goal.revision}).status_code == 302
    indicator.refresh_from_db()
    assert (indicator.actual, indicator.deviation_reason) == (11, "名额有限")


def test_a_refused_save_then_submit_submits_nothing_and_says_why(client_for, yueyang_filler, yueyang_goal):
    client = client_for(yueyang_filler)
    field = f"i-{talents(yueyang_goal).pk}-actual"
    assert client.post(url(yueyang_goal), {field: "十二", "revision": yueyang_goal.revision}).status_code == 400
    # 提交审核 posts the same table as it stands on the page.
    response = client.post(url(yueyang_goal, "step/submit/"), {field: "十二", "revision": yueyang_goal.revision})
    assert response.status_code == 409
    assert "未提交审核：页面上有 1 处填写有误，尚未保存。请改正并保存后再提交。" in response.content.decode()
    response = client.post(url(yueyang_goal, "step/submit/"), {field: "12", "revision": yueyang_goal.revision})
    assert "未提交审核：页面上有 1 处修改尚未保存。请先保存，核对得分后再提交。" in response.content.decode()
    assert SelfEvaluation.objects.get(goal=yueyang_goal).status == Status.DRAFT
    assert talents(yueyang_goal).actual is None


def test_a_submit_from_a_page_changed_since_is_refused(client_for, session_of, yueyang_filler, colleague, yueyang_goal):
    shown = yueyang_goal.revision
    session_of(colleague).post(url(yueyang_goal), {f"i-{talents(yueyang_goal).pk}-actual": "3", "revision": shown})
    response = client_for(yueyang_filler).post(url(yueyang_goal, "step/submit/"), {"revision": shown}, follow=True)
    assert "未提交审核：您打开本页后，其他人已修改了这些指标。" in response.content.decode()
    assert SelfEvaluation.objects.get(goal=yueyang_goal).status == Status.DRAFT


@time_machine.travel("2022-06-30 17:00 +0800", tick=False)
def test_two_people_on_the_monitoring_sheet(session_of, source_accounts, django_user_model):
    goal = Goal.objects.get(unit_year__unit=source_accounts["jiangmen"])
    people = []
    for name in ("jiangmen_a", "jiangmen_b"):
        person = django_user_model.objects.create_user(name)
        Role.objects.create(user=person, unit=goal.unit_year.unit, kind=RoleKind.FILLER)
        people.append(session_of(person))
    monitoring = url(goal, "monitoring/")
    shown = goal.monitoring_revision
    assert people[0].post(monitoring, {"spent-2022-06-30": "73.00", "revision": shown}).status_code == 302
    response = people[1].post(monitoring, {"spent-2022-06-30": "131.40", "revision": shown})
    assert response.status_code == 409
    page = response.content.decode()
    assert "其他人已修改了监控情况" in page and "他人已改为：73" in page and 'value="131.40"' in page
    assert Checkpoint.objects.get(goal=goal, on_date="2022-06-30").spent == 73
    # A field missing from the post keeps its stored value.
    goal.refresh_from_db()
    assert people[1].post(monitoring, {"revision": goal.monitoring_revision}).status_code == 302
    assert Checkpoint.objects.get(goal=goal, on_date="2022-06-30").spent == 73
