"""A goal's record page: team members added and removed, with who and when."""

import pytest

from jixiao.evaluations import demo as evaluations_demo
from jixiao.evaluations.models import SelfEvaluation, Status, TeamMember
from jixiao.goals import demo as goals_demo
from jixiao.goals.models import Goal
from tests.goals.test_goal_pages import url


@pytest.fixture
def yueyang_goal(source_accounts):
    goals_demo.load(source_accounts)
    evaluations_demo.load(source_accounts)
    goal = Goal.objects.get(unit_year__unit=source_accounts["yueyang"], unit_year__fiscal_year=2017)
    SelfEvaluation.objects.filter(goal=goal).update(status=Status.DRAFT)
    return goal


def test_team_members_added_and_removed_show_on_the_goal_record(client_for, yueyang_filler, yueyang_reviewer, yueyang_goal):
    filler = client_for(yueyang_filler)
    filler.post(url(yueyang_goal, "team/"), {"name": "王芳", "title": "财务科长"})
    member = TeamMember.objects.get(name="王芳")
    filler.post(url(yueyang_goal, "team/"), {"remove": member.pk})
    assert not TeamMember.objects.filter(name="王芳").exists()
    page = client_for(yueyang_reviewer).get(url(yueyang_goal, "history/")).content.decode()
    assert "评价人员 王芳" in page and "财务科长" in page and "（已删除）" in page
    assert "yueyang_filler" in page
