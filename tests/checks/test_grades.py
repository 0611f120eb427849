"""The grades family: bands come from the scoring scheme, never from the family itself."""

from decimal import Decimal as D

import pytest

from jixiao.checks.registry import Amount, Place
from jixiao.checks.rules import grades
from jixiao.scoring import engine
from jixiao.scoring.schemes import ScoringScheme
from tests.scoring.shipped import HUNAN_2017, MOF_2020


@pytest.mark.parametrize(("score", "grade"), [
    ("100", "优"), ("90", "优"), ("89.99", "良"), ("80", "良"), ("79.99", "中"), ("60", "中"), ("59.99", "差"), ("0", "差"),
])
def test_mof_bands(score, grade):
    assert grades.grade_for(D(score), MOF_2020.grade_bands) == grade
    assert engine.grade_for(D(score), MOF_2020) == grade


def test_a_scheme_with_other_bands_grades_by_its_own():
    strict = ScoringScheme(code="strict", name="严格", execution_points=D("10"), category_points={},
                           grade_bands=((D("95"), "优"), (D("85"), "良"), (D("0"), "差")))
    assert grades.grade_for(D("92"), strict.grade_bands) == "良"
    assert engine.grade_for(D("92"), strict) == "良"
    assert engine.grade_for(D("92"), HUNAN_2017) == "优"


def test_grade_in_band_reads_the_words_reports_use():
    score = Amount(D("88"), Place("自评得分", "s"))
    assert grades.grade_in_band(score, "良好", Place("评价等次", "g"), MOF_2020.grade_bands) is None
    result = grades.grade_in_band(score, "优秀", Place("评价等次", "g"), MOF_2020.grade_bands)
    assert (result.code, result.severity, result.message) == ("grade.band", "error", "得分 88 对应等次为“良”，所列为“优秀”")


def test_score_ceiling_and_high_grade_with_low_execution():
    score = Amount(D("98"), Place("自评得分", "s"))
    assert grades.score_within_ceiling(score, D("98.00"), "80.0%", D("10")) is None
    above = grades.score_within_ceiling(score, D("97.00"), "70.0%", D("10"))
    assert (above.code, above.severity) == ("report.score_above_execution", "warning")
    bands = MOF_2020.grade_bands
    low = grades.low_execution_grade(D("70"), "优", (score.place,), bands, score=score.value)
    assert (low.code, low.message) == ("grade.low_execution", "总体预算执行率仅 70.0%，自评却为 98 分“优”")
    assert grades.low_execution_grade(D("85"), "优", (), bands, score=score.value) is None
    # Any grade above 中 counts, not only 优: 良 beside 50 % is asked about; 中 is not.
    assert grades.low_execution_grade(D("50"), "良好", (), bands).code == "grade.low_execution"
    assert grades.low_execution_grade(D("50"), "中", (), bands, score=D("75")) is None
