"""Read-only roles change nothing: the accounts "check" action and a refused workflow step."""

import pytest

from jixiao.accounts.models import UnitYear
from jixiao.checks.models import Finding
from jixiao.evaluations.models import SelfEvaluation
from jixiao.goals import demo as goals_demo
from jixiao.goals.models import Goal
from tests.test_access_sweep import database_fingerprint


@pytest.fixture
def yueyang_2017(source_accounts):
    return UnitYear.objects.get(unit=source_accounts["yueyang"], fiscal_year=2017)


@pytest.mark.parametrize("persona", ["yueyang_reviewer", "finance_officer"])
def test_a_reviewer_or_the_finance_bureau_cannot_rerun_the_checks(request, persona, client_for, yueyang_2017):
    reader = client_for(request.getfixturevalue(persona))
    reader.get("/")
    page = reader.get(f"/accounts/{yueyang_2017.unit_id}/2017/").content.decode()
    assert "重新检查" not in page
    Finding.objects.filter(unit=yueyang_2017.unit).update(message="（旧说明）")
    before = database_fingerprint()
    response = reader.post(f"/accounts/{yueyang_2017.unit_id}/2017/check/")
    assert response.status_code == 404
    assert database_fingerprint() == before
    assert set(Finding.objects.filter(unit=yueyang_2017.unit).values_list("message", flat=True)) == {"（旧说明）"}


def test_the_filler_may_rerun_the_checks(client_for, yueyang_filler, yueyang_2017):
    response = client_for(yueyang_filler).post(f"/accounts/{yueyang_2017.unit_id}/2017/check/", follow=True)
    assert "已重新检查" in response.content.decode()


@pytest.mark.parametrize("action", ["approve", "submit", "accept", "nonsense"])
def test_a_refused_step_creates_no_evaluation_row(client_for, finance_officer, yueyang_reviewer, source_accounts, action):
    goals_demo.load(source_accounts)
    goal = Goal.objects.filter(unit_year__unit=source_accounts["yueyang"], unit_year__fiscal_year=2017).first()
    SelfEvaluation.objects.filter(goal=goal).delete()
    reviewer = client_for(yueyang_reviewer)
    reviewer.get("/")
    before = database_fingerprint()
    response = reviewer.post(f"/goals/{goal.unit_year.unit_id}/2017/{goal.pk}/step/{action}/", follow=True)
    assert response.status_code == 200
    page = response.content.decode()
    # submit/accept: not the reviewer's to do; approve: the reviewer's, but not from a draft.
    assert "您没有权限执行" in page or "未知操作" in page or "不能审核通过" in page
    assert database_fingerprint() == before
    assert not SelfEvaluation.objects.filter(goal=goal).exists()
