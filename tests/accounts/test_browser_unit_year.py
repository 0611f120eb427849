"""In a real browser: the Yueyang filler changes a figure, sees the total follow, saves, and finds the change in the history."""

import pytest

from jixiao.accounts.grid import field_name
from jixiao.accounts.models import UnitYear
from tests.conftest import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_filler_changes_a_figure_and_sees_total_and_history(login_page, yueyang_filler, source_accounts):
    yueyang = source_accounts["yueyang"]
    museum = UnitYear.objects.get(unit=source_accounts["yueyang_museum"], fiscal_year=2017)
    page = login_page(yueyang_filler)
    page.click(f'a[href="/accounts/{yueyang.pk}/2017/"]')
    page.wait_for_selector("table.grid")

    cell = page.locator(f'input[name="{field_name(museum.pk, "income_fiscal")}"]')
    cell.fill("334.67")
    total = page.locator(f'#c-{field_name(museum.pk, "income_total")}')
    total.filter(has_text="= 447.37").wait_for()
    summary = UnitYear.objects.get(unit=yueyang, fiscal_year=2017)
    page.locator(f"#c-{field_name(summary.pk, 'income_total')}").filter(has_text="= 1186.91").wait_for()
    # Tab moves on to the next cell of the row, as in a spreadsheet.
    cell.press("Tab")
    assert page.evaluate("document.activeElement.name") == field_name(museum.pk, "income_gov_fund")

    page.locator(f'input[name="{field_name(museum.pk, "income_gov_fund")}"]').fill("12a")
    page.locator(f'#e-{field_name(museum.pk, "income_gov_fund")}').filter(has_text="请输入数字金额").wait_for()
    page.locator(f'input[name="{field_name(museum.pk, "income_gov_fund")}"]').fill("")
    screenshot(page, "accounts-yueyang-typing")

    page.click("button:has-text('保存')")
    page.locator(".messages").filter(has_text="已保存，修改了 1 个单元格。").wait_for()
    page.click("a:has-text('修改记录')")
    row = page.locator("#history tbody tr").first
    assert row.locator("td").all_inner_texts()[1:] == ["yueyang_filler", "科技馆", "财政拨款收入", "234.67", "334.67"]
    screenshot(page, "accounts-yueyang-history")
