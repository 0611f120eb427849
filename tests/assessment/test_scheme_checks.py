"""The scheme's sums are checked before it is issued, and a scheme whose sums fail is refused with the reason."""

from decimal import Decimal

import pytest

from jixiao.assessment import schemes
from jixiao.assessment.domain.scheme import CategorySpec, GroupSpec, ItemSpec, SchemeSpec, check_scheme
from jixiao.assessment.models import SchemeStatus


def test_the_2018_scheme_passes_every_check_with_the_documents_sums(draft_2018):
    report = schemes.scheme_report(draft_2018)

    assert report.errors == []
    assert [(line.label, line.formula) for line in report.sums] == [
        ("各考核类别分值之和等于基础分", "13 + 28 + 26 + 7 + 26 = 100"),
        ("「为科技工作者服务」各项分值之和等于 13", "4 + 5 + 2 + 2 = 13"),
        ("「为创新驱动发展服务」各项分值之和等于 28", "3 + 3 + 8 + 4 + 6 + 4 = 28"),
        ("「为提高全民科学素质服务」各项分值之和等于 26", "4 + 5 + 4 + 4 + 2 + 7 = 26"),
        ("「为党和政府科学决策服务」各项分值之和等于 7", "3 + 4 = 7"),
        ("「加强自身建设」各项分值之和等于 26", "5 + 11 + 2 + 5 + 3 = 26"),
        ("加分项目最高分之和不小于加分上限 10", "4 + 4 + 2 = 10"),
        ("评委组权重之和等于 100%", "40% + 30% + 30% = 100%"),
    ]


def test_issuing_the_2018_scheme_freezes_it(draft_2018, lianyungang_office):
    issued = schemes.issue(draft_2018, lianyungang_office)

    assert issued.status == SchemeStatus.ISSUED
    assert issued.is_frozen
    with pytest.raises(schemes.SchemeRefused) as refused:
        schemes.issue(issued, lianyungang_office)
    assert refused.value.reasons == ["该考核办法已下达，不能重复下达；如需修改请生成新版本"]


def test_a_scheme_whose_items_do_not_add_up_is_refused_with_the_reason(draft_2018, lianyungang_office):
    item_5 = draft_2018.items.get(number=5)
    item_5.points = Decimal("4")
    item_5.save()
    group = draft_2018.judge_groups.get(number=3)
    group.weight = Decimal("20")
    group.save()

    with pytest.raises(schemes.SchemeRefused) as refused:
        schemes.issue(draft_2018, lianyungang_office)

    assert refused.value.reasons == [
        "「为创新驱动发展服务」各项（第5、6、7、8、9、10项）分值之和 4 + 3 + 8 + 4 + 6 + 4 = 29 ≠ 28，应等于类别分值 28",
        "评委组权重之和 40% + 30% + 20% = 90% ≠ 100%（市科协领导 40%、机关各部门 30%、县区科协 20%），应为 100%",
    ]
    draft_2018.refresh_from_db()
    assert draft_2018.status == SchemeStatus.DRAFT


def spec(**changes):
    values = {
        "base_points": Decimal(10),
        "bonus_cap": Decimal(2),
        "step": Decimal("0.5"),
        "categories": [CategorySpec(1, "甲", Decimal(6)), CategorySpec(2, "乙", Decimal(4))],
        "items": [ItemSpec(1, 1, Decimal(6)), ItemSpec(2, 2, Decimal(4))],
        "bonus_caps": [Decimal(1), Decimal(1)],
        "groups": [GroupSpec("领导", Decimal(60)), GroupSpec("部门", Decimal(40))],
    }
    values.update(changes)
    return SchemeSpec(**values)


def messages(report):
    return [error.message for error in report.errors]


def test_a_small_consistent_scheme_passes():
    assert messages(check_scheme(spec())) == []


def test_categories_that_miss_the_base_points_are_refused():
    report = check_scheme(spec(base_points=Decimal(12)))
    assert messages(report) == ["各考核类别分值之和 6 + 4 = 10 ≠ 12，应等于基础分 12（差 -2）"]


def test_bonus_items_that_cannot_reach_the_cap_or_exceed_it_are_refused():
    assert messages(check_scheme(spec(bonus_caps=[Decimal(1)]))) == [
        "加分项目最高分之和 1 = 1 ≠ 2，小于加分上限 2，加分上限无法达到"
    ]
    assert messages(check_scheme(spec(bonus_caps=[Decimal(3), Decimal(1)]))) == ["加分项目1最高 3 分，超过加分上限 2 分"]


def test_item_points_off_the_scoring_step_are_refused():
    report = check_scheme(spec(items=[ItemSpec(1, 1, Decimal("5.75")), ItemSpec(2, 1, Decimal("0.25")), ItemSpec(3, 2, Decimal(4))]))
    assert messages(report) == [
        "第1项分值 5.75 不是评分步长 0.5 的整数倍",
        "第2项分值 0.25 不是评分步长 0.5 的整数倍",
    ]


def test_routine_weight_and_dropping_extremes_must_be_workable():
    report = check_scheme(spec(routine_weight=Decimal(100), drop_extremes=True, drop_extremes_min_judges=2))
    assert messages(report) == [
        "平时工作情况权重 100% 须不小于 0% 且小于 100%",
        "去掉最高分和最低分时，每组至少要有 3 名评委（去掉两名后仍有评分）",
    ]
