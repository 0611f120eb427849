"""The unit-year page's state bar, and figures shown as text to those who may not change them."""

import re

import pytest
from django.urls import reverse

from jixiao.accounts import domain
from jixiao.accounts.models import UnitYear
from tests.page_text import by_testid, inputs, tree


@pytest.fixture
def yueyang_2017(source_accounts):
    return UnitYear.objects.select_related("unit").get(unit=source_accounts["yueyang"], fiscal_year=2017)


def page_of(client, unit_year):
    return client.get(reverse("accounts:unit_year", args=[unit_year.unit_id, unit_year.fiscal_year]))


def test_the_filler_sees_the_draft_held_by_the_unit_and_submit_at_the_top(client_for, yueyang_filler, yueyang_2017):
    page = page_of(client_for(yueyang_filler), yueyang_2017)
    bar = by_testid(page, "state-bar")[0]
    assert "年度数据状态：草稿" in bar and "当前由：本单位填报人" in bar
    button = tree(page).xpath('//*[@data-testid="next-step"]')[0]
    assert (button.text, button.get("form"), button.get("formaction")) == (
        "提交审核", "grid-form", reverse("accounts:submit", args=[yueyang_2017.unit_id, 2017]))
    labels = [field.get("aria-label") for field in inputs(tree(page).xpath('//form[@id="grid-form"]')[0])]
    assert labels and not [label for label in labels if re.search(r"[a-z_]{3,}", label)]
    assert "合计 收入合计" in labels


def test_reviewers_and_finance_see_figures_as_text_not_input_boxes(client_for, yueyang_reviewer, finance_officer,
                                                                   yueyang_2017):
    for person in (yueyang_reviewer, finance_officer):
        page = page_of(client_for(person), yueyang_2017)
        assert inputs(tree(page).xpath('//form[@id="grid-form"]')[0]) == []
        assert tree(page).xpath('//form[@id="grid-form"]//span[@class="ro-value"]')


def test_a_submitted_year_shows_its_lock_and_the_reviewers_next_step(client_for, yueyang_filler, yueyang_reviewer,
                                                                     yueyang_2017):
    domain.submit(yueyang_2017, yueyang_filler)
    yueyang_2017.refresh_from_db()
    page = page_of(client_for(yueyang_filler), yueyang_2017)
    assert by_testid(page, "lock-banner") == [
        "已锁定：岳阳市科协2017年度数据状态为“已提交”，不能修改。如需修改，请本单位审核人（退回修改）。"]
    assert inputs(tree(page).xpath('//form[@id="grid-form"]')[0]) == []
    assert by_testid(page_of(client_for(yueyang_reviewer), yueyang_2017), "next-step") == ["审核通过"]


def test_the_funds_page_shows_readers_text_and_editors_labelled_inputs(client_for, lishui_filler, django_user_model,
                                                                       source_accounts):
    from jixiao.units.models import Role, RoleKind

    lishui = source_accounts["lishui"]
    url = reverse("accounts:funds", args=[lishui.pk, 2020])
    reader = django_user_model.objects.create_user(username="lishui_finance", password="pw")
    Role.objects.create(user=reader, unit=lishui, kind=RoleKind.FINANCE_BUREAU)
    page = client_for(reader).get(url)
    table = tree(page).xpath('//table[@id="funds"]')[0]
    assert inputs(table) == []
    assert "科学普及专项" in table.text_content()
    page = client_for(lishui_filler).get(url)
    labels = [field.get("aria-label") for field in inputs(tree(page).xpath('//table[@id="funds"]')[0])]
    assert "科学普及专项 年初预算数" in labels and "新项目 全年执行数" in labels
    assert not [label for label in labels if label is None or re.search(r"[a-z_]{3,}", label)]
