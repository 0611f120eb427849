"""The results page reads the ranking stored when its inputs last changed: closing, each adjustment, publishing.
It shows what a fresh computation gives, at once after every change, and its query count does not grow with the
number of counties or scores."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from jixiao.assessment import rounds
from jixiao.assessment.models import Ranking
from jixiao.assessment.views.results import RANKING_PAGE_SIZE
from jixiao.units.models import Unit
from tests.assessment.test_results import url


def shown_finals(client, round_):
    """Unit name → (rank, final) as the results page prints them."""
    response = client.get(url(round_, "results/"))
    assert response.status_code == 200
    return {row["unit"].name: (row["rank"], row["final"]) for row in response.context["rows"]}


def computed_finals(round_):
    outcome = rounds.compute(round_, item_scores_of=[])
    return {outcome.units[entry.unit_id].name: (entry.rank, str(entry.final)) for entry in outcome.ranked}


def test_closing_the_round_stores_the_ranking_the_page_then_shows(closed_round, lianyungang_office, client_for):
    assert Ranking.objects.filter(round=closed_round).exists()
    shown = shown_finals(client_for(lianyungang_office), closed_round)
    assert shown == computed_finals(closed_round)


def test_a_bonus_shows_on_the_page_at_once(closed_round, lianyungang_office, client_for, units):
    office = client_for(lianyungang_office)
    haizhou = units["haizhou"]
    bonus_3 = closed_round.scheme.bonus_items.get(number=3)
    office.post(url(closed_round, f"results/{haizhou.pk}/adjust/"),
                {"what": "bonus", "bonus_item": bonus_3.pk, "points": "1.5", "evidence": "信息被中国科协网站采用"})

    shown = shown_finals(office, closed_round)
    # Haizhou 97.00 + 1.5 = 98.50, above Guannan's 98.40: first.
    assert shown[haizhou.name] == (1, "98.50")
    assert shown == computed_finals(closed_round)


def test_a_veto_and_its_lifting_show_on_the_page_at_once(closed_round, lianyungang_office, client_for, units):
    office = client_for(lianyungang_office)
    guannan = units["guannan"]
    adjust = url(closed_round, f"results/{guannan.pk}/adjust/")
    office.post(adjust, {"what": "veto", "reason": "年内发生重大安全事故", "meeting": "市科协主席办公会（2019年1月15日）"})
    assert shown_finals(office, closed_round)[guannan.name][0] is None

    office.post(adjust, {"what": "remove_veto"})
    assert shown_finals(office, closed_round)[guannan.name] == (1, "98.40")


def test_after_publishing_no_adjustment_is_taken_even_by_calling_the_domain(closed_round, lianyungang_office, units):
    published = rounds.publish_round(closed_round, lianyungang_office, 2)
    bonus_3 = closed_round.scheme.bonus_items.get(number=3)

    with pytest.raises(rounds.RoundRefused, match="结果已公布"):
        rounds.award_bonus(published, units["haizhou"], lianyungang_office, bonus_item=bonus_3, points=Decimal(1), evidence="x")
    with pytest.raises(rounds.RoundRefused, match="结果已公布"):
        rounds.lift_veto(published, units["guannan"])


def test_reopening_drops_the_stored_ranking_and_closing_again_stores_a_new_one(closed_round, lianyungang_office):
    reopened = rounds.reopen_round(closed_round, "评委补录评分", lianyungang_office)
    assert not Ranking.objects.filter(round=reopened).exists()

    rounds.close_round(reopened, lianyungang_office)
    assert Ranking.objects.get(round=reopened).rows.count() == reopened.assessed_units.count()


def test_a_round_closed_without_a_stored_ranking_gets_one_on_first_view(closed_round, lianyungang_office, client_for):
    Ranking.objects.filter(round=closed_round).delete()
    assert shown_finals(client_for(lianyungang_office), closed_round) == computed_finals(closed_round)
    assert Ranking.objects.filter(round=closed_round).exists()


def test_the_page_reads_the_same_number_of_queries_with_many_more_counties(closed_round, lianyungang_office, client_for):
    office = client_for(lianyungang_office)
    office.get(url(closed_round, "results/"))  # the session and the stored ranking are warm
    with CaptureQueriesContext(connection) as few:
        office.get(url(closed_round, "results/"))

    # 250 more counties, unscored: stored in the ranking as incomplete, and the page pages through them.
    parent = closed_round.scheme.issuing_unit
    more = [Unit.objects.create(name=f"测试县{n}科学技术协会", short_name=f"测试县{n}", level="county", parent=parent)
            for n in range(250)]
    reopened = rounds.reopen_round(closed_round, "增加考核对象", lianyungang_office)
    reopened.assessed_units.add(*more)
    rounds.close_round(reopened, lianyungang_office)
    with CaptureQueriesContext(connection) as many:
        response = office.get(url(reopened, "results/"))

    assert len(many.captured_queries) == len(few.captured_queries)
    assert len(response.context["rows"]) == RANKING_PAGE_SIZE
    assert response.context["page"].paginator.count == reopened.assessed_units.count()
    last = office.get(url(reopened, f"results/?page={response.context['page'].paginator.num_pages}"))
    assert f"共 {reopened.assessed_units.count()} 个单位" in last.content.decode()
