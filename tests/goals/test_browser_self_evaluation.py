"""In a real browser: the filler types an actual value and sees score and grade follow, submits;
the reviewer approves and downloads the self-evaluation report."""

import pytest

from jixiao.evaluations.models import SelfEvaluation, Status
from jixiao.goals.models import Goal, Indicator
from tests.conftest import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def yueyang_goal(source_accounts):
    goal = Goal.objects.get(unit_year__unit=source_accounts["yueyang"], unit_year__fiscal_year=2017)
    SelfEvaluation.objects.filter(goal=goal).update(status=Status.DRAFT)
    return goal


def test_fill_actual_see_score_submit_approve_download(browser, live_server, yueyang_filler, yueyang_reviewer, yueyang_goal):
    talents = Indicator.objects.get(goal=yueyang_goal, level2="数量指标", name="举荐优秀科技人才")
    goal_url = f"/goals/{yueyang_goal.unit_year.unit_id}/2017/{yueyang_goal.pk}/"

    def session(person):
        context = browser.new_context(locale="zh-CN", viewport={"width": 1366, "height": 900}, base_url=live_server.url,
                                      accept_downloads=True)
        page = context.new_page()
        page.goto("/login/")
        page.fill("#id_username", person.username)
        page.fill("#id_password", "pw-" + person.username)
        page.click("button[type=submit]")
        page.wait_for_url("**/")
        return context, page

    context, page = session(yueyang_filler)
    page.goto(goal_url)
    page.locator('[data-testid="total"]').filter(has_text="98.00").wait_for()
    page.fill(f'input[name="i-{talents.pk}-actual"]', "5")
    page.locator('[data-testid="total"]').filter(has_text="96.00").wait_for()
    page.locator(f"#s-{talents.pk}").filter(has_text="2.00").wait_for()
    assert page.locator('[data-testid="grade"]').inner_text() == "优"
    page.fill(f'textarea[name="i-{talents.pk}-deviation_reason"]', "当年推荐名额减少")
    screenshot(page, "goals-yueyang-typing")
    page.click("button:has-text('保存')")
    page.locator(".messages").filter(has_text="已保存。").wait_for()
    page.click("button:has-text('提交审核')")
    page.locator('[data-testid="status"]').filter(has_text="待审核").wait_for()
    context.close()

    context, page = session(yueyang_reviewer)
    page.goto(goal_url)
    page.click("button:has-text('审核通过')")
    page.locator('[data-testid="status"]').filter(has_text="已审核").wait_for()
    assert page.locator('[data-testid="total"]').inner_text() == "96.00"
    screenshot(page, "goals-yueyang-approved")
    with page.expect_download() as download:
        page.click("a:has-text('自评报告（Word）')")
    path = download.value.path()
    from docx import Document

    text = "\n".join(cell.text for table in Document(path).tables for row in table.rows for cell in row.cells)
    assert "96.00" in text and "优" in text
    context.close()
