"""The accounts of a unit-year: draft → submitted → approved by the unit's reviewer → received by finance.

Separation of duties, the figures kept at approval, a refused save then 提交审核,
and two people on the special-funds page.
"""

import re
from decimal import Decimal

import pytest

from jixiao.accounts import domain
from jixiao.accounts.grid import field_name
from jixiao.accounts.models import SpecialFund, UnitYear, UnitYearEvent, UnitYearStatus
from jixiao.units.models import Role, RoleKind


@pytest.fixture
def yueyang_2017(source_accounts):
    return UnitYear.objects.select_related("unit").get(unit=source_accounts["yueyang"], fiscal_year=2017)


@pytest.fixture
def jiangmen_2022(source_accounts):
    return UnitYear.objects.select_related("unit").get(unit=source_accounts["jiangmen"], fiscal_year=2022)


def page_url(unit_year, suffix=""):
    return f"/accounts/{unit_year.unit_id}/{unit_year.fiscal_year}/{suffix}"


def status_of(unit_year):
    return UnitYear.objects.get(pk=unit_year.pk).status


def test_the_unit_admin_cannot_approve_what_they_submitted(yueyang_admin, yueyang_reviewer, finance_officer, yueyang_2017):
    domain.submit(yueyang_2017, yueyang_admin)
    with pytest.raises(domain.SubmitRefused, match="您提交了本年度数据，不能由您本人审核"):
        domain.approve(yueyang_2017, yueyang_admin)
    with pytest.raises(domain.SubmitRefused, match="须先经本单位审核通过"):
        domain.receive(yueyang_2017, finance_officer)
    domain.approve(yueyang_2017, yueyang_reviewer)
    with pytest.raises(domain.SubmitRefused, match="您没有权限接收本年度数据"):
        domain.receive(yueyang_2017, yueyang_reviewer)
    domain.receive(yueyang_2017, finance_officer)
    assert status_of(yueyang_2017) == UnitYearStatus.RECEIVED
    events = list(UnitYearEvent.objects.filter(unit_year=yueyang_2017).order_by("at", "pk"))
    assert [(e.user.username, e.action, e.to_status) for e in events] == [
        ("yueyang_admin", "submit", "submitted"), ("yueyang_reviewer", "approve", "approved"),
        ("yueyang_finance", "receive", "received")]
    # Approval and receipt keep the figures they froze.
    assert events[1].snapshot["figures"]["岳阳市科学技术协会"]["exp_basic"] == "359.39"
    assert events[2].snapshot["figures"]["科技馆"]["exp_personnel"] == "51.98"


def test_a_reviewer_may_not_approve_figures_they_changed(yueyang_filler, yueyang_reviewer, yueyang_2017, units):
    Role.objects.create(user=yueyang_reviewer, unit=units["yueyang"], kind=RoleKind.FILLER)
    domain.save_figures(yueyang_2017, {(yueyang_2017.pk, "sangong_budget"): Decimal("36.00")}, yueyang_reviewer,
                        yueyang_2017.revision)
    domain.submit(yueyang_2017, yueyang_filler)
    with pytest.raises(domain.SubmitRefused, match="您修改过本年度数据，不能审核自己修改的内容"):
        domain.approve(yueyang_2017, yueyang_reviewer)


def test_only_the_role_above_reopens_with_a_reason(yueyang_filler, yueyang_reviewer, finance_officer, yueyang_2017):
    domain.submit(yueyang_2017, yueyang_filler)
    domain.approve(yueyang_2017, yueyang_reviewer)
    domain.receive(yueyang_2017, finance_officer)
    with pytest.raises(domain.SubmitRefused, match="您没有权限撤销财政接收"):
        domain.reopen(yueyang_2017, yueyang_reviewer, "想再改一下")
    with pytest.raises(domain.SubmitRefused, match="请填写原因"):
        domain.reopen(yueyang_2017, finance_officer, " ")
    domain.reopen(yueyang_2017, finance_officer, "三公经费口径有误")
    assert status_of(yueyang_2017) == UnitYearStatus.DRAFT
    event = UnitYearEvent.objects.filter(unit_year=yueyang_2017).order_by("-at", "-pk").first()
    assert (event.action, event.user, event.comment, event.from_status) == ("reopen", finance_officer, "三公经费口径有误", "received")


def test_approved_figures_are_refused_in_the_page_with_who_can_reopen(client_for, yueyang_filler, yueyang_reviewer, yueyang_2017):
    domain.submit(yueyang_2017, yueyang_filler)
    domain.approve(yueyang_2017, yueyang_reviewer)
    client = client_for(yueyang_filler)
    html = client.get(page_url(yueyang_2017)).content.decode()
    assert "数据状态为“已审核”，不能修改。如需修改，请本单位审核人（撤销审核、退回修改）。" in html
    form = dict(re.findall(r'<input name="(f-\d+-\w+)" value="([^"]*)"', html))
    form[field_name(yueyang_2017.pk, "exp_basic")] = "1.00"
    form["revision"] = str(UnitYear.objects.get(pk=yueyang_2017.pk).revision)
    assert client.post(page_url(yueyang_2017), form).status_code == 409


def test_a_refused_save_then_submit_submits_nothing(client_for, yueyang_filler, yueyang_2017):
    client = client_for(yueyang_filler)
    html = client.get(page_url(yueyang_2017)).content.decode()
    form = dict(re.findall(r'<input name="(f-\d+-\w+)" value="([^"]*)"', html))
    form["revision"] = re.search(r'name="revision" value="(\d+)"', html).group(1)
    form[field_name(yueyang_2017.pk, "income_fiscal")] = "825..52"
    assert client.post(page_url(yueyang_2017), form).status_code == 400
    response = client.post(page_url(yueyang_2017, "submit/"), form)
    assert response.status_code == 409
    assert "未提交：页面上有 1 处填写有误，尚未保存。请改正并保存后再提交。" in response.content.decode()
    form[field_name(yueyang_2017.pk, "income_fiscal")] = "800.00"
    assert "未提交：页面上有 1 处修改尚未保存" in client.post(page_url(yueyang_2017, "submit/"), form).content.decode()
    assert status_of(yueyang_2017) == UnitYearStatus.DRAFT


def funds_form(html: str) -> dict[str, str]:
    fields = dict(re.findall(r'<input name="((?:fund|new)-[\w-]+)" value="([^"]*)"', html))
    fields.update({key: "on" for key in re.findall(r'<input type="checkbox" name="([\w-]+)" checked', html)})
    fields["revision"] = re.search(r'name="revision" value="(\d+)"', html).group(1)
    return fields


def test_two_people_on_the_funds_page(session_of, units, jiangmen_2022, django_user_model):
    sessions = []
    for name in ("jiangmen_a", "jiangmen_b"):
        person = django_user_model.objects.create_user(name)
        Role.objects.create(user=person, unit=units["jiangmen"], kind=RoleKind.FILLER)
        sessions.append(session_of(person))
    fund = SpecialFund.objects.filter(unit_year=jiangmen_2022, actual__isnull=False).first()
    forms = [funds_form(session.get(page_url(jiangmen_2022, "funds/")).content.decode()) for session in sessions]
    forms[0][f"fund-{fund.pk}-actual"], forms[1][f"fund-{fund.pk}-actual"] = "100.00", "120.00"
    assert sessions[0].post(page_url(jiangmen_2022, "funds/"), forms[0]).status_code == 302
    response = sessions[1].post(page_url(jiangmen_2022, "funds/"), forms[1])
    page = response.content.decode()
    assert response.status_code == 409
    assert "其他人已修改了本年度的账目" in page and "他人已改为：100.00" in page and 'value="120.00"' in page
    fund.refresh_from_db()
    assert fund.actual == Decimal("100.00")


def test_a_fund_field_missing_from_the_post_is_not_blanked(client_for, units, jiangmen_2022, django_user_model):
    person = django_user_model.objects.create_user("jiangmen_a")
    Role.objects.create(user=person, unit=units["jiangmen"], kind=RoleKind.FILLER)
    fund = SpecialFund.objects.filter(unit_year=jiangmen_2022, actual__isnull=False).first()
    before = (fund.name, fund.initial_budget, fund.adjusted_budget, fund.actual)
    response = client_for(person).post(page_url(jiangmen_2022, "funds/"), {"revision": jiangmen_2022.revision})
    assert response.status_code == 302
    fund.refresh_from_db()
    assert (fund.name, fund.initial_budget, fund.adjusted_budget, fund.actual) == before
