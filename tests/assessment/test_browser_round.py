"""In a real browser: a judge scores Donghai item by item on a tablet, the office closes the round and publishes,
Donghai logs in and sees its result without any judge's name."""

from decimal import Decimal

import pytest

from jixiao.assessment import submissions
from jixiao.assessment.models import ItemScore, Result, RoundStatus
from jixiao.assessment.models import Round as RoundModel
from tests.assessment.conftest import score_hand_worked
from tests.conftest import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TABLET = {"width": 820, "height": 1180}


@pytest.fixture
def open_context(browser, live_server):
    """New browser contexts (one per person), closed at the end of the test."""
    contexts = []

    def open_(viewport):
        context = browser.new_context(locale="zh-CN", viewport=viewport, base_url=live_server.url, has_touch=viewport == TABLET)
        contexts.append(context)
        return context.new_page()

    yield open_
    for context in contexts:
        context.close()


def log_in(page, user):
    page.goto("/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", "pw-" + user.username)
    page.click("button[type=submit]")
    page.wait_for_url("**/")
    return page


def assert_fits_the_width(page):
    """Nothing on the page makes a tablet scroll sideways."""
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"页面比视口宽 {overflow}px"


def assert_focus_in_sight(page):
    """The focused score field is not hidden under the sticky county header or the sticky save bar."""
    field, head, bar = page.evaluate("""() => [document.activeElement, document.querySelector('.scoring-head'),
        document.querySelector('.save-bar')].map(e => { const r = e.getBoundingClientRect(); return [r.top, r.bottom]; })""")
    assert field[0] >= head[1] and field[1] <= bar[0], f"输入框 {field} 被遮挡（页眉 {head}，保存栏 {bar}）"


def test_a_judge_scores_on_a_tablet_the_office_publishes_and_the_county_sees_its_result(
    open_context, scoring_round, city_judge, department_judge, guanyun_judge, lianyungang_judge,
    lianyungang_office, donghai_filler, units,
):
    city_judge.user.first_name = "王市领导"
    city_judge.user.save()
    # Every judge has scored every county already, except the city judge's Donghai, which he scores on the tablet.
    score_hand_worked((city_judge, department_judge, guanyun_judge), units, skip={(city_judge, "donghai")})
    donghai = units["donghai"]
    items = list(scoring_round.scheme.items.order_by("number"))
    # Donghai reported two figures before the on-site day: 5 academic exchanges (item 5 asks 6), 12 information
    # pushes (item 7 asks 10).
    measures = {m.code: m for item in items for m in item.measures.all()}
    RoundModel.objects.filter(pk=scoring_round.pk).update(status=RoundStatus.COLLECTING)
    submissions.save_report(
        submissions.submission_for(scoring_round, donghai), "全年工作总结",
        {measures["academic_exchanges"].pk: "5", measures["information_pushes"].pk: "12"},
        {items[4].pk: "举办学术交流活动5场。"},
    )
    RoundModel.objects.filter(pk=scoring_round.pk).update(status=RoundStatus.SCORING)

    # The judge, on a tablet: home → 评委评分 → Donghai's tile.
    tablet = log_in(open_context(TABLET), lianyungang_judge)
    tablet.click("#assessment-panel a:has-text('评委评分')")
    tablet.locator("#judge-counties a.tile", has_text="东海县").click()
    tablet.wait_for_selector("#score-form")
    tablet.locator("#score-total").filter(has_text="已评 0/23 项").wait_for()
    assert_fits_the_width(tablet)
    # The judge sees each figure against its threshold, met or not.
    item_5 = tablet.locator("#item-5 table.measures tr").first.locator("td").all_inner_texts()
    assert item_5 == ["学术交流活动", "不少于6场次", "5 场次", "未达到"]
    assert tablet.locator("#item-7 table.measures tr").first.locator("td").all_inner_texts() == ["科技信息推送", "不少于10家", "12 家", "达到"]
    screenshot(tablet, "assessment-tablet-scoring-empty")

    for item in items:
        field = tablet.locator(f"#input-score-{item.pk}")
        field.fill("9.3" if item.number == 20 else str(item.points.normalize()))
        field.press("Tab")
        if item != items[-1]:
            assert_focus_in_sight(tablet)
        cell = tablet.locator(f"#score-{item.pk}")
        if item.number == 20:
            # Off the 0.5 step: refused beside the field, the typed value stays for correcting.
            cell.locator(".cell-error").filter(has_text="得分须为 0.5 的整数倍").wait_for()
            assert tablet.locator(f"#input-score-{item.pk}").input_value() == "9.3"
        else:
            cell.locator(".saved").filter(has_text="已保存").wait_for()
    tablet.locator("#score-total").filter(has_text="已评 22/23 项").wait_for()
    item_20 = next(item for item in items if item.number == 20)
    tablet.locator(f"#score-{item_20.pk}").scroll_into_view_if_needed()
    screenshot(tablet, "assessment-tablet-scoring-refused")
    # The refusal cost no other score.
    assert ItemScore.objects.filter(judge=city_judge, unit=donghai).count() == 22

    tablet.fill(f"#input-score-{item_20.pk}", "12")
    tablet.press(f"#input-score-{item_20.pk}", "Tab")
    tablet.locator(f"#score-{item_20.pk} .cell-error").filter(has_text="得分不能超过本项分值 11 分").wait_for()
    tablet.fill(f"#input-score-{item_20.pk}", "9")
    tablet.press(f"#input-score-{item_20.pk}", "Tab")
    tablet.locator(f"#score-{item_20.pk} .saved").wait_for()
    tablet.locator("#score-total").filter(has_text="已评 23/23 项 · 合计 98 分").wait_for()
    assert_fits_the_width(tablet)
    screenshot(tablet, "assessment-tablet-scoring-done")
    stored = {score.item.number: score.score for score in ItemScore.objects.filter(judge=city_judge, unit=donghai).select_related("item")}
    assert len(stored) == 23 and stored[20] == Decimal(9) and sum(stored.values()) == Decimal(98)

    tablet.click("a:has-text('‹ 返回')")
    tablet.locator("#judge-counties a.tile.done", has_text="东海县").filter(has_text="已评 23/23 项").wait_for()
    assert_fits_the_width(tablet)
    screenshot(tablet, "assessment-tablet-panel")

    # The office closes scoring and publishes with two advanced units.
    office = log_in(open_context({"width": 1366, "height": 900}), lianyungang_office)
    office.goto(f"/assessment/rounds/{scoring_round.pk}/progress/")
    screenshot(office, "assessment-office-progress")
    office.goto(f"/assessment/rounds/{scoring_round.pk}/")
    office.click("#close-round")
    office.locator(".messages").filter(has_text="评分已关闭。请审核结果后公布。").wait_for()
    # Before publishing, the office reviews the results with their charts and the fairness analytics.
    office.click("nav.tabs a:has-text('考核结果')")
    for chart in ("chart-ranking", "chart-radar", "chart-judges"):
        office.wait_for_selector(f"#{chart} canvas")
    assert office.locator("#ranking tr").nth(1).locator("td").all_inner_texts()[:2] == ["1", "灌南县科学技术协会"]
    screenshot(office, "assessment-office-results")
    office.click("nav.tabs a:has-text('公正性分析')")
    office.wait_for_selector("#chart-judges canvas")
    office.get_by_text("名次不变").wait_for()
    screenshot(office, "assessment-office-fairness")
    office.click("nav.tabs a:has-text('考核概况')")
    office.fill("input[name=advanced_count]", "2")
    office.click("#publish-round")
    office.locator(".messages").filter(has_text="考核结果已公布。").wait_for()
    scoring_round.refresh_from_db()
    assert scoring_round.status == RoundStatus.PUBLISHED

    # After publication, the judge's page is read-only (and shows the panel mean).
    tablet.goto(f"/assessment/rounds/{scoring_round.pk}/score/{donghai.pk}/")
    assert tablet.locator(f"#input-score-{item_20.pk}").is_disabled()
    tablet.get_by_text("结果已公布：只能查看").wait_for()

    # Donghai, on a tablet too: home → 考核结果.
    county = log_in(open_context(TABLET), donghai_filler)
    county.goto("/assessment/")
    county.click("#county-places a:has-text('考核结果')")
    county.wait_for_selector("#county-result")
    result = county.locator("#county-result").inner_text()
    # 40 % × 98 + 30 % × 97 + 30 % × 99 = 98.00; Guannan ranks first with 98.40.
    assert "总得分 98.00" in result and "名次 第2名" in result and "先进单位" in result
    assert county.locator("#county-groups tr").nth(1).locator("td").all_inner_texts() == ["市科协领导", "40%", "评委1 98", "98.00"]
    assert Result.objects.get(round=scoring_round, unit=donghai).final_score == Decimal("98.00")
    county.wait_for_selector("#chart-radar canvas")
    text = county.locator("main").inner_text()
    for name in ("王市领导", "机关评委李四", "灌云评委张三", "lianyungang_judge", "department_judge", "guanyun_judge"):
        assert name not in text
    assert_fits_the_width(county)
    screenshot(county, "assessment-tablet-county-result")
