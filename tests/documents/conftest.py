import pytest

from jixiao.evaluations.models import SelfEvaluation


@pytest.fixture
def source_evaluations(source_accounts):
    """The demo goals and self-evaluations on top of the source accounts."""

    return source_accounts


@pytest.fixture
def yueyang_evaluation(source_evaluations):
    return SelfEvaluation.objects.get(goal__unit_year__unit=source_evaluations["yueyang"], goal__unit_year__fiscal_year=2017)


@pytest.fixture
def lishui_talent_evaluation(source_evaluations):
    return SelfEvaluation.objects.get(goal__unit_year__unit=source_evaluations["lishui"], goal__name="人才发展专项")
