"""In a real browser: a finance officer uploads two reports and sees each one's findings marked in its text."""

import pytest

from jixiao.sources import DOCUMENTS_DIR
from tests.conftest import screenshot
from tests.healthcheck.helpers import JIANGMEN, YUEYANG

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_officer_uploads_two_reports_and_sees_findings_marked(login_page, finance_officer):
    page = login_page(finance_officer)
    page.click("a:has-text('报告体检')")
    page.wait_for_url("**/healthcheck/")
    page.set_input_files("input[name=reports]", [str(DOCUMENTS_DIR / JIANGMEN), str(DOCUMENTS_DIR / YUEYANG)])
    page.click("button:has-text('开始体检')")
    page.wait_for_selector("#summary")

    rows = page.locator("#summary tbody tr")
    assert rows.count() == 2
    assert rows.nth(0).locator("td").all_inner_texts()[:7] == [JIANGMEN, "江门市科协", "2022", "项目支出绩效自评报告", "0", "1", "1"]
    assert rows.nth(1).locator("td").all_inner_texts()[:7] == [YUEYANG, "岳阳市科协", "2017", "部门整体支出绩效（自）评价报告", "0", "9", "0"]

    # Jiangmen: the score 95分 is marked with the low-execution finding as its tooltip.
    score = page.locator("mark.sev-warning", has_text="95分").first
    assert "总体预算执行率仅 66.8%" in score.get_attribute("title")
    # Following the finding in the list lands on its mark in the text.
    page.click("a:has-text('总体预算执行率仅 66.8%')")
    assert page.evaluate("location.hash").endswith("-m1")
    target = page.locator(".anchors:has(:target) + mark")
    assert target.inner_text() == "95分"
    screenshot(page, "healthcheck-jiangmen-marked")

    # Yueyang: the balance 83.62 against 1086.91 − 1003.30 is marked in its table.
    balance = page.locator("td mark.sev-warning", has_text="83.62").first
    assert "当年结余 83.62 ≠ 1086.91 − 1003.30 = 83.61" in balance.get_attribute("title")
    balance.scroll_into_view_if_needed()
    screenshot(page, "healthcheck-batch")


def test_filler_takes_a_total_into_the_accounts(login_page, yueyang_filler, source_accounts):
    from decimal import Decimal

    from jixiao.accounts.models import Figure, UnitYear

    summary = UnitYear.objects.get(unit=source_accounts["yueyang"], fiscal_year=2017)
    Figure.objects.filter(unit_year=summary, line="income_total").delete()
    page = login_page(yueyang_filler)
    page.goto("/healthcheck/")
    page.set_input_files("input[name=reports]", str(DOCUMENTS_DIR / YUEYANG))
    page.click("button:has-text('开始体检')")
    page.click("a:has-text('将识别出的金额录入收支情况')")
    # Choosing the unit-year reloads the page with its draft.
    with page.expect_navigation():
        page.select_option("select[name=unit_year]", str(summary.pk))
    row = page.locator(f"#offer-{summary.pk}-income_total")
    row.wait_for()
    assert row.locator("td").all_inner_texts()[:4] == ["岳阳市科学技术协会", "收入合计", "（空）", "1086.91"]
    row.locator("input[type=checkbox]").check()
    screenshot(page, "healthcheck-take-into-accounts")
    page.click("button:has-text('保存勾选的金额')")
    page.locator(".messages").filter(has_text="录入 1 个单元格").wait_for()
    assert Figure.objects.get(unit_year=summary, line="income_total").amount == Decimal("1086.91")
