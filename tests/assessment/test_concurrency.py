"""Thirty judges saving at once on PostgreSQL: no score lost, none duplicated.

Each judge saves every item from two browser tabs at the same moment, in
opposite orders, so the same row is written concurrently; the unique
constraint and the round lock must leave exactly one row per (judge, unit,
item), holding the value typed.
"""

import threading
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client

from jixiao.assessment import rounds, schemes
from jixiao.assessment.models import ItemScore, Judge
from jixiao.sources import lianyungang_2018
from jixiao.units.models import Role, RoleKind

JUDGES = 30


def expected_score(judge_number, item):
    # Something different per judge and item, always within the item's points and on the 0.5 step.
    return min(item.points, Decimal(judge_number % 7) / 2 + 1)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_thirty_judges_saving_at_once_lose_nothing_and_duplicate_nothing(units, django_user_model):
    assert connection.vendor == "postgresql"
    office = django_user_model.objects.create_user("office")
    counties = {key: units[key] for key in lianyungang_2018.COUNTIES.values()}
    scheme = schemes.issue(schemes.load_source(lianyungang_2018, units["lianyungang"], counties), office)
    round_ = rounds.open_round(scheme, office)
    group = scheme.judge_groups.get(number=1)
    judges = []
    for number in range(JUDGES):
        user = django_user_model.objects.create_user(f"judge_{number}")
        Role.objects.create(user=user, unit=units["lianyungang"], kind=RoleKind.JUDGE)
        judges.append(Judge.objects.create(round=round_, user=user, group=group, home_unit=units["lianyungang"]))
    rounds.start_scoring(round_, office)
    items = list(scheme.items.all())
    donghai = units["donghai"]
    start = threading.Barrier(JUDGES * 2)
    failures = []

    def tab(number, judge, ordered_items):
        try:
            client = Client()
            client.force_login(judge.user)
            start.wait()
            for item in ordered_items:
                response = client.post(
                    f"/assessment/rounds/{round_.pk}/score/{donghai.pk}/items/{item.pk}/",
                    {f"score-{item.pk}": str(expected_score(number, item))},
                )
                if response.status_code != 200 or "已保存" not in response.content.decode():
                    failures.append((number, item.number, response.status_code))
        except Exception as error:  # noqa: BLE001  (any failure in a thread must reach the assertion)
            failures.append((number, repr(error)))
        finally:
            connection.close()

    threads = [
        threading.Thread(target=tab, args=(number, judge, order))
        for number, judge in enumerate(judges)
        for order in (items, list(reversed(items)))
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert failures == []
    assert ItemScore.objects.count() == JUDGES * len(items)
    stored = {(score.judge_id, score.item_id): score.score for score in ItemScore.objects.all()}
    assert stored == {
        (judge.pk, item.pk): expected_score(number, item) for number, judge in enumerate(judges) for item in items
    }


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_closing_waits_for_a_save_in_flight_and_judges_do_not_wait_for_each_other(units, django_user_model):
    from django.db import transaction

    from jixiao.assessment.models import RoundStatus
    from jixiao.assessment.scoring import ScoreRefused, lock_for_saving, save_score

    assert connection.vendor == "postgresql"
    office = django_user_model.objects.create_user("office")
    counties = {key: units[key] for key in lianyungang_2018.COUNTIES.values()}
    scheme = schemes.issue(schemes.load_source(lianyungang_2018, units["lianyungang"], counties), office)
    round_ = rounds.open_round(scheme, office)
    group = scheme.judge_groups.get(number=1)
    judges = []
    for number in range(2):
        user = django_user_model.objects.create_user(f"judge_{number}")
        Role.objects.create(user=user, unit=units["lianyungang"], kind=RoleKind.JUDGE)
        judges.append(Judge.objects.create(round=round_, user=user, group=group, home_unit=units["lianyungang"]))
    rounds.start_scoring(round_, office)
    item = scheme.items.get(number=1)
    donghai = units["donghai"]
    in_flight, release, closed = threading.Event(), threading.Event(), threading.Event()
    errors = []

    def slow_save():
        # Judge 0's save holds its locks until released, as a save caught mid-way would.
        try:
            with transaction.atomic():
                assert lock_for_saving(judges[0]) == RoundStatus.SCORING
                in_flight.set()
                release.wait(10)
                ItemScore.objects.create(judge=judges[0], unit=donghai, item=item, score=Decimal(3))
        except Exception as error:  # noqa: BLE001
            errors.append(repr(error))
        finally:
            connection.close()

    def close():
        try:
            rounds.close_round(round_, office)
            closed.set()
        except Exception as error:  # noqa: BLE001
            errors.append(repr(error))
        finally:
            connection.close()

    saver = threading.Thread(target=slow_save)
    saver.start()
    assert in_flight.wait(10)
    # Another judge saves meanwhile without waiting for judge 0.
    other = threading.Thread(target=lambda: (save_score(judges[1], donghai, item, "4"), connection.close()))
    other.start()
    other.join(5)
    assert not other.is_alive()
    closer = threading.Thread(target=close)
    closer.start()
    assert not closed.wait(1), "关闭评分未等待进行中的评分保存"
    release.set()
    saver.join(10)
    closer.join(10)

    assert errors == [] and closed.is_set()
    assert {(score.judge_id, score.score) for score in ItemScore.objects.all()} == {(judges[0].pk, Decimal(3)), (judges[1].pk, Decimal(4))}
    with pytest.raises(ScoreRefused, match="评分已关闭，不能再修改"):
        save_score(Judge.objects.get(pk=judges[1].pk), donghai, item, "2")
