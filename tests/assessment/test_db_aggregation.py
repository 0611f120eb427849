"""Scores stored in the database give the hand-worked results, the same on SQLite and PostgreSQL.

Means, trimmed means and medians are computed in Python with Decimal from the
stored scores, never by the database, so 94.225 rounds to 94.23 on both.
"""

from decimal import Decimal

import pytest
from django.db import connection

from jixiao.assessment import rounds
from jixiao.assessment.domain.fairness import judge_deviations
from jixiao.assessment.domain.numbers import median
from tests.assessment.conftest import make_judge, score_all

# Each judge gives full points except the deductions listed (item number → points off).
CITY = [{20: 5}, {20: 10}, {20: 11, 7: 1}, {20: 2}, {20: 11, 7: 8}]  # totals 95, 90, 88, 98, 81
DEPARTMENTS = [{20: 3}, {20: Decimal("6.5")}]  # 97, 93.5
COUNTY_JUDGES = {"guanyun": {7: 4}, "haizhou": {7: Decimal("2.5")}}  # 96, 97.5


@pytest.fixture
def hand_panel(scoring_round, units, django_user_model, lianyungang_office):
    """Five city leaders, two department judges, the Guanyun and Haizhou county judges; Donghai and Guanyun scored."""
    round_ = scoring_round
    round_.judges.all().delete()
    judges = []
    for number, deductions in enumerate(CITY, start=1):
        judges.append((make_judge(round_, django_user_model.objects.create_user(f"leader_{number}"), 1, units["lianyungang"]), deductions))
    for number, deductions in enumerate(DEPARTMENTS, start=1):
        judges.append((make_judge(round_, django_user_model.objects.create_user(f"dept_{number}"), 2, units["lianyungang"]), deductions))
    for key, deductions in COUNTY_JUDGES.items():
        judges.append((make_judge(round_, django_user_model.objects.create_user(f"county_{key}"), 3, units[key]), deductions))
    for judge, deductions in judges:
        for county in ("donghai", "guanyun"):
            if judge.home_unit == units[county]:
                continue
            score_all(judge, units[county], lambda item, d=deductions: item.points - d.get(item.number, 0))
    return round_


def set_drop_extremes(round_, value):
    scheme = round_.scheme
    scheme.drop_extremes = value
    scheme.save()


def final_of(outcome, unit):
    return outcome.result(unit.pk).final


def check_hand_values(round_, units):
    plain = rounds.compute(round_)
    # Leaders 452/5 = 90.4; departments 95.25; counties (96 + 97.5)/2 = 96.75 → 36.16 + 28.575 + 29.025 = 93.76
    assert final_of(plain, units["donghai"]) == Decimal("93.76")
    # Guanyun's own judge is excluded: counties 97.5 → 36.16 + 28.575 + 29.25 = 93.985 → 93.99
    assert final_of(plain, units["guanyun"]) == Decimal("93.99")

    set_drop_extremes(round_, True)
    trimmed = rounds.compute(round_)
    # Leaders without 98 and 81: (95 + 90 + 88)/3 = 91 → 36.4 + 28.575 + 29.025 = 94.00
    assert final_of(trimmed, units["donghai"]) == Decimal("94.00")
    # 36.4 + 28.575 + 29.25 = 94.225 → 94.23 (half up, exactly: no binary floating point on the way)
    assert final_of(trimmed, units["guanyun"]) == Decimal("94.23")
    leaders = trimmed.result(units["donghai"].pk).groups[0]
    assert [judge.status for judge in leaders.judges] == ["kept", "kept", "kept", "dropped_high", "dropped_low"]

    totals = [judge.total for judge in plain.result(units["donghai"].pk).groups[0].judges]
    assert median(totals) == Decimal(90)
    # Each judge is measured on the counties he scored in full: the Guanyun judge only on Donghai.
    assert [row.counties for row in judge_deviations(plain.results)] == [2, 2, 2, 2, 2, 2, 2, 1, 2]
    # The counties nobody scored are not ranked, and say why.
    assert plain.result(units["lianyun"].pk).notes == ["尚无评委评完全部项目"]


def test_stored_scores_give_the_hand_worked_results(hand_panel, units):
    check_hand_values(hand_panel, units)


@pytest.mark.postgres
def test_stored_scores_give_the_same_hand_worked_results_on_postgresql(hand_panel, units):
    assert connection.vendor == "postgresql"
    check_hand_values(hand_panel, units)
