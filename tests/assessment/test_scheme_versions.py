"""An issued scheme is frozen: changes make a new version with a reason; a scheme can be copied to a new year."""

from decimal import Decimal

import pytest

from jixiao.assessment import rounds, schemes
from jixiao.assessment.models import Judge, Scheme, SchemeStatus


def test_a_new_version_needs_a_reason_and_starts_as_a_copy(issued_2018, lianyungang_office):
    with pytest.raises(schemes.SchemeRefused) as refused:
        schemes.new_version(issued_2018, "  ", lianyungang_office)
    assert refused.value.reasons == ["请填写修改原因"]

    version_2 = schemes.new_version(issued_2018, "第5项场次调整", lianyungang_office)

    assert (version_2.version, version_2.status, version_2.change_reason) == (2, SchemeStatus.DRAFT, "第5项场次调整")
    assert version_2.previous == issued_2018
    assert version_2.items.count() == 23
    assert version_2.items.get(number=5).measures.get().thresholds.count() == 6
    assert schemes.scheme_report(version_2).ok


def test_issuing_the_new_version_supersedes_the_old_and_moves_the_round(issued_2018, lianyungang_office, lianyungang_judge, units):
    round_ = rounds.open_round(issued_2018, lianyungang_office)
    Judge.objects.create(round=round_, user=lianyungang_judge, group=issued_2018.judge_groups.get(number=1), home_unit=units["lianyungang"])
    version_2 = schemes.new_version(issued_2018, "第5项场次调整", lianyungang_office)

    schemes.issue(version_2, lianyungang_office)

    issued_2018.refresh_from_db()
    round_.refresh_from_db()
    assert issued_2018.status == SchemeStatus.SUPERSEDED
    assert round_.scheme == version_2
    assert round_.judges.get().group.scheme == version_2
    assert [(event.get_kind_display(), event.reason) for event in round_.events.all()] == [
        ("开始填报", ""), ("启用新版本考核办法", "第5项场次调整"),
    ]


def test_a_new_version_cannot_replace_the_old_once_judges_have_scored(issued_2018, lianyungang_office, lianyungang_judge, units):
    round_ = rounds.open_round(issued_2018, lianyungang_office)
    judge = Judge.objects.create(round=round_, user=lianyungang_judge, group=issued_2018.judge_groups.get(number=1), home_unit=units["lianyungang"])
    judge.scores.create(unit=units["donghai"], item=issued_2018.items.get(number=1), score=Decimal(3))
    version_2 = schemes.new_version(issued_2018, "改分值", lianyungang_office)

    with pytest.raises(schemes.SchemeRefused) as refused:
        schemes.issue(version_2, lianyungang_office)

    assert refused.value.reasons == ["本年度考核已有县区填报或评委评分，不能再启用新版本的考核办法"]
    issued_2018.refresh_from_db()
    assert issued_2018.status == SchemeStatus.ISSUED


def test_copying_to_a_new_year_makes_a_draft_without_the_old_document_number(issued_2018, lianyungang_office):
    copy = schemes.copy_to_year(issued_2018, 2019, lianyungang_office)

    assert (copy.year, copy.version, copy.status, copy.document_number) == (2019, 1, SchemeStatus.DRAFT, "")
    assert copy.title == "2019年度县（区）科协工作目标考核办法"
    assert copy.items.count() == 23 and copy.bonus_items.count() == 3 and copy.judge_groups.count() == 3
    with pytest.raises(schemes.SchemeRefused) as refused:
        schemes.copy_to_year(issued_2018, 2019, lianyungang_office)
    assert refused.value.reasons == ["2019年度已有考核办法，不能再复制"]
    assert Scheme.objects.filter(year=2018).get() == issued_2018
