"""The sums family: parts add up to the total, within 0.01 per printed term."""

from decimal import Decimal as D

from jixiao.checks.registry import RULES, Amount, Place
from jixiao.checks.rules.sums import headcount_split, scores_sum, sum_of_parts, total_of


def amount(value, ref):
    return Amount(D(value), Place(ref, ref))


def test_parts_that_add_up_give_nothing():
    assert sum_of_parts(amount("1003.30", "total"), [amount("359.39", "basic"), amount("643.91", "project")], "支出合计") is None


def test_a_cent_per_term_is_a_rounding_warning():
    # Yueyang 2017: the summary states 基本支出 359.39; its three sub-units add up to 359.40.
    result = sum_of_parts(
        amount("359.39", "summary"), [amount("283.54", "office"), amount("23.88", "centre"), amount("51.98", "museum")], "基本支出",
    )
    assert (result.code, result.severity) == ("sum.rounding", "warning")
    assert result.message == "基本支出：所列 359.39 ≠ 283.54 + 23.88 + 51.98 = 359.40，差 -0.01（在 3 项各 0.01 的尾差范围内）"
    assert result.data == {"stated": "359.39", "computed": "359.40", "difference": "-0.01"}
    assert [place.ref for place in result.places] == ["summary", "office", "centre", "museum"]


def test_more_than_a_cent_per_term_is_an_error():
    result = sum_of_parts(amount("100.03", "total"), [amount("50.00", "a"), amount("50.00", "b")], "收入合计")
    assert (result.code, result.severity) == ("sum.parts", "error")
    assert result.message == "收入合计：所列 100.03 ≠ 50.00 + 50.00 = 100.00，差 0.03"
    assert result.fix == RULES["sum.parts"].fix != ""


def test_a_partial_list_short_of_the_total_is_a_warning_but_over_it_stays_an_error():
    short = sum_of_parts(amount("100.00", "t"), [amount("60.00", "a")], "项目资金", exhaustive=False)
    assert (short.code, short.severity) == ("report.parts_short", "warning")
    assert short.message == "项目资金 100.00，“其中”所列各项之和 60.00，少 40.00（若只列了部分项目可忽略）"
    over = sum_of_parts(amount("100.00", "t"), [amount("160.00", "a")], "项目资金", exhaustive=False)
    assert over.code == "sum.parts"


def test_scores_add_up_to_the_total_within_a_cent_each():
    parts = [amount("9.26", "exec"), amount("48.40", "output"), amount("28.50", "outcome"), amount("10.00", "sat")]
    assert scores_sum(amount("96.16", "total"), parts) is None
    assert scores_sum(amount("96.20", "total"), parts) is None  # 0.04 over four terms
    result = scores_sum(amount("98.00", "total"), parts)
    assert (result.code, result.severity) == ("report.score_sum", "error")
    assert result.message == "各项得分 9.26 + 48.40 + 28.50 + 10.00 = 96.16 分，总分却为 98.00 分"


def test_headcount_split_is_exact():
    place = Place("岳阳市科协 · 人员编制", "uy:1:authorized_staff")
    assert headcount_split(28, 11, 17, "岳阳市科协人员编制", place, "staff") is None
    result = headcount_split(28, 11, 16, "岳阳市科协人员编制", place, "staff")
    assert (result.code, result.severity, result.message) == (
        "accounts.staff_split", "error", "岳阳市科协人员编制共 28 人 ≠ 行政编 11 + 事业编 16 = 27")


def test_total_of_skips_missing_values_not_zeroes():
    assert total_of([D("1.10"), None, D("0"), D("2.25")]) == D("3.35")
