"""A project goal finds its money by key (Goal.special_fund), not by its name."""

from decimal import Decimal as D

import pytest

from jixiao.accounts.models import SpecialFund, UnitYear
from jixiao.goals.domain import execution_of
from jixiao.goals.models import Goal


@pytest.fixture
def lishui_2024(source_accounts):
    return UnitYear.objects.create(unit=source_accounts["lishui"], fiscal_year=2024)


def test_a_project_goal_chooses_its_fund_and_keeps_it_when_renamed(client_for, lishui_filler, lishui_2024):
    fund = SpecialFund.objects.create(unit_year=lishui_2024, name="科学普及专项", initial_budget=D("120.00"), actual=D("90.00"))
    client = client_for(lishui_filler)
    form = client.get(f"/goals/{lishui_2024.unit_id}/2024/new/").content.decode()
    assert f'<option value="{fund.pk}">科学普及专项</option>' in form
    response = client.post(f"/goals/{lishui_2024.unit_id}/2024/new/", {
        "kind": "project", "name": "2024年科普工作", "special_fund": fund.pk, "scheme_code": "mof-2020"})
    assert response.status_code == 302
    goal = Goal.objects.get(unit_year=lishui_2024)
    # Named differently from its fund, and still 90.00 ÷ 120.00 = 75.00 %.
    assert execution_of(goal) == (D("120.00"), D("90.00"), D("75.00"))
    page = client.get(f"/goals/{lishui_2024.unit_id}/2024/{goal.pk}/").content.decode()
    assert 'data-testid="rate">75.00%<' in page


def test_a_fund_of_another_year_is_refused_and_a_department_goal_takes_none(client_for, lishui_filler, lishui_2024, source_accounts):
    other_year = UnitYear.objects.get(unit=source_accounts["lishui"], fiscal_year=2020)
    elsewhere = SpecialFund.objects.filter(unit_year=other_year, parent=None).first()
    own = SpecialFund.objects.create(unit_year=lishui_2024, name="学会发展专项")
    client = client_for(lishui_filler)
    response = client.post(f"/goals/{lishui_2024.unit_id}/2024/new/", {
        "kind": "project", "name": "学会", "special_fund": elsewhere.pk, "scheme_code": "mof-2020"})
    assert response.status_code == 400 and "请从本年度的专项资金中选择" in response.content.decode()
    response = client.post(f"/goals/{lishui_2024.unit_id}/2024/new/", {
        "kind": "department", "name": "整体", "special_fund": own.pk, "scheme_code": "mof-2020"})
    assert response.status_code == 400 and "部门整体支出目标对应全年收支，不关联专项资金" in response.content.decode()
    assert not Goal.objects.filter(unit_year=lishui_2024).exists()


def test_a_project_goal_without_a_fund_says_so(lishui_2024):
    goal = Goal.objects.create(unit_year=lishui_2024, kind="project", name="科学普及专项", scheme_code="mof-2020")
    SpecialFund.objects.create(unit_year=lishui_2024, name="科学普及专项", initial_budget=D("10.00"), actual=D("5.00"))
    # Same name, no key: no guessing.
    assert execution_of(goal) == (None, None, None)
