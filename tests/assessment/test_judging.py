"""Judges score item by item within [0, points] on the step; see only their own scores; never score a unit they
belong to or declared a conflict with; cannot score after the round closes."""

from decimal import Decimal

import pytest

from jixiao.assessment import rounds
from jixiao.assessment.models import ItemScore
from jixiao.assessment.scoring import ScoreRefused, save_score
from tests.assessment.conftest import score_all


def score_url(round_, unit, item=None):
    base = f"/assessment/rounds/{round_.pk}/score/{unit.pk}/"
    return f"{base}items/{item.pk}/" if item else base


def stored(judge, unit):
    return {score.item.number: score.score for score in ItemScore.objects.filter(judge=judge, unit=unit).select_related("item")}


def test_a_score_typed_on_the_tablet_is_saved_at_once(scoring_round, city_judge, lianyungang_judge, client_for, units):
    item_1 = scoring_round.scheme.items.get(number=1)

    response = client_for(lianyungang_judge).post(score_url(scoring_round, units["donghai"], item_1), {f"score-{item_1.pk}": "3.5"})

    assert response.status_code == 200
    assert "已保存" in response.content.decode()
    assert "已评 1/23 项 · 合计 3.5 分" in response.content.decode()
    assert stored(city_judge, units["donghai"]) == {1: Decimal("3.5")}


@pytest.mark.parametrize(("typed", "message"), [
    ("4.5", "得分不能超过本项分值 4 分"),
    ("-1", "得分不能为负数"),
    ("3.3", "得分须为 0.5 的整数倍"),
    ("三分", "请输入数字分数，如 3.5"),
])
def test_a_score_outside_the_items_points_or_off_the_step_is_refused_with_the_reason(
    scoring_round, city_judge, lianyungang_judge, client_for, units, typed, message
):
    item_1 = scoring_round.scheme.items.get(number=1)
    save_score(city_judge, units["donghai"], item_1, "3")

    response = client_for(lianyungang_judge).post(score_url(scoring_round, units["donghai"], item_1), {f"score-{item_1.pk}": typed})

    text = response.content.decode()
    assert message in text
    assert f'value="{typed}"' in text
    assert stored(city_judge, units["donghai"]) == {1: Decimal(3)}


def test_refused_scores_in_a_full_form_keep_what_was_typed_and_the_other_scores_are_saved(
    scoring_round, city_judge, lianyungang_judge, client_for, units
):
    items = {item.number: item for item in scoring_round.scheme.items.all()}

    response = client_for(lianyungang_judge).post(score_url(scoring_round, units["donghai"]), {
        f"score-{items[1].pk}": "3.5",
        f"score-{items[2].pk}": "6",
        f"score-{items[3].pk}": "1.5",
    })

    assert response.status_code == 422
    cards = {card["row"].item.number: card for card in response.context["cards"]}
    assert (cards[2]["value"], cards[2]["error"]) == ("6", "得分不能超过本项分值 5 分")
    assert (cards[1]["value"], cards[3]["value"]) == ("3.5", "1.5")
    assert stored(city_judge, units["donghai"]) == {1: Decimal("3.5"), 3: Decimal("1.5")}


def test_emptying_a_field_clears_that_score(scoring_round, city_judge, lianyungang_judge, client_for, units):
    item_1 = scoring_round.scheme.items.get(number=1)
    save_score(city_judge, units["donghai"], item_1, "3")

    client_for(lianyungang_judge).post(score_url(scoring_round, units["donghai"], item_1), {f"score-{item_1.pk}": ""})

    assert stored(city_judge, units["donghai"]) == {}


def test_a_judge_sees_only_his_own_scores(scoring_round, city_judge, department_judge, lianyungang_judge, client_for, units):
    score_all(department_judge, units["donghai"], lambda item: item.points)
    save_score(city_judge, units["donghai"], scoring_round.scheme.items.get(number=1), "2")
    client = client_for(lianyungang_judge)

    page = client.get(score_url(scoring_round, units["donghai"]))

    assert [card["value"] for card in page.context["cards"]][:3] == ["2", "", ""]
    assert "已评 1/23 项 · 合计 2 分" in page.content.decode()
    assert "机关评委李四" not in page.content.decode()
    # The office's explanation (every judge's scores, with names) is closed to judges.
    assert client.get(f"/assessment/rounds/{scoring_round.pk}/results/{units['donghai'].pk}/").status_code == 404
    assert client.get(f"/assessment/rounds/{scoring_round.pk}/results/").status_code == 404
    assert client.get(f"/assessment/rounds/{scoring_round.pk}/progress/").status_code == 404


def test_a_judge_cannot_change_another_judges_scores(scoring_round, city_judge, department_judge, lianyungang_judge, client_for, units):
    item_1 = scoring_round.scheme.items.get(number=1)
    save_score(department_judge, units["donghai"], item_1, "4")

    # Whatever the form says, a save is always the logged-in judge's own.
    client_for(lianyungang_judge).post(
        score_url(scoring_round, units["donghai"], item_1), {f"score-{item_1.pk}": "1", "judge": department_judge.pk}
    )

    assert stored(department_judge, units["donghai"]) == {1: Decimal(4)}
    assert stored(city_judge, units["donghai"]) == {1: Decimal(1)}


def test_a_county_judge_does_not_score_his_own_county(scoring_round, guanyun_judge, client_for, units):
    client = client_for(guanyun_judge.user)
    item_1 = scoring_round.scheme.items.get(number=1)

    panel = client.get(f"/assessment/rounds/{scoring_round.pk}/score/")
    own_page = client.get(score_url(scoring_round, units["guanyun"]))
    own_save = client.post(score_url(scoring_round, units["guanyun"], item_1), {f"score-{item_1.pk}": "3"})

    tiles = {entry["unit"].display_name: entry["reason"] for entry in panel.context["counties"]}
    assert tiles["灌云县"] == "评委所在单位即被考核单位"
    assert tiles["东海县"] is None
    assert (own_page.status_code, own_save.status_code) == (404, 404)
    with pytest.raises(ScoreRefused, match="不能为该单位评分：评委所在单位即被考核单位"):
        save_score(guanyun_judge, units["guanyun"], item_1, "3")
    assert ItemScore.objects.count() == 0
    # Other counties he scores as any judge.
    assert client.get(score_url(scoring_round, units["donghai"])).status_code == 200


def test_a_judge_from_a_sub_unit_does_not_score_its_parent_county(scoring_round, units, django_user_model):
    from jixiao.units.models import Unit, UnitLevel
    from tests.assessment.conftest import make_judge

    township = Unit.objects.create(name="东海县某镇科协", level=UnitLevel.SUB_UNIT, parent=units["donghai"])
    user = django_user_model.objects.create_user("township_judge")
    judge = make_judge(scoring_round, user, 3, township)

    with pytest.raises(ScoreRefused, match="被考核单位是评委所在单位的上级单位"):
        save_score(judge, units["donghai"], scoring_round.scheme.items.get(number=1), "3")


def test_a_declared_conflict_removes_the_judges_scores_for_that_county(scoring_round, city_judge, lianyungang_judge, client_for, units):
    score_all(city_judge, units["haizhou"], lambda item: item.points)
    client = client_for(lianyungang_judge)

    client.post(f"/assessment/rounds/{scoring_round.pk}/score/conflicts/", {"unit": units["haizhou"].pk, "reason": "曾在海州区科协任职"})

    assert stored(city_judge, units["haizhou"]) == {}
    assert client.get(score_url(scoring_round, units["haizhou"])).status_code == 404
    tiles = {entry["unit"].display_name: entry["reason"] for entry in client.get(f"/assessment/rounds/{scoring_round.pk}/score/").context["counties"]}
    assert tiles["海州区"] == "评委已声明回避：曾在海州区科协任职"


def test_after_the_round_closes_no_score_can_change(scoring_round, city_judge, lianyungang_judge, lianyungang_office, client_for, units):
    item_1 = scoring_round.scheme.items.get(number=1)
    save_score(city_judge, units["donghai"], item_1, "3")
    rounds.close_round(scoring_round, lianyungang_office)
    client = client_for(lianyungang_judge)

    autosave = client.post(score_url(scoring_round, units["donghai"], item_1), {f"score-{item_1.pk}": "4"})
    full_form = client.post(score_url(scoring_round, units["donghai"]), {f"score-{item_1.pk}": "4"})

    assert "评分已关闭，不能再修改" in autosave.content.decode()
    assert full_form.status_code == 409
    assert stored(city_judge, units["donghai"]) == {1: Decimal(3)}
    assert 'disabled' in client.get(score_url(scoring_round, units["donghai"])).content.decode()


def test_before_on_site_scoring_starts_nothing_can_be_scored(round_2018, city_judge, units):
    with pytest.raises(ScoreRefused, match="现场评审尚未开始"):
        save_score(city_judge, units["donghai"], round_2018.scheme.items.get(number=1), "3")


def test_a_person_without_a_judge_role_is_no_judge_even_with_a_judge_record(scoring_round, city_judge, lianyungang_judge, client_for):
    lianyungang_judge.roles.all().delete()

    assert client_for(lianyungang_judge).get(f"/assessment/rounds/{scoring_round.pk}/score/").status_code == 404


def test_the_scoring_page_has_the_presentation_and_question_timers(scoring_round, city_judge, lianyungang_judge, client_for, units):
    text = client_for(lianyungang_judge).get(score_url(scoring_round, units["donghai"])).content.decode()

    assert '现场陈述</span><output>15:00</output>' in text
    assert '现场答辩</span><output>5:00</output>' in text


def test_the_office_sees_who_has_scored_whom(scoring_round, city_judge, guanyun_judge, lianyungang_office, client_for, units):
    score_all(city_judge, units["donghai"], lambda item: 1)
    save_score(city_judge, units["guanyun"], scoring_round.scheme.items.get(number=1), "1")

    response = client_for(lianyungang_office).get(f"/assessment/rounds/{scoring_round.pk}/progress/", HTTP_HX_REQUEST="true")

    rows = {row["judge"].name: [cell["text"] for cell in row["cells"]] for row in response.context["rows"]}
    assert rows["lianyungang_judge"] == ["23/23", "1/23", "0/23", "0/23", "0/23", "0/23"]
    assert rows["灌云评委张三"] == ["0/23", "回避", "0/23", "0/23", "0/23", "0/23"]
    assert 'hx-trigger="every 10s"' in response.content.decode()


def test_after_closing_but_before_publication_a_judge_sees_only_their_own_scores(
    closed_round, city_judge, lianyungang_judge, client_for, units
):
    page = client_for(lianyungang_judge).get(score_url(closed_round, units["donghai"]))
    cards = {card["row"].item.number: card for card in page.context["cards"]}
    assert (cards[20]["value"], cards[20]["panel_mean"]) == ("9", None)
    text = page.content.decode()
    # Neither the panel mean (9.00, from which the others' 8 and 10 follow) nor any other figure of the others.
    assert "评委组加权平均" not in text and "9.00" not in text
    assert "结果公布前不显示评委组平均分或其他评委的分数" in text
    assert "机关评委李四" not in text and "灌云评委张三" not in text
    for other in ("results/", "fairness/", "ranking.xlsx", f"results/{units['donghai'].pk}/"):
        assert client_for(lianyungang_judge).get(f"/assessment/rounds/{closed_round.pk}/{other}").status_code == 404


def test_after_publication_a_judge_sees_the_panels_mean_per_item_but_no_other_judges_score_or_name(
    closed_round, city_judge, lianyungang_judge, lianyungang_office, client_for, units
):
    rounds.publish_round(closed_round, lianyungang_office, 2)
    page = client_for(lianyungang_judge).get(score_url(closed_round, units["donghai"]))

    cards = {card["row"].item.number: card for card in page.context["cards"]}
    # Item 20 on Donghai: his own 9; the department judge 8 and the Guanyun judge 10 → 40% × 9 + 30% × 8 + 30% × 10 = 9.00.
    assert (cards[20]["value"], cards[20]["panel_mean"]) == ("9", "9.00")
    text = page.content.decode()
    assert "评委组加权平均：9.00" in text
    assert "机关评委李四" not in text and "灌云评委张三" not in text
    assert f'name="score-{cards[20]["row"].item.pk}" value="9"' in text


def test_while_judges_score_the_office_sees_progress_but_no_values(scoring_round, city_judge, lianyungang_office, client_for, units):
    score_all(city_judge, units["donghai"], lambda item: 1)
    office = client_for(lianyungang_office)
    base = f"/assessment/rounds/{scoring_round.pk}/"
    for page in ("results/", "fairness/", f"results/{units['donghai'].pk}/", "ranking.xlsx"):
        response = office.get(base + page)
        assert response.status_code == 200, page
        text = response.content.decode()
        assert "评分关闭前不显示任何分数、排名或统计" in text, page
        assert "23.00" not in text and "ranking" not in text.lower().split("<main>")[1], page
    board = office.get(base + "progress/").content.decode()
    assert "23/23" in board and "23.00" not in board
