import pytest

from jixiao.assessment import rounds, schemes
from jixiao.assessment.models import Judge
from jixiao.assessment.scoring import save_score
from jixiao.sources import lianyungang_2018
from jixiao.units.models import Role, RoleKind


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    """Uploaded evidence goes to a temporary folder, never to var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def county_units(units):
    return {key: units[key] for key in lianyungang_2018.COUNTIES.values()}


@pytest.fixture
def draft_2018(units, county_units):
    """Lianyungang's 2018 scheme as typed in from the document, not yet issued."""
    return schemes.load_source(lianyungang_2018, units["lianyungang"], county_units)


@pytest.fixture
def issued_2018(draft_2018, lianyungang_office):
    return schemes.issue(draft_2018, lianyungang_office)


@pytest.fixture
def round_2018(issued_2018, lianyungang_office):
    """The 2018 round, counties reporting."""
    return rounds.open_round(issued_2018, lianyungang_office)


def make_judge(round_, user, group_number, home_unit):
    Role.objects.get_or_create(user=user, unit=home_unit, kind=RoleKind.JUDGE)
    return Judge.objects.create(round=round_, user=user, group=round_.scheme.judge_groups.get(number=group_number), home_unit=home_unit)


@pytest.fixture
def city_judge(round_2018, lianyungang_judge, units):
    """lianyungang_judge, in the 市科协领导 group."""
    return Judge.objects.create(
        round=round_2018, user=lianyungang_judge, group=round_2018.scheme.judge_groups.get(number=1), home_unit=units["lianyungang"]
    )


@pytest.fixture
def guanyun_judge(round_2018, units, django_user_model):
    """A judge from 灌云县科协, in the 县区科协 group."""
    user = django_user_model.objects.create_user("guanyun_judge", password="pw-guanyun_judge", first_name="灌云评委张三")
    return make_judge(round_2018, user, 3, units["guanyun"])


@pytest.fixture
def department_judge(round_2018, units, django_user_model):
    user = django_user_model.objects.create_user("department_judge", password="pw-department_judge", first_name="机关评委李四")
    return make_judge(round_2018, user, 2, units["lianyungang"])


@pytest.fixture
def scoring_round(round_2018, city_judge, guanyun_judge, department_judge, lianyungang_office):
    """The 2018 round with three judges (one per group), on-site scoring open."""
    return rounds.start_scoring(round_2018, lianyungang_office)


def score_all(judge, unit, value_for_item):
    """Save a score for every item through the same path as the judge's page."""
    for item in judge.round.scheme.items.all():
        save_score(judge, unit, item, str(value_for_item(item)))


COUNTY_KEYS = ["donghai", "guanyun", "guannan", "ganyu", "haizhou", "lianyun"]
# Points each judge takes off item 20 (11 points), per county: the city judge, the department judge, the Guanyun judge
# (None: the Guanyun judge does not score his own county). Every other item gets full points.
DEDUCTIONS = {"donghai": (2, 3, 1), "guanyun": (4, 4, None), "guannan": (1, 2, 2), "ganyu": (6, 5, 7), "haizhou": (3, 3, 3), "lianyun": (8, 9, 10)}


def score_hand_worked(judges, units, skip=()):
    """Every judge scores every county as DEDUCTIONS says, except the (judge, county key) pairs in skip."""
    for key in COUNTY_KEYS:
        for judge, deduction in zip(judges, DEDUCTIONS[key], strict=True):
            if deduction is not None and (judge, key) not in skip:
                score_all(judge, units[key], lambda item, d=deduction: item.points - (d if item.number == 20 else 0))


@pytest.fixture
def scored_round(scoring_round, city_judge, department_judge, guanyun_judge, units):
    score_hand_worked((city_judge, department_judge, guanyun_judge), units)
    return scoring_round


@pytest.fixture
def closed_round(scored_round, lianyungang_office):
    return rounds.close_round(scored_round, lianyungang_office)
